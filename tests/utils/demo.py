# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make demo: start the emulator, run playbooks/demo.yml against it, stop the emulator."""

import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_KEY = 'demo-api-key'


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--python', default=sys.executable, help='the Python of the virtualenv with ansible-core')
    parser.add_argument('--servers', default='25', help='size of the emulated fleet')
    parser.add_argument('playbook_args', nargs='*', help='more arguments for ansible-playbook')
    args = parser.parse_args()

    emulator = subprocess.Popen(
        [args.python, '-m', 'tests.emulator', '--port', '0', '--servers', args.servers,
         '--job-seconds', '3', '--api-key', API_KEY],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = emulator.stdout.readline().strip()
        if not line.startswith('listening on '):
            sys.exit('the emulator did not start: %r' % line)
        url = line[len('listening on '):]
        print('emulator %s' % line, flush=True)
        env = dict(os.environ, LEASEWEB_API_URL=url, LEASEWEB_API_KEY=API_KEY,
                   ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.cache', 'collections'),
                   ANSIBLE_LOCALHOST_WARNING='0', ANSIBLE_INVENTORY_UNPARSED_WARNING='0')
        playbook = os.path.join(os.path.dirname(args.python), 'ansible-playbook')
        result = subprocess.run([playbook, 'playbooks/demo.yml'] + args.playbook_args, cwd=ROOT, env=env, check=False)
    finally:
        emulator.terminate()
        emulator.wait(10)
    sys.exit(result.returncode)


if __name__ == '__main__':
    main()
