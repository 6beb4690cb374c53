# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.metrics_info against the in-process emulator.

``to`` defaults to ``now``, which the module reads from the clock of the host it runs on. Here
that clock is the emulator's (the host and the API agree on the time), and the emulator's clock
is pinned next to a UTC midnight with ``modules.clock``: a window that ends ``now`` gives the same
values on every run, and the expectations are computed from the emulator's clock, never from the
wall clock.
"""

import datetime
import types

import pytest

from ansible_collections.leaseweb.dedicated.plugins.modules import metrics_info

SERVER = '12345'
UTC = datetime.timezone.utc
METRICS = '/servers/12345/metrics/'


def call(kind, **query):
    return 'GET %s%s?%s' % (METRICS, kind, '&'.join('%s=%s' % (k, query[k]) for k in sorted(query)))


def metrics(modules, **args):
    options = dict(server_id=SERVER, type='bandwidth')
    options.update(args)
    return modules.run('metrics_info', **options)


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def emulator_now(modules):
    """The emulator's time, to the second (as the module reads it)."""
    status, clock = modules.emulator.admin('GET', '/_emulator/clock', None)
    assert status == 200
    return datetime.datetime.fromtimestamp(clock['now'], UTC).replace(microsecond=0)


@pytest.fixture
def clock(modules, monkeypatch):
    """The module reads the emulator's clock; ``clock(moment)`` stops that clock at ``moment``.

    The clock only moves forward, so the moments are in the future of the run: the next
    31 December 23:59:59 UTC, and the seconds around the midnight that follows it.
    """

    class EmulatorTime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.fromtimestamp(modules.emulator.clock.now(), tz)

    monkeypatch.setattr(
        metrics_info,
        'datetime',
        types.SimpleNamespace(datetime=EmulatorTime, timedelta=datetime.timedelta, timezone=datetime.timezone),
    )

    def pin(seconds_after_new_year):
        start = modules.clock(mode='manual')['now']
        year = datetime.datetime.fromtimestamp(start, UTC).year
        new_year = datetime.datetime(year + 1, 1, 1, tzinfo=UTC)
        if new_year.timestamp() - 1 <= start:
            new_year = datetime.datetime(year + 2, 1, 1, tzinfo=UTC)
        # half a second past the moment: the module drops fractions of a second
        modules.clock(advance=new_year.timestamp() + seconds_after_new_year + 0.5 - start)
        now = emulator_now(modules)
        assert now == new_year + datetime.timedelta(seconds=seconds_after_new_year)
        return now

    return pin


# -- what is sent and returned --------------------------------------------------------------


def test_an_hourly_window_goes_in_utc_with_the_default_average(modules):
    run = metrics(
        modules,
        check_mode=True,
        granularity='HOUR',
        **{'from': '2024-06-01T02:00:00+02:00', 'to': '2024-06-01T03:00:00Z'},
    )
    assert not run.changed
    assert run['metadata'] == {
        'aggregation': 'AVG',
        'from': '2024-06-01T00:00:00Z',
        'granularity': 'HOUR',
        'to': '2024-06-01T03:00:00Z',
    }
    assert sorted(run['metrics']) == ['DOWN_PUBLIC', 'UP_PUBLIC']
    for series in run['metrics'].values():
        assert series['unit'] == 'bps'
        assert [v['timestamp'] for v in series['values']] == [
            '2024-06-01T00:00:00Z',
            '2024-06-01T01:00:00Z',
            '2024-06-01T02:00:00Z',
        ]
        assert all(isinstance(v['value'], int) and v['value'] > 0 for v in series['values'])
    assert run.calls == [
        call(
            'bandwidth',
            aggregation='AVG',
            granularity='HOUR',
            to='2024-06-01T03:00:00Z',
            **{'from': '2024-06-01T00:00:00Z'},
        )
    ]
    assert run.requests[0]['query'] == {
        'aggregation': 'AVG',
        'from': '2024-06-01T00:00:00Z',
        'to': '2024-06-01T03:00:00Z',
        'granularity': 'HOUR',
    }


def test_the_95th_percentile_of_a_day_given_as_dates_has_one_value(modules):
    run = metrics(modules, aggregation='95TH', **{'from': '2024-06-01', 'to': '2024-06-02'})
    assert run['metadata'] == {'aggregation': '95TH', 'from': '2024-06-01T00:00:00Z', 'to': '2024-06-02T00:00:00Z'}
    assert [len(series['values']) for series in run['metrics'].values()] == [1, 1]
    assert run.requests[0]['query'] == {
        'aggregation': '95TH',
        'from': '2024-06-01T00:00:00Z',
        'to': '2024-06-02T00:00:00Z',
    }
    assert run.calls == [
        call('bandwidth', aggregation='95TH', to='2024-06-02T00:00:00Z', **{'from': '2024-06-01T00:00:00Z'})
    ]


