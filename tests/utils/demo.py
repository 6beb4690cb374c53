# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make demo: the collection's story, command by command, against the API emulator.

Starts the emulator (a fleet of 12 servers; its clock moves a minute with each request, so that
installs and reboots end after a few reads, the same way every time), then runs the commands a
platform team runs, each under a heading that says what it shows and gives the command to copy:
the fleet as the inventory sees it, the report, the configure drift report, the real run and the
rerun, a server provisioned while its install job is followed, one booted into rescue, a rolling
power cycle, and the refusal to touch a real account unless told which server. It ends with a
summary: each step's time, tasks, changes and the requests the emulator answered.

The inventory and the desired state the commands use are in tests/utils/demo/inventory/.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from tests.utils.emulator_process import EmulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

API_KEY = 'demo-api-key'
INVENTORY = 'tests/utils/demo/inventory/fleet.leaseweb.yml'
OUTPUT_DIR = '.cache/demo'  # the report's files and the rescue login, under the clone

# The emulated fleet: 12 servers of seed 1 (the hosts and groups of the inventory's files).
SERVERS, SEED = 12, 1
# Each API request moves the emulator's clock a minute: a job of a minute (rescue) and a power
# cycle have ended at the first read of their wait, so that no wait sleeps. The install the demo
# follows takes 9 minutes, so that each read sees one more of its 9 tasks done.
CLOCK_STEP, JOB_SECONDS, POWER_SECONDS, INSTALL_SECONDS = 60, 60, 60, 540
PROVISIONED = ('cache-02', '14426')

# The environment of every command (besides the API's URL and key, and PATH): skipped tasks are
# not shown, results are shown as YAML (from ansible-core 2.21 without breaking long lines), and
# no warning that a playbook without inventory runs on localhost only.
DISPLAY_ENV = dict(
    ANSIBLE_DISPLAY_SKIPPED_HOSTS='false',
    ANSIBLE_CALLBACK_RESULT_FORMAT='yaml',
    ANSIBLE_CALLBACK_YAML_LINE_WIDTH='no-break',
    ANSIBLE_LOCALHOST_WARNING='false',
    ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
)
QUIET = dict(ANSIBLE_DISPLAY_OK_HOSTS='false')
CONFIGURE = ['ansible-playbook', '-i', INVENTORY, 'leaseweb.dedicated.configure', '-e', 'target=leaseweb_ams_01']


class Step:
    """One command of the tour: a title, what it shows, the command and its own environment."""

    def __init__(self, name, title, text, command, env=None, refused=False, before=None):
        self.name = name  # in the summary
        self.title = title
        self.text = text
        self.command = command
        self.env = env or {}
        self.refused = refused  # the step shows a refusal: it succeeds when the command fails
        self.before = before  # what to tell the emulator first: (method, admin path, body)


