# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures shared by the unit and integration tests: the collection on sys.path, the emulator."""

import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_PATH = os.path.join(REPO_ROOT, '.cache', 'collections')


def plain(value):
    """ansible-inventory's JSON with unsafe strings ({"__ansible_unsafe": "x"}) as plain strings."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def link_collection():
    """Make the working tree importable as ansible_collections.leaseweb.dedicated."""
    link = os.path.join(COLLECTIONS_PATH, 'ansible_collections', 'leaseweb', 'dedicated')
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO_ROOT, link)
    if COLLECTIONS_PATH not in sys.path:
        sys.path.insert(0, COLLECTIONS_PATH)


link_collection()

from tests.utils.emulator_process import EmulatorProcess  # noqa: E402 pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def emulator_process():
    emulator = EmulatorProcess('--servers', '40', '--seed', '7', '--job-seconds', '2')
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(emulator_process):
    """The session's emulator, reset to its seeded state, with an empty request log."""
    emulator_process.reset()
    yield emulator_process
    emulator_process.admin('PUT', 'faults', json={})
