# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Playbook runs whose output, environment or documentation matters, beyond the targets."""

import ast
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
import threading
import types

import yaml

from tests.conftest import REPO_ROOT
from tests.integration.test_targets import ansible_command, ansible_env, run_playbook
from tests.utils import demo

MODULES_DIR = os.path.join(REPO_ROOT, 'plugins', 'modules')
MODULES = sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('.py') and name != '__init__.py')


def first_server(emulator):
    return emulator.api('GET', '/servers', params={'limit': 1}).json()['servers'][0]


def test_the_key_comes_from_the_environment(emulator, tmp_path):
    server = first_server(emulator)
    playbook = tmp_path / 'play.yml'
    playbook.write_text(yaml.safe_dump([{
        'hosts': 'localhost', 'gather_facts': False,
        'tasks': [{'leaseweb.dedicated.server_info': {'server_id': server['id']}}],
    }]))
    assert run_playbook(emulator, playbook, LEASEWEB_API_KEY=emulator.api_key).returncode == 0
    assert run_playbook(emulator, playbook, LEASEWEB_TOKEN=emulator.api_key).returncode == 0
    missing = run_playbook(emulator, playbook)
    assert missing.returncode != 0
    assert 'api_key' in missing.stdout


def test_a_missing_requests_library_fails_clearly(emulator, tmp_path):
    """A Python without requests (a bare venv) as the module's interpreter."""
    bare = tmp_path / 'bare'
    subprocess.run([sys.executable, '-m', 'venv', '--without-pip', str(bare)], check=True)
    playbook = tmp_path / 'play.yml'
    playbook.write_text(yaml.safe_dump([{
        'hosts': 'localhost', 'gather_facts': False,
        'tasks': [{'leaseweb.dedicated.server_info': {'server_id': '12345'}}],
    }]))
    result = run_playbook(emulator, playbook, '-e', 'ansible_python_interpreter=%s' % (bare / 'bin' / 'python'),
                          LEASEWEB_API_KEY=emulator.api_key)
    assert result.returncode != 0
    assert 'Failed to import the required Python library (requests)' in result.stdout
    assert emulator.requests() == []


def test_diff_mode_shows_the_reference_change(emulator, tmp_path):
    server = first_server(emulator)
    playbook = tmp_path / 'play.yml'
    playbook.write_text(yaml.safe_dump([{
        'hosts': 'localhost', 'gather_facts': False,
        'tasks': [{'leaseweb.dedicated.server': {'server_id': server['id'], 'reference': 'diff-shown'}}],
    }]))
    result = run_playbook(emulator, playbook, '--diff', '--check', LEASEWEB_API_KEY=emulator.api_key)
    assert result.returncode == 0, result.stdout
    old = server['contract'].get('reference') or ''
    assert '-    "reference": "%s"' % old in result.stdout
    assert '+    "reference": "diff-shown"' in result.stdout
    assert emulator.writes() == []