def tour(output_dir):
    """The steps, in their order; the report's files and the rescue login go to ``output_dir``."""
    return [
        Step(
            'the fleet (inventory --graph)',
            'The fleet, as Ansible sees it',
            'The inventory plugin leaseweb.dedicated.servers makes a host of every server of the account, named by '
            'its reference (by its id when it has none), in a group per site, and in the groups the inventory file '
            'asks for (here one per role, from the reference).',
            ['ansible-inventory', '-i', INVENTORY, '--graph'],
        ),
        Step(
            'report',
            'A report of the fleet',
            'One task reads every server, ten requests at a time: where it stands, its address, power, null route, '
            'running job and installed system. The table is printed, and written as CSV and JSON files.',
            [
                'ansible-playbook',
                'leaseweb.dedicated.report',
                '-e',
                'report_csv=%s/fleet.csv' % output_dir,
                '-e',
                'report_json=%s/fleet.json' % output_dir,
            ],
        ),
        Step(
            'configure --check --diff',
            'What drifted: the configure playbook in check mode, with --diff',
            'The desired state sits in inventory variables (tests/utils/demo/inventory/group_vars and host_vars): a '
            'monthly data traffic alert on every server, private network 892 at 10 Gbps for the backup servers, and '
            'for the unlabeled server 12345 a reverse lookup and a database login (its password is never shown). '
            'Check mode reads the AMS-01 servers, shows each difference, writes nothing, and counts what drifted.',
            CONFIGURE + ['--check', '--diff'],
        ),
        Step(
            'configure',
            'Make it so: the same playbook, for real',
            'Only what changes is shown (ANSIBLE_DISPLAY_OK_HOSTS=false). The private network membership is waited '
            'for until the network is configured.',
            CONFIGURE,
            env=QUIET,
        ),
        Step(
            'configure, again',
            'Run it again: nothing to change',
            'Every part of every server is read again and found as declared: no change, and no request but reads.',
            CONFIGURE,
            env=QUIET,
        ),
        Step(
            'provision, install followed',
            'Provision a server, and watch its installation',
            '%s runs Debian 11; its host_vars want Debian 12, a daily bandwidth alert and DDoS scrubbing emails. '
            'playbooks/demo.yml starts the installation without waiting, reads the install job until it ends (one '
            'line a read), then runs the provision playbook for the rest, which finds Debian 12 installed and does not '
            "install it again. (The emulator's install takes 9 minutes of its clock.)" % PROVISIONED[0],
            ['ansible-playbook', '-i', INVENTORY, 'leaseweb.dedicated.demo', '-e', 'target=%s' % PROVISIONED[0]],
            before=('PUT', 'servers/%s/next_job' % PROVISIONED[1], {'outcome': 'FINISHED', 'seconds': INSTALL_SECONDS}),
        ),
        Step(
            'rescue',
            'Boot a server into a rescue system',
            'The rescue role boots storage-01 into the GRML rescue image, waits for the job, and hands back the '
            'login: written to a file only you can read, never printed. -e rescue_state=absent brings it back to '
            'its installed system.',
            [
                'ansible-playbook',
                '-i',
                INVENTORY,
                'leaseweb.dedicated.rescue',
                '-e',
                'target=storage-01',
                '-e',
                'rescue_login_dir=%s' % output_dir,
            ],
        ),
        Step(
            'rolling power cycle',
            'A rolling power cycle of the Kubernetes nodes',
            'The plan first (the nodes, the batches, the pause, the least and the most time it takes, the nodes that '
            'are off, which are left off), then one node at a time (power_cycle_batch, default 1), each waited for '
            'until it is on again, with a pause between the batches; a batch that fails stops the run, so the nodes '
            'after it are left alone. A summary at the end.',
            [
                'ansible-playbook',
                '-i',
                INVENTORY,
                'leaseweb.dedicated.power_cycle',
                '-e',
                'target=role_k8s_node',
                '-e',
                'power_cycle_pause=2',
            ],
        ),
        Step(
            'real account refused',
            'And against a real account?',
            'Pointed at the real API, the demo playbook refuses before it sends a single request, until it is told '
            'which server it may reinstall (-e demo_real_server_id=ID; it then touches that one server only).',
            ['ansible-playbook', 'leaseweb.dedicated.demo'],
            env=dict(LEASEWEB_API_URL='https://api.leaseweb.com'),
            refused=True,
        ),
    ]


class Result:
    """What a step did: its exit code, output, time, PLAY RECAP totals and the requests the emulator answered."""

    def __init__(self, step, returncode, output, seconds, requests):
        self.step = step
        self.returncode = returncode
        self.output = output
        self.seconds = seconds
        self.requests = requests
        self.recap = recap_totals(output)

    @property
    def ok(self):
        return (self.returncode != 0) if self.step.refused else (self.returncode == 0)

    @property
    def writes(self):
        return [r for r in self.requests if r['method'] != 'GET']


