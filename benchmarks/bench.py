# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the benchmarks share: their common options, and a run against a fresh emulator."""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def load():
    """The machine's load averages, as text."""
    return ' '.join('%.2f' % value for value in os.getloadavg())


def arguments(script, doc, servers, repeat):
    """The options every benchmark takes (more can be added to the parser it returns)."""
    parser = argparse.ArgumentParser(prog='python benchmarks/%s' % script, description=doc.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--servers', type=int, default=servers)
    parser.add_argument('--latency-ms', type=float, default=50)
    parser.add_argument('--repeat', type=int, default=repeat)
    parser.add_argument('--pause', type=float, default=2, help='seconds between runs')
    return parser


def run(bench_class, args, emulator_class, name):
    """Print the versions, cores and load; start an emulator of ``args.servers``; run ``bench_class(args, emulator,
    workdir).main()``; stop and clean up whatever happens."""
    version = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), 'ansible'), '--version'],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout.splitlines()[0]
    print('%s, Python %s; %d cores; load %s' % (version, sys.version.split()[0], os.cpu_count(), load()))
    started = time.perf_counter()
    emulator = emulator_class('--servers', str(args.servers), '--seed', '1')
    print(
        'emulator with %d servers started in %.1f s: %s' % (args.servers, time.perf_counter() - started, emulator.url)
    )
    workdir = tempfile.mkdtemp(prefix='leaseweb-%s-bench-' % name)
    try:
        bench_class(args, emulator, workdir).main()
    finally:
        emulator.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print('load at the end %s' % load())
