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
        inventory = {
            'all': {
                'children': {
                    'fleet': {
                        'hosts': dict(
                            (name, {'leaseweb_id': server_id, 'ansible_connection': 'local'})
                            for name, server_id in servers.items()
                        )
                    }
                }
            }
        }
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

# (finding 8, the configure summary's counts: the drift_summary filter, tests/unit/plugins/filter/test_configure.py)


# -- findings 1 and 5: no default target where it matters, and a target that matches nothing fails -----

PLAYBOOKS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'playbooks')


@pytest.mark.parametrize(
    'name, required',
    [
        ('provision', True),
        ('rescue', True),
        ('power_cycle', True),
        ('report', False),
        ('demo', True),
        ('configure', False),
    ],
)
def test_every_playbook_checks_its_target_first(name, required):
    """Each playbook imports the shared check (playbooks/target_check.yml), on the pattern its plays use, before any
    play on those hosts and before any task of the collection's modules."""
    plays = yaml.safe_load(open(os.path.join(PLAYBOOKS, name + '.yml')))
    checks = [i for i, play in enumerate(plays) if play.get('ansible.builtin.import_playbook') == 'target_check.yml']
    assert checks, name
    check = plays[checks[0]]
    assert bool(check['vars'].get('target_check_required', False)) is required
    before = yaml.safe_dump(plays[: checks[0]])
    assert 'leaseweb.dedicated.' not in before.replace('leaseweb.dedicated.target_check', '')
    hosts = [play['hosts'] for play in plays[checks[0] :] if 'hosts' in play]
    # (a summary on the controller, after the plays on the servers, needs no check)
    assert hosts and set(hosts) - {'localhost'} <= {
        check['vars']['target_check_pattern'],
        '{{ target | default([]) }}',
    }, (name, hosts)


@pytest.mark.parametrize('name', ['provision', 'rescue', 'power_cycle'])
def test_a_playbook_that_erases_reboots_or_power_cycles_refuses_to_run_without_a_target(emulator, hosts, name):
    """Finding 1: provision.yml predicted reinstalling 18 of 20 servers when no target was given."""
    result, log = playbook(
        emulator,
        name,
        '-i',
        hosts({'web': '12345', 'db': '12573'}),
        '-e',
        'provision_operating_system_id=DEBIAN_12_64BIT',
        '--check',
    )
    assert result.returncode == 2, result.stdout[-5000:]
    assert 'Name the servers, a host or group of the inventory: -e target=' in flat(result.stdout)
    assert log == []


def test_a_target_that_matches_no_host_fails_naming_it_before_any_request(emulator, hosts):
    """Finding 5: a target matching no host succeeded (rc 0, a warning)."""
    inventory = hosts({'web': '12345', 'db': '12573'}, other=['db'])
    result, log = playbook(emulator, 'power_cycle', '-i', inventory, '-e', 'target=nothere')
    assert result.returncode == 2, result.stdout[-5000:]
    assert (
        'target=nothere matches no host of the inventory (%s): nothing was done. Its groups: fleet, other.' % inventory
        in flat(result.stdout)
    )
    assert log == []
    # the hosts that --limit leaves out count as no host, for a play on inventory hosts and for one on localhost
    result, log = playbook(emulator, 'provision', '-i', inventory, '-e', 'target=web', '--limit', 'other')
    assert result.returncode == 2, result.stdout[-5000:]
    assert 'target=web matches 1 host, but none of them once --limit other applies: nothing was done.' in flat(
        result.stdout
    )
    result, log = playbook(
        emulator, 'report', '-i', inventory, '--limit', 'db', '-e', 'report_csv=', '-e', 'report_json='
    )
    assert result.returncode == 2, result.stdout[-5000:]
    assert 'target=localhost matches 1 host, but none of them once --limit db applies' in flat(result.stdout)
    assert log == []


# -- finding 2: a value that must be unique per server, given for several -------------------------------


def test_a_reference_for_a_whole_group_is_refused_before_any_request_unless_meant(emulator, hosts):
    """Finding 2: -e provision_reference=... on a group gave every server of it the same reference."""
    inventory = hosts({'web': '12345', 'db': '12573', 'cache': '13058'})
    result, log = playbook(
        emulator,
        'provision',
        '-i',
        inventory,
        '-e',
        'target=fleet',
        '-e',
        'provision_reference=web',
        '-e',
        'provision_batch=1',
    )
    assert result.returncode == 2, result.stdout[-5000:]
    assert (
        "provision_reference 'web' is the same for 3 hosts (cache, db, web). These values must be unique per server"
        in flat(result.stdout)
    )
    assert '-e provision_allow_duplicates=true' in flat(result.stdout)
    assert log == []
    # per host it is fine (a template of the host's name); the same on every server when that is meant
    per_host = ('-e', 'provision_reference={{ inventory_hostname }}-ams')
    meant = ('-e', 'provision_reference=maintenance', '-e', 'provision_allow_duplicates=true')
    for extra in (per_host, meant):
        result, log = playbook(emulator, 'provision', '-i', inventory, '-e', 'target=fleet', '--check', *extra)
        assert result.returncode == 0, result.stdout[-5000:]
        assert [r for r in log if r['method'] != 'GET'] == [] and log
    # one server named by two hosts is never meant
    result, log = playbook(
        emulator,
        'provision',
        '-i',
        inventory,
        '-e',
        'target=fleet',
        '-e',
        'provision_server_id=12345',
        '-e',
        'provision_allow_duplicates=true',
        '--check',
    )
    assert result.returncode == 2 and log == []
    assert "The server id '12345' is the same for 3 hosts (cache, db, web). A server provisioned twice" in flat(
        result.stdout
    )


