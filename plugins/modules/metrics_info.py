#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: metrics_info
short_description: Read the bandwidth or data traffic metrics of a Leaseweb dedicated server
version_added: 1.0.0
description:
  - Returns the public bandwidth (bits per second) or data traffic (bytes) of a server, inbound
    (C(DOWN_PUBLIC)) and outbound (C(UP_PUBLIC)), over the window from O(from) up to, not including,
    O(to).
  - With O(granularity), one value per interval; without it, one value for the whole window.
  - The combination of O(type), O(granularity) and O(aggregation) is checked against the API's rules
    before any request.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
  - leaseweb.dedicated._attributes.INFO_MODULE
options:
  server_id:
    description:
      - The id of the server, as in the Customer Portal (for example V(12345)).
    type: str
    required: true
  type:
    description:
      - V(bandwidth) reads the bandwidth in bits per second (unit C(bps)), V(datatraffic) the
        amount of data in bytes (unit C(B)).
    type: str
    required: true
    choices: [bandwidth, datatraffic]
  from:
    description:
      - The start of the window (included), an ISO-8601 date (V(2024-06-01), midnight UTC) or
        date and time (V(2024-06-01T12:00:00Z), V(2024-06-01T14:00:00+02:00)). A time without an
        offset is UTC. Fractions of a second are dropped.
    type: str
    required: true
  to:
    description:
      - The end of the window (not included), written as O(from); V(now) is the current time.
      - Must be after O(from).
    type: str
    default: now
  granularity:
    description:
      - The length of each interval. Not given, the API returns one value for the whole window.
      - V(bandwidth) takes V(5MIN), V(HOUR), V(DAY), V(WEEK), V(MONTH) or V(YEAR) (not with
        O(aggregation=95TH)); V(datatraffic) takes V(DAY), V(WEEK), V(MONTH) or V(YEAR).
    type: str
    choices: [5MIN, HOUR, DAY, WEEK, MONTH, YEAR]
  aggregation:
    description:
      - How the samples of an interval are combined.
      - V(bandwidth) takes V(AVG) (the default) or V(95TH), the 95th percentile, which the API
        computes over the whole window only (so without O(granularity)).
      - V(datatraffic) takes V(SUM) (the default).
    type: str
    choices: [AVG, 95TH, SUM]
seealso:
  - module: leaseweb.dedicated.notification_setting
"""

EXAMPLES = r"""
- name: Hourly average bandwidth of one day
  leaseweb.dedicated.metrics_info:
    server_id: "12345"
    type: bandwidth
    from: "2024-06-01"
    to: "2024-06-02"
    granularity: HOUR
  register: bandwidth

- name: Show the peak outbound hour
  ansible.builtin.debug:
    msg: "{{ bandwidth.metrics.UP_PUBLIC['values'] | map(attribute='value') | max }} bps"

- name: 95th percentile of the bandwidth in June, for billing
  leaseweb.dedicated.metrics_info:
    server_id: "12345"
    type: bandwidth
    from: "2024-06-01T00:00:00Z"
    to: "2024-07-01T00:00:00Z"
    aggregation: 95TH
  register: percentile

- name: Data traffic per day over the last week
  leaseweb.dedicated.metrics_info:
    server_id: "12345"
    type: datatraffic
    from: "{{ '%Y-%m-%d' | strftime(now(utc=true).timestamp() - 7 * 86400) }}"
    granularity: DAY
  register: traffic
"""

RETURN = r"""
metrics:
  description:
    - The series, by direction, as the API returns them.
  returned: success
  type: dict
  contains:
    DOWN_PUBLIC:
      description: Inbound traffic of the public interface, with its C(unit) (C(bps) or C(B)) and its
        C(values), each a C(timestamp) (the start of the interval) and a C(value).
      type: dict
      sample:
        unit: bps
        values:
          - {timestamp: "2024-06-01T00:00:00Z", value: 202499}
          - {timestamp: "2024-06-01T01:00:00Z", value: 29900}
    UP_PUBLIC:
      description: Outbound traffic of the public interface, shaped as RV(metrics.DOWN_PUBLIC).
      type: dict
      sample:
        unit: bps
        values:
          - {timestamp: "2024-06-01T00:00:00Z", value: 43212393}
          - {timestamp: "2024-06-01T01:00:00Z", value: 12342929}
metadata:
  description:
    - What the API computed, from its C(_metadata).
  returned: success
  type: dict
  contains:
    aggregation:
      description: The aggregation applied.
      type: str
      sample: AVG
    from:
      description: The start of the window.
      type: str
      sample: "2024-06-01T00:00:00Z"
    to:
      description: The end of the window.
      type: str
      sample: "2024-06-02T00:00:00Z"
    granularity:
      description: The interval of each value.
      type: str
      returned: when O(granularity) is given
      sample: HOUR
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

import datetime

from ansible_collections.leaseweb.dedicated.plugins.module_utils._metrics import UTC, metrics_query, read_metrics
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def main():
    module = LeasewebModule(
        {
            'server_id': dict(type='str', required=True),
            'type': dict(type='str', required=True, choices=['bandwidth', 'datatraffic']),
            'from': dict(type='str', required=True),
            'to': dict(type='str', default='now'),
            'granularity': dict(type='str', choices=['5MIN', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR']),
            'aggregation': dict(type='str', choices=['AVG', '95TH', 'SUM']),
        },
    )
    params = module.params
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    query = module.valid(
        metrics_query, params['type'], params['from'], params['to'], params['granularity'], params['aggregation'], now
    )

    def run(leaseweb):
        metrics, metadata = read_metrics(leaseweb.client, params['server_id'], params['type'], query)
        return dict(changed=False, metrics=metrics, metadata=metadata)

    module.run(run)


if __name__ == '__main__':
    main()
