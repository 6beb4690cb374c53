# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The areas of a server's declared state, written once: the options of server_config
# (DOCUMENTATION) and the suboptions of each entry of fleet_config's servers (FLEET). The
# texts are built below the class, so that both hold the same words; "@" in an option
# reference stands for where the areas are (nothing, or servers[].).

AREAS = r"""
reference:
  description:
    - The reference (label) of the server. An empty string removes it.
    - One line of printable text.
  type: str
ips:
  description:
    - The reverse lookup and DDoS detection profile of the server's IP addresses.
    - All declared addresses are read with one request (C(GET /servers/{id}/ips), every address with
      O(@ips.state=overridden)); each address that differs is one C(PUT).
  type: dict
  suboptions:
    state:
      description:
        - V(merged) sets what is given on the addresses listed and leaves everything else as it is.
        - V(overridden) makes every address of the server exactly as declared - a setting not given,
          on an address listed or not, goes back to its default, no reverse lookup and the
          V(ADVANCED_DEFAULT) profile (for addresses with Advanced DDoS IP Protection).
      type: str
      choices: [merged, overridden]
      default: merged
    addresses:
      description:
        - The addresses and what to set on each. An address the server does not have fails the
          server before anything is written.
      type: list
      elements: dict
      default: []
      suboptions:
        ip:
          description: The address, IPv4 or IPv6, with or without its C(/prefix) (V(192.0.2.10)). Each address once.
          type: str
          required: true
        reverse_lookup:
          description: The host name of its reverse lookup (PTR); an empty string removes it. Not set, left as it is (V(merged)).
          type: str
        detection_profile:
          description:
            - Its DDoS detection profile. Only addresses with Advanced DDoS IP Protection have one; for
              others the server fails before anything is written.
          type: str
          choices: [ADVANCED_DEFAULT, ADVANCED_LOW_UDP, ADVANCED_MED_UDP]
interfaces:
  description:
    - The switch ports of the server, V(open) or V(closed); a port not set is left as it is. One
      port is read alone, several with one request; each that differs is one request.
  type: dict
  suboptions:
    public:
      description: The public switch port.
      type: str
      choices: [open, closed]
    internal:
      description: The internal switch port (a server without one fails).
      type: str
      choices: [open, closed]
    remote_management:
      description: The remote management switch port.
      type: str
      choices: [open, closed]
ddos_notifications:
  description: The DDoS notification emails; a value not set is left as it is.
  type: dict
  suboptions:
    nulling:
      description: Whether Leaseweb sends an email when an address of the server is null routed to stop an attack.
      type: bool
    scrubbing:
      description: Whether Leaseweb sends an email when the traffic of the server is scrubbed to stop an attack.
      type: bool
bandwidth_notifications:
  description:
    - The bandwidth notification settings of the server.
    - Settings are compared by frequency, unit and threshold as a number (V(1.0) is V(1)).
  type: dict
  suboptions:
    state:
      description:
        - V(merged) creates the declared settings that are missing and leaves the others.
        - V(overridden) also removes every setting that is not declared (an empty O(@bandwidth_notifications.settings)
          removes them all), and the copies of a declared one - of identical settings, the one with the lowest id stays.
      type: str
      choices: [merged, overridden]
      default: merged
    settings:
      description: The settings.
      type: list
      elements: dict
      required: true
      suboptions:
        frequency:
          description: How often the threshold is checked.
          type: str
          required: true
          choices: [DAILY, WEEKLY, MONTHLY]
        threshold:
          description: The threshold, a positive number such as V(1), V(500) or V(1.5).
          type: str
          required: true
        unit:
          description: The unit of the threshold.
          type: str
          required: true
          choices: [Mbps, Gbps]
datatraffic_notifications:
  description:
    - The data traffic notification settings of the server, as O(@bandwidth_notifications).
  type: dict
  suboptions:
    state:
      description: V(merged) or V(overridden), as O(@bandwidth_notifications.state).
      type: str
      choices: [merged, overridden]
      default: merged
    settings:
      description: The settings.
      type: list
      elements: dict
      required: true
      suboptions:
        frequency:
          description: How often the threshold is checked.
          type: str
          required: true
          choices: [DAILY, WEEKLY, MONTHLY]
        threshold:
          description: The threshold, a positive number.
          type: str
          required: true
        unit:
          description: The unit of the threshold.
          type: str
          required: true
          choices: [MB, GB, TB]
private_network:
  description:
    - The server's membership of a private network, waited for as O(wait) says.
  type: dict
  suboptions:
    id:
      description: The id of the private network.
      type: str
      required: true
    link_speed:
      description: The link speed in Mbps; required with V(present).
      type: int
      choices: [100, 1000, 10000, 25000, 40000, 100000]
    state:
      description: V(present) to be a member at O(@private_network.link_speed), V(absent) not to be one.
      type: str
      choices: [present, absent]
      default: present
credentials:
  description:
    - Credentials to store with the server. Credentials not listed are left as they are (installs and
      IPMI resets store theirs). Each credential is read with its password, which is compared and never shown
      (the diff says C((hidden, changed))).
  type: list
  elements: dict
  suboptions:
    type:
      description: The type of the credential.
      type: str
      required: true
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
      description: The username. Each type and username once.
      type: str
      required: true
    password:
      description: The password to store; required with V(present). Keep it in Ansible Vault.
      type: str
    update_password:
      description:
        - V(always) replaces a stored password that differs; V(on_create) sets it only when the
          credential is created.
      type: str
      choices: [always, on_create]
      default: always
    state:
      description: V(absent) removes the credential from the API's records.
      type: str
      choices: [present, absent]
      default: present
dhcp_lease:
  description: The DHCP lease of the server (network boot). Another lease replaces the current one (a delete, then a create).
  type: dict
  suboptions:
    bootfile:
      description: The URL of the boot file (for example an iPXE script); required with V(present).
      type: str
    hostname:
      description: The host name the lease gives. Not set, the current lease's is kept.
      type: str
    state:
      description: V(present) or V(absent).
      type: str
      choices: [present, absent]
      default: present
power:
  description:
    - V(on) or V(off), waited for as O(wait) says. Use M(leaseweb.dedicated.power) for a power cycle, which is not a state.
  type: str
  choices: ['on', 'off']
"""

