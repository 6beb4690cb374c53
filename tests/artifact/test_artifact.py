# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built tarball: what it holds, and the installed copy at work (ansible-doc, inventory, playbook)."""

import json
import os
import re
import subprocess
import sys
import tarfile

import yaml

from tests.artifact.conftest import build, clean_env, run, tool
from tests.conftest import REPO_ROOT, plain

# What must never ship: virtual environments, caches, test output, build results.
JUNK = re.compile(
    r'(^|/)(\.venv|\.nox|\.tox|\.cache|\.ansible|\.pytest_cache|\.mypy_cache|\.ruff_cache|__pycache__|\.git'
    r'|site-packages)(/|$)'
    r'|(^|/)(pyvenv\.cfg|\.coverage|\.plugin-cache\.yaml)$|\.py[co]$|\.tar\.gz$'
    r'|^(tests/output|build)(/|$)|^importer_result\.json$'
)

# The maintainers' files, left out on purpose (galaxy.yml becomes MANIFEST.json).
MAINTAINERS_ONLY = re.compile(
    r'^(Makefile|\.gitignore|galaxy\.yml|ruff\.toml|\.pre-commit-config\.yaml|\.git-blame-ignore-revs|\.ci/.*|benchmarks/.*)$'
)

# Folders whose every file users get.
SHIPPED = ('plugins', 'roles', 'playbooks', 'meta', 'docs', 'examples', 'changelogs', 'tests/emulator')

MODULES = sorted(
    name[:-3]
    for name in os.listdir(os.path.join(REPO_ROOT, 'plugins', 'modules'))
    if name.endswith('.py') and name != '__init__.py'
)
ROLES = sorted(os.listdir(os.path.join(REPO_ROOT, 'roles')))


def members(path):
    """The files of a tarball, without the directories."""
    with tarfile.open(path) as tar:
        return set(member.name for member in tar.getmembers() if not member.isdir())


def tracked_files(root):
    """The files under ``root`` the checkout ships (no cache of a test run that happened before)."""
    found = set()
    for folder in SHIPPED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = [d for d in dirnames if not JUNK.search(d + '/')]
            for name in filenames:
                relative = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, '/')
                if not JUNK.search(relative):
                    found.add(relative)
    return found


def test_the_tarball_holds_the_collection_and_no_junk(tarball):
    files = members(tarball)
    assert sorted(name for name in files if JUNK.search(name)) == []
    assert sorted(name for name in files if MAINTAINERS_ONLY.match(name)) == []
    for name in (
        'MANIFEST.json',
        'FILES.json',
        'README.md',
        'COPYING',
        'requirements.txt',
        'meta/runtime.yml',
        'meta/execution-environment.yml',
        'docs/docsite/extra-docs.yml',
        'emulator.py',
        'tests/emulator/__main__.py',
        'tests/__init__.py',
    ):
        assert name in files, name
    missing = tracked_files(REPO_ROOT) - files
    assert sorted(missing) == []
    with tarfile.open(tarball) as tar:
        manifest = json.load(tar.extractfile('MANIFEST.json'))
        listed = json.load(tar.extractfile('FILES.json'))
    galaxy = yaml.safe_load(open(os.path.join(REPO_ROOT, 'galaxy.yml')))
    assert manifest['collection_info']['version'] == galaxy['version']
    assert os.path.basename(tarball) == 'leaseweb-dedicated-%s.tar.gz' % galaxy['version']
    assert set(f['name'] for f in listed['files'] if f['ftype'] == 'file') == files - {'MANIFEST.json', 'FILES.json'}


