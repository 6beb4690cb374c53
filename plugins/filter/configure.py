# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Filters of the configure role and playbook: the declaration of each host, and the drift report.

The variables of the configure role (``configure_reference``, ``configure_ips``...) become the
options of leaseweb.dedicated.server_config here, once, for the role (one host, its variables
looked up where the role runs) and for the playbook's fleet mode (every host of the play, from
``hostvars``, in one leaseweb.dedicated.fleet_config task).
"""

import json

from ansible.errors import AnsibleFilterError

from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import counted, printable

# The configure role's variables, in the order of server_config's areas.
VARIABLES = (
    'configure_server_id',
    'configure_reference',
    'configure_ips',
    'configure_public_interface',
    'configure_internal_interface',
    'configure_ddos_nulling',
    'configure_ddos_scrubbing',
    'configure_bandwidth_notifications',
    'configure_datatraffic_notifications',
    'configure_private_network',
    'configure_credentials',
)
# The areas of server_config, in order.
AREAS = (
    'reference',
    'ips',
    'interfaces',
    'ddos_notifications',
    'bandwidth_notifications',
    'datatraffic_notifications',
    'private_network',
    'credentials',
    'dhcp_lease',
    'power',
)


def configure_entry(variables, host, prefix='leaseweb_'):
    """The server_config options a host's variables declare, with ``server_id`` and ``host``.

    ``variables`` is the host's variables (hostvars of a host, or a dict of the role's
    variables); the server id is ``configure_server_id``, else ``<prefix>id``. A variable that is
    not set (or null) leaves its area out.
    """
    get = variables.get
    server_id = get('configure_server_id')
    if server_id is None or not ('%s' % server_id).strip():
        server_id = get(prefix + 'id')
    if server_id is None or not ('%s' % server_id).strip():
        raise AnsibleFilterError(
            'configure_server_id is not set, and host %s has no variable %sid: set configure_server_id, or apply the '
            'configure role to hosts of the leaseweb.dedicated.servers inventory' % (host, prefix)
        )
    entry = dict(server_id='%s' % server_id, host='%s' % host)
    if get('configure_reference') is not None:
        entry['reference'] = get('configure_reference')
    if get('configure_ips') is not None:
        entry['ips'] = dict(state='merged', addresses=list(get('configure_ips')))
    interfaces = dict((name, get('configure_%s_interface' % name)) for name in ('public', 'internal'))
    if any(value is not None for value in interfaces.values()):
        entry['interfaces'] = dict((name, value) for name, value in interfaces.items() if value is not None)
    ddos = dict((name, get('configure_ddos_%s' % name)) for name in ('nulling', 'scrubbing'))
    if any(value is not None for value in ddos.values()):
        entry['ddos_notifications'] = dict((name, value) for name, value in ddos.items() if value is not None)
    for setting_type in ('bandwidth', 'datatraffic'):
        settings = get('configure_%s_notifications' % setting_type)
        if settings is not None:
            # the role's lists are every setting of the server: the others are removed
            entry['%s_notifications' % setting_type] = dict(state='overridden', settings=list(settings))
    network = get('configure_private_network')
    if network is not None:
        network = dict(network)
        network.setdefault('state', 'present')
        if network['state'] == 'present':
            network.setdefault('link_speed', 1000)
        entry['private_network'] = network
    if get('configure_credentials') is not None:
        entry['credentials'] = list(get('configure_credentials'))
    return entry


def configure_servers(hosts, hostvars, prefix='leaseweb_'):
    """The fleet_config entries of ``hosts`` that declare something, from their variables in ``hostvars``."""
    entries = []
    for host in hosts:
        entry = configure_entry(hostvars[host], host, prefix)
        if set(entry) - {'server_id', 'host'}:
            entries.append(entry)
    return entries


def configure_duplicates(hosts, hostvars, prefix='leaseweb_'):
    """What several hosts declare that must be one server's alone: the same server (always wrong), the same
    reference, the same reverse lookup of an address. A line each: ``reference web-01: db-01, db-02``."""
    found = {}
    for host in hosts:
        try:
            entry = configure_entry(hostvars[host], host, prefix)
        except AnsibleFilterError:
            continue  # no server id among its variables (given to the role itself): its own task says so
        values = [('server', entry['server_id'])]
        if entry.get('reference'):
            values.append(('reference', entry['reference']))
        for address in (entry.get('ips') or {}).get('addresses') or []:
            if address.get('reverse_lookup'):
                values.append(('reverse lookup', address['reverse_lookup']))
        for key in values:
            found.setdefault(key, []).append(host)
    return [
        '%s %s: %s' % (kind, printable(value), ', '.join(names))
        for (kind, value), names in found.items()
        if len(names) > 1
    ]


def configure_results(hosts, hostvars, name='configure_result'):
    """The results the configure role registered on ``hosts`` (as ``name``), each with its ``host``; a host
    without one (failed before, or unreachable) is left out. A skipped task (nothing declared) counts as no
    drift."""
    results = []
    for host in hosts:
        result = hostvars[host].get(name)
        if not result:
            continue
        result = dict(result)
        result['host'] = host
        if result.get('skipped'):
            result.update(drifted=[], changed=False)
        results.append(result)
    return results


def _server_name(result):
    host = result.get('host')
    if not host or host == result.get('server_id'):
        return '%s' % result.get('server_id')
    return '%s (server %s)' % (host, result.get('server_id'))


def drift_rows(results):
    """The drift report: a row per server that drifted or failed, from fleet_config's ``servers`` or
    server_config results (``server_id``, ``host``, ``drifted``, ``areas``, ``failed``, ``msg``).

    Each row: ``server_id``, ``host``, ``drifted`` (the areas), ``before`` and ``after`` (the view
    of each drifted area), ``failure`` (the message, or null).
    """
    rows = []
    for result in results or []:
        if not result:
            continue
        drifted = list(result.get('drifted') or [])
        failed = bool(result.get('failed'))
        if not drifted and not failed:
            continue
        areas = result.get('areas') or {}
        rows.append(
            dict(
                server_id=result.get('server_id'),
                host=result.get('host'),
                drifted=drifted,
                before=dict((name, (areas.get(name) or {}).get('before')) for name in drifted),
                after=dict((name, (areas.get(name) or {}).get('after')) for name in drifted),
                failure=result.get('msg') if failed else None,
            )
        )
    return rows


def drift_csv_rows(rows):
    """The drift report's rows as CSV cells: server_id, host, drifted (space-separated), before and after
    (JSON), failure."""
    table = [['server_id', 'host', 'drifted', 'before', 'after', 'failure']]
    for row in rows:
        table.append(
            [
                row['server_id'],
                row['host'] or '',
                ' '.join(row['drifted']),
                json.dumps(row['before'], sort_keys=True),
                json.dumps(row['after'], sort_keys=True),
                row['failure'] or '',
            ]
        )
    return table


def drift_summary(results, hosts, check_mode=False):
    """The lines of the drift summary of ``hosts`` from their results (a server_config or fleet_config
    server result each; a host without one failed or was unreachable)."""
    reported = [result for result in results or [] if result]
    drifted = [result for result in reported if result.get('drifted')]
    counts = {}
    for result in drifted:
        for area in result['drifted']:
            counts[area] = counts.get(area, 0) + 1
    if check_mode:
        verb = 'drifted (check mode: nothing was changed)'
    elif drifted:
        verb = 'had drifted and %s changed' % ('was' if len(drifted) == 1 else 'were')
    else:
        verb = 'drifted'
    lines = ['%d of %s %s' % (len(drifted), counted(len(reported), 'server'), verb)]
    lines.append(
        'in: %s' % ', '.join('%s (%d)' % (area, counts[area]) for area in AREAS if area in counts)
        if counts
        else 'nothing to change'
    )
    lines.extend('%s: %s' % (printable(_server_name(result)), ', '.join(result['drifted'])) for result in drifted)
    failed = [result for result in reported if result.get('failed')]
    if failed:
        lines.append(
            '%s failed: %s'
            % (counted(len(failed), 'server'), '; '.join(printable(result.get('msg', '')) for result in failed))
        )
    names = set(result.get('host') for result in reported)
    missing = [host for host in hosts or [] if host not in names]
    if missing:
        lines.append(
            '%s not reported (failed or unreachable): %s'
            % (counted(len(missing), 'server'), printable(', '.join(missing)))
        )
    return lines


class FilterModule(object):
    """The configure filters."""

    def filters(self):
        return dict(
            configure_duplicates=configure_duplicates,
            configure_entry=configure_entry,
            configure_results=configure_results,
            configure_servers=configure_servers,
            drift_rows=drift_rows,
            drift_csv_rows=drift_csv_rows,
            drift_summary=drift_summary,
        )
