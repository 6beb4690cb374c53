"""Servers: list (paged, filtered), get one, update the contract reference."""

from .common import (
    Details,
    Response,
    bool_param,
    check_string,
    dumps,
    normalize_mac,
    parse_ip,
    parse_paging,
    reject_unknown,
    require_object,
)

REFERENCE_MAX = 255


def _filters(query):
    """Validated filters as (cache key, list of predicates)."""
    details = Details()
    predicates = []
    key = []
    reference = query.get('reference')
    if reference is not None:
        predicates.append(lambda r: r.detail['contract']['reference'] == reference)
        key.append(('reference', reference))
    if query.get('ip') is not None:
        address = parse_ip(query['ip'])
        if address is None:
            details.add('ip', 'This value is not a valid IP address.')
        else:
            text = str(address)
            predicates.append(lambda r: text in r.addrs)
            key.append(('ip', text))
    if query.get('macAddress') is not None:
        mac = normalize_mac(query['macAddress'])
        if mac is None:
            details.add('macAddress', 'This value is not a valid MAC address.')
        else:
            predicates.append(lambda r: mac in r.macs)
            key.append(('mac', mac))
    site = query.get('site')
    if site is not None:
        predicates.append(lambda r: r.detail['location']['site'] == site)
        key.append(('site', site))
    rack = query.get('privateRackId')
    if rack is not None:
        predicates.append(lambda r: r.detail['rack']['type'] == 'DEDICATED' and r.detail['rack']['id'] == rack)
        key.append(('rack', rack))
    capable = bool_param(query, 'privateNetworkCapable', details)
    if capable is not None:
        predicates.append(lambda r: r.detail['isPrivateNetworkCapable'] == capable)
        key.append(('capable', capable))
    enabled = bool_param(query, 'privateNetworkEnabled', details)
    if enabled is not None:
        predicates.append(lambda r: r.detail['isPrivateNetworkEnabled'] == enabled)
        key.append(('enabled', enabled))
    details.check()
    return tuple(key), predicates


def list_servers(ctx):
    """GET /servers: pages of cached per-server JSON."""
    limit, offset = parse_paging(ctx.query)
    key, predicates = _filters(ctx.query)
    if predicates:
        records = ctx.state.filtered(key, lambda r: all(p(r) for p in predicates))
    else:
        records = ctx.state.order
    meta = dumps({'limit': limit, 'offset': offset, 'totalCount': len(records)})
    chunk = records[offset : offset + limit]
    raw = b''.join(
        (
            b'{"_metadata":',
            meta.encode('ascii'),
            b',"servers":[',
            b','.join(record.list_bytes() for record in chunk),
            b']}',
        )
    )
    return Response(200, raw=raw)


def get_server(ctx):
    """GET /servers/{serverId}."""
    return Response(200, raw=ctx.server.detail_bytes())


def update_reference(ctx):
    """PUT /servers/{serverId}: body {"reference"} (204)."""
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('reference',), details)
    reference = check_string(body, 'reference', details, required=True, allow_empty=True)
    if reference is not None and len(reference) > REFERENCE_MAX:
        details.add('reference', f'This value is too long. It should have {REFERENCE_MAX} characters or less.')
    details.check()
    ctx.server.detail['contract']['reference'] = reference
    ctx.state.touch(ctx.server)


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers', list_servers)
    api.route('GET', '/servers/{serverId}', get_server)
    api.route('PUT', '/servers/{serverId}', update_reference)
