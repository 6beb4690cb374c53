# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Copy the collection's files (tracked, or new and not ignored) to DEST/ansible_collections/leaseweb/dedicated.

ansible-test needs the collection at a path ending in ansible_collections/NAMESPACE/NAME
and resolves symbolic links, so it gets a copy. Prints the copy's path.
"""

import os
import shutil
import subprocess
import sys


def main():
    root = subprocess.check_output(['git', 'rev-parse', '--show-toplevel'], text=True).strip()
    dest = os.path.join(os.path.abspath(sys.argv[1]), 'ansible_collections', 'leaseweb', 'dedicated')
    files = subprocess.check_output(
        ['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd=root, text=True
    ).split('\0')
    if os.path.exists(dest):
        shutil.rmtree(dest)
    for name in files:
        source = os.path.join(root, name)
        if not name or not os.path.isfile(source):
            continue
        target = os.path.join(dest, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)
    print(dest)


if __name__ == '__main__':
    main()
