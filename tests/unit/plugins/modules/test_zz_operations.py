# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Together, the modules' tests reach every operation of the API."""

import pytest


@pytest.mark.after_modules
def test_the_module_tests_reach_every_operation(module_harness):
    """Every one of the 61 operations answered a module with success at least once this session.

    Runs last, and only when the whole folder ran (conftest.py deselects it otherwise).
    """
    status, operations = module_harness.emulator.admin('GET', '/_emulator/operations', None)
    assert status == 200
    assert len(operations) == 61
    unreached = sorted(name for name, count in operations.items() if count == 0)
    assert unreached == []
