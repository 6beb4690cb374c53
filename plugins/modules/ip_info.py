#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: ip_info
short_description: List the IP addresses of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Returns the IP addresses of a dedicated server (public, internal and remote management,
    IPv4 and IPv6) that match the filters, reading every page of the list.
  - The API filters on its side.
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
  network_type:
    description:
      - Only the addresses of this network.
    type: str
    choices: [public, internal, remote_management]
  version:
    description:
      - Only IPv4 (V(4)) or IPv6 (V(6)) addresses.
    type: int
    choices: [4, 6]
  null_routed:
    description:
      - Only addresses that are (V(true)) or are not (V(false)) null routed.
    type: bool
  ips:
    description:
      - Only these addresses (IPv4 or IPv6, with or without C(/prefix)).
    type: list
    elements: str
seealso:
  - module: leaseweb.dedicated.ip
  - module: leaseweb.dedicated.null_route
"""

EXAMPLES = r"""
- name: List every address of a server
  leaseweb.dedicated.ip_info:
    server_id: "12345"
  register: result

- name: Show them with their reverse lookups
  ansible.builtin.debug:
    msg: "{{ result.ips | items2dict(key_name='ip', value_name='reverse_lookup') }}"

- name: List the null routed public addresses
  leaseweb.dedicated.ip_info:
    server_id: "12345"
    network_type: public
    null_routed: true
  register: result

- name: Read two addresses
  leaseweb.dedicated.ip_info:
    server_id: "12345"
    ips:
      - 192.0.2.10
      - 192.0.2.11/29
"""

RETURN = r"""
ips:
  description:
    - The addresses found, as returned by the API with keys in snake_case; possibly none.
    - See the C(ip) return value of M(leaseweb.dedicated.ip) for the fields of an address.
  returned: success
  type: list
  elements: dict
  sample:
    - ip: 192.0.2.10/29
      version: 4
      network_type: PUBLIC
      main_ip: true
      floating_ip: false
      gateway: 192.0.2.14
      null_routed: false
      reverse_lookup: mail.example.com
      ddos:
        protection_type: ADVANCED
        detection_profile: ADVANCED_DEFAULT
    - ip: 2001:db8:4705::2/64
      version: 6
      network_type: PUBLIC
      main_ip: false
      floating_ip: false
      gateway: 2001:db8:4705::1
      null_routed: false
      reverse_lookup: ""
      ddos:
        protection_type: STANDARD
        detection_profile: STANDARD_DEFAULT
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._interfaces import NETWORK_TYPE_NAMES
from ansible_collections.leaseweb.dedicated.plugins.module_utils._ips import list_ips
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_ip


def run(module):
    params = module.params
    return dict(
        changed=False,
        ips=list_ips(
            module.client,
            params['server_id'],
            params['network_type'],
            params['version'],
            params['null_routed'],
            params['ips'],
        ),
    )


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            network_type=dict(type='str', choices=list(NETWORK_TYPE_NAMES)),
            version=dict(type='int', choices=[4, 6]),
            null_routed=dict(type='bool'),
            ips=dict(type='list', elements='str'),
        )
    )
    if module.params['ips'] is not None:
        addresses = []
        for value in module.params['ips']:
            try:
                addresses.append(parse_ip(value)[0])
            except ValueError as e:
                module.fail('ips: %s' % e)
        if not addresses:
            module.fail('ips must not be empty; leave it out to list every address')
        module.params['ips'] = addresses
    module.run(run)


if __name__ == '__main__':
    main()
