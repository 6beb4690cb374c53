# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The leaseweb.dedicated.fleet_events source against the emulator: one event per change of every kind,
none for the baseline, none lost or repeated across a failed poll and a restart, and the requests a poll
costs, as the plugin's documentation states them."""

import asyncio
import collections
import json
import logging
import re
import runpy
import os

import jinja2
import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._fleet_events import (
    KINDS,
    SettingsError,
    Source,
    settings_from,
)
from tests.conftest import REPO_ROOT
from tests.eda.conftest import API_KEY, JOB_SECONDS, PRIVATE_NETWORK_SECONDS
from tests.emulator import Emulator

SOURCE_FILE = os.path.join(REPO_ROOT, 'extensions', 'eda', 'plugins', 'event_source', 'fleet_events.py')
ALL = list(KINDS)
Counter = collections.Counter


def source(fleet, **args):
    options = dict(api_url=fleet.url, api_key=API_KEY, page_size=10, concurrency=4)
    options.update(args)
    return Source(settings_from(options, environ={}))


def kinds_of(events):
    return [(event['type'], event['server_id']) for event in events]


def steady(jobs=30, power=29):
    """The requests of a poll of the 30 servers in pages of 10 with every kind, when nothing runs."""
    return Counter(
        {
            'GET /servers': 3,
            'GET /hardwareMonitoring': 3,
            'GET /servers/{serverId}/jobs': jobs,
            'GET /servers/{serverId}/powerInfo': power,
            'GET /servers/{serverId}/notificationSettings/bandwidth': 30,
            'GET /servers/{serverId}/notificationSettings/datatraffic': 30,
        }
    )


def test_the_first_poll_is_the_baseline_and_each_poll_costs_what_the_documentation_says(fleet):
    watcher = source(fleet, kinds=ALL)
    fleet.take()
    assert watcher.poll() == []
    # the baseline reads each server's running jobs too; power only where there is power control (29 of 30)
    assert fleet.take() == steady(jobs=60)
    assert watcher.poll() == []
    assert fleet.take() == steady()

    default = source(fleet)
    assert default.poll() == [] and default.poll() == []
    fleet.take()
    assert default.poll() == []
    assert fleet.take() == Counter(
        {'GET /servers': 3, 'GET /hardwareMonitoring': 3, 'GET /servers/{serverId}/jobs': 30}
    )

    listed = source(fleet, kinds=['servers', 'references', 'null_routes', 'private_networks'], server_ids=['12345'])
    assert listed.poll() == []
    assert fleet.take() == Counter({'GET /servers': 3})


