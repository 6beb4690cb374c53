# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A server's IP addresses: their reverse lookup and DDoS detection profile, and their null routes.

:class:`Ip` is one address (the ``ip`` module), :class:`Ips` the addresses of a server with
``merged`` or ``overridden`` semantics (``server_config``). Both compare through
:func:`address_plan`, and both send one ``PUT /servers/{id}/ips/{ip}`` per address that differs.
:class:`NullRoute` null routes an address, or removes its null route (the ``null_route`` module).
"""

import copy

from ansible_collections.leaseweb.dedicated.plugins.module_utils._interfaces import NETWORK_TYPE_NAMES
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import (
    Area,
    Plan,
    Refused,
    reader,
    write_or_converge,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_hostname, parse_ip

DETECTION_PROFILES = ['ADVANCED_DEFAULT', 'ADVANCED_LOW_UDP', 'ADVANCED_MED_UDP']
# What overridden gives an address whose settings are not declared.
DEFAULT_REVERSE_LOOKUP = ''
DEFAULT_DETECTION_PROFILE = 'ADVANCED_DEFAULT'
STATES = ['merged', 'overridden']


@reader('ip')
def read_ip(client, server_id, address):
    """One address of the server (``GET /servers/{id}/ips/{ip}``)."""
    return client.get(client.server_path(server_id, 'ips', address))


@reader('ips')
def read_ips(client, server_id, addresses=None):
    """The server's addresses (every page); only ``addresses`` (a tuple) when given."""
    query = {'ips': ','.join(addresses)} if addresses else None
    return client.paginate(client.server_path(server_id, 'ips'), 'ips', query)


def address_of(record):
    """The address of an IP record, without its prefix length."""
    return ('%s' % record.get('ip', '')).split('/', 1)[0]


def check_address(wanted, prefix=''):
    """The wanted settings of one address, its address in canonical form; a ValueError names the
    option, after ``prefix`` (``ips: addresses[2].``)."""
    try:
        address = parse_ip(wanted['ip'])[0]
    except ValueError as e:
        raise ValueError('%sip: %s' % (prefix, e))
    if wanted.get('reverse_lookup'):
        try:
            parse_hostname(wanted['reverse_lookup'])
        except ValueError as e:
            raise ValueError('%sreverse_lookup: %s' % (prefix, e))
    return dict(wanted, ip=address)


def address_plan(server_id, record, reverse_lookup, detection_profile):
    """The plan of one address: ``todo['body']`` holds what differs, in the API's words.

    ``None`` leaves a setting as it is. A detection profile for an address without ADVANCED
    protection is refused (only those have one to choose).
    """
    ddos = record.get('ddos') or {}
    before = dict(reverse_lookup=record.get('reverse_lookup') or '', detection_profile=ddos.get('detection_profile'))
    after = dict(before)
    body = {}
    if reverse_lookup is not None and reverse_lookup != before['reverse_lookup']:
        body['reverseLookup'] = after['reverse_lookup'] = reverse_lookup
    if detection_profile is not None and detection_profile != before['detection_profile']:
        if ddos.get('protection_type') != 'ADVANCED':
            raise Refused(
                'detection_profile: %s on server %s has %s DDoS protection; only addresses with ADVANCED '
                'protection have a detection profile to choose'
                % (record.get('ip'), server_id, ddos.get('protection_type')),
                ip=record,
            )
        body['detectionProfile'] = after['detection_profile'] = detection_profile
    predicted = record
    if body:
        predicted = copy.deepcopy(record)
        predicted['reverse_lookup'] = after['reverse_lookup']
        if 'detectionProfile' in body:
            predicted['ddos'] = dict(ddos, detection_profile=after['detection_profile'])
    return Plan(before, after, changed=bool(body), result=predicted, body=body, address=address_of(record))


def put_address(client, server_id, plan):
    """Send one address's PUT; the record as the API answers it (else as predicted)."""
    path = client.server_path(server_id, 'ips', plan.todo['address'])
    return client.put(path, plan.todo['body']) or plan.result


class Ip(Area):
    """Wanted: ``ip``, ``reverse_lookup`` and ``detection_profile`` (None: left as it is), of one address."""

    name = 'ip'

    def __init__(self, server_id):
        self.server_id = server_id

    def reads(self, wanted):
        return [('ip', wanted['ip'])]

    def diff(self, wanted, current):
        record = current[('ip', wanted['ip'])]
        plan = address_plan(self.server_id, record, wanted.get('reverse_lookup'), wanted.get('detection_profile'))
        plan.todo['address'] = wanted['ip']
        return plan

    def apply(self, client, server_id, plan):
        return plan.done(result=put_address(client, server_id, plan))


