# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run every integration target with ansible-playbook against the emulator.

A target is a role under tests/integration/targets/ (tasks/main.yml) that checks what only
ansible-playbook shows: task keywords (loops, no_log, delegation) reaching the modules. Module
behaviour (results, requests, check mode, diff, bad input, the API's failures) is tested in process
(tests/unit/plugins/modules/), the roles and playbooks by test_roles.py and test_playbooks.py:
a target costs an ansible-playbook start-up on every ansible-core version the suite runs on.

Each target runs in a play on localhost with the collection on ANSIBLE_COLLECTIONS_PATH, the
emulator's URL in LEASEWEB_API_URL and its key set through module_defaults for
group/leaseweb.dedicated.all. The role's tasks assert the results and the requests the emulator
saw, read with the test lookup plugin "emulator" (tests/integration/plugins/lookup/emulator.py).
The helpers below start ansible-playbook and ansible-inventory for the other integration tests.
"""

import os
import subprocess
import sys

import pytest

from tests.conftest import COLLECTIONS_PATH, REPO_ROOT

TARGETS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'targets')
LOOKUP_PLUGINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'plugins', 'lookup')
TARGETS = sorted(
    name for name in os.listdir(TARGETS_DIR) if os.path.isfile(os.path.join(TARGETS_DIR, name, 'tasks', 'main.yml'))
)

PLAY = """\
- name: Integration target {target}
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/leaseweb.dedicated.all:
      api_key: "{{{{ emulator_api_key }}}}"
  roles:
    - {target}
"""


def ansible_command(name):
    return os.path.join(os.path.dirname(sys.executable), name)


def ansible_env(emulator, **extra):
    env = dict(os.environ)
    env.update(
        ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH,
        ANSIBLE_ROLES_PATH=TARGETS_DIR,
        ANSIBLE_LOOKUP_PLUGINS=LOOKUP_PLUGINS,
        ANSIBLE_NOCOLOR='1',
        ANSIBLE_PIPELINING='1',
        ANSIBLE_FORCE_COLOR='0',
        ANSIBLE_RETRY_FILES_ENABLED='0',
        ANSIBLE_LOCALHOST_WARNING='0',
        ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
        LEASEWEB_API_URL=emulator.url,
    )
    for name in ('LEASEWEB_API_KEY', 'LEASEWEB_TOKEN'):
        env.pop(name, None)
    env.update(extra)
    return env


def run_playbook(emulator, playbook, *args, **env):
    command = [
        ansible_command('ansible-playbook'),
        str(playbook),
        '-e',
        'emulator_url=%s' % emulator.url,
        '-e',
        'emulator_api_key=%s' % emulator.api_key,
    ] + list(args)
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=ansible_env(emulator, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize('target', TARGETS)
def test_target(target, emulator, tmp_path):
    playbook = tmp_path / 'play.yml'
    playbook.write_text(PLAY.format(target=target))
    result = run_playbook(emulator, playbook)
    assert result.returncode == 0, result.stdout[-20000:]
