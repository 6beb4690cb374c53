# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Facts about the collection's files that users rely on."""

import ast
import os

import yaml

from tests.conftest import REPO_ROOT

MODULES_DIR = os.path.join(REPO_ROOT, 'plugins', 'modules')
MODULES = sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('.py') and name != '__init__.py')


def module_docs(name):
    tree = ast.parse(open(os.path.join(MODULES_DIR, name + '.py')).read())
    docs = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in ('DOCUMENTATION', 'EXAMPLES', 'RETURN'):
                    docs[target.id] = yaml.safe_load(node.value.value)
    return docs


def test_every_module_is_in_the_action_group_and_nothing_else_is():
    runtime = yaml.safe_load(open(os.path.join(REPO_ROOT, 'meta', 'runtime.yml')))
    assert sorted(runtime['action_groups']['all']) == MODULES


def test_every_module_documents_its_attributes_examples_and_returns():
    for name in MODULES:
        docs = module_docs(name)
        doc = docs['DOCUMENTATION']
        assert doc['module'] == name
        fragments = doc['extends_documentation_fragment']
        for fragment in (
            'leaseweb.dedicated._api',
            'leaseweb.dedicated._attributes',
            'leaseweb.dedicated._attributes.ACTION_GROUP',
        ):
            assert fragment in fragments, (name, fragment)
        if name.endswith('_info'):
            assert 'leaseweb.dedicated._attributes.INFO_MODULE' in fragments, name
        else:
            assert set(doc['attributes']) >= {'check_mode', 'diff_mode', 'idempotent'}, name
        assert docs['EXAMPLES'], name
        assert docs['RETURN'], name


def test_the_user_agent_names_the_version_of_galaxy_yml():
    """The client sends the collection's version in its User-Agent: the one galaxy.yml releases."""
    from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import COLLECTION_VERSION

    galaxy = yaml.safe_load(open(os.path.join(REPO_ROOT, 'galaxy.yml')))
    assert COLLECTION_VERSION == galaxy['version']
