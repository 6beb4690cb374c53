#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: fleet_config
short_description: Declare the state of many Leaseweb dedicated servers in one task
version_added: 1.1.0
description:
  - Makes many dedicated servers look as declared, in one task on the controller - for each server the
    areas of M(leaseweb.dedicated.server_config) (reference, IP addresses, switch ports, DDoS notifications,
    bandwidth and data traffic notification settings, private network, credentials, DHCP lease, power),
    with the same comparison rules and the same requests.
  - The servers are read and applied O(concurrency) at a time on one pooled connection, each server's areas one
    request after another, so that at most O(concurrency) requests are in flight. A task per server costs
    Ansible a fraction of a second before any request; this module reads a thousand servers in the time their
    requests take.
  - One server's failure never stops the others. The task reports every server (changed, the areas that
    drifted, their views before and after, the failure), then fails at the end naming every server that
    failed.
  - An answer HTTP 429 (too many requests) pauses every request of the task for its C(Retry-After), not only the
    one that met it.
  - The declarations are checked before any request; a declaration that is wrong fails the task before anything
    is read.
  - The playbook C(leaseweb.dedicated.configure) runs this module for the hosts of an inventory, from the variables
    of the P(leaseweb.dedicated.configure#role) role.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._server_config.FLEET
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
attributes:
  check_mode:
    support: full
    details:
      - Reads every declared area of every server and predicts the change; writes nothing. With C(--diff) this is
        the drift report of the fleet.
  diff_mode:
    support: full
    details:
      - One diff per server that drifted (headed by its id and O(servers[].host)), its drifted areas before and
        after. Passwords are never shown.
  idempotent:
    support: full
options:
  concurrency:
    description:
      - How many servers are read and applied at a time, which is how many requests are in flight at most.
      - From V(1) to V(100).
    type: int
    default: 10
seealso:
  - module: leaseweb.dedicated.server_config
  - module: leaseweb.dedicated.server_report_info
"""

EXAMPLES = r"""
- name: The same DDoS notifications and public port on three servers, their own reference each
  leaseweb.dedicated.fleet_config:
    servers:
      - server_id: "12345"
        reference: k8s-node-01
        ddos_notifications: {nulling: true, scrubbing: false}
        interfaces: {public: open}
      - server_id: "13058"
        reference: k8s-node-02
        ddos_notifications: {nulling: true, scrubbing: false}
        interfaces: {public: open}
      - server_id: "13613"
        reference: k8s-node-03
        ddos_notifications: {nulling: true, scrubbing: false}
        interfaces: {public: open}

- name: Declare the DDoS notification emails of a list of servers
  ansible.builtin.set_fact:
    declared: "{{ declared | default([]) + [{'server_id': item, 'ddos_notifications': {'nulling': true}}] }}"
  loop: ["12345", "13058", "13613"]

- name: The drift report of those servers, twenty at a time
  leaseweb.dedicated.fleet_config:
    servers: "{{ declared }}"
    concurrency: 20
  check_mode: true
  diff: true
  register: drift

- name: Which servers drifted, and in what
  ansible.builtin.debug:
    msg: "{{ drift.summary.drifted }} of {{ drift.summary.servers }} servers drifted: {{ drift.summary.areas }}"
"""

RETURN = r"""
servers:
  description: One entry per server, in the order of O(servers).
  returned: always
  type: list
  elements: dict
  contains:
    server_id:
      description: The id of the server.
      type: str
      sample: "12345"
    host:
      description: The O(servers[].host) given for it.
      type: str
      returned: when given
      sample: k8s-node-01
    changed:
      description: Whether something was (in check mode, would be) changed on the server.
      type: bool
      sample: true
    drifted:
      description: The areas that differed from the declaration, in the order of the options.
      type: list
      elements: str
      sample: [reference, ips]
    areas:
      description:
        - The areas that drifted, by name, each with its view C(before) and C(after) (as in
          RV(leaseweb.dedicated.server_config#module:areas)).
      type: dict
      sample: {reference: {before: {reference: web-01}, after: {reference: k8s-node-01}}}
    failed:
      description: Whether the server failed.
      type: bool
      sample: false
    msg:
      description: Why the server failed, naming the area.
      type: str
      returned: when the server failed
      sample: "server 12345: private_network: Server 12345 cannot join a private network (is_private_network_capable is false) [nothing was changed]"
    failed_area:
      description: The (first) area that failed.
      type: str
      returned: when the server failed
      sample: private_network
summary:
  description: Counts of the whole fleet.
  returned: always
  type: dict
  contains:
    servers:
      description: How many servers were declared.
      type: int
      sample: 1000
    drifted:
      description: How many servers drifted (were, or in check mode would be, changed).
      type: int
      sample: 3
    failed:
      description: How many servers failed.
      type: int
      sample: 0
    areas:
      description: For each area that drifted somewhere, on how many servers.
      type: dict
      sample: {reference: 1, ips: 2}
failed_servers:
  description: The ids of the servers that failed.
  returned: always
  type: list
  elements: str
  sample: []
api_requests:
  description: How many requests the task sent to the API (retries included).
  returned: always
  type: int
  sample: 5020
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, wait_argument_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._server_config import (
    AREAS,
    MAX_CONCURRENCY,
    WAIT_OPTIONS,
    areas_spec,
    configure_fleet,
    declaration,
    fleet_report,
    server_diff,
)

# At most this many servers are named in the failure message.
SHOWN = 10


def declarations(module):
    """``[(server_id, declared)]`` of every entry, checked before any request."""
    params = module.params
    if not 1 <= params['concurrency'] <= MAX_CONCURRENCY:
        module.fail('concurrency must be between 1 and %d, got %s' % (MAX_CONCURRENCY, params['concurrency']))
    wait = dict((key, params[key]) for key in WAIT_OPTIONS)
    entries, seen = [], {}
    for number, entry in enumerate(params['servers'], 1):
        server_id = ('%s' % entry['server_id']).strip()
        where = 'servers[%d] (server %s)' % (number, server_id)
        if not server_id:
            module.fail('servers[%d]: server_id must not be empty' % number)
        if server_id in seen:
            module.fail('%s: declared twice (also servers[%d])' % (where, seen[server_id]))
        seen[server_id] = number
        try:
            entries.append((server_id, declaration(dict((name, entry.get(name)) for name in AREAS), wait)))
        except ValueError as e:
            module.fail('%s: %s' % (where, e))
    return entries


def main():
    entry = dict(server_id=dict(type='str', required=True), host=dict(type='str'))
    entry.update(areas_spec())
    spec = dict(
        servers=dict(type='list', elements='dict', required=True, options=entry),
        concurrency=dict(type='int', default=10),
    )
    spec.update(wait_argument_spec(timeout=900, sleep=10))
    module = LeasewebModule(spec)
    entries = declarations(module)
    hosts = [entry.get('host') for entry in module.params['servers']]

    def run(leaseweb):
        results = configure_fleet(
            leaseweb.client, entries, check_mode=leaseweb.check_mode, concurrency=leaseweb.params['concurrency']
        )
        report = fleet_report(results, hosts, shown=SHOWN)
        report['api_requests'] = leaseweb.client.request_count
        diffs = [
            server_diff(result, header=name, drifted_only=True)
            for result, name in zip(results, report.pop('headers'))
            if result['drifted']
        ]
        return leaseweb.report(report, diff=diffs)

    module.run(run)


if __name__ == '__main__':
    main()
