#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: rescue_image_info
short_description: List the rescue images a Leaseweb dedicated server can boot
version_added: 1.0.0
description:
  - Returns the id and name of every rescue image, reading every page of the list; with O(chassis) or
    O(server_id), only those that chassis can boot (FreeBSD, for example, is not offered for ARM
    servers).
  - Boot one with O(leaseweb.dedicated.rescue_mode#module:rescue_image_id).
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api
  - leaseweb.dedicated._attributes
  - leaseweb.dedicated._attributes.ACTION_GROUP
  - leaseweb.dedicated._attributes.INFO_MODULE
options:
  chassis:
    description:
      - Only the images this server chassis can boot (the API's C(chassis) filter), for example
        V(HPE ProLiant RL300 Gen11).
    type: str
  server_id:
    description:
      - Only the images this server can boot; the module reads the server's chassis (C(specs.chassis))
        and filters on it. Cannot be combined with O(chassis).
    type: str
seealso:
  - module: leaseweb.dedicated.rescue_mode
"""

EXAMPLES = r"""
- name: List the rescue images server 12345 can boot
  leaseweb.dedicated.rescue_image_info:
    server_id: "12345"
  register: result

- name: Show their ids
  ansible.builtin.debug:
    msg: "{{ result.rescue_images | map(attribute='id') | list }}"
"""

RETURN = r"""
rescue_images:
  description: The rescue images, as returned by the API.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The id of the rescue image.
      type: str
      sample: GRML
    name:
      description: Its name.
      type: str
      sample: GRML Linux Rescue Image (amd64)
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: when O(server_id) is given
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._catalogue import rescue_images
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    params = module.params
    return dict(changed=False, rescue_images=rescue_images(module.client, params['chassis'], params['server_id']))


def main():
    module = LeasewebModule(
        dict(
            chassis=dict(type='str'),
            server_id=dict(type='str'),
        ),
        mutually_exclusive=[('chassis', 'server_id')],
    )
    module.run(run)


if __name__ == '__main__':
    main()
