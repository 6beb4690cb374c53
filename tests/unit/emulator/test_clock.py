# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The emulator's clock: the Clock class, PUT/GET /_emulator/clock, POST /_emulator/requests/take,
and the timed behaviours that follow the clock (jobs, null routes, private networks, power)."""

import pytest

from tests.emulator import Emulator
from tests.emulator.clock import Clock
from tests.emulator.common import iso

from .conftest import JOB_SECONDS, Client

ON = {'ipmi': 'on', 'pdu': 'on'}
OFF = {'ipmi': 'off', 'pdu': 'off'}


class Wall:
    """A wall clock that moves only when a test sets it."""

    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


# -- the Clock class ------------------------------------------------------------------------------


def test_real_mode_follows_the_wall_clock():
    """real: the wall clock, plus what was advanced; a request does not move it."""
    wall = Wall()
    clock = Clock(wall=wall)
    assert clock.as_dict() == {'mode': 'real', 'step': 0.0, 'now': 1000.0}
    wall.now = 1003.5
    assert clock.now() == 1003.5
    assert clock.tick() == 1003.5 and clock.now() == 1003.5
    assert clock.advance(10) == 1013.5
    wall.now = 1004.5
    assert clock.now() == 1014.5


def test_manual_mode_stands_still_until_advanced():
    """manual: neither the wall clock nor requests move it; advance does."""
    wall = Wall()
    clock = Clock('manual', wall=wall)
    wall.now = 2000.0
    assert clock.now() == 1000.0
    assert [clock.tick() for _dummy in range(3)] == [1000.0] * 3
    assert clock.advance(2.5) == 1002.5 and clock.now() == 1002.5
    assert clock.advance(0) == 1002.5
    assert clock.as_dict() == {'mode': 'manual', 'step': 0.0, 'now': 1002.5}


def test_step_mode_moves_by_the_step_after_each_request():
    """step: a request gets the current time, then the clock moves `step` seconds."""
    wall = Wall()
    clock = Clock('step', step=3, wall=wall)
    wall.now = 5000.0
    assert [clock.tick() for _dummy in range(3)] == [1000.0, 1003.0, 1006.0]
    assert clock.now() == 1009.0 and clock.now() == 1009.0  # reading it does not move it
    assert clock.advance(1) == 1010.0
    assert clock.tick() == 1010.0 and clock.now() == 1013.0


def test_mode_switches_keep_the_time():
    """Changing the mode carries on from the current time; real then follows the wall again."""
    wall = Wall()
    clock = Clock(wall=wall)
    wall.now = 1010.0
    clock.configure(mode='manual')
    wall.now = 1100.0
    assert clock.now() == 1010.0
    clock.advance(5)
    clock.configure(mode='real')
    assert clock.now() == 1015.0
    wall.now = 1102.0
    assert clock.now() == 1017.0
    clock.configure(mode='step', step=2)
    assert clock.tick() == 1017.0 and clock.now() == 1019.0
    clock.configure(mode='manual')
    assert clock.tick() == 1019.0 and clock.now() == 1019.0
    clock.configure(step=0.5)  # the step alone: the mode stays
    assert clock.as_dict() == {'mode': 'manual', 'step': 0.5, 'now': 1019.0}


def test_the_clock_never_goes_back_and_refuses_bad_settings():
    """A negative advance or step and an unknown mode raise ValueError and change nothing."""
    clock = Clock('manual', step=1, wall=Wall())
    with pytest.raises(ValueError, match='only moves forward'):
        clock.advance(-1)
    with pytest.raises(ValueError, match='mode must be one of real, manual, step'):
        clock.configure(mode='backwards', step=4)
    with pytest.raises(ValueError, match='step must not be negative'):
        clock.configure(mode='step', step=-1)
    assert clock.as_dict() == {'mode': 'manual', 'step': 1.0, 'now': 1000.0}
    with pytest.raises(ValueError):
        Clock('fast')


# -- the admin endpoints --------------------------------------------------------------------------


def test_admin_clock_reads_sets_and_advances(api):
    """GET shows the clock; PUT advances it, sets mode and step; only API requests step it."""
    start = api.get('/_emulator/clock').json
    assert start['mode'] == 'manual' and start['step'] == 0.0
    api.get('/servers')
    assert api.get('/_emulator/clock').json == start
    assert api.clock(advance=90) == dict(start, now=start['now'] + 90)
    assert api.clock(mode='step', step=2) == {'mode': 'step', 'step': 2.0, 'now': start['now'] + 90}
    api.get('/servers')
    api.get('/controlPanels')
    assert api.get('/_emulator/clock').json['now'] == start['now'] + 94
    assert api.get('/_emulator/clock').json['now'] == start['now'] + 94
    assert api.clock(mode='manual', advance=6) == {'mode': 'manual', 'step': 2.0, 'now': start['now'] + 100}
    assert api.clock(mode='real')['mode'] == 'real'


@pytest.mark.parametrize(
    'body, fields',
    [
        ({'mode': 'fast'}, {'mode'}),
        ({'mode': None}, {'mode'}),
        ({'step': -1}, {'step'}),
        ({'step': '1'}, {'step'}),
        ({'advance': -5}, {'advance'}),
        ({'advance': True}, {'advance'}),
        ({'speed': 2}, {'speed'}),
        ({'mode': 'step', 'step': 1, 'advance': -1}, {'advance'}),
        ({'mode': 'slow', 'advance': '1'}, {'mode', 'advance'}),
        ([], {'body'}),
    ],
)
def test_admin_clock_validation(api, body, fields):
    """A bad PUT answers 400 with errorDetails naming each bad field, and changes nothing."""
    before = api.get('/_emulator/clock').json
    reply = api.put('/_emulator/clock', body)
    assert reply.status == 400, reply
    assert set(reply.json['errorDetails']) == fields
    assert api.get('/_emulator/clock').json == before


def test_reset_brings_back_the_start_up_mode(api):
    """The session's emulator starts on a manual clock: a reset brings it back."""
    api.clock(mode='step', step=5)
    assert api.post('/_emulator/reset').status == 204
    clock = api.get('/_emulator/clock').json
    assert (clock['mode'], clock['step']) == ('manual', 0.0)
    api.get('/servers')
    assert api.get('/_emulator/clock').json == clock


