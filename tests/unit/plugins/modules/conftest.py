# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The module harness: one in-process emulator for the session, reset before every test."""

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