def module_examples(name):
    tree = ast.parse(open(os.path.join(MODULES_DIR, name + '.py')).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'EXAMPLES':
            return yaml.safe_load(node.value.value)
    return []


def test_every_modules_examples_run(emulator, tmp_path):
    """The EXAMPLES of every module, each module's in a play of its own, run against the emulator.

    The emulator's fleet holds server 12345, the id the examples use. Its clock steps a minute
    an API request, so that every job the examples start has ended by the wait's first read.
    """
    emulator.clock(mode='step', step=60)
    plays = [{
        'name': 'EXAMPLES of leaseweb.dedicated.%s' % name,
        'hosts': 'localhost', 'gather_facts': False,
        'vars': {'leaseweb_id': '12345'},
        'tasks': module_examples(name),
    } for name in MODULES]
    playbook = tmp_path / 'examples.yml'
    playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
    result = run_playbook(emulator, playbook, LEASEWEB_API_KEY=emulator.api_key)
    assert result.returncode == 0, result.stdout[-20000:]
    assert 'failed=0' in result.stdout


def test_ansible_doc_renders_every_module(emulator):
    names = ['leaseweb.dedicated.%s' % name for name in MODULES]
    result = subprocess.run([ansible_command('ansible-doc'), '-t', 'module'] + names,
                            env=ansible_env(emulator), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout
    for name in names:
        assert name in result.stdout
    assert 'EXAMPLES' in result.stdout and 'RETURN VALUES' in result.stdout
    assert '[WARNING]' not in result.stdout


class ConnectionTrap:
    """A listener on 127.0.0.1 that counts the connections made to it (as an HTTPS proxy, every request would be one)."""

    def __init__(self):
        self.connections = 0
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(('127.0.0.1', 0))
        self._socket.listen(8)
        self.url = 'http://127.0.0.1:%d' % self._socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self):
        self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        self._thread.join(10)


def flat(text):
    """Text with its runs of white space as one space (ansible-core before 2.21 breaks long YAML lines)."""
    return ' '.join(text.split())


def api_writes(result):
    """(METHOD, path below /bareMetals/v2, status) of what a demo step wrote, in order."""
    return [(r['method'], r['path'][len('/bareMetals/v2'):], r['status']) for r in result.writes]


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
    assert '+    password: (hidden, set)' in check.output

    assert sorted(api_writes(steps['configure'])) == [
        ('POST', '/servers/12345/credentials', 200),
        ('POST', '/servers/12796/notificationSettings/datatraffic', 201),
        ('POST', '/servers/13039/notificationSettings/datatraffic', 201),
        ('PUT', '/servers/12345/ips/192.0.2.10', 200),
        ('PUT', '/servers/12796/privateNetworks/892', 204)]
    again = steps['configure, again']
    assert again.returncode == 0 and again.recap['changed'] == 0 and again.recap['tasks'] == 26
    assert again.writes == [] and again.requests

    provision = steps['provision, install followed']
    assert api_writes(provision) == [
        ('POST', '/servers/14426/install', 202),
        ('POST', '/servers/14426/notificationSettings/bandwidth', 201),
        ('PUT', '/servers/14426/notificationSettings/ddos', 204)]
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
    assert 'Server 13056 runs the rescue system: ssh -p 22 root@103.254.0.1; password: in %s.' % login in flat(rescue.output)

    assert api_writes(steps['rolling power cycle']) == [
        ('POST', '/servers/13765/powerCycle', 204), ('POST', '/servers/14580/powerCycle', 204)]
    assert 'Pausing for 2 seconds' in steps['rolling power cycle'].output

    refused = steps['real account refused']
    assert refused.returncode == 2 and refused.requests == []
    assert refused.recap == {'tasks': 1, 'changed': 0, 'failed': 1}
    assert 'This demo reinstalls a server, which erases its disks. Against https://api.leaseweb.com' in flat(refused.output)

    # and with a host to reinstall, the real API refused before a connection is even opened: every HTTPS
    # request would go through the proxy the environment names, a listener that counts connections
    inventory = tmp_path / 'hosts.yml'
    inventory.write_text(yaml.safe_dump({'all': {'hosts': {'web-01': {
        'leaseweb_id': '14426', 'provision_operating_system_id': 'DEBIAN_12_64BIT', 'ansible_connection': 'local'}}}}))
    trap = ConnectionTrap()
    try:
        env = ansible_env(types.SimpleNamespace(url='https://api.leaseweb.com'), LEASEWEB_API_KEY=demo.API_KEY,
                          HTTPS_PROXY=trap.url, https_proxy=trap.url, NO_PROXY='127.0.0.1', no_proxy='127.0.0.1')
        guarded = subprocess.run([ansible_command('ansible-playbook'), 'leaseweb.dedicated.demo', '-i', str(inventory),
                                  '-e', 'target=web-01'], cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=300, check=False)
    finally:
        trap.close()
    assert guarded.returncode == 2, guarded.stdout[-20000:]
    assert 'name that server on purpose: -e demo_real_server_id=ID' in flat(guarded.stdout)
    assert trap.connections == 0


def test_the_provision_playbook_provisions_an_inventory_host(emulator, tmp_path):
    """playbooks/provision.yml on a host of an inventory, its tasks run on the controller."""
    inventory = tmp_path / 'hosts.yml'
    inventory.write_text(yaml.safe_dump({'all': {'children': {'leaseweb': {'hosts': {
        'web-01': {'leaseweb_id': '12345', 'ansible_connection': 'local'}}}}}}))
    playbook = os.path.join(REPO_ROOT, 'playbooks', 'provision.yml')
    args = ('-i', str(inventory), '-e', 'provision_reference=web-01', '-e', 'provision_public_interface=closed')
    first = run_playbook(emulator, playbook, *args, LEASEWEB_API_KEY=emulator.api_key)
    assert first.returncode == 0, first.stdout[-20000:]
    assert [(r['method'], r['path']) for r in emulator.writes()] == [
        ('PUT', '/bareMetals/v2/servers/12345'),
        ('POST', '/bareMetals/v2/servers/12345/networkInterfaces/public/close')]
    emulator.clear()
    again = run_playbook(emulator, playbook, *args, LEASEWEB_API_KEY=emulator.api_key)
    assert again.returncode == 0, again.stdout[-20000:]
    assert emulator.writes() == []
