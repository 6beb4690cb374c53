#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: network_interface_info
short_description: Read the switch ports of a Leaseweb dedicated server's network interfaces
version_added: 1.0.0
description:
  - Returns the public, internal and remote management network interfaces of a dedicated
    server as the switch sees them (status, link speed, switch and port), or only one of them.
  - The addresses of the interfaces are in the C(network_interfaces) of
    M(leaseweb.dedicated.server_info) and in M(leaseweb.dedicated.ip_info).
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
      - Only this interface. The API answers HTTP 404 for an interface the server does not have.
      - When not set, every interface of the server.
    type: str
    choices: [public, internal, remote_management]
seealso:
  - module: leaseweb.dedicated.network_interface
"""

EXAMPLES = r"""
- name: Read every interface of a server
  leaseweb.dedicated.network_interface_info:
    server_id: "12345"
  register: result

- name: Fail when one is closed
  ansible.builtin.assert:
    that: result.network_interfaces | rejectattr('status', 'equalto', 'OPEN') | list | length == 0

- name: Read the public interface only
  leaseweb.dedicated.network_interface_info:
    server_id: "12345"
    network_type: public
"""

RETURN = r"""
network_interfaces:
  description:
    - The interfaces, as returned by the API with keys in snake_case; one with O(network_type).
  returned: success
  type: list
  elements: dict
  contains:
    type:
      description: The network of the interface, V(PUBLIC), V(INTERNAL) or V(REMOTE_MANAGEMENT).
      type: str
      sample: PUBLIC
    status:
      description: The administrative status of the switch port, V(OPEN) or V(CLOSED).
      type: str
      sample: OPEN
    oper_status:
      description: The operational status of the switch port.
      type: str
      sample: OPEN
    link_speed:
      description: The speed of the link.
      type: str
      sample: 10Gbps
    switch_name:
      description: The name of the switch.
      type: str
      sample: EVO-AA11-1
    switch_interface:
      description: The port number on the switch.
      type: str
      sample: "33"
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._interfaces import (
    NETWORK_TYPE_URLS,
    read_network_interfaces,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    params = module.params
    return dict(
        changed=False,
        network_interfaces=read_network_interfaces(module.client, params['server_id'], params['network_type']),
    )


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            network_type=dict(type='str', choices=list(NETWORK_TYPE_URLS)),
        )
    )
    module.run(run)


if __name__ == '__main__':
    main()
