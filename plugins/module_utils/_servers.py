# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The server list: its filters, and what the inventory and the fleet report show of a server record."""

import re

from ansible_collections.leaseweb.dedicated.plugins.module_utils._values import parse_ip

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


def list_servers(client, query=None, *, page_size=None, concurrency=1):
    """Every server of the list matching ``query`` (every page), each once.

    A server that a later page repeats (the list changed while it was read) is kept where it
    came first: the inventory, the fleet report and server_info all read the list this way.
    """
    options = dict(concurrency=concurrency)
    if page_size:
        options['page_size'] = page_size
    servers, seen = [], set()
    for server in client.paginate('/servers', 'servers', query, **options):
        if server.get('id') in seen:
            continue
        seen.add(server.get('id'))
        servers.append(server)
    return servers
