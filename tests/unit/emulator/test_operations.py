"""Every one of the reference's 61 operations: documented success status, and 401 without a key."""

import pytest

S = '/servers/{serverId}'
BW = S + '/notificationSettings/bandwidth'
DT = S + '/notificationSettings/datatraffic'
CRED = S + '/credentials/{credType}/{username}'
WINDOW = {'from': '2025-01-01T00:00:00Z', 'to': '2025-01-02T00:00:00Z'}

# (method, path template, body, query, expected status, setup)
OPERATIONS = [
    ('GET', '/servers', None, None, 200, None),
    ('GET', S, None, None, 200, None),
    ('PUT', S, {'reference': 'db-01'}, None, 204, None),
    ('GET', S + '/ips', None, None, 200, None),
    ('GET', S + '/ips/{ip}', None, None, 200, None),
    ('PUT', S + '/ips/{ip}', {'reverseLookup': 'web.example.com'}, None, 200, None),
    ('POST', S + '/ips/{ip}/null', None, None, 202, None),
    ('POST', S + '/ips/{ip}/unnull', None, None, 202, 'nulled'),
    ('GET', S + '/nullRouteHistory', None, None, 200, None),
    ('DELETE', S + '/privateNetworks/{privateNetworkId}', None, None, 204, None),
    ('PUT', S + '/privateNetworks/{privateNetworkId}', {'linkSpeed': 100}, None, 204, None),
    ('GET', S + '/networkInterfaces', None, None, 200, None),
    ('POST', S + '/networkInterfaces/close', None, None, 204, None),
    ('POST', S + '/networkInterfaces/open', None, None, 204, None),
    ('GET', S + '/networkInterfaces/public', None, None, 200, None),
    ('POST', S + '/networkInterfaces/public/close', None, None, 204, None),
    ('POST', S + '/networkInterfaces/public/open', None, None, 204, None),
    ('GET', S + '/notificationSettings/ddos', None, None, 200, None),
    ('PUT', S + '/notificationSettings/ddos', {'nulling': 'DISABLED', 'scrubbing': 'ENABLED'}, None, 204, None),
    ('GET', S + '/metrics/bandwidth', None, dict(WINDOW, aggregation='AVG', granularity='HOUR'), 200, None),
    ('GET', S + '/metrics/datatraffic', None, dict(WINDOW, aggregation='SUM', granularity='DAY'), 200, None),
    ('GET', BW, None, None, 200, None),
    ('POST', BW, {'frequency': 'DAILY', 'threshold': '1', 'unit': 'Gbps'}, None, 201, None),
    ('DELETE', BW + '/{bandwidthId}', None, None, 204, 'bandwidth'),
    ('GET', BW + '/{bandwidthId}', None, None, 200, 'bandwidth'),
    ('PUT', BW + '/{bandwidthId}', {'frequency': 'WEEKLY', 'threshold': '2', 'unit': 'Mbps'}, None, 200, 'bandwidth'),
    ('GET', DT, None, None, 200, None),
    ('POST', DT, {'frequency': 'DAILY', 'threshold': '1', 'unit': 'MB'}, None, 201, None),
    ('DELETE', DT + '/{datatrafficId}', None, None, 204, 'datatraffic'),
    ('GET', DT + '/{datatrafficId}', None, None, 200, 'datatraffic'),
    ('PUT', DT + '/{datatrafficId}', {'frequency': 'DAILY', 'threshold': '1', 'unit': 'GB'}, None, 200, 'datatraffic'),
    ('GET', S + '/hardwareInfo', None, None, 200, None),
    ('GET', '/hardwareMonitoring', None, None, 200, None),
    ('GET', S + '/hardwareMonitoring', None, None, 200, None),
    ('GET', '/controlPanels', None, None, 200, None),
    ('GET', '/operatingSystems', None, None, 200, None),
    ('GET', '/operatingSystems/UBUNTU_22_04_64BIT', None, {'controlPanelId': 'PLESK_12'}, 200, None),
    ('GET', '/operatingSystems/UBUNTU_22_04_64BIT/controlPanels', None, None, 200, None),
    ('GET', '/rescueImages', None, None, 200, None),
    ('POST', S + '/cancelActiveJob', None, None, 200, 'active_job'),
    ('GET', S + '/credentials', None, None, 200, None),
    ('POST', S + '/credentials', {'type': 'VNC', 'username': 'vnc', 'password': 's3cret!'}, None, 200, None),
    ('GET', S + '/credentials/OPERATING_SYSTEM', None, None, 200, None),
    ('DELETE', CRED, None, None, 204, 'credential'),
    ('GET', CRED, None, None, 200, 'credential'),
    ('PUT', CRED, {'password': 'n3w-s3cret'}, None, 200, 'credential'),
    ('POST', S + '/expireActiveJob', None, None, 200, 'active_job'),
    ('POST', S + '/hardwareScan', {'powerCycle': False}, None, 202, None),
    (
        'POST',
        S + '/install',
        {'operatingSystemId': 'UBUNTU_22_04_64BIT', 'controlPanelId': 'PLESK_12', 'hostname': 'ubuntu22.local'},
        None,
        202,
        None,
    ),
    ('POST', S + '/ipmiReset', {'callbackUrl': 'https://callbacks.example.org'}, None, 202, None),
    ('GET', S + '/jobs', None, None, 200, None),
    ('GET', S + '/jobs/{jobId}', None, None, 200, None),
    ('POST', S + '/jobs/{jobId}/retry', None, None, 200, None),
    ('DELETE', S + '/leases', None, None, 204, 'lease'),
    ('GET', S + '/leases', None, None, 200, None),
    ('POST', S + '/leases', {'bootfile': 'http://example.com/bootme.ipxe', 'hostname': 'my-server'}, None, 204, None),
    ('POST', S + '/powerCycle', None, None, 204, None),
    ('GET', S + '/powerInfo', None, None, 200, None),
    ('POST', S + '/powerOff', None, None, 204, None),
    ('POST', S + '/powerOn', None, None, 204, None),
    ('POST', S + '/rescueMode', {'rescueImageId': 'GRML', 'powerCycle': True}, None, 202, None),
]


