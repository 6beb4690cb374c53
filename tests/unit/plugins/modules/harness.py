# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a module's ``main()`` in this process against an in-process emulator.

In the spirit of community.hrobot's exact-call tests, but against the real emulator (a real
HTTP server on a thread of this process) instead of canned answers: a test runs a module with
its arguments and asserts the result and the exact requests the emulator answered::

    def test_power_off(modules):
        run = modules.run('power', server_id='12345', state='off')
        assert run.changed
        assert run.calls == ['GET /servers/12345/powerInfo', 'GET /servers/12345/jobs?isRunning=true&limit=50&offset=0',
                             'POST /servers/12345/powerOff', 'GET /servers/12345/powerInfo']

The module runs exactly as Ansible runs it, through ``AnsibleModule`` (argument spec,
``no_log``, check mode, diff, warnings) and its ``exit_json``/``fail_json``, whose JSON is read
back from standard output. The emulator's clock is in ``step`` mode (every API request moves
it one second), so a module that waits for a job sees the job progress by one step a read,
whatever the real pauses: the requests of a wait are the same on every run. The client waits
on real time; the harness makes its first pause short (``FIRST_SLEEP``), as a test may.
"""

import contextlib
import importlib
import io
import json
from unittest import mock

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as ansible_warnings

from ansible_collections.leaseweb.dedicated.plugins.module_utils import _client as api

from tests.emulator import Emulator

API_KEY = 'harness-api-key-52e1'
API_PREFIX = '/bareMetals/v2'
MODULE_PACKAGE = 'ansible_collections.leaseweb.dedicated.plugins.modules.'

try:  # ansible-core 2.19 and newer: once any controller code was imported in this process (the
    # inventory tests import ansible.errors), module warnings would go to the controller's Display
    # instead of the result; a module runs as on a target host
    from ansible.module_utils import _internal as module_internal
except ImportError:  # ansible-core 2.17, 2.18
    module_internal = None

try:  # ansible-core 2.19 and newer
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core 2.17, 2.18

    @contextlib.contextmanager
    def patch_module_args(args):
        serialized = json.dumps(dict(ANSIBLE_MODULE_ARGS=args)).encode('utf-8')
        with mock.patch.object(basic, '_ANSIBLE_ARGS', serialized):
            yield


def call_of(entry):
    """``METHOD /path?query`` of a log entry: the path relative to /bareMetals/v2, the query sorted."""
    path = entry['path']
    if path.startswith(API_PREFIX):
        path = path[len(API_PREFIX) :]
    query = entry.get('query') or {}
    if query:
        path += '?' + '&'.join('%s=%s' % (k, query[k]) for k in sorted(query))
    return '%s %s' % (entry['method'], path)


class Run:
    """One module run: its result (the JSON Ansible would get) and the requests it made."""

    def __init__(self, result, requests):
        self.result = result
        self.requests = requests

    def __getitem__(self, key):
        return self.result[key]

    def get(self, key, default=None):
        return self.result.get(key, default)

    @property
    def failed(self):
        return bool(self.result.get('failed'))

    @property
    def changed(self):
        return bool(self.result.get('changed'))

    @property
    def msg(self):
        return self.result.get('msg', '')

    @property
    def warnings(self):
        """The texts of the warnings (ansible-core 2.19 and newer return each as a WarningSummary dict)."""
        texts = []
        for warning in self.result.get('warnings', []):
            if isinstance(warning, dict):
                warning = (warning.get('event') or warning).get('msg')
            texts.append(warning)
        return texts

    @property
    def calls(self):
        """The requests as ``METHOD /path?query`` strings, oldest first."""
        return [call_of(entry) for entry in self.requests]

    @property
    def writes(self):
        """The calls that are not GET."""
        return [call for call in self.calls if not call.startswith('GET ')]

    @property
    def bodies(self):
        """The bodies of the writes, in order."""
        return [entry.get('body') for entry in self.requests if entry['method'] != 'GET']

    def __repr__(self):
        return 'Run(%r, calls=%r)' % (self.result, self.calls)


class ModuleHarness:
    """The in-process emulator and a way to run modules against it."""

    def __init__(self, servers=40, seed=7, job_seconds=2):
        self.emulator = Emulator(
            servers=servers, seed=seed, job_seconds=job_seconds, api_key=API_KEY, clock='step', clock_step=1.0
        )
        # (call, occurrence, action) to run before the emulator handles a request: see meanwhile()
        self._meanwhile = []
        handle = self.emulator.dispatch

        def dispatch(method, path, *args, **kwargs):
            call = '%s %s' % (method, path[len(API_PREFIX) :] if path.startswith(API_PREFIX) else path)
            for hook in list(self._meanwhile):
                if hook[0] == call:
                    hook[1] -= 1
                    if hook[1] == 0:
                        self._meanwhile.remove(hook)
                        hook[2]()
            return handle(method, path, *args, **kwargs)

        self.emulator.dispatch = dispatch

    @property
    def url(self):
        return self.emulator.url

    @property
    def state(self):
        """The emulator's state, to read or arrange directly."""
        return self.emulator.state

    def start(self):
        self.emulator.start()
        return self

    def stop(self):
        self.emulator.stop()

    def reset(self):
        """The seeded fleet, start-up settings, step clock, no faults, empty log, no pending meanwhile()."""
        self._meanwhile = []
        self.emulator.reset()

    def meanwhile(self, call, action, occurrence=1):
        """Run ``action()`` once, just before the emulator handles the ``occurrence``-th request
        ``call`` (``'POST /servers/12345/install'``, no query): another run's write, landing between
        two requests of the module's run, as two pipelines racing would. ``action`` usually calls
        :meth:`api` (not logged)."""
        self._meanwhile.append([call, occurrence, action])

    # -- steering the emulator ------------------------------------------------------------

    def settings(self, **settings):
        return self.emulator.admin('PUT', '/_emulator/settings', settings)[1]

    def faults(self, **faults):
        return self.emulator.admin('PUT', '/_emulator/faults', faults)[1]

    def clock(self, **clock):
        """``mode``, ``step``, ``advance``: as PUT /_emulator/clock."""
        return self.emulator.admin('PUT', '/_emulator/clock', clock)[1]

    def next_job(self, server_id, **plan):
        return self.emulator.admin('PUT', '/_emulator/servers/%s/next_job' % server_id, plan)[1]

    def start_job(self, server_id, job_type, body=None, **plan):
        """A job of ``job_type`` started directly (not through a module, not logged); the job.

        ``plan`` (``outcome``, ``seconds``), when given, is the emulator's plan for it (next_job);
        a rescue mode job boots GRML unless ``body`` says otherwise.
        """
        if plan:
            self.next_job(server_id, **plan)
        if body is None:
            body = {'rescueImageId': 'GRML'} if job_type == 'rescueMode' else {}
        status, job = self.api('POST', '/servers/%s/%s' % (server_id, job_type), body)
        assert status == 202, job
        return job

    def api(self, method, path, body=None, query=None):
        """Call the API directly (not logged as a module's request): (status, decoded answer)."""
        status, _headers, raw = self.emulator.dispatch(
            method, API_PREFIX + path, dict(query or {}), body, False, API_KEY
        )
        return status, (json.loads(raw) if raw else None)

    def requests(self):
        with self.emulator.log_lock:
            return list(self.emulator.log)

    def clear(self):
        with self.emulator.log_lock:
            self.emulator.log = []

    # -- running modules ------------------------------------------------------------------

    def run(self, name, check_mode=False, diff=False, no_log=False, connection=True, **args):
        """Run module ``name`` with ``args``; a :class:`Run`.

        ``connection`` adds the emulator's ``api_url`` and ``api_key`` (unless given).
        The request log is cleared first, so the run's requests are exactly those it made.
        """
        module = importlib.import_module(MODULE_PACKAGE + name)
        module_args = dict(args)
        if connection:
            module_args.setdefault('api_url', self.url)
            module_args.setdefault('api_key', API_KEY)
        module_args.update(
            _ansible_check_mode=check_mode,
            _ansible_diff=diff,
            _ansible_no_log=no_log,
            _ansible_remote_tmp='/tmp',
            _ansible_keep_remote_files=False,
        )
        self.clear()
        _clear_warnings()
        output = io.StringIO()
        with contextlib.ExitStack() as stack:
            stack.enter_context(patch_module_args(module_args))
            stack.enter_context(mock.patch.object(api, 'FIRST_SLEEP', 0.02))
            if module_internal is not None and hasattr(module_internal, 'is_controller'):
                stack.enter_context(mock.patch.object(module_internal, 'is_controller', False))
            stack.enter_context(contextlib.redirect_stdout(output))
            try:
                module.main()
            except SystemExit:
                pass
        text = output.getvalue()
        try:
            result = json.loads(text)
        except ValueError:
            raise AssertionError('module %s printed no JSON result: %r' % (name, text[:2000]))
        return Run(result, self.requests())


def _clear_warnings():
    """Forget the warnings and deprecations of an earlier run (module-global in ansible-core)."""
    for name in ('_global_warnings', '_global_deprecations'):
        collected = getattr(ansible_warnings, name, None)
        if collected is not None:
            collected.clear()
