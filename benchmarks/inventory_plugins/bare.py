# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark's baseline: an inventory plugin that adds hosts without any network.

It reads a JSON file (``*.bare.json``, written by benchmarks/inventory.py from an inventory of
leaseweb.dedicated.servers) ``{"group": NAME, "hosts": [[host, site group, {variables}], ...]}``
and adds the same groups, hosts and variables with the same calls, nothing else: what is left
is what ansible-core itself costs for such an inventory.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

DOCUMENTATION = r"""
name: bare
short_description: Hosts and variables from a JSON file, for the inventory benchmark
description:
  - Adds the hosts, groups and variables of a C(*.bare.json) file, as fast as an inventory plugin can.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
options: {}
"""

import json

from ansible.plugins.inventory import BaseInventoryPlugin


class InventoryModule(BaseInventoryPlugin):
    """Hosts from a JSON file."""

    NAME = 'bare'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith('.bare.json')

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        with open(path, 'rb') as handle:
            data = json.load(handle)
        top = inventory.add_group(data['group'])
        groups = set()
        for name, group, variables in data['hosts']:
            if group not in groups:
                groups.add(group)
                inventory.add_group(group)
                inventory.add_child(top, group)
            inventory.add_host(name, group=group)
            for key, value in variables.items():
                inventory.set_variable(name, key, value)
