#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: control_panel_info
short_description: List the control panels Leaseweb can install on a dedicated server
version_added: 1.0.0
description:
  - Returns the id and name of every control panel, reading every page of the list; with
    O(operating_system_id), only those that can be installed with that operating system.
  - Install one with O(leaseweb.dedicated.install#module:control_panel_id).
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
      - Only the control panels of this operating system, for example V(UBUNTU_22_04_64BIT).
    type: str
seealso:
  - module: leaseweb.dedicated.install
  - module: leaseweb.dedicated.operating_system_info
"""

EXAMPLES = r"""
- name: List every control panel
  leaseweb.dedicated.control_panel_info:
  register: result

- name: List the control panels of Ubuntu 22.04
  leaseweb.dedicated.control_panel_info:
    operating_system_id: UBUNTU_22_04_64BIT
  register: ubuntu

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ ubuntu.control_panels | map(attribute='name') | list }}"
"""

RETURN = r"""
control_panels:
  description: The control panels, as returned by the API; possibly none for an operating system.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The id of the control panel.
      type: str
      sample: PLESK_12
    name:
      description: Its name.
      type: str
      sample: Plesk 12
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._catalogue import control_panels
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    return dict(changed=False, control_panels=control_panels(module.client, module.params['operating_system_id']))


def main():
    module = LeasewebModule(dict(operating_system_id=dict(type='str')))
    module.require_text('operating_system_id')
    module.run(run)


if __name__ == '__main__':
    main()