def test_every_kind_emits_exactly_one_event_per_change_with_its_fields(fleet):
    ids = fleet.ids()
    s = dict(enumerate(ids))
    bandwidth = fleet.ok(
        'POST',
        '/servers/%s/notificationSettings/bandwidth' % s[10],
        dict(frequency='DAILY', threshold='1', unit='Gbps'),
    )
    datatraffic = fleet.ok(
        'POST',
        '/servers/%s/notificationSettings/datatraffic' % s[13],
        dict(frequency='MONTHLY', threshold='5', unit='TB'),
    )
    watcher = source(fleet, kinds=ALL)
    assert watcher.poll() == []

    added = fleet.admin('POST', 'servers', dict(count=1))[1]['servers'][0]
    fleet.admin('DELETE', 'servers/%s' % s[14])
    fleet.ok('PUT', '/servers/%s' % s[13], dict(reference='db-04'))
    fleet.ok('POST', '/servers/%s/ips/209.58.0.1/null' % s[1])
    fleet.ok('PUT', '/servers/%s/privateNetworks/892' % s[2], dict(linkSpeed=1000))
    fleet.ok('DELETE', '/servers/%s/privateNetworks/892' % s[3])
    fleet.ok('POST', '/servers/%s/powerOff' % s[12])
    fleet.ok('POST', '/servers/%s/powerOn' % s[11])
    fleet.ok('POST', '/servers/%s/install' % s[4], dict(operatingSystemId='UBUNTU_22_04_64BIT'))
    fleet.admin('PUT', 'servers/%s/next_job' % s[5], dict(outcome='FAILED', seconds=10))
    failed = fleet.ok('POST', '/servers/%s/install' % s[5], dict(operatingSystemId='DEBIAN_12_64BIT'))
    for index, job_type, body in ((6, 'rescueMode', dict(rescueImageId='GRML')), (7, 'hardwareScan', {})):
        fleet.admin('PUT', 'servers/%s/next_job' % s[index], dict(outcome='HANG'))
        fleet.ok('POST', '/servers/%s/%s' % (s[index], job_type), body)
    fleet.admin(
        'PUT', 'servers/%s/sensors' % s[8], dict(metric='ipmi_fan_speed_state', name='Fan 1 DutyCycle', value='2')
    )
    fleet.admin('POST', 'servers/%s/notificationSettings/bandwidth/%s/exceeded' % (s[10], bandwidth['id']))
    fleet.admin('POST', 'servers/%s/notificationSettings/datatraffic/%s/exceeded' % (s[13], datatraffic['id']))
    fleet.advance(max(20, PRIVATE_NETWORK_SECONDS))

    events = watcher.poll()
    assert kinds_of(events) == [
        ('address_null_routed', s[1]),
        ('private_network_configured', s[2]),
        ('private_network_removed', s[3]),
        ('job_started', s[4]),
        ('job_started', s[5]),
        ('job_failed', s[5]),
        ('job_started', s[6]),
        ('job_started', s[7]),
        ('hardware_not_ok', s[8]),
        ('bandwidth_threshold_exceeded', s[10]),
        ('power_on', s[11]),
        ('power_off', s[12]),
        ('reference_changed', s[13]),
        ('datatraffic_threshold_exceeded', s[13]),
        ('server_added', added),
        ('server_gone', s[14]),
    ]
    assert [event['sequence'] for event in events] == list(range(1, 17))
    by = dict(((event['type'], event['server_id']), event) for event in events)
    for event in events:
        assert event['server']['id'] == event['server_id']
        assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', event['polled_at'])
        assert 'baseline' not in event
    # host names as the inventory gives them: the lowest id keeps a duplicated reference
    assert by[('job_started', s[4])]['host'] == 'web-01-13219' and by[('address_null_routed', s[1])]['host'] == 'vpn-01'
    assert (
        by[('server_gone', s[14])]['host'] == 'db-01' and by[('server_gone', s[14])]['server']['reference'] == 'db-01'
    )
    assert by[('address_null_routed', s[1])]['ip'] == '209.58.0.1'
    assert by[('private_network_configured', s[2])]['private_network'] == dict(
        id='892', status='CONFIGURED', link_speed=1000
    )
    assert by[('private_network_removed', s[3])]['private_network'] == dict(id='892', status=None, link_speed=1000)
    assert by[('power_on', s[11])]['power'] == dict(on=True, ipmi='on', pdu='on')
    assert by[('power_off', s[12])]['power'] == dict(on=False, ipmi='off', pdu='off')
    job = by[('job_failed', s[5])]['job']
    assert job['uuid'] == failed['uuid'] and job['type'] == 'install' and job['status'] == 'FAILED'
    assert job['progress']['percentage'] == 100 and job['progress']['failed'] == 1
    assert by[('job_failed', s[5])]['failed_in_a_row'] == 1  # the install before it (seeded) FINISHED
    assert by[('job_started', s[5])]['job']['uuid'] == failed['uuid']
    started = by[('job_started', s[4])]['job']
    assert (
        started['type'] == 'install' and started['status'] == 'ACTIVE' and 0 < started['progress']['percentage'] < 100
    )
    assert by[('job_started', s[6])]['job']['type'] == 'rescueMode'
    assert by[('hardware_not_ok', s[8])]['metric'] == dict(
        metric='ipmi_fan_speed_state', name='Fan 1 DutyCycle', value='2'
    )
    exceeded = by[('bandwidth_threshold_exceeded', s[10])]['notification_setting']
    assert exceeded['id'] == bandwidth['id'] and exceeded['threshold'] == '1' and exceeded['unit'] == 'Gbps'
    assert exceeded['threshold_exceeded_at']
    assert by[('datatraffic_threshold_exceeded', s[13])]['notification_setting']['unit'] == 'TB'
    renamed = by[('reference_changed', s[13])]
    assert (renamed['reference'], renamed['previous_reference'], renamed['host'], renamed['previous_host']) == (
        'db-04',
        None,
        'db-04',
        s[13],
    )
    assert by[('server_added', added)]['server']['id'] == added

    fleet.advance(JOB_SECONDS)
    fleet.ok('POST', '/servers/%s/cancelActiveJob' % s[6])  # canceled: running its failure flow a while
    fleet.ok('POST', '/servers/%s/expireActiveJob' % s[7])
    fleet.ok('POST', '/servers/%s/ips/209.58.0.1/unnull' % s[1])
    fleet.admin(
        'PUT', 'servers/%s/sensors' % s[8], dict(metric='ipmi_fan_speed_state', name='Fan 1 DutyCycle', value='0')
    )
    fleet.ok('POST', '/servers/%s/powerOff' % added)
    fleet.admin('PUT', 'servers/%s/next_job' % s[5], dict(outcome='FAILED', seconds=0))
    retried = fleet.ok('POST', '/servers/%s/jobs/%s/retry' % (s[5], failed['uuid']))
    events = watcher.poll()
    assert kinds_of(events) == [
        ('address_unnulled', s[1]),
        ('job_finished', s[4]),
        ('job_started', s[5]),
        ('job_failed', s[5]),
        ('job_canceled', s[6]),
        ('job_expired', s[7]),
        ('hardware_ok', s[8]),
        ('power_off', added),
    ]
    assert [event['sequence'] for event in events] == list(range(17, 25))
    by = dict(((event['type'], event['server_id']), event) for event in events)
    assert by[('job_finished', s[4])]['job']['status'] == 'FINISHED'
    assert 'failed_in_a_row' not in by[('job_finished', s[4])]
    assert (
        by[('job_failed', s[5])]['job']['uuid'] == retried['uuid'] and by[('job_failed', s[5])]['failed_in_a_row'] == 2
    )
    assert by[('job_canceled', s[6])]['job']['status'] == 'CANCELED'
    assert by[('hardware_ok', s[8])]['metric'] == dict(
        metric='ipmi_fan_speed_state', name='Fan 1 DutyCycle', value=None
    )
    assert by[('hardware_ok', s[8])]['previous_value'] == '2'

    fleet.advance(JOB_SECONDS)  # the canceled job's failure flow ends: nothing more to tell
    fleet.take()
    assert watcher.poll() == []
    assert fleet.take() == steady(
        jobs=31
    )  # the canceled job was still running: its server's running jobs read once more
    assert watcher.poll() == []
    assert fleet.take() == steady()


