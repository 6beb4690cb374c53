# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The example rulebook (extensions/eda/rulebooks/fleet.yml) run by the real ansible-rulebook, with the
collection's source, against the emulator on a manual clock: each rule fires exactly once for its change
and never for the baseline.

One ansible-rulebook process runs all four rules. Its source polls every second; the test makes each
change once the baseline poll is done and waits for what the rules do (the emulator's requests, the
notifications of the ticket playbook), never for time. The rules run the collection's playbooks for
real (retry_job, rescue, configure) and a ticket playbook of the test's (the one the events guide
shows)."""

import collections
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading

import pytest
import yaml

from tests.conftest import COLLECTIONS_PATH, REPO_ROOT
from tests.emulator import Emulator
from tests.utils.listener import Listener

API_KEY = 'rulebook-api-key-0c4e9a1b'
API = '/bareMetals/v2'
JOB_SECONDS = 100
WAIT = 180  # seconds: a bound for each step, never reached when all goes well
BIN = os.path.dirname(sys.executable)

TICKET_PLAYBOOK = os.path.join(REPO_ROOT, 'tests', 'eda', 'files', 'null_route_ticket.yml')
# run, it would print PWNED, which the text itself does not hold
HOSTILE = "{{ lookup('pipe', 'echo PWN' ~ 'ED') }}"


class Watch(object):
    """The requests the emulator answered, counted as they come (``METHOD /path``, the first page of the
    server list as ``GET /servers@0``), something to do right after a request, and waits for counts."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.direct = emulator.dispatch
        self.counts = collections.Counter()
        self.bodies = collections.defaultdict(list)
        self.after = {}
        self.changed = threading.Condition()
        emulator.dispatch = self._dispatch

    def _dispatch(self, method, path, query, body, *args, **kwargs):
        answer = self.direct(method, path, query, body, *args, **kwargs)
        call = '%s %s' % (method, path[len(API) :])
        if call == 'GET /servers' and query.get('offset') == '0':
            call = 'GET /servers@0'
        if answer[0] < 300:
            with self.changed:
                self.counts[call] += 1
                self.bodies[call].append(body)
                self.changed.notify_all()
            action = self.after.pop(call, None)
            if action is not None:
                action()
        return answer

    def wait(self, what, predicate, output):
        with self.changed:
            if not self.changed.wait_for(lambda: predicate(self.counts), WAIT):
                raise AssertionError('waited for %s: %s\n%s' % (what, dict(self.counts), ''.join(output)[-20000:]))

    def api(self, method, path, body=None, **query):
        status, _headers, raw = self.direct(method, API + path, query, body, False, API_KEY)
        assert status < 300, (method, path, status, raw)
        return json.loads(raw) if raw else None

    def admin(self, method, path, body=None):
        return self.emulator.admin(method, '/_emulator/' + path, body)[1]

    def advance(self, seconds):
        self.admin('PUT', 'clock', dict(advance=seconds))


@pytest.fixture
def emulator():
    emulator = Emulator(servers=20, seed=7, job_seconds=JOB_SECONDS, api_key=API_KEY, clock='manual').start()
    yield emulator
    emulator.stop()


