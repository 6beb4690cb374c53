# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fault suite: a whole playbook of every state module and the provision role under injected faults.

tests/integration/faults/faults.yml runs against the emulator, each series from the same state
(the seeded fleet, a failed job to retry, the clock stepping a minute a request so that jobs end
at their first read):

- refusals only (15 % 503, 10 % 429 with Retry-After, 200 ms of latency on every request): the
  first run converges without a failure, the rerun changes nothing and writes nothing;
- ambiguous faults (502 or 504 after the request was carried out, dropped connections, answers
  cut off halfway): check mode, with them on a share of the reads, predicts every change and
  writes nothing; the first run, with them on the POSTs, may fail a task, only with a message
  that says the action may have been carried out; a second run, with them on a share of the
  reads, succeeds without a change and without a write: the first run had carried everything out.

In every series the emulator's request log proves that each intended action (11 POSTs: a null
route, a lease, a credential, a notification setting, an install, a power off and a switch port
closed by the role, a rescue mode, a hardware scan, an IPMI reset, a job retried) was carried out
exactly once, and no other POST was. The counts are printed (pytest -s, or -rP).

The fault draws are seeded and the playbook runs its requests one after the other, so the same
requests meet the same faults on every run of the suite. The client's retries are made short:
Retry-After is 0.05 s and api_retries 8, so that a request refused or cut off again and again
still gets through.
"""

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import EmulatorProcess
from tests.integration.test_targets import run_playbook

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'faults')
PLUGINS = os.path.join(HERE, 'plugins')
PLAYBOOK = os.path.join(HERE, 'faults.yml')
API = '/bareMetals/v2'
RETRIES = 8

REFUSALS = dict(error_rate=0.15, error_status=503, rate_limit_rate=0.10, retry_after=0.05, latency_ms=200, seed=12)
# on the POSTs, which are never repeated (the idempotent writes, repeated after such faults with the
# client's backoff, are shown request by request in the module and client tests)
AMBIGUOUS_WRITES = dict(methods=['POST'], error_rate=0.35, error_status=502, drop_rate=0.3, truncate_rate=0.3, seed=5)
# on a share of the reads, which are repeated
AMBIGUOUS_READS = dict(methods=['GET'], error_rate=0.06, error_status=504, drop_rate=0.05, truncate_rate=0.05, seed=3)

# The tasks that change something on a first run (in check mode: that would).
CHANGING = sorted(
    [
        # the provision role's: the reference, the installation, then one server_config task for the rest
        'Set the reference',
        'Start the installation (erases the disks, only when the last installation differs)',
        'Set the power, switch port, reverse lookup, private network, credentials and notifications',
        # the playbook's own
        'Null route an address',
        'Give a server a DHCP lease',
        'Store a credential',
        'Add a notification setting',
        'Turn the DDoS scrubbing emails on',
        'Boot into rescue mode, once',
        'Scan the hardware, once',
        'Reset the IPMI interface, once',
        'Retry the job that failed',
    ]
)


def fault_servers(emulator):
    """The servers of the playbook, by role, read from the seeded fleet."""
    servers = emulator.api('GET', '/servers', params={'limit': 20}).json()['servers']
    chosen = dict(null_route=1, dhcp_lease=2, credential=3, notification_setting=4, jobs=10, retry=12, provision=13)
    ids = dict((name, servers[index]['id']) for name, index in chosen.items())
    ids['null_route_ip'] = servers[1]['networkInterfaces']['public']['ip'].split('/')[0]
    return ids


def intended_posts(servers):
    """The POST of each action the playbook means to carry out once."""
    server = API + '/servers/%s'
    return sorted(
        [
            (server + '/ips/%s/null') % (servers['null_route'], servers['null_route_ip']),
            server % servers['dhcp_lease'] + '/leases',
            server % servers['credential'] + '/credentials',
            server % servers['notification_setting'] + '/notificationSettings/bandwidth',
            server % servers['provision'] + '/install',
            server % servers['provision'] + '/powerOff',
            server % servers['provision'] + '/networkInterfaces/public/close',
            server % servers['jobs'] + '/rescueMode',
            server % servers['jobs'] + '/hardwareScan',
            server % servers['jobs'] + '/ipmiReset',
            server % servers['retry'] + '/jobs/%s/retry' % servers['failed_job'],
        ]
    )


def fresh(emulator):
    """The same starting state for every series: the seeded fleet, a failed IPMI reset to retry, an empty log."""
    emulator.reset()
    servers = fault_servers(emulator)
    emulator.clock(mode='step', step=60)
    emulator.admin('PUT', 'servers/%s/next_job' % servers['retry'], json={'outcome': 'FAILED'})
    job = emulator.api('POST', '/servers/%s/ipmiReset' % servers['retry'], json={}).json()
    assert emulator.api('GET', '/servers/%s/jobs/%s' % (servers['retry'], job['uuid'])).json()['status'] == 'FAILED'
    servers['failed_job'] = job['uuid']
    emulator.clear()
    return servers


class Run(object):
    """One run of the playbook: its label, task results, request log, exit code, output and wall time."""

    def __init__(self, label, tasks, log, returncode, output, seconds):
        self.label, self.tasks, self.log, self.returncode, self.output, self.seconds = (
            label,
            tasks,
            log,
            returncode,
            output,
            seconds,
        )


def run_series(emulator, tmp_path, steps):
    """Run the playbook once a step ``(label, faults, args, extra_vars)``, from the fresh state; the servers and the runs."""
    servers = fresh(emulator)
    runs = []
    for number, (label, faults, args, extra_vars) in enumerate(steps):
        emulator.faults(**faults)
        record = tmp_path / ('run-%d.jsonl' % number)
        variables = dict(fault_servers=servers, fault_api_retries=RETRIES, **extra_vars)
        started = time.monotonic()
        result = run_playbook(
            emulator,
            PLAYBOOK,
            '-e',
            json.dumps(variables),
            *args,
            ANSIBLE_CALLBACK_PLUGINS=os.path.join(PLUGINS, 'callback'),
            ANSIBLE_CALLBACKS_ENABLED='task_record',
            TASK_RECORD=str(record),
        )
        log = emulator.take()
        tasks = [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []
        runs.append(Run(label, tasks, log, result.returncode, result.stdout, time.monotonic() - started))
    emulator.faults()
    return servers, runs


@pytest.fixture(scope='module')
def series(emulator_process, tmp_path_factory):
    """Both series, at the same time, each on its own emulator (the session's and a second one).

    Each series runs its playbook runs one after the other against its own emulator, whose fault
    draws are seeded, so each meets the same faults on every run of the suite; running the two
    series side by side only saves time (the 200 ms of latency of one overlap the work of the other).
    """
    other = EmulatorProcess('--servers', '40', '--seed', '7', '--job-seconds', '2')
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            refusals = pool.submit(
                run_series,
                emulator_process,
                tmp_path_factory.mktemp('refusals'),
                [('first run', REFUSALS, [], {}), ('rerun', REFUSALS, [], {})],
            )
            ambiguous = pool.submit(
                run_series,
                other,
                tmp_path_factory.mktemp('ambiguous'),
                [
                    ('check mode, faults on the reads', AMBIGUOUS_READS, ['--check'], {}),
                    ('first run, faults on the POSTs', AMBIGUOUS_WRITES, [], dict(fault_tolerated=True)),
                    ('second run, faults on the reads', AMBIGUOUS_READS, [], {}),
                ],
            )
            return dict(refusals=refusals.result(), ambiguous=ambiguous.result())
    finally:
        other.stop()


def succeeded(run):
    assert run.returncode == 0, '%s failed:\n%s' % (run.label, run.output[-20000:])
    return run.tasks, run.log


def names(tasks, status):
    return sorted(task['task'] for task in tasks if task['status'] == status)


def faults_of(log):
    """The faults injected, by kind (latency alone is not a fault)."""
    kinds = {}
    for entry in log:
        if entry['fault'] not in (None, 'latency'):
            kind = '%s %s' % (entry['fault'], entry['status']) if entry['fault'] == 'error' else entry['fault']
            kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def carried_out(entry):
    """Whether the emulator carried a request out (429 and 503 are answered before, 502 and 504 after)."""
    if entry['operation'] is None:
        return False
    if entry['fault'] == 'error':
        return entry['status'] in (500, 502, 504)
    return entry['status'] is None or entry['status'] < 400  # a dropped answer has no status


def carried_out_posts(log):
    return sorted(entry['path'] for entry in log if entry['method'] == 'POST' and carried_out(entry))


def report(series, runs):
    """Print one line a run: its tasks, requests, faults and POSTs."""
    for run in runs:
        tasks, log = run.tasks, run.log
        posts = [entry for entry in log if entry['method'] == 'POST']
        print(
            '%s %s: %d tasks (%d changed, %d failed, %d skipped), %d requests, faults %s, POSTs sent %d, carried out %d (%.0f s)'
            % (
                series,
                run.label,
                len(tasks),
                len(names(tasks, 'changed')),
                len(names(tasks, 'failed')),
                len(names(tasks, 'skipped')),
                len(log),
                json.dumps(faults_of(log), sort_keys=True),
                len(posts),
                len(carried_out_posts(log)),
                run.seconds,
            )
        )


def summary(series, runs, intended):
    """One line for the closing note: runs, faults injected, tasks, POSTs sent and carried out against the intended ones."""
    faults = sum(sum(faults_of(run.log).values()) for run in runs)
    tasks = sum(len(run.tasks) for run in runs)
    sent = sum(1 for run in runs for entry in run.log if entry['method'] == 'POST')
    done = sum(len(carried_out_posts(run.log)) for run in runs)
    print(
        '%s total: %d runs, %d faults injected, %d tasks, %d POSTs sent, %d carried out for %d intended actions'
        % (series, len(runs), faults, tasks, sent, done, len(intended))
    )
    return faults, done


def test_refusals_only_converge_on_the_first_run_and_the_rerun_changes_nothing(series):
    servers, runs = series['refusals']
    print('\nfault suite (a), refusals only (15%% 503, 10%% 429 with Retry-After, 200 ms): %d runs' % len(runs))
    report('(a)', runs)
    intended = intended_posts(servers)
    first, rerun = [succeeded(run) for run in runs]

    for tasks, log in (first, rerun):
        assert names(tasks, 'failed') == []
        # each run met refusals, and only refusals; the series met both kinds
        assert faults_of(log) and set(faults_of(log)) <= {'error 503', 'rate_limit'}
        assert all(entry['fault'] == 'latency' for entry in log if entry['fault'] not in ('error', 'rate_limit'))
    assert set(faults_of(first[1] + rerun[1])) == {'error 503', 'rate_limit'}
    # the first run makes the changes, each intended POST carried out once, no other
    assert names(first[0], 'changed') == CHANGING
    assert carried_out_posts(first[1]) == intended
    assert len(intended) == 11
    # the rerun changes nothing and writes nothing
    assert names(rerun[0], 'changed') == []
    assert [entry for entry in rerun[1] if entry['method'] != 'GET'] == []
    # ... the jobs started once are not started again (and the installation, done, is not followed again)
    assert sorted(set(names(rerun[0], 'skipped')) - set(names(first[0], 'skipped'))) == sorted(
        [
            'Boot into rescue mode, once',
            'Reset the IPMI interface, once',
            'Scan the hardware, once',
            'Note until when to wait for the installation',
            'Wait for the installation, showing its progress',
            'Keep the install job as it ended',
        ]
    )
    faults, done = summary('(a)', runs, intended)
    assert faults > 0 and done == len(intended)


def test_ambiguous_faults_may_fail_a_task_saying_so_and_a_second_run_converges(series):
    servers, runs = series['ambiguous']
    print(
        '\nfault suite (b), ambiguous faults (502/504 after processing, dropped connections, answers cut off): %d runs'
        % len(runs)
    )
    report('(b)', runs)
    intended = intended_posts(servers)
    check, first, second = [succeeded(run) for run in runs]

    # check mode predicts the changes and writes nothing
    tasks, log = check
    assert names(tasks, 'failed') == []
    assert names(tasks, 'changed') == CHANGING
    assert [entry for entry in log if entry['method'] != 'GET'] == []

    tasks, log = first
    failed = [task for task in tasks if task['status'] == 'failed']
    # the seeded faults fail some actions: each failure says the action may have been carried out
    assert failed
    for task in failed:
        assert task['ignored']
        assert 'may have been carried out' in task['msg'], task
    assert set(faults_of(log)) == {'error 502', 'drop', 'truncate'}
    assert all(entry['method'] == 'POST' for entry in log if entry['fault'])
    # ... and it had: every intended action was carried out once, by this run
    assert carried_out_posts(log) == intended
    print('(b) failed tasks of the first run: %s' % ', '.join(sorted(task['task'] for task in failed)))

    tasks, log = second
    assert names(tasks, 'failed') == []
    for _tasks, reads in (check, second):
        assert faults_of(reads) and set(faults_of(reads)) <= {'error 504', 'drop', 'truncate'}
        assert all(entry['method'] == 'GET' for entry in reads if entry['fault'])
    # the second run converges: nothing was left to do, nothing was done twice
    assert names(tasks, 'changed') == []
    assert [entry for entry in log if entry['method'] != 'GET'] == []
    faults, done = summary('(b)', runs, intended)
    assert faults > 0 and done == len(intended)
