# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What AWX stores is what ``ansible-inventory --list --export`` prints. On ansible-core 2.19 and later
the plugin's strings are exported wrapped, ``{"__ansible_unsafe": "AMS-01"}``, every one of them.
Once the plugin trusts the strings that cannot hold a template (no ``{`` or ``}``) on 2.19+, plain
values export as plain values on every ansible-core, and a value holding template syntax stays
unsafe. The Makefile's artifact jobs run this on the oldest and newest ansible-core.
"""

from tests.artifact.test_awx_inventory import awx_sync

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
    # a reference holding template syntax is no usable host name: the host is named by its id, and
    # the reference is kept, as text, in its variable: the one value exported unsafe
    assert hostvars['12345']['leaseweb_reference'] == {'__ansible_unsafe': TEMPLATE}
    assert TEMPLATE not in hostvars
    unsafe, strings = wrapped(exported)
    assert unsafe == [(('_meta', 'hostvars', '12345', 'leaseweb_reference'), TEMPLATE)]
    # every other string, of every host (ids, sites, addresses, features, compose results), is plain
    assert len(strings) > 40 * 8
    for variables in hostvars.values():
        assert isinstance(variables['leaseweb_site'], str) and isinstance(variables['datacenter'], str)
        assert all(isinstance(feature, str) for feature in variables['leaseweb_features'])
