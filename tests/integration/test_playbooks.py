# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Playbook runs whose output, environment or documentation matters, beyond the targets."""

import ast
import os
import subprocess
import sys

import yaml

from tests.conftest import REPO_ROOT
from tests.integration.test_targets import ansible_command, ansible_env, run_playbook

MODULES_DIR = os.path.join(REPO_ROOT, 'plugins', 'modules')
MODULES = sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('.py') and name != '__init__.py')


def first_server(emulator):
    return emulator.api('GET', '/servers', params={'limit': 1}).json()['servers'][0]


def test_the_key_comes_from_the_environment(emulator, tmp_path):
    server = first_server(emulator)
    playbook = tmp_path / 'play.yml'
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    'hosts': 'localhost',
                    'gather_facts': False,
                    'tasks': [{'leaseweb.dedicated.server_info': {'server_id': server['id']}}],
                }
            ]
        )
    )
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
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    'hosts': 'localhost',
                    'gather_facts': False,
                    'tasks': [{'leaseweb.dedicated.server_info': {'server_id': '12345'}}],
                }
            ]
        )
    )
    result = run_playbook(
        emulator,
        playbook,
        '-e',
        'ansible_python_interpreter=%s' % (bare / 'bin' / 'python'),
        LEASEWEB_API_KEY=emulator.api_key,
    )
    assert result.returncode != 0
    assert 'Failed to import the required Python library (requests)' in result.stdout
    assert emulator.requests() == []


def test_diff_mode_shows_the_reference_change(emulator, tmp_path):
    server = first_server(emulator)
    playbook = tmp_path / 'play.yml'
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    'hosts': 'localhost',
                    'gather_facts': False,
                    'tasks': [{'leaseweb.dedicated.server': {'server_id': server['id'], 'reference': 'diff-shown'}}],
                }
            ]
        )
    )
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

    The key comes only from module_defaults for group/leaseweb.dedicated.all (no LEASEWEB_API_KEY):
    a module missing from the action group (meta/runtime.yml) fails its examples. The emulator's
    fleet holds server 12345, the id the examples use. Its clock steps a minute an API request,
    so that every job the examples start has ended by the wait's first read, and a power cycle
    takes 90 s, so that a wait for one sees the server off at its first read and on at its
    second (a cycle over between two reads has the wait look for the server off for 30 s first).
    """
    emulator.clock(mode='step', step=60)
    emulator.settings(power_seconds=90)
    plays = [
        {
            'name': 'EXAMPLES of leaseweb.dedicated.%s' % name,
            'hosts': 'localhost',
            'gather_facts': False,
            'vars': {'leaseweb_id': '12345'},
            'module_defaults': {'group/leaseweb.dedicated.all': {'api_key': emulator.api_key}},
            'tasks': module_examples(name),
        }
        for name in MODULES
    ]
    for name, play in zip(MODULES, plays):
        assert any('leaseweb.dedicated.%s' % name in task for task in play['tasks']), name
    playbook = tmp_path / 'examples.yml'
    playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
    result = run_playbook(emulator, playbook)
    assert result.returncode == 0, result.stdout[-20000:]
    assert 'failed=0' in result.stdout


def test_ansible_doc_renders_every_module(emulator):
    names = ['leaseweb.dedicated.%s' % name for name in MODULES]
    result = subprocess.run(
        [ansible_command('ansible-doc'), '-t', 'module'] + names,
        env=ansible_env(emulator),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    for name in names:
        assert name in result.stdout
    assert 'EXAMPLES' in result.stdout and 'RETURN VALUES' in result.stdout
    assert '[WARNING]' not in result.stdout


def test_the_provision_playbook_provisions_an_inventory_host(emulator, tmp_path):
    """playbooks/provision.yml on a host of an inventory, its tasks run on the controller."""
    inventory = tmp_path / 'hosts.yml'
    inventory.write_text(
        yaml.safe_dump(
            {
                'all': {
                    'children': {
                        'leaseweb': {'hosts': {'web-01': {'leaseweb_id': '12345', 'ansible_connection': 'local'}}}
                    }
                }
            }
        )
    )
    playbook = os.path.join(REPO_ROOT, 'playbooks', 'provision.yml')
    args = (
        '-i',
        str(inventory),
        '-e',
        'target=web-01',
        '-e',
        'provision_reference=web-01',
        '-e',
        'provision_public_interface=closed',
    )
    first = run_playbook(emulator, playbook, *args, LEASEWEB_API_KEY=emulator.api_key)
    assert first.returncode == 0, first.stdout[-20000:]
    assert [(r['method'], r['path']) for r in emulator.writes()] == [
        ('PUT', '/bareMetals/v2/servers/12345'),
        ('POST', '/bareMetals/v2/servers/12345/networkInterfaces/public/close'),
    ]
    emulator.clear()
    again = run_playbook(emulator, playbook, *args, LEASEWEB_API_KEY=emulator.api_key)
    assert again.returncode == 0, again.stdout[-20000:]
    assert emulator.writes() == []
