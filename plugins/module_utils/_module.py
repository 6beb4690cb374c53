# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The AnsibleModule wrapper of every leaseweb.dedicated module: options, the client, failures, results.

Only modules import this file. What the inventory plugin needs as well (option checks,
parsing, the server list filters) lives in ``_connection``, ``_servers`` and ``_values``, and
the resource layer (``_resource`` and one unit per API area) knows nothing of AnsibleModule:
a module declares what it wants (:meth:`LeasewebModule.declare`, :meth:`LeasewebModule.launch`)
and this wrapper turns the outcome into the module's result.
"""

from urllib.parse import unquote

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import (
    DEFAULT_API_URL,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    LeasewebError,
    LeasewebWaitError,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._connection import (
    client_from_options,
    connection_problem,
    connection_warning,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import (
    job_view,
    join_ssh_keys,
    start_or_attach,
    wait_for_job,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Refused, converge
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import check_url


def api_argument_spec():
    """The connection options of every module (documented in leaseweb.dedicated._api)."""
    return dict(
        api_key=dict(
            type='str', required=True, no_log=True, fallback=(env_fallback, ['LEASEWEB_API_KEY', 'LEASEWEB_TOKEN'])
        ),
        api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['LEASEWEB_API_URL'])),
        validate_certs=dict(type='bool', default=True),
        api_timeout=dict(type='int', default=DEFAULT_TIMEOUT),
        api_retries=dict(type='int', default=DEFAULT_RETRIES),
    )


def server_list_filter_spec():
    """The options of the server list filters (_servers.SERVER_LIST_FILTERS), for the modules that read the list."""
    return dict(
        reference=dict(type='str', no_log=False),
        ip=dict(type='str'),
        mac_address=dict(type='str'),
        site=dict(type='str'),
        private_rack_id=dict(type='str'),
        private_network_capable=dict(type='bool'),
        private_network_enabled=dict(type='bool'),
    )


def wait_argument_spec(*, timeout, sleep):
    """The wait options of a module that can wait (wait, wait_timeout and wait_sleep)."""
    return dict(
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='int', default=timeout),
        wait_sleep=dict(type='int', default=sleep),
    )


def job_argument_spec(*, timeout, sleep, **options):
    """The options of a module that starts a job: server_id, its own ``options``, power_cycle,
    callback_url, and wait, wait_timeout and wait_sleep with these defaults."""
    spec = dict(server_id=dict(type='str', required=True))
    spec.update(options)
    spec.update(power_cycle=dict(type='bool', default=True), callback_url=dict(type='str'))
    spec.update(wait_argument_spec(timeout=timeout, sleep=sleep))
    return spec


def check_job_options(module):
    """Fail the module, before any request, on a callback_url or ssh_keys (when it has them) that is wrong."""
    try:
        check_url('callback_url', module.params['callback_url'])
        join_ssh_keys(module.params.get('ssh_keys'))
    except ValueError as e:
        module.fail('%s' % e)


# Said of a write that failed after the API may have received and carried it out.
MAYBE_CARRIED_OUT = 'may have been carried out'


class _Module(AnsibleModule):
    """AnsibleModule whose failures never show the values of ``no_log`` options.

    ansible-core 2.17 and 2.18 return the raw options as ``invocation`` when a sub-option fails
    its check (``partitions: [42]``), before they learned which values to hide: an API key given
    as an option would be shown. Every failure hides them first.
    """

    def fail_json(self, msg, **kwargs):
        params = getattr(self, 'params', None) or {}
        for name, spec in (getattr(self, 'argument_spec', None) or {}).items():
            value = params.get(name)
            if spec.get('no_log') and isinstance(value, str) and value:
                self.no_log_values.add(value)
        super(_Module, self).fail_json(msg=msg, **kwargs)


def unknown_option(error, params, secrets=()):
    """``(name, value)`` of the option whose value is the deepest segment of a failed request's
    path (``job_id`` for a 404 on /servers/1/jobs/X), or None."""
    values = dict(
        ('%s' % value, name)
        for name, value in params.items()
        if isinstance(value, str) and value and name not in secrets
    )
    path = (error.path or '').split('?', 1)[0]
    for segment in reversed([unquote(part) for part in path.strip('/').split('/')]):
        if segment in values:
            return values[segment], segment
    return None


class LeasewebModule(object):
    """An AnsibleModule with the connection options, the client and the result helpers.

    Modules build one with their own argument spec, validate their input, then call
    ``run(function)``: the function gets this object and returns the result dict; any
    API failure becomes a ``fail_json`` with the message and the API error object.
    """

    def __init__(self, argument_spec, *, supports_check_mode=True, **kwargs):
        spec = api_argument_spec()
        spec.update(argument_spec)
        self.module = _Module(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        # before any request: the key goes only over TLS (or to a loopback address)
        problem = connection_problem(self.module.params)
        if problem:
            self.fail(problem)
        insecure = connection_warning(self.module.params)
        if insecure:
            self.module.warn(insecure)
        self.require_text('server_id')
        self._client = None

    @property
    def params(self):
        return self.module.params

    @property
    def check_mode(self):
        return self.module.check_mode

    @property
    def client(self):
        """The API client, created at first use (after input validation)."""
        if self._client is None:
            self._client = client_from_options(self.module.params)
        return self._client

    def warn(self, msg):
        """Show a warning with the task's result."""
        self.module.warn(msg)

    def returns_secret(self, what):
        """Warn that the result holds a password, unless the task runs with ``no_log``."""
        if not self.module.no_log:
            self.warn(
                '%s returned a password: set no_log: true on this task so that it is not shown '
                'in the output or written to logs.' % what
            )

    def require_text(self, *names):
        """Fail when one of the options ``names`` is set to an empty or blank string."""
        for name in names:
            value = self.module.params.get(name)
            if value is not None and not value.strip():
                self.fail('%s must not be empty' % name)

    def check(self, name, parse):
        """``parse(value)`` of the option ``name`` when it is set (else None); a ValueError fails as ``name: error``."""
        value = self.module.params.get(name)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as e:
            self.fail('%s: %s' % (name, e))

    def valid(self, check, *args):
        """``check(*args)``; a ValueError fails the module with its message (which names the option)."""
        try:
            return check(*args)
        except ValueError as e:
            self.fail('%s' % e)

    def fail(self, msg, **result):
        """Fail with a message (and any extra result)."""
        self.module.fail_json(msg=msg, **result)

    def fail_on_error(self, error, **result):
        """Fail from a LeasewebError, returning its status, API error object and wait state.

        ``changed`` is true when a write of this run succeeded before the failure (a null
        route sent, then a wait that timed out), or when the failed request is a write that
        may have been carried out (``error.maybe_carried_out``, said in the message too),
        unless the caller says otherwise.
        """
        data = error.to_result()
        data['changed'] = self._client is not None and self._client.writes > 0
        if error.maybe_carried_out:
            data['changed'] = True
            if MAYBE_CARRIED_OUT not in error.msg:
                error.annotate(
                    '[the request %s: the failure came after it was sent; check its effect before '
                    'repeating it]' % MAYBE_CARRIED_OUT
                )
        if error.status == 401:
            error.annotate('[the API did not accept the key: check api_key (or LEASEWEB_API_KEY)]')
        elif error.status == 404:
            secrets = [name for name, spec in self.module.argument_spec.items() if spec.get('no_log')]
            unknown = unknown_option(error, self.module.params, secrets)
            if unknown:
                error.annotate('[%s %s: the API does not know it]' % unknown)
        data.update(result)
        self.module.fail_json(msg=error.msg, **data)

    def run(self, function):
        """Run ``function(self)`` and exit with the dict it returns."""
        try:
            result = function(self)
        except LeasewebError as e:
            self.fail_on_error(e)
        except Refused as e:
            self.fail(e.msg, **e.result)
        if self.params.get('server_id') is not None and 'server_id' not in result:
            # the server the task concerned, in the result itself (Automation Platform counts it)
            result['server_id'] = self.params['server_id']
        self.module.exit_json(**result)

    def declare(self, area, wanted, key):
        """Converge one area of the server to ``wanted``; the module's result, the area's data under ``key``.

        Reads, compares and (unless in check mode) writes through the area's unit; the diff
        is its plan's before and after. Warnings of the plan are shown.
        """
        plan = converge(self.client, self.params['server_id'], area, wanted, check_mode=self.check_mode)
        for warning in plan.warnings:
            self.warn(warning)
        return self.result(changed=plan.changed, before=plan.before, after=plan.after, **{key: plan.result})

    def wait_for_job(self, server_id, job, *, changed, always=False):
        """Wait for a job as the module's wait, wait_timeout and wait_sleep say; the job.

        Returns the job unchanged when not waiting (``wait: false``, check mode, no job),
        unless ``always``. A job that ends in any status but FINISHED, or a timeout, fails the
        module with the job (and its task progress) in the result, ``timed_out``, and
        ``changed`` as given (true when the module started the job).
        """
        params = self.params
        if not always and (not params.get('wait') or self.check_mode):
            return job
        try:
            return wait_for_job(self.client, server_id, job, timeout=params['wait_timeout'], sleep=params['wait_sleep'])
        except LeasewebWaitError as e:
            self.fail_on_error(e, changed=changed)

    def start_or_attach(self, job_type, body, *, before_start=None):
        """``(changed, job)``: the job of ``job_type`` started or attached to (``_jobs.start_or_attach``)."""
        return start_or_attach(
            self.client, self.params['server_id'], job_type, body, check_mode=self.check_mode, before_start=before_start
        )

    def launch(self, job_type, body, *, before_start=None, attached=None):
        """The whole run of a module that starts a job of ``job_type``: its result, with ``job``.

        Starts the job with ``POST /servers/{id}/{job_type}`` or attaches to the one running
        (``attached(job)`` is then called, e.g. to warn about differences), waits as the
        module's options say, and returns the result with the job before and after.
        """
        server_id = self.params['server_id']
        changed, job = self.start_or_attach(job_type, body, before_start=before_start)
        if not changed and attached is not None:
            attached(job)
        before = dict(job=None if changed else job_view(job))
        job = self.wait_for_job(server_id, job, changed=changed)
        result = self.result(changed=changed, before=before, after=dict(job=job_view(job, job_type)))
        if job is not None:
            result['job'] = job
        return result

    def report(self, result, *, diff):
        """Exit with a result built elsewhere (server_config, fleet_config): its ``warnings`` shown, ``diff``
        added in diff mode, and a failure when it says ``failed`` (with its ``msg``)."""
        for warning in result.pop('warnings', []):
            self.warn(warning)
        if self.module._diff:
            result['diff'] = diff
        if result.pop('failed', False):
            self.module.fail_json(msg=result.pop('msg'), **result)
        return result

    def result(self, *, changed, before=None, after=None, **result):
        """A module result; with ``diff`` when diff mode is on and before/after are given."""
        result['changed'] = changed
        if self.module._diff and (before is not None or after is not None):
            result['diff'] = dict(before=before if before is not None else {}, after=after if after is not None else {})
        return result
