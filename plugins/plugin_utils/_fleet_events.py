# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ``leaseweb.dedicated.fleet_events`` event source: what it reads, what it compares, what it emits.

A poll reads the server list (every page, as the inventory reads it) and what the chosen kinds need,
with the collection's one client, and compares it with the snapshot of the last poll that succeeded:
each change becomes one event. ``Source`` runs the polls every ``interval`` seconds, keeps the
events not yet handed to ansible-rulebook in an outbox, and keeps snapshot, outbox and numbering
in ``state_file`` so that a restart loses and repeats nothing.

Pure Python (asyncio, requests through the client): ansible-rulebook runs it, where ansible-core
may be missing.
"""

import asyncio
import datetime
import hashlib
import json
import logging
import os
import tempfile
import time

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import COLLECTION_VERSION, LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._connection import (
    client_from_options,
    connection_problem,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import read_job, running_jobs
from ansible_collections.leaseweb.dedicated.plugins.module_utils._notifications import read_settings
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import read_power
from ansible_collections.leaseweb.dedicated.plugins.module_utils._servers import (
    SERVER_LIST_FILTERS,
    list_servers,
    server_list_query,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import id_order
from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._host_names import (
    HOSTNAME_CHOICES,
    host_names,
    summarize,
)
from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._untrusted import inert

NAME = 'leaseweb.dedicated.fleet_events'
log = logging.getLogger(NAME)

# What can be watched, in the order a server's events come in a poll. The first four come from the
# server list itself; hardware from the fleet's monitoring list; the others cost requests per server.
KINDS = (
    'servers',
    'references',
    'null_routes',
    'private_networks',
    'power',
    'jobs',
    'hardware',
    'bandwidth',
    'datatraffic',
)
LIST_KINDS = frozenset(('servers', 'references', 'null_routes', 'private_networks'))
SERVER_KINDS = ('power', 'jobs', 'bandwidth', 'datatraffic')
DEFAULT_KINDS = ('servers', 'references', 'null_routes', 'private_networks', 'jobs', 'hardware')

# Every event type, by the kind that emits it.
EVENT_TYPES = dict(
    servers=('server_added', 'server_gone'),
    references=('reference_changed',),
    null_routes=('address_null_routed', 'address_unnulled'),
    private_networks=('private_network_configured', 'private_network_removed'),
    power=('power_on', 'power_off'),
    jobs=('job_started', 'job_finished', 'job_failed', 'job_canceled', 'job_expired'),
    hardware=('hardware_not_ok', 'hardware_ok'),
    bandwidth=('bandwidth_threshold_exceeded',),
    datatraffic=('datatraffic_threshold_exceeded',),
)

# A job status after which a job never changes again, and the event of each (the collection's
# modules know the same statuses: module_utils/_jobs.py, which needs ansible-core).
JOB_ENDS = dict(FINISHED='job_finished', FAILED='job_failed', CANCELED='job_canceled', EXPIRED='job_expired')
JOB_LIST_PAGE = 50

# Hardware monitoring: the metrics that are states, and the value each has when all is well. Every
# other *_state metric (IPMI sensor and chassis fault states) is OK at "0" only; the chassis power
# state is power, not health, and measurements (temperatures, fan ratios) are no states.
HEALTHY = dict(ipmi_up='1', up='1')
NOT_A_STATE = frozenset(('ipmi_chassis_power_state',))

HOSTNAME_OPTIONS = tuple(choice for choice in HOSTNAME_CHOICES if choice != 'serial_number')
MAX_CONCURRENCY = 100
STATE_FORMAT = 1


class SettingsError(ValueError):
    """An option that cannot be used: raised before any request."""


# -- options ------------------------------------------------------------------------------


def _as_list(name, value):
    if value is None:
        return None
    if isinstance(value, str):
        value = [part.strip() for part in value.split(',') if part.strip()]
    if not isinstance(value, (list, tuple)):
        raise SettingsError('%s must be a list, got %r' % (name, value))
    return ['%s' % (item,) for item in value]


def _as_int(name, value, default, minimum, maximum=None):
    if value is None or value == '':
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SettingsError('%s must be a whole number, got %r' % (name, value))
    if number < minimum or (maximum is not None and number > maximum):
        bounds = 'at least %d' % minimum if maximum is None else 'between %d and %d' % (minimum, maximum)
        raise SettingsError('%s must be %s, got %d' % (name, bounds, number))
    return number


def _as_bool(name, value, default):
    if value is None or value == '':
        return default
    if isinstance(value, bool):
        return value
    text = ('%s' % (value,)).strip().lower()
    if text in ('true', 'yes', 'on', '1'):
        return True
    if text in ('false', 'no', 'off', '0'):
        return False
    raise SettingsError('%s must be true or false, got %r' % (name, value))


def settings_from(args, environ=None):
    """The source's arguments (the rulebook's), checked and completed from the environment, before any
    request. Raises :class:`SettingsError` with a message that names the option (never the key)."""
    environ = os.environ if environ is None else environ
    args = dict(args or {})
    known = set(
        (
            'api_key',
            'api_url',
            'validate_certs',
            'api_timeout',
            'api_retries',
            'interval',
            'kinds',
            'server_ids',
            'hostname',
            'page_size',
            'concurrency',
            'state_file',
            'emit_baseline',
        )
    ) | set(SERVER_LIST_FILTERS)
    unknown = sorted(set(args) - known)
    if unknown:
        raise SettingsError(
            'unknown option(s): %s (the options of %s are in its DOCUMENTATION)' % (', '.join(unknown), NAME)
        )
    api_key = args.get('api_key') or environ.get('LEASEWEB_API_KEY') or environ.get('LEASEWEB_TOKEN')
    if not api_key:
        raise SettingsError('api_key is empty: set it, or LEASEWEB_API_KEY in the environment')
    connection = dict(
        api_key='%s' % (api_key,),
        api_url=args.get('api_url') or environ.get('LEASEWEB_API_URL') or None,
        validate_certs=_as_bool('validate_certs', args.get('validate_certs'), True),
        api_timeout=_as_int('api_timeout', args.get('api_timeout'), 30, 1),
        api_retries=_as_int('api_retries', args.get('api_retries'), 5, 0),
    )
    problem = connection_problem(connection)
    if problem:
        raise SettingsError(problem)
    kinds = _as_list('kinds', args.get('kinds'))
    kinds = list(DEFAULT_KINDS) if kinds is None else kinds
    wrong = [kind for kind in kinds if kind not in KINDS]
    if wrong or not kinds:
        raise SettingsError(
            'kinds must name at least one of %s, got %s' % (', '.join(KINDS), ', '.join(wrong) or 'none')
        )
    hostname = _as_list('hostname', args.get('hostname')) or ['reference', 'id']
    wrong = [choice for choice in hostname if choice not in HOSTNAME_OPTIONS]
    if wrong:
        raise SettingsError('hostname choices are %s, got %s' % (', '.join(HOSTNAME_OPTIONS), ', '.join(wrong)))
    filters = dict((name, args.get(name)) for name in SERVER_LIST_FILTERS)
    for name in ('private_network_capable', 'private_network_enabled'):
        filters[name] = _as_bool(name, filters[name], None)
    try:
        query = server_list_query(filters)
    except ValueError as e:
        raise SettingsError('%s' % e)
    server_ids = _as_list('server_ids', args.get('server_ids'))
    return dict(
        connection=connection,
        query=query,
        interval=_as_int('interval', args.get('interval'), 60, 1),
        kinds=[kind for kind in KINDS if kind in kinds],
        server_ids=None if server_ids is None else frozenset(server_ids),
        hostname=hostname,
        page_size=_as_int('page_size', args.get('page_size'), 100, 1),
        concurrency=_as_int('concurrency', args.get('concurrency'), 10, 1, MAX_CONCURRENCY),
        state_file=args.get('state_file') or None,
        emit_baseline=_as_bool('emit_baseline', args.get('emit_baseline'), False),
    )


# -- reading ------------------------------------------------------------------------------


def _or_gone(read):
    """``read()``, or None when the API answers 404 (the server went away during the poll)."""
    try:
        return read()
    except LeasewebError as e:
        if e.status == 404:
            return None
        raise


def job_view(job):
    """What an event shows of a job."""
    return dict((key, job.get(key)) for key in ('uuid', 'type', 'status', 'progress', 'created_at', 'updated_at'))


def unhealthy(metrics):
    """The monitoring metrics of a server that are states and not OK, as ``{"metric/name": value}``."""
    found = {}
    for metric in metrics or []:
        name = metric.get('metric') or ''
        value = '%s' % (metric.get('value'),)
        if name in HEALTHY:
            healthy = value == HEALTHY[name]
        elif name.endswith('_state') and name not in NOT_A_STATE:
            healthy = value == '0'
        else:
            continue
        if not healthy:
            found['%s/%s' % (name, metric.get('name') or '')] = value
    return found


def _metric_of(key, value):
    metric, _slash, name = key.partition('/')
    return dict(metric=metric, name=name or None, value=value)


class Poller(object):
    """Reads the fleet and tells what changed since a snapshot: ``poll(snapshot)``."""

    def __init__(self, settings, client):
        self.settings = settings
        self.client = client
        self.kinds = set(settings['kinds'])

    # -- one poll ------------------------------------------------------------------------

    def read(self, old):
        """``(snapshot, changes)``: what the fleet is now, and how it changed since ``old`` (a snapshot,
        None at the first poll). ``changes`` is a list of ``(server_id, event type, fields)`` in the order
        the events are emitted. Raises :class:`LeasewebError` when a request fails: then nothing of the
        poll is used."""
        settings = self.settings
        client = self.client
        # a server listed twice while the list changed is one server
        listed = list_servers(
            client, settings['query'], page_size=settings['page_size'], concurrency=settings['concurrency']
        )
        records, networks = [], {}
        for server in listed:
            records.append(summarize(server))
            networks[server.get('id')] = dict(
                ('%s' % network.get('id'), dict(status=network.get('status'), link_speed=network.get('link_speed')))
                for network in server.get('private_networks') or []
            )
        names = host_names(records, settings['hostname'])[0]
        wanted = settings['server_ids']
        servers = dict(
            (record['id'], dict(server=record, host=name, networks=networks[record['id']]))
            for record, name in zip(records, names)
            if wanted is None or record['id'] in wanted
        )
        order = [record['id'] for record in records if record['id'] in servers]
        snapshot = dict(kinds=sorted(self.kinds), servers=servers, order=order)
        old = old or {}
        known = old.get('servers')  # None: the first poll
        covered = set(old.get('kinds') or [])
        changes = []

        if 'hardware' in self.kinds:
            snapshot['hardware'] = self._hardware(servers, old.get('hardware') or {})
        per_server = [kind for kind in SERVER_KINDS if kind in self.kinds]
        if per_server:
            readings = client.run_concurrently(
                lambda server_id: self._server(server_id, servers[server_id], old, known),
                order,
                settings['concurrency'],
            )
            for kind in per_server:
                snapshot[kind] = {}
            for server_id, reading in zip(order, readings):
                for kind in per_server:
                    state, kind_changes = reading[kind]
                    if state is not None:
                        snapshot[kind][server_id] = state
                    elif server_id in (old.get(kind) or {}):
                        snapshot[kind][server_id] = old[kind][server_id]  # went away during the poll: kept
                    if kind in covered:
                        changes.extend((server_id, event, fields) for event, fields in kind_changes)

        if known is None:
            return snapshot, self._baseline(snapshot) if settings['emit_baseline'] else []
        changes.extend(self._list_changes(snapshot, known, covered))
        if 'hardware' in covered:
            changes.extend(self._hardware_changes(snapshot['hardware'], old.get('hardware') or {}, known))
        return snapshot, self._ordered(changes, snapshot, known)

    @staticmethod
    def _ordered(changes, snapshot, known):
        """The changes server by server, in list order (servers gone last), kind by kind (in the order of
        KINDS), and in the order they were found within a kind (a job's start before its end)."""
        position = dict((server_id, index) for index, server_id in enumerate(snapshot['order']))
        gone = [server_id for server_id in known if server_id not in position]
        for server_id in sorted(gone, key=id_order):
            position[server_id] = len(position)
        rank = dict((event, index) for index, kind in enumerate(KINDS) for event in EVENT_TYPES[kind])
        indexed = list(enumerate(changes))
        indexed.sort(key=lambda item: (position[item[1][0]], rank[item[1][1]], item[0]))
        return [change for _index, change in indexed]

    # -- what the server list shows --------------------------------------------------------

    def _list_changes(self, snapshot, known, covered):
        changes = []
        current = snapshot['servers']
        for server_id, now in current.items():
            before = known.get(server_id)
            if before is None:
                if 'servers' in covered:
                    changes.append((server_id, 'server_added', {}))
                continue
            server, previous = now['server'], before['server']
            if 'references' in covered and server.get('reference') != previous.get('reference'):
                changes.append(
                    (
                        server_id,
                        'reference_changed',
                        dict(
                            reference=server.get('reference'),
                            previous_reference=previous.get('reference'),
                            previous_host=before['host'],
                        ),
                    )
                )
            if 'null_routes' in covered and bool(server.get('null_routed')) != bool(previous.get('null_routed')):
                event = 'address_null_routed' if server.get('null_routed') else 'address_unnulled'
                changes.append((server_id, event, dict(ip=server.get('public_ip') or previous.get('public_ip'))))
            if 'private_networks' in covered:
                for network_id, network in sorted(now['networks'].items()):
                    was = before['networks'].get(network_id) or {}
                    if network['status'] == 'CONFIGURED' and was.get('status') != 'CONFIGURED':
                        changes.append(
                            (
                                server_id,
                                'private_network_configured',
                                dict(private_network=dict(network, id=network_id)),
                            )
                        )
                for network_id, network in sorted(before['networks'].items()):
                    if network_id not in now['networks']:
                        changes.append(
                            (
                                server_id,
                                'private_network_removed',
                                dict(private_network=dict(network, id=network_id, status=None)),
                            )
                        )
        if 'servers' in covered:
            for server_id in known:
                if server_id not in current:
                    changes.append((server_id, 'server_gone', {}))
        return changes

    # -- hardware monitoring (one list for the fleet) -----------------------------------------

    def _hardware(self, servers, old):
        """``{server_id: {"metric/name": value}}`` of the watched servers in the monitoring list; a
        server that is not in it keeps what it had."""
        settings = self.settings
        query = {}
        if settings['query'].get('site'):
            query['site'] = settings['query']['site']
        listed = self.client.paginate(
            '/hardwareMonitoring',
            'servers',
            query,
            page_size=settings['page_size'],
            concurrency=settings['concurrency'],
        )
        state = dict((server_id, values) for server_id, values in old.items() if server_id in servers)
        for monitored in listed:
            server_id = monitored.get('server_id')
            if server_id in servers:
                state[server_id] = unhealthy(monitored.get('metrics'))
        return state

    @staticmethod
    def _hardware_changes(now, old, known):
        changes = []
        for server_id, values in now.items():
            if server_id not in old or server_id not in known:
                continue  # newly monitored or newly listed: its baseline
            before = old[server_id]
            for key, value in sorted(values.items()):
                if before.get(key) != value:
                    changes.append((server_id, 'hardware_not_ok', dict(metric=_metric_of(key, value))))
            for key, value in sorted(before.items()):
                if key not in values:
                    changes.append((server_id, 'hardware_ok', dict(metric=_metric_of(key, None), previous_value=value)))
        return changes

    # -- what costs requests per server ------------------------------------------------------

    def _server(self, server_id, current, old, known):
        """``{kind: (state or None when gone, [(event, fields)])}`` for one server; the changes of a
        server that was not listed before are its baseline, never emitted."""
        reading = {}
        new_server = known is None or server_id not in known
        for kind in SERVER_KINDS:
            if kind not in self.kinds:
                continue
            before = None if new_server else (old.get(kind) or {}).get(server_id)
            if kind == 'power':
                reading[kind] = self._power(server_id, current, before)
            elif kind == 'jobs':
                reading[kind] = self._jobs(server_id, before)
            else:
                reading[kind] = self._threshold(server_id, kind, before)
        return reading

    def _power(self, server_id, current, before):
        if 'power_cycle' not in (current['server'].get('features') or []):
            return None, []  # no power control: nothing to read
        power = _or_gone(lambda: read_power(self.client, server_id))
        if power is None:
            return None, []
        on = power['powered_on']
        state = dict(on=on, ipmi=(power.get('ipmi') or {}).get('status'), pdu=(power.get('pdu') or {}).get('status'))
        if before is None or before['on'] == on:
            return state, []
        return state, [('power_on' if on else 'power_off', dict(power=state))]

    def _threshold(self, server_id, kind, before):
        settings = _or_gone(lambda: read_settings(self.client, server_id, kind))
        if settings is None:
            return None, []
        state = dict(('%s' % setting.get('id'), setting.get('threshold_exceeded_at')) for setting in settings)
        changes = []
        if before is not None:
            for setting in settings:
                exceeded = setting.get('threshold_exceeded_at')
                if exceeded and exceeded != before.get('%s' % setting.get('id')):
                    changes.append(
                        (
                            '%s_threshold_exceeded' % kind,
                            dict(
                                notification_setting=dict(
                                    (key, setting.get(key))
                                    for key in (
                                        'id',
                                        'threshold',
                                        'unit',
                                        'frequency',
                                        'threshold_exceeded_at',
                                        'last_checked_at',
                                    )
                                )
                            ),
                        )
                    )
        return state, changes

    def _jobs(self, server_id, before):
        """The jobs of a server: ``{count, first, running: {uuid: job}}``, and their changes.

        One request (the first job and the number of jobs) tells whether anything can have changed;
        the running jobs are read when the number or the first job changed or a job was running; a
        job seen running and no longer running is read once for how it ended. When more jobs were
        added than are running now, the jobs that started and ended between two polls are found in
        the whole list, newest first by their creation time (the API's order is not relied on).
        A canceled job runs its failure flow for a while: it is running, and CANCELED at once.
        """
        client = self.client
        path = client.server_path(server_id, 'jobs')
        probe = _or_gone(lambda: client.get(path, params=dict(limit=1, offset=0)))
        if probe is None:
            return None, []
        count = (probe.get('_metadata') or {}).get('total_count') or 0
        first = ((probe.get('jobs') or [{}])[0] or {}).get('uuid')
        tracked = dict((before or {}).get('running') or {})
        if before is not None and count == before['count'] and first == before['first'] and not tracked:
            return before, []
        running = _or_gone(lambda: running_jobs(client, server_id))
        if running is None:
            return None, []
        state = dict(count=count, first=first, running=dict((job['uuid'], job_view(job)) for job in running))
        if before is None:
            return state, []
        changes = []
        running_now = dict((job['uuid'], job) for job in running)
        for uuid, seen in sorted(tracked.items()):
            if seen.get('status') in JOB_ENDS:
                continue  # its end was told already
            job = running_now.get(uuid)
            if job is None:  # stopped running: how did it end?
                job = _or_gone(lambda: read_job(client, server_id, uuid))
            if job is not None and job.get('status') in JOB_ENDS:
                changes.append(self._job_end(server_id, job))
        new_running = [job for job in running if job['uuid'] not in tracked]
        unseen = count - before['count'] - len(new_running)
        if unseen > 0:
            jobs = sorted(
                client.paginate(path, 'jobs', page_size=JOB_LIST_PAGE),
                key=lambda job: job.get('created_at') or '',
                reverse=True,
            )
            added = [job for job in jobs[: count - before['count']] if job['uuid'] not in running_now]
            for job in reversed(added):  # oldest first
                changes.append(('job_started', dict(job=job_view(job))))
                if job.get('status') in JOB_ENDS:
                    changes.append(self._job_end(server_id, job))
        for job in sorted(new_running, key=lambda job: job.get('created_at') or ''):
            changes.append(('job_started', dict(job=job_view(job))))
            if job.get('status') in JOB_ENDS:  # canceled already, running its failure flow
                changes.append(self._job_end(server_id, job))
        return state, changes

    def _job_end(self, server_id, job):
        """The change of a job that ended; a FAILED one also tells how many jobs of its type failed one
        after the other on the server, itself included (``failed_in_a_row``), read from the server's jobs
        of that type (one request per 50 jobs): 1 for a first failure, 2 when the job before it failed
        too... A job of that type that did not fail (FINISHED, CANCELED, EXPIRED) ends the count."""
        fields = dict(job=job_view(job))
        if job.get('status') == 'FAILED':
            client = self.client
            jobs = sorted(
                client.paginate(
                    client.server_path(server_id, 'jobs'), 'jobs', dict(type=job.get('type')), page_size=JOB_LIST_PAGE
                ),
                key=lambda item: item.get('created_at') or '',
                reverse=True,
            )
            uuids = [item.get('uuid') for item in jobs]
            count = 1
            if job.get('uuid') in uuids:
                count = 0
                for item in jobs[uuids.index(job['uuid']) :]:
                    if item.get('status') != 'FAILED':
                        break
                    count += 1
            fields['failed_in_a_row'] = count
        return JOB_ENDS[job['status']], fields

    # -- the baseline as events (emit_baseline) -------------------------------------------------

    def _baseline(self, snapshot):
        """The first poll's state as the events that would have led to it."""
        changes = []
        for server_id in snapshot['order']:
            now = snapshot['servers'][server_id]
            server = now['server']
            if 'servers' in self.kinds:
                changes.append((server_id, 'server_added', {}))
            if 'null_routes' in self.kinds and server.get('null_routed'):
                changes.append((server_id, 'address_null_routed', dict(ip=server.get('public_ip'))))
            if 'private_networks' in self.kinds:
                for network_id, network in sorted(now['networks'].items()):
                    if network['status'] == 'CONFIGURED':
                        changes.append(
                            (
                                server_id,
                                'private_network_configured',
                                dict(private_network=dict(network, id=network_id)),
                            )
                        )
            power = (snapshot.get('power') or {}).get(server_id)
            if power is not None and not power['on']:
                changes.append((server_id, 'power_off', dict(power=power)))
            for _uuid, job in sorted(((snapshot.get('jobs') or {}).get(server_id) or {}).get('running', {}).items()):
                if job['status'] not in JOB_ENDS:
                    changes.append((server_id, 'job_started', dict(job=job)))
            for key, value in sorted(((snapshot.get('hardware') or {}).get(server_id) or {}).items()):
                changes.append((server_id, 'hardware_not_ok', dict(metric=_metric_of(key, value))))
            for kind in ('bandwidth', 'datatraffic'):
                for setting_id, exceeded in sorted(((snapshot.get(kind) or {}).get(server_id) or {}).items()):
                    if exceeded:
                        changes.append(
                            (
                                server_id,
                                '%s_threshold_exceeded' % kind,
                                dict(notification_setting=dict(id=setting_id, threshold_exceeded_at=exceeded)),
                            )
                        )
        return [(server_id, event, dict(fields, baseline=True)) for server_id, event, fields in changes]


# -- the source: polls, outbox, state file ------------------------------------------------------


def _now_text(wall):
    return datetime.datetime.fromtimestamp(wall(), datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


class Source(object):
    """The event source: ``await Source(settings).run(queue)``.

    ``sleep`` (a coroutine function), ``clock`` (monotonic seconds) and ``wall`` (epoch seconds) are
    what time means to it, for tests to set.
    """

    def __init__(self, settings, client=None, sleep=None, clock=time.monotonic, wall=time.time):
        self.settings = settings
        self.client = client or client_from_options(
            settings['connection'],
            pool_size=settings['concurrency'],
            user_agent='ansible-collection-leaseweb.dedicated/%s (event source fleet_events)' % COLLECTION_VERSION,
        )
        self.poller = Poller(settings, self.client)
        self.sleep = sleep or asyncio.sleep
        self.clock = clock
        self.wall = wall
        self.snapshot = None
        self.sequence = 0  # the number of the last event made
        self.delivered = 0  # the number of the last event handed to ansible-rulebook
        self.outbox = []  # events made, not yet handed over
        self.polls = 0
        self.load()

    # -- state file ----------------------------------------------------------------------

    def fingerprint(self):
        """What the snapshot depends on: where it was read, with which key (a hash) and filters."""
        connection = self.settings['connection']
        key = hashlib.sha256(connection['api_key'].encode('utf-8')).hexdigest()[:16]
        return dict(
            api_url=connection['api_url'],
            key=key,
            query=self.settings['query'],
            server_ids=sorted(self.settings['server_ids']) if self.settings['server_ids'] is not None else None,
            hostname=self.settings['hostname'],
        )

    def load(self):
        """Read the state file, when there is one."""
        path = self.settings['state_file']
        if not path or not os.path.exists(path):
            return
        try:
            with open(path) as handle:
                state = json.load(handle)
            if state.get('format') != STATE_FORMAT:
                raise ValueError('format %r, expected %r' % (state.get('format'), STATE_FORMAT))
            self.sequence = int(state['sequence'])
            self.delivered = int(state['delivered'])
            self.outbox = [event for event in state['outbox'] if event['sequence'] > self.delivered]
            snapshot = state['snapshot']
            fingerprint = state['fingerprint']
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise SettingsError('state_file %s cannot be read as the state of %s: %s' % (path, NAME, e))
        if fingerprint == self.fingerprint():
            self.snapshot = snapshot
        else:
            log.warning(
                '%s: the state in %s was read from another api_url, API key, filters, server_ids or hostname; '
                'the next poll is a new baseline',
                NAME,
                path,
            )

    def save(self):
        """Write the state file atomically (readable by its owner only); nothing without one."""
        path = self.settings['state_file']
        if not path:
            return
        state = dict(
            format=STATE_FORMAT,
            fingerprint=self.fingerprint(),
            sequence=self.sequence,
            delivered=self.delivered,
            outbox=self.outbox,
            snapshot=self.snapshot,
        )
        directory = os.path.dirname(os.path.abspath(path))
        handle, temporary = tempfile.mkstemp(prefix='.fleet_events.', dir=directory)
        try:
            with os.fdopen(handle, 'w') as stream:
                json.dump(state, stream, separators=(',', ':'))
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise

    # -- polling ---------------------------------------------------------------------------

    def read(self):
        """One poll (blocking): ``(snapshot, changes)``; raises LeasewebError when it failed."""
        started = time.time()
        before = self.client.request_count
        snapshot, changes = self.poller.read(self.snapshot)
        log.debug(
            '%s: poll of %d servers in %d requests, %d change(s), %.2fs',
            NAME,
            len(snapshot['order']),
            self.client.request_count - before,
            len(changes),
            time.time() - started,
        )
        return snapshot, changes

    def commit(self, snapshot, changes, polled_at):
        """Take a poll's result: the events go to the outbox, numbered, and the state is saved."""
        servers = snapshot['servers']
        known = (self.snapshot or {}).get('servers') or {}
        for server_id, event_type, fields in changes:
            where = servers.get(server_id) or known.get(server_id)
            self.sequence += 1
            event = dict(
                type=event_type,
                sequence=self.sequence,
                server_id=server_id,
                host=where['host'],
                server=where['server'],
                polled_at=polled_at,
            )
            event.update(fields)
            self.outbox.append(inert(event))
        self.snapshot = snapshot
        self.save()

    def poll(self):
        """One poll, taken (blocking): the events it made (also in the outbox). For tests and tools."""
        polled_at = _now_text(self.wall)
        snapshot, changes = self.read()
        first = len(self.outbox)
        self.commit(snapshot, changes, polled_at)
        return self.outbox[first:]

    async def deliver(self, queue):
        """Hand the outbox to ansible-rulebook, oldest first; the state says how far it got."""
        try:
            while self.outbox:
                event = self.outbox[0]
                # a copy: ansible-rulebook's filters add to the event they get
                await queue.put(json.loads(json.dumps(event)))
                self.outbox.pop(0)
                self.delivered = event['sequence']
        finally:
            self.save()

    async def run(self, queue):
        """Poll every ``interval`` seconds until cancelled; a failed poll keeps the snapshot."""
        interval = self.settings['interval']
        try:
            await self.deliver(queue)  # what a stopped run had not handed over yet
            while True:
                started = self.clock()
                polled_at = _now_text(self.wall)
                try:
                    snapshot, changes = await asyncio.to_thread(self.read)
                except LeasewebError as e:
                    if e.status in (401, 403):
                        raise
                    log.warning(
                        '%s: the poll failed; the last snapshot is kept and the next poll in %ds compares with it: %s',
                        NAME,
                        interval,
                        self.client.redact(e.msg),
                    )
                else:
                    self.polls += 1
                    self.commit(snapshot, changes, polled_at)
                    await self.deliver(queue)
                await self.sleep(max(0.0, interval - (self.clock() - started)))
        finally:
            self.client.close()
