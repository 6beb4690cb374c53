# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A server's membership of a private network: present at a link speed, or absent.

The API configures a membership asynchronously (CONFIGURING, then CONFIGURED) and removes
it the same way (REMOVING, then gone); ``apply`` waits for it when the wanted state says so.
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Area, Plan, Refused, read_record

LINK_SPEEDS = [100, 1000, 10000, 25000, 40000, 100000]


def membership(server, network_id):
    """The server's entry for the private network, or None."""
    for entry in server.get('private_networks') or []:
        if '%s' % entry.get('id') == network_id:
            return entry
    return None


def membership_view(entry):
    """The diff view of a membership: its managed part (one being removed is absent already)."""
    if not entry or entry.get('status') == 'REMOVING':
        return dict(state='absent')
    return dict(state='present', link_speed=entry.get('link_speed'))


def needs_wait(entry, *, present):
    """Whether a membership is not yet where the API stops changing it, so that a wait has something to wait for."""
    if present:
        return entry is None or entry.get('status') != 'CONFIGURED'
    return entry is not None


def predict(entry, wanted, *, changed):
    """The membership as it will be, for check mode."""
    if wanted['state'] == 'absent':
        return dict(entry, status='REMOVING') if entry is not None and not wanted['wait'] else {}
    if changed:
        return dict(
            entry or {},
            id=wanted['id'],
            link_speed=wanted['link_speed'],
            status='CONFIGURED' if wanted['wait'] else 'CONFIGURING',
        )
    return dict(entry, status='CONFIGURED') if wanted['wait'] else entry


class PrivateNetwork(Area):
    """Wanted: ``id``, ``link_speed`` (with present), ``state`` (present, absent), and the wait:
    ``wait``, ``wait_timeout``, ``wait_sleep``."""

    name = 'private_network'
    waits = True

    def check(self, wanted):
        if not ('%s' % wanted['id']).strip():
            raise ValueError('id must not be empty')
        return wanted

    def __init__(self, server_id):
        self.server_id = server_id

    def reads(self, wanted):
        return [('record',)]

    def diff(self, wanted, current):
        server = current[('record',)]
        entry = membership(server, wanted['id'])
        removing = entry is not None and entry.get('status') == 'REMOVING'
        present = wanted['state'] == 'present'
        if present:
            if not server.get('is_private_network_capable'):
                raise Refused(
                    'Server %s cannot join a private network (is_private_network_capable is false)' % self.server_id
                )
            changed = entry is None or removing or entry.get('link_speed') != wanted['link_speed']
        else:
            changed = entry is not None and not removing
        predicted = predict(entry, wanted, changed=changed)
        pending = changed or (wanted['wait'] and needs_wait(entry, present=present))
        return Plan(
            membership_view(entry),
            membership_view(predicted),
            changed=changed,
            pending=pending,
            result=predicted or {},
            wanted=wanted,
            entry=entry,
            removing=removing,
        )

    def apply(self, client, server_id, plan):
        wanted = plan.todo['wanted']
        network_id = wanted['id']
        present = wanted['state'] == 'present'
        member_path = client.server_path(server_id, 'privateNetworks', network_id)
        what = 'server %s in private network %s' % (server_id, network_id)

        def fetch():
            return membership(read_record(client, server_id), network_id)

        def configured(entry):
            if entry is None:
                raise LeasewebError(
                    'Server %s left private network %s while waiting for it to be configured' % (server_id, network_id)
                )
            return entry.get('status') == 'CONFIGURED'

        def gone(entry):
            return entry is None

        def wait_until(done, doing):
            return client.wait_until(
                fetch,
                done,
                timeout=wanted['wait_timeout'],
                sleep=wanted['wait_sleep'],
                what='%s to be %s' % (what, doing),
                key='private_network',
            )

        entry = plan.todo['entry']
        if plan.changed and present:
            if plan.todo['removing']:
                wait_until(gone, 'removed before it is added again')
            client.put(member_path, {'linkSpeed': wanted['link_speed']})
        elif plan.changed:
            client.delete(member_path)
        if wanted['wait'] and (plan.changed or needs_wait(entry, present=present)):
            entry = wait_until(configured, 'configured') if present else wait_until(gone, 'removed')
        elif plan.changed:
            entry = fetch()
        return plan.done(after=membership_view(entry), result=entry or {})
