# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The whole declared state of a server, and of many: what server_config and fleet_config run.

A declaration is a dict of areas (``reference``, ``ips``, ``interfaces``...), each optional;
an area left out is not read. :func:`declaration` checks one before any request (the
argument spec has checked types and choices), :func:`configure` converges one server
through the units of the resource layer, and :func:`configure_fleet` many, ``concurrency``
servers at a time on one client, each server's failure its own.
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._credentials import (
    CREDENTIAL_TYPES,
    UPDATE_PASSWORD,
    Credentials,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._dhcp_lease import DhcpLease
from ansible_collections.leaseweb.dedicated.plugins.module_utils._interfaces import NETWORK_TYPE_NAMES, Interfaces
from ansible_collections.leaseweb.dedicated.plugins.module_utils._ips import DETECTION_PROFILES, STATES, Ips
from ansible_collections.leaseweb.dedicated.plugins.module_utils._notifications import (
    DDOS_FIELDS,
    FREQUENCIES,
    UNITS,
    Ddos,
    NotificationSettings,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import Power
from ansible_collections.leaseweb.dedicated.plugins.module_utils._private_network import LINK_SPEEDS, PrivateNetwork
from ansible_collections.leaseweb.dedicated.plugins.module_utils._reference import Reference
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Refused, converge, read
from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import counted

# The areas in the order they are compared and applied: name -> the unit for a server id.
AREAS = dict(
    reference=lambda server_id: Reference(),
    ips=Ips,
    interfaces=lambda server_id: Interfaces(),
    ddos_notifications=lambda server_id: Ddos(),
    bandwidth_notifications=lambda server_id: NotificationSettings('bandwidth'),
    datatraffic_notifications=lambda server_id: NotificationSettings('datatraffic'),
    private_network=PrivateNetwork,
    credentials=lambda server_id: Credentials(),
    dhcp_lease=lambda server_id: DhcpLease(),
    power=lambda server_id: Power(),
)
# Options of a declaration that are not areas: how the areas that wait, wait.
WAIT_OPTIONS = ('wait', 'wait_timeout', 'wait_sleep')
MAX_CONCURRENCY = 100


def _settings_spec(setting_type):
    return dict(
        type='dict',
        options=dict(
            state=dict(type='str', choices=STATES, default='merged'),
            settings=dict(
                type='list',
                elements='dict',
                required=True,
                options=dict(
                    frequency=dict(type='str', required=True, choices=FREQUENCIES),
                    threshold=dict(type='str', required=True),
                    unit=dict(type='str', required=True, choices=UNITS[setting_type]),
                ),
            ),
        ),
    )


def areas_spec():
    """The options of the areas, each optional: server_config's options, and the suboptions of
    each entry of fleet_config's ``servers``."""
    return dict(
        reference=dict(type='str', no_log=False),
        ips=dict(
            type='dict',
            options=dict(
                state=dict(type='str', choices=STATES, default='merged'),
                addresses=dict(
                    type='list',
                    elements='dict',
                    default=[],
                    options=dict(
                        ip=dict(type='str', required=True),
                        reverse_lookup=dict(type='str'),
                        detection_profile=dict(type='str', choices=DETECTION_PROFILES),
                    ),
                ),
            ),
        ),
        interfaces=dict(
            type='dict',
            options=dict((name, dict(type='str', choices=['open', 'closed'])) for name in NETWORK_TYPE_NAMES),
        ),
        ddos_notifications=dict(type='dict', options=dict((name, dict(type='bool')) for name in DDOS_FIELDS)),
        bandwidth_notifications=_settings_spec('bandwidth'),
        datatraffic_notifications=_settings_spec('datatraffic'),
        private_network=dict(
            type='dict',
            required_if=[('state', 'present', ('link_speed',))],
            options=dict(
                id=dict(type='str', required=True),
                link_speed=dict(type='int', choices=LINK_SPEEDS),
                state=dict(type='str', choices=['present', 'absent'], default='present'),
            ),
        ),
        credentials=dict(
            type='list',
            elements='dict',
            options=dict(
                type=dict(type='str', required=True, choices=CREDENTIAL_TYPES),
                username=dict(type='str', required=True),
                password=dict(type='str', no_log=True),
                update_password=dict(type='str', choices=UPDATE_PASSWORD, default='always', no_log=False),
                state=dict(type='str', choices=['present', 'absent'], default='present'),
            ),
        ),
        dhcp_lease=dict(
            type='dict',
            required_if=[('state', 'present', ('bootfile',))],
            options=dict(
                bootfile=dict(type='str'),
                hostname=dict(type='str'),
                state=dict(type='str', choices=['present', 'absent'], default='present'),
            ),
        ),
        power=dict(type='str', choices=['on', 'off']),
    )


def declaration(options, wait):
    """``{area: wanted}`` of the areas set in ``options`` (a dict of the areas' options), checked.

    ``wait`` holds wait, wait_timeout and wait_sleep, which the areas that wait take. Raises
    ValueError, naming the area, for a declaration that cannot be right whatever the server
    (an address twice, a threshold that is not a number...), or that declares nothing.
    """
    declared = {}
    for name in AREAS:
        value = options.get(name)
        if value is None:
            continue
        unit = AREAS[name]('')
        if unit.waits:
            value = dict(value if isinstance(value, dict) else dict(state=value), **wait)
        try:
            declared[name] = unit.check(value)
        except ValueError as e:
            raise ValueError('%s: %s' % (name, e))
    if not declared:
        raise ValueError('nothing is declared: set at least one of %s' % ', '.join(AREAS))
    return declared


def _area_failure(name, error):
    return '%s: %s' % (name, error.msg)


def configure(client, server_id, declared, *, check_mode, concurrency=None):
    """Converge one server to ``declared`` (from :func:`declaration`); its result, a dict.

    Every area is read first (each read once, ``concurrency`` at a time: all of them when
    None), then compared; a read that fails, or a refusal of any area, fails the server before
    anything is written. The areas are then applied in order; an area whose writes fail does
    not stop the others (they are independent), and the server fails at the end naming each
    area that failed (``failed_area`` is the first), while every area applied keeps its
    change. The result: ``server_id``, ``changed``, ``drifted`` (the areas that differed),
    ``areas`` (``{name: {changed, before, after}}``), ``warnings``, and on a failure
    ``failed``, ``msg``, ``failed_area``, and ``status``/``error`` when the API answered.
    """
    units = dict((name, AREAS[name](server_id)) for name in declared)
    result = dict(server_id=server_id, changed=False, drifted=[], areas={}, warnings=[])
    keys = [key for name, unit in units.items() for key in unit.reads(declared[name])]
    current = read(client, server_id, keys, concurrency=concurrency or max(1, len(set(keys))), failures=True)
    plans = {}
    for name, unit in units.items():
        failure = next(
            (current[key] for key in unit.reads(declared[name]) if isinstance(current[key], LeasewebError)), None
        )
        try:
            if failure is not None:
                raise failure
            plans[name] = converge(client, server_id, unit, declared[name], check_mode=True, current=current)
        except (LeasewebError, Refused) as error:
            return _failed(result, [(name, error)], written=False)
    failures = []
    for name, plan in plans.items():
        if plan.pending and not check_mode:
            try:
                plan = units[name].apply(client, server_id, plan)
            except LeasewebError as error:
                result['changed'] = result['changed'] or error.maybe_carried_out
                _record(result, name, plan, drifted=True)
                failures.append((name, error))
                continue
        _record(result, name, plan)
    if failures:
        return _failed(result, failures, written=True)
    return result


def _record(result, name, plan, drifted=None):
    """Add one area's outcome to a server's result."""
    drifted = plan.changed if drifted is None else drifted
    result['areas'][name] = dict(changed=plan.changed, before=plan.before, after=plan.after)
    if drifted:
        result['drifted'].append(name)
    result['changed'] = result['changed'] or plan.changed
    result['warnings'].extend('%s: %s' % (name, warning) for warning in plan.warnings)


def _failed(result, failures, *, written):
    """A server's result failed by ``failures`` (``[(area, error)]``), before any write or while applying."""
    name, error = failures[0]
    result.update(
        failed=True,
        failed_area=name,
        msg='server %s: %s%s'
        % (
            result['server_id'],
            '; '.join(_area_failure(area, failure) for area, failure in failures),
            '' if written else ' [nothing was changed]',
        ),
    )
    if isinstance(error, LeasewebError):
        result.update(error.to_result())
    return result


def server_diff(result, header=None, drifted_only=False):
    """The diff of a server's result: its areas (those that drifted only, when asked) before and after,
    named by ``header``."""
    areas = [(name, area) for name, area in result['areas'].items() if not drifted_only or name in result['drifted']]
    diff = dict(
        before=dict((name, area['before']) for name, area in areas),
        after=dict((name, area['after']) for name, area in areas),
    )
    if header:
        diff.update(before_header=header, after_header=header)
    return diff


def configure_fleet(client, entries, *, check_mode, concurrency):
    """Converge many servers: ``entries`` of ``(server_id, declared)``; their results, in order.

    ``concurrency`` servers at a time on the one client, each server's areas read one after
    another (the requests in flight stay at ``concurrency``). A server's failure is in its
    result and never stops the others; a 429 pauses the whole client (the client's shared
    pause).
    """

    def one(entry):
        server_id, declared = entry
        return configure(client, server_id, declared, check_mode=check_mode, concurrency=1)

    return client.run_concurrently(one, entries, concurrency)


def fleet_report(results, hosts, *, shown):
    """fleet_config's result from the servers' results (and the ``host`` given for each).

    Each server keeps its drifted areas only (before and after); ``summary`` counts the fleet;
    ``failed`` and ``msg`` name the servers that failed (at most ``shown`` of them in the
    message); ``headers`` (to pop) names each server for its diff.
    """
    servers, areas, failed, warnings, headers = [], {}, [], [], []
    for result, host in zip(results, hosts):
        name = 'server %s' % result['server_id'] + (' (%s)' % host if host and host != result['server_id'] else '')
        headers.append(name)
        entry = dict(
            server_id=result['server_id'],
            changed=result['changed'],
            drifted=result['drifted'],
            areas=dict(
                (area, dict(before=result['areas'][area]['before'], after=result['areas'][area]['after']))
                for area in result['drifted']
                if area in result['areas']
            ),
            failed=bool(result.get('failed')),
        )
        if host:
            entry['host'] = host
        for area in result['drifted']:
            areas[area] = areas.get(area, 0) + 1
        if entry['failed']:
            entry.update((key, result[key]) for key in ('msg', 'failed_area', 'status', 'error') if key in result)
            failed.append(entry)
        warnings.extend('%s: %s' % (name, warning) for warning in result['warnings'])
        servers.append(entry)
    report = dict(
        changed=any(entry['changed'] for entry in servers),
        servers=servers,
        summary=dict(
            servers=len(servers),
            drifted=sum(1 for entry in servers if entry['drifted']),
            failed=len(failed),
            areas=dict((area, areas[area]) for area in AREAS if area in areas),
        ),
        failed_servers=[entry['server_id'] for entry in failed],
        warnings=warnings,
        headers=headers,
    )
    if failed:
        report['failed'] = True
        report['msg'] = '%d of %s failed: %s%s' % (
            len(failed),
            counted(len(servers), 'server'),
            '; '.join(entry['msg'] for entry in failed[:shown]),
            '; ...' if len(failed) > shown else '',
        )
    return report
