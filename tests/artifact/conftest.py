# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection as users get it: the tarball ``ansible-galaxy collection build`` makes, installed
with ``ansible-galaxy collection install`` into an empty collections path.

Every test of this folder runs the installed copy, never the checkout: the Ansible commands get
only that path (``ANSIBLE_COLLECTIONS_PATH``, without ``sys.path``), and the emulator is started
from the installed collection as the testing guide tells users to.
"""

import collections
import glob
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT, EmulatorProcess

BIN = os.path.dirname(sys.executable)

Installed = collections.namedtuple('Installed', 'path root')


def tool(name):
    """A command of this virtual environment (ansible-playbook, ansible-builder...)."""
    return os.path.join(BIN, name)


def clean_env(collections_path=None, **extra):
    """The environment of a user's shell: no Ansible or Leaseweb setting but those given."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LEASEWEB_')))
    env.update(
        PATH=BIN + os.pathsep + env.get('PATH', ''),
        ANSIBLE_NOCOLOR='1',
        ANSIBLE_FORCE_COLOR='0',
        ANSIBLE_RETRY_FILES_ENABLED='0',
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
    )
    if collections_path:
        env['ANSIBLE_COLLECTIONS_PATH'] = collections_path
    env.update(extra)
    return env


def run(command, cwd, env, timeout=600):
    """Run a command; its CompletedProcess, stdout and stderr apart, as text."""
    return subprocess.run(
        command,
        cwd=str(cwd),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )


def build(source, dest):
    """``ansible-galaxy collection build`` of ``source``; the tarball's path."""
    result = run(
        [tool('ansible-galaxy'), 'collection', 'build', str(source), '--output-path', str(dest)],
        cwd=dest,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tarballs = glob.glob(os.path.join(str(dest), 'leaseweb-dedicated-*.tar.gz'))
    assert len(tarballs) == 1, tarballs
    return tarballs[0]


@pytest.fixture(scope='session')
def tarball(tmp_path_factory):
    """The tarball built from the working tree, as a maintainer builds a release."""
    return build(REPO_ROOT, tmp_path_factory.mktemp('dist'))


@pytest.fixture(scope='session')
def installed(tarball, tmp_path_factory):
    """The tarball installed with ansible-galaxy into an empty collections path."""
    path = str(tmp_path_factory.mktemp('collections'))
    result = run([tool('ansible-galaxy'), 'collection', 'install', tarball, '-p', path], cwd=path, env=clean_env(path))
    assert result.returncode == 0, result.stdout + result.stderr
    root = os.path.join(path, 'ansible_collections', 'leaseweb', 'dedicated')
    assert os.path.isfile(os.path.join(root, 'MANIFEST.json')) and not os.path.islink(root)
    return Installed(path, root)


@pytest.fixture(scope='session')
def emulator_process(installed):
    """Replaces the fixture of tests/conftest.py: the same fleet, from the installed copy."""
    # as users start it from their installed copy: python3 ROOT/emulator.py
    emulator = EmulatorProcess('--servers', '40', '--seed', '7', '--job-seconds', '2', root=installed.root)
    yield emulator
    emulator.stop()
