#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: job_info
short_description: Read the jobs of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - With O(job_id), returns that job of the server, with its tasks and progress.
  - Without it, returns every job of the server that matches the filters (installations, rescue mode,
    hardware scans, IPMI resets), newest first, reading every page of the list. The API filters on
    its side.
  - With O(newest=true), returns the newest of them only, also as RV(job) - for example the last
    installation of the server.
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
  job_id:
    description:
      - The uuid of one job to read. Cannot be combined with the filters.
    type: str
  type:
    description:
      - Only jobs of this type.
    type: str
    choices: [install, rescueMode, hardwareScan, ipmiReset]
  status:
    description:
      - Only jobs with this status, such as V(ACTIVE), V(FINISHED), V(FAILED), V(CANCELED) or V(EXPIRED)
        (sent in upper case).
    type: str
  is_running:
    description:
      - Only jobs that are running (V(true)) or not (V(false)). A canceled job still runs while its
        failure flow (often a reboot) runs.
    type: bool
  newest:
    description:
      - Return only the newest job that matches the filters (by creation time), in RV(jobs) and as RV(job).
      - Cannot be combined with O(job_id).
    type: bool
    default: false
    version_added: 1.1.0
seealso:
  - module: leaseweb.dedicated.job
"""

EXAMPLES = r"""
- name: Read the installations of a server
  leaseweb.dedicated.job_info:
    server_id: "12345"
    type: install
  register: result

- name: Show the operating system of the newest one
  ansible.builtin.debug:
    msg: "{{ result.jobs[0].payload.operating_system_id }} ({{ result.jobs[0].status }})"
  when: result.jobs | length > 0

- name: Find the job that runs on the server, if any
  leaseweb.dedicated.job_info:
    server_id: "12345"
    is_running: true
  register: running

- name: Read the last installation of the server
  leaseweb.dedicated.job_info:
    server_id: "12345"
    type: install
    newest: true
  register: last_install

- name: Show its status, if the server was ever installed
  ansible.builtin.debug:
    msg: "{{ last_install.job.status if last_install.job else 'never installed' }}"
"""

RETURN = r"""
jobs:
  description:
    - The jobs found, newest first, as returned by the API with keys in snake_case; one element when
      O(job_id) is given, possibly none for a filtered list.
  returned: success
  type: list
  elements: dict
  contains:
    uuid:
      description: The id of the job.
      type: str
      sample: 3a867358-5b4b-44ee-88ac-4274603ef641
    type:
      description: The type of the job, V(install), V(rescueMode), V(hardwareScan) or V(ipmiReset).
      type: str
      sample: install
    status:
      description: The status of the job, C(ACTIVE) while it runs, then C(FINISHED), C(FAILED),
        C(CANCELED) or C(EXPIRED).
      type: str
      sample: FINISHED
    is_running:
      description: Whether the job runs (a canceled job runs until its failure flow ended).
      type: bool
      sample: false
    flow:
      description: The flow the job is in, C(main) while it runs, C(finally) while a canceled job runs
        its failure flow, C(#stop) once it ended.
      type: str
      sample: "#stop"
    server_id:
      description: The id of the server.
      type: str
      sample: "12345"
    node:
      description: The node of the server (the MAC address of its public interface).
      type: str
      sample: "00:11:22:AA:BB:CC"
    created_at:
      description: When the job was created.
      type: str
      sample: "2025-03-11T09:53:49+00:00"
    updated_at:
      description: When the job last changed.
      type: str
      sample: "2025-03-11T10:14:46+00:00"
    progress:
      description: How many of its tasks are C(total), C(waiting), C(pending), C(inprogress),
        C(finished), C(failed), C(canceled), C(expired), C(skipped), C(warning), and the C(percentage) done.
      type: dict
      sample: {total: 9, waiting: 0, pending: 0, inprogress: 1, finished: 4, failed: 0, percentage: 50}
    current_task:
      description: The task that runs, or null.
      type: dict
    tasks:
      description: The tasks of the job, each with its C(uuid), C(type), C(description), C(status),
        C(status_timestamps) and C(error_message).
      type: list
      elements: dict
    payload:
      description: The parameters of the job; for an installation, what is installed
        (C(operating_system_id), C(hostname), C(partitions), C(features_utilized), ...).
      type: dict
    metadata:
      description: Metadata of the job (C(BATCH_ID)).
      type: dict
job:
  description:
    - With O(newest=true), the newest job that matches the filters, as in RV(jobs); null when none does.
  returned: with O(newest=true)
  type: dict
  version_added: 1.1.0
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import list_jobs, newest, read_job
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule

# module option -> API query parameter
FILTERS = dict(type='type', status='status', is_running='isRunning')


def run(module):
    params = module.params
    client = module.client
    server_id = params['server_id']
    if params['job_id']:
        return dict(changed=False, jobs=[read_job(client, server_id, params['job_id'])])
    query = dict((api_name, params[option]) for option, api_name in FILTERS.items())
    jobs = list_jobs(client, server_id, query)
    if not params['newest']:
        return dict(changed=False, jobs=jobs)
    job = newest(jobs)
    return dict(changed=False, jobs=[job] if job else [], job=job)


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            job_id=dict(type='str'),
            type=dict(type='str', choices=['install', 'rescueMode', 'hardwareScan', 'ipmiReset']),
            status=dict(type='str'),
            is_running=dict(type='bool'),
            newest=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('job_id', option) for option in list(FILTERS) + ['newest']],
    )
    module.require_text('job_id')
    if module.params['status'] is not None:
        module.params['status'] = module.params['status'].strip().upper()
    module.run(run)


if __name__ == '__main__':
    main()
