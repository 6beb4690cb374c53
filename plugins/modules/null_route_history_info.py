#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: null_route_history_info
short_description: Read the null route history of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Returns every null route the addresses of a dedicated server have had, the current ones
    included, reading every page of the history.
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
seealso:
  - module: leaseweb.dedicated.null_route
"""

EXAMPLES = r"""
- name: Read the null route history of a server
  leaseweb.dedicated.null_route_history_info:
    server_id: "12345"
  register: result

- name: Show the null routes Leaseweb set that only Leaseweb can remove
  ansible.builtin.debug:
    msg: "{{ result.null_routes | selectattr('null_level', 'gt', 1) | map(attribute='ip') | list }}"
"""

RETURN = r"""
null_routes:
  description:
    - The null routes, as returned by the API with keys in snake_case, in the API's order
      (newest first); possibly none.
  returned: success
  type: list
  elements: dict
  contains:
    ip:
      description: The address that was null routed.
      type: str
      sample: 192.0.2.10/32
    nulled_at:
      description: When the null route was set.
      type: str
      sample: "2026-11-27T07:40:27+00:00"
    automated_unnulling_at:
      description: When the null route was or will be removed.
      type: str
      sample: "2026-11-28T07:40:27+00:00"
    null_level:
      description: The level of the null route; above 1, only Leaseweb can remove it.
      type: int
      sample: 1
    comment:
      description: Why the address was null routed.
      type: str
      sample: Device Null Route related to DDoS Mitigation
    ticket_id:
      description: The ticket of the null route, when there is one.
      type: str
      sample: "282912"
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._ips import null_route_history
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    return dict(changed=False, null_routes=null_route_history(module.client, module.params['server_id']))


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
        )
    )
    module.run(run)


if __name__ == '__main__':
    main()
