# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.install in process: the comparison with the last install, the validation
against the catalogue, the install and its wait, attaching, failures.

The emulator's clock moves one second a request and a job takes 2 seconds (job_seconds), so
the module reads an install it started twice: ACTIVE, then FINISHED.
"""

import base64

import pytest

SERVER = '12345'
INSTALLS = 'GET /servers/12345/jobs?limit=50&offset=0&type=install'
RUNNING = 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0'
POST = 'POST /servers/12345/install'
DELIVERED_OS = 'UBUNTU_22_04_64BIT'  # what the seeded 12345 was delivered with
PASSWORD = 'Inst4ll-pw-93b1'
SCRIPT = '#!/usr/bin/env bash\napt-get install -y nginx\n'
KEYS = [
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA1 one@example.com',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA2 two@example.com',
]


def catalogue(os_id, panel=''):
    return 'GET /operatingSystems/%s?controlPanelId=%s' % (os_id, panel)


def read_job(uuid):
    return 'GET /servers/12345/jobs/%s' % uuid


def delivered(modules):
    status, answer = modules.api('GET', '/servers/12345/jobs', query={'type': 'install'})
    assert status == 200
    assert len(answer['jobs']) == 1
    return answer['jobs'][0]


def view(os_id, panel, job, status):
    """The diff view of an install: the system, the control panel choice and the job."""
    return {
        'operating_system_id': os_id,
        'control_panel': panel,
        'job': {'type': 'install', 'uuid': job['uuid'], 'status': status},
    }


def start_install(modules, os_id, outcome=None, **body):
    if outcome is not None:
        modules.next_job(SERVER, outcome=outcome)
    body['operatingSystemId'] = os_id
    status, job = modules.api('POST', '/servers/12345/install', body)
    assert status == 202
    return job


# -- the system the server runs ---------------------------------------------------------------


def test_the_system_the_server_runs_is_not_reinstalled(modules):
    job = delivered(modules)
    assert job['payload']['operatingSystemId'] == DELIVERED_OS
    run = modules.run('install', server_id=SERVER, operating_system_id=DELIVERED_OS, diff=True)
    assert not run.changed and not run.failed
    assert run['job']['uuid'] == job['uuid']
    assert run['diff'] == {
        'before': view(DELIVERED_OS, False, job, 'FINISHED'),
        'after': view(DELIVERED_OS, False, job, 'FINISHED'),
    }
    assert run.warnings == []
    # one read of the install jobs
    assert run.calls == [INSTALLS]


def test_check_mode_reads_validates_and_writes_nothing(modules):
    job = delivered(modules)
    run = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', check_mode=True, diff=True)
    assert run.changed and not run.failed
    assert 'job' not in run.result
    assert run['diff'] == {
        'before': view(DELIVERED_OS, False, job, 'FINISHED'),
        'after': {
            'operating_system_id': 'UBUNTU_24_04_64BIT',
            'control_panel': False,
            'job': {'type': 'install', 'uuid': None, 'status': 'ACTIVE'},
        },
    }
    # the install jobs, the running jobs, the catalogue entry
    assert run.calls == [INSTALLS, RUNNING, catalogue('UBUNTU_24_04_64BIT')]


def test_install_with_every_option_then_the_rerun_sends_nothing(modules):
    old = delivered(modules)
    run = modules.run(
        'install',
        server_id=SERVER,
        operating_system_id='UBUNTU_24_04_64BIT',
        device='SATA_SAS',
        hostname='web01.example.com',
        timezone='Europe/Amsterdam',
        password=PASSWORD,
        ssh_keys=KEYS,
        post_install_script=SCRIPT,
        partitions=[
            {'mountpoint': '/boot', 'filesystem': 'ext4', 'size': '1024'},
            {'filesystem': 'swap', 'size': '4096'},
            {'mountpoint': '/', 'filesystem': 'xfs', 'size': '*'},
        ],
        raid={'type': 'SW', 'level': 1, 'number_of_disks': 2},
        ai_frameworks=['PYTORCH'],
        power_cycle=True,
        callback_url='https://hooks.example.com/install',
        diff=True,
    )
    assert run.changed and not run.failed
    job = run['job']
    assert job['type'] == 'install'
    assert job['status'] == 'FINISHED'
    assert job['payload']['operating_system_id'] == 'UBUNTU_24_04_64BIT'
    assert job['payload']['hostname'] == 'web01.example.com'
    assert run['diff'] == {
        'before': view(DELIVERED_OS, False, old, 'FINISHED'),
        'after': view('UBUNTU_24_04_64BIT', False, job, 'FINISHED'),
    }
    # reads, the POST, then the job until FINISHED (2 s, one read a second)
    assert run.calls == [
        INSTALLS,
        RUNNING,
        catalogue('UBUNTU_24_04_64BIT'),
        POST,
        read_job(job['uuid']),
        read_job(job['uuid']),
    ]
    assert run.bodies == [
        {
            'operatingSystemId': 'UBUNTU_24_04_64BIT',
            'powerCycle': True,
            'device': 'SATA_SAS',
            'hostname': 'web01.example.com',
            'timezone': 'Europe/Amsterdam',
            'password': PASSWORD,
            'sshKeys': '\n'.join(KEYS),
            'postInstallScript': base64.b64encode(SCRIPT.encode('utf-8')).decode('ascii'),
            'partitions': [
                {'mountpoint': '/boot', 'filesystem': 'ext4', 'size': '1024'},
                {'filesystem': 'swap', 'size': '4096'},
                {'mountpoint': '/', 'filesystem': 'xfs', 'size': '*'},
            ],
            'raid': {'type': 'SW', 'level': 1, 'numberOfDisks': 2},
            'aiFrameworks': ['PYTORCH'],
            'callbackUrl': 'https://hooks.example.com/install',
        }
    ]
    assert run.requests[3]['status'] == 202
    assert PASSWORD not in repr(run.result)
    assert 'apt-get' not in repr(run.result)

    again = modules.run(
        'install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', hostname='web01.example.com'
    )
    assert not again.changed and not again.failed
    assert again['job']['uuid'] == job['uuid']
    assert again.warnings == []
    assert again.calls == [INSTALLS]


def test_other_options_only_warn_and_force_reinstalls(modules):
    first = modules.run(
        'install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', hostname='web01.example.com'
    )
    assert first.changed

    other = modules.run(
        'install',
        server_id=SERVER,
        operating_system_id='UBUNTU_24_04_64BIT',
        hostname='web02.example.com',
        timezone='Europe/Paris',
        ssh_keys=KEYS[:1],
    )
    assert not other.changed and not other.failed
    assert other.warnings == [
        'Server 12345 already runs UBUNTU_24_04_64BIT (install job %s), installed with other hostname, timezone, ssh_keys than '
        'this task sets; not reinstalling. Set force=true to reinstall, which erases its disks.' % first['job']['uuid']
    ]
    assert other.calls == [INSTALLS]

    forced = modules.run(
        'install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', hostname='web02.example.com', force=True
    )
    assert forced.changed and not forced.failed
    assert forced['job']['uuid'] != first['job']['uuid']
    assert forced['job']['payload']['hostname'] == 'web02.example.com'
    assert forced.writes == [POST]
    assert forced.bodies == [
        {'operatingSystemId': 'UBUNTU_24_04_64BIT', 'powerCycle': True, 'hostname': 'web02.example.com'}
    ]


@pytest.mark.parametrize(
    'args',
    [
        dict(partitions=[{'mountpoint': '/', 'filesystem': 'ext4', 'size': '*'}]),
        dict(raid={'type': 'SW', 'level': 1}),
        dict(device='NVME'),
        dict(ai_frameworks=['PYTORCH']),
    ],
)
def test_each_option_set_differently_is_warned_about(modules, args):
    option = list(args)[0]
    run = modules.run('install', server_id=SERVER, operating_system_id=DELIVERED_OS, **args)
    assert not run.changed and not run.failed
    assert len(run.warnings) == 1
    assert 'installed with other %s than this task sets' % option in run.warnings[0]
    assert run.calls == [INSTALLS]


# -- a control panel, a running install --------------------------------------------------------


def test_a_control_panel_is_checked_and_compared_by_its_presence(modules):
    with_panel = modules.run(
        'install', server_id=SERVER, operating_system_id='UBUNTU_22_04_64BIT', control_panel_id='PLESK_12', wait=False
    )
    assert with_panel.changed and not with_panel.failed
    job = with_panel['job']
    assert job['status'] == 'ACTIVE'
    assert 'CONTROL_PANEL' in job['payload']['features_utilized']
    assert with_panel.calls == [
        INSTALLS,
        RUNNING,
        catalogue('UBUNTU_22_04_64BIT', 'PLESK_12'),
        'GET /operatingSystems/UBUNTU_22_04_64BIT/controlPanels?limit=50&offset=0',
        POST,
    ]
    assert with_panel.bodies == [
        {'operatingSystemId': 'UBUNTU_22_04_64BIT', 'powerCycle': True, 'controlPanelId': 'PLESK_12'}
    ]

    attached = modules.run(
        'install', server_id=SERVER, operating_system_id='UBUNTU_22_04_64BIT', control_panel_id='PLESK_12', diff=True
    )
    assert not attached.changed and not attached.failed
    assert attached['job']['uuid'] == job['uuid']
    assert attached['job']['status'] == 'FINISHED'
    assert attached['diff'] == {
        'before': view('UBUNTU_22_04_64BIT', True, job, 'ACTIVE'),
        'after': view('UBUNTU_22_04_64BIT', True, job, 'FINISHED'),
    }
    # the install jobs, then the wait: FINISHED at its first read (the job's second second)
    assert attached.calls == [INSTALLS, read_job(job['uuid'])]

    without_panel = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_22_04_64BIT', check_mode=True)
    assert without_panel.changed and not without_panel.failed
    assert 'diff' not in without_panel.result
    assert without_panel.calls == [INSTALLS, RUNNING, catalogue('UBUNTU_22_04_64BIT')]


def test_another_system_while_one_installs_fails_before_any_write(modules):
    hanging = start_install(modules, 'DEBIAN_12_64BIT', outcome='HANG')
    run = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT')
    assert run.failed and not run.changed
    assert run.msg == (
        'Server 12345 is being installed with DEBIAN_12_64BIT by install job %s (ACTIVE, 4 of 9 tasks finished (50%%)); '
        'this task wants UBUNTU_24_04_64BIT. Wait for that installation to end (leaseweb.dedicated.job with '
        'state=finished), or cancel it (state=canceled), then run this task again.' % hanging['uuid']
    )
    assert run['job']['uuid'] == hanging['uuid']
    assert run.calls == [INSTALLS]


def test_waiting_for_a_running_install_times_out_after_one_read(modules):
    hanging = start_install(modules, 'DEBIAN_12_64BIT', outcome='HANG')
    run = modules.run('install', server_id=SERVER, operating_system_id='DEBIAN_12_64BIT', wait_timeout=0)
    assert run.failed
    assert not run.changed
    assert run['timed_out'] is True
    assert run['job']['uuid'] == hanging['uuid']
    assert run['job']['status'] == 'ACTIVE'
    assert run['job']['progress']['total'] == 9
    assert run.msg == (
        'Timed out after 0s waiting for job %s on server 12345 (last seen: install job %s '
        '(ACTIVE, 4 of 9 tasks finished (50%%)))' % (hanging['uuid'], hanging['uuid'])
    )
    assert run.calls == [INSTALLS, read_job(hanging['uuid'])]


def test_a_job_of_another_type_keeps_the_server_busy(modules):
    modules.next_job(SERVER, outcome='HANG')
    status, scan = modules.api('POST', '/servers/12345/hardwareScan', {})
    assert status == 202
    run = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', check_mode=True)
    assert run.failed and not run.changed
    assert run.msg.startswith('Server 12345 is busy with hardwareScan job %s (ACTIVE, ' % scan['uuid'])
    assert 'so a new install job cannot start' in run.msg
    assert run.calls == [INSTALLS, RUNNING]


def test_a_failed_install_fails_at_once_and_the_rerun_installs(modules):
    modules.next_job(SERVER, outcome='FAILED', seconds=1.5)
    failed = modules.run('install', server_id=SERVER, operating_system_id='DEBIAN_12_64BIT')
    assert failed.failed and failed.changed
    assert failed['timed_out'] is False
    job = failed['job']
    assert job['status'] == 'FAILED'
    assert failed.msg == (
        'Job %s (install) on server 12345 ended FAILED: task Install the operating system FAILED: '
        'The task did not complete: the server did not answer in time.' % job['uuid']
    )
    # FAILED at the first read (after 5 of 9 tasks' time of 1.5 s): no read after it
    assert failed.calls == [INSTALLS, RUNNING, catalogue('DEBIAN_12_64BIT'), POST, read_job(job['uuid'])]

    again = modules.run('install', server_id=SERVER, operating_system_id='DEBIAN_12_64BIT', diff=True)
    assert again.changed and not again.failed
    assert again['job']['status'] == 'FINISHED'
    assert again['job']['payload']['operating_system_id'] == 'DEBIAN_12_64BIT'
    assert again['diff']['before'] == view('DEBIAN_12_64BIT', False, job, 'FAILED')
    assert again.writes == [POST]


def test_a_disk_set_of_the_server_is_a_device(modules):
    run = modules.run(
        'install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', device='SATA4TB', wait=False
    )
    assert run.changed and not run.failed
    assert run.calls == [INSTALLS, RUNNING, catalogue('UBUNTU_24_04_64BIT'), 'GET /servers/12345', POST]
    assert run.bodies == [{'operatingSystemId': 'UBUNTU_24_04_64BIT', 'powerCycle': True, 'device': 'SATA4TB'}]


# -- validation: locally, then against the catalogue ----------------------------------------

CHECKED = [INSTALLS, RUNNING]


@pytest.mark.parametrize(
    'args, message, calls',
    [
        (
            dict(operating_system_id='WINDOWS_95'),
            "operating_system_id: 'WINDOWS_95' is not an operating system of the API; leaseweb.dedicated.operating_system_info lists them",
            # a 404 for the entry may be the API refusing the empty controlPanelId: the list decides
            [catalogue('WINDOWS_95'), 'GET /operatingSystems?limit=50&offset=0'],
        ),
        (
            dict(control_panel_id='CPANEL_PREMIER_100'),
            "control_panel_id: 'CPANEL_PREMIER_100' is not available for UBUNTU_24_04_64BIT; it offers PLESK_DEDSER_WEB_ADMIN, "
            'PLESK_DEDSER_WEB_PRO, PLESK_DEDSER_WEB_HOST',
            [
                catalogue('UBUNTU_24_04_64BIT', 'CPANEL_PREMIER_100'),
                'GET /operatingSystems/UBUNTU_24_04_64BIT/controlPanels?limit=50&offset=0',
            ],
        ),
        (
            dict(partitions=[{'mountpoint': '/', 'filesystem': 'zfs', 'size': '*'}]),
            "partitions[0].filesystem: UBUNTU_24_04_64BIT does not support 'zfs'; it supports ext2, ext3, ext4, xfs, swap",
            [catalogue('UBUNTU_24_04_64BIT')],
        ),
        (
            dict(device='SSD999TB'),
            "device: 'SSD999TB' is neither a boot device UBUNTU_24_04_64BIT supports (SATA_SAS, NVME) nor a disk set of server 12345 (SATA4TB)",
            [catalogue('UBUNTU_24_04_64BIT'), 'GET /servers/12345'],
        ),
        (
            dict(operating_system_id='ESXI_7_0_64BIT', timezone='Europe/Amsterdam'),
            'timezone: ESXI_7_0_64BIT does not support it (it lacks the TIMEZONE feature; it has HOSTNAME, SSH_KEYS)',
            [catalogue('ESXI_7_0_64BIT')],
        ),
        (
            dict(operating_system_id='WINDOWS_SERVER_2022_STANDARD_64BIT', raid={'type': 'SW', 'level': 1}),
            'raid: WINDOWS_SERVER_2022_STANDARD_64BIT does not support software RAID (it lacks the SW_RAID feature)',
            [catalogue('WINDOWS_SERVER_2022_STANDARD_64BIT')],
        ),
    ],
)
@pytest.mark.parametrize('check_mode', [False, True])
def test_what_the_catalogue_refuses_fails_before_any_write(modules, args, message, calls, check_mode):
    args.setdefault('operating_system_id', 'UBUNTU_24_04_64BIT')
    run = modules.run('install', server_id=SERVER, check_mode=check_mode, **args)
    assert run.failed and not run.changed
    assert run.msg == message
    assert run.calls == CHECKED + calls


# -- two runs at once: another run's install lands between this run's reads and its POST -------


def install_jobs(modules):
    status, answer = modules.api('GET', '/servers/12345/jobs', query={'type': 'install'})
    assert status == 200
    return answer['jobs']


def test_an_install_another_run_started_meanwhile_is_attached_to_and_waited_for(modules):
    old = delivered(modules)
    modules.settings(job_seconds=4)
    other = []
    modules.meanwhile(POST, lambda: other.append(start_install(modules, 'UBUNTU_24_04_64BIT', powerCycle=True)))
    run = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT', diff=True)
    assert not run.failed and not run.changed
    (job,) = other
    assert run['job']['uuid'] == job['uuid']
    assert run['job']['status'] == 'FINISHED'
    assert run['diff'] == {
        'before': view(DELIVERED_OS, False, old, 'FINISHED'),
        'after': view('UBUNTU_24_04_64BIT', False, job, 'FINISHED'),
    }
    # the POST is refused (one job at a time), the running jobs are read again, the other run's
    # install is attached to and waited for: FINISHED at its second read
    assert run.calls == [
        INSTALLS,
        RUNNING,
        catalogue('UBUNTU_24_04_64BIT'),
        POST,
        RUNNING,
        read_job(job['uuid']),
        read_job(job['uuid']),
    ]
    assert [entry['status'] for entry in run.requests] == [200, 200, 200, 400, 200, 200, 200]
    # one installation was carried out: the other run's
    assert [j['uuid'] for j in install_jobs(modules)] == [job['uuid'], old['uuid']]


def test_an_install_of_another_system_started_meanwhile_fails_after_the_refusal(modules):
    other = []
    modules.meanwhile(POST, lambda: other.append(start_install(modules, 'DEBIAN_12_64BIT', outcome='HANG')))
    run = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT')
    assert run.failed and not run.changed
    (job,) = other
    assert run.msg.startswith(
        'Server 12345 is being installed with DEBIAN_12_64BIT by install job %s (ACTIVE, ' % job['uuid']
    )
    assert run['job']['uuid'] == job['uuid']
    assert run.calls == [INSTALLS, RUNNING, catalogue('UBUNTU_24_04_64BIT'), POST, RUNNING]
    assert run.requests[3]['status'] == 400


def test_a_job_of_another_type_started_meanwhile_keeps_the_refusal_and_names_the_job(modules):
    other = []

    def scan():
        modules.next_job(SERVER, outcome='HANG')
        other.append(modules.api('POST', '/servers/12345/hardwareScan', {})[1])

    modules.meanwhile(POST, scan)
    run = modules.run('install', server_id=SERVER, operating_system_id='UBUNTU_24_04_64BIT')
    assert run.failed and not run.changed
    assert run['status'] == 400
    assert run.msg.startswith(
        'POST /bareMetals/v2/servers/12345/install: HTTP 400: Server 12345 already has an active job '
    )
    assert '[read again after the refusal: the server runs hardwareScan job %s (ACTIVE, ' % other[0]['uuid'] in run.msg
    assert run.calls == [INSTALLS, RUNNING, catalogue('UBUNTU_24_04_64BIT'), POST, RUNNING]


# -- the reference's ambiguity: GET /operatingSystems/{id} with an empty controlPanelId -------

LISTED = 'GET /operatingSystems?limit=50&offset=0'


def refused_entry_warning(os_id, status):
    return (
        "The API did not give the catalogue entry of %s (GET /operatingSystems/%s with controlPanelId='' answered HTTP %s), "
        'though it lists that operating system. Installing without the checks that need the entry (the features the '
        'options need, partitions and file systems, the boot device); the API checks the installation when it '
        'receives it.' % (os_id, os_id, status)
    )


@pytest.mark.parametrize('status', [400, 404])
def test_an_api_that_refuses_an_empty_control_panel_id_still_gets_the_installation(modules, status):
    modules.settings(blank_control_panel_status=status)
    run = modules.run(
        'install',
        server_id=SERVER,
        operating_system_id='UBUNTU_24_04_64BIT',
        hostname='web01.example.com',
        device='NVME',
    )
    assert run.changed and not run.failed
    assert run.warnings == [refused_entry_warning('UBUNTU_24_04_64BIT', status)]
    job = run['job']
    assert job['status'] == 'FINISHED'
    assert job['payload']['operating_system_id'] == 'UBUNTU_24_04_64BIT'
    # the entry is refused, the list shows the system exists, the checks that need the entry
    # (the hostname feature, the boot device) are skipped, and what was asked is installed
    assert run.calls == [
        INSTALLS,
        RUNNING,
        catalogue('UBUNTU_24_04_64BIT'),
        LISTED,
        POST,
        read_job(job['uuid']),
        read_job(job['uuid']),
    ]
    assert run.requests[2]['status'] == status
    assert run.bodies == [
        {
            'operatingSystemId': 'UBUNTU_24_04_64BIT',
            'powerCycle': True,
            'hostname': 'web01.example.com',
            'device': 'NVME',
        }
    ]


@pytest.mark.parametrize('status', [400, 404])
def test_under_that_reading_check_mode_warns_the_same_and_writes_nothing(modules, status):
    modules.settings(blank_control_panel_status=status)
    run = modules.run('install', server_id=SERVER, operating_system_id='DEBIAN_12_64BIT', check_mode=True)
    assert run.changed and not run.failed
    assert run.warnings == [refused_entry_warning('DEBIAN_12_64BIT', status)]
    assert run.calls == [INSTALLS, RUNNING, catalogue('DEBIAN_12_64BIT'), LISTED]


def test_under_that_reading_an_unknown_system_still_fails_before_any_write(modules):
    modules.settings(blank_control_panel_status=400)
    run = modules.run('install', server_id=SERVER, operating_system_id='WINDOWS_95')
    assert run.failed and not run.changed
    assert run.msg == (
        "operating_system_id: 'WINDOWS_95' is not an operating system of the API; "
        'leaseweb.dedicated.operating_system_info lists them'
    )
    assert run.warnings == []
    assert run.calls == [INSTALLS, RUNNING, catalogue('WINDOWS_95'), LISTED]


def test_under_that_reading_what_the_module_could_not_check_is_refused_by_the_api(modules):
    modules.settings(blank_control_panel_status=404)
    run = modules.run('install', server_id=SERVER, operating_system_id='ESXI_7_0_64BIT', timezone='Europe/Amsterdam')
    assert run.failed and not run.changed
    assert run['status'] == 400
    assert run.msg.startswith('POST /bareMetals/v2/servers/12345/install: HTTP 400: ')
    assert run.warnings == [refused_entry_warning('ESXI_7_0_64BIT', 404)]
    assert run.calls == [INSTALLS, RUNNING, catalogue('ESXI_7_0_64BIT'), LISTED, POST, RUNNING]


def test_under_that_reading_a_control_panel_id_gets_the_entry_and_every_check(modules):
    modules.settings(blank_control_panel_status=400)
    run = modules.run(
        'install',
        server_id=SERVER,
        operating_system_id='UBUNTU_22_04_64BIT',
        control_panel_id='PLESK_12',
        partitions=[{'mountpoint': '/', 'filesystem': 'zfs', 'size': '*'}],
    )
    assert run.failed and not run.changed
    assert (
        run.msg
        == "partitions[0].filesystem: UBUNTU_22_04_64BIT does not support 'zfs'; it supports ext2, ext3, ext4, xfs, swap"
    )
    assert run.warnings == []
    assert run.calls == [
        INSTALLS,
        RUNNING,
        catalogue('UBUNTU_22_04_64BIT', 'PLESK_12'),
        'GET /operatingSystems/UBUNTU_22_04_64BIT/controlPanels?limit=50&offset=0',
    ]
