"""Credentials stored per server: list, by type, get (with password), create, update, delete."""

from .common import ApiError, Details, ValidationError, check_enum, check_string, page, reject_unknown, require_object

CREDENTIAL_TYPES = (
    'OPERATING_SYSTEM',
    'RESCUE_MODE',
    'REMOTE_MANAGEMENT',
    'CONTROL_PANEL',
    'SWITCH',
    'PDU',
    'FIREWALL',
    'LOAD_BALANCER',
    'VNC',
    'TEMPORARY_OPERATING_SYSTEM',
    'VPN_USER',
    'COMBINATION_LOCK',
    'DATABASE',
)


def store(extras, cred_type, username, password):
    """Create or replace a credential (used by jobs that generate passwords)."""
    extras['credentials'][(cred_type, username)] = password


def _type(ctx):
    cred_type = ctx.params['type']
    if cred_type not in CREDENTIAL_TYPES:
        raise ValidationError({'type': ['The value you selected is not a valid choice.']})
    return cred_type


def _creds(ctx):
    return ctx.state.extras(ctx.server)['credentials']


def _view(key, password=None):
    result = {'type': key[0], 'username': key[1]}
    if password is not None:
        result = {'password': password, 'type': key[0], 'username': key[1]}
    return result


def list_credentials(ctx):
    """GET /servers/{serverId}/credentials (no passwords)."""
    items = [_view(key) for key in _creds(ctx)]
    return page(items, ctx.query, 'credentials')


def list_by_type(ctx):
    """GET /servers/{serverId}/credentials/{type} (no passwords)."""
    cred_type = _type(ctx)
    items = [_view(key) for key in _creds(ctx) if key[0] == cred_type]
    return page(items, ctx.query, 'credentials')


def _existing(ctx):
    key = (_type(ctx), ctx.params['username'])
    creds = _creds(ctx)
    if key not in creds:
        raise ApiError(404)
    return key, creds


def get_credential(ctx):
    """GET /servers/{serverId}/credentials/{type}/{username} (with password)."""
    key, creds = _existing(ctx)
    return _view(key, creds[key])


def create_credential(ctx):
    """POST /servers/{serverId}/credentials."""
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('type', 'username', 'password'), details)
    cred_type = check_enum(body, 'type', CREDENTIAL_TYPES, details, required=True)
    username = check_string(body, 'username', details, required=True)
    password = check_string(body, 'password', details, required=True)
    details.check()
    creds = _creds(ctx)
    key = (cred_type, username)
    if key in creds:
        raise ApiError(409, f"A {cred_type} credential for user '{username}' already exists.")
    creds[key] = password
    return _view(key, password)


def update_credential(ctx):
    """PUT /servers/{serverId}/credentials/{type}/{username}: only the password changes."""
    key, creds = _existing(ctx)
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('password',), details)
    password = check_string(body, 'password', details, required=True)
    details.check()
    creds[key] = password
    return _view(key, password)


def delete_credential(ctx):
    """DELETE /servers/{serverId}/credentials/{type}/{username}."""
    key, creds = _existing(ctx)
    del creds[key]


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers/{serverId}/credentials', list_credentials)
    api.route('POST', '/servers/{serverId}/credentials', create_credential)
    api.route('GET', '/servers/{serverId}/credentials/{type}', list_by_type)
    api.route('GET', '/servers/{serverId}/credentials/{type}/{username}', get_credential)
    api.route('PUT', '/servers/{serverId}/credentials/{type}/{username}', update_credential)
    api.route('DELETE', '/servers/{serverId}/credentials/{type}/{username}', delete_credential)
