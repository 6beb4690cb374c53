"""Private network membership: PUT (CONFIGURING -> CONFIGURED) and DELETE (REMOVING -> gone)."""

from .common import ApiError, Details, check_enum, reject_unknown, require_object

LINK_SPEEDS = (100, 1000, 10000, 25000, 40000, 100000)


def _network(ctx):
    network = ctx.state.private_networks.get(ctx.params['privateNetworkId'])
    if network is None:
        raise ApiError(404)
    return network


def _membership(record, network_id):
    for entry in record.detail['privateNetworks']:
        if entry['id'] == network_id:
            return entry
    return None


def _refresh(state, record):
    record.detail['isPrivateNetworkEnabled'] = bool(record.detail['privateNetworks'])
    state.touch(record)


def _generation(state, record, network_id):
    generations = state.extras(record)['pn_generation']
    generations[network_id] = generations.get(network_id, 0) + 1
    return generations[network_id]


def _later(ctx, network_id, action):
    """Schedule `action` after the configured delay unless superseded meanwhile."""
    state, record = ctx.state, ctx.server
    token = _generation(state, record, network_id)

    def apply(_when):
        if state.extras(record)['pn_generation'].get(network_id) != token:
            return
        action()
        _refresh(state, record)

    state.schedule(ctx.now + state.settings.private_network_seconds, apply)
    state.settle(ctx.now)


def add_to_private_network(ctx):
    """PUT /servers/{serverId}/privateNetworks/{privateNetworkId} (204)."""
    network = _network(ctx)
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('linkSpeed',), details)
    speed = check_enum(body, 'linkSpeed', LINK_SPEEDS, details, required=True)
    details.check()
    record = ctx.server
    if not record.detail['isPrivateNetworkCapable']:
        raise ApiError(400, f'Equipment {record.id} is not capable of private networking.')
    entry = _membership(record, network['id'])
    if entry is not None:
        if entry['status'] == 'REMOVING':
            raise ApiError(400, f'Equipment {record.id} is being removed from private network {network["id"]}.')
        if entry['status'] == 'CONFIGURED' and entry['linkSpeed'] == speed:
            return
        entry['linkSpeed'] = speed
        entry['status'] = 'CONFIGURING'
    else:
        entry = {
            'id': network['id'],
            'linkSpeed': speed,
            'status': 'CONFIGURING',
            'dhcp': network['dhcp'],
            'subnet': network['subnet'],
            'vlanId': network['vlanId'],
        }
        record.detail['privateNetworks'].append(entry)
    _refresh(ctx.state, record)

    def configured():
        entry['status'] = 'CONFIGURED'

    _later(ctx, network['id'], configured)


def delete_from_private_network(ctx):
    """DELETE /servers/{serverId}/privateNetworks/{privateNetworkId} (204)."""
    network = _network(ctx)
    record = ctx.server
    entry = _membership(record, network['id'])
    if entry is None:
        raise ApiError(400, f'Equipment {record.id} is not part of private network {network["id"]}')
    if entry['status'] == 'REMOVING':
        return
    entry['status'] = 'REMOVING'
    _refresh(ctx.state, record)

    def removed():
        if entry in record.detail['privateNetworks']:
            record.detail['privateNetworks'].remove(entry)

    _later(ctx, network['id'], removed)


def register(api):
    """Add this area's routes."""
    path = '/servers/{serverId}/privateNetworks/{privateNetworkId}'
    api.route('PUT', path, add_to_private_network)
    api.route('DELETE', path, delete_from_private_network)
