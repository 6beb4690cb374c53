# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The credentials stored with a server: present with a password (compared, never shown), or absent."""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import (
    REFUSED_DELETE,
    Area,
    Plan,
    reader,
    write_or_converge,
)

# The credential types of the API (credentialType).
CREDENTIAL_TYPES = [
    'OPERATING_SYSTEM',
    'RESCUE_MODE',
    'REMOTE_MANAGEMENT',
    'CONTROL_PANEL',
    'SWITCH',
    'PDU',
    'FIREWALL',
    'LOAD_BALANCER',
    'VNC',
    'TEMPORARY_OPERATING_SYSTEM',
    'VPN_USER',
    'COMBINATION_LOCK',
    'DATABASE',
]

HIDDEN = '(hidden)'
HIDDEN_CHANGED = '(hidden, changed)'
HIDDEN_SET = '(hidden, set)'
UPDATE_PASSWORD = ['always', 'on_create']


@reader('credential')
def read_credential(client, server_id, credential_type, username):
    """One credential with its password, or None (an unknown server fails)."""
    base = client.server_path(server_id, 'credentials', credential_type)
    return client.get_or_none(base + client.path(username), list_path=base)


def credential_path(client, server_id, credential_type, username):
    return client.server_path(server_id, 'credentials', credential_type, username)


def credential_plan(wanted, current):
    """The plan of one credential; its views never hold the password (``(hidden, ...)``)."""
    identity = dict(type=wanted['type'], username=wanted['username'])
    if current is not None:
        identity = dict(type=current.get('type', wanted['type']), username=current.get('username', wanted['username']))
    before = {} if current is None else dict(identity, password=HIDDEN)
    if wanted.get('state', 'present') == 'absent':
        return Plan(before, {}, changed=current is not None, result=identity, wanted=wanted, remove=True)
    if current is None:
        return Plan(
            before, dict(identity, password=HIDDEN_SET), changed=True, result=identity, wanted=wanted, create=True
        )
    changed = wanted.get('update_password', 'always') == 'always' and current.get('password') != wanted['password']
    return Plan(
        before,
        dict(identity, password=HIDDEN_CHANGED if changed else HIDDEN),
        changed=changed,
        result=identity,
        wanted=wanted,
    )


def apply_credential(client, server_id, plan):
    wanted = plan.todo['wanted']
    path = credential_path(client, server_id, wanted['type'], wanted['username'])
    if plan.todo.get('remove'):
        # another run may remove it first: a 404 then a read that finds nothing is no change of this run
        changed, _gone = write_or_converge(
            lambda: client.delete(path),
            lambda: client.get_or_none(path),
            lambda found: found is None,
            refused=REFUSED_DELETE,
        )
        return plan.done(changed=changed, before=plan.before if changed else {})
    if plan.todo.get('create'):
        created, current = write_or_converge(
            lambda: client.post(
                client.server_path(server_id, 'credentials'),
                dict(type=wanted['type'], username=wanted['username'], password=wanted['password']),
            ),
            lambda: client.get_or_none(path),
            lambda found: found is not None,
        )
        if created:
            return plan.done()
        # another run created it between the read and the POST: go on as a rerun would
        plan = credential_plan(wanted, current)
        if plan.changed:
            client.put(path, dict(password=wanted['password']))
        return plan.done()
    client.put(path, dict(password=wanted['password']))
    return plan.done()


class Credential(Area):
    """Wanted: ``type``, ``username``, ``password`` (with present), ``update_password`` (always,
    on_create) and ``state`` (present, absent). The password is compared, never shown."""

    name = 'credential'

    def reads(self, wanted):
        return [('credential', wanted['type'], wanted['username'])]

    def diff(self, wanted, current):
        return credential_plan(wanted, current[self.reads(wanted)[0]])

    def apply(self, client, server_id, plan):
        return apply_credential(client, server_id, plan)


def credential_key(wanted):
    return '%s/%s' % (wanted['type'], wanted['username'])


class Credentials(Area):
    """Wanted: a list of credentials, each as :class:`Credential` wants it (merged: credentials not
    listed are left as they are, since installs and IPMI resets store theirs). The view is one
    entry per credential, ``TYPE/username``, its password hidden."""

    name = 'credentials'

    def check(self, wanted):
        seen = set()
        for number, entry in enumerate(wanted, 1):
            prefix = '[%d]: ' % number
            if not ('%s' % entry.get('username') or '').strip():
                raise ValueError(prefix + 'username must not be empty')
            if entry.get('state', 'present') == 'present' and not entry.get('password'):
                raise ValueError(prefix + 'password is required with state present, and must not be empty')
            key = credential_key(entry)
            if key in seen:
                raise ValueError(prefix + '%s is declared twice' % key)
            seen.add(key)
        return wanted

    def reads(self, wanted):
        return [('credential', entry['type'], entry['username']) for entry in wanted]

    def diff(self, wanted, current):
        plans = [credential_plan(entry, current[('credential', entry['type'], entry['username'])]) for entry in wanted]
        return self.combine(wanted, plans)

    @staticmethod
    def combine(wanted, plans):
        plan = Plan(
            dict((credential_key(w), p.before) for w, p in zip(wanted, plans) if p.before),
            dict((credential_key(w), p.after) for w, p in zip(wanted, plans) if p.after),
            changed=any(p.changed for p in plans),
            result=[p.result for p in plans],
            plans=plans,
        )
        return plan

    def apply(self, client, server_id, plan):
        plans = [apply_credential(client, server_id, one) if one.changed else one for one in plan.todo['plans']]
        wanted = [one.todo['wanted'] for one in plans]
        return plan.done(
            changed=any(one.changed for one in plans),
            before=self.combine(wanted, plans).before,
            after=self.combine(wanted, plans).after,
        )


def list_credentials(client, server_id, credential_type=None):
    """The credentials stored with a server (every type, or one), every page; types and usernames, no passwords."""
    segments = ['credentials'] + ([credential_type] if credential_type else [])
    return client.paginate(client.server_path(server_id, *segments), 'credentials')
