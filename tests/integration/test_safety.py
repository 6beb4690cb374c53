# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Safe by default, and true as written (issue 16): what the playbooks refuse, and what they say.

Each test reproduces a finding of the issue against the emulator and shows it fixed: the
playbooks that erase, reboot or power cycle refuse to run without a target; every playbook
fails before any request of its own when its hosts (after --limit) match nothing, naming the
pattern; a value that must be unique per server is refused for several; what can be checked
before the first write is checked before it, in check mode too; counts read right.
"""

import os

import pytest
import yaml

from tests.integration.test_targets import run_playbook


def flat(text):
    """Text with its runs of white space as one space (ansible-core breaks long lines of a message)."""
    return ' '.join(text.split())


@pytest.fixture
def hosts(tmp_path):
    """An inventory file of hosts (name: leaseweb_id) in group ``fleet``; its path."""
    def write(servers, **groups):
        inventory = {'all': {'children': {'fleet': {'hosts': dict(
            (name, {'leaseweb_id': server_id, 'ansible_connection': 'local'}) for name, server_id in servers.items())}}}}
        for group, members in groups.items():
            inventory['all']['children'][group] = {'hosts': dict((name, {}) for name in members)}
        path = tmp_path / 'hosts.yml'
        path.write_text(yaml.safe_dump(inventory))
        return str(path)
    return write


def playbook(emulator, name, *args):
    """ansible-playbook leaseweb.dedicated.NAME, the key in the environment; the run and the requests it sent."""
    emulator.clear()
    result = run_playbook(emulator, 'leaseweb.dedicated.' + name, *args, LEASEWEB_API_KEY=emulator.api_key)
    return result, emulator.take()


# -- finding 8: counts read right ------------------------------------------------------------------

@pytest.mark.parametrize('mode, headline', [
    ('--check', '1 of 1 server drifted (check mode: nothing was changed)'),
    ('--diff', '1 of 1 server had drifted and was changed'),
])
def test_the_configure_summary_counts_one_server_as_one(emulator, hosts, tmp_path, mode, headline):
    """roles/configure/tasks/summary.yml on one server that drifted and one that never reported."""
    inventory = hosts({'web': '12345', 'gone': '99999'})
    play = tmp_path / 'summary.yml'
    play.write_text(yaml.safe_dump([
        {'name': 'What the configure role leaves on a host', 'hosts': 'web', 'gather_facts': False,
         'tasks': [{'ansible.builtin.set_fact': {'configure_drift': ['reference'], 'configure_drift_server': 'web'}}]},
        {'name': 'The summary', 'hosts': 'localhost', 'gather_facts': False,
         'tasks': [{'ansible.builtin.include_role': {'name': 'leaseweb.dedicated.configure', 'tasks_from': 'summary'},
                    'vars': {'configure_summary_hosts': ['web', 'gone']}}]}]))
    result = run_playbook(emulator, play, '-i', inventory, mode)
    assert result.returncode == 0, result.stdout[-5000:]
    output = flat(result.stdout)
    assert '"%s", "in: reference (1)", "web: reference", "1 server not reported (failed or unreachable): gone"' % headline in output
    assert 'servers' not in output
