# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory plugin leaseweb.dedicated.servers, run by ansible-inventory against the emulator.

Each test writes an inventory file, runs ``ansible-inventory --list`` (or ``--graph``), and checks
the hosts, groups and variables it shows and the requests the emulator answered.
"""

import ast
import json
import os
import subprocess

import yaml

from tests.conftest import REPO_ROOT, plain
from tests.integration.test_targets import ansible_command, ansible_env, run_playbook

LIST = '/bareMetals/v2/servers'


class Run(object):
    def __init__(self, result, listing):
        self.returncode = result.returncode
        self.stdout = result.stdout
        self.stderr = result.stderr
        # Ansible wraps its warnings to the terminal width: compare text with single spaces
        self.message = ' '.join(result.stderr.split())
        self.data = listing

    @property
    def hostvars(self):
        return self.data['_meta']['hostvars']

    def hosts(self, group):
        """The hosts of a group and of its children."""
        found = set(self.data.get(group, {}).get('hosts', []))
        for child in self.data.get(group, {}).get('children', []):
            found |= self.hosts(child)
        return found

    def by_id(self):
        return dict((variables['leaseweb_id'], (name, variables)) for name, variables in self.hostvars.items())


def write_config(tmp_path, config, name='test.leaseweb.yml'):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict(dict(plugin='leaseweb.dedicated.servers'), **config)))
    return path


def inventory(emulator, tmp_path, config, *args, **env):
    """Run ansible-inventory --list (or the given args) on an inventory file with this config."""
    path = write_config(tmp_path, config)
    env.setdefault('LEASEWEB_API_KEY', emulator.api_key)
    environment = ansible_env(emulator, **dict((k, v) for k, v in env.items() if v is not None))
    command = [ansible_command('ansible-inventory'), '-i', str(path)] + (list(args) or ['--list'])
    result = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )
    listing = None
    if '--list' in command and result.returncode == 0:
        listing = plain(json.loads(result.stdout))
    return Run(result, listing)


def api_servers(emulator, **query):
    query['limit'] = 1000
    return emulator.api('GET', '/servers', params=query).json()['servers']


def list_requests(emulator):
    log = emulator.requests()
    assert all(r['method'] == 'GET' and r['path'] == LIST for r in log), log
    return log


# -- reading -----------------------------------------------------------------------------


def test_every_page_is_read_once_and_every_server_is_a_host(emulator, tmp_path):
    servers = api_servers(emulator)
    emulator.clear()
    run = inventory(emulator, tmp_path, dict(page_size=3, concurrency=4))
    assert run.returncode == 0, run.stderr
    log = list_requests(emulator)
    assert sorted(int(r['query']['offset']) for r in log) == list(range(0, len(servers), 3))
    assert all(r['query']['limit'] == '3' and r['status'] == 200 for r in log)
    hosts = run.by_id()
    assert len(run.hostvars) == len(servers) == len(hosts) == 40
    for server in servers:
        name, variables = hosts[server['id']]
        assert variables['leaseweb_site'] == server['location']['site']
        assert variables['leaseweb_reference'] == server['contract']['reference']
        assert variables['leaseweb_public_ip'] == server['networkInterfaces']['public']['ip'].split('/')[0]
        assert variables['ansible_host'] == variables['leaseweb_public_ip']
        internal = server['networkInterfaces'].get('internal') or {}
        assert variables['leaseweb_internal_ip'] == (internal['ip'].split('/')[0] if internal.get('ip') else None)
        assert name in run.hosts('leaseweb_' + server['location']['site'].lower().replace('-', '_'))
    assert run.hosts('leaseweb') == set(run.hostvars)


def test_graph_shows_the_site_groups_under_leaseweb(emulator, tmp_path):
    run = inventory(emulator, tmp_path, {}, '--graph')
    assert run.returncode == 0, run.stderr
    sites = sorted(set(s['location']['site'] for s in api_servers(emulator)))
    lines = run.stdout.splitlines()
    assert '  |--@leaseweb:' in lines
    for site in sites:
        assert '  |  |--@leaseweb_%s:' % site.lower().replace('-', '_') in lines
    assert sum(1 for line in lines if line.startswith('  |  |  |--')) == 40


def test_filters_are_applied_by_the_api(emulator, tmp_path):
    expected = set(s['id'] for s in api_servers(emulator, site='AMS-01', privateNetworkCapable='true'))
    emulator.clear()
    run = inventory(emulator, tmp_path, dict(site='AMS-01', private_network_capable=True, page_size=4))
    assert run.returncode == 0, run.stderr
    assert set(run.by_id()) == expected and expected
    log = list_requests(emulator)
    assert len(log) == -(-len(expected) // 4)
    assert all(r['query']['site'] == 'AMS-01' and r['query']['privateNetworkCapable'] == 'true' for r in log)

    server = api_servers(emulator)[5]
    emulator.clear()
    run = inventory(
        emulator,
        tmp_path,
        dict(
            ip=server['networkInterfaces']['public']['ip'],
            mac_address=server['networkInterfaces']['public']['mac'].lower(),
        ),
    )
    assert run.returncode == 0, run.stderr
    assert list(run.by_id()) == [server['id']]
    query = list_requests(emulator)[0]['query']
    assert query['ip'] == server['networkInterfaces']['public']['ip'].split('/')[0]
    assert query['macAddress'] == server['networkInterfaces']['public']['mac'].lower()


def test_bad_options_fail_before_any_request(emulator, tmp_path):
    emulator.clear()
    run = inventory(emulator, tmp_path, dict(ip='192.0.2.999'), ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true')
    assert run.returncode != 0
    assert "ip: '192.0.2.999' is not an IPv4 or IPv6 address" in run.message
    run = inventory(emulator, tmp_path, dict(connect_with='bastion'), ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true')
    assert run.returncode != 0 and 'connect_with' in run.message
    assert emulator.requests() == []


# -- names and groups --------------------------------------------------------------------


def test_duplicate_host_names_are_warned_and_made_unique(emulator, tmp_path):
    servers = api_servers(emulator)
    run = inventory(emulator, tmp_path, {})
    assert run.returncode == 0, run.stderr
    hosts = run.by_id()
    assert len(hosts) == 40
    by_reference = {}
    for server in servers:
        by_reference.setdefault(server['contract']['reference'], []).append(server['id'])
    duplicated = dict((ref, sorted(ids, key=int)) for ref, ids in by_reference.items() if ref and len(ids) > 1)
    assert duplicated
    for reference, ids in duplicated.items():
        assert hosts[ids[0]][0] == reference
        for server_id in ids[1:]:
            assert hosts[server_id][0] == '%s-%s' % (reference, server_id)
    for server_id in by_reference.get(None, []):
        assert hosts[server_id][0] == server_id
    assert ('1 host name was' if len(duplicated) == 1 else '%d host names were' % len(duplicated)) in run.message

    run = inventory(emulator, tmp_path, dict(hostname=['asset_id']))
    assert sorted(run.hostvars) == sorted(s['assetId'] for s in servers)
    assert 'wanted by several' not in run.message


def test_connect_with_and_a_missing_interface(emulator, tmp_path):
    run = inventory(emulator, tmp_path, dict(connect_with='internal_ip', hostname=['id']))
    assert run.returncode == 0, run.stderr
    missing = sorted(name for name, v in run.hostvars.items() if not v['leaseweb_internal_ip'])
    assert missing  # the seeded fleet has servers without an internal interface
    for name, variables in run.hostvars.items():
        assert variables.get('ansible_host') == variables['leaseweb_internal_ip']
    assert 'have no such address' in run.message and missing[0] in run.message
    run = inventory(emulator, tmp_path, dict(connect_with='none'))
    assert not any('ansible_host' in v for v in run.hostvars.values())


def test_keyed_groups_groups_and_compose(emulator, tmp_path):
    run = inventory(
        emulator,
        tmp_path,
        dict(
            hostname=['id'],
            group='lsw',
            hostvars_prefix='lw_',
            strict=True,
            keyed_groups=[dict(key='lw_rack_type | lower', prefix='rack'), dict(key='lw_features', prefix='feature')],
            groups=dict(databases="(lw_reference or '').startswith('db-')"),
            compose=dict(datacenter='lw_site | lower', ansible_host='lw_remote_management_ip or lw_public_ip'),
        ),
    )
    assert run.returncode == 0, run.stderr
    hostvars = run.hostvars
    assert run.hosts('lsw') == set(hostvars) and run.hosts('lsw_ams_01')
    for name, variables in hostvars.items():
        assert name in run.hosts('rack_' + variables['lw_rack_type'].lower())
        for feature in variables['lw_features']:
            assert name in run.hosts('feature_' + feature)
        assert (name in run.hosts('databases')) == (variables['lw_reference'] or '').startswith('db-')
        assert variables['datacenter'] == variables['lw_site'].lower()
        assert variables['ansible_host'] == (variables['lw_remote_management_ip'] or variables['lw_public_ip'])
    assert run.hosts('databases') and run.hosts('feature_automation') != set(hostvars)


def test_details_read_every_full_record(emulator, tmp_path):
    full = dict((s['id'], emulator.api('GET', '/servers/%s' % s['id']).json()) for s in api_servers(emulator))
    emulator.clear()
    run = inventory(emulator, tmp_path, dict(details=True, hostname=['serial_number', 'id'], concurrency=4))
    assert run.returncode == 0, run.stderr
    log = emulator.requests()
    assert [r['path'] for r in log if r['path'] == LIST] == [LIST]
    assert sorted(r['path'] for r in log if r['path'] != LIST) == sorted('%s/%s' % (LIST, i) for i in full)
    for name, variables in run.hostvars.items():
        record = full[variables['leaseweb_id']]
        assert name == record['serialNumber']
        assert variables['leaseweb_server']['specs']['cpu'] == record['specs']['cpu']
        assert variables['leaseweb_server']['rack']['id'] == record['rack']['id']


# -- caching ------------------------------------------------------------------------------


def test_a_cache_hit_sends_no_request(emulator, tmp_path):
    config = dict(
        cache=True,
        cache_plugin='ansible.builtin.jsonfile',
        cache_connection=str(tmp_path / 'cache'),
        cache_timeout=600,
        page_size=10,
    )
    emulator.clear()
    first = inventory(emulator, tmp_path, config)
    assert first.returncode == 0, first.stderr
    assert len(emulator.requests()) == 4
    emulator.clear()
    second = inventory(emulator, tmp_path, config)
    assert second.returncode == 0, second.stderr
    assert emulator.requests() == []
    assert second.data == first.data
    # names, groups and variables of your own are applied to the cached servers
    third = inventory(emulator, tmp_path, dict(config, hostname=['id'], compose=dict(x='leaseweb_site')))
    assert emulator.requests() == []
    assert sorted(third.hostvars) == sorted(v['leaseweb_id'] for v in first.hostvars.values())
    # a refresh is asked for: read again (ansible-inventory of ansible-core 2.17 has no --flush-cache)
    playbook = tmp_path / 'nothing.yml'
    playbook.write_text(yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': []}]))
    result = run_playbook(
        emulator,
        playbook,
        '-i',
        str(write_config(tmp_path, config)),
        '--flush-cache',
        LEASEWEB_API_KEY=emulator.api_key,
    )
    assert result.returncode == 0, result.stdout
    assert len(emulator.requests()) == 4
    emulator.clear()
    assert inventory(emulator, tmp_path, config).data == first.data
    assert emulator.requests() == []
    # other filters: the cache does not hold these servers
    emulator.clear()
    filtered = inventory(emulator, tmp_path, dict(config, site='AMS-01'))
    assert len(emulator.requests()) >= 1
    assert set(v['leaseweb_site'] for v in filtered.hostvars.values()) == {'AMS-01'}


# -- failures ------------------------------------------------------------------------------


def test_a_rate_limit_storm_is_survived(emulator, tmp_path):
    emulator.faults(rate_limit_rate=0.5, retry_after=0.05, seed=3)
    emulator.clear()
    run = inventory(emulator, tmp_path, dict(page_size=3, concurrency=4, api_retries=12))
    assert run.returncode == 0, run.stderr
    assert len(run.hostvars) == 40
    log = list_requests(emulator)
    assert sum(1 for r in log if r['status'] == 429) >= 5
    answered = sorted(int(r['query']['offset']) for r in log if r['status'] == 200)
    assert answered == list(range(0, 40, 3))


def test_a_failed_page_fails_the_inventory_loudly(emulator, tmp_path):
    emulator.faults(error_rate=1.0, error_status=503, query={'offset': '21'})
    emulator.clear()
    config = dict(page_size=7, concurrency=2, api_retries=1)
    run = inventory(emulator, tmp_path, config)
    message = run.message
    assert 'reading the servers failed, no host was added' in message
    assert 'GET /bareMetals/v2/servers: HTTP 503' in message and 'correlationId' in message
    assert 'gave up after 2 attempts' in message
    # Ansible goes on without the source, and shows no host of it: never a part of the list
    assert run.returncode == 0 and run.data['_meta']['hostvars'] == {}
    assert [r['status'] for r in emulator.requests() if r['query']['offset'] == '21'] == [503, 503]
    # where a failed source must stop the run
    run = inventory(emulator, tmp_path, config, ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true')
    assert run.returncode != 0 and 'HTTP 503' in run.message


# -- unsafe data and the key ---------------------------------------------------------------


def test_crafted_references_are_never_templated(emulator, tmp_path):
    marker = tmp_path / 'templated'
    servers = api_servers(emulator)
    crafted = {servers[0]['id']: '{{ 6 * 7 }}', servers[1]['id']: "{{ lookup('pipe', 'touch %s') }}" % marker}
    for server_id, reference in crafted.items():
        assert emulator.api('PUT', '/servers/%s' % server_id, json={'reference': reference}).status_code == 204
    config = dict(
        hostname=['reference', 'id'],
        compose=dict(ref_copy='leaseweb_reference'),
        keyed_groups=[dict(key='leaseweb_reference', prefix='ref')],
    )
    run = inventory(emulator, tmp_path, config)
    assert run.returncode == 0, run.stderr
    hosts = run.by_id()
    for server_id, reference in crafted.items():
        name, variables = hosts[server_id]
        assert name == server_id  # a template is not a usable host name: the id is
        assert variables['leaseweb_reference'] == reference and variables['ref_copy'] == reference
    playbook = tmp_path / 'show.yml'
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    'hosts': 'localhost',
                    'gather_facts': False,
                    'tasks': [
                        {
                            'ansible.builtin.debug': {
                                'msg': 'REF={{ hostvars[item].leaseweb_reference }} NAME={{ item }}'
                            },
                            'loop': '{{ groups.leaseweb }}',
                            'when': 'hostvars[item].leaseweb_id in crafted_ids',
                        }
                    ],
                }
            ]
        )
    )
    path = write_config(tmp_path, config)
    result = run_playbook(
        emulator,
        playbook,
        '-i',
        str(path),
        '-e',
        json.dumps({'crafted_ids': list(crafted)}),
        LEASEWEB_API_KEY=emulator.api_key,
    )
    assert result.returncode == 0, result.stdout
    assert 'REF={{ 6 * 7 }} NAME=%s' % list(crafted)[0] in result.stdout
    assert "REF={{ lookup('pipe', 'touch %s') }}" % marker in result.stdout
    assert 'REF=42' not in result.stdout and 'NAME=42' not in result.stdout
    assert not os.path.exists(str(marker))


def test_the_api_key_from_the_environment_or_a_template(emulator, tmp_path):
    run = inventory(emulator, tmp_path, {}, LEASEWEB_API_KEY=None, LEASEWEB_TOKEN=emulator.api_key)
    assert run.returncode == 0 and len(run.hostvars) == 40, run.stderr
    env = dict(LEASEWEB_TOKEN='wrong-token', ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true')
    run = inventory(emulator, tmp_path, {}, **env)
    assert run.returncode == 0, run.stderr  # LEASEWEB_API_KEY wins over LEASEWEB_TOKEN, as for the modules
    assert len(run.hostvars) == 40
    run = inventory(
        emulator,
        tmp_path,
        dict(api_key='{{ my_key }}'),
        '--list',
        '-e',
        'my_key=%s' % emulator.api_key,
        LEASEWEB_API_KEY='wrong-key',
        ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true',
    )
    assert run.returncode == 0, run.stderr
    emulator.clear()
    run = inventory(
        emulator, tmp_path, dict(api_key='secret-that-is-wrong'), ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true'
    )
    assert run.returncode != 0 and 'HTTP 401' in run.message
    assert 'secret-that-is-wrong' not in run.stderr + run.stdout


def wrapped(value, path=''):
    """The places in ansible-inventory's raw JSON where a string is written as {"__ansible_unsafe": ...}: {path: string}."""
    found = {}
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return {path: value['__ansible_unsafe']}
        for key, item in value.items():
            found.update(wrapped(item, '%s/%s' % (path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.update(wrapped(item, '%s/%d' % (path, index)))
    return found


def test_the_export_awx_stores_has_plain_values_and_keeps_templates_unsafe(emulator, tmp_path):
    """An inventory sync as AWX runs it: ansible-inventory --list --export --output, with the environment it sets.

    Measured before the fix on ansible-core 2.21: every string of every host was exported wrapped as
    {"__ansible_unsafe": "AMS-01"}; on 2.17 only the strings that hold a template.
    """
    servers = api_servers(emulator)
    crafted = servers[0]['id']
    assert emulator.api('PUT', '/servers/%s' % crafted, json={'reference': '{{ 6 * 7 }}'}).status_code == 204
    path = write_config(
        tmp_path, dict(details=True, compose=dict(datacenter='leaseweb_site | lower', ref_copy='leaseweb_reference'))
    )
    output = tmp_path / 'export.json'
    environment = ansible_env(
        emulator, LEASEWEB_API_KEY=emulator.api_key, ANSIBLE_INVENTORY_UNPARSED_FAILED='1', ANSIBLE_INVENTORY_EXPORT='1'
    )
    result = subprocess.run(
        [ansible_command('ansible-inventory'), '-i', str(path), '--list', '--export', '--output', str(output)],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    exported = json.loads(output.read_text())
    hostvars = exported['_meta']['hostvars']
    assert len(hostvars) == 40
    # only the reference that holds a template (in the variable, the full record and the composed copy) stays unsafe
    assert wrapped(exported) == {
        '/_meta/hostvars/%s/leaseweb_reference' % crafted: '{{ 6 * 7 }}',
        '/_meta/hostvars/%s/leaseweb_server/contract/reference' % crafted: '{{ 6 * 7 }}',
        '/_meta/hostvars/%s/ref_copy' % crafted: '{{ 6 * 7 }}',
    }
    # every other value as it is: a host of the list, and its full record
    by_id = dict((variables['leaseweb_id'], variables) for variables in hostvars.values())
    server = servers[1]
    variables = by_id[server['id']]
    assert variables['leaseweb_site'] == server['location']['site']
    assert variables['datacenter'] == server['location']['site'].lower()
    assert variables['ansible_host'] == server['networkInterfaces']['public']['ip'].split('/')[0]
    assert variables['leaseweb_server']['location'] == server['location']
    assert variables['leaseweb_reference'] == server['contract']['reference']
    assert by_id[crafted]['leaseweb_site'] == servers[0]['location']['site']


HOSTILE = ['Customer ABC / web', 'web:8080', 'web,db', 'web[1:3]', 'all', 'localhost', 'tab\there', 'caf\u00e9']


def test_references_that_are_not_usable_host_names_name_no_host(emulator, tmp_path):
    """Measured before: the reference 'Customer ABC / web' was a host name, which --limit could not select."""
    servers = api_servers(emulator)[: len(HOSTILE) + 1]
    for server, reference in zip(servers, HOSTILE + ['web-usable-1']):
        assert emulator.api('PUT', '/servers/%s' % server['id'], json={'reference': reference}).status_code == 204
    run = inventory(emulator, tmp_path, dict(hostname=['reference', 'id']))
    assert run.returncode == 0, run.stderr
    hosts = run.by_id()
    for server, reference in zip(servers, HOSTILE):
        name, variables = hosts[server['id']]
        assert name == server['id'] and variables['leaseweb_reference'] == reference
    assert hosts[servers[-1]['id']][0] == 'web-usable-1'
    assert '%d values are not usable as host names' % len(HOSTILE) in run.message
    assert "%s: reference 'Customer ABC / web'" % servers[0]['id'] in run.message
    # every host can be selected by its name
    path = write_config(tmp_path, dict(hostname=['reference', 'id']))
    for name in (servers[0]['id'], 'web-usable-1'):
        result = subprocess.run(
            [ansible_command('ansible'), 'all', '-i', str(path), '--limit', name, '--list-hosts'],
            cwd=REPO_ROOT,
            env=ansible_env(emulator, LEASEWEB_API_KEY=emulator.api_key),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ['hosts', '(1):', name]


def test_plain_http_to_another_host_fails_before_any_request(emulator, tmp_path):
    emulator.clear()
    run = inventory(
        emulator,
        tmp_path,
        {},
        LEASEWEB_API_URL='http://api.leaseweb.com',
        ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true',
    )
    assert run.returncode != 0
    assert (
        "leaseweb.dedicated.servers: api_url: 'http://api.leaseweb.com' is plain http, so the API key would cross "
        'the network to api.leaseweb.com in clear text: use https://.' in run.message
    )
    assert emulator.requests() == []


def test_a_page_that_never_answers_fails_the_inventory_after_its_attempts(emulator, tmp_path):
    emulator.faults(hang_seconds=2, query={'offset': '20'})
    emulator.clear()
    run = inventory(emulator, tmp_path, dict(page_size=10, concurrency=2, api_timeout=1, api_retries=1))
    assert (
        'reading the servers failed, no host was added: GET /bareMetals/v2/servers: no answer within 1 seconds '
        '[gave up after 2 attempts]' in run.message
    )
    assert run.returncode == 0 and run.data['_meta']['hostvars'] == {}
    assert [r['fault'] for r in emulator.requests() if r['query']['offset'] == '20'] == ['hang', 'hang']


# -- documentation -------------------------------------------------------------------------


def plugin_examples():
    tree = ast.parse(open(os.path.join(REPO_ROOT, 'plugins', 'inventory', 'servers.py')).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'EXAMPLES':
            return list(yaml.safe_load_all(node.value.value))
    return []


def test_every_example_runs(emulator, tmp_path):
    examples = plugin_examples()
    assert len(examples) == 3
    for number, example in enumerate(examples):
        if 'cache_connection' in example:
            example['cache_connection'] = str(tmp_path / 'cache')
        path = write_config(tmp_path, example, name='example%d.leaseweb.yml' % number)
        command = [
            ansible_command('ansible-inventory'),
            '-i',
            str(path),
            '--list',
            '-e',
            'vault_leaseweb_api_key=%s' % emulator.api_key,
        ]
        result = subprocess.run(
            command,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ansible_env(
                emulator, LEASEWEB_API_KEY=emulator.api_key, ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true'
            ),
            check=False,
        )
        assert result.returncode == 0, (example, result.stderr)
        assert json.loads(result.stdout)['_meta']['hostvars'], example


def test_ansible_doc_renders_the_plugin(emulator):
    result = subprocess.run(
        [ansible_command('ansible-doc'), '-t', 'inventory', 'leaseweb.dedicated.servers'],
        env=ansible_env(emulator),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert 'concurrency' in result.stdout and 'hostvars_prefix' in result.stdout and 'keyed_groups' in result.stdout
    assert 'LEASEWEB_API_KEY' in result.stdout
    assert '[WARNING]' not in result.stdout


def test_the_readme_example_runs(emulator, tmp_path):
    readme = open(os.path.join(REPO_ROOT, 'README.md')).read()
    block = readme.split('```yaml\n# inventory/prod.leaseweb.yml\n', 1)[1].split('```', 1)[0]
    example = yaml.safe_load(block)
    example['cache_connection'] = str(tmp_path / 'cache')
    expected = set(s['id'] for s in api_servers(emulator, site='AMS-01', privateNetworkCapable='true'))
    emulator.clear()
    # the key from LEASEWEB_API_KEY, as the example's comment says
    run = inventory(
        emulator,
        tmp_path,
        example,
        '--list',
        LEASEWEB_API_KEY=emulator.api_key,
        ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true',
    )
    assert run.returncode == 0, run.stderr
    assert set(run.by_id()) == expected
    for name, variables in run.hostvars.items():
        assert variables['datacenter'] == 'ams-01'
        assert variables.get('ansible_host') == variables['leaseweb_internal_ip']
        assert name in run.hosts('leaseweb_ams_01') and name in run.hosts(
            'rack_' + variables['leaseweb_rack_type'].lower()
        )
    requests_made = len(emulator.requests())
    assert requests_made >= 1
    again = inventory(emulator, tmp_path, example, '--list', LEASEWEB_API_KEY=emulator.api_key)
    assert again.data == run.data and len(emulator.requests()) == requests_made
