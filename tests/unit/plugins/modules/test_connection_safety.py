# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the API key goes, and how long a task can hang, for every module (the shared wrapper).

- The key goes only over TLS, except to a loopback address: an ``http://`` ``api_url`` to another
  host fails before any request. The host name used here resolves to the emulator in this process
  (``resolving``), so a request that left would be in the emulator's log: none is.
- ``validate_certs: false`` warns.
- A redirect is never followed: a server on 127.0.0.1 (``Trap``) answers with a redirect to the
  emulator, on another port; the emulator gets no request, so the key never arrives there.
- An API that accepts the connection and never answers (the emulator's ``hang_seconds``) ends the
  task after ``api_timeout`` per attempt: the emulator logs each attempt, the message names the
  request. No wall-clock assertion: the attempts are counted.
"""

import pytest
import requests

from ansible_collections.leaseweb.dedicated.plugins.module_utils import _client as api
from tests.unit.plugins.modules.harness import API_KEY
from tests.unit.plugins.traps import Trap, redirect_to, resolving

SERVER = '12345'
NAME = 'api.example.test'

# One module of each kind: a read, a state change, a job launch with its wait, a secret.
MODULES = [
    ('server_info', dict(server_id=SERVER)),
    ('power', dict(server_id=SERVER, state='off')),
    ('hardware_scan', dict(server_id=SERVER)),
    ('credential', dict(server_id=SERVER, type='OPERATING_SYSTEM', username='root', password='pw-1234567890')),
]
MODULE_IDS = [name for name, _args in MODULES]


def emulator_by_name(modules):
    """The emulator's URL with a host name that is not a loopback address (resolving to it here)."""
    return 'http://%s:%s' % (NAME, modules.url.rsplit(':', 1)[1])


def test_the_name_used_below_reaches_the_emulator(modules):
    """Were a request sent to it, the emulator would log it: what the tests below rely on."""
    modules.clear()
    with resolving(NAME):
        answer = requests.get(
            emulator_by_name(modules) + '/bareMetals/v2/servers/12345', headers={'X-LSW-Auth': API_KEY}, timeout=10
        )
    assert answer.status_code == 200 and answer.json()['id'] == SERVER
    assert [entry['path'] for entry in modules.requests()] == ['/bareMetals/v2/servers/12345']


@pytest.mark.parametrize('name, args', MODULES, ids=MODULE_IDS)
def test_plain_http_to_another_host_fails_before_any_request(modules, name, args):
    url = emulator_by_name(modules)
    with resolving(NAME):
        run = modules.run(name, api_url=url, **args)
    assert run.failed and not run.changed
    assert run.msg == (
        "api_url: '%s' is plain http, so the API key would cross the network to %s in clear text: "
        'use https://. http:// is only accepted to a loopback address (127.0.0.0/8, ::1, localhost), '
        'such as the emulator' % (url, NAME)
    )
    assert run.calls == []
    assert API_KEY not in repr(run.result)


def test_the_url_from_the_environment_is_checked_as_well(modules, monkeypatch):
    monkeypatch.setenv('LEASEWEB_API_URL', emulator_by_name(modules))
    with resolving(NAME):
        run = modules.run('server_info', connection=False, api_key=API_KEY, server_id=SERVER)
    assert run.failed and run.msg.startswith("api_url: 'http://%s:" % NAME)
    assert run.calls == []


def test_loopback_names_are_accepted(modules):
    run = modules.run('server_info', api_url=modules.url.replace('127.0.0.1', 'localhost'), server_id=SERVER)
    assert not run.failed and [server['id'] for server in run['servers']] == [SERVER]
    assert run.calls == ['GET /servers/12345']
    assert run.warnings == []


def test_validate_certs_false_warns(modules):
    # https:// to the emulator, which speaks plain HTTP: the TLS handshake fails, after the warning
    url = 'https://%s:%s' % (NAME, modules.url.rsplit(':', 1)[1])
    with resolving(NAME):
        run = modules.run('server_info', api_url=url, validate_certs=False, server_id=SERVER, api_retries=0)
    assert run.failed and 'TLS failed' in run.msg
    assert run.warnings == [
        'validate_certs is false: the TLS certificate of %s is not verified, so whoever can intercept the connection '
        'can read the API key. Set it to false only for a test endpoint you control.' % url
    ]
    # over plain http to a loopback address there is no certificate to verify: no warning
    run = modules.run('server_info', validate_certs=False, server_id=SERVER)
    assert not run.failed and run.warnings == []


@pytest.fixture
def redirector(modules):
    """A server on 127.0.0.1 that redirects every request to the emulator (another port)."""
    with Trap(redirect_to(modules.url, 301)) as trap:
        yield trap


def test_a_redirect_would_bring_the_key_to_the_emulator(modules, redirector):
    """What the modules refuse: followed, the redirect carries X-LSW-Auth to the emulator, which answers."""
    answer = requests.get(redirector.url + '/bareMetals/v2/servers/12345', headers={'X-LSW-Auth': API_KEY}, timeout=10)
    assert answer.status_code == 200 and answer.json()['id'] == SERVER
    assert len(modules.requests()) == 1


@pytest.mark.parametrize('name, args', MODULES, ids=MODULE_IDS)
def test_a_redirect_is_not_followed(modules, redirector, name, args):
    run = modules.run(name, api_url=redirector.url, **args)
    assert run.failed and not run.changed
    first = redirector.requests[0]['path'].split('?')[0]
    assert run.msg.startswith(
        'GET %s: HTTP 301 to %s%s: the answer is a redirect, which is not followed: '
        % (first, modules.url, redirector.requests[0]['path'])
    )
    assert run['status'] == 301
    # one request reached the redirecting server, none the emulator it points to
    assert len(redirector.requests) == 1 and redirector.keys() == [API_KEY]
    assert run.calls == []


# -- an API that never answers -----------------------------------------------------------


def test_a_read_that_never_gets_an_answer_ends_after_its_attempts(modules, monkeypatch):
    monkeypatch.setattr(api, 'BACKOFF_BASE_SECONDS', 0.01)  # the pause between the attempts, made short
    modules.faults(hang_seconds=3)
    run = modules.run('server_info', server_id=SERVER, api_timeout=1, api_retries=1)
    assert run.failed and not run.changed
    assert run.msg == 'GET /bareMetals/v2/servers/12345: no answer within 1 seconds [gave up after 2 attempts]'
    assert [(entry['method'], entry['path'], entry['fault']) for entry in run.requests] == [
        ('GET', '/bareMetals/v2/servers/12345', 'hang')
    ] * 2


def test_an_action_that_never_gets_an_answer_is_sent_once(modules):
    """The POST was carried out before the answer was held: it is not repeated, whatever api_retries says."""
    modules.faults(hang_seconds=3, methods=['POST'])
    run = modules.run('power', server_id=SERVER, state='off', api_timeout=1, api_retries=3)
    assert run.failed
    assert run.msg.startswith(
        'POST /bareMetals/v2/servers/12345/powerOff: no answer within 1 seconds '
        '(not retried: the request may have been carried out'
    )
    assert run.calls == [
        'GET /servers/12345/powerInfo',
        'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0',
        'POST /servers/12345/powerOff',
    ]
    assert [entry['fault'] for entry in run.requests] == [None, None, 'hang']


def test_a_wait_whose_read_never_gets_an_answer_ends_at_that_read(modules):
    # the launch is answered; every read of the job after it hangs
    modules.faults(hang_seconds=3, methods=['GET'], path='/jobs/')
    run = modules.run('hardware_scan', server_id=SERVER, api_timeout=1, api_retries=0)
    assert run.failed and run.changed  # the scan was started
    posted = [entry for entry in run.requests if entry['method'] == 'POST']
    assert len(posted) == 1 and posted[0]['status'] == 202
    job_read = run.calls[-1]
    assert job_read.startswith('GET /servers/12345/jobs/')
    assert run.msg == '%s: no answer within 1 seconds' % job_read.replace('GET ', 'GET /bareMetals/v2', 1)
    assert run.calls == [
        'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0',
        'POST /servers/12345/hardwareScan',
        job_read,
    ]
    assert run.requests[-1]['fault'] == 'hang'


def test_a_job_that_never_ends_fails_at_wait_timeout(modules):
    modules.next_job(SERVER, outcome='HANG')
    run = modules.run('hardware_scan', server_id=SERVER, wait_timeout=1)
    assert run.failed and run.changed and run['timed_out'] is True
    assert run.msg.startswith('Timed out after 1s waiting for job %s on server 12345' % run['job']['uuid'])
    assert run['job']['status'] == 'ACTIVE'
    # the launch, then only reads of the job, the last one the read that saw it still running
    assert run.calls[:2] == [
        'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0',
        'POST /servers/12345/hardwareScan',
    ]
    assert set(run.calls[2:]) == {'GET /servers/12345/jobs/%s' % run['job']['uuid']}
