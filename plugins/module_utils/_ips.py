# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The settings of a server's IP addresses: reverse lookup and DDoS detection profile.

:class:`Ip` is one address (the ``ip`` module), :class:`Ips` the addresses of a server with
``merged`` or ``overridden`` semantics (``server_config``). Both compare through
:func:`address_plan`, and both send one ``PUT /servers/{id}/ips/{ip}`` per address that differs.
"""

import copy

from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Area, Plan, Refused, reader
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
            raise Refused('detection_profile: %s on server %s has %s DDoS protection; only addresses with ADVANCED '
                          'protection have a detection profile to choose' % (
                              record.get('ip'), server_id, ddos.get('protection_type')), ip=record)
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
            result.append(put_address(client, server_id, address_plan_) if address_plan_.changed else address_plan_.result)
        return plan.done(result=result)
