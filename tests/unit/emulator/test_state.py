"""State behaviour: updates are visible, timed transitions happen, errors are the reference's.

Timed transitions follow the emulator's manual clock (see conftest.py): a test advances it by
the delay it is about and checks the state on both sides of the moment it falls due.
"""

import pytest

from . import shapes
from .conftest import JOB_SECONDS, PRIVATE_NETWORK_SECONDS


def main_ip(api, server):
    """The main public IPv4 address (without prefix)."""
    ips = api.get(f'/servers/{server}/ips', query={'networkType': 'PUBLIC', 'version': '4'})
    return [ip for ip in ips.json['ips'] if ip['mainIp']][0]['ip'].split('/')[0]


def test_shape_checker_is_strict():
    """The checker itself rejects missing keys, extra keys, wrong types and nulls."""
    assert shapes.problems({'a': 1}, {'a': shapes.S})
    assert shapes.problems({'a': 'x', 'b': 1}, {'a': shapes.S})
    assert shapes.problems({}, {'a': shapes.S})
    assert shapes.problems({'a': None}, {'a': shapes.S})
    assert shapes.problems(True, shapes.I)
    assert not shapes.problems({'a': None}, {'a': shapes.Null(shapes.S)})


# -- servers --------------------------------------------------------------------------------------


def test_reference_update_is_visible(api, ids):
    """PUT /servers/{id} changes contract.reference in the detail, list and filter."""
    server = ids['plain']
    assert api.put(f'/servers/{server}', {'reference': 'unique-ref-42'}).status == 204
    assert api.get(f'/servers/{server}').json['contract']['reference'] == 'unique-ref-42'
    found = api.get('/servers', query={'reference': 'unique-ref-42'}).json
    assert [item['id'] for item in found['servers']] == [server]
    assert found['servers'][0]['contract']['reference'] == 'unique-ref-42'


@pytest.mark.parametrize(
    'body, field',
    [
        ({}, 'reference'),
        ({'reference': 5}, 'reference'),
        ({'reference': 'x' * 256}, 'reference'),
        ({'reference': 'ok', 'extra': 1}, 'extra'),
    ],
)
def test_reference_validation(api, ids, body, field):
    """Bad bodies answer 400 with errorDetails naming the field."""
    reply = api.put(f'/servers/{ids["plain"]}', body)
    assert reply.status == 400
    assert field in reply.json['errorDetails']


def test_unknown_server_route_and_method(api, ids):
    """404 for unknown servers and routes, 405 for a wrong method on a known route."""
    assert api.get('/servers/999999999').status == 404
    assert api.get('/servers/999999999/ips').status == 404
    assert api.get('/no/such/route').status == 404
    reply = api.delete(f'/servers/{ids["managed"]}')
    assert reply.status == 405
    assert reply.json['errorCode'] == '405'
    assert 'GET' in reply.headers['Allow']


def test_paging(api):
    """Uneven last page, limit=0, offset beyond the end, invalid values."""
    total = api.get('/servers').json['_metadata']['totalCount']
    assert total == 30
    assert len(api.get('/servers').json['servers']) == 20
    last = api.get('/servers', query={'limit': 8, 'offset': 24}).json
    assert len(last['servers']) == 6
    assert last['_metadata'] == {'limit': 8, 'offset': 24, 'totalCount': 30}
    empty = api.get('/servers', query={'limit': 0}).json
    assert empty['servers'] == [] and empty['_metadata']['totalCount'] == 30
    beyond = api.get('/servers', query={'offset': 500}).json
    assert beyond['servers'] == [] and beyond['_metadata']['offset'] == 500
    for query in ({'limit': '-1'}, {'offset': '-3'}, {'limit': '1.5'}, {'offset': 'x'}):
        reply = api.get('/servers', query=query)
        assert reply.status == 400
        assert set(reply.json['errorDetails']) <= {'limit', 'offset'}
    every = [item['id'] for item in api.servers()]
    assert len(every) == len(set(every)) == 30


