#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: hardware_info
short_description: Read the hardware details and IPMI monitoring data of Leaseweb dedicated servers
version_added: 1.0.0
description:
  - With O(server_id), returns the result of the server's last hardware scan (CPUs, memory, disks with
    their SMART data, network cards, IPMI) in RV(hardware), and its hardware monitoring data (IPMI
    sensors - power state, fans, temperatures) in RV(monitoring).
  - Without O(server_id), returns the hardware monitoring data of every monitored server of the account
    that matches the filters, reading every page of the list.
  - Only servers with a remote management (IPMI) interface are monitored. Start a new hardware scan with
    M(leaseweb.dedicated.hardware_scan).
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
      - The id of one server to read. Cannot be combined with the filters.
    type: str
  site:
    description:
      - Only the monitoring data of servers in this site (data center), for example V(AMS-01).
    type: str
  location:
    description:
      - Only the monitoring data of servers in this location (rack), for example V(FRA-10-5.1.10-RM-SW01).
    type: str
seealso:
  - module: leaseweb.dedicated.hardware_scan
  - module: leaseweb.dedicated.server_info
"""

EXAMPLES = r"""
- name: Read the hardware of a server
  leaseweb.dedicated.hardware_info:
    server_id: "12345"
  register: result

- name: Show its disks and whether IPMI sees it powered on
  ansible.builtin.debug:
    msg:
      - "{{ result.hardware.result.disks | map(attribute='product') | list }}"
      - "{{ result.monitoring | map(attribute='metrics') | flatten | selectattr('metric', 'equalto', 'ipmi_chassis_power_state') | list }}"

- name: Read the monitoring data of every server in Amsterdam
  leaseweb.dedicated.hardware_info:
    site: AMS-01
  register: amsterdam

- name: List the servers with a drive fault
  ansible.builtin.debug:
    msg: >-
      {{ amsterdam.monitoring | selectattr('metrics', 'contains',
         {'metric': 'ipmi_chassis_drive_fault_state', 'name': None, 'value': '1'})
         | map(attribute='server_id') | list }}
"""

RETURN = r"""
hardware:
  description:
    - The result of the server's last hardware scan, as returned by the API with keys in snake_case;
      null when the server was never scanned.
  returned: with O(server_id)
  type: dict
  contains:
    id:
      description: The id of the scan result.
      type: str
      sample: "2378237"
    server_id:
      description: The id of the server.
      type: str
      sample: "12345"
    scanned_at:
      description: When the scan ran.
      type: str
      sample: "2025-03-11T08:53:49+00:00"
    parser_version:
      description: The version of the parser of the scan.
      type: str
      sample: "3.6"
    result:
      description: What the scan found - C(chassis), C(cpu), C(disks) (with C(smartctl) data), C(ipmi),
        C(memory) and C(network) (with LLDP data of the switch port).
      type: dict
monitoring:
  description:
    - The hardware monitoring data, as returned by the API with keys in snake_case - with O(server_id),
      one element (none when the server has no IPMI interface); without it, one per monitored server that
      matches the filters.
  returned: success
  type: list
  elements: dict
  contains:
    server_id:
      description: The id of the server.
      type: str
      sample: "12345"
    scraped_at:
      description: When the data was collected.
      type: str
      sample: "2025-03-11T09:50:00+00:00"
    ipmi_info:
      description: The IPMI controller (C(bmc_url), C(firmware_revision), C(manufacturer_id),
        C(system_firmware_version)).
      type: dict
    metrics:
      description: The sensor readings, each with C(metric), C(name) (the sensor, or null) and C(value)
        (a string).
      type: list
      elements: dict
      sample:
        - {metric: ipmi_chassis_power_state, name: null, value: "1"}
        - {metric: ipmi_temperature_celsius, name: 01-Inlet Ambient, value: "24"}
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: when O(server_id) is given
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._hardware import fleet_monitoring, server_hardware
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    params = module.params
    if params['server_id']:
        hardware, monitoring = server_hardware(module.client, params['server_id'])
        return dict(changed=False, hardware=hardware, monitoring=monitoring)
    return dict(changed=False, monitoring=fleet_monitoring(module.client, params['site'], params['location']))


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str'),
            site=dict(type='str'),
            location=dict(type='str'),
        ),
        mutually_exclusive=[('server_id', 'site'), ('server_id', 'location')],
    )
    module.run(run)


if __name__ == '__main__':
    main()