ANSI = re.compile(r'\x1b\[[0-9;]*m')


def recap_totals(output):
    """The PLAY RECAP summed over hosts: {'tasks': ok + failed + unreachable, 'changed': ...}, or None."""
    totals = None
    for line in ANSI.sub('', output).splitlines():
        match = re.match(r'^\S+\s+: (ok=\d+.*)$', line)
        if match:
            counts = dict((key, int(value)) for key, value in (item.split('=') for item in match.group(1).split()))
            totals = totals or dict(tasks=0, changed=0, failed=0)
            totals['tasks'] += counts['ok'] + counts['failed'] + counts['unreachable']
            totals['changed'] += counts['changed']
            totals['failed'] += counts['failed'] + counts['unreachable']
    return totals


class Printer:
    """Writes the tour to ``out``; bold headings when it is a terminal."""

    def __init__(self, out):
        self.out = out
        self.color = hasattr(out, 'isatty') and out.isatty()

    def __call__(self, text='', style=None):
        if self.color and style:
            text = '\x1b[%sm%s\x1b[0m' % (style, text)
        self.out.write(text + '\n')
        self.out.flush()

    def wrapped(self, text, indent=''):
        line = indent
        for word in text.split():
            if len(line) + len(word) + 1 > 88 and line.strip():
                self(line.rstrip())
                line = indent
            line += word + ' '
        self(line.rstrip())


def command_line(step):
    """The command as a reader types it: the step's own variables in front."""
    return ' '.join(
        ['%s=%s' % (key, value) for key, value in step.env.items()] + [shlex.quote(part) for part in step.command]
    )