def test_configure_refuses_a_reference_declared_for_several_servers_unless_meant(emulator, hosts):
    """Finding 2 in the configure playbook: a reference in a group's variables (here -e) would label every server
    alike; refused before any request, in fleet mode and in per-host mode, unless configure_allow_duplicates."""
    inventory = hosts({'web': '12345', 'db': '12573'})
    for mode in ('fleet', 'host'):
        result, log = playbook(
            emulator,
            'configure',
            '-i',
            inventory,
            '-e',
            'target=fleet',
            '-e',
            'configure_mode=' + mode,
            '-e',
            'configure_reference=web',
            '--check',
        )
        assert result.returncode == 2, result.stdout[-5000:]
        assert 'Declared for several hosts, although each belongs to one server: reference web: db, web.' in flat(
            result.stdout
        )
        assert log == []
    result, log = playbook(
        emulator,
        'configure',
        '-i',
        inventory,
        '-e',
        'target=fleet',
        '-e',
        'configure_reference=web',
        '-e',
        'configure_allow_duplicates=true',
        '--check',
    )
    assert result.returncode == 0, result.stdout[-5000:]
    assert log and [r for r in log if r['method'] != 'GET'] == []


# -- finding 4 and the checks before the first write ----------------------------------------------------


@pytest.mark.parametrize('mode', ['--check', '--diff'])
def test_a_missing_rescue_login_dir_fails_before_the_server_is_rebooted(emulator, hosts, tmp_path, mode):
    """Finding 4: the rescue playbook started the rescue job (a reboot), then failed on the missing directory."""
    missing = tmp_path / 'rescue'
    result, log = playbook(
        emulator,
        'rescue',
        '-i',
        hosts({'web': '12345'}),
        '-e',
        'target=web',
        '-e',
        'rescue_login_dir=%s' % missing,
        mode,
    )
    assert result.returncode == 2, result.stdout[-5000:]
    assert (
        'rescue_login_dir: %s does not exist on the controller; create it (mkdir -m 700) or name another one.' % missing
        in flat(result.stdout)
    )
    assert log == []


def test_pinning_the_host_key_checks_the_controller_before_any_request_in_check_mode_too(emulator, hosts, tmp_path):
    """provision_pin_host_key needs ssh and ssh-keygen on the controller and a known_hosts file it can write: both
    missing are said at once, before the installation is even checked (with the rescue role's twin: test_bad_inputs)."""
    missing = tmp_path / 'ssh' / 'known_hosts'
    bare = tmp_path / 'bin'  # a PATH that holds no ssh
    bare.mkdir()
    emulator.clear()
    result = run_playbook(
        emulator,
        'leaseweb.dedicated.provision',
        '-i',
        hosts({'web': '12345'}),
        '-e',
        'target=web',
        '--check',
        '-e',
        'provision_operating_system_id=DEBIAN_12_64BIT',
        '-e',
        'provision_known_hosts=%s' % missing,
        '-e',
        '{"provision_pin_host_key": true, "provision_ssh_keys": ["ssh-ed25519 AAAAC3Nza... ops"]}',
        LEASEWEB_API_KEY=emulator.api_key,
        PATH=str(bare),
    )
    assert result.returncode == 2, result.stdout[-5000:]
    assert (
        'provision_pin_host_key: the directory of provision_known_hosts, %s, does not exist on the controller. ssh and '
        "ssh-keygen (OpenSSH's client) are not both on the controller's PATH. Nothing was done."
        % missing.parent
        in flat(result.stdout)
    ), result.stdout[-5000:]
    assert emulator.take() == []


def test_provision_checks_the_installation_before_it_changes_the_reference(emulator, hosts):
    """A wrong operating system used to fail after the reference was set; now only reads come before the failure."""
    result, log = playbook(
        emulator,
        'provision',
        '-i',
        hosts({'web': '12345'}),
        '-e',
        'target=web',
        '-e',
        'provision_reference=web-01',
        '-e',
        'provision_operating_system_id=NOT_AN_OS',
    )
    assert result.returncode == 2, result.stdout[-5000:]
    assert 'NOT_AN_OS' in result.stdout
    assert log and [r for r in log if r['method'] != 'GET'] == []
    assert emulator.api('GET', '/servers/12345').json()['contract'].get('reference') != 'web-01'
