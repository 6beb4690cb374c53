#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: null_route
short_description: Null route an IP address of a Leaseweb dedicated server, or remove its null route
version_added: 1.0.0
description:
  - Null routes one IP address of a dedicated server (the network drops all traffic to it), or
    removes the null route.
  - Reads the address first and sends a request only when its null route differs from
    O(state).
  - The API accepts the request (HTTP 202) and the change then takes a few minutes to
    propagate across the network. By default the module waits until the address shows the
    wanted state, so that the next task, or a second run, sees it.
  - The API keeps a history of the null routes of a server; read it with
    M(leaseweb.dedicated.null_route_history_info).
  - Only public addresses can be null routed; for an internal or remote management address the
    module fails before sending anything.
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
      - The diff shows whether the address is null routed, before and after.
  idempotent:
    support: full
    details:
      - When another run (another pipeline) made the same change between this run's read and its
        request, the API refuses the request; the module then reads the address again and, when
        it shows the wanted state, reports no change instead of failing.
      - With O(wait=false), or after a timeout, a run before the change has propagated still
        sees the previous state, sends the request again, and fails on the API's refusal (the
        failure says why).
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
  state:
    description:
      - V(present) null routes the address, V(absent) removes its null route.
      - A null route Leaseweb set with a level above 1 (see
        M(leaseweb.dedicated.null_route_history_info)) can only be removed by Leaseweb; the
        API refuses, and the module fails with its answer.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Whether to wait until the address shows the wanted state.
      - With V(false), RV(ip) is the API's answer to the request, which may still show the
        previous state.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait at most. The module fails once they have passed, returning
        the address as last read.
    type: int
    default: 600
  wait_sleep:
    description:
      - The longest pause, in seconds, between two reads while waiting. The module reads again after
        1 second, then doubles the pause up to this value, so that a short wait ends soon and a long one
        reads rarely.
    type: int
    default: 5
seealso:
  - module: leaseweb.dedicated.null_route_history_info
  - module: leaseweb.dedicated.ip_info
"""

EXAMPLES = r"""
- name: Null route an address under attack, and wait until the network drops its traffic
  leaseweb.dedicated.null_route:
    server_id: "12345"
    ip: 192.0.2.10

- name: Remove the null route
  leaseweb.dedicated.null_route:
    server_id: "12345"
    ip: 192.0.2.10
    state: absent

- name: Null route an address without waiting for the change to propagate
  leaseweb.dedicated.null_route:
    server_id: "12345"
    ip: 192.0.2.10/29
    wait: false

- name: Remove that null route, waiting at most two minutes
  leaseweb.dedicated.null_route:
    server_id: "12345"
    ip: 192.0.2.10
    state: absent
    wait_timeout: 120
"""

RETURN = r"""
ip:
  description:
    - The IP address as returned by the API with keys in snake_case, last read after the change
      (see O(wait); in check mode, as it would be).
    - See the C(ip) return value of M(leaseweb.dedicated.ip) for all its fields.
  returned: success, and on a timeout
  type: dict
  contains:
    ip:
      description: The address in CIDR form.
      type: str
      sample: 192.0.2.10/29
    null_routed:
      description: Whether the address is null routed.
      type: bool
      sample: true
    network_type:
      description: The network of the address, V(PUBLIC), V(INTERNAL) or V(REMOTE_MANAGEMENT).
      type: str
      sample: PUBLIC
  sample:
    ip: 192.0.2.10/29
    version: 4
    network_type: PUBLIC
    main_ip: true
    floating_ip: false
    gateway: 192.0.2.14
    null_routed: true
    reverse_lookup: mail.example.com
    ddos:
      protection_type: ADVANCED
      detection_profile: ADVANCED_DEFAULT
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

from ansible_collections.leaseweb.dedicated.plugins.module_utils._ips import NullRoute
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, wait_argument_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_ip


def main():
    spec = dict(
        server_id=dict(type='str', required=True),
        ip=dict(type='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )
    spec.update(wait_argument_spec(timeout=600, sleep=5))
    module = LeasewebModule(spec)
    params = module.params
    wanted = dict(
        ip=module.check('ip', parse_ip)[0],
        state=params['state'],
        wait=params['wait'],
        wait_timeout=params['wait_timeout'],
        wait_sleep=params['wait_sleep'],
    )
    module.run(lambda leaseweb: leaseweb.declare(NullRoute(params['server_id']), wanted, 'ip'))


if __name__ == '__main__':
    main()
