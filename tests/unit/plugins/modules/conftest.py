# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The module harness: one in-process emulator for the session, reset before every test."""

import os

import pytest

from tests.unit.plugins.modules.harness import ModuleHarness


@pytest.fixture(scope='session')
def module_harness():
    harness = ModuleHarness().start()
    yield harness
    harness.stop()


@pytest.fixture
def modules(module_harness, monkeypatch):
    """The harness, its emulator reset to the seeded fleet; no connection settings from the environment."""
    for name in ('LEASEWEB_API_KEY', 'LEASEWEB_TOKEN', 'LEASEWEB_API_URL'):
        monkeypatch.delenv(name, raising=False)
    module_harness.reset()
    return module_harness


MODULES_DIR = os.path.dirname(os.path.abspath(__file__))


def pytest_configure(config):
    config.addinivalue_line('markers', 'after_modules: runs after every module test of the session')


def pytest_collection_modifyitems(config, items):
    """Sum-up tests run last, and only when every module test file of this folder was collected."""
    marked = [item for item in items if item.get_closest_marker('after_modules') is not None]
    if not marked:
        return
    files = set(name for name in os.listdir(MODULES_DIR) if name.startswith('test_') and name.endswith('.py'))
    collected = set(os.path.basename(str(item.fspath)) for item in items)
    if not files <= collected:
        config.hook.pytest_deselected(items=marked)
        items[:] = [item for item in items if item not in marked]
        return
    items.sort(key=lambda item: item.get_closest_marker('after_modules') is not None)
