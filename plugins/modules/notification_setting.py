#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: notification_setting
short_description: Manage bandwidth and data traffic notification settings of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - A notification setting makes Leaseweb send an email when the server's public bandwidth
    (O(type=bandwidth)) or data traffic (O(type=datatraffic)) passes O(threshold) O(unit), checked
    O(frequency). A server can have several settings of each type.
  - Without O(id), a setting is identified by its O(frequency), O(threshold) and O(unit), all three
    required. V(present) creates one unless a setting with those values exists; V(absent) removes
    every setting with those values. A different threshold is a different setting; to change the
    values of an existing setting, give its O(id).
  - With O(id), the module manages that setting. V(present) updates it when O(frequency),
    O(threshold) or O(unit) differ (the ones not given are kept), and fails when it does not exist;
    V(absent) removes it. O(frequency), O(threshold) and O(unit) are not used with V(absent).
  - DDoS notifications are managed by M(leaseweb.dedicated.ddos_notification).
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated.api
  - leaseweb.dedicated.attributes
  - leaseweb.dedicated.attributes.ACTION_GROUP
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details:
      - The diff shows the id, frequency, threshold and unit of the setting before and after; when
        several settings are removed, the list of them.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  type:
    description:
      - V(bandwidth) watches the public bandwidth (units V(Mbps), V(Gbps)), V(datatraffic) the
        public data traffic (units V(MB), V(GB), V(TB)).
    type: str
    required: true
    choices: [bandwidth, datatraffic]
  id:
    description:
      - The id of an existing setting to manage, as returned in RV(notification_setting.id) or by
        M(leaseweb.dedicated.notification_setting_info).
      - Without it, the setting is identified by O(frequency), O(threshold) and O(unit).
    type: str
  frequency:
    description:
      - How often the API checks the threshold and may send an email.
      - Required without O(id).
    type: str
    choices: [DAILY, WEEKLY, MONTHLY]
  threshold:
    description:
      - The value, in O(unit), above which a notification is sent; a positive number such as
        V(1), V(500) or V(1.5). The API stores it as a string.
      - Values are compared as numbers, so V(1.0) matches a stored V(1).
      - Required without O(id).
    type: str
  unit:
    description:
      - The unit of O(threshold). V(Mbps) or V(Gbps) for O(type=bandwidth); V(MB), V(GB) or V(TB) for
        O(type=datatraffic). A unit of the other type fails before any request.
      - Required without O(id).
    type: str
    choices: [Mbps, Gbps, MB, GB, TB]
  state:
    description:
      - V(present) makes sure the setting exists with these values; V(absent) that it does not.
    type: str
    choices: [present, absent]
    default: present
notes:
  - When several settings match O(frequency), O(threshold) and O(unit) without O(id), V(present)
    changes nothing, returns the one with the lowest id and warns; V(absent) removes them all.
  - Two runs at once - the API accepts identical settings, so two runs that create the same
    setting at the same moment could leave two. The module therefore reads the settings again
    after creating one. The rule - B(of identical settings, the one with the lowest id stays) -
    when a setting with the same frequency, threshold and unit and a lower id exists, the module
    removes the one it just created and returns that one, reporting no change. So one setting is
    left, whichever run is first. This relies on the API giving later settings higher ids.
  - A setting another run removed first counts as removed, without a change.
  - Requests of a creation - C(GET) of the list (all pages), C(POST), then C(GET) of the list again
    (and C(DELETE) of the copy when another run created the same setting first).
seealso:
  - module: leaseweb.dedicated.notification_setting_info
  - module: leaseweb.dedicated.ddos_notification
  - module: leaseweb.dedicated.metrics_info
'''

EXAMPLES = r'''
- name: Get an email when the public bandwidth passes 1 Gbps (checked daily)
  leaseweb.dedicated.notification_setting:
    server_id: "12345"
    type: bandwidth
    frequency: DAILY
    threshold: 1
    unit: Gbps
  register: bandwidth_alert

