#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: hardware_scan
short_description: Run a hardware scan on a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Launches a hardware scan job, which collects the hardware details of the server (CPUs, memory,
    disks with their SMART data, network cards, IPMI); read the result with
    M(leaseweb.dedicated.hardware_info).
  - The scan reboots the server into a scan image, then back into its operating system. The contents
    of the disks are not altered, but the server is unavailable meanwhile.
  - When a hardware scan already runs on the server, the module attaches to it (and waits for it)
    instead of launching a second one. When a job of another type runs, it fails before sending
    anything, since a server runs one job at a time.
  - This holds for two runs at once too - when another run starts a hardware scan between this run's read and its
    request, the API refuses the second one, and the module reads the running jobs again and attaches to it.
  - By default the module waits for the job to end, and fails unless it FINISHED.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
  - leaseweb.dedicated._job_wait
attributes:
  check_mode:
    support: full
    details:
      - In check mode the module reads the running jobs and predicts whether it would launch one; it
        does not wait.
  diff_mode:
    support: full
    details:
      - The diff shows the server's running job (type, uuid, status) before and after.
  idempotent:
    support: partial
    details:
      - Attaches to a running hardware scan instead of launching another; once the scan ended, every
        run launches a new one.
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  power_cycle:
    description:
      - Whether the API power cycles the server to boot the scan image (C(powerCycle)).
      - With V(false) the job waits until you reboot the server yourself, for example with
        M(leaseweb.dedicated.power).
    type: bool
    default: true
  callback_url:
    description:
      - An http(s) URL the API calls when the job finished or failed (C(callbackUrl)).
      - Without it, the API notifies the account by email.
    type: str
seealso:
  - module: leaseweb.dedicated.hardware_info
  - module: leaseweb.dedicated.job
  - module: leaseweb.dedicated.job_info
"""

EXAMPLES = r"""
- name: Scan the hardware and wait for the scan to finish
  leaseweb.dedicated.hardware_scan:
    server_id: "12345"

- name: Read the result of the scan
  leaseweb.dedicated.hardware_info:
    server_id: "12345"
  register: hardware

- name: Show the disks the scan found
  ansible.builtin.debug:
    msg: "{{ hardware.hardware.result.disks | map(attribute='product') | list }}"
"""

RETURN = r"""
job:
  description:
    - The hardware scan job as last read, with keys in snake_case; after a wait, as it ended.
    - Also returned when the module fails because the job did not finish or the wait timed out, and
      when another job keeps the server busy (that job).
    - See M(leaseweb.dedicated.job_info) for all its fields.
  returned: success, except in check mode when a job would be launched
  type: dict
  sample:
    uuid: 3a867358-5b4b-44ee-88ac-4274603ef641
    type: hardwareScan
    status: FINISHED
    is_running: false
    server_id: "12345"
    created_at: "2025-03-17T14:06:12+00:00"
    progress: {total: 6, finished: 6, failed: 0, percentage: 100}
    tasks: []
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
timed_out:
  description: Whether the wait ended because O(wait_timeout) passed.
  returned: failure while waiting
  type: bool
  sample: true
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import job_body
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import (
    LeasewebModule,
    check_job_options,
    job_argument_spec,
)


def run(module):
    return module.launch('hardwareScan', job_body(module.params))


def main():
    module = LeasewebModule(job_argument_spec(timeout=1800, sleep=10))
    check_job_options(module)
    module.run(run)


if __name__ == '__main__':
    main()
