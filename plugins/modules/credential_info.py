#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
module: credential_info
short_description: List the credentials stored with a Leaseweb dedicated server, or read one with its password
version_added: 1.0.0
description:
  - Without O(username), lists the credentials stored with a server (every type, or one O(type)),
    reading every page. Lists hold types and usernames only, never passwords.
  - With O(type) and O(username), reads that one credential B(with its password). Installs, rescue
    mode and IPMI resets store the passwords they generate there.
  - B(The password is a secret.) Set C(no_log) to V(true) on a task that reads one, so that it is
    not shown in the output or written to logs; the registered result still holds it. Without
    C(no_log), the module returns the password anyway and warns.
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
      - Only credentials of this type. Required with O(username).
    type: str
    choices:
      - OPERATING_SYSTEM
      - RESCUE_MODE
      - REMOTE_MANAGEMENT
      - CONTROL_PANEL
      - SWITCH
      - PDU
      - FIREWALL
      - LOAD_BALANCER
      - VNC
      - TEMPORARY_OPERATING_SYSTEM
      - VPN_USER
      - COMBINATION_LOCK
      - DATABASE
  username:
    description:
      - Read the credential of O(type) with this username, including its password.
      - When the server has no such credential, RV(credentials) is empty (the module then lists the
        credentials of O(type) to make sure the server itself exists).
    type: str
seealso:
  - module: leaseweb.dedicated.credential
"""

EXAMPLES = r"""
- name: List every credential stored with a server (no passwords)
  leaseweb.dedicated.credential_info:
    server_id: "12345"
  register: result

- name: List the operating system credentials
  leaseweb.dedicated.credential_info:
    server_id: "12345"
    type: OPERATING_SYSTEM
  register: result

- name: Read the root password an install generated
  leaseweb.dedicated.credential_info:
    server_id: "12345"
    type: OPERATING_SYSTEM
    username: root
  no_log: true  # the result holds a password: keep it out of the output and the logs
  register: root_credential

- name: Use it without showing it
  ansible.builtin.set_fact:
    root_password: "{{ root_credential.credentials[0].password | default(omit) }}"
  no_log: true
"""

RETURN = r"""
credentials:
  description:
    - The credentials found, with keys as in the API. Without O(username), every credential of the
      server (or of O(type)); with it, that credential alone, or none when it does not exist.
  returned: success
  type: list
  elements: dict
  contains:
    type:
      description: The type of the credential.
      type: str
      sample: OPERATING_SYSTEM
    username:
      description: The username.
      type: str
      sample: root
    password:
      description:
        - B(A secret.) The stored password. Read the task with C(no_log=true).
      type: str
      returned: when O(username) is given and the credential exists
      sample: mys3cr3tp@ssw0rd
  sample:
    - type: OPERATING_SYSTEM
      username: root
    - type: REMOTE_MANAGEMENT
      username: admin
server_id:
  description: The id of the server the task concerned (O(server_id)).
  returned: success
  type: str
  sample: "12345"
  version_added: 1.1.0
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._credentials import (
    CREDENTIAL_TYPES,
    list_credentials,
    read_credential,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._module import LeasewebModule


def run(module):
    params = module.params
    if params['username'] is None:
        return dict(changed=False, credentials=list_credentials(module.client, params['server_id'], params['type']))
    credential = read_credential(module.client, params['server_id'], params['type'], params['username'])
    if credential is None:
        return dict(changed=False, credentials=[])
    if 'password' in credential:
        module.returns_secret('credential_info')
    return dict(changed=False, credentials=[credential])


def main():
    module = LeasewebModule(
        dict(
            server_id=dict(type='str', required=True),
            type=dict(type='str', choices=CREDENTIAL_TYPES),
            username=dict(type='str'),
        ),
        required_by=dict(username=['type']),
    )
    module.require_text('username')
    module.run(run)


if __name__ == '__main__':
    main()
