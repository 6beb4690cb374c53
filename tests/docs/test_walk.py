# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A new user's walk, in a clean HOME, against the emulator: README -> install -> inventory ->
configure (check, real, rerun) -> report -> rescue (and back) -> power_cycle. (The CI example's jobs
run end to end in tests/artifact/test_ci_pipeline.py, against the installed tarball.)

Each step is the command a user types after reading the docs, and is judged by what the emulator
answered (tests/docs/conftest.py starts it from the installed collection, its default fleet):
check mode and reruns send no write, real runs send the writes they announce, files land where
asked. The rescue step runs the commands of the rescue role's README as written (the docs test
leaves that block to the walk).
The configure part runs the configure playbook as the README shows it (fleet mode, its default).
"""

import csv
import json
import os
import shutil
import stat
import subprocess

import yaml

from tests.conftest import REPO_ROOT
from tests.docs.conftest import COLLECTION
from tests.docs.test_doc_blocks import blocks_of

API = '/bareMetals/v2'


def flat(text):
    return ' '.join(text.split())


def writes(log):
    return [(r['method'], r['path'][len(API) :]) for r in log if r['method'] != 'GET']


class User:
    """A shell in the user's project directory: run a command, get its output and the requests it sent."""

    def __init__(self, env, emulator, cwd):
        self.env, self.emulator, self.cwd = env, emulator, str(cwd)

    def run(self, command, cwd=None, **extra):
        self.emulator.clear()
        result = subprocess.run(
            ['bash', '-e', '-o', 'pipefail', '-c', command],
            cwd=cwd or self.cwd,
            env=dict(self.env, **extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, '%s\n%s' % (command, result.stdout[-8000:])
        return result.stdout, self.emulator.take()

    def write(self, name, data):
        path = os.path.join(self.cwd, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as handle:
            handle.write(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))


def test_a_new_user_walks_from_the_readme_to_a_rolling_power_cycle(tmp_path, user_env, emulator):
    home = tmp_path / 'home'
    home.mkdir()
    project = tmp_path / 'project'
    project.mkdir()
    user = User(dict(user_env, HOME=str(home)), emulator, project)

    # README -> install, from the clone, with the command README gives (ansible-core: this virtualenv)
    (install,) = [b for b in blocks_of('README.md') if b.mode == 'clone']
    assert install.text.strip() == 'make install'
    output, _log = user.run(install.text, cwd=REPO_ROOT)
    assert 'leaseweb.dedicated:' in output and os.path.isfile(os.path.join(str(home), COLLECTION, 'MANIFEST.json'))

    # the inventory: the smallest file README describes
    user.write('prod.leaseweb.yml', 'plugin: leaseweb.dedicated.servers\n')
    output, log = user.run('ansible-inventory -i prod.leaseweb.yml --graph')
    assert '@leaseweb_sfo_12:' in output and '|--db-01' in output and output.count('|--') >= 20
    assert writes(log) == [] and log

    # configure: the desired state of the SFO-12 servers in group_vars and host_vars; check, converge, rerun
    user.write(
        'group_vars/leaseweb_sfo_12.yml',
        {
            'configure_ddos_scrubbing': True,
            'configure_datatraffic_notifications': [{'frequency': 'MONTHLY', 'threshold': 10, 'unit': 'TB'}],
        },
    )
    user.write('host_vars/storage-02.yml', {'configure_reference': 'storage-02-sfo'})
    configure = 'ansible-playbook -i prod.leaseweb.yml leaseweb.dedicated.configure -e target=leaseweb_sfo_12'
    output, log = user.run(configure + ' --check --diff')
    assert writes(log) == []
    assert '"2 of 2 servers drifted (check mode: nothing was changed)"' in output, output[-3000:]
    output, log = user.run(configure)
    assert '"2 of 2 servers had drifted and were changed"' in output
    assert sorted(writes(log)) == [
        ('POST', '/servers/14681/notificationSettings/datatraffic'),
        ('POST', '/servers/14742/notificationSettings/datatraffic'),
        ('PUT', '/servers/14681'),
        ('PUT', '/servers/14681/notificationSettings/ddos'),
        ('PUT', '/servers/14742/notificationSettings/ddos'),
    ]
    # the reference renamed the host (the inventory names hosts by reference): its host_vars follow its new name
    shutil.move(
        os.path.join(str(project), 'host_vars', 'storage-02.yml'),
        os.path.join(str(project), 'host_vars', 'storage-02-sfo.yml'),
    )
    output, log = user.run(configure)
    assert writes(log) == [] and '"0 of 2 servers drifted"' in output

    # the report of the whole account, as a table, CSV and JSON, reading only
    output, log = user.run(
        'ansible-playbook leaseweb.dedicated.report -e report_csv=fleet.csv -e report_json=fleet.json'
    )
    assert writes(log) == []
    assert '"20 servers; 19 on, 1 off; 0 running a job; 0 null routed"' in output
    rows = list(csv.DictReader(open(str(project / 'fleet.csv'), newline='')))
    by_id = dict((row['id'], row) for row in rows)
    assert len(by_id) == 20 and (by_id['14681']['reference'], by_id['14681']['power']) == ('storage-02-sfo', 'off')
    assert len(json.load(open(str(project / 'fleet.json')))['servers']) == 20

    # rescue db-01 and bring it back, with the commands of the rescue role's README, as written (that
    # block is marked for this test; the docs test leaves it to the walk), a command at a time
    (rescue,) = [b for b in blocks_of('roles/rescue/README.md') if b.kind == 'shell']
    assert rescue.mode == 'skip' and 'test_walk.py' in rescue.reason
    mkdir, boot, back = rescue.text.strip().split('\n')
    assert 'target=db-01' in boot and 'rescue_state=absent' in back and 'rescue_login_dir=~/rescue' in back
    output, log = user.run(mkdir + ' && ' + boot)
    assert writes(log) == [('POST', '/servers/16201/rescueMode')]
    login = home / 'rescue' / 'db-01.json'
    assert stat.S_IMODE(os.stat(str(login)).st_mode) == 0o600
    password = json.loads(login.read_text())['password']
    assert password and password not in output
    assert 'Server 16201 runs the rescue system: ssh -p 22 root@95.211.0.49; password: in %s.' % login in flat(output)
    output, log = user.run(back)
    assert writes(log) == [
        ('POST', '/servers/16201/powerCycle'),
        ('DELETE', '/servers/16201/credentials/RESCUE_MODE/root'),
    ]
    assert not login.exists()

    # a rolling power cycle of SFO-12: the plan, the server that is off left off, the summary
    output, log = user.run(
        'ansible-playbook -i prod.leaseweb.yml leaseweb.dedicated.power_cycle -e target=leaseweb_sfo_12 '
        '-e power_cycle_pause=1'
    )
    assert writes(log) == [('POST', '/servers/14742/powerCycle')]
    assert (
        '"Power cycle 2 servers of leaseweb_sfo_12, 1 at a time: 2 batches, a pause of 1 s between two; the run stops '
        'after a batch in which a server failed."'
    ) in output
    assert (
        '"Off now: storage-02-sfo; left off when their turn comes (-e power_cycle_powered_off=on powers them on)."'
        in output
    )
    assert '"Power cycle of leaseweb_sfo_12: 2 servers: 1 left off (it was off), 1 cycled."' in output
