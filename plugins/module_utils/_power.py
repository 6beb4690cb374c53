# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The power of a server: on, off, or a power cycle (``restarted``), and the wait until it shows."""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebWaitError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import describe_job, running_jobs
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Area, Plan, reader

POWER_ACTIONS = dict(on='powerOn', off='powerOff', restarted='powerCycle')
# After a power cycle, how long to read until the server is seen off before waiting for it to be on.
CYCLE_OFF_WINDOW = 30


def with_powered_on(power):
    """A powerInfo answer with ``powered_on``: true unless IPMI or the PDU reports ``off``.

    The PDU can report ``on`` for a server that was shut down through IPMI, and a server
    without IPMI reports no useful IPMI status, so the server counts as on unless one of
    the two says ``off``.
    """
    power = dict(power or {})
    power['powered_on'] = all((power.get(source) or {}).get('status') != 'off' for source in ('ipmi', 'pdu'))
    return power


@reader('power')
def read_power(client, server_id):
    """The server's power (``GET /servers/{id}/powerInfo``) with ``powered_on``."""
    return with_powered_on(client.get(client.server_path(server_id, 'powerInfo')))


def predict(state):
    """The power status a change to ``state`` shows once done: for check mode, and when not waiting."""
    status = 'off' if state == 'off' else 'on'
    return with_powered_on(dict(ipmi=dict(status=status), pdu=dict(status=status)))


def wait_for_power(client, server_id, powered_on, *, timeout, sleep):
    """Read the power until the server is on (``powered_on``) or off; the last power read."""
    return client.wait_until(
        lambda: read_power(client, server_id),
        lambda current: current['powered_on'] == powered_on,
        timeout=timeout,
        sleep=sleep,
        what='server %s to be powered %s' % (server_id, 'on' if powered_on else 'off'),
        key='power',
    )


class Power(Area):
    """Wanted: ``state`` (on, off, restarted: a power cycle, which always changes), and the wait:
    ``wait``, ``wait_timeout``, ``wait_sleep``."""

    name = 'power'
    waits = True

    def reads(self, wanted):
        return [('power',)]

    def diff(self, wanted, current):
        power = current[('power',)]
        state = wanted['state']
        before = dict(state='on' if power['powered_on'] else 'off')
        changed = state == 'restarted' or power['powered_on'] != (state != 'off')
        if not changed:
            return Plan(before, before, changed=False, result=power)
        return Plan(before, dict(state=state), changed=True, result=predict(state), wanted=wanted)

    def apply(self, client, server_id, plan):
        wanted = plan.todo['wanted']
        busy = running_jobs(client, server_id)
        if busy:
            plan.warnings.append(
                'Server %s runs %s; changing its power can break the job.' % (server_id, describe_job(busy[0]))
            )
        client.post(client.server_path(server_id, POWER_ACTIONS[wanted['state']]))
        if not wanted['wait']:
            return plan.done()
        # a timeout fails with changed=true (the POST above succeeded)
        timeout, sleep = wanted['wait_timeout'], wanted['wait_sleep']
        if wanted['state'] == 'restarted' and plan.before['state'] == 'on':
            # a power cycle is done once the server was seen off, then on again
            try:
                wait_for_power(client, server_id, False, timeout=min(timeout, CYCLE_OFF_WINDOW), sleep=sleep)
            except LeasewebWaitError:
                plan.warnings.append(
                    'Server %s was not seen off within %ss of its power cycle; it may have rebooted '
                    'between two reads. Waited for it to be on.' % (server_id, min(timeout, CYCLE_OFF_WINDOW))
                )
        power = wait_for_power(client, server_id, wanted['state'] != 'off', timeout=timeout, sleep=sleep)
        return plan.done(result=power)
