"""Answers hold exactly the reference's shapes (keys, JSON types, nullability)."""

from . import shapes
from .conftest import JOB_SECONDS
from .shapes import check


def test_server_list_and_details(api, ids):
    """Every page item is the reduced list object; every server the full object."""
    reply = api.get('/servers', query={'limit': 7})
    check(reply.json, shapes.SERVER_LIST)
    for server_id in ids['order']:
        check(api.get(f'/servers/{server_id}').json, shapes.SERVER)
    check(api.servers(), [shapes.SERVER_LIST_ITEM])


def test_ips_and_null_routes(api, ids):
    """IP lists, single IPs and null route history of every kind of server."""
    for server_id in ids['order'][:26]:
        ips = api.get(f'/servers/{server_id}/ips').json
        check(ips, shapes.IP_LIST)
        address = ips['ips'][0]['ip'].split('/')[0]
        check(api.get(f'/servers/{server_id}/ips/{address}').json, shapes.IP)
        check(api.get(f'/servers/{server_id}/nullRouteHistory').json, shapes.NULL_ROUTE_LIST)
    server = ids['managed']
    address = api.get(f'/servers/{server}/ips').json['ips'][0]['ip'].split('/')[0]
    check(api.post(f'/servers/{server}/ips/{address}/null').json, shapes.IP)
    history = api.get(f'/servers/{server}/nullRouteHistory').json
    check(history, shapes.NULL_ROUTE_LIST)
    assert history['nullRoutes']


def test_network_interfaces(api, ids):
    """Switch-port views."""
    for key in ('managed', 'no_internal', 'unmanaged'):
        check(api.get(f'/servers/{ids[key]}/networkInterfaces').json, shapes.OPERATION_INTERFACE_LIST)
    check(api.get(f'/servers/{ids["managed"]}/networkInterfaces/internal').json, shapes.OPERATION_INTERFACE)


def test_jobs_of_every_type_and_state(api, ids):
    """install/rescueMode/hardwareScan/ipmiReset jobs, running, finished, failed, canceled."""
    server = ids['managed']
    check(api.get(f'/servers/{server}/jobs').json, shapes.JOB_LIST)
    bodies = {
        'install': {
            'operatingSystemId': 'DEBIAN_12_64BIT',
            'hostname': 'deb.example.com',
            'raid': {'type': 'SW', 'level': 1, 'numberOfDisks': 2},
            'partitions': [
                {'filesystem': 'swap', 'size': '4096'},
                {'mountpoint': '/', 'filesystem': 'ext4', 'size': '*'},
            ],
            'sshKeys': 'ssh-ed25519 AAAA test',
            'timezone': 'Europe/Amsterdam',
            'callbackUrl': 'https://example.com/cb',
        },
        'rescueMode': {'rescueImageId': 'GRML', 'password': 'rescue-pw'},
        'hardwareScan': {},
        'ipmiReset': {'powerCycle': False},
    }
    for job_type, body in bodies.items():
        started = api.post(f'/servers/{server}/{job_type}', body)
        assert started.status == 202, started
        check(started.json, shapes.JOB)
        assert started.json['status'] == 'ACTIVE'
        api.advance(JOB_SECONDS / 2)
        running = api.get(f'/servers/{server}/jobs/{started.json["uuid"]}').json
        check(running, shapes.JOB)
        assert running['status'] == 'ACTIVE' and running['currentTask'] is not None
        api.advance(JOB_SECONDS / 2)
        done = api.get(f'/servers/{server}/jobs/{started.json["uuid"]}').json
        check(done, shapes.JOB)
        assert done['status'] == 'FINISHED'
    api.next_job(server, outcome='FAILED', seconds=JOB_SECONDS)
    failed = api.post(f'/servers/{server}/hardwareScan', {}).json
    api.advance(JOB_SECONDS)
    failed = api.get(f'/servers/{server}/jobs/{failed["uuid"]}').json
    check(failed, shapes.JOB)
    assert failed['status'] == 'FAILED'
    api.next_job(server, outcome='HANG')
    api.post(f'/servers/{server}/ipmiReset', {})
    check(api.post(f'/servers/{server}/cancelActiveJob').json, shapes.JOB)
    check(api.get(f'/servers/{server}/jobs', query={'limit': 100}).json, shapes.JOB_LIST)


