# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stand-in for get-pip.py, for ansible-test on machines that cannot reach its download host.

ansible-test bootstraps pip in each sanity venv (made without pip) by running a cached
get-pip.py with pip's install arguments. This script does the same: it installs the requested
pip into the new venv with the pip of the first other Python on PATH (``pip --python``, about
three times faster than bootstrapping), or else bootstraps with the standard library's ensurepip.
"""

import os
import shutil
import subprocess
import sys

GET_PIP_ONLY = ('--no-setuptools', '--no-wheel')


def outer_python():
    """The first python3 on PATH that is not this venv's, or None."""
    here = os.path.realpath(sys.executable)
    for folder in os.environ.get('PATH', '').split(os.pathsep):
        candidate = shutil.which('python3', path=folder)
        if candidate and os.path.realpath(candidate) != here and not candidate.startswith(sys.prefix):
            return candidate
    return None


def main():
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY]
    outer = outer_python()
    if outer is not None:
        installed = subprocess.call([outer, '-m', 'pip', '--python', sys.executable, 'install', '--quiet'] + args)
        if installed == 0:
            return
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'],
                          stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--quiet'] + args)


if __name__ == '__main__':
    main()
