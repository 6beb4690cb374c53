#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: install
short_description: Install an operating system on a Leaseweb dedicated server (erases its disks)
version_added: 1.0.0
description:
  - B(An installation erases every disk of the server.) All data on the server is lost, without a
    backup and without a way back. Run this module in check mode with C(--diff) first, and keep
    O(force=false) unless you mean to reinstall a server that already runs the wanted system.
  - Launches an install job with the operating system O(operating_system_id) and, optionally, a control
    panel, partitions, software or hardware RAID, a root password, SSH keys and a post-install script.
  - The module is idempotent. It reads the server's install jobs. When the newest one B(FINISHED) with
    the same operating system and the same control panel choice (see below), nothing is sent, unless
    O(force=true). When an install job for the same operating system and control panel choice is
    running, the module attaches to it (and waits for it) instead of starting another. When an install
    job for another operating system (or control panel choice) is running, the module fails before
    sending anything rather than wait and then reinstall what is being installed. When the newest
    install job FAILED, was CANCELED or EXPIRED, or the API has no install job for the server, the
    module installs.
  - B(Control panel comparison.) The API records no control panel id in an install job, only whether a
    control panel was installed (C(CONTROL_PANEL) in the job's C(featuresUtilized)). The module therefore
    compares whether a control panel is wanted (O(control_panel_id) set) with whether one was installed.
    Moving from one control panel to another on the same operating system is not detected; use
    O(force=true) for that.
  - Other options (hostname, partitions, RAID, SSH keys, ...) are not compared; they only matter when an
    installation is sent. When you set one that differs from what the last installation recorded, the
    module warns, and does not reinstall unless O(force=true).
  - Before it sends anything, the module checks the request against the operating system's catalogue
    entry (C(GET /operatingSystems/{id})) and fails with a clear message on an unknown operating system,
    a control panel the operating system does not offer, an option the operating system does not
    support (hostname, SSH keys, time zone, post-install script, partitions, software RAID), a file
    system it does not support, partitions for an operating system that cannot be partitioned, or a
    boot device that is neither one the operating system supports nor a disk set of the server.
  - The module reads the catalogue entry with an empty C(controlPanelId) when no control panel is wanted (the
    API reference declares the parameter required, with no value for "no control panel"). If the API refuses
    that read (HTTP 400 or 404), the module still installs what the task asks for - it checks the operating
    system against C(GET /operatingSystems) instead, warns, and skips the checks that need the entry (the
    features, partitions and file systems, the boot device); the API then checks the installation itself.
  - When a job of another type (rescue mode, hardware scan, IPMI reset) runs on the server, the module
    fails before sending anything, since a server runs one job at a time.
  - Two runs at once - when another run starts an install between this run's reads and its request, the API
    refuses the second one; the module reads the running jobs again and attaches to that install (and waits
    for it) when it installs the same system, as if it had been running at the first read.
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
      - In check mode the module reads the install jobs and, when it would install, the running jobs and
        the catalogue, so that a request the module would refuse fails in check mode too. It sends nothing
        and does not wait.
  diff_mode:
    support: full
    details:
      - The diff shows the operating system, whether a control panel is installed, and the install job
        (type, uuid, status), before and after.
  idempotent:
    support: partial
    details:
      - Without O(force), a rerun sends nothing once the install FINISHED, or attaches to the install job
        that runs.
      - With O(force=true), every run reinstalls (unless an install job for the same system is running).
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  operating_system_id:
    description:
      - The operating system to install (C(operatingSystemId)), as M(leaseweb.dedicated.operating_system_info)
        lists them, for example V(UBUNTU_24_04_64BIT) or V(DEBIAN_12_64BIT).
    type: str
    required: true
  control_panel_id:
    description:
      - A control panel to install with the operating system (C(controlPanelId)), as
        M(leaseweb.dedicated.control_panel_info) lists them for that system, for example V(PLESK_12).
      - If not set, no control panel is installed.
    type: str
  device:
    description:
      - Where to install (C(device)) - V(SATA_SAS), V(NVME), or the id of one of the server's disk sets
        (such as V(SATA2TB); see C(specs.hdd) in M(leaseweb.dedicated.server_info)).
      - If not set, the operating system's default device is used.
    type: str
  hostname:
    description:
      - The host name to configure (C(hostname)). If not set, the API picks one.
    type: str
  partitions:
    description:
      - The partitions to create (C(partitions)), in order. If not set, the operating system's default
        partitions are used (see RV(leaseweb.dedicated.operating_system_info#module:operating_systems[].defaults)).
      - Linux systems need a root partition (O(partitions[].mountpoint=/)).
    type: list
    elements: dict
    suboptions:
      mountpoint:
        description:
          - The mount point, such as V(/) or V(/home). Leave it out for a swap partition.
        type: str
      filesystem:
        description:
          - The file system, one of the operating system's C(supported_file_systems), such as V(ext4),
            V(xfs) or V(swap).
        type: str
        required: true
      size:
        description:
          - The size in MB (usually; it depends on the operating system), or V(*) for the rest of the disk
            (one partition at most).
        type: str
        required: true
  raid:
    description:
      - The RAID to set up (C(raid)). If not set, the API's default applies.
    type: dict
    suboptions:
      type:
        description:
          - V(SW) for software RAID (the operating system needs the C(SW_RAID) feature), V(HW) for the
            hardware RAID controller, V(NONE) for pass-through mode on a hardware RAID server.
        type: str
        choices: [HW, SW, NONE]
        required: true
      level:
        description:
          - The RAID level; required with O(raid.type=HW) or O(raid.type=SW).
        type: int
        choices: [0, 1, 5, 10]
      number_of_disks:
        description:
          - How many disks to use; if not set, all of them.
        type: int
  password:
    description:
      - The root (or Administrator) password of the installed system (C(password)). If not set, the API
        generates one and stores it as the server's C(OPERATING_SYSTEM) credential.
      - Never shown in the output.
    type: str
  post_install_script:
    description:
      - A script to run right after the installation, as plain text; the module sends it base64 encoded
        (C(postInstallScript)). For Linux, a bash script starting with a shebang line.
      - Treated as a secret (not logged), since such scripts often hold tokens.
    type: str
  ssh_keys:
    description:
      - Public SSH keys to authorize for root, one key per element; the module sends them as one string
        with a key per line (C(sshKeys)).
    type: list
    elements: str
  timezone:
    description:
      - The time zone to configure, as C(Area/City) (C(timezone)), for example V(Europe/Amsterdam). If not
        set, the API uses UTC.
    type: str
  ai_frameworks:
    description:
      - AI frameworks to install with the system (C(aiFrameworks)), for example V(PYTORCH) or V(XGBOOST).
    type: list
    elements: str
  power_cycle:
    description:
      - Whether the API may power cycle and reboot the server during the installation (C(powerCycle)).
      - With V(false) the job waits for you to reboot the server at each step, for example with
        M(leaseweb.dedicated.power).
    type: bool
    default: true
  callback_url:
    description:
      - An http(s) URL the API calls when the installation finished or failed (C(callbackUrl)).
      - Without it, the API notifies the account by email.
    type: str
  force:
    description:
      - Reinstall even when the newest install job FINISHED with the same operating system and control
        panel choice. B(This erases the server's disks on every run.)
      - It does not start a second install while one runs; the module attaches to it.
    type: bool
    default: false
  wait:
    description:
      - Whether to wait for the install job to end. The module stops waiting at once when the job ends
        FINISHED, FAILED, CANCELED or EXPIRED, and fails unless it FINISHED.
      - With V(false), the module returns the running job; wait for it later with
        M(leaseweb.dedicated.job) and O(leaseweb.dedicated.job#module:state=finished), for example after
        starting installs on many servers.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the installation, with O(wait=true). The module fails when they have
        passed, with the job as last read (its tasks and progress) in RV(job); the installation keeps
        running.
    type: int
    default: 3600
notes:
  - Requests of a run without change - one C(GET /servers/{id}/jobs?type=install) (all pages).
  - Requests of an installation - that read, C(GET /servers/{id}/jobs?isRunning=true),
    C(GET /operatingSystems/{id}), C(GET /operatingSystems/{id}/controlPanels) with O(control_panel_id),
    C(GET /servers/{id}) when O(device) is a disk set, then C(POST /servers/{id}/install) and the reads
    of the wait. When the catalogue entry is refused (HTTP 400 or 404), C(GET /operatingSystems) (all pages)
    follows it; when the POST is refused, one more C(GET /servers/{id}/jobs?isRunning=true).
seealso:
  - module: leaseweb.dedicated.operating_system_info
  - module: leaseweb.dedicated.control_panel_info
  - module: leaseweb.dedicated.job
  - module: leaseweb.dedicated.job_info
  - name: Reinstalling your Dedicated Server
    description: The Leaseweb knowledge base article on installations.
    link: https://kb.leaseweb.com/products/dedicated-server/reinstalling-your-dedicated-server
"""

EXAMPLES = r"""
# This erases every disk of server 12345, the first time it runs.
- name: Install Ubuntu 24.04 with my SSH key (a rerun changes nothing)
  leaseweb.dedicated.install:
    server_id: "12345"
    operating_system_id: UBUNTU_24_04_64BIT
    hostname: web01.example.com
    timezone: Europe/Amsterdam
    ssh_keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8bXnT0r5c4XZpXh2Sxl9yFJmY2cM0m3dLZ0d7kQ7f admin@example.com
    post_install_script: |
      #!/usr/bin/env bash
      apt-get update && apt-get install -y python3
  register: installed

- name: Show the install job
  ansible.builtin.debug:
    msg: "{{ installed.job.uuid }}: {{ installed.job.status }}, {{ installed.job.progress.percentage }}%"

# Start installs on many servers at once, then wait for each of them.
- name: Start installing Debian 12 on a software RAID 1, without waiting
  leaseweb.dedicated.install:
    server_id: "{{ item }}"
    operating_system_id: DEBIAN_12_64BIT
    password: "{{ root_password | default('Ch4nge-me-now!') }}"
    raid:
      type: SW
      level: 1
    partitions:
      - {mountpoint: /boot, filesystem: ext4, size: 1024}
      - {filesystem: swap, size: 4096}
      - {mountpoint: /, filesystem: ext4, size: "*"}
    wait: false
  loop: ["12345"]
  register: started

- name: Wait for every installation to finish
  leaseweb.dedicated.job:
    server_id: "{{ item.item }}"
    job_id: "{{ item.job.uuid }}"
    state: finished
  loop: "{{ started.results }}"
  loop_control:
    label: "{{ item.item }}"
"""

RETURN = r"""
job:
  description:
    - The install job, with keys in snake_case - the one started or attached to, as last read (after a
      wait, as it ended); without a change, the newest install job, which FINISHED.
    - Also returned when the module fails because the job did not finish or the wait timed out, and when
      another job keeps the server busy (that job).
    - C(payload) holds what was installed (C(operating_system_id), C(hostname), C(partitions),
      C(features_utilized), ...); it never holds the password or the post-install script.
    - See M(leaseweb.dedicated.job_info) for all its fields.
  returned: success, except in check mode when an installation would be started
  type: dict
  sample:
    uuid: cc2112b7-40fd-2000-b841-04bb1bf5aa1b
    type: install
    status: FINISHED
    is_running: false
    server_id: "12345"
    created_at: "2025-03-11T09:53:49+00:00"
    updated_at: "2025-03-11T10:14:46+00:00"
    payload:
      operating_system_id: UBUNTU_24_04_64BIT
      hostname: web01.example.com
      features_utilized: [HOSTNAME, SSH_KEYS, TIMEZONE]
    progress: {total: 9, finished: 9, failed: 0, percentage: 100}
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

from ansible_collections.leaseweb.dedicated.plugins.module_utils._catalogue import (
    control_panels,
    operating_system,
    operating_systems,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import (
    describe_job,
    encode_script,
    job_view,
    join_ssh_keys,
    last_job,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import (
    LeasewebModule,
    check_job_options,
    job_argument_spec,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import read_record
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_hostname


# module option -> operating system feature it needs
FEATURES = dict(
    hostname='HOSTNAME',
    ssh_keys='SSH_KEYS',
    timezone='TIMEZONE',
    post_install_script='POST_INSTALL_SCRIPTS',
    partitions='PARTITIONING',
    control_panel_id='CONTROL_PANEL',
)


def partitions_body(partitions):
    if partitions is None:
        return None
    body = []
    for part in partitions:
        item = dict(filesystem=part['filesystem'], size=part['size'])
        if part.get('mountpoint') is not None:
            item['mountpoint'] = part['mountpoint']
        body.append(item)
    return body


def raid_body(raid):
    if raid is None:
        return None
    body = dict(type=raid['type'])
    if raid.get('level') is not None:
        body['level'] = raid['level']
    if raid.get('number_of_disks') is not None:
        body['numberOfDisks'] = raid['number_of_disks']
    return body


def request_body(params):
    body = dict(operatingSystemId=params['operating_system_id'], powerCycle=params['power_cycle'])
    optional = dict(
        controlPanelId=params['control_panel_id'],
        device=params['device'],
        hostname=params['hostname'],
        partitions=partitions_body(params['partitions']),
        raid=raid_body(params['raid']),
        password=params['password'],
        postInstallScript=encode_script(params['post_install_script']),
        sshKeys=join_ssh_keys(params['ssh_keys']),
        timezone=params['timezone'],
        aiFrameworks=params['ai_frameworks'],
        callbackUrl=params['callback_url'],
    )
    body.update((key, value) for key, value in optional.items() if value is not None)
    return body


def install_view(job):
    """The diff view of an install job, which the module compares too: its operating system and control panel choice."""
    if job is None:
        return dict(operating_system_id=None, control_panel=False)
    payload = job.get('payload') or {}
    return dict(
        operating_system_id=payload.get('operating_system_id'),
        control_panel='CONTROL_PANEL' in (payload.get('features_utilized') or []),
    )


def normalized_partitions(partitions):
    return [((p.get('mountpoint') or None), p.get('filesystem'), '%s' % p.get('size')) for p in partitions or []]


def normalized_raid(raid):
    if not raid:
        return None
    return (raid.get('type'), raid.get('level'), raid.get('number_of_disks'))


def differences(params, job):
    """The options the user set that differ from what the installation recorded."""
    payload = job.get('payload') or {}
    found = []
    for option in ('hostname', 'timezone', 'device'):
        if params[option] is not None and params[option] != payload.get(option):
            found.append(option)
    if params['partitions'] is not None and normalized_partitions(
        partitions_body(params['partitions'])
    ) != normalized_partitions(payload.get('partitions')):
        found.append('partitions')
    if params['raid'] is not None and normalized_raid(params['raid']) != normalized_raid(payload.get('raid')):
        found.append('raid')
    if params['ssh_keys'] is not None and join_ssh_keys(params['ssh_keys']) != (payload.get('ssh_keys') or ''):
        found.append('ssh_keys')
    if params['ai_frameworks'] is not None and sorted(params['ai_frameworks']) != sorted(
        payload.get('ai_frameworks') or []
    ):
        found.append('ai_frameworks')
    return found


def catalogue_entry(module):
    """The operating system's catalogue entry; None when the API will not give it (with a warning).

    The reference declares ``controlPanelId`` required on ``GET /operatingSystems/{id}`` and no
    value for "no control panel"; the module sends it empty. An API that refuses that (400 or
    404) is not taken as an unknown operating system: the list of operating systems decides
    that, and only the checks that need the entry are skipped.
    """
    params = module.params
    client = module.client
    os_id = params['operating_system_id']
    try:
        return operating_system(client, os_id, params['control_panel_id'])
    except LeasewebError as e:
        if e.status not in (400, 404):
            raise
        refusal = e
    listed = [item.get('id') for item in operating_systems(client)]
    if os_id not in listed:
        module.fail(
            'operating_system_id: %r is not an operating system of the API; '
            'leaseweb.dedicated.operating_system_info lists them' % os_id,
            changed=False,
        )
    module.warn(
        'The API did not give the catalogue entry of %s (GET /operatingSystems/%s with controlPanelId=%r answered '
        'HTTP %s), though it lists that operating system. Installing without the checks that need the entry '
        '(the features the options need, partitions and file systems, the boot device); the API checks the '
        'installation when it receives it.' % (os_id, os_id, params['control_panel_id'] or '', refusal.status)
    )
    return None


def validate(module):
    """Check the request against the operating system's catalogue entry; fail before any write."""
    params = module.params
    client = module.client
    server_id = params['server_id']
    os_id = params['operating_system_id']
    panel = params['control_panel_id']
    entry = catalogue_entry(module)
    if panel is not None:
        panels = control_panels(client, os_id)
        ids = [item.get('id') for item in panels]
        if panel not in ids:
            module.fail(
                'control_panel_id: %r is not available for %s; it offers %s'
                % (panel, os_id, ', '.join(ids) or 'no control panel'),
                changed=False,
            )
    if entry is None:
        return
    features = entry.get('features')
    if features is not None:
        for option, feature in sorted(FEATURES.items()):
            if params[option] is not None and feature not in features:
                module.fail(
                    '%s: %s does not support it (it lacks the %s feature; it has %s)'
                    % (option, os_id, feature, ', '.join(features) or 'none'),
                    changed=False,
                )
        if params['raid'] is not None and params['raid']['type'] == 'SW' and 'SW_RAID' not in features:
            module.fail('raid: %s does not support software RAID (it lacks the SW_RAID feature)' % os_id, changed=False)
    if params['partitions'] is not None:
        if entry.get('configurable') is False:
            module.fail('partitions: the partitions of %s cannot be configured' % os_id, changed=False)
        supported = entry.get('supported_file_systems')
        if supported is not None:
            for number, part in enumerate(params['partitions']):
                if part['filesystem'] not in supported:
                    module.fail(
                        'partitions[%d].filesystem: %s does not support %r; it supports %s'
                        % (number, os_id, part['filesystem'], ', '.join(supported)),
                        changed=False,
                    )
    device = params['device']
    boot_devices = entry.get('supported_boot_devices') or []
    if device is not None and device not in boot_devices:
        server = read_record(client, server_id)
        disk_sets = [hdd.get('id') for hdd in ((server.get('specs') or {}).get('hdd') or [])]
        if device not in disk_sets:
            module.fail(
                'device: %r is neither a boot device %s supports (%s) nor a disk set of server %s (%s)'
                % (device, os_id, ', '.join(boot_devices) or 'none', server_id, ', '.join(disk_sets) or 'none'),
                changed=False,
            )


def attach(module, job, before, wanted):
    """Wait for the running install ``job`` when it installs what is wanted; else fail before any write."""
    server_id = module.params['server_id']
    current = install_view(job)
    if current != wanted:
        module.fail(
            'Server %s is being installed with %s%s by %s; this task wants %s%s. Wait for that installation '
            'to end (leaseweb.dedicated.job with state=finished), or cancel it (state=canceled), then run '
            'this task again.'
            % (
                server_id,
                current['operating_system_id'],
                ' and a control panel' if current['control_panel'] else '',
                describe_job(job),
                wanted['operating_system_id'],
                ' and a control panel' if wanted['control_panel'] else '',
            ),
            changed=False,
            job=job,
        )
    job = module.wait_for_job(server_id, job, changed=False)
    return module.result(changed=False, before=before, after=dict(current, job=job_view(job)), job=job)


def run(module):
    params = module.params
    client = module.client
    server_id = params['server_id']
    wanted = dict(
        operating_system_id=params['operating_system_id'], control_panel=params['control_panel_id'] is not None
    )
    last = last_job(client, server_id, 'install')
    current = install_view(last)
    before = dict(current, job=job_view(last))
    if last is not None and last.get('status') == 'ACTIVE':
        return attach(module, last, before, wanted)
    if last is not None and last.get('status') == 'FINISHED' and current == wanted and not params['force']:
        differ = differences(params, last)
        if differ:
            module.warn(
                'Server %s already runs %s (install job %s), installed with other %s than this task sets; '
                'not reinstalling. Set force=true to reinstall, which erases its disks.'
                % (server_id, current['operating_system_id'], last.get('uuid'), ', '.join(differ))
            )
        return module.result(changed=False, before=before, after=before, job=last)
    # fails when a job of another type runs; validates before a job would start (in check mode too)
    changed, job = module.start_or_attach('install', request_body(params), before_start=lambda: validate(module))
    if not changed:
        # an install job that started after the install jobs were read
        return attach(module, job, before, wanted)
    if module.check_mode:
        return module.result(changed=True, before=before, after=dict(wanted, job=job_view(None, 'install')))
    job = module.wait_for_job(server_id, job, changed=True)
    return module.result(changed=True, before=before, after=dict(wanted, job=job_view(job)), job=job)


def main():
    module = LeasewebModule(
        job_argument_spec(
            timeout=3600,
            sleep=10,
            operating_system_id=dict(type='str', required=True),
            control_panel_id=dict(type='str'),
            device=dict(type='str'),
            hostname=dict(type='str'),
            partitions=dict(
                type='list',
                elements='dict',
                options=dict(
                    mountpoint=dict(type='str'),
                    filesystem=dict(type='str', required=True),
                    size=dict(type='str', required=True),
                ),
            ),
            raid=dict(
                type='dict',
                options=dict(
                    type=dict(type='str', required=True, choices=['HW', 'SW', 'NONE']),
                    level=dict(type='int', choices=[0, 1, 5, 10]),
                    number_of_disks=dict(type='int'),
                ),
                required_if=[('type', 'HW', ['level']), ('type', 'SW', ['level'])],
            ),
            password=dict(type='str', no_log=True),
            post_install_script=dict(type='str', no_log=True),
            ssh_keys=dict(type='list', elements='str', no_log=False),
            timezone=dict(type='str'),
            ai_frameworks=dict(type='list', elements='str'),
            force=dict(type='bool', default=False),
        )
    )
    params = module.params
    check_job_options(module)
    module.check('hostname', parse_hostname)
    module.require_text('operating_system_id', 'control_panel_id', 'device', 'timezone')
    if params['password'] is not None and not params['password']:
        module.fail('password must not be empty; leave it out to have the API generate one')
    if params['partitions'] is not None:
        if not params['partitions']:
            module.fail('partitions must not be an empty list; leave it out for the default partitions')
        rest = [part for part in params['partitions'] if part['size'] == '*']
        if len(rest) > 1:
            module.fail('partitions: only one partition can take the rest of the disk (size *)')
        for number, part in enumerate(params['partitions']):
            if part['size'] != '*' and not (part['size'].isdigit() and int(part['size']) > 0):
                module.fail('partitions[%d].size: %r is neither a positive size in MB nor *' % (number, part['size']))
    if (
        params['raid'] is not None
        and params['raid']['number_of_disks'] is not None
        and params['raid']['number_of_disks'] < 1
    ):
        module.fail('raid.number_of_disks must be at least 1')
    module.run(run)


if __name__ == '__main__':
    main()
