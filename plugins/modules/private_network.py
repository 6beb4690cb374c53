#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: private_network
short_description: Put a Leaseweb dedicated server in a private network, or take it out
version_added: 1.0.0
description:
  - Adds a dedicated server to a private network of your account with a link speed, changes
    that link speed, or removes the server from the private network.
  - Reads the server's private networks first (C(privateNetworks) of the server) and sends a
    request only when its membership differs from what is wanted.
  - The API changes a membership in the background; it takes a few minutes. While the server
    is being added, or its link speed changed, the membership's status is C(CONFIGURING), then
    C(CONFIGURED); while it is being removed, C(REMOVING), then the membership is gone. By
    default the module waits until the end.
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
      - The diff shows the membership (state and link speed) before and after.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  private_network_id:
    description:
      - The id of the private network, as in the Customer Portal (for example V(892)).
      - An id the account does not have makes the API answer HTTP 404.
    type: str
    required: true
  link_speed:
    description:
      - The speed of the server's link to the private network, in Mbps.
      - Required with O(state=present), ignored with O(state=absent).
      - A server already in the private network at another speed is changed to this one. The API
        has no separate operation for it, the module sends the same request that adds a server,
        and the membership goes through C(CONFIGURING) again.
      - The speeds your contract allows are the API's to judge; it refuses others.
    type: int
    choices: [100, 1000, 10000, 25000, 40000, 100000]
  state:
    description:
      - V(present) puts the server in the private network at O(link_speed); V(absent) takes it out.
      - A server that is being removed (C(REMOVING)) is first waited for until it is gone, then
        added again (the API refuses to add it before), within O(wait_timeout).
      - The module fails before sending anything when the server cannot join a private network
        (its C(is_private_network_capable) is false, see M(leaseweb.dedicated.server_info)).
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Whether to wait until the membership is C(CONFIGURED) (O(state=present)) or gone
        (O(state=absent)). Also waits for a membership that was already changing when the
        module started.
      - With V(false), the module returns once the API accepted the request, with the membership
        as the API then shows it.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait at most. The module fails once they have passed, returning the
        membership as last read.
    type: int
    default: 900
  wait_sleep:
    description:
      - The longest pause, in seconds, between two reads while waiting. The module reads again after
        1 second, then doubles the pause up to this value, so that a short wait ends soon and a long one
        reads rarely.
    type: int
    default: 10
seealso:
  - module: leaseweb.dedicated.server_info
    description: Returns C(private_networks) and C(is_private_network_capable) of each server.
"""

EXAMPLES = r"""
- name: Have a server in the private network at 10 Gbps, and wait until it is configured
  leaseweb.dedicated.private_network:
    server_id: "12345"
    private_network_id: "892"
    link_speed: 10000
  register: result

- name: Show the membership
  ansible.builtin.debug:
    msg: >-
      {{ result.private_network.status }} at {{ result.private_network.link_speed }} Mbps
      in VLAN {{ result.private_network.vlan_id }}

- name: Take the server out of the private network, without waiting until it is gone
  leaseweb.dedicated.private_network:
    server_id: "12345"
    private_network_id: "892"
    state: absent
    wait: false
"""

RETURN = r"""
private_network:
  description:
    - The server's membership of the private network after the change (in check mode, as it
      would be), as the server record of the API shows it, with keys in snake_case.
    - Empty when the server is not, or no longer, in the private network.
    - In check mode, a membership that does not exist yet holds only RV(private_network.id),
      RV(private_network.link_speed) and RV(private_network.status).
  returned: success, and on a timeout
  type: dict
  contains:
    id:
      description: The id of the private network.
      type: str
      sample: "892"
    link_speed:
      description: The link speed in Mbps.
      type: int
      sample: 10000
    status:
      description: C(CONFIGURING), C(CONFIGURED) or C(REMOVING).
      type: str
      sample: CONFIGURED
    dhcp:
      description: Whether the private network has DHCP, V(ENABLED) or V(DISABLED).
      type: str
      sample: DISABLED
    subnet:
      description: The subnet of the private network.
      type: str
      sample: 10.32.0.0/16
    vlan_id:
      description: The VLAN of the private network.
      type: str
      sample: "2120"
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
timed_out:
  description: Whether the wait ended because O(wait_timeout) passed.
  returned: on a timeout
  type: bool
  sample: true
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, wait_argument_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._private_network import LINK_SPEEDS, PrivateNetwork


def main():
    spec = dict(
        server_id=dict(type='str', required=True),
        private_network_id=dict(type='str', required=True),
        link_speed=dict(type='int', choices=LINK_SPEEDS),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    spec.update(wait_argument_spec(timeout=900, sleep=10))
    module = LeasewebModule(spec, required_if=[('state', 'present', ('link_speed',))])
    module.require_text('private_network_id')
    params = module.params
    wanted = dict(
        id=params['private_network_id'],
        link_speed=params['link_speed'],
        state=params['state'],
        wait=params['wait'],
        wait_timeout=params['wait_timeout'],
        wait_sleep=params['wait_sleep'],
    )
    module.run(lambda leaseweb: leaseweb.declare(PrivateNetwork(params['server_id']), wanted, 'private_network'))


if __name__ == '__main__':
    main()
