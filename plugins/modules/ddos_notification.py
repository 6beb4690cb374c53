#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: ddos_notification
short_description: Turn the DDoS notification emails of a Leaseweb dedicated server on or off
version_added: 1.0.0
description:
  - Leaseweb can send an email when it mitigates a DDoS attack on a server, by null routing an IP
    address (O(nulling)) or by scrubbing its traffic (O(scrubbing)). This module turns each of those
    emails on or off.
  - The API speaks V(ENABLED) and V(DISABLED); the module takes and returns booleans.
  - The module sends both values in one request, except a value the API gave that is neither
    V(ENABLED) nor V(DISABLED) and that the task does not set, which it leaves out of the request.
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
      - The diff shows O(nulling) and O(scrubbing) before and after.
  idempotent:
    support: full
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  nulling:
    description:
      - Whether to get an email when an IP address of the server is null routed to stop an attack.
      - Not given, it is left as it is. At least one of O(nulling) and O(scrubbing) is required.
    type: bool
  scrubbing:
    description:
      - Whether to get an email when the traffic of the server is scrubbed to stop an attack.
      - Not given, it is left as it is.
    type: bool
notes:
  - An update sends both values (the one not given as it currently is), so the result does not
    depend on how the API treats a missing field.
seealso:
  - module: leaseweb.dedicated.notification_setting_info
"""

EXAMPLES = r"""
- name: Get an email for every DDoS mitigation
  leaseweb.dedicated.ddos_notification:
    server_id: "12345"
    nulling: true
    scrubbing: true

- name: No email when traffic is only scrubbed
  leaseweb.dedicated.ddos_notification:
    server_id: "12345"
    scrubbing: false
"""

RETURN = r"""
ddos_notification:
  description:
    - The DDoS notification settings after the change (in check mode, as they would be).
    - A value the API gives that is neither V(ENABLED) nor V(DISABLED) is returned as null.
  returned: success
  type: dict
  contains:
    nulling:
      description: Whether an email is sent when an IP address is null routed.
      type: bool
      sample: true
    scrubbing:
      description: Whether an email is sent when traffic is scrubbed.
      type: bool
      sample: false
  sample:
    nulling: true
    scrubbing: false
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule
from ansible_collections.leaseweb.dedicated.plugins.module_utils._notifications import DDOS_FIELDS, Ddos


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            nulling=dict(type='bool'),
            scrubbing=dict(type='bool'),
        ),
        required_one_of=[DDOS_FIELDS],
    )
    wanted = dict((key, module.params[key]) for key in DDOS_FIELDS)
    module.run(lambda leaseweb: leaseweb.declare(Ddos(), wanted, 'ddos_notification'))


if __name__ == '__main__':
    main()
