# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The workflows as users run them: ansible-playbook leaseweb.dedicated.NAME against the emulator.

Each playbook runs in check mode (it writes nothing), for real (it converges), and again (it
changes nothing and writes nothing), asserted on the requests the emulator answered. The
emulator's clock is in step mode, so that job, power and private network waits end after the
same reads on every run. SSH waits connect to a listener on 127.0.0.1 that the test starts.
The inventories and variables are in tests/integration/files/roles/.
"""

import base64
import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.integration.test_targets import run_playbook
from tests.utils.listener import SSH_BANNER, Listener
from tests.utils.sshd import SshServer, spy_on_ssh

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'files', 'roles')
API = '/bareMetals/v2'


@pytest.fixture
def ssh():
    listener = Listener(banner=SSH_BANNER)
    yield listener
    listener.close()


@pytest.fixture
def controller_tmp():
    """An empty folder for ansible-playbook's TMPDIR, with a short path of its own: ansible-core 2.21 binds a Unix
    socket in TMPDIR (its path at most 107 bytes), and pytest's tmp_path is as long as the clone's path makes it."""
    folder = tempfile.mkdtemp(prefix='ctl-', dir='/tmp')
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def step_emulator(emulator):
    """The emulator on the step clock (each request moves it a second); its reset brings the mode back."""
    emulator.clock(mode='step')
    emulator.clear()
    return emulator


def playbook(emulator, name, *args, **env):
    """ansible-playbook leaseweb.dedicated.NAME; the run and the requests the emulator answered during it."""
    result = run_playbook(emulator, 'leaseweb.dedicated.' + name, *args, LEASEWEB_API_KEY=emulator.api_key, **env)
    return result, emulator.take()


def writes(log):
    """(METHOD, path below /bareMetals/v2, status) of the requests that are not reads, in order."""
    return [(r['method'], r['path'][len(API) :], r['status']) for r in log if r['method'] != 'GET']


def paths(log, server_id):
    return [
        (r['method'], r['path'][len(API) :])
        for r in log
        if r['path'].startswith('%s/servers/%s/' % (API, server_id)) or r['path'] == '%s/servers/%s' % (API, server_id)
    ]


def recap(output, host):
    """The PLAY RECAP line of a host, as a dict of its counts."""
    for line in output.splitlines():
        if line.startswith(host + ' ') and ' : ok=' in line:
            return dict((key, int(value)) for key, value in (item.split('=') for item in line.split(':', 1)[1].split()))
    raise AssertionError('no recap for %s in:\n%s' % (host, output[-3000:]))


def first_boot(emulator, server, server_id, operation):
    """The webhook of the job's callback URL: when the job FINISHED, ``server`` boots with what the job request
    (POST /servers/ID/OPERATION) carried - the SSH keys authorized, the post-install script run - then sshd starts.
    (The emulator runs no script: this is the server's part.)"""

    def on_request(request):
        job = request['body'] or {}
        if job.get('serverId') != server_id or job.get('status') != 'FINISHED' or server.booted.is_set():
            return
        sent = [
            r['body']
            for r in emulator.requests()
            if r['method'] == 'POST' and r['path'] == '%s/servers/%s/%s' % (API, server_id, operation)
        ]
        server.boot(sent[-1].get('sshKeys') or '', base64.b64decode(sent[-1]['postInstallScript']).decode('utf-8'))

    return Listener(http=True, on_request=on_request)


def one_time_key(script):
    """The one-time public host key a post-install script of the roles writes, as "TYPE BASE64"."""
    (line,) = re.findall(r"^printf '%s\\n' '(ssh-ed25519 [^']+)'", script, re.M)
    return ' '.join(line.split()[:2])


def files_holding(folder, text):
    """The files below ``folder`` that hold ``text``."""
    found = []
    for top, _dirs, names in os.walk(str(folder)):
        for name in names:
            path = os.path.join(top, name)
            with open(path, 'rb') as handle:
                if text.encode('ascii') in handle.read():
                    found.append(os.path.relpath(path, str(folder)))
    return sorted(found)


def pin_variables(role, server, known_hosts, callback_url):
    """The variables that point ROLE's host key pinning at the test's sshd, logging in as the user running the tests."""
    return {
        role + '_pin_host_key': True,
        role + '_known_hosts': str(known_hosts),
        role + '_ssh_port': server.port,
        role + '_ssh_keys': [server.client_public_key],
        role + '_pin_user': server.user,
        role + '_pin_private_key_file': server.client_key,
        role + '_pin_host_key_file': server.host_key,
        role + '_pin_sshd_pid_file': server.pid_file,
        role + '_callback_url': callback_url,
    }


def pinned(server, job, callback_url, calls, known_hosts_after):
    """What a pinning run shows, whatever the role: the job carried the one-time key and the login key; two ssh
    connections, each checked strictly against one known_hosts file - first the one-time key alone, then
    ``known_hosts_after(made)``; sshd loaded the key made on the server. Returns (script, one-time key, key made)."""
    assert server.failure is None, server.failure
    assert job['sshKeys'] == server.client_public_key and job['callbackUrl'] == callback_url
    script = base64.b64decode(job['postInstallScript']).decode('utf-8')
    assert script.startswith('#!/bin/sh\n') and '-----BEGIN OPENSSH PRIVATE KEY-----' in script
    first, made = one_time_key(script), server.public_host_key()
    assert made.startswith('ssh-ed25519 ') and made != first
    name = '[127.0.0.1]:%d' % server.port
    assert [call['known_hosts'] for call in calls] == ['%s %s\n' % (name, first), known_hosts_after(made)]
    for call in calls:
        assert {
            'StrictHostKeyChecking=yes',
            'GlobalKnownHostsFile=/dev/null',
            'HostKeyAlgorithms=ssh-ed25519',
            'BatchMode=yes',
            'ControlPath=none',
        } <= set(call['argv'])
        assert call['argv'][-2:-1] == ['127.0.0.1']
    assert calls[1]['argv'][-1] == 'true'
    assert server.log.count('Received SIGHUP; restarting.') == 1  # the new key was loaded
    assert len([line for line in server.log if line.startswith('Accepted publickey for %s ' % server.user)]) == 2
    return script, first, made


def stored_password(emulator, server_id, cred_type, username):
    response = emulator.api('GET', '/servers/%s/credentials/%s/%s' % (server_id, cred_type, username))
    response.raise_for_status()
    return response.json()['password']


def test_configure_reports_the_drift_converges_and_changes_nothing_then(step_emulator, tmp_path):
    """playbooks/configure.yml over the SIN-01 servers of the inventory plugin, state in group_vars, host_vars, compose:
    the drift report in fleet mode and in per-host mode (the same), the run with the drift report files, the rerun."""
    emulator = step_emulator
    os_password = stored_password(emulator, '13058', 'OPERATING_SYSTEM', 'root')
    # the seeded weekly 1 Gbps setting of 13613 (ids are given as servers are first read)
    (seeded,) = emulator.api('GET', '/servers/13613/notificationSettings/bandwidth').json()[
        'bandwidthNotificationSettings'
    ]
    assert (seeded['frequency'], seeded['threshold'], seeded['unit']) == ('WEEKLY', '1', 'Gbps')
    emulator.clear()
    inventory = ('-i', os.path.join(FILES, 'configure', 'fleet.leaseweb.yml'))
    summary = [
        '"3 of 4 servers drifted (check mode: nothing was changed)"',
        '"in: reference (1), ips (1), interfaces (1), bandwidth_notifications (1), datatraffic_notifications (1), '
        'private_network (1), credentials (1)"',
        '"12345: ips, private_network"',
        '"13058: interfaces, credentials"',
        '"13613: reference, bandwidth_notifications, datatraffic_notifications"',
    ]

    check, log = playbook(emulator, 'configure', *inventory, '--check', '--diff', '-e', 'configure_batch=2')
    assert check.returncode == 0, check.stdout[-20000:]
    assert writes(log) == []
    # one fleet_config task a batch: one diff per drifted server, and the summary of the whole fleet after the last batch
    for line in (
        '--- before: server 13613',
        '-        "reference": "web-01"',
        '+        "reference": "web-02"',
        '-        "link_speed": 10000,',
        '+        "link_speed": 1000,',
        '-        "internal": "OPEN",',
        '+        "internal": "CLOSED",',
        '+            "reverse_lookup": "node01.example.com"',
        '+            "detection_profile": "ADVANCED_LOW_UDP",',
        '"password": "(hidden, set)"',
        '-            "id": "%s",' % seeded['id'],
    ):
        assert line in check.stdout, line
    assert ',\n        '.join(summary) in check.stdout, check.stdout[-3000:]
    assert check.stdout.count('PLAY [Configure Leaseweb dedicated servers]') == 2  # two batches of two
    assert check.stdout.count('TASK [Converge every server of the batch in one task]') == 2

    # per-host mode: the configure role on each host finds the same drift with the same reads
    per_host, per_host_log = playbook(emulator, 'configure', *inventory, '--check', '-e', 'configure_mode=host')
    assert per_host.returncode == 0, per_host.stdout[-20000:]
    assert writes(per_host_log) == []
    assert ',\n        '.join(summary) in per_host.stdout, per_host.stdout[-3000:]
    assert sorted(r['path'] for r in per_host_log) == sorted(r['path'] for r in log)

    report_json, report_csv = tmp_path / 'drift.json', tmp_path / 'drift.csv'
    real, log = playbook(
        emulator,
        'configure',
        *inventory,
        '--diff',
        '-e',
        'configure_report_json=%s' % report_json,
        '-e',
        'configure_report_csv=%s' % report_csv,
    )
    assert real.returncode == 0, real.stdout[-20000:]
    assert sorted(writes(log)) == sorted(
        [
            ('PUT', '/servers/12345/ips/192.0.2.10', 200),
            ('PUT', '/servers/12345/privateNetworks/892', 204),
            ('POST', '/servers/13058/networkInterfaces/internal/close', 204),
            ('POST', '/servers/13058/credentials', 200),
            ('PUT', '/servers/13613', 204),
            ('POST', '/servers/13613/notificationSettings/bandwidth', 201),
            ('DELETE', '/servers/13613/notificationSettings/bandwidth/' + seeded['id'], 204),
            ('POST', '/servers/13613/notificationSettings/datatraffic', 201),
        ]
    )
    assert '"3 of 4 servers had drifted and were changed"' in real.stdout
    # the private network change was waited for until CONFIGURED
    server = emulator.api('GET', '/servers/12345').json()
    assert [(n['id'], n['linkSpeed'], n['status']) for n in server['privateNetworks']] == [('892', 1000, 'CONFIGURED')]
    assert stored_password(emulator, '13058', 'DATABASE', 'app') == 'db-Pa55-c0nfigure-9f2e'
    assert stored_password(emulator, '13058', 'OPERATING_SYSTEM', 'root') == os_password  # update_password: on_create
    bandwidth = emulator.api('GET', '/servers/13613/notificationSettings/bandwidth').json()[
        'bandwidthNotificationSettings'
    ]
    assert [(s['frequency'], s['threshold'], s['unit']) for s in bandwidth] == [('DAILY', '500', 'Mbps')]
    # the drift report: a row per drifted server, as JSON and as CSV
    rows = json.loads(report_json.read_text())
    assert [(r['server_id'], r['host'], r['drifted'], r['failure']) for r in rows] == [
        ('12345', '12345', ['ips', 'private_network'], None),
        ('13058', '13058', ['interfaces', 'credentials'], None),
        ('13613', '13613', ['reference', 'bandwidth_notifications', 'datatraffic_notifications'], None),
    ]
    assert rows[2]['before']['reference'] == {'reference': 'web-01'} and rows[2]['after']['reference'] == {
        'reference': 'web-02'
    }
    table = list(csv.reader(io.StringIO(report_csv.read_text())))
    assert table[0] == ['server_id', 'host', 'drifted', 'before', 'after', 'failure']
    assert [row[:3] for row in table[1:]] == [[r['server_id'], r['host'], ' '.join(r['drifted'])] for r in rows]
    assert json.loads(table[1][4]) == rows[0]['after']

    again, log = playbook(emulator, 'configure', *inventory)
    assert again.returncode == 0, again.stdout[-20000:]
    assert writes(log) == []
    assert '"0 of 4 servers drifted",\n        "nothing to change"' in again.stdout
    # the run_once tasks run on the first host only: whatever hosts the recap lists, none changed
    assert ' changed=0 ' in again.stdout and ' changed=1' not in again.stdout

    for output in (check.stdout, per_host.stdout, real.stdout, again.stdout):
        assert 'db-Pa55-c0nfigure-9f2e' not in output and 'never-0verwritten-b7c1' not in output


def test_rescue_boots_into_rescue_and_back_then_changes_nothing(step_emulator, ssh, tmp_path):
    """playbooks/rescue.yml on two inventory hosts: web-02 into rescue (with SSH), vpn-02 back out of it."""
    emulator = step_emulator
    emulator.settings(power_seconds=2)  # a power cycle shows off, then on two requests later
    # vpn-02 (13346) runs its rescue system: a rescue mode job that finished, its login stored
    assert (
        emulator.api(
            'POST', '/servers/13346/rescueMode', json={'rescueImageId': 'GRML', 'powerCycle': True}
        ).status_code
        == 202
    )
    emulator.clock(advance=10)
    assert emulator.api('GET', '/servers/13346/credentials/RESCUE_MODE').json()['credentials']
    emulator.clear()
    logins = tmp_path / 'logins'
    logins.mkdir()
    args = (
        '-i',
        os.path.join(FILES, 'rescue', 'hosts.yml'),
        '-e',
        'target=rescue_these',
        '-e',
        'rescue_ssh_port=%d' % ssh.port,
        '-e',
        'rescue_login_dir=%s' % logins,
        '-e',
        'rescue_power_poll=0',
    )

    # (in check mode with the host key pinned too: the checks it needs pass, and nothing is made, written or connected)
    pinned = {
        'rescue_pin_host_key': True,
        'rescue_known_hosts': str(logins / 'known_hosts'),
        'rescue_ssh_keys': ['ssh-ed25519 AAAAC3Nza... ops'],
    }
    check, log = playbook(emulator, 'rescue', *args, '--check', '--diff', '-e', json.dumps(pinned))
    assert check.returncode == 0, check.stdout[-20000:]
    assert writes(log) == []
    assert '+    "state": "restarted"' in check.stdout  # vpn-02 would be cycled back
    assert recap(check.stdout, 'web-02')['changed'] == 1 and recap(check.stdout, 'vpn-02')['changed'] == 2
    assert ssh.connections == 0 and list(logins.iterdir()) == []

    # one server at a time (--forks 1), so that no request of one moves the clock during the other's wait
    real, log = playbook(emulator, 'rescue', *args, '-v', '--forks', '1')
    assert real.returncode == 0, real.stdout[-20000:]
    assert sorted(writes(log)) == sorted(
        [
            ('POST', '/servers/13236/rescueMode', 202),
            ('POST', '/servers/13346/powerCycle', 204),
            ('DELETE', '/servers/13346/credentials/RESCUE_MODE/root', 204),
        ]
    )
    web = paths(log, '13236')
    # launched without waiting in the module, then the job waited for until it FINISHED, then the login read
    launch = web.index(('POST', '/servers/13236/rescueMode'))
    job = emulator.api('GET', '/servers/13236/jobs').json()['jobs'][0]
    assert (job['type'], job['status']) == ('rescueMode', 'FINISHED')
    assert web[launch + 1 :] == [('GET', '/servers/13236/jobs/' + job['uuid'])] * 2 + [
        ('GET', '/servers/13236/credentials/RESCUE_MODE/root')
    ]
    # vpn-02 was waited for until on again, then its void login removed
    vpn = paths(log, '13346')
    cycle = vpn.index(('POST', '/servers/13346/powerCycle'))
    assert vpn[cycle + 1 :] == [('GET', '/servers/13346/powerInfo')] * 2 + [
        ('GET', '/servers/13346/credentials/RESCUE_MODE/root'),
        ('DELETE', '/servers/13346/credentials/RESCUE_MODE/root'),
    ]
    assert emulator.api('GET', '/servers/13346/powerInfo').json() == {'ipmi': {'status': 'on'}, 'pdu': {'status': 'on'}}
    assert emulator.api('GET', '/servers/13346/credentials/RESCUE_MODE').json()['credentials'] == []
    # the login: a fact handed to the playbook, written where asked, never printed
    password = stored_password(emulator, '13236', 'RESCUE_MODE', 'root')
    login_file = logins / 'web-02.json'
    assert json.loads(login_file.read_text()) == {
        'server_id': '13236',
        'host': '127.0.0.1',
        'port': ssh.port,
        'username': 'root',
        'password': password,
    }
    assert stat.S_IMODE(os.stat(login_file).st_mode) == 0o600
    assert password not in real.stdout
    assert (
        'Server 13236 runs the rescue system: ssh -p %d root@127.0.0.1; password: in %s.' % (ssh.port, login_file)
        in real.stdout
    )
    # the job's progress was shown as it was waited for
    assert '"msg": "rescueMode %s: 100%% FINISHED, ' % job['uuid'] in real.stdout
    assert ssh.connections == 1  # web-02 waited for SSH; vpn-02 was not asked to

    again, log = playbook(emulator, 'rescue', *args, '-v')
    assert again.returncode == 0, again.stdout[-20000:]
    assert writes(log) == []
    assert [recap(again.stdout, host)['changed'] for host in ('web-02', 'vpn-02')] == [0, 0]
    # web-02 is left in its rescue system, its login handed back again
    assert json.loads(login_file.read_text())['password'] == password and password not in again.stdout
    assert ssh.connections == 2


def test_rescue_pins_the_host_key_made_by_the_rescue_system_over_a_first_contact_checked_against_a_one_time_key(
    step_emulator, tmp_path, controller_tmp
):
    """rescue_pin_host_key on web-02: as the provision role's pinning, with the rescue mode job and a known_hosts file
    of its own (the rescue system answers at the installed system's address); the script given runs after the one
    that installs the key; the login tells where the key is pinned."""
    emulator = step_emulator
    server = SshServer(tmp_path / 'server')
    webhook = first_boot(emulator, server, '13236', 'rescueMode')
    spy, ssh_calls = spy_on_ssh(tmp_path / 'spy')
    logins = tmp_path / 'logins'
    logins.mkdir()
    known_hosts = logins / 'rescue_known_hosts'
    marker = server.folder + '/ran'
    pin = pin_variables('rescue', server, known_hosts, webhook.url + '/rescue')
    pin.update(
        rescue_post_install_script='#!/bin/sh\necho "$0 ran after the key was installed" > %s\n' % marker,
        rescue_login_dir=str(logins),
    )
    try:
        real, log = playbook(
            emulator,
            'rescue',
            '-i',
            os.path.join(FILES, 'rescue', 'hosts.yml'),
            '-e',
            'target=web-02',
            '-e',
            json.dumps(pin),
            PATH=spy + os.pathsep + os.environ['PATH'],
            TMPDIR=str(controller_tmp),
        )
    finally:
        webhook.close()
        server.stop()
    assert real.returncode == 0, real.stdout[-20000:]
    (launch,) = [r['body'] for r in log if r['method'] == 'POST']
    name = '[127.0.0.1]:%d' % server.port
    script, first, made = pinned(
        server, launch, webhook.url + '/rescue', ssh_calls(), lambda made: '%s %s\n' % (name, made)
    )
    assert open(marker).read().endswith(' ran after the key was installed\n')
    # the login tells where the key is pinned, and so does the playbook
    login = json.loads((logins / 'web-02.json').read_text())
    assert login['known_hosts_file'] == str(known_hosts) and login['port'] == server.port
    assert (
        'Server 13236 runs the rescue system: ssh -o UserKnownHostsFile=%s -p %d root@127.0.0.1'
        % (known_hosts, server.port)
        in real.stdout
    )
    # the one-time key is pinned nowhere
    assert files_holding(tmp_path, first.split()[1]) == ['spy/calls.jsonl']
    assert list(controller_tmp.iterdir()) == []
    assert 'PRIVATE KEY' not in real.stdout and login['password'] not in real.stdout


def test_provision_installs_stores_and_waits_for_ssh_then_changes_nothing(step_emulator, ssh, tmp_path, controller_tmp):
    """playbooks/provision.yml on an inventory host: the role's new steps, the wait for SSH on ansible_host."""
    emulator = step_emulator
    args = (
        '-i',
        os.path.join(FILES, 'provision', 'hosts.yml'),
        '-e',
        'target=leaseweb',
        '-e',
        'provision_ssh_port=%d' % ssh.port,
    )

    # (in check mode with the host key pinned too: the checks it needs pass, and nothing is made, written or connected)
    check, log = playbook(
        emulator,
        'provision',
        *args,
        '--check',
        '--diff',
        '-e',
        'provision_pin_host_key=true',
        '-e',
        'provision_known_hosts=%s' % (tmp_path / 'known_hosts'),
        TMPDIR=str(controller_tmp),
    )
    assert check.returncode == 0, check.stdout[-20000:]
    assert writes(log) == []
    # the reference, the installation, and every other step in one server_config task
    assert recap(check.stdout, 'app-01')['changed'] == 3 and ssh.connections == 0
    assert list(tmp_path.iterdir()) == [] and list(controller_tmp.iterdir()) == []

    # an installation of 9 minutes, each request a minute: the role waits for it a second at a time, and shows
    # its progress after each step
    emulator.settings(job_seconds=540)
    emulator.clock(step=60)
    real, log = playbook(emulator, 'provision', *args, '-e', 'provision_progress_interval=1')
    assert real.returncode == 0, real.stdout[-20000:]
    job = emulator.api('GET', '/servers/13509/jobs').json()['jobs'][0]
    progress = re.findall(r'"msg": "install %s: +(\d+)%% (\w+), (\d) of 9 tasks done' % job['uuid'], real.stdout)
    assert len(progress) >= 3 and progress[-1] == ('100', 'FINISHED', '9'), real.stdout[-5000:]
    assert [int(done) for _percent, _status, done in progress] == sorted(int(done) for _p, _s, done in progress)
    assert ', now: ' in real.stdout
    assert writes(log) == [
        ('PUT', '/servers/13509', 204),
        ('POST', '/servers/13509/install', 202),
        # then server_config, in the order of its areas
        ('PUT', '/servers/13509/notificationSettings/ddos', 204),
        ('POST', '/servers/13509/notificationSettings/bandwidth', 201),
        ('POST', '/servers/13509/notificationSettings/datatraffic', 201),
        ('POST', '/servers/13509/credentials', 200),
    ]
    jobs = emulator.api('GET', '/servers/13509/jobs').json()['jobs']
    assert (jobs[0]['payload']['operatingSystemId'], jobs[0]['status']) == ('DEBIAN_12_64BIT', 'FINISHED')
    assert stored_password(emulator, '13509', 'DATABASE', 'app') == 'pr0vision-Db-5ecret-41aa'
    assert emulator.api('GET', '/servers/13509/notificationSettings/ddos').json() == {
        'nulling': 'ENABLED',
        'scrubbing': 'ENABLED',
    }
    assert ssh.connections == 1

    again, log = playbook(emulator, 'provision', *args)
    assert again.returncode == 0, again.stdout[-20000:]
    assert writes(log) == []
    assert recap(again.stdout, 'app-01')['changed'] == 0 and ssh.connections == 2
    for output in (check.stdout, real.stdout, again.stdout):
        assert 'pr0vision-Db-5ecret-41aa' not in output


def test_provision_pins_the_host_key_made_on_the_server_over_a_first_contact_checked_against_a_one_time_key(
    step_emulator, tmp_path, controller_tmp
):
    """provision_pin_host_key on app-01: the install job carries a one-time host key; the first SSH connection is
    checked strictly against it alone, and has the server make a key of its own; that key replaces what the
    known_hosts file knew of the server, and the second connection is checked against it. The one-time key is
    pinned nowhere afterwards, on the controller or the server. The server is a real sshd (tests/utils/sshd.py)."""
    emulator = step_emulator
    server = SshServer(tmp_path / 'server')
    webhook = first_boot(emulator, server, '13509', 'install')
    spy, ssh_calls = spy_on_ssh(tmp_path / 'spy')
    known_hosts = tmp_path / 'ssh' / 'known_hosts'
    known_hosts.parent.mkdir()
    name = '[127.0.0.1]:%d' % server.port
    # what the file knew: the keys of the server before its installation, and another host
    old = []
    for kind in ('ed25519', 'ecdsa'):
        subprocess.run(['ssh-keygen', '-q', '-t', kind, '-N', '', '-f', str(tmp_path / kind)], check=True)
        old.append('%s %s' % (name, ' '.join((tmp_path / (kind + '.pub')).read_text().split()[:2])))
    other = 'other.example.com ' + server.client_public_key.rsplit(' ', 1)[0]
    known_hosts.write_text('\n'.join([old[0], other, old[1]]) + '\n')
    pin = pin_variables('provision', server, known_hosts, webhook.url + '/install')
    try:
        real, log = playbook(
            emulator,
            'provision',
            '-i',
            os.path.join(FILES, 'provision', 'hosts.yml'),
            '-e',
            'target=leaseweb',
            '-e',
            json.dumps(pin),
            '-vvv',
            PATH=spy + os.pathsep + os.environ['PATH'],
            TMPDIR=str(controller_tmp),
        )
    finally:
        webhook.close()
        server.stop()
    assert real.returncode == 0, real.stdout[-20000:]
    (install,) = [r['body'] for r in log if (r['method'], r['path']) == ('POST', API + '/servers/13509/install')]
    # the second connection is checked against the file of provision_known_hosts, where the key made on the server
    # replaced the server's old keys
    script, first, made = pinned(
        server, install, webhook.url + '/install', ssh_calls(), lambda made: '%s\n%s %s\n' % (other, name, made)
    )
    assert '"provision_pinned_host_key": "%s"' % made in real.stdout  # the fact handed back (shown at -vvv)

    # the one-time key is pinned nowhere: not in the known_hosts file (nor its .old copy), not on the controller
    # (the role's temporary directory is gone), not on the server; its private half never was in the output
    assert files_holding(tmp_path, first.split()[1]) == ['spy/calls.jsonl']
    assert list(controller_tmp.iterdir()) == []
    private = script.split('-----BEGIN OPENSSH PRIVATE KEY-----\n')[1].split('-----END')[0].split()
    assert private and not [line for line in private if line in real.stdout]  # at -vvv
    # (ssh-keygen -R kept the file as it was, with the server's old keys)
    assert (known_hosts.parent / 'known_hosts.old').read_text() == '\n'.join([old[0], other, old[1]]) + '\n'


def test_power_cycle_plans_rolls_batch_by_batch_leaves_off_servers_off_and_stops_at_the_first_failed_batch(
    step_emulator, ssh
):
    """playbooks/power_cycle.yml: the plan, check mode, a rolling cycle in two batches, a run that stops at a failure.

    vpn-02 is off: by default it is left off (said in the plan and the summary), with
    power_cycle_powered_off=on it would be powered on. Each wait for a server to be on again is
    a read at a time, each shown.
    """
    emulator = step_emulator
    emulator.settings(power_seconds=2)
    assert emulator.api('POST', '/servers/13842/powerOff').status_code == 204
    emulator.clock(advance=3)
    emulator.clear()
    inventory = ('-i', os.path.join(FILES, 'power_cycle', 'hosts.yml'), '-e', 'power_cycle_poll=0')

    check, log = playbook(
        emulator,
        'power_cycle',
        *inventory,
        '-e',
        'target=cycle',
        '--check',
        '--diff',
        '-e',
        'power_cycle_powered_off=on',
    )
    assert check.returncode == 0, check.stdout[-20000:]
    assert writes(log) == []
    assert [recap(check.stdout, host)['changed'] for host in ('vpn-01', 'vpn-02', 'db-01')] == [1, 1, 1]
    assert 'Pausing' not in check.stdout
    plan = [
        '"Power cycle 3 servers of cycle, 1 at a time: 3 batches, a pause of 60 s between two; the run stops after a '
        'batch in which a server failed."',
        '"It takes at least 120 s (the pauses), plus the time each server takes to be on again; at most 1020 s (about 17 min)."',
        '"batch 1: vpn-01 (12573)"',
        '"batch 2: vpn-02 (13842)"',
        '"batch 3: db-01 (14406)"',
        '"Off now: vpn-02; powered on when their turn comes (power_cycle_powered_off=on)."',
        '"Check mode: nothing is changed, nothing is waited for."',
    ]
    assert ',\n        '.join(plan) in check.stdout, check.stdout[-5000:]
    assert (
        '"Power cycle of cycle: 3 servers: 2 would be cycled, 1 would be powered on (it was off).",\n'
        '        "vpn-02 (13842): would be powered on (it was off)"'
    ) in check.stdout

    # one server at a time within a batch (--forks 1): no request of one moves the clock during the other's wait
    real, log = playbook(
        emulator,
        'power_cycle',
        *inventory,
        '-e',
        'target=cycle',
        '-e',
        'power_cycle_batch=2',
        '--forks',
        '1',
        '-e',
        'power_cycle_pause=1',
        '-e',
        'power_cycle_wait_for_ssh=true',
        '-e',
        'power_cycle_ssh_port=%d' % ssh.port,
    )
    assert real.returncode == 0, real.stdout[-20000:]
    # the server that was off is left off
    assert sorted(writes(log)) == [
        ('POST', '/servers/%s/powerCycle' % server_id, 204) for server_id in ('12573', '14406')
    ]
    assert emulator.api('GET', '/servers/13842/powerInfo').json() == {
        'ipmi': {'status': 'off'},
        'pdu': {'status': 'off'},
    }
    assert '"batch 1: vpn-01 (12573), vpn-02 (13842)"' in real.stdout
    assert (
        '"Off now: vpn-02; left off when their turn comes (-e power_cycle_powered_off=on powers them on)."'
        in real.stdout
    )
    # each server was read after its cycle until it was on again, a read at a time, each shown
    for server_id in ('12573', '14406'):
        requests = paths(log, server_id)
        cycle = requests.index(('POST', '/servers/%s/powerCycle' % server_id))
        assert requests[cycle + 1 :] and set(requests[cycle + 1 :]) == {('GET', '/servers/%s/powerInfo' % server_id)}
    assert (
        'FAILED - RETRYING: [db-01 -> localhost]: Wait until the server is on again, reading its power state'
        in real.stdout
    )
    # the second batch started after the first one was on again, and after the pause
    first_batch_done = max(
        i for i, r in enumerate(log) if r['path'].startswith((API + '/servers/12573/', API + '/servers/13842/'))
    )
    assert log.index(next(r for r in log if r['method'] == 'POST' and '/14406/' in r['path'])) > first_batch_done
    assert real.stdout.count('Pausing for 1 seconds') == 1
    assert (
        '"Power cycle of cycle: 3 servers: 2 cycled, 1 left off (it was off).",\n'
        '        "vpn-02 (13842): left off (it was off)"'
    ) in real.stdout
    assert ssh.connections == 2

    failed, log = playbook(
        emulator, 'power_cycle', *inventory, '-e', 'target=cycle_until_failure', '-e', 'power_cycle_pause=0'
    )
    assert failed.returncode == 2, failed.stdout[-20000:]
    assert writes(log) == [('POST', '/servers/12573/powerCycle', 204), ('POST', '/servers/16185/powerCycle', 400)]
    assert 'Power management is not available for server 16185' in failed.stdout
    # the batch after the failed one was left alone: db-01 was only read, for the plan
    assert paths(log, '14406') == [('GET', '/servers/14406/powerInfo')]
    assert recap(failed.stdout, 'vpn-01')['changed'] == 1 and recap(failed.stdout, 'db-03')['failed'] == 1
    assert (
        '"Power cycle of cycle_until_failure: 3 servers: 1 cycled, 1 failed, 1 not reached; the run stops here, the '
        'next batches are left alone.",\n        "db-03 (16185): failed: POST /bareMetals/v2/servers/16185/powerCycle: '
        'HTTP 400: Power management is not available for server 16185.'
    ) in failed.stdout
    assert '"db-01 (14406): not reached"' in failed.stdout


def test_the_roles_on_plain_server_ids_and_their_bad_arguments(step_emulator):
    """The roles on localhost with server ids, and arguments refused before any request (asserted in the playbook)."""
    emulator = step_emulator
    result = run_playbook(emulator, os.path.join(FILES, 'plain_ids.yml'), LEASEWEB_API_KEY=emulator.api_key)
    assert result.returncode == 0, result.stdout[-20000:]
    assert recap(result.stdout, 'localhost')['failed'] == 0
    assert stored_password(emulator, '12573', 'RESCUE_MODE', 'root') not in result.stdout
