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
    assert run.calls == ['GET /servers/12345/jobs?limit=50&offset=%d&status=FINISHED&type=hardwareScan' % offset
                         for offset in range(2)]


@pytest.mark.parametrize('is_running, types, pages', [
    (True, ['ipmiReset'], 1),
    (False, ['hardwareScan', 'hardwareScan', 'install'], 3),
])
def test_the_running_filter_goes_to_the_api(modules, four_jobs, is_running, types, pages):
    run = modules.run('job_info', server_id=SERVER, is_running=is_running)
    assert not run.failed
    assert [job['type'] for job in run['jobs']] == types
    assert all(job['is_running'] is is_running for job in run['jobs'])
    assert run.calls == ['GET /servers/12345/jobs?isRunning=%s&limit=50&offset=%d' % (str(is_running).lower(), offset)
                         for offset in range(pages)]


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


@pytest.mark.parametrize('args, message', [
    (dict(job_id='abc', type='install'), 'parameters are mutually exclusive: job_id|type'),
    (dict(job_id='abc', status='FINISHED'), 'parameters are mutually exclusive: job_id|status'),
    (dict(job_id='abc', is_running=True), 'parameters are mutually exclusive: job_id|is_running'),
    (dict(type='reboot'), 'value of type must be one of: install, rescueMode, hardwareScan, ipmiReset, got: reboot'),
    (dict(job_id=' '), 'job_id must not be empty'),
    (dict(server_id=None), 'missing required arguments: server_id'),
])
def test_bad_input_fails_before_any_request(modules, args, message):
    args.setdefault('server_id', SERVER)
    if args['server_id'] is None:
        del args['server_id']
    run = modules.run('job_info', **args)
    assert run.failed
    assert run.msg == message
    assert run.calls == []


@pytest.mark.parametrize('args, call', [
    (dict(server_id=SERVER, job_id='00000000-0000-0000-0000-000000000000'), 'GET /servers/12345/jobs/00000000-0000-0000-0000-000000000000'),
    (dict(server_id='999999999'), 'GET /servers/999999999/jobs?limit=50&offset=0'),
])
def test_what_does_not_exist_fails_with_the_404_and_its_correlation_id(modules, args, call):
    run = modules.run('job_info', **args)
    assert run.failed and not run.changed
    assert run['status'] == 404
    assert run.msg.startswith('GET /bareMetals/v2%s: HTTP 404: ' % call[4:].split('?')[0])
    assert '(correlationId %s)' % run['error']['correlation_id'] in run.msg
    assert run.calls == [call]