def test_server_filters(api, ids):
    """site, ip, macAddress, privateRackId, privateNetworkCapable/Enabled, reference."""
    detail = api.get(f'/servers/{ids["managed"]}').json
    site = detail['location']['site']
    by_site = api.servers(site=site)
    assert by_site and all(item['location']['site'] == site for item in by_site)
    address = detail['networkInterfaces']['public']['ip'].split('/')[0]
    assert [s['id'] for s in api.servers(ip=address)] == [ids['managed']]
    internal = detail['networkInterfaces']['internal']['ip'].split('/')[0]
    assert [s['id'] for s in api.servers(ip=internal)] == [ids['managed']]
    mac = detail['networkInterfaces']['public']['mac']
    assert [s['id'] for s in api.servers(macAddress=mac.lower())] == [ids['managed']]
    assert [s['id'] for s in api.servers(macAddress=mac.replace(':', '-'))] == [ids['managed']]
    capable = api.servers(privateNetworkCapable='false')
    assert ids['not_capable'] in [item['id'] for item in capable]
    enabled = api.servers(privateNetworkEnabled='true')
    assert ids['managed'] in [item['id'] for item in enabled]
    assert ids['plain'] not in [item['id'] for item in enabled]
    details = [api.get(f'/servers/{sid}').json for sid in ids['order']]
    dedicated = [d for d in details if d['rack']['type'] == 'DEDICATED']
    if dedicated:
        rack = dedicated[0]['rack']['id']
        expected = {d['id'] for d in dedicated if d['rack']['id'] == rack}
        assert {s['id'] for s in api.servers(privateRackId=rack)} == expected
    shared = [d for d in details if d['rack']['type'] != 'DEDICATED'][0]['rack']['id']
    assert api.servers(privateRackId=shared) == []
    references = [d['contract']['reference'] for d in details if d['contract']['reference']]
    duplicated = [ref for ref in set(references) if references.count(ref) > 1]
    assert duplicated, 'the seeded fleet must contain duplicated references'
    assert len(api.servers(reference=duplicated[0])) == references.count(duplicated[0])
    assert any(d['contract']['reference'] is None for d in details)
    for query in ({'ip': 'not-an-ip'}, {'macAddress': 'zz'}, {'privateNetworkCapable': 'yes'}):
        reply = api.get('/servers', query=query)
        assert reply.status == 400 and set(reply.json['errorDetails']) == set(query)


# -- ips ------------------------------------------------------------------------------------------


def test_ip_update(api, ids):
    """reverseLookup updates; detectionProfile needs ADVANCED protection; bad input 400."""
    server = ids['managed']
    address = main_ip(api, server)
    reply = api.put(f'/servers/{server}/ips/{address}', {'reverseLookup': 'mail.example.com'})
    assert reply.status == 200 and reply.json['reverseLookup'] == 'mail.example.com'
    assert api.get(f'/servers/{server}/ips/{address}').json['reverseLookup'] == 'mail.example.com'
    record = api.get(f'/servers/{server}/ips/{address}').json
    reply = api.put(f'/servers/{server}/ips/{address}', {'detectionProfile': 'ADVANCED_LOW_UDP'})
    if record['ddos']['protectionType'] == 'ADVANCED':
        assert reply.status == 200
        assert reply.json['ddos']['detectionProfile'] == 'ADVANCED_LOW_UDP'
    else:
        assert reply.status == 400 and 'detectionProfile' in reply.json['errorDetails']
    reply = api.put(f'/servers/{server}/ips/{address}', {'detectionProfile': 'NOPE'})
    assert reply.status == 400
    assert api.get(f'/servers/{server}/ips/{address}/24').status == 404
    assert api.get(f'/servers/{server}/ips/300.1.1.1').status == 400
    assert api.get(f'/servers/{server}/ips/192.0.2.200').status == 404


def test_ip_filters(api, ids):
    """networkType, version, nullRouted and ips filters."""
    server = ids['managed']
    everything = api.get(f'/servers/{server}/ips').json['ips']
    six = api.get(f'/servers/{server}/ips', query={'version': '6'}).json['ips']
    assert six and all(ip['version'] == 6 for ip in six)
    internal = api.get(f'/servers/{server}/ips', query={'networkType': 'INTERNAL'}).json['ips']
    assert [ip['networkType'] for ip in internal] == ['INTERNAL']
    wanted = ','.join(ip['ip'].split('/')[0] for ip in everything[:2])
    assert len(api.get(f'/servers/{server}/ips', query={'ips': wanted}).json['ips']) == 2
    assert api.get(f'/servers/{server}/ips', query={'nullRouted': 'true'}).json['ips'] == []
    for query in ({'networkType': 'X'}, {'version': '5'}, {'nullRouted': 'maybe'}):
        assert api.get(f'/servers/{server}/ips', query=query).status == 400