class Ips(Area):
    """Wanted: ``state`` (merged, overridden) and ``addresses``, a list of ``ip``, ``reverse_lookup`` and
    ``detection_profile``.

    ``merged`` sets what is given on the addresses listed and leaves the rest as it is.
    ``overridden`` makes every address of the server exactly as declared: a setting not given
    (on an address listed or not) goes back to its default, no reverse lookup and the
    ADVANCED_DEFAULT profile (addresses with ADVANCED protection). The view is one entry per
    address: ``{address: {reverse_lookup, detection_profile}}``.
    """

    name = 'ips'

    def __init__(self, server_id):
        self.server_id = server_id

    def check(self, wanted):
        addresses = []
        seen = set()
        for number, entry in enumerate(wanted.get('addresses') or [], 1):
            entry = check_address(entry, 'addresses[%d].' % number)
            if entry['ip'] in seen:
                raise ValueError('addresses[%d]: %s is declared twice' % (number, entry['ip']))
            seen.add(entry['ip'])
            addresses.append(entry)
        return dict(wanted, addresses=addresses)

    @staticmethod
    def key(wanted):
        """What is read: every address (overridden), or the addresses declared (one request either way)."""
        if wanted['state'] == 'overridden':
            return ('ips',)
        return ('ips', tuple(entry['ip'] for entry in wanted['addresses']))

    def reads(self, wanted):
        return [self.key(wanted)] if wanted['addresses'] or wanted['state'] == 'overridden' else []

    def diff(self, wanted, current):
        listed = current[self.key(wanted)] if self.reads(wanted) else []
        records = dict((address_of(record), record) for record in listed)
        declared = dict((entry['ip'], entry) for entry in wanted['addresses'])
        missing = [address for address in declared if address not in records]
        if missing:
            raise Refused('server %s has no address %s' % (self.server_id, ', '.join(missing)))
        overridden = wanted['state'] == 'overridden'
        plans = {}
        for address, record in records.items():
            entry = declared.get(address)
            if entry is None and not overridden:
                continue
            entry = entry or {}
            reverse_lookup, profile = entry.get('reverse_lookup'), entry.get('detection_profile')
            if overridden:
                protection = (record.get('ddos') or {}).get('protection_type')
                reverse_lookup = DEFAULT_REVERSE_LOOKUP if reverse_lookup is None else reverse_lookup
                if profile is None and protection == 'ADVANCED':
                    profile = DEFAULT_DETECTION_PROFILE
            try:
                plans[address] = address_plan(self.server_id, record, reverse_lookup, profile)
            except Refused as refused:
                raise Refused('%s: %s' % (address, refused.msg))
        before = dict((address, plan.before) for address, plan in plans.items())
        after = dict((address, plan.after) for address, plan in plans.items())
        result = [plan.result for plan in plans.values()]
        return Plan(before, after, changed=any(plan.changed for plan in plans.values()), result=result, plans=plans)

    def apply(self, client, server_id, plan):
        result = []
        for address_plan_ in plan.todo['plans'].values():
            result.append(
                put_address(client, server_id, address_plan_) if address_plan_.changed else address_plan_.result
            )
        return plan.done(result=result)


def list_ips(client, server_id, network_type=None, version=None, null_routed=None, addresses=None):
    """The server's addresses matching the filters (the API filters; every page)."""
    query = dict(
        networkType=NETWORK_TYPE_NAMES.get(network_type),
        version=None if version is None else str(version),
        nullRouted=null_routed,
        ips=None if addresses is None else ','.join(addresses),
    )
    return client.paginate(client.server_path(server_id, 'ips'), 'ips', query)


def null_route_history(client, server_id):
    """Every null route the server's addresses have had (every page)."""
    return client.paginate(client.server_path(server_id, 'nullRouteHistory'), 'null_routes')


class NullRoute(Area):
    """Wanted: ``ip`` (canonical), ``state`` (present: null routed; absent: not), and the wait: ``wait``,
    ``wait_timeout``, ``wait_sleep``. The API applies a change after it propagated; only public addresses can
    be null routed."""

    name = 'null_route'
    waits = True

    def __init__(self, server_id):
        self.server_id = server_id

    def reads(self, wanted):
        return [('ip', wanted['ip'])]

    def diff(self, wanted, current):
        record = current[('ip', wanted['ip'])]
        null_routed = wanted['state'] == 'present'
        before = dict(null_routed=bool(record.get('null_routed')))
        if before['null_routed'] == null_routed:
            return Plan(before, before, changed=False, result=record)
        network = record.get('network_type')
        if null_routed and network is not None and network != 'PUBLIC':
            raise Refused(
                'ip: %s is not a public address of server %s (its network is %s); only public addresses can be '
                'null routed' % (wanted['ip'], self.server_id, network),
                changed=False,
                ip=record,
            )
        return Plan(
            before,
            dict(null_routed=null_routed),
            changed=True,
            result=dict(record, null_routed=null_routed),
            wanted=wanted,
            record=record,
        )

    def apply(self, client, server_id, plan):
        wanted, record = plan.todo['wanted'], plan.todo['record']
        null_routed = plan.after['null_routed']
        path = client.server_path(server_id, 'ips', wanted['ip'])

        def reached(ip):
            return bool(ip.get('null_routed')) == null_routed

        def describe(ip):
            return (
                'the address shows null_routed=%s; a change sent a moment ago (by this or another run, with '
                'wait=false or before a timeout) may still be propagating' % bool(ip.get('null_routed'))
            )

        sent, answer = write_or_converge(
            lambda: client.post(path + client.path('null' if null_routed else 'unnull')),
            lambda: client.get(path),
            reached,
            describe=describe,
        )
        if not sent:
            # another run made the change between the read and the POST: the address is as wanted
            return plan.done(changed=False, before=plan.after, result=answer)
        record = answer or record
        if wanted['wait'] and not reached(record):
            record = client.wait_until(
                lambda: client.get(path),
                reached,
                timeout=wanted['wait_timeout'],
                sleep=wanted['wait_sleep'],
                what='IP %s on server %s to %s'
                % (wanted['ip'], server_id, 'be null routed' if null_routed else 'lose its null route'),
                key='ip',
            )
        return plan.done(result=record)