def test_leases_credentials_notifications_power(api, ids):
    """The smaller per-server objects."""
    server = ids['managed']
    api.post(f'/servers/{server}/leases', {'bootfile': 'http://example.com/boot.ipxe'})
    leases = api.get(f'/servers/{server}/leases').json
    check(leases, shapes.LEASE_LIST)
    assert len(leases['leases']) == 1
    check(api.get(f'/servers/{server}/credentials').json, shapes.CREDENTIAL_LIST)
    created = api.post(f'/servers/{server}/credentials', {'type': 'DATABASE', 'username': 'app', 'password': 'pw'}).json
    check(created, shapes.CREDENTIAL)
    check(api.get(f'/servers/{server}/credentials/DATABASE/app').json, shapes.CREDENTIAL)
    check(api.get(f'/servers/{server}/credentials/DATABASE').json, shapes.CREDENTIAL_LIST)
    for kind, unit, list_shape in (
        ('bandwidth', 'Mbps', shapes.BANDWIDTH_LIST),
        ('datatraffic', 'GB', shapes.DATATRAFFIC_LIST),
    ):
        base = f'/servers/{server}/notificationSettings/{kind}'
        made = api.post(base, {'frequency': 'DAILY', 'threshold': '5', 'unit': unit}).json
        check(made, shapes.NOTIFICATION)
        check(api.get(f'{base}/{made["id"]}').json, shapes.NOTIFICATION)
        check(api.get(base).json, list_shape)
        updated = api.put(f'{base}/{made["id"]}', {'frequency': 'MONTHLY', 'threshold': '6', 'unit': unit}).json
        check(updated, shapes.NOTIFICATION if kind == 'bandwidth' else shapes.NOTIFICATION_OPTS)
    check(api.get(f'/servers/{server}/notificationSettings/ddos').json, shapes.DDOS)
    check(api.get(f'/servers/{server}/powerInfo').json, shapes.POWER)


def test_metrics(api, ids):
    """Bandwidth (AVG with granularity, 95TH without) and datatraffic."""
    base = f'/servers/{ids["managed"]}/metrics'
    window = {'from': '2025-03-01T00:00:00Z', 'to': '2025-03-03T00:00:00Z'}
    for path, query in (
        ('bandwidth', dict(window, aggregation='AVG', granularity='HOUR')),
        ('bandwidth', dict(window, aggregation='95TH')),
        ('bandwidth', dict(window, aggregation='AVG')),
        ('datatraffic', dict(window, aggregation='SUM', granularity='DAY')),
    ):
        reply = api.get(f'{base}/{path}', query=query)
        assert reply.status == 200, reply
        check(reply.json, shapes.METRICS)


def test_hardware(api, ids):
    """Hardware scans of every server; monitoring per server and fleet-wide."""
    for server_id in ids['order']:
        check(api.get(f'/servers/{server_id}/hardwareInfo').json, shapes.HARDWARE)
    check(api.get(f'/servers/{ids["managed"]}/hardwareMonitoring').json, shapes.MONITORING)
    check(api.get('/hardwareMonitoring', query={'limit': 50}).json, shapes.MONITORING_LIST)


def test_catalogue(api):
    """Operating systems (list and every detail), control panels, rescue images."""
    listing = api.get('/operatingSystems', query={'limit': 100}).json
    check(listing, shapes.OS_LIST)
    for item in listing['operatingSystems']:
        detail = api.get(f'/operatingSystems/{item["id"]}', query={'controlPanelId': ''})
        check(detail.json, shapes.OPERATING_SYSTEM)
        check(api.get(f'/operatingSystems/{item["id"]}/controlPanels').json, shapes.CONTROL_PANEL_LIST)
    check(api.get('/controlPanels').json, shapes.CONTROL_PANEL_LIST)
    check(api.get('/rescueImages').json, shapes.RESCUE_IMAGE_LIST)


def test_error_bodies(api, ids):
    """401, 404, 405 carry errorResult; validation 400s also carry errorDetails."""
    check(api.get('/servers', key=None).json, shapes.ERROR)
    check(api.get('/servers/does-not-exist').json, shapes.ERROR)
    check(api.get('/nothing/here').json, shapes.ERROR)
    check(api.call('PATCH', f'/servers/{ids["managed"]}').json, shapes.ERROR)
    bad = api.get('/servers', query={'limit': 'many'})
    assert bad.status == 400
    check(bad.json, shapes.ERROR_400)
    assert bad.json['errorMessage'] == 'The API could not interpret your request correctly.'
    assert bad.json['errorDetails'] == {'limit': ['This value should be of type integer.']}
    not_found = api.get('/servers/does-not-exist').json
    assert not_found['errorCode'] == '404'
    assert not_found['errorMessage'] == 'Resource not found'
