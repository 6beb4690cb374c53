#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: dhcp_lease
short_description: Manage the DHCP lease (PXE boot) of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Creates or removes the DHCP reservation of a dedicated server's public interface. With a
    lease, the server boots from the network at its next reboot, from the O(bootfile) URL
    (an iPXE script, for example), instead of from its disks.
  - The module does not reboot the server; use M(leaseweb.dedicated.power) for that.
  - Reads the lease first and sends requests only when it differs from what is wanted. The API
    cannot change a lease, so a different lease is replaced. The module deletes the current one,
    then creates the new one.
  - Returns the lease as the API describes it after the change.
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
      - The diff shows the bootfile and host name of the lease before and after; a replaced lease
        shows both.
  idempotent:
    support: full
    details:
      - When another run creates the same lease between this run's read and its request (the API
        refuses a second lease), or removes the lease first, the module reads the lease again and
        reports no change of its own instead of failing.
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  bootfile:
    description:
      - The URL the server boots from, for example V(https://boot.netboot.xyz/ipxe/netboot.xyz.lkrn)
        or an iPXE script of your own.
      - Required with O(state=present).
    type: str
  hostname:
    description:
      - The host name the lease gives the server.
      - When not set, a new lease gets the API's default and an existing lease keeps its host name
        (also when it is replaced for another O(bootfile)).
    type: str
  state:
    description:
      - V(present) makes sure the server has this lease, V(absent) that it has none.
    type: str
    choices: [present, absent]
    default: present
notes:
  - If creating the new lease fails after the current one was deleted (when a lease is
    replaced), the server is left without a lease; the failure says so, and running the task
    again creates it.
seealso:
  - module: leaseweb.dedicated.dhcp_lease_info
"""

EXAMPLES = r"""
- name: Boot a server into netboot.xyz at its next reboot
  leaseweb.dedicated.dhcp_lease:
    server_id: "12345"
    bootfile: https://boot.netboot.xyz/ipxe/netboot.xyz.lkrn
    hostname: rescue-12345

- name: Boot it from an iPXE script of your own instead (replaces the lease)
  leaseweb.dedicated.dhcp_lease:
    server_id: "12345"
    bootfile: http://deploy.example.com/ipxe/ubuntu-24.04.ipxe
  register: result

- name: Show the lease
  ansible.builtin.debug:
    msg: "{{ result.lease.hostname }} ({{ result.lease.ip }}, {{ result.lease.mac }}) boots {{ result.lease.bootfile }}"

- name: Boot from the disks again
  leaseweb.dedicated.dhcp_lease:
    server_id: "12345"
    state: absent
"""

RETURN = r"""
lease:
  description:
    - The lease after the change (in check mode, as it would be), as returned by the API with keys
      in snake_case; empty when the server has none.
    - In check mode, a lease that does not exist yet holds only RV(lease.bootfile) and, when
      known, RV(lease.hostname).
  returned: success
  type: dict
  contains:
    bootfile:
      description: The URL the server boots from.
      type: str
      sample: https://boot.netboot.xyz/ipxe/netboot.xyz.lkrn
    hostname:
      description: The host name the lease gives.
      type: str
      sample: rescue-12345
    ip:
      description: The address the lease gives (the server's main public IPv4, without prefix).
      type: str
      sample: 192.0.2.10
    netmask:
      description: The netmask of that address.
      type: str
      sample: 255.255.255.248
    gateway:
      description: The gateway the lease gives.
      type: str
      sample: 192.0.2.14
    mac:
      description: The MAC address of the public interface.
      type: str
      sample: AA:BB:CC:DD:EE:FF
    site:
      description: The site that serves the lease.
      type: str
      sample: AMS-01
    created_at:
      description: When the lease was created.
      type: str
      sample: "2026-11-27T10:31:01+00:00"
    updated_at:
      description: When the lease was last changed or used by the server.
      type: str
      sample: "2026-11-27T10:31:01+00:00"
    last_client_request:
      description: The last DHCP request of the server (C(type), C(user_agent), C(relay_agent)).
      type: dict
      sample: {type: DHCP_REQUEST, user_agent: iPXE/1.21.1, relay_agent: null}
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._dhcp_lease import DhcpLease, check_bootfile
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_hostname


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            bootfile=dict(type='str'),
            hostname=dict(type='str'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        required_if=[('state', 'present', ('bootfile',))],
    )
    module.check('bootfile', check_bootfile)
    module.check('hostname', parse_hostname)
    wanted = dict((key, module.params[key]) for key in ('bootfile', 'hostname', 'state'))
    module.run(lambda leaseweb: leaseweb.declare(DhcpLease(), wanted, 'lease'))


if __name__ == '__main__':
    main()
