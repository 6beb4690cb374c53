# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
---
short_description: Changes of a Leaseweb dedicated server fleet, as events
description:
  - An Event-Driven Ansible source that polls the Leaseweb Dedicated Servers API v2 every O(interval) seconds and
    emits one event per change it sees: a job started, finished, failed, was canceled or expired; the main public
    address of a server was null routed or un-nulled; a server was powered on or off; a server was added to or is
    gone from the list; its reference changed; a private network membership was configured or removed; a bandwidth
    or data traffic notification threshold was exceeded; an IPMI sensor or fault state is not OK, or OK again.
  - It needs no inbound port. The install, rescue mode, hardware scan and IPMI reset jobs can also call a URL when
    they end (C(callback_url) of the job modules), which an C(ansible.eda.webhook) source or an Automation
    Platform event stream can receive; see the events guide of the collection.
  - The first poll is the baseline, it emits nothing (O(emit_baseline) emits it). Each later poll compares what it
    reads with the last poll that succeeded. A poll that fails (after the retries of O(api_retries)) emits nothing
    and keeps that snapshot, so the next poll that succeeds emits every change since, once. With O(state_file),
    the snapshot, the events not yet handed to ansible-rulebook and their numbering survive a restart: nothing is
    lost or repeated when the source is stopped and started again. A hard kill (SIGKILL, a power loss) while it
    hands events over can repeat the events of that one poll, never lose one.
  - 'Every event has: C(type) (below), C(sequence) (1, 2, 3... in the order events are made, continued across
    restarts with O(state_file)), C(server_id), C(host) (the host name the P(leaseweb.dedicated.servers#inventory) inventory
    gives the server with the same filters and O(hostname); a server gone has the name it had), C(server) (what
    that inventory sets as host variables, without prefix: C(id), C(asset_id), C(reference), C(delivery_status),
    C(site), C(rack), C(rack_type), C(public_ip), C(internal_ip), C(remote_management_ip), C(null_routed),
    C(features), C(private_network_ids)) and C(polled_at) (when the poll started, UTC).'
  - 'Types and their fields: C(server_added), C(server_gone); C(reference_changed) with C(reference),
    C(previous_reference), C(previous_host); C(address_null_routed), C(address_unnulled) with C(ip);
    C(private_network_configured), C(private_network_removed) with C(private_network) (C(id), C(status),
    C(link_speed)); C(power_on), C(power_off) with C(power) (C(on), C(ipmi), C(pdu)); C(job_started),
    C(job_finished), C(job_failed), C(job_canceled), C(job_expired) with C(job) (C(uuid), C(type) such as
    V(install) or V(rescueMode), C(status), C(progress) with C(percentage) and the task counts, C(created_at),
    C(updated_at)), and C(job_failed) with C(failed_in_a_row) too (how many jobs of that type failed one after
    the other on the server, this one included: V(1) for a first failure, V(2) when its retry failed too);
    C(hardware_not_ok) with C(metric) (C(metric), C(name), C(value)), C(hardware_ok) with
    C(metric) and C(previous_value); C(bandwidth_threshold_exceeded), C(datatraffic_threshold_exceeded) with
    C(notification_setting) (C(id), C(threshold), C(unit), C(frequency), C(threshold_exceeded_at),
    C(last_checked_at)). Events of the baseline (O(emit_baseline)) also have C(baseline=true).'
  - Text from the API is data, never a template. A string of an event that could be a Jinja2 template (it holds
    C({) or C(}), or C(#jinja2:)), such as a reference someone set to C({{ lookup(...) }}), is written as an
    expression that renders to the text itself, each C({) as C({{ '{' }}), C(}) as C({{ '}' }}) and C(#) as
    C({{ '#' }}), so that a playbook that gets the event (C(ansible_eda.event)) shows the text and never runs it.
    A rule condition sees that written form. On ansible-core 2.18 and older, a value stored with
    C(ansible.builtin.set_fact) is templated again when it is used, so pass event text to modules directly there.
  - The API key is sent only in the C(X-LSW-Auth) header and never appears in an event, a log line or the state file.
options:
  api_key:
    description:
      - The API key of your Leaseweb account. Without it, the environment variable E(LEASEWEB_API_KEY) is used, then
        E(LEASEWEB_TOKEN).
      - In Automation Platform, a credential of the type in C(examples/awx/eda_credential_type.yml) of the
        collection's repository injects it as the rulebook variable C(leaseweb_api_key); give it as
        V({{ leaseweb_api_key }}).
    type: str
  api_url:
    description:
      - Base URL of the Leaseweb API, without the C(/bareMetals/v2) path. Without it, E(LEASEWEB_API_URL), then
        V(https://api.leaseweb.com).
      - C(http://) only to a loopback address (the emulator of the collection's tests).
    type: str
  validate_certs:
    description: Whether to verify the TLS certificate of O(api_url).
    type: bool
    default: true
  api_timeout:
    description: Seconds to wait for one HTTP request.
    type: int
    default: 30
  api_retries:
    description:
      - How many times one request is repeated after a rate limit (HTTP 429, 503, honouring C(Retry-After)) or a
        transient failure, with the retry policy of the collection's modules. The source only reads (GET).
    type: int
    default: 5
  interval:
    description:
      - Seconds from the start of one poll to the start of the next. A poll that takes longer is followed at once
        by the next.
    type: int
    default: 60
  kinds:
    description:
      - What to watch. Each costs requests per poll, so watch what your rules use.
      - V(servers) (added, gone), V(references), V(null_routes) (the main public IPv4 address of each server) and
        V(private_networks) come from the server list that is read anyway.
      - V(hardware) reads the fleet's IPMI monitoring list, in pages of O(page_size). A metric is a state when it is
        C(ipmi_up) or C(up) (OK at V(1)) or its name ends in C(_state) (OK at V(0)), except
        C(ipmi_chassis_power_state), which is power. Servers without IPMI monitoring have none.
      - V(jobs) reads one page of one job per server; when its job count or first job changed, or a job runs, also
        its running jobs (one request), and each job that stopped running once. Jobs that started and ended between
        two polls are found in the server's whole job list (one request per 50 jobs). A failed job reads the
        server's jobs of its type once (one request per 50), for C(failed_in_a_row).
      - V(power) reads the power status of each server that has power control (feature C(power_cycle)).
      - V(bandwidth) and V(datatraffic) read the notification settings of that kind of each server.
    type: list
    elements: str
    choices: [servers, references, null_routes, private_networks, hardware, jobs, power, bandwidth, datatraffic]
    default: [servers, references, null_routes, private_networks, jobs, hardware]
  server_ids:
    description:
      - Watch only these servers. The server list is still read whole (the host names depend on it, and a server
        gone from it is gone), but only these servers have events and the per-server requests.
    type: list
    elements: str
  reference:
    description: Only servers with this reference (exact match, done by the API).
    type: str
  ip:
    description: Only the server with this IP address, done by the API.
    type: str
  mac_address:
    description: Only the server with this MAC address, done by the API.
    type: str
  site:
    description: Only servers in this site, such as V(AMS-01), done by the API (also for O(kinds=hardware)).
    type: str
  private_rack_id:
    description: Only servers in this dedicated rack, done by the API.
    type: str
  private_network_capable:
    description: Only servers that can (V(true)) or cannot (V(false)) join a private network.
    type: bool
  private_network_enabled:
    description: Only servers that are (V(true)) or are not (V(false)) in a private network.
    type: bool
  hostname:
    description:
      - How the host name of an event (C(host)) is made, as the O(leaseweb.dedicated.servers#inventory:hostname)
        option of the inventory (without V(serial_number), which needs the full records). Give the inventory's
        value, and the same filters, so that C(host) names the inventory's host.
    type: list
    elements: str
    choices: [reference, id, asset_id, public_ip, internal_ip, remote_management_ip]
    default: [reference, id]
  page_size:
    description: How many servers to ask for in one request of the server list (and of the monitoring list).
    type: int
    default: 100
  concurrency:
    description: How many requests to send at a time, for the pages and the per-server requests. Between 1 and 100.
    type: int
    default: 10
  state_file:
    description:
      - A file where the source keeps its snapshot, the events not yet handed over and their numbering (JSON,
        written atomically, readable by its owner only). With it, a restart continues where the source stopped;
        without it, a restart is a new baseline.
      - Its contents hold the fleet's server records, never the API key (only a hash of it, so that a state read with
        another key, URL, filters, O(server_ids) or O(hostname) is a new baseline).
    type: path
  emit_baseline:
    description:
      - Emit the first poll too, as the events that would have led to it, each with C(baseline=true):
        C(server_added) for every server, and C(address_null_routed), C(private_network_configured), C(power_off),
        C(job_started) (running jobs), C(hardware_not_ok) and the exceeded thresholds, for the kinds watched.
      - Only when there is no snapshot to compare with (no O(state_file), or a new one).
    type: bool
    default: false
notes:
  - 'Requests per poll: the server list, in pages of O(page_size) (as the inventory reads it), plus what O(kinds)
    need. Measured on the emulator of the collection with 10,000 servers, O(page_size=100): the list kinds 100
    requests; V(hardware) 96 more (the monitored servers); V(jobs) 10,000 more when nothing runs (one per server)
    and two more for each server that runs a job; V(power) 9,600 (the servers with power control); V(bandwidth)
    and V(datatraffic) 10,000 each. The default O(kinds) thus cost 10,196 requests a poll at 10,000 servers, the
    list kinds alone 100: at O(concurrency=10) and 50 ms a request, about 51 s and 0.5 s.'
  - Keep O(interval) above the time a poll takes, and the requests per minute within your account's rate limit;
    rate limits (HTTP 429) are waited for as C(Retry-After) says.
  - An unauthorized key (HTTP 401, 403) stops the source with the API's message; any other failure is logged as a
    warning and the next poll tries again.
  - ansible-rulebook runs this file as a script; it finds the rest of the collection in the collections path it
    is installed in (or E(ANSIBLE_COLLECTIONS_PATH)). It needs the Python library C(requests).
"""

EXAMPLES = r"""
# Retry a failed installation, from the whole account (the key from LEASEWEB_API_KEY).
- name: Leaseweb fleet
  hosts: all
  sources:
    - leaseweb.dedicated.fleet_events:
        interval: 60
        kinds: [jobs]
        state_file: /var/lib/eda/leaseweb-fleet.json
  rules:
    - name: Retry a failed installation
      condition: event.type == "job_failed" and event.job.type == "install"
      action:
        run_playbook:
          name: playbooks/retry_install.yml
          extra_vars:
            server_id: "{{ event.server_id }}"
            job_id: "{{ event.job.uuid }}"

# A ticket for every null route in one site, the key from an Automation Platform credential.
- name: Null routes in AMS-01
  hosts: all
  sources:
    - leaseweb.dedicated.fleet_events:
        api_key: "{{ leaseweb_api_key }}"
        site: AMS-01
        kinds: [null_routes]
  rules:
    - name: Open a ticket
      condition: event.type == "address_null_routed"
      action:
        run_job_template:
          name: Open a null route ticket
          organization: Default
          job_args:
            extra_vars:
              server_id: "{{ event.server_id }}"
              ip: "{{ event.ip }}"
"""

import sys
import os

try:
    from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._fleet_events import Source, settings_from
except ImportError:
    # ansible-rulebook runs this file as a script: the collection's own code is importable from the
    # collections path this file is installed in, or from the environment's collections paths.
    def _collections_path():
        parts = os.path.abspath(__file__).split(os.sep)
        found = [
            os.sep.join(parts[:index]) or os.sep for index, part in enumerate(parts) if part == 'ansible_collections'
        ]
        for variable in ('ANSIBLE_COLLECTIONS_PATH', 'ANSIBLE_COLLECTIONS_PATHS'):
            found.extend(path for path in os.environ.get(variable, '').split(os.pathsep) if path)
        found.extend([os.path.expanduser('~/.ansible/collections'), '/usr/share/ansible/collections'])
        for path in found:
            if os.path.isdir(os.path.join(path, 'ansible_collections', 'leaseweb', 'dedicated')):
                return path
        return None

    _PATH = _collections_path()
    if _PATH is None:
        raise
    sys.path.insert(0, _PATH)
    from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._fleet_events import Source, settings_from


async def main(queue, args):
    """Poll the fleet and put one event per change on ``queue`` until ansible-rulebook stops the source."""
    await Source(settings_from(args)).run(queue)


if __name__ == '__main__':
    # Try it without ansible-rulebook: print the events of the account in LEASEWEB_API_KEY.
    import asyncio
    import json

    class _Printer(object):
        async def put(self, event):
            print(json.dumps(event, sort_keys=True))

    asyncio.run(main(_Printer(), dict(interval=int(os.environ.get('LEASEWEB_INTERVAL', '60')))))
