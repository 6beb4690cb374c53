"""Notification settings: bandwidth and datatraffic (CRUD) and DDoS (get/put)."""

import re

from .common import ApiError, Details, check_enum, check_string, page, reject_unknown, require_object

FREQUENCIES = ('DAILY', 'WEEKLY', 'MONTHLY')
UNITS = {'bandwidth': ('Mbps', 'Gbps'), 'datatraffic': ('MB', 'GB', 'TB')}
LIST_KEYS = {'bandwidth': 'bandwidthNotificationSettings', 'datatraffic': 'datatrafficNotificationSettings'}
THRESHOLD_RE = re.compile(r'^(0|[1-9][0-9]*)(\.[0-9]+)?$')
DDOS_VALUES = ('ENABLED', 'DISABLED')


def make_setting(setting_id, frequency, threshold, unit):
    """A bandwidth/datatraffic notification setting as the reference shapes it."""
    return {
        'actions': [{'lastTriggeredAt': None, 'type': 'EMAIL'}],
        'frequency': frequency,
        'id': setting_id,
        'lastCheckedAt': None,
        'threshold': threshold,
        'thresholdExceededAt': None,
        'unit': unit,
    }


def _validate(ctx, kind):
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('frequency', 'threshold', 'unit'), details)
    frequency = check_enum(body, 'frequency', FREQUENCIES, details, required=True)
    threshold = check_string(body, 'threshold', details, required=True)
    if threshold is not None and (not THRESHOLD_RE.match(threshold) or float(threshold) <= 0):
        details.add('threshold', 'This value should be a positive number (as a string).')
    unit = check_enum(body, 'unit', UNITS[kind], details, required=True)
    details.check()
    return frequency, threshold, unit


def _settings(ctx, kind):
    return ctx.state.extras(ctx.server)[kind]


def _one(ctx, kind):
    settings = _settings(ctx, kind)
    setting = settings.get(ctx.params['notificationSettingId'])
    if setting is None:
        raise ApiError(404)
    return settings, setting


def _list(kind):
    def handler(ctx):
        return page(list(_settings(ctx, kind).values()), ctx.query, LIST_KEYS[kind])

    handler.__doc__ = f'GET /servers/{{serverId}}/notificationSettings/{kind}.'
    return handler


def _create(kind):
    def handler(ctx):
        frequency, threshold, unit = _validate(ctx, kind)
        setting = make_setting(ctx.state.new_id(), frequency, threshold, unit)
        _settings(ctx, kind)[setting['id']] = setting
        return 201, setting

    handler.__doc__ = f'POST /servers/{{serverId}}/notificationSettings/{kind} (201).'
    return handler


def _get(kind):
    def handler(ctx):
        return _one(ctx, kind)[1]

    handler.__doc__ = f'GET /servers/{{serverId}}/notificationSettings/{kind}/{{id}}.'
    return handler


def _update(kind):
    def handler(ctx):
        _settings_map, setting = _one(ctx, kind)
        frequency, threshold, unit = _validate(ctx, kind)
        setting.update(frequency=frequency, threshold=threshold, unit=unit)
        if kind == 'datatraffic':
            # The reference declares the datatraffic PUT answer as the options object.
            return {'frequency': frequency, 'threshold': threshold, 'unit': unit}
        return setting

    handler.__doc__ = f'PUT /servers/{{serverId}}/notificationSettings/{kind}/{{id}}.'
    return handler


def _delete(kind):
    def handler(ctx):
        settings, setting = _one(ctx, kind)
        del settings[setting['id']]

    handler.__doc__ = f'DELETE /servers/{{serverId}}/notificationSettings/{kind}/{{id}}.'
    return handler


def get_ddos(ctx):
    """GET /servers/{serverId}/notificationSettings/ddos."""
    return dict(ctx.state.extras(ctx.server)['ddos'])


def update_ddos(ctx):
    """PUT /servers/{serverId}/notificationSettings/ddos (204)."""
    body = require_object(ctx.body)
    details = Details()
    reject_unknown(body, ('nulling', 'scrubbing'), details)
    values = {}
    for name in ('nulling', 'scrubbing'):
        value = check_enum(body, name, DDOS_VALUES, details)
        if value is not None:
            values[name] = value
    details.check()
    ctx.state.extras(ctx.server)['ddos'].update(values)


def register(api):
    """Add this area's routes."""
    for kind in ('bandwidth', 'datatraffic'):
        base = f'/servers/{{serverId}}/notificationSettings/{kind}'
        api.route('GET', base, _list(kind))
        api.route('POST', base, _create(kind))
        api.route('GET', base + '/{notificationSettingId}', _get(kind))
        api.route('PUT', base + '/{notificationSettingId}', _update(kind))
        api.route('DELETE', base + '/{notificationSettingId}', _delete(kind))
    api.route('GET', '/servers/{serverId}/notificationSettings/ddos', get_ddos)
    api.route('PUT', '/servers/{serverId}/notificationSettings/ddos', update_ddos)
