# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of the leaseweb.dedicated.servers inventory at fleet scale (run by hand).

    python benchmarks/inventory.py [--servers 10000] [--latency-ms 50] [--repeat 5] [--pause 2]

Run it with the Python of a virtualenv holding ansible-core (``.venv/core-2.21/bin/python
benchmarks/inventory.py``); the ``ansible-inventory`` next to that Python is used. It starts the
emulator (``python3 emulator.py``) with a fleet of ``--servers`` servers, then times
``ansible-inventory --list`` in these runs, repeated ``--repeat`` times, interleaved (every other
repeat in the reverse order):

- ``concurrency 1``: the list read one page after the other, ``--latency-ms`` per request;
- ``default``: the same with the default concurrency;
- ``cached``: from a warm cache (jsonfile), which must send no request;
- ``0 ms``: the default with no latency at all: what processing the hosts costs;
- ``bare``: a plugin (benchmarks/inventory_plugins/bare.py) that adds the same hosts, groups
  and variables from a JSON file, without any network: what ansible-core itself costs.

It prints the machine's core count and load, every wall time, the requests the emulator
answered, and the targets: the fetching part (time above the 0 ms run) of the default at least
4 times smaller than with concurrency 1 and within twice the fetch floor (pages x latency /
concurrency); no request from the cache; the 0 ms run within 10% of the bare plugin.
"""

import ast
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import bench  # noqa: E402 pylint: disable=wrong-import-position

# the emulator as the tests start it, and the collection linked where Ansible finds it
from tests.conftest import COLLECTIONS_PATH, EmulatorProcess, plain  # noqa: E402 pylint: disable=wrong-import-position

BARE_PLUGINS = os.path.join(ROOT, 'benchmarks', 'inventory_plugins')


def plugin_defaults():
    """The defaults of page_size and concurrency, from the plugin's documentation."""
    tree = ast.parse(open(os.path.join(ROOT, 'plugins', 'inventory', 'servers.py')).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'DOCUMENTATION':
            options = yaml.safe_load(node.value.value)['options']
            return options['page_size']['default'], options['concurrency']['default']
    raise RuntimeError('no DOCUMENTATION in plugins/inventory/servers.py')


DEFAULT_PAGE_SIZE, DEFAULT_CONCURRENCY = plugin_defaults()
FETCHED = re.compile(r'(\d+) servers read from \S+ in (\d+) requests \(concurrency (\d+)\) in ([0-9.]+)s')


class Bench:
    """The runs and their numbers."""

    def __init__(self, args, emulator, workdir):
        self.args = args
        self.emulator = emulator
        self.workdir = workdir
        self.ansible_inventory = os.path.join(os.path.dirname(sys.executable), 'ansible-inventory')
        self.results = {}
        self.env = dict(
            os.environ,
            ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH,
            LEASEWEB_API_URL=emulator.url,
            LEASEWEB_API_KEY=emulator.api_key,
            ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true',
            ANSIBLE_INVENTORY_PLUGINS=BARE_PLUGINS,
            ANSIBLE_NOCOLOR='1',
        )
        for name in ('ANSIBLE_CONFIG', 'LEASEWEB_TOKEN'):
            self.env.pop(name, None)

    def source(self, name, text):
        path = os.path.join(self.workdir, name)
        with open(path, 'w') as handle:
            handle.write(text)
        return path

    def run(self, label, source, latency_ms, enabled=None, output=None):
        """One ansible-inventory --list: (wall seconds, requests the emulator answered, plugin's fetch line)."""
        self.emulator.admin('PUT', 'settings', {'latency_ms': latency_ms})
        self.emulator.admin('DELETE', 'requests')
        env = dict(self.env)
        if enabled:
            env['ANSIBLE_INVENTORY_ENABLED'] = enabled
        output = output or os.path.join(self.workdir, 'out.json')
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(
            [self.ansible_inventory, '-i', source, '--list', '--output', output, '-v'],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU seconds of ansible-inventory (the emulator is another, still running, child)
        cpu = after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime
        if result.returncode != 0:
            raise RuntimeError('%s failed:\n%s' % (label, result.stdout[-5000:]))
        count = len(self.emulator.admin('GET', 'requests'))
        match = FETCHED.search(result.stdout)
        fetch = float(match.group(4)) if match else None
        self.results.setdefault(label, []).append(dict(wall=wall, cpu=cpu, requests=count, fetch=fetch))
        return self.results[label][-1]

    def bare_source(self, listing):
        """A *.bare.json with the hosts, site groups and variables of an ansible-inventory --list output."""
        with open(listing) as handle:
            data = json.load(handle)
        hostvars = data['_meta']['hostvars']
        hosts = []
        for group in data['leaseweb'].get('children', []):
            for host in data[group].get('hosts', []):
                hosts.append([host, group, plain(hostvars[host])])
        if len(hosts) != len(hostvars):
            raise RuntimeError('the listing has %d hosts, %d in site groups' % (len(hostvars), len(hosts)))
        path = os.path.join(self.workdir, 'same.bare.json')
        with open(path, 'w') as handle:
            json.dump({'group': 'leaseweb', 'hosts': hosts}, handle)
        return path

    def main(self):
        args = self.args
        default_source = self.source('bench.leaseweb.yml', 'plugin: leaseweb.dedicated.servers\n')
        serial = self.source('serial.leaseweb.yml', 'plugin: leaseweb.dedicated.servers\nconcurrency: 1\n')
        cache_dir = os.path.join(self.workdir, 'cache')
        cached = self.source(
            'cached.leaseweb.yml',
            (
                'plugin: leaseweb.dedicated.servers\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n'
                'cache_connection: %s\ncache_timeout: 3600\n' % cache_dir
            ),
        )

        # warm-up: the interpreter's caches, the emulator's JSON; its listing feeds the bare plugin
        listing = os.path.join(self.workdir, 'listing.json')
        self.run('warm-up (0 ms)', default_source, 0, output=listing)
        bare = self.bare_source(listing)
        self.run('cache fill (0 ms)', cached, 0)

        runs = [
            ('concurrency 1, %g ms' % args.latency_ms, serial, args.latency_ms, None),
            (
                'default (concurrency %d), %g ms' % (DEFAULT_CONCURRENCY, args.latency_ms),
                default_source,
                args.latency_ms,
                None,
            ),
            ('warm cache, %g ms' % args.latency_ms, cached, args.latency_ms, None),
            ('default, 0 ms', default_source, 0, None),
            ('bare plugin (no network)', bare, 0, 'bare'),
        ]
        for repeat in range(args.repeat):
            # every other repeat in the reverse order, so that a drift in the machine's speed
            # does not always favour the same runs; a pause lets the previous process go
            for label, source, latency, enabled in runs if repeat % 2 == 0 else runs[::-1]:
                time.sleep(args.pause)
                one = self.run(label, source, latency, enabled)
                print(
                    '  run %d  %-34s wall %6.2f s  cpu %6.2f s  %4d requests%s  (load %s)'
                    % (
                        repeat + 1,
                        label,
                        one['wall'],
                        one['cpu'],
                        one['requests'],
                        '' if one['fetch'] is None else '  plugin fetch %.2f s' % one['fetch'],
                        bench.load(),
                    ),
                    flush=True,
                )
        self.report([run[0] for run in runs])

    def report(self, labels):
        args = self.args
        print()
        print('%-34s %27s %19s %9s %14s' % ('', 'wall s', 'cpu s', '', 'plugin fetch s'))
        print(
            '%-34s %9s %8s %8s %9s %9s %9s %14s'
            % ('run', 'min', 'median', 'max', 'min', 'median', 'requests', 'median')
        )
        stats = {}
        for label in labels:
            runs = self.results[label]
            walls, cpus = [r['wall'] for r in runs], [r['cpu'] for r in runs]
            fetches = [r['fetch'] for r in runs if r['fetch'] is not None]
            stats[label] = dict(
                wall_min=min(walls),
                wall_median=statistics.median(walls),
                cpu_min=min(cpus),
                cpu_median=statistics.median(cpus),
                fetch=statistics.median(fetches) if fetches else None,
                requests=sorted(set(r['requests'] for r in runs)),
            )
            one = stats[label]
            print(
                '%-34s %9.2f %8.2f %8.2f %9.2f %9.2f %9s %14s'
                % (
                    label,
                    one['wall_min'],
                    one['wall_median'],
                    max(walls),
                    one['cpu_min'],
                    one['cpu_median'],
                    '/'.join(str(c) for c in one['requests']),
                    '-' if one['fetch'] is None else '%.2f' % one['fetch'],
                )
            )
        serial, default, cached, zero, bare = [stats[label] for label in labels]
        pages = math.ceil(args.servers / DEFAULT_PAGE_SIZE)
        latency = args.latency_ms / 1000.0
        floor = pages * latency / DEFAULT_CONCURRENCY
        # the first page is read alone (it tells how many there are), the others DEFAULT_CONCURRENCY at a time
        floor_exact = latency * (1 + math.ceil((pages - 1) / DEFAULT_CONCURRENCY))
        print()
        print(
            'fleet %d servers, %d pages of %d, latency %g ms; fetch floor pages x latency / concurrency = %.2f s '
            '(%.2f s counting the first page read alone)'
            % (args.servers, pages, DEFAULT_PAGE_SIZE, args.latency_ms, floor, floor_exact)
        )
        print(
            'targets: time above the 0 ms run, default >= 4 x faster than concurrency 1 and <= 2 x the floor; '
            'warm cache 0 requests; 0 ms run <= bare plugin + 10%'
        )
        rows = [('wall, medians', 'wall_median'), ('wall, minimums', 'wall_min')]
        for name, key in rows:
            above_serial, above_default = serial[key] - zero[key], default[key] - zero[key]
            print(
                '  %-15s above 0 ms: concurrency 1 %.2f s, default %.2f s: %s x faster, %.2f x the floor; '
                '0 ms vs bare %+.1f%%'
                % (
                    name,
                    above_serial,
                    above_default,
                    '%.1f' % (above_serial / above_default) if above_default > 0 else 'inf',
                    above_default / floor,
                    (zero[key] / bare[key] - 1) * 100,
                )
            )
        # each repeat ran the five runs one after the other: compare within a repeat, then take the median
        walls = dict((label, [r['wall'] for r in self.results[label]]) for label in labels)
        per_repeat = list(zip(*[walls[label] for label in labels]))
        serials = [s_ - z for s_, _d, _c, z, _b in per_repeat]
        defaults = [d - z for _s, d, _c, z, _b in per_repeat]
        print(
            '  %-15s above 0 ms: concurrency 1 %.2f s, default %.2f s: %.1f x faster, %.2f x the floor; '
            '0 ms vs bare %+.1f%%'
            % (
                'wall, paired',
                statistics.median(serials),
                statistics.median(defaults),
                statistics.median([a / b if b > 0 else float('inf') for a, b in zip(serials, defaults)]),
                statistics.median(defaults) / floor,
                (statistics.median([z / b for _s, _d, _c, z, b in per_repeat]) - 1) * 100,
            )
        )
        above_serial, above_default = serial['fetch'] - zero['fetch'], default['fetch'] - zero['fetch']
        print(
            '  %-15s above 0 ms: concurrency 1 %.2f s, default %.2f s: %s x faster; default fetch %.2f s = '
            '%.2f x the floor'
            % (
                'plugin fetch',
                above_serial,
                above_default,
                '%.1f' % (above_serial / above_default) if above_default > 0 else 'inf',
                default['fetch'],
                default['fetch'] / floor,
            )
        )
        print(
            '  %-15s 0 ms vs bare %+.1f%% (medians), %+.1f%% (minimums)'
            % (
                'cpu',
                (zero['cpu_median'] / bare['cpu_median'] - 1) * 100,
                (zero['cpu_min'] / bare['cpu_min'] - 1) * 100,
            )
        )
        print('  warm cache requests: %s' % '/'.join(str(c) for c in cached['requests']))


def main():
    parser = bench.arguments('inventory.py', __doc__, servers=10000, repeat=5)
    bench.run(Bench, parser.parse_args(), EmulatorProcess, 'inventory')


if __name__ == '__main__':
    main()
