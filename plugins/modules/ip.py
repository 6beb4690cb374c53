#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: ip
short_description: Set the reverse lookup and DDoS detection profile of an IP address of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Sets the reverse lookup (the host name of the PTR record) and the DDoS detection profile of
    one IP address of a dedicated server.
  - Reads the address first and sends only what differs, in one request; nothing when it is
    already as wanted.
  - Returns the address, as the API describes it, after the change.
  - To null route an address use M(leaseweb.dedicated.null_route); to list the addresses of a
    server use M(leaseweb.dedicated.ip_info).
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
      - The diff shows the reverse lookup and the detection profile before and after.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  ip:
    description:
      - The IP address, IPv4 or IPv6, with or without its C(/prefix) (V(192.0.2.10) or
        V(192.0.2.10/29), as the API lists it). The prefix is not sent.
      - It must be an address of the server; the API answers HTTP 404 otherwise.
    type: str
    required: true
  reverse_lookup:
    description:
      - The host name the reverse lookup of the address should give, for example
        V(mail.example.com).
      - An empty string removes the reverse lookup.
      - When not set, the reverse lookup is left as it is. At least one of O(reverse_lookup) and
        O(detection_profile) is required.
    type: str
  detection_profile:
    description:
      - The DDoS detection profile of the address, which tunes how Advanced DDoS IP Protection
        recognises an attack. V(ADVANCED_DEFAULT) suits most services; V(ADVANCED_LOW_UDP) and
        V(ADVANCED_MED_UDP) suit services that receive little or moderate UDP traffic (see the
        Leaseweb knowledge base article on DDoS IP Protection).
      - Only addresses with Advanced DDoS protection (RV(ip.ddos.protection_type=ADVANCED))
        have a profile to choose; for others the module fails before sending anything.
      - When not set, the profile is left as it is.
    type: str
    choices: [ADVANCED_DEFAULT, ADVANCED_LOW_UDP, ADVANCED_MED_UDP]
seealso:
  - module: leaseweb.dedicated.ip_info
  - module: leaseweb.dedicated.null_route
  - name: DDoS IP Protection detection profiles
    description: What each detection profile is for.
    link: https://kb.leaseweb.com/products/cyber-security/ddos-ip-protection
"""

EXAMPLES = r"""
- name: Set the reverse lookup of an IP address
  leaseweb.dedicated.ip:
    server_id: "12345"
    ip: 192.0.2.10
    reverse_lookup: mail.example.com

- name: Choose the DDoS detection profile of an address as the API lists it, with its prefix
  leaseweb.dedicated.ip:
    server_id: "12345"
    ip: 192.0.2.10/29
    detection_profile: ADVANCED_LOW_UDP

- name: Read the public IPv4 addresses of a server
  leaseweb.dedicated.ip_info:
    server_id: "12345"
    network_type: public
    version: 4
  register: public_ips

- name: Give each of them a reverse lookup of its own
  leaseweb.dedicated.ip:
    server_id: "12345"
    ip: "{{ item.ip }}"
    reverse_lookup: "ip-{{ item.ip.split('/')[0] | replace('.', '-') }}.example.com"
  loop: "{{ public_ips.ips }}"
  loop_control:
    label: "{{ item.ip }}"

- name: Remove the reverse lookup
  leaseweb.dedicated.ip:
    server_id: "12345"
    ip: 192.0.2.10
    reverse_lookup: ""
"""

RETURN = r"""
ip:
  description:
    - The IP address after the change (in check mode, as it would be), as returned by the API
      with keys in snake_case.
  returned: success
  type: dict
  contains:
    ip:
      description: The address in CIDR form.
      type: str
      sample: 192.0.2.10/29
    version:
      description: The IP version, V(4) or V(6).
      type: int
      sample: 4
    network_type:
      description: The network of the address, V(PUBLIC), V(INTERNAL) or V(REMOTE_MANAGEMENT).
      type: str
      sample: PUBLIC
    main_ip:
      description: Whether it is the main address of the server.
      type: bool
      sample: true
    floating_ip:
      description: Whether it is a floating IP.
      type: bool
      sample: false
    gateway:
      description: The gateway of the address.
      type: str
      sample: 192.0.2.14
    null_routed:
      description: Whether the address is null routed.
      type: bool
      sample: false
    reverse_lookup:
      description: The reverse lookup of the address (empty when there is none).
      type: str
      sample: mail.example.com
    ddos:
      description: The DDoS IP protection of the address.
      type: dict
      contains:
        protection_type:
          description: V(STANDARD) or V(ADVANCED).
          type: str
          sample: ADVANCED
        detection_profile:
          description: V(STANDARD_DEFAULT) for standard protection, else one of the O(detection_profile) choices.
          type: str
          sample: ADVANCED_LOW_UDP
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._ips import DETECTION_PROFILES, Ip, check_address
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            ip=dict(type='str', required=True),
            reverse_lookup=dict(type='str'),
            detection_profile=dict(type='str', choices=DETECTION_PROFILES),
        ),
        required_one_of=[('reverse_lookup', 'detection_profile')],
    )
    params = module.params
    wanted = module.valid(
        check_address,
        dict(ip=params['ip'], reverse_lookup=params['reverse_lookup'], detection_profile=params['detection_profile']),
    )
    module.run(lambda leaseweb: leaseweb.declare(Ip(params['server_id']), wanted, 'ip'))


if __name__ == '__main__':
    main()