def test_a_job_that_started_and_ended_between_two_polls_is_told_in_order(fleet):
    server_id = fleet.ids()[2]
    watcher = source(fleet, kinds=['jobs'])
    assert watcher.poll() == []
    first = fleet.ok('POST', '/servers/%s/hardwareScan' % server_id, {})
    fleet.advance(JOB_SECONDS)
    second = fleet.ok('POST', '/servers/%s/ipmiReset' % server_id, {})
    fleet.take()
    events = watcher.poll()
    assert [(e['type'], e['job']['uuid']) for e in events] == [
        ('job_started', first['uuid']),
        ('job_finished', first['uuid']),
        ('job_started', second['uuid']),
    ]
    # the probe, the running jobs, and the whole list once (two jobs added, one running)
    log = fleet.take_log()
    assert [entry['query'] for entry in log if entry['path'].endswith('/%s/jobs' % server_id)] == [
        {'limit': '1', 'offset': '0'},
        {'isRunning': 'true', 'limit': '50', 'offset': '0'},
        {'limit': '50', 'offset': '0'},
    ]


def test_the_baseline_is_emitted_when_asked(fleet):
    ids = fleet.ids()
    fleet.ok('POST', '/servers/%s/powerOff' % ids[3])
    fleet.ok('POST', '/servers/%s/install' % ids[4], dict(operatingSystemId='UBUNTU_22_04_64BIT'))
    watcher = source(
        fleet, kinds=['servers', 'private_networks', 'power', 'jobs'], emit_baseline=True, server_ids=ids[:5]
    )
    events = watcher.poll()
    assert kinds_of(events) == [
        ('server_added', ids[0]),
        ('private_network_configured', ids[0]),
        ('server_added', ids[1]),
        ('server_added', ids[2]),
        ('server_added', ids[3]),
        ('private_network_configured', ids[3]),
        ('power_off', ids[3]),
        ('server_added', ids[4]),
        ('job_started', ids[4]),
    ]
    assert all(event['baseline'] is True for event in events)
    assert events[-1]['job']['type'] == 'install' and events[-1]['job']['status'] == 'ACTIVE'
    assert watcher.poll() == []


