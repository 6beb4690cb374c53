# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Jobs: starting one, attaching to a running one, reading and waiting for them.

A server runs one job at a time (install, rescueMode, hardwareScan, ipmiReset). The modules
that start one attach to a running job of the same type instead of starting a second (also
when the API refuses their start because such a job began meanwhile), refuse clearly when a
job of another type runs (:func:`start_or_attach`), and wait for it with
:func:`wait_until_job_ends`, built on the client's generic ``wait_until``.

Words: a *wait* reads until a condition holds (``wait_until``, ``wait_until_job_ends``); a
*view* is what a diff shows of something (``job_view``); *describe* makes a line of text for
a message (``describe_job``).
"""

import base64

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebWaitError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Refused, write_or_converge
from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import printable

# Job statuses after which a job never changes again.
TERMINAL_JOB_STATUSES = frozenset(('FINISHED', 'FAILED', 'CANCELED', 'EXPIRED'))


def describe_job(job):
    """``install job UUID (ACTIVE, 3 of 9 tasks finished (33%))``."""
    return '%s job %s (%s, %s)' % (job.get('type'), job.get('uuid'), job.get('status'), describe_job_progress(job))


def describe_job_progress(job):
    """One line about a job's tasks: the failed task and its error, or the progress."""
    tasks = job.get('tasks') or []
    for task in tasks:
        if task.get('status') in ('FAILED', 'CANCELED', 'EXPIRED'):
            return 'task %s %s%s' % (
                printable(task.get('description') or task.get('type')),
                task.get('status'),
                ': %s' % printable(task['error_message']) if task.get('error_message') else '',
            )
    progress = job.get('progress') or {}
    if progress:
        return '%s of %s tasks finished (%s%%)' % (
            progress.get('finished'),
            progress.get('total'),
            progress.get('percentage'),
        )
    return 'no task information'


def wait_until_job_ends(client, server_id, job_id, *, timeout, sleep, first_sleep=None):
    """Read a job until it is in a terminal status; the job. Fails unless it FINISHED.

    Stops at once on FINISHED, FAILED, CANCELED or EXPIRED; a job that is not
    FINISHED raises :class:`LeasewebWaitError` with the job as ``last``. ``timeout``,
    ``sleep`` and ``first_sleep`` as for the client's ``wait_until``.
    """

    def fetch():
        return read_job(client, server_id, job_id)

    def done(job):
        return job.get('status') in TERMINAL_JOB_STATUSES

    job = client.wait_until(
        fetch,
        done,
        timeout=timeout,
        sleep=sleep,
        what='job %s on server %s' % (job_id, server_id),
        key='job',
        first_sleep=first_sleep,
        describe=describe_job,
    )
    if job.get('status') != 'FINISHED':
        raise LeasewebWaitError(
            'Job %s (%s) on server %s ended %s: %s'
            % (job_id, job.get('type'), server_id, job.get('status'), describe_job_progress(job)),
            last=job,
            key='job',
        )
    return job


def wait_for_job(client, server_id, job, *, timeout, sleep):
    """The job once it ended (:func:`wait_until_job_ends`); a job that FINISHED already (or None) as it is."""
    if job is None or (job.get('status') == 'FINISHED' and not job.get('is_running')):
        return job
    return wait_until_job_ends(client, server_id, job['uuid'], timeout=timeout, sleep=sleep)


# How the running job of a server is stopped: state -> the operation.
STOP_ACTIONS = dict(canceled='cancelActiveJob', expired='expireActiveJob')


def stop_job(client, server_id, state):
    """Cancel (``canceled``) or expire (``expired``) the job that runs on the server; the job as answered."""
    return client.post(client.server_path(server_id, STOP_ACTIONS[state]))


def wait_until_stopped(client, server_id, job, *, timeout, sleep):
    """Read a stopped job until it no longer runs (its failure flow, often a reboot, ended); the job."""
    return client.wait_until(
        lambda: read_job(client, server_id, job['uuid']),
        lambda current: not current.get('is_running'),
        timeout=timeout,
        sleep=sleep,
        what='the %s job %s on server %s to stop running' % (job.get('type'), job.get('uuid'), server_id),
        key='job',
        describe=describe_job,
    )


def retry_job(client, server_id, job_id):
    """Retry a job that did not finish; the new job."""
    return client.post(client.server_path(server_id, 'jobs', job_id, 'retry'))


