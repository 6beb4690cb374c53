# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Rescue mode: whether a server runs its rescue system, its login, and the way back.

The API does not tell whether a server runs its rescue system. A server counts as in rescue
mode when its newest job is a rescue mode job that FINISHED and that job's login (a
RESCUE_MODE credential) is still stored with the server; bringing it back (a power cycle,
which boots the installed system) removes the login, so that the rule holds afterwards.
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import list_jobs, newest
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import delete_or_gone

JOB_TYPE = 'rescueMode'
CREDENTIAL_TYPE = 'RESCUE_MODE'


def logins(client, server_id):
    """The usernames of the server's RESCUE_MODE credentials (every page)."""
    listed = client.paginate(client.server_path(server_id, 'credentials', CREDENTIAL_TYPE), 'credentials')
    return [credential.get('username') for credential in listed]


def newest_rescue_job(client, server_id):
    """The server's newest job when it is a rescue mode job, else None."""
    job = newest(list_jobs(client, server_id))
    return job if job is not None and job.get('type') == JOB_TYPE else None


def in_rescue(client, server_id, job):
    """The usernames of the logins of a server whose newest job ``job`` (a rescue mode job, or None)
    FINISHED, when it counts as in rescue mode (some login stored); else an empty list."""
    if job is None or job.get('status') != 'FINISHED' or job.get('is_running'):
        return []
    return logins(client, server_id)


def login(client, server_id, usernames=None):
    """The rescue system's login (type, username, password): root's, else the first stored; None without one.

    ``usernames``, the stored logins when already read (``in_rescue``), spares reading them again.
    """
    if usernames is not None:
        if not usernames:
            return None
        username = 'root' if 'root' in usernames else usernames[0]
        credential = client.get_or_none(client.server_path(server_id, 'credentials', CREDENTIAL_TYPE, username))
    else:
        credential = client.get_or_none(client.server_path(server_id, 'credentials', CREDENTIAL_TYPE, 'root'))
        if credential is None:
            usernames = logins(client, server_id)
            if usernames:
                credential = client.get_or_none(
                    client.server_path(server_id, 'credentials', CREDENTIAL_TYPE, usernames[0])
                )
    if credential is None:
        return None
    return dict(type=credential.get('type'), username=credential.get('username'), password=credential.get('password'))


def remove_logins(client, server_id, usernames):
    """Remove the rescue logins (void once the server left rescue mode); another run's removal counts."""
    for username in usernames:
        path = client.server_path(server_id, 'credentials', CREDENTIAL_TYPE, username)
        delete_or_gone(client, path, lambda: client.get_or_none(path))