def test_text_from_the_api_is_written_inert_in_events(fleet):
    server_id = fleet.ids()[1]
    watcher = source(fleet, kinds=['references'])
    watcher.poll()
    hostile = "{{ lookup('pipe', 'id') }}{%- raw -%}#jinja2: x"
    fleet.ok('PUT', '/servers/%s' % server_id, dict(reference=hostile))
    [event] = watcher.poll()
    assert event['reference'] != hostile and event['server']['reference'] == event['reference']
    assert '{{ lookup' not in event['reference'] and '{%' not in event['reference']
    assert jinja2.Environment().from_string(event['reference']).render() == hostile
    assert event['host'] == server_id  # not a usable host name: named by its id, as the inventory does
    assert event['previous_reference'] == 'vpn-01'


def test_a_failed_poll_keeps_the_snapshot_and_loses_and_repeats_nothing(fleet, caplog):
    ids = fleet.ids()
    watcher = source(fleet, kinds=['references', 'jobs'], api_retries=0)

    def step_one():
        fleet.ok('PUT', '/servers/%s' % ids[1], dict(reference='changed-before-the-failure'))
        fleet.ok('POST', '/servers/%s/install' % ids[2], dict(operatingSystemId='UBUNTU_22_04_64BIT'))
        # the poll reads the whole list, then fails on one server's jobs
        fleet.faults(error_rate=1.0, error_status=500, count=1, path='/servers/%s/jobs' % ids[5])

    def step_two():
        fleet.ok('PUT', '/servers/%s' % ids[3], dict(reference='changed-after-the-failure'))

    events, _queue = drive(watcher, [step_one, step_two, None])
    assert kinds_of(events) == [('reference_changed', ids[1]), ('job_started', ids[2]), ('reference_changed', ids[3])]
    assert [event['sequence'] for event in events] == [1, 2, 3]
    assert watcher.polls == 2  # of three: the baseline, one that failed, and the one that told both changes
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and 'the poll failed' in warnings[0] and 'HTTP 500' in warnings[0]
    assert API_KEY not in caplog.text and all(API_KEY not in json.dumps(event) for event in events)


def test_rate_limits_are_waited_for_by_the_clients_policy(fleet):
    ids = fleet.ids()
    watcher = source(fleet, kinds=['references', 'jobs'])
    watcher.poll()
    fleet.ok('PUT', '/servers/%s' % ids[1], dict(reference='renamed'))
    fleet.faults(rate_limit_rate=1.0, retry_after=0, count=3)
    fleet.take()
    assert kinds_of(watcher.poll()) == [('reference_changed', ids[1])]
    log = fleet.take_log()
    assert [entry['status'] for entry in log[:4]] == [429, 429, 429, 200]  # the first request, asked again
    assert len(log) == 3 + 3 + 30


def test_an_unauthorized_key_stops_the_source(fleet):
    watcher = Source(settings_from(dict(api_url=fleet.url, api_key='not-the-key-1f2e'), environ={}))
    with pytest.raises(LeasewebError) as failure:
        drive(watcher, [None])
    assert failure.value.status == 401 and 'not-the-key-1f2e' not in str(failure.value)


def test_a_restart_with_a_state_file_loses_and_repeats_nothing(fleet, tmp_path):
    ids = fleet.ids()
    state_file = str(tmp_path / 'fleet.json')

    def two_changes():
        fleet.ok('PUT', '/servers/%s' % ids[1], dict(reference='first'))
        fleet.ok('PUT', '/servers/%s' % ids[2], dict(reference='second'))

    # the first run is stopped while it hands over the second of two events
    first = source(fleet, kinds=['references'], state_file=state_file)
    with pytest.raises(asyncio.CancelledError):
        drive(first, [two_changes, None], stop_at_event=2)
    assert os.stat(state_file).st_mode & 0o777 == 0o600
    saved = open(state_file).read()
    assert API_KEY not in saved

    # stopped: one more change; the second run hands over the event it had not, then the new one
    fleet.ok('PUT', '/servers/%s' % ids[3], dict(reference='third'))
    second = source(fleet, kinds=['references'], state_file=state_file)
    events, _queue = drive(second, [None])
    assert [(e['sequence'], e['server_id'], e['reference']) for e in events] == [
        (2, ids[2], 'second'),
        (3, ids[3], 'third'),
    ]

    # and a third run, with nothing new, emits nothing
    third = source(fleet, kinds=['references'], state_file=state_file)
    assert drive(third, [None])[0] == []
    # a state read with another key, URL or filters is a new baseline, numbering on
    other = source(fleet, kinds=['references'], state_file=state_file, site='AMS-01')
    fleet.ok('PUT', '/servers/%s' % ids[4], dict(reference='fourth'))
    assert other.poll() == [] and other.sequence == 3


