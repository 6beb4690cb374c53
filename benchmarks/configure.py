# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of ``ansible-playbook leaseweb.dedicated.configure`` over a whole fleet (run by hand).

    python benchmarks/configure.py [--servers 1000] [--latency-ms 50] [--repeat 1] [--modes fleet host]

Run it with the Python of a virtualenv holding ansible-core (``.venv/core-2.21/bin/python
benchmarks/configure.py``). It starts the emulator (``python3 emulator.py``) with
``--servers`` servers at ``--latency-ms`` a request, and an inventory of every server
(leaseweb.dedicated.servers, hosts named by id) that declares five parts of each: its
reference, its DDoS notification emails, its public switch port, one data traffic notification
setting, and the reverse lookup of its public address. Four of them differ from the seeded
fleet, so that the first run has something to converge. For each mode (``fleet``: one
fleet_config task, the playbook's default; ``host``: the configure role on each host, at the
default forks), from the seeded fleet:

- ``drift report``: ``--check --diff``; writes nothing;
- ``converge``: the real run;
- ``rerun``: again; changes nothing, writes nothing.

It prints each run's wall time, requests (those of the inventory included), writes, the
request floor (requests x latency / concurrency: 10 in fleet mode, the 5 forks in host
mode) and the ratio to it, and in host mode the time per server; and the start-up of
``ansible-playbook`` (a one-task playbook) and of the inventory alone, which every run pays.
"""

import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import bench  # noqa: E402 pylint: disable=wrong-import-position

from tests.conftest import COLLECTIONS_PATH, EmulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

CONCURRENCY = dict(fleet=10, host=5)

INVENTORY = """\
plugin: leaseweb.dedicated.servers
hostname: [id]
compose:
  configure_reference: "'bench-' ~ leaseweb_id"
  configure_ips: "[{'ip': leaseweb_public_ip, 'reverse_lookup': 'srv-' ~ leaseweb_id ~ '.example.com'}]"
"""

GROUP_VARS = """\
configure_ddos_nulling: true
configure_ddos_scrubbing: true
configure_public_interface: open
configure_datatraffic_notifications:
  - {frequency: MONTHLY, threshold: 20, unit: TB}
"""

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
        self.bin = os.path.dirname(sys.executable)
        self.env = dict(
            os.environ,
            ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH,
            LEASEWEB_API_URL=emulator.url,
            LEASEWEB_API_KEY=emulator.api_key,
            ANSIBLE_NOCOLOR='1',
            ANSIBLE_LOCALHOST_WARNING='0',
            ANSIBLE_INVENTORY_UNPARSED_WARNING='0',
        )
        for name in ('ANSIBLE_CONFIG', 'LEASEWEB_TOKEN'):
            self.env.pop(name, None)
        self.results = {}

    def write(self, name, text):
        path = os.path.join(self.workdir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as handle:
            handle.write(text)
        return path

    def timed(self, label, command):
        """One command: its wall time and the requests the emulator answered meanwhile."""
        self.emulator.admin('DELETE', 'requests')
        started = time.perf_counter()
        result = subprocess.run(
            command,
            cwd=self.workdir,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError('%s failed:\n%s' % (label, result.stdout[-5000:]))
        requests = self.emulator.admin('GET', 'requests')
        one = dict(
            wall=wall,
            requests=len(requests),
            writes=sum(1 for r in requests if r['method'] != 'GET'),
            output=result.stdout,
        )
        self.results.setdefault(label, []).append(one)
        return one

    def main(self):
        args = self.args
        inventory = self.write('inventory/fleet.leaseweb.yml', INVENTORY)
        self.write('inventory/group_vars/leaseweb.yml', GROUP_VARS)
        start_up = self.write('start-up.yml', START_UP)
        self.emulator.admin('PUT', 'settings', {'latency_ms': args.latency_ms})
        self.timed('start-up', [os.path.join(self.bin, 'ansible-playbook'), start_up])
        self.timed('inventory', [os.path.join(self.bin, 'ansible-inventory'), '-i', inventory, '--graph'])
        for repeat in range(args.repeat):
            for mode in args.modes:
                self.emulator.admin('POST', 'reset')
                self.emulator.admin('PUT', 'settings', {'latency_ms': args.latency_ms})
                base = [
                    os.path.join(self.bin, 'ansible-playbook'),
                    '-i',
                    inventory,
                    'leaseweb.dedicated.configure',
                    '-e',
                    'configure_mode=%s' % mode,
                ]
                for run, extra in (('drift report', ['--check', '--diff']), ('converge', []), ('rerun', [])):
                    label = '%s, %s' % (mode, run)
                    one = self.timed(label, base + extra)
                    print(
                        '  run %d  %-22s wall %7.2f s  %6d requests  %5d writes  (load %s)'
                        % (repeat + 1, label, one['wall'], one['requests'], one['writes'], bench.load()),
                        flush=True,
                    )
                    self.check(label, one)
        self.report()

    def check(self, label, one):
        servers = self.args.servers
        summary = [line for line in one['output'].splitlines() if 'servers drifted' in line or 'were changed' in line]
        if label.endswith('drift report') or label.endswith('rerun'):
            if one['writes']:
                raise RuntimeError('%s wrote %d times' % (label, one['writes']))
        expected = (
            '0 of %d servers drifted' % servers if label.endswith('rerun') else '%d of %d servers' % (servers, servers)
        )
        if not any(expected in line for line in summary):
            raise RuntimeError('%s: the summary does not say %r: %s' % (label, expected, summary))

    def report(self):
        args = self.args
        latency = args.latency_ms / 1000.0
        start_up = statistics.median(r['wall'] for r in self.results['start-up'])
        inventory = statistics.median(r['wall'] for r in self.results['inventory'])
        print()
        print(
            '%-22s %8s %9s %7s %8s %8s %12s'
            % ('run (medians)', 'wall s', 'requests', 'writes', 'floor s', 'x floor', 's per server')
        )
        for label, results in self.results.items():
            if label in ('start-up', 'inventory'):
                continue
            mode = label.split(',')[0]
            wall = statistics.median(r['wall'] for r in results)
            requests = max(r['requests'] for r in results)
            floor = requests * latency / CONCURRENCY[mode]
            print(
                '%-22s %8.2f %9d %7d %8.2f %8.2f %12.3f'
                % (label, wall, requests, max(r['writes'] for r in results), floor, wall / floor, wall / args.servers)
            )
        print()
        print(
            'fleet %d servers, %g ms a request; floor = requests x latency / concurrency (%d in fleet mode, the %d '
            'forks in host mode); start-up of ansible-playbook %.2f s, ansible-inventory --graph of the fleet %.2f s'
            % (args.servers, args.latency_ms, CONCURRENCY['fleet'], CONCURRENCY['host'], start_up, inventory)
        )


def main():
    parser = bench.arguments('configure.py', __doc__, servers=1000, repeat=1)
    parser.add_argument('--modes', nargs='+', choices=['fleet', 'host'], default=['fleet', 'host'])
    bench.run(Bench, parser.parse_args(), EmulatorProcess, 'configure')


if __name__ == '__main__':
    main()
