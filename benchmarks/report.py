# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of the fleet report, ``ansible-playbook leaseweb.dedicated.report`` (run by hand).

    python benchmarks/report.py [--servers 1000] [--latency-ms 50] [--repeat 3] [--pause 2] [--concurrency 10 50]

Run it with the Python of a virtualenv holding ansible-core (``.venv/core-2.21/bin/python
benchmarks/report.py``); the ``ansible-playbook`` next to that Python is used. It starts the
emulator (``python3 emulator.py``) with ``--servers`` servers, then times, ``--repeat``
times, interleaved (every other repeat in the reverse order):

- ``start-up``: ``ansible-playbook`` of a play on localhost with one ``debug`` task: what
  ansible-core costs before and around any work;
- ``report, concurrency N, L ms``: the report of the whole fleet, for each ``--concurrency``,
  at ``--latency-ms`` per request;
- ``report, 0 ms``: the same at the default concurrency without latency: what the playbook
  costs beyond the network (its other tasks, the table and files for every server);
- ``report, inventory group``: the report of the hosts of the ``leaseweb`` group of the
  leaseweb.dedicated.servers inventory (one more request per server, the record, and a play
  over that many hosts), default concurrency, ``--latency-ms``.

Each run's requests are counted by the emulator; the read task's own time comes from
ansible-core's ``junit`` callback. It prints the machine's core count and load, every wall time,
and for each report the floor, requests x latency / concurrency, and the target: the wall time
within 3 x that floor plus the start-up.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from xml.etree import ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import bench  # noqa: E402 pylint: disable=wrong-import-position

# the emulator as the tests start it, and the collection linked where Ansible finds it
from tests.conftest import COLLECTIONS_PATH, EmulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

READ_TASK = 'Read the servers, concurrently, in one task'
DEFAULT_CONCURRENCY = 10

START_UP = """\
- name: Start-up
  hosts: localhost
  gather_facts: false
  tasks:
    - name: One task
      ansible.builtin.debug:
        msg: started
"""


