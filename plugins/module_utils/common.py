# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the inventory plugin and the modules share, without AnsibleModule.

The checks of the connection options, the client built from them, the parsing of
addresses and host names, the filters of the server list, and the API's names and values
that several plugins use. Nothing here imports AnsibleModule: the inventory plugin runs on
the controller, where there is none.
"""

import ipaddress
import re

from ansible_collections.leaseweb.dedicated.plugins.module_utils.api import (
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    LeasewebClient,
    api_url_problem,
    insecure_warning,
)


# The smallest value each numeric option accepts; checked before the first request.
MINIMUMS = dict(api_timeout=1, api_retries=0, wait_timeout=0, wait_sleep=1)


def below_minimum(options):
    """The message for the first option of MINIMUMS set below its minimum, or None."""
    for name, minimum in MINIMUMS.items():
        value = options.get(name)
        if value is not None and value < minimum:
            return '%s must be at least %s, got %s' % (name, minimum, value)
    return None


def connection_problem(options):
    """Why the connection options cannot be used, or None: checked before any request.

    An option below its minimum (MINIMUMS), or an ``api_url`` the API key must not be sent to
    (plain http:// to a host that is not a loopback address, or not a URL).
    """
    return below_minimum(options) or api_url_problem(options.get('api_url'))


def connection_warning(options):
    """The warning to show for these connection options (``validate_certs`` false over TLS), or None."""
    return insecure_warning(options.get('api_url'), options.get('validate_certs', True))


def client_from_options(options, **client_args):
    """A client built from the connection options (a dict, or anything with ``get``).

    ``client_args`` are passed on to :class:`LeasewebClient` (``pool_size``, ``user_agent``...).
    """
    return LeasewebClient(
        api_key=options.get('api_key'),
        api_url=options.get('api_url'),
        validate_certs=options.get('validate_certs', True),
        timeout=options.get('api_timeout') or DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES if options.get('api_retries') is None else options.get('api_retries'),
        **client_args
    )


def parse_ip(value):
    """``(address, version)`` of an IPv4/IPv6 address written with or without ``/prefix``.

    Raises ValueError with a readable message when it is not an address.
    """
    text = ('%s' % value).strip()
    address = text.split('/', 1)[0]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        raise ValueError('%r is not an IPv4 or IPv6 address' % (value,))
    if '/' in text:
        prefix = text.split('/', 1)[1]
        if not prefix.isdigit() or int(prefix) > parsed.max_prefixlen:
            raise ValueError('%r has an invalid prefix length' % (value,))
    return str(parsed), parsed.version


_HOST_LABEL = re.compile(r'^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')


def parse_hostname(value):
    """A host name (RFC 1123: dot-separated labels of letters, digits and hyphens, each 1 to
    63 characters, neither starting nor ending with a hyphen; 253 characters in all, an
    optional final dot), returned as given.

    Raises ValueError with a readable message when it is not one.
    """
    text = '%s' % (value,)
    labels = text[:-1].split('.') if text.endswith('.') else text.split('.')
    if not text or len(text.rstrip('.')) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        raise ValueError('%r is not a valid host name (letters, digits and hyphens in dot-separated labels)' % (value,))
    return text


# The filters of the server list (GET /servers): option name -> API query parameter.
SERVER_LIST_FILTERS = dict(
    reference='reference',
    ip='ip',
    mac_address='macAddress',
    site='site',
    private_rack_id='privateRackId',
    private_network_capable='privateNetworkCapable',
    private_network_enabled='privateNetworkEnabled',
)

MAC_ADDRESS = re.compile(r'^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$')


def server_list_query(options):
    """The query of GET /servers for the filter options that are set (a dict, or anything with ``get``).

    ``ip`` loses its ``/prefix``. Raises ValueError with a readable message, naming the
    option, for an ``ip`` or ``mac_address`` that is not one.
    """
    query = {}
    for option, name in SERVER_LIST_FILTERS.items():
        value = options.get(option)
        if value is None:
            continue
        if option == 'ip':
            try:
                value = parse_ip(value)[0]
            except ValueError as e:
                raise ValueError('ip: %s' % e)
        elif option == 'mac_address' and not MAC_ADDRESS.match(value):
            raise ValueError('mac_address: %r is not a MAC address like aa:bb:cc:dd:ee:ff' % (value,))
        query[name] = value
    return query


# The credential types of the API (credentialType).
CREDENTIAL_TYPES = [
    'OPERATING_SYSTEM', 'RESCUE_MODE', 'REMOTE_MANAGEMENT', 'CONTROL_PANEL', 'SWITCH', 'PDU',
    'FIREWALL', 'LOAD_BALANCER', 'VNC', 'TEMPORARY_OPERATING_SYSTEM', 'VPN_USER',
    'COMBINATION_LOCK', 'DATABASE',
]

# The network types of the modules -> the API's networkTypeURL, and the API's networkType.
NETWORK_TYPE_URLS = dict(public='public', internal='internal', remote_management='remoteManagement')
NETWORK_TYPE_NAMES = dict(public='PUBLIC', internal='INTERNAL', remote_management='REMOTE_MANAGEMENT')

# The notification setting lists (snake_case) of each kind, and the API's DDoS notification values.
NOTIFICATION_SETTING_LISTS = dict(bandwidth='bandwidth_notification_settings',
                                  datatraffic='datatraffic_notification_settings')
ENABLED = {'ENABLED': True, 'DISABLED': False}


def interface_address(interface):
    """The address of a network interface, without its prefix length (None without one)."""
    ip = (interface or {}).get('ip')
    return ip.split('/', 1)[0] if ip else None


def server_summary(server):
    """What the inventory and the fleet report both show of a server record (list or full, snake_case)."""
    contract = server.get('contract') or {}
    location = server.get('location') or {}
    public = (server.get('network_interfaces') or {}).get('public') or {}
    return dict(
        id=server.get('id'),
        asset_id=server.get('asset_id'),
        reference=contract.get('reference'),
        site=location.get('site'),
        rack=location.get('rack'),
        public_ip=interface_address(public),
        null_routed=public.get('null_routed'),
    )


def id_order(value):
    """Sort key of ids: numerically when they are numbers, then as text."""
    text = '%s' % (value,)
    return (0, int(text), text) if text.isdigit() else (1, 0, text)


def read_network_interfaces(client, server_id, network_type=None):
    """The server's network interfaces: the one of ``network_type``, or all of them (None)."""
    if network_type:
        return [client.get(client.server_path(server_id, 'networkInterfaces', NETWORK_TYPE_URLS[network_type]))]
    answer = client.get(client.server_path(server_id, 'networkInterfaces')) or {}
    return list(answer.get('network_interfaces') or [])
