# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.job_info in process: every page of a server's jobs, the filters, one job."""

import pytest

SERVER = '12345'


@pytest.fixture
def four_jobs(modules):
    """12345 with its delivery install, two finished hardware scans and an IPMI reset that hangs
    (the newest); the emulator's pages capped at one job. The reset job."""
    for _scan in range(2):
        assert modules.api('POST', '/servers/12345/hardwareScan', {})[0] == 202
        modules.clock(advance=5)
    modules.next_job(SERVER, outcome='HANG')
    status, hanging = modules.api('POST', '/servers/12345/ipmiReset', {})
    assert status == 202
    modules.settings(max_limit=1)
    return hanging


def test_the_delivered_server_has_one_install_job(modules):
    run = modules.run('job_info', server_id=SERVER)
    assert not run.changed and not run.failed
    assert [(job['type'], job['status']) for job in run['jobs']] == [('install', 'FINISHED')]
    assert run['jobs'][0]['payload']['operating_system_id']
    assert run.calls == ['GET /servers/12345/jobs?limit=50&offset=0']


def test_every_page_is_read_and_the_jobs_come_newest_first(modules, four_jobs):
    run = modules.run('job_info', server_id=SERVER)
    assert not run.changed and not run.failed
    jobs = run['jobs']
    assert [job['type'] for job in jobs] == ['ipmiReset', 'hardwareScan', 'hardwareScan', 'install']
    assert [job['status'] for job in jobs] == ['ACTIVE', 'FINISHED', 'FINISHED', 'FINISHED']
    assert jobs[0]['uuid'] == four_jobs['uuid']
    assert jobs[0]['progress']['total'] == len(jobs[0]['tasks']) == 6
    assert jobs[-1]['payload']['operating_system_id']
    created = [job['created_at'] for job in jobs]
    assert created == sorted(created, reverse=True)
    # one job a page: the offsets follow the jobs received
    assert run.calls == ['GET /servers/12345/jobs?limit=50&offset=%d' % offset for offset in range(4)]


def test_the_type_and_status_filters_go_to_the_api_in_check_mode(modules, four_jobs):
    run = modules.run('job_info', server_id=SERVER, type='hardwareScan', status=' finished ', check_mode=True)
    assert not run.changed and not run.failed
    assert [(job['type'], job['status']) for job in run['jobs']] == [('hardwareScan', 'FINISHED')] * 2
    # the status is sent in capitals
    assert run.calls == [
        'GET /servers/12345/jobs?limit=50&offset=%d&status=FINISHED&type=hardwareScan' % offset for offset in range(2)
    ]


@pytest.mark.parametrize(
    'is_running, types, pages',
    [
        (True, ['ipmiReset'], 1),
        (False, ['hardwareScan', 'hardwareScan', 'install'], 3),
    ],
)
def test_the_running_filter_goes_to_the_api(modules, four_jobs, is_running, types, pages):
    run = modules.run('job_info', server_id=SERVER, is_running=is_running)
    assert not run.failed
    assert [job['type'] for job in run['jobs']] == types
    assert all(job['is_running'] is is_running for job in run['jobs'])
    assert run.calls == [
        'GET /servers/12345/jobs?isRunning=%s&limit=50&offset=%d' % (str(is_running).lower(), offset)
        for offset in range(pages)
    ]


def test_one_job_by_id(modules, four_jobs):
    run = modules.run('job_info', server_id=SERVER, job_id=four_jobs['uuid'])
    assert not run.changed and not run.failed
    assert len(run['jobs']) == 1
    job = run['jobs'][0]
    assert job['uuid'] == four_jobs['uuid']
    assert job['is_running'] is True
    assert job['current_task']['status'] in ('PENDING', 'INPROGRESS')
    assert run.calls == ['GET /servers/12345/jobs/%s' % four_jobs['uuid']]


def test_a_status_no_job_has_lists_nothing(modules):
    run = modules.run('job_info', server_id=SERVER, status='canceled')
    assert not run.failed
    assert run['jobs'] == []
    assert run.calls == ['GET /servers/12345/jobs?limit=50&offset=0&status=CANCELED']


def test_newest_returns_the_newest_job_of_a_type_reading_every_page(modules, four_jobs):
    run = modules.run('job_info', server_id=SERVER, type='hardwareScan', newest=True)
    assert not run.changed and not run.failed
    scans = modules.run('job_info', server_id=SERVER, type='hardwareScan')['jobs']
    assert run['job'] == scans[0] and run['jobs'] == [scans[0]]
    assert run['job']['created_at'] > scans[1]['created_at']
    assert run.calls == ['GET /servers/12345/jobs?limit=50&offset=%d&type=hardwareScan' % offset for offset in range(2)]


def test_newest_of_nothing_is_null(modules):
    run = modules.run('job_info', server_id=SERVER, type='rescueMode', newest=True)
    assert not run.failed
    assert run['job'] is None and run['jobs'] == []
    assert run.calls == ['GET /servers/12345/jobs?limit=50&offset=0&type=rescueMode']
