# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a server is called as an Ansible host, and the record that name is made from: the rule of the
``leaseweb.dedicated.servers`` inventory, which the ``leaseweb.dedicated.fleet_events`` event source
follows too, so that an event names the host the inventory has.

Pure Python: the event source runs under ansible-rulebook, where ansible-core may be missing.
"""

import re

from ansible_collections.leaseweb.dedicated.plugins.module_utils._servers import interface_address, server_summary
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import id_order

# What a host can be named after (the inventory's hostname option); serial_number needs the full record.
HOSTNAME_CHOICES = ('reference', 'id', 'asset_id', 'public_ip', 'internal_ip', 'remote_management_ip', 'serial_number')


def summarize(server):
    """The host variables (without prefix) of one server of the list, in snake_case."""
    contract = server.get('contract') or {}
    interfaces = server.get('network_interfaces') or {}
    features = server.get('feature_availability') or {}
    summary = server_summary(server)
    summary.update(
        delivery_status=contract.get('delivery_status'),
        rack_type=(server.get('rack') or {}).get('type'),
        internal_ip=interface_address(interfaces.get('internal')),
        remote_management_ip=interface_address(interfaces.get('remote_management')),
        features=sorted(name for name, available in features.items() if available),
        private_network_ids=[network.get('id') for network in server.get('private_networks') or []],
    )
    return summary


# A host name must work as it is in a host pattern (hosts:, --limit) and in every place Ansible
# shows it: ASCII letters, digits, ".", "_" and "-", starting with a letter, digit or "_", at most
# 255 characters. Spaces, "/", ":", ",", brackets, "*", "?", "!", "&", "~", "@", quotes, control
# and other characters make a name that patterns split, match as wildcards or ranges, or cannot
# name at all.
_USABLE_NAME = re.compile(r'[A-Za-z0-9_][A-Za-z0-9._-]{0,254}')

# Names Ansible already gives a meaning: a host named so would be mistaken for the group of all
# hosts, for the controller (delegate_to: localhost), or would shadow them.
RESERVED_NAMES = frozenset(('all', 'ungrouped', 'localhost', '127.0.0.1', '::1'))


def usable_host_name(value):
    """True when ``value`` (a string) can be a host name as it is (see _USABLE_NAME and RESERVED_NAMES)."""
    return bool(_USABLE_NAME.fullmatch(value)) and value.lower() not in RESERVED_NAMES


def safe_id(server_id):
    """The server id as a usable host name: as it is when it is one, else its other characters
    replaced with ``_`` and ``server_`` put before it."""
    text = '%s' % (server_id,)
    if usable_host_name(text):
        return text
    return 'server_' + re.sub(r'[^A-Za-z0-9._-]', '_', text)[:240]


def _preferred_name(record, preferences, unusable):
    """The first usable name among ``preferences``; a value that is set but not usable is added to
    ``unusable`` as ``(id, choice, value)``."""
    for choice in preferences:
        if choice == 'serial_number':
            value = (record.get('server') or {}).get('serial_number')
        else:
            value = record.get(choice)
        if value is not None:
            value = ('%s' % (value,)).strip(' ')
            if not value:
                continue
            if usable_host_name(value):
                return value
            unusable.append((record['id'], choice, value))
    return safe_id(record['id'])


def host_names(records, preferences):
    """A unique, usable host name for each record, the names that several servers wanted, and the
    values that could not be names.

    Each record is named by the first of ``preferences`` it has whose value is a usable host name
    (:func:`usable_host_name`), else by its id (:func:`safe_id`). When several want the same name,
    the one with the lowest id keeps it and the others are named ``NAME-ID``, then ``NAME-ID-2``,
    ``NAME-ID-3``... if that is taken too. Returns ``(names, duplicates, unusable)``: ``names`` in
    the order of ``records``, ``duplicates`` a list of ``(name, [(id, given name), ...])`` in order
    of name, ``unusable`` a list of ``(id, choice, value)`` of the values passed over.
    """
    unusable = []
    wanted = [_preferred_name(record, preferences, unusable) for record in records]
    claimants = {}
    for index, name in enumerate(wanted):
        claimants.setdefault(name, []).append(index)
    names = list(wanted)
    taken = set(claimants)
    duplicates = []
    for name in sorted(n for n, indexes in claimants.items() if len(indexes) > 1):
        indexes = sorted(claimants[name], key=lambda i: id_order(records[i]['id']))
        given = [(records[indexes[0]]['id'], name)]
        for index in indexes[1:]:
            base = '%s-%s' % (name, safe_id(records[index]['id']))
            candidate, counter = base, 1
            while candidate in taken:
                counter += 1
                candidate = '%s-%d' % (base, counter)
            taken.add(candidate)
            names[index] = candidate
            given.append((records[index]['id'], candidate))
        duplicates.append((name, given))
    return names, duplicates, unusable
