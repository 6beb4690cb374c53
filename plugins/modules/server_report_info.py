#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: server_report_info
short_description: The state of many Leaseweb dedicated servers at once, read concurrently
version_added: 1.0.0
description:
  - Reads, in one task, what a fleet report shows of each server - where it stands (site, rack),
    its reference, its public IP address and whether it is null routed, its power state, the job it
    runs (type and progress), and the operating system of its last installation.
  - The requests are sent O(concurrency) at a time on one pooled HTTP session, as the
    P(leaseweb.dedicated.servers#inventory) inventory reads the fleet. One task for a thousand
    servers costs ansible-core one task start; a task per server costs a fraction of a second each
    before any request is sent.
  - Without O(server_ids), every server of the account that matches the filters is read, from the
    server list (one request per 100 servers). With O(server_ids), each server's record is read
    (one request per server); use it for the hosts of an inventory group.
  - Each server then costs one request for each part of O(include) - V(power) its power status,
    V(running_job) its running jobs, V(last_install) its installation jobs.
  - Servers that do not exist (HTTP 404), or that disappear while they are read, are left out with a
    warning and listed in RV(missing). Any other failure fails the task.
  - The playbook C(leaseweb.dedicated.report) prints this as a table and writes it as CSV and JSON files.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
  - leaseweb.dedicated._attributes.INFO_MODULE
options:
  server_ids:
    description:
      - The ids of the servers to read, in the order the result lists them. Duplicates are read once.
      - Without it, every server of the account that matches the filters, in order of id.
      - An empty list reads nothing.
      - Cannot be combined with the filters.
    type: list
    elements: str
  include:
    description:
      - What to read of each server besides its record, one request per server for each.
      - V(power) the power status (RV(servers[].powered_on), RV(servers[].power)).
      - V(running_job) the job the server runs (RV(servers[].running_job)).
      - V(last_install) its last installation (RV(servers[].last_install)).
      - A part left out is returned as null.
    type: list
    elements: str
    choices: [power, running_job, last_install]
    default: [power, running_job, last_install]
  concurrency:
    description:
      - How many requests to send at a time, between 1 and 100.
      - The API limits how many requests an account may send; more at a time is faster until the API
        answers HTTP 429, which is retried after the delay it asks for (see O(api_retries)).
    type: int
    default: 10
  reference:
    description:
      - Only servers with this reference (done by the API).
    type: str
  ip:
    description:
      - Only the server with this IP address, with or without C(/prefix) (done by the API).
    type: str
  mac_address:
    description:
      - Only the server with this MAC address, as V(aa:bb:cc:dd:ee:ff) (done by the API).
    type: str
  site:
    description:
      - Only servers in this site (data center), for example V(AMS-01) (done by the API).
    type: str
  private_rack_id:
    description:
      - Only servers in this dedicated (private) rack (done by the API).
    type: str
  private_network_capable:
    description:
      - Only servers that can (V(true)) or cannot (V(false)) join a private network (done by the API).
    type: bool
  private_network_enabled:
    description:
      - Only servers that are (V(true)) or are not (V(false)) in a private network (done by the API).
    type: bool
seealso:
  - module: leaseweb.dedicated.server_info
  - module: leaseweb.dedicated.power_info
  - module: leaseweb.dedicated.job_info
  - plugin: leaseweb.dedicated.servers
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Read every server of the account, 10 requests at a time
  leaseweb.dedicated.server_report_info:
  register: report

- name: Show the servers that are off
  ansible.builtin.debug:
    msg: "{{ report.servers | rejectattr('powered_on') | map(attribute='id') | list }}"

- name: Read some servers by id, only their power status, 20 requests at a time
  leaseweb.dedicated.server_report_info:
    server_ids: ["12345"]
    include: [power]
    concurrency: 20
  register: report

- name: Read the servers of an inventory group (from the leaseweb.dedicated.servers inventory)
  leaseweb.dedicated.server_report_info:
    server_ids: "{{ groups['leaseweb_ams_01'] | default([]) | map('extract', hostvars, 'leaseweb_id') | list }}"
  register: report

- name: The servers of one site that run a job, and how far it is
  leaseweb.dedicated.server_report_info:
    site: AMS-01
    include: [running_job]
  register: report

- name: Show them
  ansible.builtin.debug:
    msg: >-
      {% for server in report.servers | selectattr('running_job') %}
      {{ server.id }}: {{ server.running_job.type }} {{ server.running_job.progress.percentage }}%
      {% endfor %}
"""

RETURN = r"""
servers:
  description:
    - One element per server, in the order of O(server_ids), else in order of id.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The server id.
      type: str
      sample: "12345"
    asset_id:
      description: The asset id.
      type: str
      sample: "627293"
    reference:
      description: The contract reference, your label for the server; null when unset.
      type: str
      sample: db-primary-ams
    site:
      description: The site (data center) the server is in.
      type: str
      sample: AMS-01
    rack:
      description: The name of the rack in the site.
      type: str
      sample: A83
    public_ip:
      description: The public IP address, without its prefix length; null when the server has no public interface.
      type: str
      sample: 192.0.2.10
    null_routed:
      description: Whether the public IP address is null routed; null without a public interface.
      type: bool
      sample: false
    powered_on:
      description:
        - Whether the server is on - neither its remote management interface (IPMI) nor its power
          distribution unit (PDU) reports C(off), as M(leaseweb.dedicated.power_info) tells it.
        - Null when O(include) leaves out V(power).
      type: bool
      sample: true
    power:
      description:
        - The power status as the API returns it (C(ipmi.status), C(pdu.status)); null when O(include)
          leaves out V(power).
      type: dict
      sample: {ipmi: {status: "on"}, pdu: {status: "on"}}
    running_job:
      description:
        - The job the server runs (the newest when the API lists several), or null when it runs none
          or when O(include) leaves out V(running_job).
      type: dict
      contains:
        type:
          description: The job type (V(install), V(rescueMode), V(hardwareScan), V(ipmiReset)).
          type: str
          sample: install
        uuid:
          description: The job's id, for M(leaseweb.dedicated.job).
          type: str
          sample: 3a867358-5b4b-44ee-88ac-4274603ef641
        status:
          description: The job's status.
          type: str
          sample: ACTIVE
        progress:
          description: How many of the job's tasks finished, as the API counts them (C(total), C(finished), C(percentage)...).
          type: dict
          sample: {total: 9, finished: 3, percentage: 33}
        created_at:
          description: When the job was created.
          type: str
          sample: "2024-04-02T09:15:20+00:00"
        updated_at:
          description: When the job last changed.
          type: str
          sample: "2024-04-02T09:20:01+00:00"
    last_install:
      description:
        - The server's most recent installation job, or null when the API knows none or when
          O(include) leaves out V(last_install).
      type: dict
      contains:
        operating_system_id:
          description: The operating system it installed (or installs), as M(leaseweb.dedicated.install) takes it.
          type: str
          sample: UBUNTU_24_04_64BIT
        operating_system_name:
          description: Its name.
          type: str
          sample: Ubuntu 24.04 LTS (Noble Numbat) (amd64)
        uuid:
          description: The job's id.
          type: str
          sample: 9e29c3a0-8e1c-4b3e-a16b-0c0f6f3f7c2d
        status:
          description: The job's status; V(FINISHED) when the installation succeeded.
          type: str
          sample: FINISHED
        created_at:
          description: When the installation started.
          type: str
          sample: "2022-09-26T09:00:00+00:00"
        updated_at:
          description: When the installation job last changed.
          type: str
          sample: "2022-09-26T09:21:00+00:00"
missing:
  description:
    - The ids of the servers that the API does not know (HTTP 404), or that disappeared while they were
      read; they are not in RV(servers).
  returned: success
  type: list
  elements: str
  sample: []
api_requests:
  description: How many HTTP requests the task sent, retries included.
  returned: success
  type: int
  sample: 121
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import counted
from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._jobs import last_job, newest, running_jobs
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule, server_list_filter_spec
from ansible_collections.leaseweb.dedicated.plugins.module_utils._power import read_power
from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import read_record
from ansible_collections.leaseweb.dedicated.plugins.module_utils._servers import (
    SERVER_LIST_FILTERS,
    list_servers,
    server_list_query,
    server_summary,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import id_order

PARTS = ('power', 'running_job', 'last_install')
MAX_CONCURRENCY = 100
# Servers asked for in one request of the server list.
LIST_PAGE_SIZE = 100
# At most this many ids in a warning.
SHOWN = 10


class Gone(object):
    """What a read returns for a server the API does not know (404)."""


GONE = Gone()


def running_job_view(job):
    if job is None:
        return None
    return dict(
        type=job.get('type'),
        uuid=job.get('uuid'),
        status=job.get('status'),
        progress=job.get('progress'),
        created_at=job.get('created_at'),
        updated_at=job.get('updated_at'),
    )


def install_view(job):
    if job is None:
        return None
    payload = job.get('payload') or {}
    return dict(
        operating_system_id=payload.get('operating_system_id'),
        operating_system_name=(payload.get('os') or {}).get('name'),
        uuid=job.get('uuid'),
        status=job.get('status'),
        created_at=job.get('created_at'),
        updated_at=job.get('updated_at'),
    )


def read_running_job(client, server_id):
    return newest(running_jobs(client, server_id))


def read_last_install(client, server_id):
    return last_job(client, server_id, 'install')


READERS = dict(record=read_record, power=read_power, running_job=read_running_job, last_install=read_last_install)


def read_all(client, items, concurrency):
    """``{(server_id, part): answer}`` for ``(server_id, part)`` items, ``concurrency`` requests at a time.

    A 404 (an unknown server) is GONE; any other failure stops the batch and is raised.
    """

    def read(item):
        server_id, part = item
        try:
            return READERS[part](client, server_id)
        except LeasewebError as e:
            if e.status == 404:
                return GONE
            raise

    return dict(zip(items, client.run_concurrently(read, items, concurrency)))


def unique(values):
    seen = set()
    result = []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def validate(module):
    """The server ids (None for the list) and the list's query; fails before any request."""
    params = module.params
    concurrency = params['concurrency']
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        module.fail('concurrency must be between 1 and %d, got %s' % (MAX_CONCURRENCY, concurrency))
    server_ids = params['server_ids']
    if server_ids is not None:
        for number, server_id in enumerate(server_ids, 1):
            if not server_id or not server_id.strip():
                module.fail('server_ids: element %d is empty' % number)
        server_ids = unique(server_id.strip() for server_id in server_ids)
    try:
        query = server_list_query(params)
    except ValueError as e:
        module.fail('%s' % e)
    return server_ids, query


def run(module, server_ids, query):
    client = module.client
    params = module.params
    include = [part for part in PARTS if part in params['include']]
    concurrency = params['concurrency']
    if server_ids is None:
        # a server listed twice (the list changed while it was read) is reported once
        by_id = dict(
            (record.get('id'), record)
            for record in list_servers(client, query, page_size=LIST_PAGE_SIZE, concurrency=concurrency)
        )
        server_ids = sorted(by_id, key=id_order)
        items = [(server_id, part) for server_id in server_ids for part in include]
        answers = read_all(client, items, concurrency)
        answers.update(((server_id, 'record'), record) for server_id, record in by_id.items())
    else:
        items = [(server_id, part) for server_id in server_ids for part in ('record',) + tuple(include)]
        answers = read_all(client, items, concurrency)

    servers = []
    missing = []
    for server_id in server_ids:
        parts = dict((part, answers.get((server_id, part))) for part in ('record',) + PARTS)
        if any(answer is GONE for answer in parts.values()):
            missing.append(server_id)
            continue
        entry = server_summary(parts['record'])
        power = dict(parts['power']) if 'power' in include else None
        entry.update(
            powered_on=power.pop('powered_on') if power is not None else None,
            power=power,
            running_job=running_job_view(parts['running_job']),
            last_install=install_view(parts['last_install']),
        )
        servers.append(entry)
    if missing:
        shown = ', '.join(missing[:SHOWN]) + (', ...' if len(missing) > SHOWN else '')
        module.warn(
            '%s not found (HTTP 404), left out: %s' % (counted(len(missing), 'server was', 'servers were'), shown)
        )
    return dict(changed=False, servers=servers, missing=missing, api_requests=client.request_count)


def main():
    module = LeasewebModule(
        dict(
            server_ids=dict(type='list', elements='str'),
            include=dict(type='list', elements='str', choices=list(PARTS), default=list(PARTS)),
            concurrency=dict(type='int', default=10),
            **server_list_filter_spec(),
        ),
        mutually_exclusive=[('server_ids', option) for option in SERVER_LIST_FILTERS],
    )
    server_ids, query = validate(module)
    module.run(lambda leaseweb: run(leaseweb, server_ids, query))


if __name__ == '__main__':
    main()
