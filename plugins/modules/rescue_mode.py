#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: rescue_mode
short_description: Boot a Leaseweb dedicated server into rescue mode
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
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated.api
  - leaseweb.dedicated.attributes
  - leaseweb.dedicated.attributes.ACTION_GROUP
  - leaseweb.dedicated.job_wait
attributes:
  check_mode:
    support: full
    details:
      - In check mode the module reads the running jobs and the rescue images and predicts whether it
        would launch a job; it does not wait and returns no credential.
  diff_mode:
    support: full
    details:
      - The diff shows the server's running job (type, uuid, status) before and after; never a secret.
  idempotent:
    support: partial
    details:
      - Attaches to a running rescue mode job instead of launching another. The API does not tell
        whether a server is still in rescue mode, so once the job ended every run launches a new one.
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
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
    type: bool
    default: true
notes:
  - The credential is read with C(GET /servers/{serverId}/credentials/RESCUE_MODE/root), or the first
    C(RESCUE_MODE) credential when there is no C(root) one.
seealso:
  - module: leaseweb.dedicated.rescue_image_info
  - module: leaseweb.dedicated.job
  - module: leaseweb.dedicated.power
'''

EXAMPLES = r'''
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

- name: Reboot into the installed operating system when done
  leaseweb.dedicated.power:
    server_id: "12345"
    state: restarted
'''

RETURN = r'''
job:
  description:
    - The rescue mode job as last read, with keys in snake_case; after a wait, as it ended.
    - Also returned when the module fails because the job did not finish or the wait timed out, and
      when another job keeps the server busy (that job).
    - See M(leaseweb.dedicated.job_info) for all its fields.
  returned: success, except in check mode when a job would be launched
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
  returned: when the job FINISHED (O(wait=true), not in check mode)
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
timed_out:
  description: Whether the wait ended because O(wait_timeout) passed.
  returned: failure while waiting
  type: bool
  sample: true
'''

from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import encode_script, join_ssh_keys
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import (
    LeasewebModule,
    check_job_options,
    job_argument_spec,
)

JOB_TYPE = 'rescueMode'
CREDENTIAL_TYPE = 'RESCUE_MODE'


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
    images = module.client.paginate('/rescueImages', 'rescue_images')
    ids = [image.get('id') for image in images]
    if module.params['rescue_image_id'] not in ids:
        module.fail('rescue_image_id: %r is not a rescue image; the API offers %s'
                    % (module.params['rescue_image_id'], ', '.join(sorted('%s' % i for i in ids))), changed=False)


def read_credential(module, server_id):
    client = module.client
    credential = client.get_or_none(client.server_path(server_id, 'credentials', CREDENTIAL_TYPE, 'root'))
    if credential is None:
        listed = client.paginate(client.server_path(server_id, 'credentials', CREDENTIAL_TYPE), 'credentials')
        if listed:
            credential = client.get(client.server_path(server_id, 'credentials', CREDENTIAL_TYPE, listed[0]['username']))
    if credential is None:
        return None
    return dict(type=credential.get('type'), username=credential.get('username'), password=credential.get('password'))


def run(module):
    params = module.params
    server_id = params['server_id']

    def attached(job):
        running = (job.get('payload') or {}).get('rescue_image_id')
        if running and running != params['rescue_image_id']:
            module.warn('A rescue mode job with image %s already runs on server %s; attached to it instead of '
                        'launching one with %s.' % (running, server_id, params['rescue_image_id']))

    result = module.launch(JOB_TYPE, request_body(params), before_start=lambda: check_image(module), attached=attached)
    job = result.get('job')
    if job is not None and job.get('status') == 'FINISHED':
        credential = read_credential(module, server_id)
        if credential is not None:
            result['credential'] = credential
            module.returns_secret('rescue_mode')
    return result


def main():
    module = LeasewebModule(job_argument_spec(
        timeout=1800, sleep=10,
        rescue_image_id=dict(type='str', default='GRML'),
        password=dict(type='str', no_log=True),
        post_install_script=dict(type='str', no_log=True),
        ssh_keys=dict(type='list', elements='str', no_log=False),
    ))
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
