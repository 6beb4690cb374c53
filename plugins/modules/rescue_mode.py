#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: rescue_mode
short_description: Boot a Leaseweb dedicated server into rescue mode, or back to its installed system
version_added: 1.0.0
description:
  - Launches a rescue mode job, which reboots the server into a rescue image loaded over the network,
    so that you can repair a server whose operating system no longer boots or is no longer reachable.
  - Rescue mode does not modify the data on the disks. The server stays in rescue mode until it is
    rebooted (for example with M(leaseweb.dedicated.power)); it then boots its installed operating
    system again.
  - When the job finished, the module returns the rescue system's login in RV(credential), password
    included, since you need it to log in. B(That result holds a secret) - set C(no_log=true) on the
    task, and pass the password on only to where it is needed. Without C(no_log), the module warns.
  - When a rescue mode job already runs on the server, the module attaches to it (and waits for it)
    instead of launching a second one. When a job of another type runs, it fails before sending
    anything, since a server runs one job at a time.
  - This holds for two runs at once too - when another run starts a rescue mode job between this run's read and its
    request, the API refuses the second one, and the module reads the running jobs again and attaches to it.
  - Before it launches the job, the module checks O(rescue_image_id) against the API's list of rescue
    images.
  - A server already in rescue mode is left as it is (O(force=true) boots it into rescue again), and the
    module returns its login. The API does not tell whether a server runs its rescue system - the module
    counts it in rescue mode when its newest job is a rescue mode job that FINISHED and that job's login (a
    C(RESCUE_MODE) credential) is still stored with the server.
  - O(state=absent) brings a server in rescue mode back to its installed operating system - it waits for a
    rescue mode job that still runs, power cycles the server (waiting until it was seen off, then on), and
    removes the rescue logins, void from then on, so that the rule above holds. A server not in rescue mode is
    left as it is.
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
      - In check mode the module reads the jobs, the rescue logins and the rescue images and predicts
        whether it would launch a job (or, with O(state=absent), bring the server back); it does not wait
        and returns no credential.
  diff_mode:
    support: full
    details:
      - The diff shows the server's running job (type, uuid, status) before and after; never a secret. With
        O(state=absent), whether the server is in rescue mode before and after.
  idempotent:
    support: full
    details:
      - Attaches to a running rescue mode job instead of launching another, and leaves a server in rescue mode
        as it is (see the description for how the module tells). O(force=true) is not idempotent.
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  state:
    description:
      - V(present) - the server runs its rescue system; V(absent) - it runs its installed operating system.
    type: str
    choices: [present, absent]
    default: present
    version_added: 1.1.0
  force:
    description:
      - With O(state=present), boot into rescue mode again even when the server is in rescue mode already.
    type: bool
    default: false
    version_added: 1.1.0
  rescue_image_id:
    description:
      - The rescue image to boot (C(rescueImageId)), one of those M(leaseweb.dedicated.rescue_image_info)
        lists, such as V(GRML), V(CENTOS_7), V(ROCKY_LINUX) or V(FREEBSD).
    type: str
    default: GRML
  password:
    description:
      - The root password of the rescue system (C(password)). If not set, the API generates one, which
        the module returns in RV(credential) once the job finished.
      - Ansible hides this value wherever it would appear in the output, including in
        RV(credential.password).
    type: str
  post_install_script:
    description:
      - A script to run as soon as the rescue system is up, as plain text; the module sends it base64
        encoded (C(postInstallScript)).
      - It must start with a shebang line such as C(#!/usr/bin/env bash), as the API requires.
      - Treated as a secret (not logged), since such scripts often hold tokens.
    type: str
  ssh_keys:
    description:
      - Public SSH keys to authorize for root in the rescue system, one key per element; the module
        sends them as one string with a key per line (C(sshKeys)).
    type: list
    elements: str
  power_cycle:
    description:
      - Whether the API power cycles the server to boot the rescue image (C(powerCycle)).
      - With V(false) the job waits until you reboot the server yourself, for example with
        M(leaseweb.dedicated.power).
    type: bool
    default: true
  callback_url:
    description:
      - An http(s) URL the API calls when the job finished or failed (C(callbackUrl)).
      - Without it, the API notifies the account by email.
    type: str
  wait:
    description:
      - Whether to wait for the job to end. The module stops waiting at once when the job ends
        FINISHED, FAILED, CANCELED or EXPIRED, and fails unless it FINISHED.
      - With V(false), the module returns the running job and no credential; wait for it later with
        M(leaseweb.dedicated.job) and O(leaseweb.dedicated.job#module:state=finished), and read the
        credential with the credential modules (type C(RESCUE_MODE)).
      - With O(state=absent), whether to wait for the power cycle (until the server was seen off, then on).
    type: bool
    default: true
notes:
  - The credential is read with C(GET /servers/{serverId}/credentials/RESCUE_MODE/root), or the first
    C(RESCUE_MODE) credential when there is no C(root) one.
seealso:
  - module: leaseweb.dedicated.rescue_image_info
  - module: leaseweb.dedicated.job
  - module: leaseweb.dedicated.power
"""

EXAMPLES = r"""
- name: Boot into the GRML rescue image with my SSH key
  leaseweb.dedicated.rescue_mode:
    server_id: "12345"
    ssh_keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8bXnT0r5c4XZpXh2Sxl9yFJmY2cM0m3dLZ0d7kQ7f admin@example.com
    post_install_script: |
      #!/usr/bin/env bash
      mkdir -p /mnt/root && mount /dev/sda4 /mnt/root
  register: rescued
  no_log: true  # the result holds the rescue system's root password

- name: Wait for SSH on the rescue system
  ansible.builtin.debug:
    msg: "Log in as {{ rescued.credential.username }}; job {{ rescued.job.uuid }} {{ rescued.job.status }}"

- name: Reboot into the installed operating system when done, and forget the rescue login
  leaseweb.dedicated.rescue_mode:
    server_id: "12345"
    state: absent
"""

RETURN = r"""
job:
  description:
    - The rescue mode job as last read, with keys in snake_case; after a wait, as it ended.
    - Also returned when the module fails because the job did not finish or the wait timed out, and
      when another job keeps the server busy (that job).
    - See M(leaseweb.dedicated.job_info) for all its fields.
  returned: success, except in check mode when a job would be launched, and with O(state=absent) when the server was
    not in rescue mode
  type: dict
  sample:
    uuid: 8a10b74b-2a94-4a3b-88da-b9c07faa240d
    type: rescueMode
    status: FINISHED
    is_running: false
    server_id: "12345"
    payload: {rescue_image_id: GRML, power_cycle: true}
    progress: {total: 5, finished: 5, failed: 0, percentage: 100}
    tasks: []
credential:
  description:
    - The login of the rescue system, read once the job FINISHED.
    - B(Secret). RV(credential.password) is the rescue system's root password in clear text, so that
      you can log in. Set C(no_log=true) on the task to keep it out of the output and logs. When you
      gave O(password), Ansible shows it masked instead.
  returned: when the job FINISHED (O(wait=true), not in check mode), or the server was in rescue mode already
  type: dict
  contains:
    type:
      description: The type of the credential.
      type: str
      sample: RESCUE_MODE
    username:
      description: The user to log in as.
      type: str
      sample: root
    password:
      description: The password (a secret).
      type: str
      sample: Vx9mT2kq3PzL
power:
  description:
    - With O(state=absent), the power of the server after the power cycle (see M(leaseweb.dedicated.power)).
  returned: when the server was brought back (O(state=absent), not in check mode)
  type: dict
  sample: {ipmi: {status: 'on'}, pdu: {status: 'on'}, powered_on: true}
  version_added: 1.1.0
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

from ansible_collections.leaseweb.dedicated.plugins.module_utils._catalogue import rescue_images
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import (
    busy_message,
    encode_script,
    job_view,
    join_ssh_keys,
    running_jobs,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import (
    LeasewebModule,
    check_job_options,
    job_argument_spec,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import Power
from ansible_collections.leaseweb.dedicated.plugins.module_utils._rescue import (
    JOB_TYPE,
    in_rescue,
    login,
    logins,
    newest_rescue_job,
    remove_logins,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import converge


class InRescue(Exception):
    """The server is in rescue mode already: its rescue job and the usernames of its logins."""

    def __init__(self, job, usernames):
        super(InRescue, self).__init__(job.get('uuid'))
        self.job = job
        self.usernames = usernames


def request_body(params):
    body = dict(rescueImageId=params['rescue_image_id'], powerCycle=params['power_cycle'])
    optional = dict(
        password=params['password'],
        postInstallScript=encode_script(params['post_install_script']),
        sshKeys=join_ssh_keys(params['ssh_keys']),
        callbackUrl=params['callback_url'],
    )
    body.update((key, value) for key, value in optional.items() if value is not None)
    return body


def check_image(module):
    images = rescue_images(module.client)
    ids = [image.get('id') for image in images]
    if module.params['rescue_image_id'] not in ids:
        module.fail(
            'rescue_image_id: %r is not a rescue image; the API offers %s'
            % (module.params['rescue_image_id'], ', '.join(sorted('%s' % i for i in ids))),
            changed=False,
        )


def enter(module):
    """state=present: launch rescue mode, attach to the rescue mode job that runs, or leave a server in rescue mode."""
    params = module.params
    client = module.client
    server_id = params['server_id']

    def attached(job):
        running = (job.get('payload') or {}).get('rescue_image_id')
        if running and running != params['rescue_image_id']:
            module.warn(
                'A rescue mode job with image %s already runs on server %s; attached to it instead of '
                'launching one with %s.' % (running, server_id, params['rescue_image_id'])
            )

    def before_start():
        if not params['force']:
            job = newest_rescue_job(client, server_id)
            usernames = in_rescue(client, server_id, job)
            if usernames:
                raise InRescue(job, usernames)
        check_image(module)

    usernames = None
    try:
        result = module.launch(JOB_TYPE, request_body(params), before_start=before_start, attached=attached)
    except InRescue as e:
        view = dict(job=job_view(e.job))
        result = module.result(changed=False, before=view, after=view, job=e.job)
        usernames = e.usernames
    job = result.get('job')
    if job is not None and job.get('status') == 'FINISHED':
        credential = login(client, server_id, usernames)
        if credential is not None:
            result['credential'] = credential
            module.returns_secret('rescue_mode')
    return result


def leave(module):
    """state=absent: bring a server in rescue mode back to its installed system."""
    params = module.params
    client = module.client
    server_id = params['server_id']
    running = running_jobs(client, server_id)
    job = next((j for j in running if j.get('type') == JOB_TYPE), None)
    if running and job is None:
        module.fail(
            busy_message(server_id, running[0], 'the power cycle back to the installed system'),
            changed=False,
            job=running[0],
        )
    usernames = []
    if job is None:
        job = newest_rescue_job(client, server_id)
        usernames = in_rescue(client, server_id, job)
    rescued = job is not None and (job.get('is_running') or bool(usernames))
    before = dict(rescue_mode=rescued)
    if not rescued or module.check_mode:
        return module.result(changed=rescued, before=before, after=dict(rescue_mode=False))
    if job.get('is_running'):
        job = module.wait_for_job(server_id, job, changed=False, always=True)
        usernames = logins(client, server_id)
    plan = converge(
        client,
        server_id,
        Power(),
        dict(
            state='restarted', wait=params['wait'], wait_timeout=params['wait_timeout'], wait_sleep=params['wait_sleep']
        ),
        check_mode=False,
    )
    for warning in plan.warnings:
        module.warn(warning)
    remove_logins(client, server_id, usernames)
    return module.result(changed=True, before=before, after=dict(rescue_mode=False), job=job, power=plan.result)


def run(module):
    if module.params['state'] == 'absent':
        return leave(module)
    return enter(module)


def main():
    module = LeasewebModule(
        job_argument_spec(
            timeout=1800,
            sleep=10,
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            force=dict(type='bool', default=False),
            rescue_image_id=dict(type='str', default='GRML'),
            password=dict(type='str', no_log=True),
            post_install_script=dict(type='str', no_log=True),
            ssh_keys=dict(type='list', elements='str', no_log=False),
        )
    )
    params = module.params
    check_job_options(module)
    module.require_text('rescue_image_id')
    script = params['post_install_script']
    if script is not None and not script.startswith('#!'):
        module.fail('post_install_script must start with a shebang line such as #!/usr/bin/env bash')
    if params['password'] is not None and not params['password']:
        module.fail('password must not be empty; leave it out to have the API generate one')
    module.run(run)


if __name__ == '__main__':
    main()
