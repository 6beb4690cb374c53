#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: power
short_description: Power a Leaseweb dedicated server on or off, or power cycle it
version_added: 1.0.0
description:
  - Reads the power status of a dedicated server (from its remote management interface, IPMI,
    and from its power distribution unit, PDU) and powers it on or off when it is not as wanted.
  - O(state=restarted) power cycles the server (off, then on) on every run. A power cycle is a hard
    reset; the operating system is not shut down cleanly and every connection to the server drops.
  - The server counts as powered on unless IPMI or the PDU reports C(off) (the PDU can report
    C(on) for a server that was shut down through IPMI).
  - When a job (an installation, rescue mode, hardware scan or IPMI reset) runs on the server, the
    module warns before it changes the power, since that can break the job. It does not refuse, since a job
    started with C(power_cycle=false) waits for you to reboot the server.
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
      - The diff shows the power state before and after (V(restarted) for a power cycle).
  idempotent:
    support: partial
    details:
      - O(state=on) and O(state=off) change the power only when the server is not as wanted.
      - O(state=restarted) is not idempotent; it power cycles the server, and reports a change, on every run.
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  state:
    description:
      - V(on) powers the server on (C(POST /powerOn)) unless it is on.
      - V(off) powers the server off (C(POST /powerOff)) unless it is off. This is a hard power
        off, not a shutdown of the operating system.
      - V(restarted) power cycles the server (C(POST /powerCycle)) on every run, whatever its state;
        a server that was off ends up on.
    type: str
    choices: ['on', 'off', restarted]
    required: true
  wait:
    description:
      - Whether to wait, after a change, until the API reports the wanted state (on for
        V(restarted)).
      - For V(restarted) the module reads until it has seen the server off, then until it sees it on
        again, so that the wait ends after the reboot, not before it shows. When the server is not seen
        off within 30 seconds (or O(wait_timeout) when shorter) of the power cycle, it may have rebooted
        between two reads - the module warns, then waits for it to be on.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the power state, with O(wait=true). The module fails when
        they have passed, with the last status read in RV(power).
    type: int
    default: 120
  wait_sleep:
    description:
      - The longest pause, in seconds, between two reads while waiting. The module reads again after
        1 second, then doubles the pause up to this value, so that a short wait ends soon and a long one
        reads rarely.
    type: int
    default: 5
notes:
  - Servers without power control (no automation) answer every change with an error (HTTP 400).
seealso:
  - module: leaseweb.dedicated.power_info
  - module: leaseweb.dedicated.job
"""

EXAMPLES = r"""
- name: Make sure the server is on
  leaseweb.dedicated.power:
    server_id: "12345"
    state: "on"

- name: Power cycle a server that hangs (a hard reset, on every run)
  leaseweb.dedicated.power:
    server_id: "12345"
    state: restarted
  register: result

- name: Show the power status after the cycle
  ansible.builtin.debug:
    msg: "IPMI {{ result.power.ipmi.status }}, PDU {{ result.power.pdu.status }}"

- name: Power off, without waiting for the status to follow
  leaseweb.dedicated.power:
    server_id: "12345"
    state: "off"
    wait: false

- name: Power it back on, waiting up to five minutes
  leaseweb.dedicated.power:
    server_id: "12345"
    state: "on"
    wait_timeout: 300
"""

RETURN = r"""
power:
  description:
    - The power status of the server. Without a change, as read; after a change with O(wait=true),
      as read once it matched; in check mode and with O(wait=false), as expected after the change.
    - When the wait timed out, as last read.
  returned: success, or failure while waiting
  type: dict
  contains:
    ipmi:
      description: The power status the remote management interface (IPMI) reports.
      type: dict
      sample: {status: "on"}
    pdu:
      description: The power status the power distribution unit reports; C(on) when at least one
        of the server's PDU ports has power.
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
timed_out:
  description: Whether the wait ended because O(wait_timeout) passed.
  returned: on a timeout
  type: bool
  sample: true
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, wait_argument_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import POWER_ACTIONS, Power


def main():
    spec = dict(
        server_id=dict(type='str', required=True),
        state=dict(type='str', required=True, choices=list(POWER_ACTIONS)),
    )
    spec.update(wait_argument_spec(timeout=120, sleep=5))
    module = LeasewebModule(spec)
    wanted = dict((key, module.params[key]) for key in ('state', 'wait', 'wait_timeout', 'wait_sleep'))
    module.run(lambda leaseweb: leaseweb.declare(Power(), wanted, 'power'))


if __name__ == '__main__':
    main()
