# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stand-in for get-pip.py, for ansible-test on machines that cannot reach its download host.

ansible-test bootstraps pip in each sanity venv (made without pip) by running a cached
get-pip.py with pip's install arguments (``pip==VERSION`` among them). This script does the same,
in the new venv's Python, the quickest way it can:

- from the shared copy of that pip that tests/utils/prepare_ansible_test.py installed once
  (``SHARED`` below, written into this file's cached copy): its files are hard-linked (or copied)
  into the venv's site-packages, as an installation would put them, with the byte code compiled
  when the copy was installed (a sanity run makes a dozen venvs; installing pip into each takes
  seconds, and compiling its modules again at each venv's first pip run 4 CPU-seconds a run);
- else with the pip of the first other Python on PATH (``pip --python``);
- else with the standard library's ensurepip, then pip itself.
"""

import os
import shutil
import subprocess
import sys
import sysconfig

GET_PIP_ONLY = ('--no-setuptools', '--no-wheel')
SHARED = None  # the folder of the shared copies (pip-VERSION/ in it), written by prepare_ansible_test.py


def requested_version(args):
    for arg in args:
        if arg.startswith('pip=='):
            return arg[len('pip==') :]
    return None


def link_tree(source, target):
    """Every file of ``source`` hard-linked (or copied, across file systems) below ``target``."""
    for folder, dirnames, filenames in os.walk(source):
        dirnames[:] = [name for name in dirnames if name != 'bin']
        destination = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(destination, exist_ok=True)
        for name in filenames:
            try:
                os.link(os.path.join(folder, name), os.path.join(destination, name))
            except OSError:
                shutil.copy2(os.path.join(folder, name), os.path.join(destination, name))


def from_shared_copy(version):
    """Whether pip ``version`` was put in place from the shared copy."""
    if not SHARED or not version:
        return False
    source = os.path.join(SHARED, 'pip-%s' % version)
    if not os.path.isdir(os.path.join(source, 'pip')):
        return False
    link_tree(source, sysconfig.get_paths()['purelib'])
    return subprocess.call([sys.executable, '-c', 'import pip'], stdout=subprocess.DEVNULL) == 0


def outer_python():
    """The first python3 on PATH that is not this venv's, or None."""
    here = os.path.realpath(sys.executable)
    for folder in os.environ.get('PATH', '').split(os.pathsep):
        candidate = shutil.which('python3', path=folder)
        if candidate and os.path.realpath(candidate) != here and not candidate.startswith(sys.prefix):
            return candidate
    return None


def main():
    if sys.prefix == sys.base_prefix:
        sys.exit("get_pip_standin.py bootstraps pip in a new virtual environment: run it with that venv's python")
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY]
    if from_shared_copy(requested_version(args)):
        return
    outer = outer_python()
    if outer is not None:
        installed = subprocess.call([outer, '-m', 'pip', '--python', sys.executable, 'install', '--quiet'] + args)
        if installed == 0:
            return
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--quiet'] + args)


if __name__ == '__main__':
    main()