def read_job(client, server_id, job_id):
    """One job of a server."""
    return client.get(client.server_path(server_id, 'jobs', job_id))


def list_jobs(client, server_id, query=None):
    """The jobs of a server matching the list filters of ``query``, newest first, every page."""
    jobs = client.paginate(client.server_path(server_id, 'jobs'), 'jobs', query)
    return sorted(jobs, key=lambda job: job.get('created_at') or '', reverse=True)


def last_job(client, server_id, job_type):
    """The newest job of ``job_type`` of a server (every page read), or None."""
    return newest(list_jobs(client, server_id, {'type': job_type}))


def running_jobs(client, server_id):
    """The jobs of a server that are running, newest first: those the ``isRunning`` filter lists that do not
    say they are not running (a list that ignored the filter does not make a finished job busy)."""
    return [job for job in list_jobs(client, server_id, {'isRunning': True}) if job.get('is_running') is not False]


def newest(jobs):
    """The most recently created job of a list, or None (list order breaks ties)."""
    best = None
    for job in jobs:
        if best is None or (job.get('created_at') or '') > (best.get('created_at') or ''):
            best = job
    return best


def busy_message(server_id, job, action):
    """Why ``action`` cannot start while ``job`` runs on the server."""
    return (
        'Server %s is busy with %s: it runs one job at a time, so %s cannot start. Wait for the job to end '
        '(leaseweb.dedicated.job with state=finished), or stop it (state=canceled or state=expired), '
        'then run this task again.' % (server_id, describe_job(job), action)
    )


def start_or_attach(client, server_id, job_type, body, *, check_mode, before_start=None):
    """Start a job with ``POST /servers/{id}/{job_type}``, or attach to one already running.

    Returns ``(changed, job)``. A running ACTIVE job of ``job_type`` is returned with
    ``changed`` false and nothing is sent; another running job is :class:`Refused` before any
    write (the API would refuse the request), with that job. ``before_start()``, when given,
    runs just before a job would be started (in check mode too), to validate against the API.
    In check mode the job that would be started is None.

    When the API refuses the start (another run started a job after the running jobs were
    read), the running jobs are read again (``write_or_converge``): an ACTIVE job of
    ``job_type`` is attached to, as if it had been running at the first read.
    """

    def same_type(running):
        return [job for job in running if job.get('type') == job_type and job.get('status') == 'ACTIVE']

    def describe(running):
        return 'the server runs %s' % describe_job(running[0]) if running else 'no job runs on the server'

    running = running_jobs(client, server_id)
    if same_type(running):
        return False, same_type(running)[0]
    if running:
        raise Refused(busy_message(server_id, running[0], 'a new %s job' % job_type), changed=False, job=running[0])
    if before_start is not None:
        before_start()
    if check_mode:
        return True, None
    started, answer = write_or_converge(
        lambda: client.post(client.server_path(server_id, job_type), body),
        lambda: running_jobs(client, server_id),
        same_type,
        describe=describe,
    )
    if started:
        return True, answer
    return False, same_type(answer)[0]


def job_body(params):
    """The body of the job operations without options of their own (powerCycle, callbackUrl)."""
    body = dict(powerCycle=params['power_cycle'])
    if params['callback_url'] is not None:
        body['callbackUrl'] = params['callback_url']
    return body


def encode_script(text):
    """A post-install script as the API takes it: base64 of its UTF-8 bytes."""
    if text is None:
        return None
    return base64.b64encode(text.encode('utf-8')).decode('ascii')


def join_ssh_keys(keys):
    """A list of public SSH keys as the API takes them: one string, a key per line.

    Raises ValueError for an empty key or a key that spans lines.
    """
    if keys is None:
        return None
    clean = []
    for number, key in enumerate(keys, 1):
        key = ('%s' % key).strip()
        if not key:
            raise ValueError('ssh_keys: key %d is empty' % number)
        if '\n' in key or '\r' in key:
            raise ValueError('ssh_keys: key %d spans more than one line; give one key per list element' % number)
        clean.append(key)
    return '\n'.join(clean)


def job_view(job, job_type=None):
    """The diff view of a job: its type, uuid and status (of a job of ``job_type`` about to start when None)."""
    if job is None:
        if job_type is None:
            return None
        return dict(type=job_type, uuid=None, status='ACTIVE')
    return dict(type=job.get('type'), uuid=job.get('uuid'), status=job.get('status'))
