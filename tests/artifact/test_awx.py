# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""AWX / Automation Platform: the execution environment, the credential type, a job run as an
execution node runs it. (The inventory sync, run on two ansible-core versions, is test_awx_inventory.py.)"""

import ast
import glob
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import packages_distributions, requires

import yaml
from packaging.requirements import Requirement

from tests.artifact.conftest import clean_env, run, tool
from tests.artifact.test_awx_inventory import SOURCE, injected_env
from tests.conftest import REPO_ROOT

EXAMPLES = os.path.join(REPO_ROOT, 'examples', 'awx')
GUIDE = os.path.join(REPO_ROOT, 'docs', 'docsite', 'rst', 'guide_awx.rst')


def imported_distributions():
    """The distributions (PyPI names) of the third-party modules the plugins import."""
    names = set()
    for path in glob.glob(os.path.join(REPO_ROOT, 'plugins', '**', '*.py'), recursive=True):
        with open(path) as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= set(alias.name.split('.')[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split('.')[0])
    third_party = names - set(sys.stdlib_module_names) - {'ansible', 'ansible_collections', '__future__'}
    providers = packages_distributions()
    return set(providers[name][0].lower() for name in third_party)


def dependencies_of(distributions):
    """The distributions these require (one level, markers ignored)."""
    found = set()
    for name in distributions:
        found |= set(Requirement(line).name.lower() for line in requires(name) or [])
    return found


def test_ansible_builder_introspect_lists_exactly_what_the_plugins_import(installed, tmp_path):
    result = run([tool('ansible-builder'), 'introspect', '--sanitize', installed.path], cwd=tmp_path, env=clean_env())
    assert result.returncode == 0, result.stdout + result.stderr
    found = yaml.safe_load(result.stdout)
    assert found['system'] == []
    requirements = [Requirement(line.split('#')[0]) for line in found['python']]
    assert all(line.endswith('# from collection leaseweb.dedicated') for line in found['python']), found
    declared = set(r.name.lower() for r in requirements)
    imported = imported_distributions()
    # every library declared is imported; every one imported is declared, or comes with one that is
    # (module_utils/api.py imports urllib3's exceptions, a dependency of requests)
    assert declared == {'requests'} and declared <= imported
    assert sorted(imported - declared - dependencies_of(declared)) == []
    # lower bounds only (a user's execution environment pins), and never ansible-core itself
    assert all(spec.operator == '>=' for r in requirements for spec in r.specifier), found
    assert all(r.specifier for r in requirements), found


def test_ansible_builder_create_accepts_the_example_execution_environment(tmp_path):
    context = tmp_path / 'context'
    result = run(
        [
            tool('ansible-builder'),
            'create',
            '-f',
            os.path.join(EXAMPLES, 'execution-environment.yml'),
            '-c',
            str(context),
            '--output-filename',
            'Containerfile',
        ],
        cwd=tmp_path,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    containerfile = (context / 'Containerfile').read_text()
    assert 'ARG EE_BASE_IMAGE="ghcr.io/ansible-community/community-ee-minimal:latest"' in containerfile
    assert 'ansible-galaxy collection install' in containerfile
    # the build step that reads meta/execution-environment.yml of every collection it installed
    assert 'introspect.py introspect' in containerfile
    galaxy = yaml.safe_load((context / '_build' / 'requirements.yml').read_text())
    assert galaxy == {'collections': [{'name': 'leaseweb.dedicated', 'version': '>=1.0.0'}]}


def yaml_blocks(path):
    """The YAML code blocks of an RST file, parsed."""
    blocks = []
    text = open(path).read()
    for match in re.finditer(r'^\.\. code-block:: yaml(?:\+jinja)?\n\n((?:  .*\n|\n)+)', text, re.M):
        blocks.append(yaml.safe_load('\n'.join(line[2:] for line in match.group(1).splitlines())))
    return blocks


def example(*path):
    with open(os.path.join(EXAMPLES, *path)) as handle:
        return yaml.safe_load(handle)


def test_the_credential_type_injects_the_key_as_a_secret_environment_variable():
    credential_type = example('credential_type.yml')
    assert credential_type['kind'] == 'cloud'
    fields = dict((field['id'], field) for field in credential_type['inputs']['fields'])
    assert fields['api_key']['secret'] is True and fields['api_key']['type'] == 'string'
    assert credential_type['inputs']['required'] == ['api_key']
    # AWX applies env injectors to inventory syncs too, extra_vars injectors only to jobs
    assert list(credential_type['injectors']) == ['env']
    assert injected_env(REPO_ROOT, 'k-123') == {'LEASEWEB_API_KEY': 'k-123'}


def test_the_awx_guide_shows_the_shipped_files_as_they_are():
    blocks = yaml_blocks(GUIDE)
    credential_type = example('credential_type.yml')
    assert credential_type['inputs'] in blocks
    assert credential_type['injectors'] in blocks
    assert example('execution-environment.yml') in blocks
    assert example('project', 'collections', 'requirements.yml') in blocks
    assert example('project', 'playbooks', 'provision.yml')[0] in [b[0] for b in blocks if isinstance(b, list)]
    assert example('project', 'inventories', 'prod.leaseweb.yml') in blocks
    # the path to type in the inventory source's form
    assert '``%s``' % os.path.relpath(SOURCE, os.path.join('examples', 'awx', 'project')) in open(GUIDE).read()


def test_a_job_runs_as_an_execution_node_runs_it(installed, emulator, tmp_path):
    """ansible-runner transmit | worker | process, with a private data directory as AWX makes one:
    env/envvars holding the credential's environment, inventory/ the plugin's file, project/ the
    example project; the job template's limit and extra variables."""
    emulator.api('PUT', '/servers/12345', json={'reference': 'awx-target'})
    data = tmp_path / 'private'
    (data / 'env').mkdir(parents=True)
    (data / 'inventory').mkdir()
    shutil.copytree(os.path.join(installed.root, 'examples', 'awx', 'project'), str(data / 'project'))
    shutil.copy(os.path.join(installed.root, SOURCE), str(data / 'inventory'))
    envvars = injected_env(installed.root, emulator.api_key)
    # what the execution environment holds: the collection, and here the emulator's URL
    envvars.update(
        LEASEWEB_API_URL=emulator.url,
        ANSIBLE_COLLECTIONS_PATH=installed.path,
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
        ANSIBLE_NOCOLOR='1',
    )
    (data / 'env' / 'envvars').write_text(yaml.safe_dump(envvars))
    (data / 'env' / 'extravars').write_text(
        yaml.safe_dump({'provision_reference': 'awx-provisioned', 'provision_public_interface': 'closed'})
    )
    emulator.clear()
    env = clean_env()
    transmit = subprocess.Popen(
        [tool('ansible-runner'), 'transmit', str(data), '-p', 'playbooks/provision.yml', '--limit', 'awx-target'],
        env=env,
        stdout=subprocess.PIPE,
    )
    worker = subprocess.Popen(
        [tool('ansible-runner'), 'worker', '--private-data-dir', str(tmp_path / 'node')],
        env=env,
        stdin=transmit.stdout,
        stdout=subprocess.PIPE,
    )
    transmit.stdout.close()
    process = subprocess.run(
        [tool('ansible-runner'), 'process', str(tmp_path / 'controller')],
        env=env,
        stdin=worker.stdout,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
        check=False,
    )
    worker.stdout.close()
    assert worker.wait(60) == 0 and transmit.wait(60) == 0
    assert process.returncode == 0, process.stdout[-20000:] + process.stderr
    artifacts = str(tmp_path / 'controller' / 'artifacts')
    with open(os.path.join(artifacts, 'status')) as handle:
        assert handle.read() == 'successful'
    events = []
    for path in glob.glob(os.path.join(artifacts, 'job_events', '*.json')):
        with open(path) as handle:
            events.append(json.load(handle))
    stats = [e['event_data'] for e in events if e['event'] == 'playbook_on_stats']
    assert len(stats) == 1 and stats[0]['changed'] == {'awx-target': 2} and not stats[0]['failures']
    assert sorted(set(e['event_data'].get('host') for e in events if e['event'] == 'runner_on_ok')) == ['awx-target']
    log = emulator.take()
    assert all(r['status'] in (200, 204) for r in log), log
    assert [(r['method'], r['path']) for r in log if r['method'] != 'GET'] == [
        ('PUT', '/bareMetals/v2/servers/12345'),
        ('POST', '/bareMetals/v2/servers/12345/networkInterfaces/public/close'),
    ]
    assert emulator.api('GET', '/servers/12345').json()['contract']['reference'] == 'awx-provisioned'
    shown = process.stdout + ''.join(json.dumps(e) for e in events)
    assert emulator.api_key not in shown
