"""Server IPs: list, get, update (reverse lookup, DDoS profile), null route, history."""

from .common import (
    ApiError,
    Details,
    HOSTNAME_RE,
    ValidationError,
    bool_param,
    check_enum,
    check_string,
    iso,
    page,
    parse_ip,
    reject_unknown,
    require_object,
)

NETWORK_TYPES = ('INTERNAL', 'PUBLIC', 'REMOTE_MANAGEMENT')
PROFILES = ('ADVANCED_DEFAULT', 'ADVANCED_LOW_UDP', 'ADVANCED_MED_UDP')
NULL_ROUTE_HOURS = 24


def _find(ctx):
    """The IP record named by the {ip} path parameter (a plain address)."""
    address = parse_ip(ctx.params['ip'])
    if address is None:
        raise ValidationError({'ip': ['This value is not a valid IP address (use the address without prefix length).']})
    record = ctx.server.ip_index.get(str(address))
    if record is None:
        raise ApiError(404)
    return record


def list_ips(ctx):
    """GET /servers/{serverId}/ips (filters networkType, version, nullRouted, ips)."""
    query = ctx.query
    details = Details()
    network_type = query.get('networkType')
    if network_type is not None and network_type not in NETWORK_TYPES:
        details.add('networkType', 'The value you selected is not a valid choice.')
    version = query.get('version')
    if version is not None and version not in ('4', '6'):
        details.add('version', 'The value you selected is not a valid choice.')
    nulled = bool_param(query, 'nullRouted', details)
    wanted = None
    if query.get('ips') is not None:
        wanted = set()
        for part in query['ips'].split(','):
            address = parse_ip(part.strip())
            if address is None:
                details.add('ips', f"'{part}' is not a valid IP address.")
            else:
                wanted.add(str(address))
    details.check()
    items = []
    for record in ctx.server.ips:
        if network_type is not None and record['networkType'] != network_type:
            continue
        if version is not None and record['version'] != int(version):
            continue
        if nulled is not None and record['nullRouted'] != nulled:
            continue
        if wanted is not None and record['ip'].split('/')[0] not in wanted:
            continue
        items.append(record)
    return page(items, query, 'ips')


def get_ip(ctx):
    """GET /servers/{serverId}/ips/{ip}."""
    return _find(ctx)


def update_ip(ctx):
    """PUT /servers/{serverId}/ips/{ip}: reverseLookup and/or detectionProfile."""
    record = _find(ctx)
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('detectionProfile', 'reverseLookup'), details)
    profile = check_enum(body, 'detectionProfile', PROFILES, details)
    reverse = check_string(body, 'reverseLookup', details, allow_empty=True)
    if reverse and not HOSTNAME_RE.match(reverse):
        details.add('reverseLookup', 'This value is not a valid hostname.')
    if profile is not None and record['ddos']['protectionType'] != 'ADVANCED':
        details.add(
            'detectionProfile',
            'DDoS detection profiles can only be changed for IP addresses protected by Advanced DDoS protection.',
        )
    details.check()
    if reverse is not None:
        record['reverseLookup'] = reverse
    if profile is not None:
        record['ddos']['detectionProfile'] = profile
    return record


def _set_nulled(state, server, record, value):
    def apply(_when):
        record['nullRouted'] = value
        public = server.detail['networkInterfaces']['public']
        if record['mainIp'] and record['networkType'] == 'PUBLIC' and record['version'] == 4:
            public['nullRouted'] = value
            state.touch(server)

    return apply


def _history(ctx):
    return ctx.state.extras(ctx.server)['null_routes']


def null_ip(ctx):
    """POST /servers/{serverId}/ips/{ip}/null (202); applied after the propagation delay."""
    record = _find(ctx)
    history = _history(ctx)
    address = record['ip'].split('/')[0]
    if record['networkType'] != 'PUBLIC':
        raise ApiError(400, 'Only public IP addresses can be null routed.')
    if ctx.server.null_target.get(address, record['nullRouted']):
        raise ApiError(400, f'IP address {address} is already null routed.')
    ctx.server.null_target[address] = True
    history.insert(
        0,
        {
            'automatedUnnullingAt': iso(ctx.now + NULL_ROUTE_HOURS * 3600),
            'comment': 'Null route requested through the API',
            'ip': f'{address}/{32 if record["version"] == 4 else 128}',
            'nullLevel': 1,
            'nulledAt': iso(ctx.now),
            'ticketId': '',
        },
    )
    ctx.state.schedule(
        ctx.now + ctx.state.settings.propagation_seconds, _set_nulled(ctx.state, ctx.server, record, True)
    )
    ctx.state.settle(ctx.now)
    return 202, record


def unnull_ip(ctx):
    """POST /servers/{serverId}/ips/{ip}/unnull (202); applied after the propagation delay."""
    record = _find(ctx)
    history = _history(ctx)
    address = record['ip'].split('/')[0]
    if not ctx.server.null_target.get(address, record['nullRouted']):
        raise ApiError(400, f'IP address {address} is not null routed.')
    ctx.server.null_target[address] = False
    for entry in history:
        if entry['ip'].split('/')[0] == address:
            entry['automatedUnnullingAt'] = iso(ctx.now)
            break
    ctx.state.schedule(
        ctx.now + ctx.state.settings.propagation_seconds, _set_nulled(ctx.state, ctx.server, record, False)
    )
    ctx.state.settle(ctx.now)
    return 202, record


def null_route_history(ctx):
    """GET /servers/{serverId}/nullRouteHistory, newest first."""
    return page(list(_history(ctx)), ctx.query, 'nullRoutes')


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers/{serverId}/ips', list_ips)
    api.route('GET', '/servers/{serverId}/ips/{ip}', get_ip)
    api.route('PUT', '/servers/{serverId}/ips/{ip}', update_ip)
    api.route('POST', '/servers/{serverId}/ips/{ip}/null', null_ip)
    api.route('POST', '/servers/{serverId}/ips/{ip}/unnull', unnull_ip)
    api.route('GET', '/servers/{serverId}/nullRouteHistory', null_route_history)
