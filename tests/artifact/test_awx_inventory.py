# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory synced the way AWX syncs an inventory source "sourced from a project".

AWX runs ``ansible-inventory --list --export -i <project>/<file> --output <file> --playbook-dir
<dir>`` in the execution environment, with the environment below and the credential's injected
environment, then stores what the output file says. Run on the oldest and newest ansible-core.
"""

import json
import os

import jinja2
import yaml

from tests.artifact.conftest import clean_env, run, tool
from tests.conftest import plain

# awx/main/constants.py STANDARD_INVENTORY_UPDATE_ENV
AWX_INVENTORY_UPDATE_ENV = {
    'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'True',
    'ANSIBLE_INVENTORY_EXPORT': 'True',
    'ANSIBLE_VERBOSE_TO_STDERR': 'True',
    'ANSIBLE_HOST_PATTERN_MISMATCH': 'error',
}
SOURCE = os.path.join('examples', 'awx', 'project', 'inventories', 'prod.leaseweb.yml')


def injected_env(root, api_key):
    """The environment the shipped credential type injects for this key, rendered as AWX renders it."""
    with open(os.path.join(root, 'examples', 'awx', 'credential_type.yml')) as handle:
        credential_type = yaml.safe_load(handle)
    inputs = {'api_key': api_key}
    return dict(
        (name, jinja2.Template(template).render(**inputs))
        for name, template in credential_type['injectors']['env'].items()
    )


def awx_sync(installed, emulator, tmp_path, api_key=None):
    """The sync of examples/awx/project/inventories/prod.leaseweb.yml; (result, exported data or None)."""
    project = os.path.join(installed.root, 'examples', 'awx', 'project')
    source = os.path.join(installed.root, SOURCE)
    output = tmp_path / 'output.json'
    env = clean_env(installed.path, LEASEWEB_API_URL=emulator.url, **AWX_INVENTORY_UPDATE_ENV)
    env.update(injected_env(installed.root, api_key or emulator.api_key))
    result = run(
        [
            tool('ansible-inventory'),
            '--list',
            '--export',
            '-i',
            source,
            '--output',
            str(output),
            '--playbook-dir',
            os.path.dirname(source),
        ],
        cwd=project,
        env=env,
    )
    exported = None
    if output.exists():
        with open(str(output)) as handle:
            exported = json.load(handle)
    return result, exported


def group_name(site):
    return 'leaseweb_' + site.lower().replace('-', '_')


def test_awx_syncs_the_example_inventory_hosts_groups_and_variables(installed, emulator, tmp_path):
    servers = emulator.api('GET', '/servers', params={'limit': 100}).json()['servers']
    emulator.clear()
    result, exported = awx_sync(installed, emulator, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ''
    assert exported is not None
    data = plain(exported)
    hostvars = data['_meta']['hostvars']
    by_id = dict((variables['leaseweb_id'], (name, variables)) for name, variables in hostvars.items())
    assert sorted(by_id) == sorted(s['id'] for s in servers)
    for server in servers:
        name, variables = by_id[server['id']]
        site = server['location']['site']
        assert variables['leaseweb_site'] == site
        assert variables['datacenter'] == site.lower()
        assert variables['ansible_host'] == server['networkInterfaces']['public']['ip'].split('/')[0]
        assert name in data[group_name(site)]['hosts']
        # keyed_groups of the example: rack_shared, rack_dedicated...
        assert name in data['rack_' + variables['leaseweb_rack_type'].lower()]['hosts']
    sites = sorted(set(s['location']['site'] for s in servers))
    # --export: the groups with their hosts and children, "all" holding the top ones
    assert sorted(data['leaseweb']['children']) == sorted(group_name(site) for site in sites)
    assert 'leaseweb' in data['all']['children']
    assert sum(len(data[group_name(site)]['hosts']) for site in sites) == len(servers)
    rack_groups = [g for g in data if g.startswith('rack_')]
    assert rack_groups and sum(len(data[g]['hosts']) for g in rack_groups) == len(servers)
    assert all(r['method'] == 'GET' and r['path'] == '/bareMetals/v2/servers' for r in emulator.take())


def test_a_sync_with_a_wrong_key_fails_and_exports_nothing(installed, emulator, tmp_path):
    result, exported = awx_sync(installed, emulator, tmp_path, api_key='not-the-key')
    assert result.returncode != 0
    assert exported is None
    message = ' '.join(result.stderr.split())
    assert 'HTTP 401' in message, message
    assert 'not-the-key' not in result.stdout + result.stderr
    assert [(r['method'], r['status']) for r in emulator.take()] == [('GET', 401)]
