# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make demo, end to end: it runs once, on the oldest ansible-core, the virtual environment make demo uses."""

import io
import json
import os
import re
import stat
import subprocess
import sys
import types

import yaml

from tests.conftest import REPO_ROOT
from tests.integration.test_targets import ansible_command, ansible_env
from tests.utils import demo
from tests.utils.listener import Listener


def flat(text):
    """Text with its runs of white space as one space (ansible-core before 2.21 breaks long YAML lines)."""
    return ' '.join(text.split())


def api_writes(result):
    """(METHOD, path below /bareMetals/v2, status) of what a demo step wrote, in order."""
    return [(r['method'], r['path'][len('/bareMetals/v2') :], r['status']) for r in result.writes]


def test_make_demo_tells_the_story(tmp_path):
    """make demo end to end (tests/utils/demo.py with the emulator it starts): each step does what it says.

    The demo's output and its emulator's request log per step: the drift report writes nothing, the
    real run converges, the rerun changes and writes nothing; the install job is followed read by read
    and the server provisioned; a server is booted into rescue with its login in a 0600 file and never
    printed; the power cycle rolls one node at a time; the demo playbook refuses the real API, before any
    request even with a host to reinstall.
    """
    out = io.StringIO()
    results = demo.run(sys.executable, out=out, output_dir=str(tmp_path))
    output = out.getvalue()
    steps = dict((result.step.name, result) for result in results)
    assert [result.step.name for result in results if not result.ok] == [], output[-20000:]
    assert len(steps) == len(results) == 9
    assert 'Every step did what it shows.' in output
    for result in results:
        assert '$ ' + demo.command_line(result.step) + '\n' in output

    check = steps['configure --check --diff']
    assert check.writes == [] and check.requests
    assert "- '3 of 4 servers drifted (check mode: nothing was changed)'" in check.output
    assert re.search(r'^\+ +password: \(hidden, set\)$', check.output, re.M), check.output

    assert sorted(api_writes(steps['configure'])) == [
        ('POST', '/servers/12345/credentials', 200),
        ('POST', '/servers/12796/notificationSettings/datatraffic', 201),
        ('POST', '/servers/13039/notificationSettings/datatraffic', 201),
        ('PUT', '/servers/12345/ips/192.0.2.10', 200),
        ('PUT', '/servers/12796/privateNetworks/892', 204),
    ]
    again = steps['configure, again']
    assert (
        again.returncode == 0
        and again.recap['changed'] == 0
        and again.recap['tasks'] == steps['configure'].recap['tasks']
    )
    assert again.writes == [] and again.requests

    provision = steps['provision, install followed']
    # the installation first, then the rest of the declaration (its areas in any order)
    writes = api_writes(provision)
    assert writes[0] == ('POST', '/servers/14426/install', 202)
    assert sorted(writes[1:]) == [
        ('POST', '/servers/14426/notificationSettings/bandwidth', 201),
        ('PUT', '/servers/14426/notificationSettings/ddos', 204),
    ]
    assert provision.writes[0]['body']['operatingSystemId'] == 'DEBIAN_12_64BIT'
    # each read of the job printed, one more of its 9 tasks done each time, then the role's own read of the installs
    reads = [r['path'] for r in provision.requests if '/jobs/' in r['path']]
    assert len(reads) == 9 and len(set(reads)) == 1
    follow = re.findall(r'^ok: \[cache-02 -> localhost\] => \(item=(.*)\)$', provision.output, re.M)
    assert follow[0] == ' 11% ACTIVE, 1 of 9 tasks done, now: Power cycle the server'
    assert [line.split(',')[1] for line in follow] == [' %d of 9 tasks done' % done for done in range(1, 10)]
    assert follow[-1] == '100% FINISHED, 9 of 9 tasks done'

    rescue = steps['rescue']
    assert api_writes(rescue) == [('POST', '/servers/13056/rescueMode', 202)]
    login = tmp_path / 'storage-01.json'
    assert stat.S_IMODE(os.stat(login).st_mode) == 0o600
    password = json.loads(login.read_text())['password']
    assert password and password not in output
    assert 'Server 13056 runs the rescue system: ssh -p 22 root@103.254.0.1; password: in %s.' % login in flat(
        rescue.output
    )

    assert api_writes(steps['rolling power cycle']) == [
        ('POST', '/servers/13765/powerCycle', 204),
        ('POST', '/servers/14580/powerCycle', 204),
    ]
    cycle = steps['rolling power cycle'].output
    assert 'Pausing for 2 seconds' in cycle
    assert (
        'Power cycle 2 servers of role_k8s_node, 1 at a time: 2 batches, a pause of 2 s between two; the run stops after '
        'a batch in which a server failed.'
    ) in flat(cycle)
    assert 'Power cycle of role_k8s_node: 2 servers: 2 cycled.' in flat(cycle)

    refused = steps['real account refused']
    assert refused.returncode == 2 and refused.requests == []
    assert refused.recap == {'tasks': 1, 'changed': 0, 'failed': 1}
    assert 'This demo reinstalls a server, which erases its disks. Against https://api.leaseweb.com' in flat(
        refused.output
    )

    # and with a host to reinstall, the real API refused before a connection is even opened: every HTTPS
    # request would go through the proxy the environment names, a listener that counts connections
    inventory = tmp_path / 'hosts.yml'
    inventory.write_text(
        yaml.safe_dump(
            {
                'all': {
                    'hosts': {
                        'web-01': {
                            'leaseweb_id': '14426',
                            'provision_operating_system_id': 'DEBIAN_12_64BIT',
                            'ansible_connection': 'local',
                        }
                    }
                }
            }
        )
    )
    trap = Listener()
    try:
        env = ansible_env(
            types.SimpleNamespace(url='https://api.leaseweb.com'),
            LEASEWEB_API_KEY=demo.API_KEY,
            HTTPS_PROXY=trap.url,
            https_proxy=trap.url,
            NO_PROXY='127.0.0.1',
            no_proxy='127.0.0.1',
        )
        guarded = subprocess.run(
            [
                ansible_command('ansible-playbook'),
                'leaseweb.dedicated.demo',
                '-i',
                str(inventory),
                '-e',
                'target=web-01',
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        trap.close()
    assert guarded.returncode == 2, guarded.stdout[-20000:]
    assert 'name that server on purpose: -e demo_real_server_id=ID' in flat(guarded.stdout)
    assert trap.connections == 0
