# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Order of the integration tests: what sums up the targets runs after all of them."""


def pytest_configure(config):
    config.addinivalue_line('markers', 'after_targets: runs after every other test of the session')


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker('after_targets') is not None)