def run_step(step, env, printer):
    """Run a step's command in the clone, its output streamed as it comes; (exit code, output, seconds)."""
    started = time.monotonic()
    process = subprocess.Popen(
        step.command, cwd=ROOT, env=dict(env, **step.env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        printer.out.write(line)
        printer.out.flush()
    process.wait()
    return process.returncode, ''.join(lines), time.monotonic() - started


def in_clone(path):
    """A path as the commands' environment shows it: under $PWD (the clone) when it is in the clone."""
    relative = os.path.relpath(path, ROOT)
    return path if relative.startswith('..') else '$PWD/' + relative


def count(number, noun):
    return '%d %s%s' % (number, noun, '' if number == 1 else 's')


def describe(result):
    parts = ['%.1f s' % result.seconds]
    if result.recap:
        parts.append('%s, %d changed' % (count(result.recap['tasks'], 'task'), result.recap['changed']))
    parts.append('%s, %s' % (count(len(result.requests), 'API request'), count(len(result.writes), 'write')))
    if result.step.refused:
        parts.append('refused, as it should' if result.ok else 'NOT REFUSED')
    elif not result.ok:
        parts.append('FAILED (exit code %d)' % result.returncode)
    return ' · '.join(parts)


def summary(results, seconds, printer, core, output_dir):
    printer()
    printer('── Summary ' + '─' * 70, '1;36')
    printer('   %-36s %7s %6s %8s %9s %7s' % ('step', 'time', 'tasks', 'changed', 'requests', 'writes'))
    for number, result in enumerate(results, 1):
        recap = result.recap or {}
        printer(
            '%-2s %-36s %5.1f s %6s %8s %9d %7d'
            % (
                number,
                result.step.name,
                result.seconds,
                recap.get('tasks', '-'),
                recap.get('changed', '-'),
                len(result.requests),
                len(result.writes),
            )
        )
    failed = [result for result in results if not result.ok]
    printer(
        '%-2s %-36s %5.1f s %6d %8d %9d %7d'
        % (
            '',
            'all %d steps (ansible-core %s)' % (len(results), core),
            seconds,
            sum((r.recap or {}).get('tasks', 0) for r in results),
            sum((r.recap or {}).get('changed', 0) for r in results),
            sum(len(r.requests) for r in results),
            sum(len(r.writes) for r in results),
        ),
        '1',
    )
    printer()
    if failed:
        printer('FAILED: ' + ', '.join(r.step.name for r in failed), '1;31')
    else:
        printer('Every step did what it shows. The report and the rescue login are in %s/.' % output_dir, '1')


def run(python, out=sys.stdout, extra_env=None, output_dir=OUTPUT_DIR):
    """The whole tour, written to ``out``; the list of Result, one a step.

    ``python`` is the Python of the virtual environment with ansible-core, ``extra_env`` more
    environment for every command, ``output_dir`` where the report's files and the rescue login go
    (relative to the clone, or absolute).
    """
    printer = Printer(out)
    steps = tour(output_dir)
    bin_dir = os.path.dirname(os.path.abspath(python))
    core = subprocess.run(
        [python, '-c', 'import ansible.release as r; print(r.__version__)'],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout.strip()
    os.makedirs(os.path.join(ROOT, output_dir), exist_ok=True)
    started = time.monotonic()
    emulator = EmulatorProcess(
        '--servers',
        str(SERVERS),
        '--seed',
        str(SEED),
        '--job-seconds',
        str(JOB_SECONDS),
        '--clock',
        'step',
        '--clock-step',
        str(CLOCK_STEP),
        python=python,
        api_key=API_KEY,
    )
    try:
        emulator.admin('PUT', 'settings', {'power_seconds': POWER_SECONDS})
        env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('LEASEWEB_', 'ANSIBLE_')))
        env.update(
            DISPLAY_ENV,
            PATH=bin_dir + os.pathsep + os.environ.get('PATH', ''),
            ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.cache', 'collections'),
            LEASEWEB_API_URL=emulator.url,
            LEASEWEB_API_KEY=API_KEY,
        )
        if printer.color:
            env['ANSIBLE_FORCE_COLOR'] = 'true'
        env.update(extra_env or {})

        printer('leaseweb.dedicated: a tour against the API emulator', '1')
        printer.wrapped(
            'The emulator plays the Leaseweb Dedicated Servers API on %s: an account of %d servers, and a clock that '
            'moves a minute with each request, so that installs and reboots end after a few reads. Every command '
            'below runs in %s (ansible-core %s) with:' % (emulator.url, SERVERS, ROOT, core)
        )
        printer('  export PATH="%s:$PATH" ANSIBLE_COLLECTIONS_PATH="$PWD/.cache/collections"' % in_clone(bin_dir))
        printer('  export LEASEWEB_API_URL=%s LEASEWEB_API_KEY=%s' % (emulator.url, API_KEY))
        printer('  export ' + ' '.join('%s=%s' % item for item in DISPLAY_ENV.items() if 'WARNING' not in item[0]))
        printer('  export ' + ' '.join('%s=%s' % item for item in DISPLAY_ENV.items() if 'WARNING' in item[0]))

        results = []
        for number, step in enumerate(steps, 1):
            printer()
            printer('── %d/%d  %s ' % (number, len(steps), step.title) + '─' * max(3, 72 - len(step.title)), '1;36')
            printer.wrapped(step.text)
            printer()
            printer('$ ' + command_line(step), '1')
            if step.before:
                emulator.admin(*step.before)
            emulator.admin('DELETE', 'requests')
            returncode, output, seconds = run_step(step, env, printer)
            result = Result(step, returncode, output, seconds, emulator.admin('POST', 'requests/take'))
            results.append(result)
            printer('→ ' + describe(result), '1' if result.ok else '1;31')
        summary(results, time.monotonic() - started, printer, core, output_dir)
        return results
    finally:
        emulator.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        '--python', default=sys.executable, help='the Python of the virtual environment with ansible-core'
    )
    args = parser.parse_args()
    results = run(args.python)
    sys.exit(0 if all(result.ok for result in results) else 1)


if __name__ == '__main__':
    main()
