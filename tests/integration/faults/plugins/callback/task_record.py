# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test support, not part of the collection: write every task result of a run as a JSON line."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type  # pylint: disable=invalid-name

DOCUMENTATION = r"""
name: task_record
type: aggregate
short_description: Write each task result as a JSON line, for the fault and race tests
description:
  - For tests/integration/test_faults.py and test_races.py only. Appends one JSON object a task result
    (C(task), C(action), C(status) ok, changed, failed or skipped, C(msg), C(ignored), the uuid of
    RV(job) and the id of RV(notification_setting) when the result has them) to the file named by the
    environment variable E(TASK_RECORD).
requirements:
  - enabled in callbacks_enabled
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'task_record'
    CALLBACK_NEEDS_ENABLED = True

    def _record(self, result, status, ignored=False):
        path = os.environ.get('TASK_RECORD')
        if not path:
            return
        data = result._result  # pylint: disable=protected-access
        task = result._task  # pylint: disable=protected-access
        # the name as written, without the role's prefix (which ansible-core versions show differently)
        entry = dict(
            task=task.name or task.action,
            action=task.action,
            status=status,
            ignored=ignored,
            msg='%s' % (data.get('msg') or ''),
        )
        job = data.get('job')
        if isinstance(job, dict):
            entry['job'] = job.get('uuid')
        setting = data.get('notification_setting')
        if isinstance(setting, dict):
            entry['notification_setting'] = setting.get('id')
        with open(path, 'a', encoding='utf-8') as out:
            out.write(json.dumps(entry) + '\n')

    def v2_runner_on_ok(self, result):
        self._record(result, 'changed' if result._result.get('changed') else 'ok')  # pylint: disable=protected-access

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed', ignored=ignore_errors)

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')