def test_null_route_propagation_and_history(api, ids):
    """null/unnull answer 202 and flip after the propagation delay; history records both."""
    server = ids['managed']
    address = main_ip(api, server)

    def null_routed():
        return api.get(f'/servers/{server}/ips/{address}').json['nullRouted']

    api.settings(propagation_seconds=2)
    reply = api.post(f'/servers/{server}/ips/{address}/null')
    assert reply.status == 202 and reply.json['nullRouted'] is False
    assert api.post(f'/servers/{server}/ips/{address}/null').status == 400
    api.advance(1)
    assert null_routed() is False
    api.advance(1)
    assert null_routed() is True
    assert api.get(f'/servers/{server}').json['networkInterfaces']['public']['nullRouted']
    nulled = api.get(f'/servers/{server}/ips', query={'nullRouted': 'true'}).json['ips']
    assert [ip['ip'].split('/')[0] for ip in nulled] == [address]
    history = api.get(f'/servers/{server}/nullRouteHistory').json['nullRoutes']
    assert history[0]['ip'] == f'{address}/32'
    assert api.post(f'/servers/{server}/ips/{address}/unnull').status == 202
    api.advance(1)
    assert null_routed() is True
    api.advance(1)
    assert null_routed() is False
    assert api.get(f'/servers/{server}').json['networkInterfaces']['public']['nullRouted'] is False
    assert api.post(f'/servers/{server}/ips/{address}/unnull').status == 400
    internal = api.get(f'/servers/{server}/ips', query={'networkType': 'INTERNAL'}).json
    internal_ip = internal['ips'][0]['ip'].split('/')[0]
    assert api.post(f'/servers/{server}/ips/{internal_ip}/null').status == 400


def test_null_route_default_is_immediate(api, ids):
    """With the default propagation delay (0 s) the 202 answer already shows the change."""
    server = ids['managed']
    address = main_ip(api, server)
    assert api.post(f'/servers/{server}/ips/{address}/null').json['nullRouted'] is True


# -- network interfaces ---------------------------------------------------------------------------


def test_interfaces_open_close(api, ids):
    """Close one, close all, open one, open all: state is kept."""
    base = f'/servers/{ids["managed"]}/networkInterfaces'

    def statuses():
        return {item['type']: item['status'] for item in api.get(base).json['networkInterfaces']}

    assert set(statuses()) == {'PUBLIC', 'INTERNAL', 'REMOTE_MANAGEMENT'}
    assert api.post(f'{base}/public/close').status == 204
    assert api.get(f'{base}/public').json['status'] == 'CLOSED'
    assert statuses()['INTERNAL'] == 'OPEN'
    assert api.post(f'{base}/close').status == 204
    assert set(statuses().values()) == {'CLOSED'}
    assert api.post(f'{base}/internal/open').status == 204
    assert statuses()['INTERNAL'] == 'OPEN' and statuses()['PUBLIC'] == 'CLOSED'
    assert api.post(f'{base}/open').status == 204
    assert set(statuses().values()) == {'OPEN'}
    assert api.get(f'{base}/bogus').status == 400
    missing = f'/servers/{ids["no_internal"]}/networkInterfaces/internal'
    assert api.get(missing).status == 404


# -- private networks -----------------------------------------------------------------------------


def test_private_network_membership(api, ids):
    """PUT: CONFIGURING -> CONFIGURED; DELETE: REMOVING -> gone; documented errors."""
    server = ids['plain']
    network = api.get('/_emulator/health').json['privateNetworks'][0]
    path = f'/servers/{server}/privateNetworks/{network}'

    def membership():
        entries = api.get(f'/servers/{server}').json['privateNetworks']
        return [entry for entry in entries if entry['id'] == network]

    assert membership() == []
    reply = api.delete(path)
    assert reply.status == 400
    assert reply.json['errorMessage'] == f'Equipment {server} is not part of private network {network}'
    assert api.put(path, {'linkSpeed': 1000}).status == 204
    assert membership()[0]['status'] == 'CONFIGURING'
    assert membership()[0]['linkSpeed'] == 1000
    assert api.get(f'/servers/{server}').json['isPrivateNetworkEnabled'] is True
    api.advance(PRIVATE_NETWORK_SECONDS - 1)
    assert membership()[0]['status'] == 'CONFIGURING'
    api.advance(1)
    assert membership()[0]['status'] == 'CONFIGURED'
    listed = api.servers(privateNetworkEnabled='true')
    assert server in [item['id'] for item in listed]
    assert api.delete(path).status == 204
    assert membership()[0]['status'] == 'REMOVING'
    api.advance(PRIVATE_NETWORK_SECONDS - 1)
    assert membership()[0]['status'] == 'REMOVING'
    api.advance(1)
    assert membership() == []
    assert api.get(f'/servers/{server}').json['isPrivateNetworkEnabled'] is False
    assert api.put(path, {'linkSpeed': 1234}).status == 400
    assert api.put(path, {}).status == 400
    assert api.put(f'/servers/{server}/privateNetworks/1', {'linkSpeed': 100}).status == 404
    refused = api.put(f'/servers/{ids["not_capable"]}/privateNetworks/{network}', {'linkSpeed': 100})
    assert refused.status == 400