def test_reset_brings_back_a_step_clock():
    """An emulator started on a step clock gets it back, with its step, after a reset."""
    with Emulator(servers=2, seed=1, clock='step', clock_step=2) as emu:
        client = Client(emu)
        try:
            assert client.get('/_emulator/clock').json['mode'] == 'step'
            client.clock(mode='real', step=0)
            assert client.post('/_emulator/reset').status == 204
            start = client.get('/_emulator/clock').json
            assert (start['mode'], start['step']) == ('step', 2.0)
            client.get('/servers')
            assert client.get('/_emulator/clock').json['now'] == start['now'] + 2
        finally:
            client.close()


def test_take_returns_the_log_and_clears_it(api, ids):
    """POST /_emulator/requests/take: the log since the last clear, and an empty log after."""
    server = ids['plain']
    api.get(f'/servers/{server}')
    api.put(f'/servers/{server}', {'reference': 'taken'})
    logged = api.requests()
    assert [(entry['method'], entry['status']) for entry in logged] == [('GET', 200), ('PUT', 204)]
    assert api.take() == logged
    assert api.requests() == []
    assert api.take() == []
    api.get('/controlPanels')
    assert [entry['operation'] for entry in api.take()] == ['GET /controlPanels']
    assert api.requests() == []


# -- what follows the clock -----------------------------------------------------------------------


def test_a_job_moves_only_when_the_clock_does(api, ids):
    """Manual clock: a job reads the same however often it is read, and moves by what the
    clock is advanced; its dates are the clock's."""
    server = ids['managed']
    now = api.get('/_emulator/clock').json['now']
    job = api.post(f'/servers/{server}/hardwareScan', {}).json  # 6 tasks, 1 s each
    assert job['createdAt'] == iso(now)
    path = f'/servers/{server}/jobs/{job["uuid"]}'
    assert [api.get(path).json for _dummy in range(5)] == [job] * 5
    api.advance(JOB_SECONDS / 2)
    half = api.get(path).json
    assert (half['status'], half['progress']['finished']) == ('ACTIVE', 3)
    assert api.get(path).json == half
    api.advance(JOB_SECONDS / 2)
    done = api.get(path).json
    assert (done['status'], done['progress']['finished']) == ('FINISHED', 6)
    assert done['updatedAt'] == iso(now + JOB_SECONDS)


def test_step_mode_moves_a_job_one_step_a_request(api, ids):
    """Step clock: each API request moves a job by one step, whatever happens in between."""
    server = ids['managed']
    api.clock(mode='step', step=1)
    job = api.post(f'/servers/{server}/hardwareScan', {}).json  # 6 tasks, 1 s each
    path = f'/servers/{server}/jobs/{job["uuid"]}'
    seen = []
    for _read in range(6):
        current = api.get(path).json
        seen.append((current['status'], current['progress']['finished']))
        api.get('/_emulator/clock')  # admin calls do not step the clock
    assert seen == [('ACTIVE', 1), ('ACTIVE', 2), ('ACTIVE', 3), ('ACTIVE', 4), ('ACTIVE', 5), ('FINISHED', 6)]


def test_timed_changes_wait_for_the_clock(api, ids):
    """Manual clock: a null route, a private network change and a power change stay pending
    however many requests come, and all land when the clock reaches their time."""
    server = ids['plain']
    network = api.get('/_emulator/health').json['privateNetworks'][0]
    ips = api.get(f'/servers/{server}/ips', query={'networkType': 'PUBLIC', 'version': '4'}).json
    address = [ip for ip in ips['ips'] if ip['mainIp']][0]['ip'].split('/')[0]
    api.settings(propagation_seconds=5, private_network_seconds=5, power_seconds=5)
    assert api.post(f'/servers/{server}/ips/{address}/null').status == 202
    assert api.put(f'/servers/{server}/privateNetworks/{network}', {'linkSpeed': 100}).status == 204
    assert api.post(f'/servers/{server}/powerOff').status == 204

    def observed():
        detail = api.get(f'/servers/{server}').json
        return (
            api.get(f'/servers/{server}/ips/{address}').json['nullRouted'],
            [pn['status'] for pn in detail['privateNetworks']],
            api.get(f'/servers/{server}/powerInfo').json['ipmi']['status'],
        )

    pending = (False, ['CONFIGURING'], 'on')
    assert [observed() for _dummy in range(10)] == [pending] * 10
    api.advance(4.5)
    assert observed() == pending
    api.advance(0.5)
    assert observed() == (True, ['CONFIGURED'], 'off')


def test_an_advance_applies_what_fell_due_at_once(api, ids):
    """PUT /_emulator/clock applies the transitions that fell due itself, before any API
    request comes (the emulator's state is read directly here, without a request)."""
    server = ids['managed']
    api.settings(power_seconds=2)
    assert api.post(f'/servers/{server}/powerOff').status == 204
    state = api.emulator.state
    record = state.servers[server]
    api.advance(1)
    assert state.extras(record)['power'] == ON
    api.advance(1)
    assert state.extras(record)['power'] == OFF
    assert [entry['path'] for entry in api.requests()] == [f'/bareMetals/v2/servers/{server}/powerOff']