def test_build_ignore_leaves_out_venvs_caches_and_test_output(tmp_path):
    """Built from a copy of the checkout where every kind of junk was left, at the top and deeper."""
    copy = subprocess.run(
        [sys.executable, os.path.join(REPO_ROOT, 'tests', 'utils', 'copy_collection.py'), str(tmp_path / 'src')],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout.strip()
    source = set()
    for dirpath, dirnames, filenames in os.walk(copy):
        dirnames[:] = [d for d in dirnames if d != '__pycache__']
        source |= set(os.path.relpath(os.path.join(dirpath, name), copy) for name in filenames)
    junk = [
        '.venv/pyvenv.cfg',
        '.venv/lib/python3.13/site-packages/requests/__init__.py',
        'tests/.venv/pyvenv.cfg',
        '.nox/docs/pyvenv.cfg',
        '.tox/py313/pyvenv.cfg',
        '.cache/pytest-units-2.21/test_power0/out.json',
        'docs/docsite/.cache/build/index.html',
        '.ansible/collections/ansible_collections/x/y/MANIFEST.json',
        'roles/provision/.ansible/roles/r/x.yml',
        '.pytest_cache/v/cache/lastfailed',
        'tests/unit/.pytest_cache/README.md',
        '.mypy_cache/3.13/x.json',
        'plugins/.ruff_cache/CACHEDIR.TAG',
        'plugins/modules/__pycache__/power.cpython-313.pyc',
        'plugins/module_utils/api.pyc',
        'tests/output/junit/python3.13-modules.xml',
        'tests/output/.tmp/sanity/x',
        '.coverage',
        'tests/.coverage',
        'changelogs/.plugin-cache.yaml',
        'build/lib/x.py',
        'importer_result.json',
        'leaseweb-dedicated-0.0.1.tar.gz',
    ]
    for name in junk:
        path = os.path.join(copy, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as handle:
            handle.write('junk\n')
    files = members(build(copy, tmp_path))
    assert sorted(name for name in junk if name in files or any(f.startswith(name + '/') for f in files)) == []
    assert sorted(name for name in files if JUNK.search(name)) == []
    # and build_ignore leaves out nothing else
    assert sorted(name for name in source - files if not MAINTAINERS_ONLY.match(name)) == []


# -- the installed copy ---------------------------------------------------------------------

HEADER = re.compile(r'^> (MODULE|INVENTORY|LOOKUP|ROLE):? \*?(leaseweb\.dedicated\.\w+)\*? \((.+)\)$', re.M)


def test_ansible_doc_renders_every_plugin_and_role_of_the_installed_copy(installed, tmp_path):
    env = clean_env(installed.path)
    shown = {}
    for doc_type, names in (
        ('module', MODULES),
        ('inventory', ['servers']),
        ('lookup', ['credential']),
        ('role', ROLES),
    ):
        fqcns = ['leaseweb.dedicated.' + name for name in names]
        result = run([tool('ansible-doc'), '-t', doc_type] + fqcns, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stdout[-5000:] + result.stderr
        # ansible-core 2.21 warns about a collection of its own (ansible._protomatter) on role docs
        warnings = [line for line in result.stderr.splitlines() if 'WARNING' in line or 'ERROR' in line]
        assert [w for w in warnings if 'ansible/_internal/ansible_collections' not in w] == []
        for kind, name, location in HEADER.findall(result.stdout):
            shown[name] = (kind.lower(), location)
        assert 'EXAMPLES' in result.stdout or doc_type == 'role'
    expected = dict(('leaseweb.dedicated.' + name, 'module') for name in MODULES)
    expected['leaseweb.dedicated.servers'] = 'inventory'
    expected['leaseweb.dedicated.credential'] = 'lookup'
    expected.update(('leaseweb.dedicated.' + name, 'role') for name in ROLES)
    assert dict((name, kind) for name, (kind, location) in shown.items()) == expected
    assert all(location.startswith(installed.root) for kind, location in shown.values())


def test_the_inventory_plugin_of_the_installed_copy_lists_the_fleet(installed, emulator, tmp_path):
    servers = emulator.api('GET', '/servers', params={'limit': 100}).json()['servers']
    emulator.clear()
    source = tmp_path / 'fleet.leaseweb.yml'
    source.write_text('plugin: leaseweb.dedicated.servers\npage_size: 15\n')
    env = clean_env(installed.path, LEASEWEB_API_KEY=emulator.api_key, LEASEWEB_API_URL=emulator.url)
    result = run([tool('ansible-inventory'), '-i', str(source), '--list'], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    listing = plain(json.loads(result.stdout))
    hostvars = listing['_meta']['hostvars']
    assert sorted(v['leaseweb_id'] for v in hostvars.values()) == sorted(s['id'] for s in servers)
    sites = set(s['location']['site'] for s in servers)
    assert sorted(listing['leaseweb']['children']) == sorted('leaseweb_' + s.lower().replace('-', '_') for s in sites)
    log = emulator.take()
    assert all(r['method'] == 'GET' and r['path'] == '/bareMetals/v2/servers' for r in log), log
    # the first page alone, then the others at once
    offsets = [r['query']['offset'] for r in log]
    assert offsets[0] == '0' and sorted(offsets[1:]) == ['15', '30']


PLAYBOOK = """\
- name: Modules and the provision role of the installed collection, on a host of its inventory
  hosts: leaseweb
  gather_facts: false
  module_defaults:
    group/leaseweb.dedicated.all:
      api_key: "{{ vault_leaseweb_api_key }}"
  tasks:
    - name: Read the server
      leaseweb.dedicated.server_info:
        server_id: "{{ leaseweb_id }}"
      delegate_to: localhost
      register: artifact_server

    - name: The module read the host the inventory made
      ansible.builtin.assert:
        that:
          - artifact_server.servers | map(attribute='id') == [leaseweb_id]
          - artifact_server.servers[0].network_interfaces.public.ip.startswith('192.0.2.10/')

    - name: Provision it
      ansible.builtin.include_role:
        name: leaseweb.dedicated.provision
      vars:
        provision_server_id: "{{ leaseweb_id }}"
        provision_reference: artifact-web-01
        provision_public_interface: closed
"""


def test_a_playbook_runs_modules_and_the_role_with_the_key_from_a_vault(installed, emulator, tmp_path):
    """The authentication guide's vault recipe: an encrypted vars file given with -e @, read by the
    inventory file's api_key and by module_defaults; no key in the environment."""
    env = clean_env(installed.path, LEASEWEB_API_URL=emulator.url)
    password = tmp_path / 'vault-pass'
    password.write_text('artifact-vault-password\n')
    secrets = tmp_path / 'leaseweb.vault.yml'
    secrets.write_text('vault_leaseweb_api_key: %s\n' % emulator.api_key)
    encrypt = run(
        [tool('ansible-vault'), 'encrypt', '--vault-password-file', str(password), str(secrets)], cwd=tmp_path, env=env
    )
    assert encrypt.returncode == 0, encrypt.stderr
    assert emulator.api_key not in secrets.read_text()
    source = tmp_path / 'prod.leaseweb.yml'
    source.write_text('plugin: leaseweb.dedicated.servers\napi_key: "{{ vault_leaseweb_api_key }}"\nip: 192.0.2.10\n')
    playbook = tmp_path / 'site.yml'
    playbook.write_text(PLAYBOOK)
    emulator.clear()
    result = run(
        [
            tool('ansible-playbook'),
            '-i',
            str(source),
            str(playbook),
            '-e',
            '@%s' % secrets,
            '--vault-password-file',
            str(password),
        ],
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr
    assert re.search(r'^\S+\s+: ok=\d+\s+changed=2\s+unreachable=0\s+failed=0', result.stdout, re.M), result.stdout
    log = emulator.take()
    assert all(r['status'] in (200, 204) for r in log), log
    assert [(r['method'], r['path']) for r in log if r['method'] != 'GET'] == [
        ('PUT', '/bareMetals/v2/servers/12345'),
        ('POST', '/bareMetals/v2/servers/12345/networkInterfaces/public/close'),
    ]
    assert emulator.api('GET', '/servers/12345').json()['contract']['reference'] == 'artifact-web-01'
    assert emulator.api_key not in result.stdout + result.stderr