def test_private_network_link_speed_change(api, ids):
    """PUT on a membership with another linkSpeed changes it (CONFIGURING, then CONFIGURED at
    the new speed); the same speed on a CONFIGURED membership changes nothing."""
    server = ids['managed']
    network = api.get('/_emulator/health').json['privateNetworks'][0]
    path = f'/servers/{server}/privateNetworks/{network}'

    def membership():
        entries = api.get(f'/servers/{server}').json['privateNetworks']
        return [entry for entry in entries if entry['id'] == network]

    seeded = membership()[0]
    assert seeded['status'] == 'CONFIGURED'
    assert api.put(path, {'linkSpeed': seeded['linkSpeed']}).status == 204
    assert membership() == [seeded]
    other = 1000 if seeded['linkSpeed'] != 1000 else 10000
    assert api.put(path, {'linkSpeed': other}).status == 204
    changing = membership()
    assert len(changing) == 1
    assert changing[0]['status'] == 'CONFIGURING' and changing[0]['linkSpeed'] == other
    api.advance(PRIVATE_NETWORK_SECONDS - 1)
    assert membership() == changing
    api.advance(1)
    assert membership() == [dict(seeded, linkSpeed=other)]
    assert api.delete(path).status == 204
    assert api.put(path, {'linkSpeed': other}).status == 400  # still being removed


def test_first_server_is_seeded_for_the_examples(api, ids):
    """Server 12345: main IP 192.0.2.10/29 (ADVANCED protection), in network 892 at 10 Gbps."""
    assert ids['managed'] == '12345'
    assert api.get('/_emulator/health').json['privateNetworks'] == ['892', '3943']
    server = api.get('/servers/12345').json
    assert server['networkInterfaces']['public']['ip'] == '192.0.2.10/29'
    assert server['networkInterfaces']['public']['gateway'] == '192.0.2.14'
    assert [(pn['id'], pn['linkSpeed'], pn['status']) for pn in server['privateNetworks']] == [
        ('892', 10000, 'CONFIGURED')
    ]
    address = api.get('/servers/12345/ips/192.0.2.10').json
    assert address['mainIp'] and address['ddos']['protectionType'] == 'ADVANCED'
    assert api.get('/servers', query={'ip': '192.0.2.10'}).json['servers'][0]['id'] == '12345'


# -- leases ---------------------------------------------------------------------------------------


def test_leases(api, ids):
    """Create, refuse a second, delete, 404 when none."""
    base = f'/servers/{ids["managed"]}/leases'
    assert api.get(base).json['leases'] == []
    assert api.post(base, {'bootfile': 'http://example.com/a.ipxe', 'hostname': 'box'}).status == 204
    lease = api.get(base).json['leases'][0]
    assert lease['bootfile'] == 'http://example.com/a.ipxe' and lease['hostname'] == 'box'
    assert api.post(base, {'bootfile': 'http://example.com/b.ipxe'}).status == 400
    assert api.post(base, {'hostname': 'x'}).status == 400
    assert api.delete(base).status == 204
    assert api.get(base).json['leases'] == []
    assert api.delete(base).status == 404


# -- credentials ----------------------------------------------------------------------------------


def test_credentials(api, ids):
    """Create, list without passwords, get with password, update, delete, errors."""
    base = f'/servers/{ids["managed"]}/credentials'
    body = {'type': 'FIREWALL', 'username': 'fw', 'password': 'one'}
    assert api.post(base, body).json == body
    assert api.post(base, body).status == 409
    listed = api.get(base).json['credentials']
    assert {'type': 'FIREWALL', 'username': 'fw'} in listed
    assert all('password' not in item for item in listed)
    assert api.get(f'{base}/FIREWALL').json['credentials'] == [{'type': 'FIREWALL', 'username': 'fw'}]
    assert api.get(f'{base}/FIREWALL/fw').json['password'] == 'one'
    assert api.put(f'{base}/FIREWALL/fw', {'password': 'two'}).json['password'] == 'two'
    assert api.get(f'{base}/FIREWALL/fw').json['password'] == 'two'
    assert api.put(f'{base}/FIREWALL/fw', {}).status == 400
    assert api.delete(f'{base}/FIREWALL/fw').status == 204
    assert api.get(f'{base}/FIREWALL/fw').status == 404
    assert api.get(f'{base}/NOT_A_TYPE').status == 400
    bad = api.post(base, {'type': 'NOPE', 'username': '', 'password': 3})
    assert bad.status == 400
    assert set(bad.json['errorDetails']) == {'type', 'username', 'password'}


# -- notification settings ------------------------------------------------------------------------


