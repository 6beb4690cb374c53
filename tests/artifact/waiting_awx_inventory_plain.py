# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WAITING for a change of plugins/inventory/servers.py: not collected by pytest under this name.

What AWX stores is what ``ansible-inventory --list --export`` prints. On ansible-core 2.19 and later
the plugin's strings are exported wrapped, ``{"__ansible_unsafe": "AMS-01"}``, every one of them.
Once the plugin trusts the strings that cannot hold a template (no ``{`` or ``}``) on 2.19+, plain
values export as plain values on every ansible-core, and a value holding template syntax stays
unsafe. Wire in with ``git mv tests/artifact/waiting_awx_inventory_plain.py
tests/artifact/test_awx_inventory_plain.py``: the Makefile's artifact jobs then run it on the oldest
and newest ansible-core.
"""

from ansible.release import __version__ as ANSIBLE_VERSION

from tests.artifact.test_awx_inventory import awx_sync
from tests.conftest import plain

OLD_CORE = tuple(int(part) for part in ANSIBLE_VERSION.split('.')[:2]) < (2, 19)

TEMPLATE = "{{ lookup('pipe', 'id') }}"


def wrapped(value, path=()):
    """The paths of the values exported as {"__ansible_unsafe": ...}, and every plain string's path."""
    unsafe, strings = [], []
    if isinstance(value, dict) and set(value) == {'__ansible_unsafe'}:
        unsafe.append((path, value['__ansible_unsafe']))
    elif isinstance(value, dict):
        for key, item in value.items():
            more_unsafe, more_strings = wrapped(item, path + (key,))
            unsafe += more_unsafe
            strings += more_strings
    elif isinstance(value, list):
        for index, item in enumerate(value):
            more_unsafe, more_strings = wrapped(item, path + (index,))
            unsafe += more_unsafe
            strings += more_strings
    elif isinstance(value, str):
        strings.append(path)
    return unsafe, strings


def test_plain_values_export_plain_and_a_template_stays_unsafe(installed, emulator, tmp_path):
    assert emulator.api('PUT', '/servers/12345', json={'reference': TEMPLATE}).status_code == 204
    result, exported = awx_sync(installed, emulator, tmp_path)
    assert result.returncode == 0, result.stderr
    hostvars = exported['_meta']['hostvars']
    # the example names hosts by reference: this one is named by the template's text, as text
    assert hostvars[TEMPLATE]['leaseweb_id'] == '12345'
    unsafe, strings = wrapped(exported)
    in_groups = [(path, value) for path, value in unsafe if path[1:2] == ('hosts',)]
    assert sorted(set(unsafe) - set(in_groups)) == [(('_meta', 'hostvars', TEMPLATE, 'leaseweb_reference'), TEMPLATE)]
    # up to ansible-core 2.18 the plugin marks such a host name unsafe too (a name is a variable,
    # inventory_hostname, that 2.18 would template): the groups list it wrapped
    if OLD_CORE:
        groups = [name for name, group in exported.items() if name != '_meta' and TEMPLATE in plain(group).get('hosts', [])]
        assert sorted(group for (group, _hosts, _index), _value in in_groups) == sorted(groups) and groups
    else:
        assert in_groups == []
    # every other string, of every host (ids, sites, addresses, features, compose results), is plain
    assert len(strings) > 40 * 8
    for variables in hostvars.values():
        assert isinstance(variables['leaseweb_site'], str) and isinstance(variables['datacenter'], str)
        assert all(isinstance(feature, str) for feature in variables['leaseweb_features'])
