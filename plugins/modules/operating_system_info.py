#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: operating_system_info
short_description: List the operating systems Leaseweb can install on a dedicated server, or read one
version_added: 1.0.0
description:
  - With O(operating_system_id), returns that operating system with its installation defaults (device
    and partitions), its features and the file systems and boot devices it supports; what
    M(leaseweb.dedicated.install) accepts for it.
  - Without it, returns the id and name of every operating system, reading every page of the list;
    with O(control_panel_id), only those that can be installed with that control panel.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
  - leaseweb.dedicated._attributes.INFO_MODULE
options:
  operating_system_id:
    description:
      - The id of one operating system to read, for example V(UBUNTU_24_04_64BIT).
    type: str
  control_panel_id:
    description:
      - Without O(operating_system_id), only the operating systems that can be installed with this
        control panel, for example V(PLESK_12).
      - With O(operating_system_id), the control panel to read the operating system's defaults for
        (the API's C(controlPanelId) parameter); if not set, the defaults without a control panel.
    type: str
seealso:
  - module: leaseweb.dedicated.install
  - module: leaseweb.dedicated.control_panel_info
"""

EXAMPLES = r"""
- name: List every operating system
  leaseweb.dedicated.operating_system_info:
  register: result

- name: Show the Ubuntu ones
  ansible.builtin.debug:
    msg: "{{ result.operating_systems | selectattr('id', 'match', 'UBUNTU_') | map(attribute='name') | list }}"

- name: Read the default partitions of Debian 12
  leaseweb.dedicated.operating_system_info:
    operating_system_id: DEBIAN_12_64BIT
  register: debian

- name: Show them
  ansible.builtin.debug:
    msg: "{{ debian.operating_systems[0].defaults.partitions }}"

- name: List the operating systems that can be installed with cPanel
  leaseweb.dedicated.operating_system_info:
    control_panel_id: CPANEL_PREMIER_100
"""

RETURN = r"""
operating_systems:
  description:
    - The operating systems, as returned by the API with keys in snake_case - with O(operating_system_id)
      one element with every field below; without it, each with its C(id) and C(name) only.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The id of the operating system, what O(leaseweb.dedicated.install#module:operating_system_id) takes.
      type: str
      sample: UBUNTU_24_04_64BIT
    name:
      description: Its name.
      type: str
      sample: Ubuntu 24.04 LTS (Noble Numbat) (amd64)
    family:
      description: Its family.
      type: str
      sample: ubuntu
    version:
      description: Its version.
      type: str
      sample: "24.04"
    type:
      description: Its type.
      type: str
      sample: linux
    architecture:
      description: Its architecture.
      type: str
      sample: 64bit
    configurable:
      description: Whether its installation can be configured (partitions, device).
      type: bool
      sample: true
    defaults:
      description: The installation defaults, C(device) and C(partitions) (each with C(mountpoint),
        C(filesystem), C(size)).
      type: dict
      sample:
        device: SATA_SAS
        partitions:
          - {mountpoint: /boot, filesystem: ext4, size: "1024"}
          - {filesystem: swap, size: "4096"}
          - {mountpoint: /, filesystem: ext4, size: "*"}
    features:
      description: What its installation supports, such as C(PARTITIONING), C(SW_RAID), C(TIMEZONE),
        C(HOSTNAME), C(SSH_KEYS), C(POST_INSTALL_SCRIPTS), C(CONTROL_PANEL).
      type: list
      elements: str
    supported_file_systems:
      description: The file systems a partition can have.
      type: list
      elements: str
      sample: [ext2, ext3, ext4, xfs, swap]
    supported_boot_devices:
      description: The devices it can be installed on (besides the server's disk sets).
      type: list
      elements: str
      sample: [SATA_SAS, NVME]
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._catalogue import operating_system, operating_systems
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    params = module.params
    if params['operating_system_id']:
        entry = operating_system(module.client, params['operating_system_id'], params['control_panel_id'])
        return dict(changed=False, operating_systems=[entry])
    return dict(changed=False, operating_systems=operating_systems(module.client, params['control_panel_id']))


def main():
    module = LeasewebModule(
        dict(
            operating_system_id=dict(type='str'),
            control_panel_id=dict(type='str'),
        )
    )
    module.require_text('operating_system_id', 'control_panel_id')
    module.run(run)


if __name__ == '__main__':
    main()
