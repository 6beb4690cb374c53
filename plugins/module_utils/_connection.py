# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection options: their checks before any request, and the client built from them.

Nothing here imports AnsibleModule: the inventory plugin and the event source use it on the controller.
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import (
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    LeasewebClient,
    api_url_problem,
    insecure_warning,
)


# The smallest value each numeric option accepts; checked before the first request.
MINIMUMS = dict(api_timeout=1, api_retries=0, wait_timeout=0, wait_sleep=1)


def below_minimum(options):
    """The message for the first option of MINIMUMS set below its minimum, or None."""
    for name, minimum in MINIMUMS.items():
        value = options.get(name)
        if value is not None and value < minimum:
            return '%s must be at least %s, got %s' % (name, minimum, value)
    return None


def connection_problem(options):
    """Why the connection options cannot be used, or None: checked before any request.

    An option below its minimum (MINIMUMS), or an ``api_url`` the API key must not be sent to
    (plain http:// to a host that is not a loopback address, or not a URL).
    """
    return below_minimum(options) or api_url_problem(options.get('api_url'))


def connection_warning(options):
    """The warning to show for these connection options (``validate_certs`` false over TLS), or None."""
    return insecure_warning(options.get('api_url'), options.get('validate_certs', True))


def client_from_options(options, **client_args):
    """A client built from the connection options (a dict, or anything with ``get``).

    ``client_args`` are passed on to :class:`LeasewebClient` (``pool_size``, ``user_agent``...).
    """
    return LeasewebClient(
        api_key=options.get('api_key'),
        api_url=options.get('api_url'),
        validate_certs=options.get('validate_certs', True),
        timeout=options.get('api_timeout') or DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES if options.get('api_retries') is None else options.get('api_retries'),
        **client_args,
    )