def test_options_are_checked_before_any_request(fleet):
    fleet.take()
    for args, message in (
        (dict(kinds=['jobs', 'weather']), 'kinds must name at least one of'),
        (dict(interval=0), 'interval must be at least 1'),
        (dict(concurrency=101), 'concurrency must be between 1 and 100'),
        (dict(hostname=['serial_number']), 'hostname choices are'),
        (dict(api_url='http://api.example.com'), 'plain http'),
        (dict(ip='300.1.1.1'), 'ip:'),
        (dict(api_key=''), 'api_key is empty'),
        (dict(intervall=5), 'unknown option(s): intervall'),
    ):
        options = dict(api_url=fleet.url, api_key=API_KEY)
        options.update(args)
        with pytest.raises(SettingsError, match=re.escape(message)):
            settings_from(options, environ={})
    assert fleet.take() == Counter()
    settings = settings_from(
        dict(interval='30', kinds='jobs, power', emit_baseline='true'),
        environ=dict(LEASEWEB_API_KEY=API_KEY, LEASEWEB_API_URL=fleet.url),
    )
    assert (settings['interval'], settings['kinds'], settings['emit_baseline']) == (30, ['power', 'jobs'], True)
    assert settings['connection']['api_url'] == fleet.url


def test_the_list_kinds_and_hardware_of_10000_servers_cost_their_pages():
    """The inventory's pages and the monitoring list's: the number the documentation states."""
    emulator = Emulator(servers=10000, seed=7, api_key=API_KEY, clock='manual').start()
    try:
        watcher = Source(
            settings_from(
                dict(
                    api_url=emulator.url,
                    api_key=API_KEY,
                    kinds=['servers', 'references', 'null_routes', 'private_networks', 'hardware'],
                ),
                environ={},
            )
        )
        assert watcher.poll() == []
        with emulator.log_lock:
            operations = Counter(entry['operation'] for entry in emulator.log)
        assert operations == Counter({'GET /servers': 100, 'GET /hardwareMonitoring': 96})
    finally:
        emulator.stop()


def test_ansible_rulebook_runs_the_file_as_a_script_and_its_main_polls(fleet, tmp_path):
    """What ansible-rulebook does: runpy.run_path() of the file, then main(queue, args)."""
    module = runpy.run_path(SOURCE_FILE)
    assert 'DOCUMENTATION' in module and 'EXAMPLES' in module
    queue = asyncio.Queue()
    args = dict(
        api_url=fleet.url,
        api_key=API_KEY,
        kinds=['servers', 'references'],
        server_ids=['12345'],
        interval=1,
        emit_baseline=True,
    )

    async def run():
        task = asyncio.ensure_future(module['main'](queue, args))
        baseline = await queue.get()
        fleet.ok('PUT', '/servers/12345', dict(reference='renamed'))
        event = await queue.get()  # the next poll, an interval later
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return baseline, event

    baseline, event = asyncio.run(run())
    assert (baseline['type'], baseline['baseline']) == ('server_added', True)
    assert (event['type'], event['reference'], event['sequence']) == ('reference_changed', 'renamed', 2)


class Collected(object):
    """A queue that keeps what it gets; with ``stop_at_event``, the source is stopped (cancelled) while
    it hands over that event, as ansible-rulebook stopping would."""

    def __init__(self, stop_at_event=None):
        self.events = []
        self.stop_at_event = stop_at_event

    async def put(self, event):
        if self.stop_at_event is not None and len(self.events) + 1 == self.stop_at_event:
            raise asyncio.CancelledError()
        self.events.append(event)


def drive(watcher, steps, stop_at_event=None):
    """``watcher.run()``, each pause between polls replaced by the next step (a function that changes
    the fleet; None: stop). The events handed over, and the queue."""
    queue = Collected(stop_at_event)
    steps = list(steps)

    async def pause(_seconds):
        step = steps.pop(0)
        if step is None:
            raise _Stop()
        step()

    watcher.sleep = pause

    async def run():
        try:
            await watcher.run(queue)
        except _Stop:
            pass

    asyncio.run(run())
    return queue.events, queue


class _Stop(Exception):
    pass
