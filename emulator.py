# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The emulator of the Leaseweb Dedicated Servers API v2 that ships with leaseweb.dedicated.

A stateful fake of the whole API on 127.0.0.1, for testing playbooks offline (see the testing
guide). It needs Python 3 only, no package. The same command from a clone and from an
installed collection::

    python3 emulator.py --port 8080                                                        # a clone
    python3 ~/.ansible/collections/ansible_collections/leaseweb/dedicated/emulator.py --port 8080   # installed

It prints ``listening on http://127.0.0.1:PORT`` and runs until stopped (Ctrl-C, SIGTERM);
``--help`` lists its options. Point the collection at it with ``LEASEWEB_API_URL`` and its key
(``--api-key``, ``emulator-api-key`` by default) with ``LEASEWEB_API_KEY``.
"""

import os
import sys

# the collection's root, where the emulator's package (tests/emulator) is, whatever the working directory
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from tests.emulator.__main__ import main  # noqa: E402 pylint: disable=wrong-import-position

if __name__ == '__main__':
    sys.exit(main(prog='python3 emulator.py'))
