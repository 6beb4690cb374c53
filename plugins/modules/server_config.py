#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: server_config
short_description: Declare the whole state of a Leaseweb dedicated server in one task
version_added: 1.1.0
description:
  - Makes one dedicated server look as declared - its reference, the reverse lookup and DDoS detection
    profile of its addresses, its switch ports, its DDoS notification emails, its bandwidth and data traffic
    notification settings, its private network membership, its stored credentials, its DHCP lease and its
    power - in one task, where the single-area modules take one task each.
  - Each area is optional; an area left out is neither read nor changed. The areas declared are read
    concurrently, compared, and only what differs is written, with the same requests as the single-area
    modules (M(leaseweb.dedicated.server), M(leaseweb.dedicated.ip), M(leaseweb.dedicated.network_interface),
    M(leaseweb.dedicated.ddos_notification), M(leaseweb.dedicated.notification_setting),
    M(leaseweb.dedicated.private_network), M(leaseweb.dedicated.credential), M(leaseweb.dedicated.dhcp_lease),
    M(leaseweb.dedicated.power)), whose comparison rules it shares. A second run sends no write.
  - The declaration is checked before any request (an address twice, a threshold that is not a number,
    an area with nothing declared...). What the server cannot take (a detection profile on an address with
    standard protection, an address the server does not have, a private network it cannot join) fails the
    task before anything is written.
  - The areas are applied in the order above. An area whose writes fail does not stop the others (they are
    independent); the task then fails naming each area that failed, and reports as changed what was applied.
  - For many servers in one task, use M(leaseweb.dedicated.fleet_config).
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._server_config
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
attributes:
  check_mode:
    support: full
    details:
      - Reads every declared area and predicts the change; writes nothing.
  diff_mode:
    support: full
    details:
      - The diff shows every declared area before and after, in one document per server. Passwords are never
        shown.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
seealso:
  - module: leaseweb.dedicated.fleet_config
"""

EXAMPLES = r"""
- name: Make server 12345 look as declared
  leaseweb.dedicated.server_config:
    server_id: "12345"
    reference: k8s-node-01
    ips:
      addresses:
        - ip: 192.0.2.10
          reverse_lookup: node01.example.com
          detection_profile: ADVANCED_LOW_UDP
    interfaces:
      public: open
    ddos_notifications:
      nulling: true
      scrubbing: false
    datatraffic_notifications:
      state: overridden
      settings:
        - {frequency: MONTHLY, threshold: 10, unit: TB}
    private_network:
      id: "892"
      link_speed: 1000

- name: Report the drift of a server without changing it
  leaseweb.dedicated.server_config:
    server_id: "12345"
    reference: k8s-node-01
    bandwidth_notifications:
      state: overridden
      settings: []
  check_mode: true
  diff: true
  register: drift

- name: Show what drifted
  ansible.builtin.debug:
    msg: "{{ drift.drifted }}"

- name: Store a credential, and the root password only when none is stored yet
  leaseweb.dedicated.server_config:
    server_id: "12345"
    credentials:
      - type: DATABASE
        username: app
        password: correct-horse-battery-staple  # in real use, a variable from Ansible Vault
      - type: OPERATING_SYSTEM
        username: root
        password: initial-s3cret
        update_password: on_create
"""

RETURN = r"""
server_id:
  description: The id of the server.
  returned: always
  type: str
  sample: "12345"
drifted:
  description:
    - The areas that differed from the declaration (in check mode, that would be changed), in the order of
      the options.
  returned: always
  type: list
  elements: str
  sample: [reference, ips]
areas:
  description:
    - Each declared area that was compared, by name - whether it changed (in check mode, would change) and
      its view before and after, as the diff shows it.
    - The views - C(reference) a dict with C(reference); C(ips) one entry per address with C(reverse_lookup)
      and C(detection_profile); C(interfaces) one status per port (V(OPEN), V(CLOSED)); C(ddos_notifications)
      C(nulling) and C(scrubbing); C(bandwidth_notifications) and C(datatraffic_notifications) the list of
      settings (C(id), C(frequency), C(threshold), C(unit)); C(private_network) C(state) and C(link_speed);
      C(credentials) one entry per C(TYPE/username) with the password hidden; C(dhcp_lease) C(bootfile) and
      C(hostname); C(power) C(state).
  returned: always
  type: dict
  sample:
    reference: {changed: true, before: {reference: web-01}, after: {reference: k8s-node-01}}
    interfaces: {changed: false, before: {public: OPEN}, after: {public: OPEN}}
failed_area:
  description:
    - The (first) area whose read, comparison or write failed. A read or a comparison that fails fails the server
      before anything is written; the message then ends with C([nothing was changed]).
  returned: failure
  type: str
  sample: private_network
status:
  description: The HTTP status of the answer that failed, when the API answered.
  returned: failure of a request
  type: int
  sample: 404
error:
  description: The API's error object, keys in snake_case.
  returned: failure of a request the API answered with an error object
  type: dict
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, wait_argument_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._server_config import (
    WAIT_OPTIONS,
    areas_spec,
    configure,
    declaration,
    server_diff,
)


def main():
    spec = dict(server_id=dict(type='str', required=True))
    spec.update(areas_spec())
    spec.update(wait_argument_spec(timeout=900, sleep=10))
    module = LeasewebModule(spec)
    params = module.params
    declared = module.valid(declaration, params, dict((key, params[key]) for key in WAIT_OPTIONS))

    def run(leaseweb):
        result = configure(leaseweb.client, params['server_id'], declared, check_mode=leaseweb.check_mode)
        return leaseweb.report(result, diff=server_diff(result))

    module.run(run)


if __name__ == '__main__':
    main()