def test_data_traffic_is_summed_in_bytes(modules):
    run = metrics(modules, type='datatraffic', granularity='WEEK', **{'from': '2024-06-01', 'to': '2024-06-15'})
    assert run['metadata'] == {
        'aggregation': 'SUM',
        'from': '2024-06-01T00:00:00Z',
        'granularity': 'WEEK',
        'to': '2024-06-15T00:00:00Z',
    }
    assert run['metrics']['UP_PUBLIC']['unit'] == 'B'
    assert [v['timestamp'] for v in run['metrics']['UP_PUBLIC']['values']] == [
        '2024-06-01T00:00:00Z',
        '2024-06-08T00:00:00Z',
    ]
    assert run.calls == [
        call(
            'datatraffic',
            aggregation='SUM',
            granularity='WEEK',
            to='2024-06-15T00:00:00Z',
            **{'from': '2024-06-01T00:00:00Z'},
        )
    ]


@pytest.mark.parametrize(
    'written, sent',
    [
        ('2024-06-01', '2024-06-01T00:00:00Z'),
        ('2024-06-01T12:00:00Z', '2024-06-01T12:00:00Z'),
        ('2024-06-01t12:00:00z', '2024-06-01T12:00:00Z'),
        ('2024-06-01 12:00', '2024-06-01T12:00:00Z'),
        ('2024-06-01T12:00:00.987Z', '2024-06-01T12:00:00Z'),
        ('2024-06-01T14:00:00+02:00', '2024-06-01T12:00:00Z'),
        ('2024-06-01T14:00:00+0200', '2024-06-01T12:00:00Z'),
        ('2024-06-01T10:30:00-01:30', '2024-06-01T12:00:00Z'),
        ('2024-06-01T09:00:00-03', '2024-06-01T12:00:00Z'),
        ('2024-06-01T12:00:00', '2024-06-01T12:00:00Z'),
        (' 2024-06-01T12:00:00Z ', '2024-06-01T12:00:00Z'),
    ],
)
def test_the_window_is_written_in_utc_to_the_second(modules, written, sent):
    run = metrics(modules, to='2024-06-02', **{'from': written})
    assert not run.failed
    assert run.requests[0]['query']['from'] == sent
    assert run['metadata']['from'] == sent


# -- a window that ends now, next to a UTC midnight -------------------------------------------


@pytest.mark.parametrize('seconds, days', [(-1, 31), (0, 31), (1, 32)])
def test_a_window_that_ends_now_holds_the_days_begun_before_now(modules, clock, seconds, days):
    """From 1 December: 31 days at 23:59:59 and at midnight (the end is not included), 32 a second later."""
    now = clock(seconds)
    december = datetime.datetime(now.year - 1 if now.month == 1 else now.year, 12, 1, tzinfo=UTC)
    run = metrics(modules, type='datatraffic', granularity='DAY', **{'from': december.strftime('%Y-%m-%d')})
    assert not run.failed
    assert run.requests[0]['query'] == {
        'aggregation': 'SUM',
        'from': iso(december),
        'to': iso(now),
        'granularity': 'DAY',
    }
    expected = [iso(december + datetime.timedelta(days=day)) for day in range(days)]
    assert [v['timestamp'] for v in run['metrics']['UP_PUBLIC']['values']] == expected
    assert run['metadata']['to'] == iso(now)


def test_a_window_from_midnight_that_ends_at_that_midnight_fails_before_any_request(modules, clock):
    now = clock(0)
    run = metrics(modules, type='datatraffic', granularity='DAY', **{'from': now.strftime('%Y-%m-%d')})
    assert run.failed
    assert run.msg == 'to (%s) must be after from (%s)' % (iso(now), iso(now))
    assert run.calls == []


@pytest.mark.parametrize('to', ['now', 'NOW', ' Now '])
def test_from_now_to_now_is_an_empty_window(modules, clock, to):
    now = clock(1)
    run = metrics(modules, to=to, **{'from': 'now'})
    assert run.failed
    assert run.msg == 'to (%s) must be after from (%s)' % (iso(now), iso(now))
    assert run.calls == []


# -- API errors are surfaced -----------------------------------------------------------------


def test_a_window_the_api_finds_too_long_fails_with_its_details(modules):
    """Five-minute values over 60 days are more points than the API returns: its 400 and details are shown."""
    run = metrics(modules, granularity='5MIN', **{'from': '2024-01-01', 'to': '2024-03-01'})
    assert run.failed
    assert run['status'] == 400
    assert run.msg.startswith('GET /bareMetals/v2/servers/12345/metrics/bandwidth: HTTP 400: ')
    assert '; details: {"granularity": ' in run.msg
    assert run.calls == [
        call(
            'bandwidth',
            aggregation='AVG',
            granularity='5MIN',
            to='2024-03-01T00:00:00Z',
            **{'from': '2024-01-01T00:00:00Z'},
        )
    ]
