# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.notification_setting against the in-process emulator.

Server 12345 (the first of the seeded fleet) has no bandwidth setting and one data traffic setting
(MONTHLY, 10 TB). Most tests cap the emulator's pages at one setting, so that a list of two takes two reads.
"""

import pytest

SERVER = '12345'
BANDWIDTH = '/servers/12345/notificationSettings/bandwidth'
DATATRAFFIC = '/servers/12345/notificationSettings/datatraffic'
DAILY_1_GBPS = {'frequency': 'DAILY', 'threshold': '1', 'unit': 'Gbps'}


def page(path, offset=0):
    return 'GET %s?limit=50&offset=%d' % (path, offset)


def setting(modules, check_mode=False, diff=False, **args):
    options = dict(server_id=SERVER, type='bandwidth')
    options.update(args)
    return modules.run('notification_setting', check_mode=check_mode, diff=diff, **options)


def add(modules, path, frequency, threshold, unit):
    """Create a setting directly; its id."""
    status, answer = modules.api('POST', path, dict(frequency=frequency, threshold=threshold, unit=unit))
    assert status == 201
    return answer['id']


def stored(modules, path):
    """The settings of a list, as (id, frequency, threshold, unit), read without logging."""
    status, answer = modules.api('GET', path, query={'limit': '100'})
    assert status == 200
    key = [k for k in answer if k != '_metadata'][0]
    return [(s['id'], s['frequency'], s['threshold'], s['unit']) for s in answer[key]]


def seeded_datatraffic(modules):
    (only,) = stored(modules, DATATRAFFIC)
    assert only[1:] == ('MONTHLY', '10', 'TB')
    return only[0]


# -- by frequency, threshold and unit ------------------------------------------------------


def test_check_mode_predicts_the_creation_without_an_id_and_writes_nothing(modules):
    modules.settings(max_limit=1)
    run = setting(modules, check_mode=True, diff=True, frequency='DAILY', threshold='1', unit='Gbps')
    assert run.changed
    assert run['notification_setting'] == DAILY_1_GBPS
    assert run['diff'] == {'before': {}, 'after': DAILY_1_GBPS}
    assert run.calls == [page(BANDWIDTH)]
    assert stored(modules, BANDWIDTH) == []


def test_one_post_creates_it_and_returns_the_whole_setting(modules):
    modules.settings(max_limit=1)
    run = setting(modules, diff=True, frequency='DAILY', threshold='1', unit='Gbps')
    assert run.changed
    created = run['notification_setting']
    assert created['id']
    assert created['actions'] == [{'type': 'EMAIL', 'last_triggered_at': None}]
    assert dict((k, created[k]) for k in DAILY_1_GBPS) == DAILY_1_GBPS
    assert run['diff'] == {'before': {}, 'after': dict(DAILY_1_GBPS, id=created['id'])}
    # the list, the POST, and the list again: no identical setting with a lower id, so it stays
    assert run.calls == [page(BANDWIDTH), 'POST ' + BANDWIDTH, page(BANDWIDTH)]
    assert run.bodies == [DAILY_1_GBPS]
    assert run.requests[1]['status'] == 201
    assert stored(modules, BANDWIDTH) == [(created['id'], 'DAILY', '1', 'Gbps')]


@pytest.mark.parametrize('threshold', ['1', '1.0', '1.00', ' 1 '])
def test_the_rerun_matches_the_threshold_as_a_number_and_only_reads(modules, threshold):
    modules.settings(max_limit=1)
    existing = add(modules, BANDWIDTH, 'DAILY', '1', 'Gbps')
    run = setting(modules, diff=True, frequency='DAILY', threshold=threshold, unit='Gbps')
    assert not run.changed
    assert run['notification_setting']['id'] == existing
    assert run['diff']['before'] == run['diff']['after'] == dict(DAILY_1_GBPS, id=existing)
    assert run.calls == [page(BANDWIDTH)]


def test_another_threshold_is_another_setting(modules):
    existing = add(modules, BANDWIDTH, 'DAILY', '1', 'Gbps')
    run = setting(modules, frequency='DAILY', threshold='1.5', unit='Gbps')
    assert run.changed
    assert run['notification_setting']['id'] != existing
    assert run.calls == [page(BANDWIDTH), 'POST ' + BANDWIDTH, page(BANDWIDTH)]
    assert run.bodies == [{'frequency': 'DAILY', 'threshold': '1.5', 'unit': 'Gbps'}]


def test_a_data_traffic_setting_is_created_then_removed_by_its_id(modules):
    modules.settings(max_limit=1)
    created = setting(modules, type='datatraffic', frequency='WEEKLY', threshold='2', unit='TB')
    assert created.changed
    new_id = created['notification_setting']['id']
    # one page (the seeded setting, which does not match), the POST, then both pages again
    assert created.calls == [page(DATATRAFFIC), 'POST ' + DATATRAFFIC, page(DATATRAFFIC), page(DATATRAFFIC, 1)]
    assert created.requests[1]['status'] == 201

    removed = setting(modules, type='datatraffic', id=new_id, state='absent', diff=True)
    assert removed.changed
    assert removed['diff'] == {
        'before': {'id': new_id, 'frequency': 'WEEKLY', 'threshold': '2', 'unit': 'TB'},
        'after': {},
    }
    assert removed.calls == ['GET %s/%s' % (DATATRAFFIC, new_id), 'DELETE %s/%s' % (DATATRAFFIC, new_id)]
    assert removed.requests[-1]['status'] == 204
    assert [s[0] for s in stored(modules, DATATRAFFIC)] == [seeded_datatraffic(modules)]


def test_several_matching_settings_present_keeps_them_and_warns_absent_removes_them_all(modules):
    modules.settings(max_limit=1)
    first = add(modules, BANDWIDTH, 'DAILY', '2', 'Gbps')
    second = add(modules, BANDWIDTH, 'DAILY', '2.0', 'Gbps')
    values = dict(frequency='DAILY', threshold='2', unit='Gbps')

    present = setting(modules, **values)
    assert not present.changed
    assert present['notification_setting']['id'] == first
    assert present.warnings == [
        '2 bandwidth notification settings match frequency DAILY, threshold 2 and unit Gbps (ids %s, %s); '
        'returning the first. Give id to manage one of them.' % (first, second)
    ]
    assert present.calls == [page(BANDWIDTH), page(BANDWIDTH, 1)]

    check = setting(modules, check_mode=True, diff=True, state='absent', **values)
    assert check.changed
    assert check['diff'] == {
        'before': {
            'notification_settings': [
                {'id': first, 'frequency': 'DAILY', 'threshold': '2', 'unit': 'Gbps'},
                {'id': second, 'frequency': 'DAILY', 'threshold': '2.0', 'unit': 'Gbps'},
            ]
        },
        'after': {},
    }
    assert check['notification_setting']['id'] == first
    assert check.calls == [page(BANDWIDTH), page(BANDWIDTH, 1)]

    removed = setting(modules, state='absent', **values)
    assert removed.changed
    assert removed.calls == [
        page(BANDWIDTH),
        page(BANDWIDTH, 1),
        'DELETE %s/%s' % (BANDWIDTH, first),
        'DELETE %s/%s' % (BANDWIDTH, second),
    ]
    assert [r['status'] for r in removed.requests if r['method'] == 'DELETE'] == [204, 204]
    assert stored(modules, BANDWIDTH) == []

    again = setting(modules, state='absent', diff=True, **values)
    assert not again.changed
    assert again['notification_setting'] == {}
    assert again['diff'] == {'before': {}, 'after': {}}
    assert again.calls == [page(BANDWIDTH)]
    # two pages for each of the three runs that found both, one page once both were gone
    assert len([c for c in present.calls + check.calls + removed.calls + again.calls if c.startswith('GET ')]) == 7


def test_absent_removes_only_the_setting_with_those_values(modules):
    keep = add(modules, BANDWIDTH, 'DAILY', '3', 'Gbps')
    gone = add(modules, BANDWIDTH, 'DAILY', '2', 'Gbps')
    run = setting(modules, state='absent', diff=True, frequency='DAILY', threshold='2', unit='Gbps')
    assert run.changed
    assert run['diff'] == {'before': {'id': gone, 'frequency': 'DAILY', 'threshold': '2', 'unit': 'Gbps'}, 'after': {}}
    assert run.calls == [page(BANDWIDTH), 'DELETE %s/%s' % (BANDWIDTH, gone)]
    assert [s[0] for s in stored(modules, BANDWIDTH)] == [keep]


# -- by id ---------------------------------------------------------------------------------


def test_by_id_an_update_is_one_put_of_the_three_fields_keeping_the_ones_not_given(modules):
    existing = add(modules, BANDWIDTH, 'DAILY', '1', 'Gbps')
    check = setting(modules, check_mode=True, diff=True, id=existing, threshold='2')
    assert check.changed
    assert check.calls == ['GET %s/%s' % (BANDWIDTH, existing)]

    raised = setting(modules, diff=True, id=existing, threshold='2')
    assert raised.changed
    assert raised['diff'] == {
        'before': dict(DAILY_1_GBPS, id=existing),
        'after': dict(DAILY_1_GBPS, id=existing, threshold='2'),
    }
    assert check['diff'] == raised['diff']
    assert raised['notification_setting']['threshold'] == '2'
    assert raised.calls == ['GET %s/%s' % (BANDWIDTH, existing), 'PUT %s/%s' % (BANDWIDTH, existing)]
    assert raised.bodies == [{'frequency': 'DAILY', 'threshold': '2', 'unit': 'Gbps'}]
    assert raised.requests[-1]['status'] == 200

    again = setting(modules, id=existing, threshold='2')
    assert not again.changed
    assert again.calls == ['GET %s/%s' % (BANDWIDTH, existing)]
    assert stored(modules, BANDWIDTH) == [(existing, 'DAILY', '2', 'Gbps')]


def test_by_id_the_data_traffic_put_answer_is_completed_from_the_read(modules):
    """The data traffic PUT answers the three fields only: the result is still the whole setting."""
    seeded = seeded_datatraffic(modules)
    run = setting(modules, type='datatraffic', id=seeded, threshold='500', unit='GB')
    assert run.changed
    result = run['notification_setting']
    assert result['id'] == seeded
    assert (result['frequency'], result['threshold'], result['unit']) == ('MONTHLY', '500', 'GB')
    assert result['actions'] == [{'type': 'EMAIL', 'last_triggered_at': None}]
    assert 'last_checked_at' in result
    assert run.calls == ['GET %s/%s' % (DATATRAFFIC, seeded), 'PUT %s/%s' % (DATATRAFFIC, seeded)]
    assert run.bodies == [{'frequency': 'MONTHLY', 'threshold': '500', 'unit': 'GB'}]


def test_by_id_a_missing_setting_is_absent_already_and_fails_present(modules):
    absent = setting(modules, id='1', state='absent', diff=True)
    assert not absent.changed
    assert absent['notification_setting'] == {}
    assert absent['diff'] == {'before': {}, 'after': {}}
    assert absent.calls == ['GET %s/1' % BANDWIDTH, 'GET %s?limit=1' % BANDWIDTH]

    present = setting(modules, id='1', threshold='5')
    assert present.failed
    assert present.msg == 'Server 12345 has no bandwidth notification setting with id 1'
    assert present.calls == ['GET %s/1' % BANDWIDTH, 'GET %s?limit=1' % BANDWIDTH]
    assert [r['status'] for r in absent.requests + present.requests] == [404, 200, 404, 200]


def test_by_id_absent_ignores_the_values(modules):
    existing = add(modules, BANDWIDTH, 'WEEKLY', '7', 'Mbps')
    run = setting(modules, id=existing, state='absent', frequency='DAILY', threshold='1', unit='Gbps')
    assert run.changed
    assert run.calls == ['GET %s/%s' % (BANDWIDTH, existing), 'DELETE %s/%s' % (BANDWIDTH, existing)]


# -- failures ------------------------------------------------------------------------------


def test_a_failed_delete_after_another_is_surfaced_as_changed(modules):
    """Of two settings to remove, the first DELETE succeeds and the second fails: the task fails, changed."""
    first = add(modules, BANDWIDTH, 'DAILY', '2', 'Gbps')
    second = add(modules, BANDWIDTH, 'DAILY', '2', 'Gbps')
    modules.faults(error_rate=1.0, error_status=500, methods=['DELETE'], path='/' + second, count=1)
    run = setting(modules, state='absent', frequency='DAILY', threshold='2', unit='Gbps')
    assert run.failed
    assert run.changed
    assert run['status'] == 500
    assert run.msg.startswith('DELETE /bareMetals/v2%s/%s: HTTP 500: ' % (BANDWIDTH, second))
    assert run.calls == [page(BANDWIDTH), 'DELETE %s/%s' % (BANDWIDTH, first), 'DELETE %s/%s' % (BANDWIDTH, second)]


# -- two runs at once: the API accepts identical settings, the module leaves one ---------------


def test_an_identical_setting_another_run_created_first_is_kept_and_this_runs_copy_removed(modules):
    theirs = []
    modules.meanwhile('POST ' + BANDWIDTH, lambda: theirs.append(add(modules, BANDWIDTH, 'DAILY', '1', 'Gbps')))
    run = setting(modules, diff=True, frequency='DAILY', threshold='1', unit='Gbps')
    assert not run.failed and not run.changed
    (earlier,) = theirs
    assert run['notification_setting']['id'] == earlier
    assert run['diff'] == {'before': dict(DAILY_1_GBPS, id=earlier), 'after': dict(DAILY_1_GBPS, id=earlier)}
    # both POSTs were accepted; this run's copy got the next id, the higher, so it removes it
    mine = str(int(earlier) + 1)
    assert run.calls == [page(BANDWIDTH), 'POST ' + BANDWIDTH, page(BANDWIDTH), 'DELETE %s/%s' % (BANDWIDTH, mine)]
    assert [r['status'] for r in run.requests] == [200, 201, 200, 204]
    assert stored(modules, BANDWIDTH) == [(earlier, 'DAILY', '1', 'Gbps')]


def test_an_identical_setting_another_run_created_later_gives_way_to_this_one(modules):
    theirs = []
    # the other run's POST lands after this one's, before this run reads the list again
    modules.meanwhile(
        'GET ' + BANDWIDTH, lambda: theirs.append(add(modules, BANDWIDTH, 'DAILY', '1', 'Gbps')), occurrence=2
    )
    run = setting(modules, frequency='DAILY', threshold='1', unit='Gbps')
    assert not run.failed and run.changed
    mine = run['notification_setting']['id']
    (later,) = theirs
    assert int(mine) < int(later)
    # this run's setting has the lower id: it stays, and the other run (reading again in turn) removes its own
    assert run.calls == [page(BANDWIDTH), 'POST ' + BANDWIDTH, page(BANDWIDTH)]
    assert [s[0] for s in stored(modules, BANDWIDTH)] == [mine, later]
    other = setting(modules, frequency='DAILY', threshold='1', unit='Gbps', state='absent', check_mode=True)
    assert other['notification_setting']['id'] == mine


@pytest.mark.parametrize('by_id', [False, True])
def test_a_setting_another_run_removed_meanwhile_counts_as_removed_without_a_change(modules, by_id):
    existing = add(modules, BANDWIDTH, 'DAILY', '1', 'Gbps')
    one = '%s/%s' % (BANDWIDTH, existing)
    modules.meanwhile('DELETE ' + one, lambda: modules.api('DELETE', one))
    args = dict(id=existing) if by_id else DAILY_1_GBPS
    run = setting(modules, diff=True, state='absent', **args)
    assert not run.failed and not run.changed
    assert run['diff'] == {'before': {}, 'after': {}}
    first = 'GET ' + one if by_id else page(BANDWIDTH)
    assert run.calls == [first, 'DELETE ' + one, 'GET ' + one]
    assert [r['status'] for r in run.requests] == [200, 404, 404]
    assert stored(modules, BANDWIDTH) == []
