#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: dhcp_lease_info
short_description: Read the DHCP lease (PXE boot) of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Returns the DHCP reservations of a dedicated server's public interface. A server with one
    boots from its C(bootfile) URL at its next reboot.
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
  - module: leaseweb.dedicated.dhcp_lease
"""

EXAMPLES = r"""
- name: Read the lease of a server
  leaseweb.dedicated.dhcp_lease_info:
    server_id: "12345"
  register: result

- name: Warn when the server will boot from the network
  ansible.builtin.debug:
    msg: "Server 12345 boots from {{ result.leases[0].bootfile }} at its next reboot"
  when: result.leases | length > 0
"""

RETURN = r"""
leases:
  description:
    - The leases of the server's public interface, as returned by the API with keys in
      snake_case; none when the server boots from its disks.
    - See the C(lease) return value of M(leaseweb.dedicated.dhcp_lease) for the fields of a lease.
  returned: success
  type: list
  elements: dict
  sample:
    - bootfile: https://boot.netboot.xyz/ipxe/netboot.xyz.lkrn
      created_at: "2026-11-27T10:31:01+00:00"
      gateway: 192.0.2.14
      hostname: rescue-12345
      ip: 192.0.2.10
      last_client_request:
        relay_agent: null
        type: DHCP_REQUEST
        user_agent: iPXE/1.21.1
      mac: AA:BB:CC:DD:EE:FF
      netmask: 255.255.255.248
      site: AMS-01
      updated_at: "2026-11-27T10:31:01+00:00"
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._dhcp_lease import read_leases
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    return dict(changed=False, leases=read_leases(module.client, module.params['server_id']))


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
        )
    )
    module.run(run)


if __name__ == '__main__':
    main()
