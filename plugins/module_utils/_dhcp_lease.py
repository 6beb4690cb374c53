# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A server's DHCP lease (network boot): its boot file and host name, or none.

The API has no update: another lease is the old one deleted and the new one created.
"""

import re

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import (
    REFUSED_DELETE,
    Area,
    Plan,
    reader,
    write_or_converge,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_hostname

URL = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+\S*$')


def check_bootfile(value):
    """The boot file as given; ValueError unless it is a URL."""
    if not URL.match(value):
        raise ValueError('%r is not a URL such as https://boot.example.com/boot.ipxe' % (value,))
    return value


def lease_view(lease):
    """The diff view of a lease: its managed part."""
    if not lease:
        return {}
    return dict(bootfile=lease.get('bootfile'), hostname=lease.get('hostname'))


@reader('lease')
def read_lease(client, server_id):
    """The server's lease, or None."""
    return (read_leases(client, server_id) or [None])[0]


class DhcpLease(Area):
    """Wanted: ``state`` (present, absent), ``bootfile`` (with present) and ``hostname`` (None:
    the current lease's, else the API's)."""

    name = 'dhcp_lease'

    def check(self, wanted):
        if wanted.get('bootfile') is not None:
            check_bootfile(wanted['bootfile'])
        if wanted.get('hostname') is not None:
            parse_hostname(wanted['hostname'])
        return wanted

    def reads(self, wanted):
        return [('lease',)]

    def diff(self, wanted, current):
        lease = current[('lease',)]
        before = lease_view(lease)
        if wanted['state'] == 'absent':
            return Plan(before, {}, changed=lease is not None, result={}, remove=True)
        hostname = wanted.get('hostname')
        if hostname is None and lease is not None:
            hostname = lease.get('hostname')
        body = dict(bootfile=wanted['bootfile'])
        if hostname is not None:
            body['hostname'] = hostname
        changed = lease is None or any(lease.get(key) != value for key, value in body.items())
        if not changed:
            return Plan(before, before, changed=False, result=lease)
        after = lease_view(body)
        if hostname is None:
            del after['hostname']
        return Plan(before, after, changed=True, result=dict(lease or {}, **body), body=body, lease=lease)

    def apply(self, client, server_id, plan):
        path = client.server_path(server_id, 'leases')

        def reread():
            return read_lease(client, server_id)

        if plan.todo.get('remove'):
            changed, _gone = write_or_converge(
                lambda: client.delete(path), reread, lambda found: found is None, refused=REFUSED_DELETE
            )
            return plan.done(changed=changed, before=plan.before if changed else {})
        body, lease = plan.todo['body'], plan.todo['lease']
        if lease is not None:
            write_or_converge(lambda: client.delete(path), reread, lambda found: found is None, refused=REFUSED_DELETE)

        def as_wanted(found):
            return found is not None and all(found.get(key) == value for key, value in body.items())

        try:
            created, found = write_or_converge(lambda: client.post(path, body), reread, as_wanted)
        except LeasewebError as e:
            if lease is not None:
                e.annotate(
                    '[the previous lease (bootfile %s) was deleted: the server has no lease now]'
                    % lease.get('bootfile')
                )
            raise
        if created:
            found = reread() or {}
        elif lease is None:
            # another run created this lease between the read and the POST: no change of this run
            return plan.done(changed=False, before=plan.after, result=found)
        return plan.done(result=found)


def read_leases(client, server_id):
    """The server's DHCP leases (a list)."""
    return list((client.get(client.server_path(server_id, 'leases')) or {}).get('leases') or [])
