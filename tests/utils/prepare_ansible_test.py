# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Let the installed ansible-test bootstrap pip without downloading get-pip.py, and quickly.

Installs the pip version ansible-test pins, once, into SHARED/pip-VERSION (``pip install
--target``, with this Python's pip), and writes get_pip_standin.py, told where that copy is, where
ansible-test looks for its cached copy of get-pip.py (~/.ansible/test/cache/get_pip_<version>.py).
Each sanity venv then gets pip from the shared copy in a fraction of a second.

Usage: prepare_ansible_test.py [SHARED]  (SHARED defaults to .cache/ansible-test beside tests/)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import ansible_test

HERE = os.path.dirname(os.path.abspath(__file__))


def pinned_pip():
    source = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
    with open(source) as f:
        match = re.search(r"\bpip='([0-9.]+)'", f.read())
    if not match:
        sys.exit('cannot find the pip version pinned by ansible-test in %s' % source)
    return match.group(1)


def install_shared_copy(shared, version):
    """SHARED/pip-VERSION, installed unless it is there; sanity runs of several ansible-core
    versions may start at once, so it is installed aside, then renamed."""
    target = os.path.join(shared, 'pip-%s' % version)
    if os.path.isdir(os.path.join(target, 'pip')):
        return target
    os.makedirs(shared, exist_ok=True)
    partial = tempfile.mkdtemp(prefix='pip-%s.' % version, dir=shared)
    try:
        subprocess.check_call(
            [
                sys.executable,
                '-m',
                'pip',
                'install',
                '--quiet',
                '--disable-pip-version-check',
                '--no-deps',
                '--target',
                partial,
                'pip==%s' % version,
            ]
        )
        try:
            os.rename(partial, target)
        except OSError:  # another run was quicker
            if not os.path.isdir(os.path.join(target, 'pip')):
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target


def main():
    shared = os.path.abspath(
        sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '.cache', 'ansible-test')
    )
    version = pinned_pip()
    install_shared_copy(shared, version)
    with open(os.path.join(HERE, 'get_pip_standin.py')) as f:
        script = f.read()
    script = script.replace('\nSHARED = None ', '\nSHARED = %r ' % shared, 1)
    target = os.path.expanduser('~/.ansible/test/cache/get_pip_%s.py' % version.replace('.', '_'))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    # written aside, then renamed: sanity runs of several ansible-core versions may start at once
    partial = '%s.%d' % (target, os.getpid())
    with open(partial, 'w') as f:
        f.write(script)
    os.replace(partial, target)
    print('ansible-test will bootstrap pip %s with %s from %s' % (version, target, shared))


if __name__ == '__main__':
    main()
