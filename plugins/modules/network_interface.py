#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: network_interface
short_description: Open or close the switch ports of a Leaseweb dedicated server's network interfaces
version_added: 1.0.0
description:
  - Opens or closes, on the switch, the port of a dedicated server's public, internal or remote
    management network interface, or of all of them. A closed port cuts the server off that
    network.
  - Reads the administrative status of the ports first and sends a request only when one
    differs from O(state). For O(network_type=all) every interface the server has is compared,
    and one request opens or closes them all.
  - Returns the interfaces as the API describes them after the change.
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
      - The diff shows the administrative status of each interface concerned, before and after.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  network_type:
    description:
      - Which interface to open or close, or V(all) for every interface the server has.
      - A server without such an interface (some have no internal or no remote management
        interface) makes the API answer HTTP 404, and the module fails with that answer.
    type: str
    required: true
    choices: [public, internal, remote_management, all]
  state:
    description:
      - V(open) opens the switch port, V(closed) closes it.
    type: str
    choices: [open, closed]
    default: open
notes:
  - Closing the interface you reach the server through (the public one, usually) makes the
    server unreachable for you until it is opened again with this module or in the Customer
    Portal.
seealso:
  - module: leaseweb.dedicated.network_interface_info
"""

EXAMPLES = r"""
- name: Cut a server off the internet, keeping its internal network
  leaseweb.dedicated.network_interface:
    server_id: "12345"
    network_type: public
    state: closed

- name: Open its public interface again
  leaseweb.dedicated.network_interface:
    server_id: "12345"
    network_type: public
    state: open

- name: Make sure every interface of a server is open
  leaseweb.dedicated.network_interface:
    server_id: "12345"
    network_type: all
  register: result

- name: Show the status of each interface
  ansible.builtin.debug:
    msg: "{{ result.network_interfaces | items2dict(key_name='type', value_name='status') }}"
"""

RETURN = r"""
network_interfaces:
  description:
    - The interfaces concerned (one, or every interface of the server for O(network_type=all))
      after the change (in check mode, as they would be), as returned by the API with keys in
      snake_case.
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

from ansible_collections.leaseweb.dedicated.plugins.module_utils._interfaces import NETWORK_TYPE_NAMES, Interface
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            network_type=dict(type='str', required=True, choices=list(NETWORK_TYPE_NAMES) + ['all']),
            state=dict(type='str', choices=['open', 'closed'], default='open'),
        )
    )
    params = module.params
    wanted = dict(
        network_type=None if params['network_type'] == 'all' else params['network_type'], state=params['state']
    )
    module.run(lambda leaseweb: leaseweb.declare(Interface(), wanted, 'network_interfaces'))


if __name__ == '__main__':
    main()
