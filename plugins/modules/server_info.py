#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: server_info
short_description: List Leaseweb dedicated servers, or read one
version_added: 1.0.0
description:
  - With O(server_id), returns that server's full record.
  - Without it, returns every server of the account that matches the filters, reading every
    page of the list. The API filters on its side; records in the list hold fewer details than
    the full record of one server (the API leaves out some fields, such as C(specs)).
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
      - The id of one server to read. Cannot be combined with the filters.
    type: str
  reference:
    description:
      - Only servers with this reference.
    type: str
  ip:
    description:
      - Only the server with this IP address (with or without C(/prefix)).
    type: str
  mac_address:
    description:
      - Only the server with this MAC address, as V(aa:bb:cc:dd:ee:ff).
    type: str
  site:
    description:
      - Only servers in this site (data center), for example V(AMS-01).
    type: str
  private_rack_id:
    description:
      - Only servers in this dedicated (private) rack.
    type: str
  private_network_capable:
    description:
      - Only servers that can (V(true)) or cannot (V(false)) join a private network.
    type: bool
  private_network_enabled:
    description:
      - Only servers that are (V(true)) or are not (V(false)) in a private network.
    type: bool
seealso:
  - module: leaseweb.dedicated.server
  - plugin: leaseweb.dedicated.servers
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Read one server
  leaseweb.dedicated.server_info:
    server_id: "12345"
  register: result

- name: Show its public IP address
  ansible.builtin.debug:
    msg: "{{ result.servers[0].network_interfaces.public.ip }}"

- name: Every server in Amsterdam that can join a private network
  leaseweb.dedicated.server_info:
    site: AMS-01
    private_network_capable: true
  register: result

- name: Find a server by its IP address
  leaseweb.dedicated.server_info:
    ip: 192.0.2.10
  register: result
"""

RETURN = r"""
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: when O(server_id) is given
  type: str
  sample: "12345"
  version_added: 1.1.0
servers:
  description:
    - The servers found, as returned by the API with keys in snake_case; one element when
      O(server_id) is given, possibly none for a filtered list.
    - See the C(server) return value of M(leaseweb.dedicated.server) for the fields of a server.
  returned: success
  type: list
  elements: dict
  sample:
    - id: "12345"
      asset_id: "627293"
      contract:
        id: "674382"
        reference: db-primary-ams
        customer_id: "32923828192"
        delivery_status: ACTIVE
        sales_org_id: "2300"
      location: {site: AMS-01, suite: "99", rack: A83, unit: 16-17}
      network_interfaces:
        public:
          ip: 192.0.2.10/24
          gateway: 192.0.2.254
          mac: AA:AC:CC:88:EE:E4
          ports: []
      feature_availability:
        automation: true
        power_cycle: true
        ipmi_reboot: false
        private_network: true
        remote_management: false
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, server_list_filter_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import read_record
from ansible_collections.leaseweb.dedicated.plugins.module_utils._servers import (
    SERVER_LIST_FILTERS,
    list_servers,
    server_list_query,
)


def run(module, query):
    server_id = module.params['server_id']
    if server_id:
        return dict(changed=False, servers=[read_record(module.client, server_id)])
    return dict(changed=False, servers=list_servers(module.client, query))


def main():
    module = LeasewebModule(
        dict(server_id=dict(type='str'), **server_list_filter_spec()),
        mutually_exclusive=[('server_id', option) for option in SERVER_LIST_FILTERS],
    )
    try:
        query = server_list_query(module.params)
    except ValueError as e:
        module.fail('%s' % e)
    module.run(lambda leaseweb: run(leaseweb, query))


if __name__ == '__main__':
    main()
