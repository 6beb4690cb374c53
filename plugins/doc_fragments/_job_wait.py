# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment(object):
    """The wait options of the modules that start a job (wait, wait_timeout, wait_sleep), written once.

    A module whose options differ (another default timeout, more to say about O(wait)) documents
    that option itself; its own entry replaces the fragment's.
    """

    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Whether to wait for the job to end. The module stops waiting at once when the job ends
        FINISHED, FAILED, CANCELED or EXPIRED, and fails unless it FINISHED.
      - With V(false), the module returns the running job; wait for it later with
        M(leaseweb.dedicated.job) and O(leaseweb.dedicated.job#module:state=finished).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the job, with O(wait=true). The module fails when they have
        passed, with the job as last read (its tasks and progress) in RV(job); the job keeps running.
    type: int
    default: 1800
  wait_sleep:
    description:
      - The longest pause, in seconds, between two reads while waiting. The module reads again after
        1 second, then doubles the pause up to this value, so that a short wait ends soon and a long one
        reads rarely.
    type: int
    default: 10
"""
