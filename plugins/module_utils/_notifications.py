# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bandwidth, data traffic and DDoS notification settings of a server.

:class:`Ddos` is the DDoS notification emails; :class:`NotificationSetting` one bandwidth or
data traffic setting (the ``notification_setting`` module); :class:`NotificationSettings`
every setting of a type with ``merged`` or ``overridden`` semantics (``server_config``). Both
compare settings through :func:`matches` (the threshold as a number: ``1.0`` is ``1``) and
create them through :func:`create_setting` (which leaves one of identical settings).
"""

import re
from decimal import Decimal, InvalidOperation

from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import (
    Area,
    Plan,
    Refused,
    delete_or_gone,
    reader,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import id_order

# The notification setting lists (snake_case) of each kind, and the API's DDoS notification values.
NOTIFICATION_SETTING_LISTS = dict(
    bandwidth='bandwidth_notification_settings', datatraffic='datatraffic_notification_settings'
)
ENABLED = {'ENABLED': True, 'DISABLED': False}


# -- DDoS notifications ---------------------------------------------------------------------

DDOS_FIELDS = ('nulling', 'scrubbing')
API_VALUES = {True: 'ENABLED', False: 'DISABLED'}


@reader('ddos')
def read_ddos(client, server_id):
    return client.get(client.server_path(server_id, 'notificationSettings', 'ddos')) or {}


class Ddos(Area):
    """Wanted: ``nulling`` and ``scrubbing``, each true, false or None (left as it is)."""

    name = 'ddos_notifications'

    def check(self, wanted):
        if all(wanted.get(key) is None for key in DDOS_FIELDS):
            raise ValueError('declare at least one of %s' % ', '.join(DDOS_FIELDS))
        return wanted

    def reads(self, wanted):
        return [('ddos',)]

    def diff(self, wanted, current):
        ddos = current[('ddos',)]
        before = dict((key, ENABLED.get(ddos.get(key))) for key in DDOS_FIELDS)
        after = dict((key, before[key] if wanted.get(key) is None else wanted[key]) for key in DDOS_FIELDS)
        return Plan(before, after, result=after)

    def apply(self, client, server_id, plan):
        # Both values are sent when known; a value the API gave that is neither ENABLED nor
        # DISABLED and is not being set is left out (the PUT takes ENABLED or DISABLED only, and
        # neither field is required), so that the API keeps it as it is.
        client.put(
            client.server_path(server_id, 'notificationSettings', 'ddos'),
            dict((key, API_VALUES[value]) for key, value in plan.after.items() if value is not None),
        )
        return plan.done()


# -- bandwidth and data traffic notification settings --------------------------------------

UNITS = dict(bandwidth=['Mbps', 'Gbps'], datatraffic=['MB', 'GB', 'TB'])
FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY']
FIELDS = ('frequency', 'threshold', 'unit')
THRESHOLD = re.compile(r'^[0-9]+(\.[0-9]+)?$')


def number(value):
    """The threshold as a number, or None when it is not one."""
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def check_threshold(value):
    """A threshold as given, stripped; ValueError unless it is a positive number."""
    text = ('%s' % (value,)).strip()
    if not THRESHOLD.match(text) or number(text) <= 0:
        raise ValueError('threshold must be a positive number such as 1, 500 or 1.5, got %r' % text)
    return text


def check_unit(setting_type, unit):
    """ValueError unless ``unit`` is one of ``setting_type``'s."""
    if unit is not None and unit not in UNITS[setting_type]:
        raise ValueError(
            'unit %s is not a %s unit: use one of %s' % (unit, setting_type, ', '.join(UNITS[setting_type]))
        )


def same_threshold(current, wanted):
    current_number = number(current)
    if current_number is None:
        return str(current) == str(wanted)
    return current_number == number(wanted)


def matches(setting, wanted):
    """Whether a setting has the wanted frequency, threshold and unit: the rule, once."""
    return (
        setting.get('frequency') == wanted['frequency']
        and setting.get('unit') == wanted['unit']
        and same_threshold(setting.get('threshold'), wanted['threshold'])
    )


def setting_view(setting):
    """The diff view of a setting: its id and managed fields."""
    return dict((key, setting.get(key)) for key in ('id',) + FIELDS if key in setting)


