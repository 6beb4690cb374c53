# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: credential
short_description: The password the API stores with a credential of a Leaseweb dedicated server
version_added: 1.1.0
description:
  - Returns the password stored with a server for a credential type and username, one for each server id
    given, read from the Dedicated Servers API v2 (C(GET /servers/{serverId}/credentials/{type}/{username})).
  - Made for the first connection after an installation or a rescue mode job, which store the root password
    the server got (the one given to the job, or one the platform generated) as the V(OPERATING_SYSTEM) or
    V(RESCUE_MODE) credential of user V(root); use it as C(ansible_password).
  - The password is a secret. The lookup itself never shows it, not at any verbosity, and it is never
    templated. Wherever it goes, keep it out of the output yourself - set C(no_log=true) on a task that gets it
    as an argument, and do not C(ansible.builtin.debug) it or C(register) it without C(no_log). As a connection
    variable (C(ansible_password)) it is not shown.
  - A server without that credential, or an unknown server, fails the lookup with the API's message.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api.LOOKUP
options:
  _terms:
    description:
      - The ids of the servers, as in the Customer Portal (for example V(12345)), such as the host variable
        C(leaseweb_id) the P(leaseweb.dedicated.servers#inventory) inventory sets.
    type: list
    elements: str
    required: true
  type:
    description:
      - The type of the credential. V(OPERATING_SYSTEM) is the login of the installed system (an installation
        stores it), V(RESCUE_MODE) the login of the rescue system (rescue mode stores it).
    type: str
    default: OPERATING_SYSTEM
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
      - The username of the credential. An installation of Windows stores V(Administrator), the other systems
        and rescue mode V(root).
    type: str
    default: root
seealso:
  - module: leaseweb.dedicated.credential_info
    description: Lists the credentials of a server, and reads one with its password.
  - module: leaseweb.dedicated.install
  - module: leaseweb.dedicated.rescue_mode
"""

EXAMPLES = r"""
# After an installation: log in as root with the password the installation stored. The key
# comes from LEASEWEB_API_KEY; ansible_password is a connection variable, never shown.
- name: Configure the installed system
  hosts: new_servers
  vars:
    ansible_user: root
    ansible_password: "{{ lookup('leaseweb.dedicated.credential', leaseweb_id) }}"
  tasks:
    - name: Check that the server answers
      ansible.builtin.ping:

# The login of the rescue system, handed to a module: no_log keeps it out of the output.
- name: Keep the rescue password
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Write it to a file only you can read
      ansible.builtin.copy:
        content: "{{ lookup('leaseweb.dedicated.credential', '12345', type='RESCUE_MODE') }}"
        dest: "~/.leaseweb-rescue-12345"
        mode: "0600"
      no_log: true
"""

RETURN = r"""
_raw:
  description:
    - The password of the credential, one for each server id given, in their order.
  type: list
  elements: str
"""

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import HAS_REQUESTS, LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._connection import (
    client_from_options,
    connection_problem,
    connection_warning,
)

display = Display()


class LookupModule(LookupBase):
    """The stored password of a credential, for each server id."""

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        if not HAS_REQUESTS:
            raise AnsibleError('leaseweb.dedicated.credential needs the Python library requests')
        connection = dict(
            (name, self.get_option(name))
            for name in ('api_key', 'api_url', 'validate_certs', 'api_timeout', 'api_retries')
        )
        if not connection['api_key']:
            raise AnsibleError(
                'leaseweb.dedicated.credential: api_key is empty: set it, or LEASEWEB_API_KEY in the environment'
            )
        problem = connection_problem(connection)
        if problem:
            raise AnsibleError('leaseweb.dedicated.credential: %s' % problem)
        warning = connection_warning(connection)
        if warning:
            display.warning('leaseweb.dedicated.credential: %s' % warning)
        credential_type, username = self.get_option('type'), self.get_option('username')
        server_ids = ['%s' % (term,) for term in terms]
        if not server_ids or not all(server_ids):
            raise AnsibleError(
                'leaseweb.dedicated.credential: name the server, for example '
                "lookup('leaseweb.dedicated.credential', leaseweb_id)"
            )
        client = client_from_options(connection)
        passwords = []
        try:
            for server_id in server_ids:
                display.vvv(
                    'leaseweb.dedicated.credential: reading the %s credential %s of server %s'
                    % (credential_type, username, server_id)
                )
                path = client.server_path(server_id, 'credentials', credential_type, username)
                credential = client.get_or_none(path, list_path=client.server_path(server_id, 'credentials'))
                if credential is None or credential.get('password') is None:
                    raise AnsibleError(
                        'leaseweb.dedicated.credential: server %s has no %s credential with username %s'
                        % (server_id, credential_type, username)
                    )
                passwords.append(credential['password'])
        except LeasewebError as e:
            raise AnsibleError('leaseweb.dedicated.credential: %s' % client.redact(e.msg))
        finally:
            client.close()
        return passwords
