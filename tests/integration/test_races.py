# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two ansible-playbook runs at once against the same servers, as two CI pipelines would.

Both sides run tests/integration/faults/race.yml, started together, and meet before each
action (a named pipe, lookup 'barrier'), so that both start it within milliseconds: an
install, a rescue mode, a null route, a credential, a notification setting, each on its own
server, with 150 ms of latency on every request. Whichever side wins, exactly one action of
each kind must be carried out by the API, and both runs must succeed: the other side attaches
to the job the first one started, or finds the state as it wants (its write refused, or not
needed at its read), and reports no change of its own.

The emulator's clock stands still (manual), so the jobs stay ACTIVE whatever the timing: the
outcome does not depend on how fast the machine is, only which side wins does.
"""

import json
import os
import subprocess

from tests.conftest import REPO_ROOT
from tests.integration.test_targets import ansible_command, ansible_env

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'faults')
PLUGINS = os.path.join(HERE, 'plugins')
ACTIONS = ('install', 'rescue_mode', 'null_route', 'credential', 'notification_setting')


def race_servers(emulator):
    servers = emulator.api('GET', '/servers', params={'limit': 30}).json()['servers']
    chosen = dict(
        install=servers[16],
        rescue_mode=servers[17],
        null_route=servers[18],
        credential=servers[21],
        notification_setting=servers[22],
    )
    ids = dict((action, server['id']) for action, server in chosen.items())
    ids['null_route_ip'] = chosen['null_route']['networkInterfaces']['public']['ip'].split('/')[0]
    return ids


def start_side(emulator, side, servers, tmp_path):
    record = tmp_path / ('record-%s.jsonl' % side)
    env = ansible_env(
        emulator,
        ANSIBLE_CALLBACK_PLUGINS=os.path.join(PLUGINS, 'callback'),
        ANSIBLE_CALLBACKS_ENABLED='task_record',
        ANSIBLE_LOOKUP_PLUGINS=os.path.join(PLUGINS, 'lookup'),
        RACE_SIDE=side,
        RACE_BARRIER_DIR=str(tmp_path),
        TASK_RECORD=str(record),
    )
    command = [
        ansible_command('ansible-playbook'),
        os.path.join(HERE, 'race.yml'),
        '-e',
        'emulator_api_key=%s' % emulator.api_key,
        '-e',
        json.dumps(dict(race_servers=servers)),
    ]
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return process, record


def action_results(record):
    """The result of each action task of one side, by action."""
    results = {}
    for line in record.read_text().splitlines():
        entry = json.loads(line)
        name = entry['action'].rsplit('.', 1)[-1]
        if name in ACTIONS:
            results[name] = entry
    return results


def test_two_runs_at_once_carry_out_each_action_once_and_both_succeed(emulator, tmp_path):
    servers = race_servers(emulator)
    emulator.clock(mode='manual')
    emulator.settings(latency_ms=150)
    emulator.clear()

    sides = dict((side, start_side(emulator, side, servers, tmp_path)) for side in ('a', 'b'))
    outputs = dict((side, process.communicate(timeout=300)[0]) for side, (process, _record) in sides.items())
    log = emulator.take()

    for side, (process, _record) in sides.items():
        assert process.returncode == 0, 'side %s failed:\n%s' % (side, outputs[side][-8000:])
    results = dict((side, action_results(record)) for side, (_process, record) in sides.items())
    assert all(sorted(results[side]) == sorted(ACTIONS) for side in results)

    posts = [entry for entry in log if entry['method'] == 'POST']
    paths = dict(
        install='/bareMetals/v2/servers/%s/install' % servers['install'],
        rescue_mode='/bareMetals/v2/servers/%s/rescueMode' % servers['rescue_mode'],
        null_route='/bareMetals/v2/servers/%s/ips/%s/null' % (servers['null_route'], servers['null_route_ip']),
        credential='/bareMetals/v2/servers/%s/credentials' % servers['credential'],
        notification_setting='/bareMetals/v2/servers/%s/notificationSettings/bandwidth'
        % servers['notification_setting'],
    )
    refused_at_write = 0
    print('\nrace pairs (150 ms latency): action, POSTs sent, carried out, refused, winner')
    for action in ACTIONS:
        sent = [entry for entry in posts if entry['path'] == paths[action]]
        accepted = [entry for entry in sent if entry['status'] < 400]
        refused = [entry for entry in sent if entry['status'] >= 400]
        changed = [side for side in results if results[side][action]['status'] == 'changed']
        print('  %-21s %d %d %d %s' % (action, len(sent), len(accepted), len(refused), ''.join(changed)))
        # one side made the change, the other converged without one
        assert len(changed) == 1, (action, results)
        assert [results[side][action]['status'] for side in results if side not in changed] == ['ok']
        if action == 'notification_setting':
            # the API accepts identical settings: when both sides created one, the later gave way
            # (removed its copy), so one setting is left, the one both runs return
            deleted = [
                entry for entry in log if entry['method'] == 'DELETE' and entry['path'].startswith(paths[action] + '/')
            ]
            assert len(accepted) - len(deleted) == 1
            assert [entry['status'] for entry in deleted] == [204] * len(deleted)
            left = emulator.api('GET', paths[action][len('/bareMetals/v2') :]).json()['bandwidthNotificationSettings']
            assert [setting['id'] for setting in left] == [results['a'][action]['notification_setting']]
            assert results['a'][action]['notification_setting'] == results['b'][action]['notification_setting']
            refused_at_write += len(deleted)
        else:
            # exactly one action reached the API; a second POST, if sent, was refused
            assert len(accepted) == 1
            assert [entry['status'] for entry in refused] in ([], [400], [409])
            refused_at_write += len(refused)
        if action in ('install', 'rescue_mode'):
            # the loser attached to the job the winner started
            assert results['a'][action]['job'] == results['b'][action]['job']
            assert results['a'][action]['job'] is not None
    print(
        '  pairs run: %d; races met at the write (a second POST refused, or a duplicate removed): %d'
        % (len(ACTIONS), refused_at_write)
    )
