#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
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
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
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
"""

EXAMPLES = r"""
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
"""

RETURN = r"""
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
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._notifications import (
    FIELDS,
    FREQUENCIES,
    UNITS,
    NotificationSetting,
    check_threshold,
    check_unit,
)


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            type=dict(type='str', required=True, choices=list(UNITS)),
            id=dict(type='str'),
            frequency=dict(type='str', choices=FREQUENCIES),
            threshold=dict(type='str'),
            unit=dict(type='str', choices=UNITS['bandwidth'] + UNITS['datatraffic']),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
    )
    params = module.params
    missing = [key for key in FIELDS if params[key] is None]
    if params['id'] is None and missing:
        module.fail('without id, frequency, threshold and unit identify the setting; missing: %s' % ', '.join(missing))
    module.require_text('id')
    module.valid(check_unit, params['type'], params['unit'])
    if params['threshold'] is not None:
        params['threshold'] = module.valid(check_threshold, params['threshold'])
    wanted = dict((key, params[key]) for key in ('id', 'state') + FIELDS)
    module.run(
        lambda leaseweb: leaseweb.declare(
            NotificationSetting(params['server_id'], params['type']), wanted, 'notification_setting'
        )
    )


if __name__ == '__main__':
    main()