@pytest.mark.parametrize('kind, unit, bad_unit', [('bandwidth', 'Gbps', 'GB'), ('datatraffic', 'TB', 'Mbps')])
def test_notification_settings_crud(api, ids, kind, unit, bad_unit):
    """201 on create, read, update, delete, enum validation."""
    base = f'/servers/{ids["managed"]}/notificationSettings/{kind}'
    before = api.get(base).json['_metadata']['totalCount']
    made = api.post(base, {'frequency': 'WEEKLY', 'threshold': '2', 'unit': unit})
    assert made.status == 201
    setting_id = made.json['id']
    assert api.get(base).json['_metadata']['totalCount'] == before + 1
    updated = api.put(f'{base}/{setting_id}', {'frequency': 'DAILY', 'threshold': '3', 'unit': unit})
    assert updated.status == 200 and updated.json['threshold'] == '3'
    assert api.get(f'{base}/{setting_id}').json['frequency'] == 'DAILY'
    for body in (
        {'frequency': 'HOURLY', 'threshold': '1', 'unit': unit},
        {'frequency': 'DAILY', 'threshold': '1', 'unit': bad_unit},
        {'frequency': 'DAILY', 'threshold': 1, 'unit': unit},
        {'frequency': 'DAILY', 'unit': unit},
    ):
        reply = api.post(base, body)
        assert reply.status == 400 and reply.json['errorDetails']
    assert api.delete(f'{base}/{setting_id}').status == 204
    assert api.get(f'{base}/{setting_id}').status == 404
    assert api.delete(f'{base}/{setting_id}').status == 404


def test_ddos_settings(api, ids):
    """GET/PUT with ENABLED/DISABLED."""
    base = f'/servers/{ids["managed"]}/notificationSettings/ddos'
    assert api.put(base, {'nulling': 'DISABLED'}).status == 204
    assert api.get(base).json['nulling'] == 'DISABLED'
    assert api.put(base, {'scrubbing': 'ON'}).status == 400


# -- power ----------------------------------------------------------------------------------------


def test_power(api, ids):
    """powerOff/powerOn/powerCycle change powerInfo; no power control -> 400."""
    base = f'/servers/{ids["managed"]}'
    assert api.get(f'{base}/powerInfo').json == {'ipmi': {'status': 'on'}, 'pdu': {'status': 'on'}}
    assert api.post(f'{base}/powerOff').status == 204
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'off'
    assert api.post(f'{base}/powerCycle').status == 204
    # a power cycle shows the server off for 2 seconds at least
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'off'
    api.advance(1.9)
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'off'
    api.advance(0.1)
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'on'
    off = f'/servers/{ids["powered_off"]}/powerInfo'
    assert api.get(off).json['ipmi']['status'] == 'off'
    assert api.post(f'/servers/{ids["unmanaged"]}/powerOn').status == 400


# -- jobs -----------------------------------------------------------------------------------------