def test_each_rule_of_the_example_rulebook_fires_once_for_its_change_and_never_for_the_baseline(emulator, tmp_path):
    watch = Watch(emulator)
    ids = [server['id'] for server in watch.api('GET', '/servers', limit='100')['servers']]
    failing, ticketed, sentinel, baseline_null = ids[4], ids[1], ids[2], ids[6]
    # before the source starts: a null route (the baseline must not open a ticket for it), a
    # reference that is a Jinja2 expression (it must reach the ticket as text)
    watch.api('POST', '/servers/%s/ips/%s/null' % (baseline_null, '178.162.0.9'))
    watch.api('PUT', '/servers/%s' % ticketed, dict(reference=HOSTILE))

    inventory = tmp_path / 'inventory'
    inventory.mkdir()
    (inventory / 'fleet.leaseweb.yml').write_text(
        yaml.safe_dump(
            dict(plugin='leaseweb.dedicated.servers', compose=dict(configure_reference="'configured-' ~ leaseweb_id"))
        )
    )
    (inventory / 'localhost.yml').write_text(
        yaml.safe_dump(
            dict(
                all=dict(
                    hosts=dict(localhost=dict(ansible_connection='local', ansible_python_interpreter=sys.executable))
                )
            )
        )
    )
    variables = tmp_path / 'vars.yml'
    variables.write_text(yaml.safe_dump(dict(leaseweb_interval=1, leaseweb_ticket_playbook=TICKET_PLAYBOOK)))
    tickets = tmp_path / 'tickets'
    tickets.mkdir()
    notified = Listener(http=True)
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LEASEWEB_')))
    env.update(
        PATH=BIN + os.pathsep + env.get('PATH', ''),
        ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH,
        ANSIBLE_NOCOLOR='1',
        ANSIBLE_FORCE_COLOR='0',
        ANSIBLE_LOCALHOST_WARNING='0',
        LEASEWEB_API_KEY=API_KEY,
        LEASEWEB_API_URL=emulator.url,
        LEASEWEB_TICKETS_DIR=str(tickets),
        LEASEWEB_NOTIFY_URL=notified.url + '/notify',
    )
    command = [
        os.path.join(BIN, 'ansible-rulebook'),
        '-r',
        'leaseweb.dedicated.fleet',
        '-i',
        str(inventory),
        '--vars',
        str(variables),
        '-v',
    ]
    process = subprocess.Popen(
        command, cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = []
    reader = threading.Thread(target=lambda: output.extend(iter(process.stdout.readline, '')), daemon=True)
    reader.start()
    try:
        # the baseline poll is done once the next poll starts
        watch.wait('the baseline poll', lambda counts: counts['GET /servers@0'] >= 2, output)

        # an installation fails; its retry fails too (the emulator's plan for the next job), then the
        # rescue mode job runs: each job ends when the clock is moved, right after it was started
        watch.admin('PUT', 'servers/%s/next_job' % failing, dict(outcome='FAILED', seconds=10))
        job = watch.api('POST', '/servers/%s/install' % failing, dict(operatingSystemId='UBUNTU_22_04_64BIT'))
        watch.admin('PUT', 'servers/%s/next_job' % failing, dict(outcome='FAILED', seconds=10))
        retry = 'POST /servers/%s/jobs/%s/retry' % (failing, job['uuid'])
        watch.after[retry] = lambda: watch.advance(20)
        watch.after['POST /servers/%s/rescueMode' % failing] = lambda: watch.advance(2 * JOB_SECONDS)
        watch.advance(20)
        # a null route, and a new server
        watch.api('POST', '/servers/%s/ips/%s/null' % (ticketed, '209.58.0.1'))
        added = watch.admin('POST', 'servers', dict(count=1))['servers'][0]

        watch.wait(
            'the retry, the rescue and the configuration',
            lambda counts: (
                counts[retry] and counts['POST /servers/%s/rescueMode' % failing] and counts['PUT /servers/%s' % added]
            ),
            output,
        )
        assert len(notified.wait_for(1, WAIT)) >= 1, ''.join(output)[-20000:]
        # a last change, after all the others: once its ticket is there, every rule had its chance to fire again
        watch.api('POST', '/servers/%s/ips/%s/null' % (sentinel, '95.211.0.1'))
        assert len(notified.wait_for(2, WAIT)) == 2, ''.join(output)[-20000:]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(10)
        notified.close()
    text = ''.join(output)

    writes = dict((call, count) for call, count in watch.counts.items() if not call.startswith('GET '))
    assert writes == {retry: 1, 'POST /servers/%s/rescueMode' % failing: 1, 'PUT /servers/%s' % added: 1}, text[-20000:]
    assert watch.bodies['PUT /servers/%s' % added] == [dict(reference='configured-%s' % added)]
    assert [request['body']['server_id'] for request in notified.received] == [ticketed, sentinel]
    first = notified.received[0]['body']
    assert (first['reference'], first['ip'], first['host']) == (HOSTILE, '209.58.0.1', ticketed)
    assert sorted(name.split('-')[2] for name in os.listdir(str(tickets))) == sorted([ticketed, sentinel])
    assert 'PWNED' not in text and API_KEY not in text
    # five playbook runs (the retry, the rescue, two tickets, the configuration), none failed
    recaps = re.findall(r'^(\S+)\s+: ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)', text, re.M)
    assert text.count('PLAY RECAP') == 5 and recaps and all(r[1:] == ('0', '0') for r in recaps), text[-20000:]
    assert 'Address 209.58.0.1 of server %s' % ticketed in text


def test_the_credential_type_of_event_driven_ansible_injects_the_variable_the_rulebook_gives_the_source():
    with open(os.path.join(REPO_ROOT, 'examples', 'awx', 'eda_credential_type.yml')) as handle:
        credential_type = yaml.safe_load(handle)
    fields = dict((field['id'], field) for field in credential_type['inputs']['fields'])
    assert fields['api_key']['secret'] is True and credential_type['inputs']['required'] == ['api_key']
    assert credential_type['injectors'] == {'extra_vars': {'leaseweb_api_key': '{{ api_key }}'}}
    with open(os.path.join(REPO_ROOT, 'extensions', 'eda', 'rulebooks', 'fleet.yml')) as handle:
        [ruleset] = yaml.safe_load(handle)
    [source] = ruleset['sources']
    assert source['leaseweb.dedicated.fleet_events']['api_key'] == "{{ leaseweb_api_key | default('') }}"


def test_the_events_guide_shows_the_ticket_playbook_the_test_runs():
    """The guide's ticket playbook is the one this test runs with the rulebook, character for character."""
    with open(os.path.join(REPO_ROOT, 'docs', 'docsite', 'rst', 'guide_events.rst')) as handle:
        guide = handle.read()
    blocks = re.findall(r'\.\. code-block:: yaml\+jinja\n\n((?:  .*\n|\n)+)', guide)
    shown = [textwrap.dedent(block).strip() + '\n' for block in blocks if 'Open a ticket for a null routed' in block]
    with open(TICKET_PLAYBOOK) as handle:
        assert shown == [handle.read()]
