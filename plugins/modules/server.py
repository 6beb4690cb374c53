#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: server
short_description: Manage the reference of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Sets the reference (your own label) of a dedicated server in the Leaseweb API.
  - The reference is what the Customer Portal shows next to the server, and what the
    P(leaseweb.dedicated.servers#inventory) inventory plugin uses as host name by default.
  - Returns the server, as the API describes it, after the change.
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
      - The diff shows the reference before and after.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  reference:
    description:
      - The reference the server should have.
      - An empty string removes the reference.
      - One line of printable text (any language); control characters such as line breaks or tabs
        are refused before any request. The API decides the longest reference it accepts.
    type: str
    required: true
seealso:
  - module: leaseweb.dedicated.server_info
"""

EXAMPLES = r"""
- name: Label a server
  leaseweb.dedicated.server:
    server_id: "12345"
    reference: db-primary-ams

- name: Label every server of the inventory with its inventory name
  leaseweb.dedicated.server:
    server_id: "{{ leaseweb_id }}"
    reference: "{{ inventory_hostname }}"
  delegate_to: localhost

- name: Remove the reference
  leaseweb.dedicated.server:
    server_id: "12345"
    reference: ""
"""

RETURN = r"""
server:
  description:
    - The server after the change (in check mode, as it would be), as returned by the API with
      keys in snake_case.
  returned: success
  type: dict
  contains:
    id:
      description: Id of the server.
      type: str
      sample: "12345"
    asset_id:
      description: Asset id of the server.
      type: str
      sample: "627293"
    serial_number:
      description: Serial number of the server.
      type: str
      sample: JDK18291JK
    contract:
      description: The contract of the server, with its C(reference), C(id), C(customer_id),
        C(delivery_status), billing and traffic details.
      type: dict
      sample:
        id: "674382"
        customer_id: "32923828192"
        reference: db-primary-ams
        delivery_status: ACTIVE
        sales_org_id: "2300"
    location:
      description: Where the server is (C(site), C(suite), C(rack), C(unit)).
      type: dict
      sample: {site: AMS-01, suite: "99", rack: A83, unit: 16-17}
    network_interfaces:
      description: The C(public), C(internal) and C(remote_management) interfaces with their
        C(mac), C(ip) (in CIDR form), C(gateway), C(null_routed) and switch C(ports).
      type: dict
    feature_availability:
      description: Which features the server supports (C(automation), C(power_cycle),
        C(ipmi_reboot), C(private_network), C(remote_management)).
      type: dict
    is_private_network_capable:
      description: Whether the server can join a private network.
      type: bool
    is_private_network_enabled:
      description: Whether the server is in a private network.
      type: bool
    is_redundant_private_network_capable:
      description: Whether the server can join a redundant private network.
      type: bool
    private_networks:
      description: The private networks of the server, with C(id), C(link_speed), C(status),
        C(dhcp), C(subnet) and C(vlan_id).
      type: list
      elements: dict
    power_ports:
      description: The power ports of the server.
      type: list
      elements: dict
    rack:
      description: The rack (C(id), C(capacity), C(type)).
      type: dict
    specs:
      description: Hardware of the server (C(brand), C(chassis), C(cpu), C(ram), C(hdd), C(pci_cards),
        C(hardware_raid_capable)).
      type: dict
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._reference import Reference, printable


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            reference=dict(type='str', required=True, no_log=False),
        )
    )
    module.check('reference', printable)
    module.run(lambda leaseweb: leaseweb.declare(Reference(), leaseweb.params['reference'], 'server'))


if __name__ == '__main__':
    main()