class Bench:
    """The runs and their numbers."""

    def __init__(self, args, emulator, workdir):
        self.args = args
        self.emulator = emulator
        self.workdir = workdir
        self.ansible_playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
        self.results = {}
        self.env = dict(
            os.environ,
            ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH,
            LEASEWEB_API_URL=emulator.url,
            LEASEWEB_API_KEY=emulator.api_key,
            ANSIBLE_NOCOLOR='1',
            ANSIBLE_LOCALHOST_WARNING='0',
            ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
            ANSIBLE_CALLBACKS_ENABLED='ansible.builtin.junit',
            JUNIT_HIDE_TASK_ARGUMENTS='true',
        )
        for name in ('ANSIBLE_CONFIG', 'LEASEWEB_TOKEN'):
            self.env.pop(name, None)

    def path(self, name, text=None):
        path = os.path.join(self.workdir, name)
        if text is not None:
            with open(path, 'w') as handle:
                handle.write(text)
        return path

    def run(self, label, latency_ms, *args):
        """One ansible-playbook: its wall time, the requests the emulator answered, the read task's time."""
        self.emulator.admin('PUT', 'settings', {'latency_ms': latency_ms})
        self.emulator.admin('DELETE', 'requests')
        junit = tempfile.mkdtemp(dir=self.workdir)
        env = dict(self.env, JUNIT_OUTPUT_DIR=junit)
        started = time.perf_counter()
        result = subprocess.run(
            [self.ansible_playbook] + list(args),
            cwd=self.workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError('%s failed:\n%s' % (label, result.stdout[-5000:]))
        requests = self.emulator.admin('GET', 'requests')
        if any(r['method'] != 'GET' for r in requests):
            raise RuntimeError('%s wrote to the API' % label)
        task = None
        for name in os.listdir(junit):
            for case in ElementTree.parse(os.path.join(junit, name)).iter('testcase'):
                if READ_TASK in case.get('name', ''):
                    task = float(case.get('time'))
        shutil.rmtree(junit)
        self.results.setdefault(label, []).append(dict(wall=wall, requests=len(requests), task=task))
        return self.results[label][-1]

    def main(self):
        args = self.args
        start_up = self.path('start-up.yml', START_UP)
        inventory = self.path('fleet.leaseweb.yml', 'plugin: leaseweb.dedicated.servers\nhostname: [id]\n')
        csv, json = self.path('report.csv'), self.path('report.json')
        files = ['-e', 'report_csv=%s' % csv, '-e', 'report_json=%s' % json]
        runs = [('start-up', 0, (start_up,), None)]
        for concurrency in args.concurrency:
            runs.append(
                (
                    'report, concurrency %d, %g ms' % (concurrency, args.latency_ms),
                    args.latency_ms,
                    ['leaseweb.dedicated.report', '-e', 'report_concurrency=%d' % concurrency] + files,
                    concurrency,
                )
            )
        runs.append(('report, 0 ms', 0, ['leaseweb.dedicated.report'] + files, None))
        runs.append(
            (
                'report, inventory group, %g ms' % args.latency_ms,
                args.latency_ms,
                ['leaseweb.dedicated.report', '-i', inventory, '-e', 'target=leaseweb'] + files,
                DEFAULT_CONCURRENCY,
            )
        )

        # warm-up: the interpreter's caches, the emulator's lazily built per-server state
        self.run('warm-up', 0, 'leaseweb.dedicated.report', *files)
        for repeat in range(args.repeat):
            for label, latency, command, _concurrency in runs if repeat % 2 == 0 else runs[::-1]:
                time.sleep(args.pause)
                one = self.run(label, latency, *command)
                print(
                    '  run %d  %-38s wall %6.2f s  %5d requests%s  (load %s)'
                    % (
                        repeat + 1,
                        label,
                        one['wall'],
                        one['requests'],
                        '' if one['task'] is None else '  read task %.2f s' % one['task'],
                        bench.load(),
                    ),
                    flush=True,
                )
        self.report(runs)

    def report(self, runs):
        args = self.args
        latency = args.latency_ms / 1000.0
        start_up = statistics.median(r['wall'] for r in self.results['start-up'])
        print()
        print(
            '%-38s %8s %8s %8s %9s %11s %9s %10s'
            % ('run (medians)', 'wall s', 'min', 'max', 'requests', 'read task s', 'floor s', 'target s')
        )
        verdicts = []
        for label, run_latency, _command, concurrency in runs:
            results = self.results[label]
            walls = [r['wall'] for r in results]
            tasks = [r['task'] for r in results if r['task'] is not None]
            requests = sorted(set(r['requests'] for r in results))
            floor = target = None
            if concurrency and run_latency:
                floor = requests[-1] * latency / concurrency
                target = 3 * floor + start_up
                verdicts.append(
                    '%s: %.2f s, %s the target of %.2f s (3 x %.2f s + %.2f s start-up); read task %.2f s = '
                    '%.2f x the floor'
                    % (
                        label,
                        statistics.median(walls),
                        'within' if statistics.median(walls) <= target else 'ABOVE',
                        target,
                        floor,
                        start_up,
                        statistics.median(tasks),
                        statistics.median(tasks) / floor,
                    )
                )
            print(
                '%-38s %8.2f %8.2f %8.2f %9s %11s %9s %10s'
                % (
                    label,
                    statistics.median(walls),
                    min(walls),
                    max(walls),
                    '/'.join(str(c) for c in requests),
                    '%.2f' % statistics.median(tasks) if tasks else '-',
                    '%.2f' % floor if floor else '-',
                    '%.2f' % target if target else '-',
                )
            )
        print()
        print(
            'fleet %d servers, %g ms a request; floor = requests x latency / concurrency; target = 3 x floor + '
            'start-up (a one-task playbook, median %.2f s)' % (args.servers, args.latency_ms, start_up)
        )
        for verdict in verdicts:
            print('  ' + verdict)


def main():
    parser = bench.arguments('report.py', __doc__, servers=1000, repeat=3)
    parser.add_argument(
        '--concurrency',
        type=int,
        nargs='+',
        default=[DEFAULT_CONCURRENCY, 50],
        help='the concurrencies of the whole-fleet runs',
    )
    bench.run(Bench, parser.parse_args(), EmulatorProcess, 'report')


if __name__ == '__main__':
    main()
