#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: power_info
short_description: Read the power status of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Returns the power status of a dedicated server as its remote management interface (IPMI) and
    its power distribution unit (PDU) report it, and whether the server is on.
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
  - module: leaseweb.dedicated.power
"""

EXAMPLES = r"""
- name: Read the power status
  leaseweb.dedicated.power_info:
    server_id: "12345"
  register: result

- name: Show it
  ansible.builtin.debug:
    msg: "The server is {{ 'on' if result.power.powered_on else 'off' }}"
"""

RETURN = r"""
power:
  description: The power status of the server.
  returned: success
  type: dict
  contains:
    ipmi:
      description: The power status the remote management interface (IPMI) reports, C(on) or C(off).
      type: dict
      sample: {status: "on"}
    pdu:
      description:
        - The power status the power distribution unit reports; C(on) when at least one of the
          server's PDU ports has power.
        - The PDU can report C(on) for a server that was shut down through IPMI.
      type: dict
      sample: {status: "on"}
    powered_on:
      description: Whether the server is on, that is neither IPMI nor the PDU reports C(off).
      type: bool
      sample: true
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import read_power


def run(module):
    return dict(changed=False, power=read_power(module.client, module.params['server_id']))


def main():
    module = LeasewebModule(dict(server_id=dict(type='str', required=True)))
    module.run(run)


if __name__ == '__main__':
    main()