- name: Raise that threshold to 2 Gbps
  leaseweb.dedicated.notification_setting:
    server_id: "12345"
    type: bandwidth
    id: "{{ bandwidth_alert.notification_setting.id }}"
    threshold: 2

- name: Get an email when the monthly data traffic passes 8 TB
  leaseweb.dedicated.notification_setting:
    server_id: "12345"
    type: datatraffic
    frequency: MONTHLY
    threshold: 8
    unit: TB

- name: Remove every daily 2 Gbps bandwidth setting
  leaseweb.dedicated.notification_setting:
    server_id: "12345"
    type: bandwidth
    frequency: DAILY
    threshold: 2
    unit: Gbps
    state: absent
'''

RETURN = r'''
notification_setting:
  description:
    - The setting after the change, as returned by the API with keys in snake_case.
    - In check mode, as it would be; a setting that would be created has no C(id) yet.
    - With O(state=absent), the setting that was (or would be) removed, the first of them when
      several were; empty when there was none.
  returned: success
  type: dict
  contains:
    id:
      description: The id of the setting.
      type: str
      returned: when the setting exists
      sample: "104681"
    frequency:
      description: How often the threshold is checked.
      type: str
      sample: DAILY
    threshold:
      description: The threshold, a number as a string.
      type: str
      sample: "1"
    unit:
      description: The unit of the threshold.
      type: str
      sample: Gbps
    actions:
      description: What happens when the threshold is passed (C(type) V(EMAIL)) and when it last did
        (C(last_triggered_at)).
      type: list
      elements: dict
      returned: when the setting exists
      sample: [{type: EMAIL, last_triggered_at: null}]
    last_checked_at:
      description: When the API last checked the threshold.
      type: str
      returned: when the setting exists
      sample: "2021-03-16T01:01:41+00:00"
    threshold_exceeded_at:
      description: When the threshold was last exceeded.
      type: str
      returned: when the setting exists
      sample: null
