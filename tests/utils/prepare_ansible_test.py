# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Let the installed ansible-test bootstrap pip without downloading get-pip.py.

Writes get_pip_standin.py where ansible-test looks for its cached copy of get-pip.py
(~/.ansible/test/cache/get_pip_<version>.py), for the pip version it pins.
"""

import os
import re
import shutil
import sys

import ansible_test


def main():
    source = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
    with open(source) as f:
        match = re.search(r"\bpip='([0-9.]+)'", f.read())
    if not match:
        sys.exit('cannot find the pip version pinned by ansible-test in %s' % source)
    target = os.path.expanduser('~/.ansible/test/cache/get_pip_%s.py' % match.group(1).replace('.', '_'))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    # written aside, then renamed: sanity runs of several ansible-core versions may start at once
    partial = '%s.%d' % (target, os.getpid())
    shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'get_pip_standin.py'), partial)
    os.replace(partial, target)
    print('ansible-test will bootstrap pip %s with %s' % (match.group(1), target))


if __name__ == '__main__':
    main()