def test_job_progress_to_finished_with_side_effects(api, ids):
    """An install runs through its tasks, then leaves a root credential and powers on."""
    server = ids['managed']
    api.settings(job_seconds=18)  # 9 tasks, 2 s each
    api.post(f'/servers/{server}/powerOff')
    started = api.post(
        f'/servers/{server}/install',
        {'operatingSystemId': 'UBUNTU_24_04_64BIT', 'password': 'r00t-pw', 'hostname': 'web.example.com'},
    ).json
    assert started['status'] == 'ACTIVE' and started['isRunning'] is True
    assert started['payload']['hostname'] == 'web.example.com'
    assert started['payload']['os']['family'] == 'ubuntu'
    seen = []
    for _second in range(18):
        job = api.get(f'/servers/{server}/jobs/{started["uuid"]}').json
        seen.append((job['status'], job['progress']['finished'], job['progress']['percentage']))
        assert api.get(f'/servers/{server}/powerInfo').json['ipmi']['status'] == 'off'
        api.advance(1)
    # one task every 2 s, each in progress from 0.4 s of its slot: half a task's share
    assert seen == [('ACTIVE', second // 2, int(100 * (second // 2 + 0.5 * (second % 2)) / 9)) for second in range(18)]
    job = api.get(f'/servers/{server}/jobs/{started["uuid"]}').json
    assert job['status'] == 'FINISHED' and job['progress']['percentage'] == 100
    assert job['isRunning'] is False and job['currentTask'] is None
    assert job['progress']['finished'] == job['progress']['total'] == len(job['tasks']) == 9
    assert all(task['status'] == 'FINISHED' for task in job['tasks'])
    cred = api.get(f'/servers/{server}/credentials/OPERATING_SYSTEM/root').json
    assert cred['password'] == 'r00t-pw'
    assert api.get(f'/servers/{server}/powerInfo').json['ipmi']['status'] == 'on'
    listed = api.get(f'/servers/{server}/jobs', query={'type': 'install'}).json['jobs']
    assert listed[0]['uuid'] == started['uuid'] and len(listed) == 2


def test_one_running_job_per_server(api, ids):
    """A second job while one is ACTIVE answers 400; filters see the running one."""
    server = ids['managed']
    api.next_job(server, outcome='HANG')
    first = api.post(f'/servers/{server}/hardwareScan', {}).json
    second = api.post(f'/servers/{server}/ipmiReset', {})
    assert second.status == 400 and first['uuid'] in second.json['errorMessage']
    running = api.get(f'/servers/{server}/jobs', query={'isRunning': 'true'}).json['jobs']
    assert [job['uuid'] for job in running] == [first['uuid']]
    active = api.get(f'/servers/{server}/jobs', query={'status': 'ACTIVE'}).json['jobs']
    assert [job['uuid'] for job in active] == [first['uuid']]
    assert api.get(f'/servers/{server}/jobs', query={'isRunning': 'x'}).status == 400


def test_failed_outcome(api, ids):
    """FAILED: a task fails midway, the job is FAILED and no longer running."""
    server = ids['managed']
    api.next_job(server, outcome='FAILED', seconds=10)  # 5 tasks, the third fails at 6 s
    job = api.post(f'/servers/{server}/rescueMode', {'rescueImageId': 'GRML'}).json
    assert job['status'] == 'ACTIVE'
    api.advance(5)
    assert api.get(f'/servers/{server}/jobs/{job["uuid"]}').json['status'] == 'ACTIVE'
    api.advance(1)
    job = api.get(f'/servers/{server}/jobs/{job["uuid"]}').json
    assert job['status'] == 'FAILED' and job['isRunning'] is False
    statuses = [task['status'] for task in job['tasks']]
    assert 'FAILED' in statuses and statuses[0] == 'FINISHED'
    assert job['progress']['failed'] == 1
    failed_task = [task for task in job['tasks'] if task['status'] == 'FAILED'][0]
    assert failed_task['errorMessage']
    assert api.get(f'/servers/{server}/credentials/RESCUE_MODE').json['credentials'] == []
    retried = api.post(f'/servers/{server}/jobs/{job["uuid"]}/retry')
    assert retried.status == 200 and retried.json['status'] == 'ACTIVE'
    assert retried.json['uuid'] != job['uuid'] and retried.json['type'] == 'rescueMode'


def test_hang_cancel_and_expire(api, ids):
    """HANG stays ACTIVE; cancel -> CANCELED, expire -> EXPIRED; no active job -> 404."""
    server = ids['managed']
    api.next_job(server, outcome='HANG', seconds=6)
    job = api.post(f'/servers/{server}/ipmiReset', {}).json
    api.advance(12)  # twice the job's time
    current = api.get(f'/servers/{server}/jobs/{job["uuid"]}').json
    assert current['status'] == 'ACTIVE' and current['isRunning'] is True
    canceled = api.post(f'/servers/{server}/cancelActiveJob')
    assert canceled.status == 200 and canceled.json['status'] == 'CANCELED'
    assert canceled.json['uuid'] == job['uuid'] and canceled.json['progress']['canceled'] >= 1
    api.advance(1)  # the failure flow of a canceled job lasts one task (6 s / 6 tasks)
    after = api.get(f'/servers/{server}/jobs/{job["uuid"]}').json
    assert after['status'] == 'CANCELED' and after['isRunning'] is False
    assert after['flow'] == '#stop'
    assert api.post(f'/servers/{server}/cancelActiveJob').status == 404
    api.next_job(server, outcome='HANG')
    job = api.post(f'/servers/{server}/hardwareScan', {}).json
    expired = api.post(f'/servers/{server}/expireActiveJob').json
    assert expired['status'] == 'EXPIRED' and expired['uuid'] == job['uuid']
    after = api.get(f'/servers/{server}/jobs/{job["uuid"]}').json
    assert after['isRunning'] is False and after['flow'] == '#stop'
    assert api.post(f'/servers/{server}/expireActiveJob').status == 404
    assert api.get(f'/servers/{server}/jobs/not-a-job').status == 404


def test_canceled_job_runs_its_failure_flow(api, ids):
    """A canceled job is CANCELED at once but runs its failure flow for one task's time:
    isRunning stays true (flow "finally"), no job can start, and it cannot be retried."""
    server = ids['managed']
    api.next_job(server, outcome='HANG', seconds=5)  # rescueMode: 5 tasks, 1 s each
    job = api.post(f'/servers/{server}/rescueMode', {'rescueImageId': 'GRML'}).json
    canceled = api.post(f'/servers/{server}/cancelActiveJob').json
    assert canceled['status'] == 'CANCELED' and canceled['flow'] == 'finally'
    during = api.get(f'/servers/{server}/jobs/{job["uuid"]}').json
    assert during['status'] == 'CANCELED' and during['isRunning'] is True
    assert during['flow'] == 'finally'
    running = api.get(f'/servers/{server}/jobs', query={'isRunning': 'true'}).json['jobs']
    assert [item['uuid'] for item in running] == [job['uuid']]
    assert api.post(f'/servers/{server}/hardwareScan', {}).status == 400
    assert api.post(f'/servers/{server}/jobs/{job["uuid"]}/retry').status == 400
    assert api.post(f'/servers/{server}/cancelActiveJob').status == 404
    api.advance(0.5)
    assert api.get(f'/servers/{server}/jobs/{job["uuid"]}').json['isRunning'] is True
    api.advance(0.5)
    after = api.get(f'/servers/{server}/jobs/{job["uuid"]}').json
    assert after['isRunning'] is False and after['flow'] == '#stop'
    assert api.get(f'/servers/{server}/jobs', query={'isRunning': 'true'}).json['jobs'] == []
    assert api.post(f'/servers/{server}/jobs/{job["uuid"]}/retry').status == 200


def test_power_changes_take_power_seconds(api, ids):
    """With power_seconds, powerOff/powerOn show after the delay; a cycle is off, then on."""
    server = ids['managed']
    base = f'/servers/{server}'
    api.settings(power_seconds=3)
    assert api.post(f'{base}/powerOff').status == 204
    assert api.get(f'{base}/powerInfo').json == {'ipmi': {'status': 'on'}, 'pdu': {'status': 'on'}}
    api.advance(2)
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'on'
    api.advance(1)
    assert api.get(f'{base}/powerInfo').json == {'ipmi': {'status': 'off'}, 'pdu': {'status': 'off'}}
    assert api.post(f'{base}/powerCycle').status == 204
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'off'
    api.advance(2)
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'off'
    api.advance(1)
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'on'
    api.settings(power_seconds=0)
    assert api.post(f'{base}/powerOff').status == 204
    assert api.get(f'{base}/powerInfo').json['ipmi']['status'] == 'off'


def test_rescue_mode_leaves_credential(api, ids):
    """A finished rescue mode job stores the RESCUE_MODE credential."""
    server = ids['managed']
    api.post(f'/servers/{server}/rescueMode', {'rescueImageId': 'GRML', 'password': 'resc'})
    api.advance(JOB_SECONDS - 1)
    assert api.get(f'/servers/{server}/credentials/RESCUE_MODE/root').status == 404
    api.advance(1)
    assert api.get(f'/servers/{server}/credentials/RESCUE_MODE/root').json['password'] == 'resc'


@pytest.mark.parametrize(
    'body, fields',
    [
        ({}, {'operatingSystemId'}),
        ({'operatingSystemId': 'NOPE_OS'}, {'operatingSystemId'}),
        ({'operatingSystemId': 'UBUNTU_22_04_64BIT', 'controlPanelId': 'VESTA'}, {'controlPanelId'}),
        ({'operatingSystemId': 'UBUNTU_22_04_64BIT', 'raid': {'type': 'SW'}}, {'raid.level'}),
        (
            {'operatingSystemId': 'UBUNTU_22_04_64BIT', 'partitions': [{'size': '1'}]},
            {'partitions[0].filesystem', 'partitions'},
        ),
        ({'operatingSystemId': 'UBUNTU_22_04_64BIT', 'hostname': 'bad_host!'}, {'hostname'}),
        ({'operatingSystemId': 'UBUNTU_22_04_64BIT', 'postInstallScript': 'not base64!'}, {'postInstallScript'}),
        ({'operatingSystemId': 'UBUNTU_22_04_64BIT', 'device': 'FLOPPY'}, {'device'}),
        ({'operatingSystemId': 'UBUNTU_22_04_64BIT', 'operating_system_id': 'x'}, {'operating_system_id'}),
        (
            {
                'operatingSystemId': 'ESXI_7_0_64BIT',
                'sshKeys': 'ssh-rsa AAA',
                'partitions': [{'filesystem': 'vmfs', 'size': '*'}],
            },
            {'partitions'},
        ),
    ],
)
def test_install_validation(api, ids, body, fields):
    """Install validates the OS against the catalogue and its options (400 + errorDetails)."""
    reply = api.post(f'/servers/{ids["managed"]}/install', body)
    assert reply.status == 400, reply
    assert fields <= set(reply.json['errorDetails']), reply.json


def test_jobs_need_automation(api, ids):
    """A server without automation refuses jobs."""
    reply = api.post(f'/servers/{ids["unmanaged"]}/hardwareScan', {})
    assert reply.status == 400 and 'errorDetails' not in reply.json


# -- catalogue and metrics ------------------------------------------------------------------------


def test_catalogue(api):
    """Filters, per-OS control panels, unknown OS, required controlPanelId, GRML."""
    cpanel = api.get('/operatingSystems', query={'controlPanelId': 'CPANEL_PREMIER_100', 'limit': 100}).json[
        'operatingSystems'
    ]
    assert 'ALMALINUX_8_64BIT' in [item['id'] for item in cpanel]
    assert 'DEBIAN_12_64BIT' not in [item['id'] for item in cpanel]
    detail = api.get('/operatingSystems/DEBIAN_12_64BIT', query={'controlPanelId': ''}).json
    assert detail['defaults']['partitions'][-1]['size'] == '*'
    assert 'ext4' in detail['supportedFileSystems']
    assert api.get('/operatingSystems/DEBIAN_12_64BIT').status == 400
    assert api.get('/operatingSystems/NOPE', query={'controlPanelId': ''}).status == 404
    assert api.get('/operatingSystems/NOPE/controlPanels').status == 404
    panels = api.get('/operatingSystems/UBUNTU_22_04_64BIT/controlPanels').json
    assert 'PLESK_12' in [item['id'] for item in panels['controlPanels']]
    assert api.get('/operatingSystems/ESXI_7_0_64BIT/controlPanels').json['controlPanels'] == []
    images = [item['id'] for item in api.get('/rescueImages').json['rescueImages']]
    assert 'GRML' in images and 'FREEBSD' in images
    arm = api.get('/rescueImages', query={'chassis': 'HPE RL300 Gen11'}).json['rescueImages']
    assert 'FREEBSD' not in [item['id'] for item in arm]
    page_one = api.get('/operatingSystems').json
    assert page_one['_metadata']['totalCount'] > len(page_one['operatingSystems']) == 20


def test_metrics_values_and_validation(api, ids):
    """Deterministic values over the window; granularity/aggregation validated."""
    base = f'/servers/{ids["managed"]}/metrics'
    query = {'from': '2025-03-01T00:00:00Z', 'to': '2025-03-01T06:00:00Z', 'aggregation': 'AVG', 'granularity': 'HOUR'}
    first = api.get(f'{base}/bandwidth', query=query).json
    assert first == api.get(f'{base}/bandwidth', query=query).json
    values = first['metrics']['UP_PUBLIC']['values']
    assert len(values) == 6 and values[0]['timestamp'] == '2025-03-01T00:00:00Z'
    assert first['metrics']['UP_PUBLIC']['unit'] == 'bps'
    single = api.get(f'{base}/bandwidth', query={'from': query['from'], 'to': query['to'], 'aggregation': '95TH'}).json
    assert len(single['metrics']['DOWN_PUBLIC']['values']) == 1
    assert 'granularity' not in single['_metadata']
    traffic = api.get(
        f'{base}/datatraffic',
        query={
            'from': '2025-01-01T00:00:00Z',
            'to': '2025-04-01T00:00:00Z',
            'aggregation': 'SUM',
            'granularity': 'MONTH',
        },
    ).json
    assert [v['timestamp'][:10] for v in traffic['metrics']['UP_PUBLIC']['values']] == [
        '2025-01-01',
        '2025-02-01',
        '2025-03-01',
    ]
    assert traffic['metrics']['UP_PUBLIC']['unit'] == 'B'
    for path, bad, field in (
        ('bandwidth', {'aggregation': 'AVG'}, 'from'),
        ('bandwidth', {'from': query['from'], 'to': query['to'], 'aggregation': 'SUM'}, 'aggregation'),
        (
            'bandwidth',
            {'from': query['from'], 'to': query['to'], 'aggregation': '95TH', 'granularity': 'HOUR'},
            'granularity',
        ),
        (
            'datatraffic',
            {'from': query['from'], 'to': query['to'], 'aggregation': 'SUM', 'granularity': '5MIN'},
            'granularity',
        ),
        ('datatraffic', {'from': query['to'], 'to': query['from'], 'aggregation': 'SUM'}, 'to'),
        ('bandwidth', {'from': 'yesterday', 'to': query['to'], 'aggregation': 'AVG'}, 'from'),
    ):
        reply = api.get(f'{base}/{path}', query=bad)
        assert reply.status == 400, (path, bad)
        assert field in reply.json['errorDetails'], reply.json


def test_hardware_monitoring(api, ids):
    """Fleet-wide monitoring pages and filters; servers without IPMI answer 404."""
    everything = api.get('/hardwareMonitoring', query={'limit': 100}).json
    monitored = [item['serverId'] for item in everything['servers']]
    assert ids['managed'] in monitored and ids['unmanaged'] not in monitored
    assert api.get(f'/servers/{ids["unmanaged"]}/hardwareMonitoring').status == 404
    detail = api.get(f'/servers/{ids["managed"]}').json
    by_site = api.get('/hardwareMonitoring', query={'site': detail['location']['site'], 'limit': 100}).json['servers']
    assert ids['managed'] in [item['serverId'] for item in by_site]
    by_rack = api.get('/hardwareMonitoring', query={'location': detail['location']['rack'], 'limit': 100}).json[
        'servers'
    ]
    assert ids['managed'] in [item['serverId'] for item in by_rack]
    assert api.get('/hardwareMonitoring', query={'limit': 2}).json['_metadata']['limit'] == 2
