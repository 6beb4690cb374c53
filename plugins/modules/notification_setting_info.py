#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: notification_setting_info
short_description: Read the notification settings of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Returns the bandwidth and data traffic notification settings of a server (reading every page)
    and its DDoS notification settings, or those of one O(type), or one setting by O(id).
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
  - leaseweb.dedicated._attributes.INFO_MODULE
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  type:
    description:
      - Read only the settings of this type. Not given, all three are read.
      - Required with O(id), and then V(bandwidth) or V(datatraffic).
    type: str
    choices: [bandwidth, datatraffic, ddos]
  id:
    description:
      - Read only the setting of O(type) with this id. When the server has no such setting, the
        list is empty (the module then reads the list of O(type) to make sure the server exists).
    type: str
seealso:
  - module: leaseweb.dedicated.notification_setting
  - module: leaseweb.dedicated.ddos_notification
"""

EXAMPLES = r"""
- name: Read every notification setting of a server
  leaseweb.dedicated.notification_setting_info:
    server_id: "12345"
  register: result

- name: Show whether DDoS nulling emails are on
  ansible.builtin.debug:
    msg: "{{ result.notification_settings.ddos.nulling }}"

- name: Read the data traffic settings only
  leaseweb.dedicated.notification_setting_info:
    server_id: "12345"
    type: datatraffic
  register: result

- name: Read one data traffic setting by its id
  leaseweb.dedicated.notification_setting_info:
    server_id: "12345"
    type: datatraffic
    id: "{{ result.notification_settings.datatraffic[0].id }}"
"""

RETURN = r"""
notification_settings:
  description:
    - The settings read, by type; only the types that were read are present.
  returned: success
  type: dict
  contains:
    bandwidth:
      description:
        - The bandwidth notification settings, as returned by the API with keys in snake_case
          (C(id), C(frequency), C(threshold), C(unit) V(Mbps) or V(Gbps), C(actions),
          C(last_checked_at), C(threshold_exceeded_at)). See M(leaseweb.dedicated.notification_setting).
      type: list
      elements: dict
      returned: when O(type) is V(bandwidth) or not given
      sample:
        - id: "104681"
          frequency: DAILY
          threshold: "1"
          unit: Gbps
          actions: [{type: EMAIL, last_triggered_at: null}]
          last_checked_at: null
          threshold_exceeded_at: null
    datatraffic:
      description:
        - The data traffic notification settings, shaped as RV(notification_settings.bandwidth) with
          C(unit) V(MB), V(GB) or V(TB).
      type: list
      elements: dict
      returned: when O(type) is V(datatraffic) or not given
      sample:
        - id: "104680"
          frequency: MONTHLY
          threshold: "10"
          unit: TB
          actions: [{type: EMAIL, last_triggered_at: null}]
          last_checked_at: null
          threshold_exceeded_at: null
    ddos:
      description:
        - The DDoS notification settings, as booleans (the API's V(ENABLED)/V(DISABLED)), as
          M(leaseweb.dedicated.ddos_notification) takes and returns them. A value that is neither is
          returned as null.
      type: dict
      returned: when O(type) is V(ddos) or not given
      contains:
        nulling:
          description: Whether an email is sent when an IP address is null routed.
          type: bool
          sample: true
        scrubbing:
          description: Whether an email is sent when traffic is scrubbed.
          type: bool
          sample: false
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._notifications import read_notification_settings


def run(module):
    params = module.params
    kinds = [params['type']] if params['type'] else ['bandwidth', 'datatraffic', 'ddos']
    return dict(
        changed=False,
        notification_settings=read_notification_settings(module.client, params['server_id'], kinds, params['id']),
    )


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            type=dict(type='str', choices=['bandwidth', 'datatraffic', 'ddos']),
            id=dict(type='str'),
        ),
        required_by=dict(id=['type']),
    )
    module.require_text('id')
    if module.params['id'] is not None and module.params['type'] == 'ddos':
        module.fail('id is for bandwidth and datatraffic settings; the ddos settings have none')
    module.run(run)


if __name__ == '__main__':
    main()