def test_there_are_61_operations():
    """The table covers the reference's 61 operations once each."""
    assert len(OPERATIONS) == 61
    assert len({(row[0], row[1]) for row in OPERATIONS}) == 61


def test_router_knows_61_operations(emulator):
    """The emulator registers exactly the 61 operations."""
    assert emulator.router.count == 61


def prepare(api, ids, setup):
    """Create what an operation needs and return the path variables."""
    server = ids['managed']
    health = api.get('/_emulator/health').json
    main_ip = api.get(f'/servers/{server}/ips', query={'networkType': 'PUBLIC', 'version': '4'}).json['ips'][0]['ip']
    variables = {
        'serverId': server,
        'ip': main_ip.split('/')[0],
        'privateNetworkId': health['privateNetworks'][0],
        'jobId': api.get(f'/servers/{server}/jobs').json['jobs'][0]['uuid'],
        'credType': 'PDU',
        'username': 'pduadmin',
    }
    if setup == 'nulled':
        assert api.post(f'/servers/{server}/ips/{variables["ip"]}/null').status == 202
    elif setup == 'bandwidth':
        reply = api.post(
            f'/servers/{server}/notificationSettings/bandwidth',
            {'frequency': 'DAILY', 'threshold': '1', 'unit': 'Gbps'},
        )
        variables['bandwidthId'] = reply.json['id']
    elif setup == 'datatraffic':
        reply = api.post(
            f'/servers/{server}/notificationSettings/datatraffic',
            {'frequency': 'DAILY', 'threshold': '1', 'unit': 'TB'},
        )
        variables['datatrafficId'] = reply.json['id']
    elif setup == 'active_job':
        api.next_job(server, outcome='HANG')
        assert api.post(f'/servers/{server}/hardwareScan', {}).status == 202
    elif setup == 'credential':
        assert (
            api.post(
                f'/servers/{server}/credentials', {'type': 'PDU', 'username': 'pduadmin', 'password': 'pdu-pass'}
            ).status
            == 200
        )
    elif setup == 'lease':
        assert api.post(f'/servers/{server}/leases', {'bootfile': 'http://example.com/boot.ipxe'}).status == 204
    return variables


def ident(row):
    """A readable test id."""
    return f'{row[0]} {row[1]}'


@pytest.mark.parametrize('row', OPERATIONS, ids=[ident(row) for row in OPERATIONS])
def test_operation_succeeds(api, ids, row):
    """Valid input answers the documented success status."""
    method, template, body, query, status, setup = row
    variables = prepare(api, ids, setup)
    path = template.format(**variables)
    kwargs = {'query': query}
    if body is not None:
        kwargs['body'] = body
    reply = api.call(method, path, **kwargs)
    assert reply.status == status, reply
    if status == 204:
        assert reply.raw == b''
    else:
        assert isinstance(reply.json, (dict, list))


@pytest.mark.parametrize('row', OPERATIONS, ids=[ident(row) for row in OPERATIONS])
def test_operation_requires_key(api, ids, row):
    """Without X-LSW-Auth every operation answers 401 with the reference's body."""
    method, template, body, query, _status, _setup = row
    variables = prepare(api, ids, None)
    variables.update(bandwidthId='1', datatrafficId='1')
    kwargs = {'query': query, 'key': None}
    if body is not None:
        kwargs['body'] = body
    reply = api.call(method, template.format(**variables), **kwargs)
    assert reply.status == 401
    assert reply.json['errorCode'] == '401'
    assert reply.json['errorMessage'] == 'You are not authorized to view this resource.'
    assert set(reply.json) == {'correlationId', 'errorCode', 'errorMessage'}
    wrong = api.call(method, template.format(**variables), query=query, key='wrong-key')
    assert wrong.status == 401