def settings_path(client, server_id, setting_type, *segments):
    return client.server_path(server_id, 'notificationSettings', setting_type, *segments)


@reader('settings')
def read_settings(client, server_id, setting_type):
    """Every setting of the type, lowest id first (every page)."""
    settings = client.paginate(settings_path(client, server_id, setting_type), NOTIFICATION_SETTING_LISTS[setting_type])
    return sorted(settings, key=lambda setting: id_order(setting.get('id')))


@reader('setting')
def read_setting(client, server_id, setting_type, setting_id):
    """One setting, or None when the server has none with that id (an unknown server fails)."""
    base = settings_path(client, server_id, setting_type)
    return client.get_or_none(base + client.path(setting_id), list_path=base)


def remove_setting(client, server_id, setting_type, setting_id):
    """DELETE a setting; False when another run removed it first."""
    path = settings_path(client, server_id, setting_type, setting_id)
    return delete_or_gone(client, path, lambda: client.get_or_none(path))


def create_setting(client, server_id, setting_type, wanted):
    """Create a setting, then leave one: ``(changed, setting)``.

    The API accepts identical settings, so two runs at once may both create one. After
    creating, the settings are read again; when one with the same values and a lower id
    exists, the one just created is removed and that one returned, without a change: of
    two runs at once, the later creation gives way to the earlier.
    """
    created = client.post(settings_path(client, server_id, setting_type), wanted) or dict(wanted)
    if created.get('id') is None:
        return True, created
    earlier = [
        s
        for s in read_settings(client, server_id, setting_type)
        if matches(s, wanted) and id_order(s.get('id')) < id_order(created['id'])
    ]
    if not earlier:
        return True, created
    remove_setting(client, server_id, setting_type, created['id'])
    return False, earlier[0]


class NotificationSetting(Area):
    """One setting (the ``notification_setting`` module). Wanted: ``type``, ``state`` (present,
    absent), and either ``id`` (with the fields to change, the others kept) or ``frequency``,
    ``threshold`` and ``unit``, which then identify it."""

    name = 'notification_setting'

    def __init__(self, server_id, setting_type):
        self.server_id = server_id
        self.setting_type = setting_type

    def reads(self, wanted):
        if wanted.get('id') is None:
            return [('settings', self.setting_type)]
        return [('setting', self.setting_type, wanted['id'])]

    def diff(self, wanted, current):
        if wanted.get('id') is None:
            return self.diff_by_values(wanted, current[('settings', self.setting_type)])
        return self.diff_by_id(wanted, current[('setting', self.setting_type, wanted['id'])])

    def diff_by_values(self, wanted, settings):
        values = dict((key, wanted[key]) for key in FIELDS)
        found = [setting for setting in settings if matches(setting, values)]
        if wanted['state'] == 'absent':
            before = setting_view(found[0]) if len(found) == 1 else {}
            if len(found) > 1:
                before = dict(notification_settings=[setting_view(s) for s in found])
            return Plan(before, {}, changed=bool(found), result=found[0] if found else {}, remove=found)
        if found:
            plan = Plan(setting_view(found[0]), setting_view(found[0]), result=found[0])
            if len(found) > 1:
                plan.warnings.append(
                    '%d %s notification settings match frequency %s, threshold %s and unit %s (ids %s); returning the '
                    'first. Give id to manage one of them.'
                    % (
                        len(found),
                        self.setting_type,
                        values['frequency'],
                        values['threshold'],
                        values['unit'],
                        ', '.join('%s' % s.get('id') for s in found),
                    )
                )
            return plan
        return Plan({}, setting_view(values), changed=True, result=dict(values), create=values)

    def diff_by_id(self, wanted, setting):
        if setting is None:
            if wanted['state'] == 'absent':
                return Plan({}, {}, result={})
            raise Refused(
                'Server %s has no %s notification setting with id %s'
                % (self.server_id, self.setting_type, wanted['id'])
            )
        if wanted['state'] == 'absent':
            return Plan(setting_view(setting), {}, result=setting, remove=[setting])
        values = dict((key, setting.get(key) if wanted.get(key) is None else wanted[key]) for key in FIELDS)
        changed = not matches(setting, values)
        after = dict(setting, **values) if changed else dict(setting)
        return Plan(
            setting_view(setting), setting_view(after), changed=changed, result=after, update=values, id=wanted['id']
        )

    def apply(self, client, server_id, plan):
        setting_type = self.setting_type
        if 'remove' in plan.todo:
            removed = [remove_setting(client, server_id, setting_type, s['id']) for s in plan.todo['remove']]
            changed = any(removed)
            return plan.done(changed=changed, before=plan.before if changed else {})
        if 'create' in plan.todo:
            changed, setting = create_setting(client, server_id, setting_type, plan.todo['create'])
            return plan.done(
                changed=changed,
                before={} if changed else setting_view(setting),
                after=setting_view(setting),
                result=setting,
            )
        # The datatraffic PUT answers the three fields only: keep the rest from the GET.
        answer = client.put(settings_path(client, server_id, setting_type, plan.todo['id']), plan.todo['update'])
        return plan.done(result=dict(plan.result, **(answer or {})))


