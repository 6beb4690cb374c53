# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""extensions/audit/event_query.yml, the queries Automation Platform counts managed nodes with, run as the
controller runs them (the jq library, on the result of each task whose module has a query, nodes told
apart by their canonical_facts) on the results of the modules' EXAMPLES, run in the module harness against
the emulator: one node per server.

The results carry no ``invocation`` (the module's arguments), as ansible-core 2.21 and later by default: the
modules return the server they acted on as ``server_id``. In the eda job: its virtual environment holds jq."""

import ast
import collections
import os
import re

import jq
import yaml

from tests.conftest import REPO_ROOT
from tests.unit.plugins.modules.harness import ModuleHarness

QUERIES = os.path.join(REPO_ROOT, 'extensions', 'audit', 'event_query.yml')
MODULES_DIR = os.path.join(REPO_ROOT, 'plugins', 'modules')
# The modules of the catalogue concern no server.
NO_SERVER = ('control_panel_info', 'operating_system_info', 'rescue_image_info')
FACTS = dict(infra_type='bare_metal', infra_bucket='compute', device_type='dedicated_server')
PREFIX = 'leaseweb.dedicated.'


def modules():
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('.py') and name != '__init__.py')


def example_tasks(name):
    """The tasks of a module's EXAMPLES that call a module of the collection with arguments that need no
    variable but the inventory's leaseweb_id (the others use what earlier tasks registered)."""
    for node in ast.parse(open(os.path.join(MODULES_DIR, name + '.py')).read()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'EXAMPLES':
            for task in yaml.safe_load(node.value.value):
                modules = [key for key in task if key.startswith(PREFIX)]
                if not modules or 'loop' in task:
                    continue
                text = yaml.safe_dump(task[modules[0]]).replace('{{ leaseweb_id }}', '12345')
                if '{{' not in text:
                    yield modules[0], yaml.safe_load(text) or {}


def nulls(value):
    if value is None:
        return True
    if isinstance(value, dict):
        return any(nulls(item) for item in value.values())
    if isinstance(value, list):
        return any(nulls(item) for item in value)
    return False


def hashable(value):
    """The controller's get_hashable_form()."""
    if isinstance(value, dict):
        return tuple(sorted((hashable(k), hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(hashable(item) for item in value)
    return value


def test_every_module_of_a_server_has_a_query_and_the_examples_count_one_node_per_server():
    queries = yaml.safe_load(open(QUERIES))
    server_modules = [name for name in modules() if name not in NO_SERVER]
    assert sorted(queries) == [PREFIX + name for name in server_modules]
    compiled = dict((name, jq.compile(entry['query'])) for name, entry in queries.items())

    # the harness's clock moves a second a request: jobs end and power cycles show, a read at a time
    harness = ModuleHarness(servers=12, seed=7, job_seconds=2).start()
    try:
        results = []
        for name in server_modules:
            for action, args in example_tasks(name):
                run = harness.run(action[len(PREFIX) :], **args)
                assert 'invocation' not in run.result
                run.result['args'] = args
                assert not run.failed, (name, action, args, run.result)
                results.append((action, run.result))
        fleet = [record.id for record in harness.state.order]
    finally:
        harness.stop()

    nodes = {}  # as the controller keeps them: by canonical_facts
    by_module = collections.defaultdict(set)
    for action, result in results:
        if action not in compiled:
            continue
        for node in compiled[action].input(result).all():
            assert node['canonical_facts'] and not nulls(node['canonical_facts']), (action, node)
            assert node['name'] == node['canonical_facts']['id'] and node['facts'] == FACTS, (action, node)
            assert re.match(r'^[0-9]+$', node['name']), (action, node)
            nodes.setdefault(hashable(node['canonical_facts']), node)
            by_module[action].add(node['name'])
            server_id = result['args'].get('server_id')
            if server_id is not None:  # a task on one server: that server
                assert node['name'] == server_id, (action, node)

    # every query counted what its module's examples work on
    assert sorted(by_module) == sorted(queries)
    # one node per server: those the examples work on (12345), and those the listing examples read
    names = [node['name'] for node in nodes.values()]
    assert len(names) == len(set(names)) and set(names) == set(fleet)
    assert by_module[PREFIX + 'power'] == {'12345'} and by_module[PREFIX + 'install'] == {'12345'}
    listed = set(
        server['id'] for action, result in results if action == PREFIX + 'server_info' for server in result['servers']
    )
    assert by_module[PREFIX + 'server_info'] == listed and len(listed) > 1


def test_a_failed_task_and_a_hidden_result_count_no_node():
    queries = yaml.safe_load(open(QUERIES))
    power = jq.compile(queries['leaseweb.dedicated.power']['query'])
    failed = dict(
        failed=True,
        msg='GET /bareMetals/v2/servers/99999/powerInfo: HTTP 404',
        invocation=dict(module_args=dict(server_id='99999')),
    )
    assert power.input(failed).all() == []
    assert (
        power.input(
            dict(
                censored="the output has been hidden due to the fact that 'no_log: true' was specified for this result"
            )
        ).all()
        == []
    )
