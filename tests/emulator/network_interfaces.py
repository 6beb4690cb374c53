"""Switch-port state of a server's network interfaces: list, get, open and close."""

from .common import ApiError, ValidationError, unpaged

URL_TYPES = {'public': 'PUBLIC', 'internal': 'INTERNAL', 'remoteManagement': 'REMOTE_MANAGEMENT'}


def _view(url_type, port):
    return {
        'linkSpeed': port['linkSpeed'],
        'operStatus': port['status'],
        'status': port['status'],
        'switchInterface': port['switchInterface'],
        'switchName': port['switchName'],
        'type': URL_TYPES[url_type],
    }


def _port(ctx):
    url_type = ctx.params['networkTypeURL']
    if url_type not in URL_TYPES:
        raise ValidationError(
            {'networkTypeURL': ['The value you selected is not a valid choice (public, internal, remoteManagement).']}
        )
    port = ctx.server.ports.get(url_type)
    if port is None:
        raise ApiError(404)
    return url_type, port


def list_interfaces(ctx):
    """GET /servers/{serverId}/networkInterfaces."""
    items = [_view(url_type, port) for url_type, port in ctx.server.ports.items()]
    return unpaged(items, 'networkInterfaces')


def get_interface(ctx):
    """GET /servers/{serverId}/networkInterfaces/{networkTypeURL}."""
    return _view(*_port(ctx))


def _set_one(status):
    def handler(ctx):
        _port(ctx)[1]['status'] = status

    handler.__doc__ = f'POST /servers/{{serverId}}/networkInterfaces/{{type}} -> {status}.'
    return handler


def _set_all(status):
    def handler(ctx):
        for port in ctx.server.ports.values():
            port['status'] = status

    handler.__doc__ = f'POST /servers/{{serverId}}/networkInterfaces -> all {status}.'
    return handler


def register(api):
    """Add this area's routes."""
    base = '/servers/{serverId}/networkInterfaces'
    api.route('GET', base, list_interfaces)
    api.route('POST', base + '/open', _set_all('OPEN'))
    api.route('POST', base + '/close', _set_all('CLOSED'))
    api.route('GET', base + '/{networkTypeURL}', get_interface)
    api.route('POST', base + '/{networkTypeURL}/open', _set_one('OPEN'))
    api.route('POST', base + '/{networkTypeURL}/close', _set_one('CLOSED'))
