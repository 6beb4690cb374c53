"""DHCP leases (PXE reservations) on the public interface."""

from .common import ApiError, Details, HOSTNAME_RE, check_string, iso, reject_unknown, require_object, unpaged


def list_leases(ctx):
    """GET /servers/{serverId}/leases."""
    lease = ctx.state.extras(ctx.server)['lease']
    return unpaged([lease] if lease else [], 'leases')


def make_lease(record, bootfile, hostname, now):
    """A lease shaped as the reference's `lease` object."""
    public = record.detail['networkInterfaces']['public']
    address, prefix = public['ip'].split('/')
    mask = (0xFFFFFFFF << (32 - int(prefix))) & 0xFFFFFFFF
    netmask = '.'.join(str((mask >> shift) & 0xFF) for shift in (24, 16, 8, 0))
    return {
        'bootfile': bootfile,
        'createdAt': iso(now),
        'gateway': public['gateway'],
        'hostname': hostname if hostname is not None else f's{record.id}',
        'ip': address,
        'lastClientRequest': {'relayAgent': None, 'type': 'DHCP_DISCOVER', 'userAgent': 'iPXE/1.21.1'},
        'mac': public['mac'],
        'netmask': netmask,
        'site': record.detail['location']['site'],
        'updatedAt': iso(now),
    }


def create_lease(ctx):
    """POST /servers/{serverId}/leases (204); one reservation per server."""
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('bootfile', 'hostname'), details)
    bootfile = check_string(body, 'bootfile', details, required=True)
    hostname = check_string(body, 'hostname', details)
    if hostname is not None and not HOSTNAME_RE.match(hostname):
        details.add('hostname', 'This value is not a valid hostname.')
    details.check()
    extras = ctx.state.extras(ctx.server)
    if extras['lease'] is not None:
        raise ApiError(400, f'Server {ctx.server.id} already has a DHCP reservation; delete it first.')
    extras['lease'] = make_lease(ctx.server, bootfile, hostname, ctx.now)


def delete_lease(ctx):
    """DELETE /servers/{serverId}/leases (204); 404 when there is none."""
    extras = ctx.state.extras(ctx.server)
    if extras['lease'] is None:
        raise ApiError(404)
    extras['lease'] = None


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers/{serverId}/leases', list_leases)
    api.route('POST', '/servers/{serverId}/leases', create_lease)
    api.route('DELETE', '/servers/{serverId}/leases', delete_lease)
