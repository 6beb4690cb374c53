#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: job
short_description: Wait for, cancel, expire or retry a job of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Acts on the jobs (installations, rescue mode, hardware scans, IPMI resets) of a dedicated server. A
    server runs one job at a time.
  - O(state=finished) waits until a job ended, so that you can start jobs with C(wait=false) on many
    servers, do other work, and wait for them later. It fails unless the job FINISHED.
  - O(state=canceled) cancels the running job. B(Canceling runs the job's failure flow, which often
    reboots the server); the job ends CANCELED.
  - O(state=expired) expires the running job. B(Expiring is administrative only) - it marks the job
    EXPIRED and stops tracking it, without touching the server, which stays as the job left it (for
    example half installed). Use it for a job that hangs when you do not want the server rebooted.
  - O(state=retried) runs a job that FAILED, was CANCELED or EXPIRED again, as a new job with the same
    parameters.
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
      - In check mode the module reads the jobs and predicts the change without sending it.
        O(state=finished) changes nothing and waits in check mode too.
  diff_mode:
    support: full
    details:
      - The diff shows the job acted on (type, uuid, status) before and after.
  idempotent:
    support: full
    details:
      - Canceling or expiring when the job is not running (or no job runs) changes nothing.
      - Retrying a job that FINISHED, that is running, or that was already retried (a newer job of the
        same type exists) changes nothing.
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  job_id:
    description:
      - The uuid of the job (its C(uuid)), as M(leaseweb.dedicated.install) returns it in
        RV(leaseweb.dedicated.install#module:job), or M(leaseweb.dedicated.job_info) returns it.
      - Required with O(state=retried).
      - If not set, the job that runs on the server, if any. With O(state=canceled) or O(state=expired)
        and a O(job_id), the module acts only when that job is the one running.
    type: str
  state:
    description:
      - V(finished) waits for the job to end, and fails unless it FINISHED. Without O(job_id) and with no
        job running, nothing happens.
      - V(canceled) cancels the running job (C(POST /cancelActiveJob)), which runs its failure flow (often
        a reboot).
      - V(expired) expires the running job (C(POST /expireActiveJob)), an administrative action that leaves
        the server as it is.
      - V(retried) runs the job O(job_id) again as a new job (C(POST /jobs/{jobId}/retry)) when it FAILED,
        was CANCELED or EXPIRED, and no newer job of its type exists.
    type: str
    choices: [finished, canceled, expired, retried]
    default: finished
  wait:
    description:
      - With O(state=canceled), whether to wait until the job stopped running (its failure flow ended);
        with O(state=expired), until the API no longer reports it running; with O(state=retried), whether
        to wait for the new job to end, failing unless it FINISHED.
      - O(state=finished) always waits.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait. The module fails when they have passed, with the job as last read (its
        tasks and progress) in RV(job); the job keeps running.
    type: int
    default: 3600
seealso:
  - module: leaseweb.dedicated.job_info
  - module: leaseweb.dedicated.install
  - module: leaseweb.dedicated.rescue_mode
  - module: leaseweb.dedicated.hardware_scan
  - module: leaseweb.dedicated.ipmi_reset
"""

EXAMPLES = r"""
- name: Start a hardware scan without waiting for it
  leaseweb.dedicated.hardware_scan:
    server_id: "12345"
    wait: false
  register: scan

- name: Do other work meanwhile
  ansible.builtin.debug:
    msg: "Scan {{ scan.job.uuid }} is {{ scan.job.progress.percentage }}% done"

- name: Wait for the scan to finish
  leaseweb.dedicated.job:
    server_id: "12345"
    job_id: "{{ scan.job.uuid }}"
    state: finished

- name: Wait for whatever job runs on the server, if any
  leaseweb.dedicated.job:
    server_id: "12345"

- name: Stop a job that hangs without rebooting the server (nothing to do when no job runs)
  leaseweb.dedicated.job:
    server_id: "12345"
    state: expired

- name: Cancel the running job, which reboots the server (nothing to do when no job runs)
  leaseweb.dedicated.job:
    server_id: "12345"
    state: canceled
"""

RETURN = r"""
job:
  description:
    - The job, with keys in snake_case, as last read - for V(finished), as it ended; for V(canceled) and
      V(expired), the job that was stopped; for V(retried), the new job (or, without a change, the job
      that runs or ran instead).
    - Also returned when the module fails because the job did not finish or the wait timed out.
    - See M(leaseweb.dedicated.job_info) for all its fields.
  returned: when there is a job to act on (not without O(job_id) when no job runs; not in check mode for a
    retry)
  type: dict
  sample:
    uuid: 3a867358-5b4b-44ee-88ac-4274603ef641
    type: install
    status: CANCELED
    is_running: false
    flow: "#stop"
    server_id: "12345"
    progress: {total: 9, finished: 4, canceled: 5, percentage: 100}
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

from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import (
    describe_job,
    job_view,
    list_jobs,
    newest,
    read_job,
    retry_job,
    running_jobs,
    stop_job,
    wait_until_stopped,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, wait_argument_spec

RETRYABLE = ('FAILED', 'CANCELED', 'EXPIRED')


def get_job(module, job_id):
    return read_job(module.client, module.params['server_id'], job_id)


def finished(module):
    """Wait for the given or the running job; fail unless it FINISHED."""
    job_id = module.params['job_id']
    if job_id is None:
        running = running_jobs(module.client, module.params['server_id'])
        if not running:
            return module.result(changed=False, before=dict(job=None), after=dict(job=None))
        job_id = running[0]['uuid']
    job = get_job(module, job_id)
    before = dict(job=job_view(job))
    job = module.wait_for_job(module.params['server_id'], job, changed=False, always=True)
    return module.result(changed=False, before=before, after=dict(job=job_view(job)), job=job)


def stop(module, state):
    """Cancel or expire the running job (the given one only when it is the one running)."""
    params = module.params
    client = module.client
    server_id = params['server_id']
    running = [job for job in running_jobs(client, server_id) if job.get('status') == 'ACTIVE']
    target = running[0] if running else None
    if params['job_id'] is not None and (target is None or target.get('uuid') != params['job_id']):
        job = get_job(module, params['job_id'])
        return module.result(changed=False, before=dict(job=job_view(job)), after=dict(job=job_view(job)), job=job)
    if target is None:
        return module.result(changed=False, before=dict(job=None), after=dict(job=None))
    before = dict(job=job_view(target))
    predicted = dict(job_view(target), status=state.upper())
    if module.check_mode:
        return module.result(
            changed=True, before=before, after=dict(job=predicted), job=dict(target, status=state.upper())
        )
    job = stop_job(client, server_id, state)
    if params['wait']:
        # a timeout fails the module with changed=true (the POST above succeeded)
        job = wait_until_stopped(client, server_id, job, timeout=params['wait_timeout'], sleep=params['wait_sleep'])
    return module.result(changed=True, before=before, after=dict(job=job_view(job)), job=job)


def retried(module):
    """Retry a job that did not finish, unless it runs or a newer job of its type exists."""
    params = module.params
    client = module.client
    server_id = params['server_id']
    job = get_job(module, params['job_id'])
    before = dict(job=job_view(job))
    if job.get('status') == 'ACTIVE':
        job = module.wait_for_job(server_id, job, changed=False)
        return module.result(changed=False, before=before, after=dict(job=job_view(job)), job=job)
    if job.get('status') not in RETRYABLE or job.get('is_running'):
        return module.result(changed=False, before=before, after=before, job=job)
    same_type = list_jobs(client, server_id, dict(type=job.get('type')))
    later = newest([other for other in same_type if (other.get('created_at') or '') > (job.get('created_at') or '')])
    if later is not None:
        if later.get('status') == 'ACTIVE':
            later = module.wait_for_job(server_id, later, changed=False)
        return module.result(changed=False, before=before, after=dict(job=job_view(later)), job=later)
    busy = running_jobs(client, server_id)
    if busy:
        module.fail(
            'Server %s is busy with %s, so job %s cannot be retried now. Wait for that job to end '
            '(state=finished), or stop it, then run this task again.'
            % (server_id, describe_job(busy[0]), job.get('uuid')),
            changed=False,
            job=busy[0],
        )
    if module.check_mode:
        return module.result(changed=True, before=before, after=dict(job=job_view(None, job.get('type'))))
    new = retry_job(client, server_id, job['uuid'])
    new = module.wait_for_job(server_id, new, changed=True)
    return module.result(changed=True, before=before, after=dict(job=job_view(new)), job=new)


def run(module):
    state = module.params['state']
    if state == 'finished':
        return finished(module)
    if state == 'retried':
        return retried(module)
    return stop(module, state)


def main():
    spec = dict(
        server_id=dict(type='str', required=True),
        job_id=dict(type='str'),
        state=dict(type='str', default='finished', choices=['finished', 'canceled', 'expired', 'retried']),
    )
    spec.update(wait_argument_spec(timeout=3600, sleep=10))
    module = LeasewebModule(spec, required_if=[('state', 'retried', ['job_id'])])
    module.require_text('job_id')
    module.run(run)


if __name__ == '__main__':
    main()
