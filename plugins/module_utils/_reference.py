# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The reference of a server: the label of its contract (``PUT /servers/{id}``)."""

import unicodedata

from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Area, Plan


def printable(value):
    """The reference as given; ValueError when it holds a control character (a line break, a tab...)."""
    for character in value:
        if unicodedata.category(character) == 'Cc':
            raise ValueError(
                '%r holds a control character (%r); a reference is one line of printable text' % (value, character)
            )
    return value


class Reference(Area):
    """Wanted: the reference, a string (empty: none)."""

    name = 'reference'

    def check(self, wanted):
        return printable(wanted)

    def reads(self, wanted):
        return [('record',)]

    def diff(self, wanted, current):
        server = current[('record',)]
        contract = server.setdefault('contract', {})
        reference = contract.get('reference') or ''
        predicted = dict(server, contract=dict(contract, reference=wanted))
        return Plan(
            {'reference': reference}, {'reference': wanted}, result=predicted if reference != wanted else server
        )

    def apply(self, client, server_id, plan):
        client.put(client.server_path(server_id), {'reference': plan.after['reference']})
        return plan.done()