WAIT = r"""
wait:
  description:
    - Whether to wait for what the API does after the request - a private network membership to be
      configured or removed, the power to show the state asked for.
  type: bool
  default: true
wait_timeout:
  description: How many seconds each wait may last; the server then fails, with what it changed so far reported.
  type: int
  default: 900
wait_sleep:
  description: The longest pause, in seconds, between two reads while waiting (the first read again comes after 1 second).
  type: int
  default: 10
"""


class ModuleDocFragment(object):
    """The areas of server_config and fleet_config (DOCUMENTATION and FLEET are set below)."""


def _indent(text, spaces):
    return ''.join(' ' * spaces + line if line.strip() else line for line in text.strip('\n').splitlines(True))


# server_config: the areas and the wait options at the top level
ModuleDocFragment.DOCUMENTATION = 'options:\n%s\n%s\n' % (_indent(AREAS.replace('O(@', 'O('), 2), _indent(WAIT, 2))

# fleet_config: the areas as suboptions of each entry of servers, beside server_id and host
ModuleDocFragment.FLEET = r"""
options:
  servers:
    description:
      - The servers and the state declared for each, with the options of M(leaseweb.dedicated.server_config).
      - Each server once. An entry that declares nothing fails the task before any request.
    type: list
    elements: dict
    required: true
    suboptions:
      server_id:
        description: The id of the server.
        type: str
        required: true
      host:
        description:
          - A name for the server in the results and the diff, such as its inventory host name. Not sent to the API.
        type: str
%s
%s
""" % (_indent(AREAS.replace('O(@', 'O(servers[].'), 6), _indent(WAIT, 2))