class NotificationSettings(Area):
    """Every setting of one type (``server_config``). Wanted: ``state`` (merged, overridden) and
    ``settings``, a list of ``frequency``, ``threshold`` and ``unit``.

    ``merged`` creates the declared settings that are missing; ``overridden`` also removes
    every setting that is not declared, and the copies of a declared one (of identical
    settings the one with the lowest id stays). The view is the list of the settings (id,
    frequency, threshold, unit), lowest id first, then those to be created.
    """

    def __init__(self, setting_type):
        self.setting_type = setting_type
        self.name = '%s_notifications' % setting_type

    def check(self, wanted):
        settings = []
        for number_, setting in enumerate(wanted.get('settings') or [], 1):
            prefix = 'settings[%d].' % number_
            try:
                check_unit(self.setting_type, setting['unit'])
                threshold = check_threshold(setting['threshold'])
            except ValueError as e:
                raise ValueError(prefix + '%s' % e)
            settings.append(dict(setting, threshold=threshold))
        for index, setting in enumerate(settings):
            if any(matches(other, setting) for other in settings[:index]):
                raise ValueError(
                    'settings[%d] (%s %s %s) is declared twice'
                    % (index + 1, setting['frequency'], setting['threshold'], setting['unit'])
                )
        return dict(wanted, settings=settings)

    def reads(self, wanted):
        return [('settings', self.setting_type)]

    def diff(self, wanted, current):
        existing = current[('settings', self.setting_type)]
        overridden = wanted['state'] == 'overridden'
        kept, remove = [], []
        for setting in existing:
            declared = any(matches(setting, values) for values in wanted['settings'])
            duplicate = any(matches(setting, other) for other in kept)
            if overridden and (not declared or duplicate):
                remove.append(setting)
            else:
                kept.append(setting)
        create = [
            dict((key, values[key]) for key in FIELDS)
            for values in wanted['settings']
            if not any(matches(setting, values) for setting in existing)
        ]
        before = [setting_view(s) for s in existing]
        after = [setting_view(s) for s in kept] + [setting_view(s) for s in create]
        return Plan(before, after, changed=bool(create or remove), result=kept + create, create=create, remove=remove)

    def apply(self, client, server_id, plan):
        result = [s for s in plan.result if s.get('id') is not None]
        changed = False
        for values in plan.todo['create']:
            created, setting = create_setting(client, server_id, self.setting_type, values)
            changed = changed or created
            result.append(setting)
        for setting in plan.todo['remove']:
            changed = remove_setting(client, server_id, self.setting_type, setting['id']) or changed
        return plan.done(changed=changed, result=result, after=[setting_view(s) for s in result])


def read_notification_settings(client, server_id, kinds, setting_id=None):
    """``{kind: settings}`` of a server for each of ``kinds`` (bandwidth, datatraffic: lists, every page, or the
    one with ``setting_id``; ddos: ``nulling`` and ``scrubbing`` as true, false or None)."""
    result = {}
    for kind in kinds:
        if kind == 'ddos':
            ddos = read_ddos(client, server_id)
            result[kind] = dict((key, ENABLED.get(ddos.get(key))) for key in DDOS_FIELDS)
        elif setting_id is None:
            result[kind] = client.paginate(settings_path(client, server_id, kind), NOTIFICATION_SETTING_LISTS[kind])
        else:
            setting = read_setting(client, server_id, kind, setting_id)
            result[kind] = [] if setting is None else [setting]
    return result