'''

import re
from decimal import Decimal, InvalidOperation

from ansible_collections.leaseweb.dedicated.plugins.module_utils._notifications import NOTIFICATION_SETTING_LISTS
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import id_order
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import REFUSED_DELETE, write_or_converge
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule

UNITS = dict(bandwidth=['Mbps', 'Gbps'], datatraffic=['MB', 'GB', 'TB'])
FIELDS = ('frequency', 'threshold', 'unit')
THRESHOLD = re.compile(r'^[0-9]+(\.[0-9]+)?$')


def number(value):
    """The threshold as a number, or None when it is not one."""
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def same_threshold(current, wanted):
    current_number = number(current)
    if current_number is None:
        return str(current) == str(wanted)
    return current_number == number(wanted)


def matches(setting, wanted):
    """Whether a setting has the wanted frequency, threshold and unit."""
    return (setting.get('frequency') == wanted['frequency'] and setting.get('unit') == wanted['unit']
            and same_threshold(setting.get('threshold'), wanted['threshold']))


def setting_view(setting):
    """The diff view of a setting: its id and managed fields."""
    return dict((key, setting.get(key)) for key in ('id',) + FIELDS if key in setting)


def matching(module, base, wanted):
    """The settings with the wanted values, lowest id first (every page)."""
    return sorted((s for s in module.client.paginate(base, NOTIFICATION_SETTING_LISTS[module.params['type']]) if matches(s, wanted)),
                  key=lambda setting: id_order(setting.get('id')))


def remove(module, path):
    """DELETE a setting; False when another run removed it first (a 404, and a read that finds nothing)."""
    client = module.client
    removed, _gone = write_or_converge(lambda: client.delete(path), lambda: client.get_or_none(path),
                                       lambda found: found is None, refused=REFUSED_DELETE)
    return removed


def create(module, base, wanted):
    """Create a setting, then leave one: ``(changed, setting)``.

    The API accepts identical settings, so two runs at once may both create one. After
    creating, the settings are read again; when one with the same values and a lower id
    exists, the one just created is removed and that one returned, without a change: of
    two runs at once, the later creation gives way to the earlier.
    """
    created = module.client.post(base, wanted) or dict(wanted)
    if created.get('id') is None:
        return True, created
    earlier = [s for s in matching(module, base, wanted) if id_order(s.get('id')) < id_order(created['id'])]
    if not earlier:
        return True, created
    remove(module, base + module.client.path(created['id']))
    return False, earlier[0]


def by_values(module, base):
    params = module.params
    wanted = dict((key, params[key]) for key in FIELDS)
    found = matching(module, base, wanted)
    if params['state'] == 'absent':
        changed = bool(found)
        if not module.check_mode:
            removed = [remove(module, base + module.client.path(setting['id'])) for setting in found]
            changed = any(removed)
        before = setting_view(found[0]) if len(found) == 1 else {}
        if len(found) > 1:
            before = dict(notification_settings=[setting_view(s) for s in found])
        if not changed:
            before = {}
        return module.result(changed=changed, before=before, after={}, notification_setting=found[0] if found else {})
    if found:
        if len(found) > 1:
            module.warn('%d %s notification settings match frequency %s, threshold %s and unit %s (ids %s); '
                        'returning the first. Give id to manage one of them.' % (
                            len(found), params['type'], wanted['frequency'], wanted['threshold'], wanted['unit'],
                            ', '.join('%s' % s.get('id') for s in found)))
        return module.result(changed=False, before=setting_view(found[0]), after=setting_view(found[0]), notification_setting=found[0])
    if module.check_mode:
        return module.result(changed=True, before={}, after=setting_view(wanted), notification_setting=dict(wanted))
    changed, setting = create(module, base, wanted)
    before = {} if changed else setting_view(setting)
    return module.result(changed=changed, before=before, after=setting_view(setting), notification_setting=setting)


def by_id(module, base):
    params = module.params
    client = module.client
    path = base + client.path(params['id'])
    current = client.get_or_none(path, list_path=base)
    if current is None:
        if params['state'] == 'absent':
            return module.result(changed=False, before={}, after={}, notification_setting={})
        module.fail('Server %s has no %s notification setting with id %s' % (params['server_id'], params['type'], params['id']))
    if params['state'] == 'absent':
        changed = module.check_mode or remove(module, path)
        return module.result(changed=changed, before=setting_view(current) if changed else {}, after={}, notification_setting=current)
    wanted = dict((key, current.get(key) if params[key] is None else params[key]) for key in FIELDS)
    changed = not matches(current, wanted)
    after = dict(current)
    if changed:
        after.update(wanted)
        if not module.check_mode:
            # The datatraffic PUT answers the three fields only: keep the rest from the GET.
            after.update(client.put(path, wanted) or {})
    return module.result(changed=changed, before=setting_view(current), after=setting_view(after), notification_setting=after)


def run(module):
    base = module.client.server_path(module.params['server_id'], 'notificationSettings', module.params['type'])
    if module.params['id'] is None:
        return by_values(module, base)
    return by_id(module, base)


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            type=dict(type='str', required=True, choices=['bandwidth', 'datatraffic']),
            id=dict(type='str'),
            frequency=dict(type='str', choices=['DAILY', 'WEEKLY', 'MONTHLY']),
            threshold=dict(type='str'),
            unit=dict(type='str', choices=['Mbps', 'Gbps', 'MB', 'GB', 'TB']),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
    )
    params = module.params
    missing = [key for key in FIELDS if params[key] is None]
    if params['id'] is None and missing:
        module.fail('without id, frequency, threshold and unit identify the setting; missing: %s' % ', '.join(missing))
    module.require_text('id')
    if params['unit'] is not None and params['unit'] not in UNITS[params['type']]:
        module.fail('unit %s is not a %s unit: use one of %s' % (params['unit'], params['type'], ', '.join(UNITS[params['type']])))
    if params['threshold'] is not None:
        params['threshold'] = params['threshold'].strip()
        if not THRESHOLD.match(params['threshold']) or number(params['threshold']) <= 0:
            module.fail('threshold must be a positive number such as 1, 500 or 1.5, got %r' % params['threshold'])
    module.run(run)


if __name__ == '__main__':
    main()
