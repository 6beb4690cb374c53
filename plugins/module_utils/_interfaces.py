# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The network interfaces (switch ports) of a server."""

# The network types of the modules -> the API's networkTypeURL, and the API's networkType.
NETWORK_TYPE_URLS = dict(public='public', internal='internal', remote_management='remoteManagement')
NETWORK_TYPE_NAMES = dict(public='PUBLIC', internal='INTERNAL', remote_management='REMOTE_MANAGEMENT')


def read_network_interfaces(client, server_id, network_type=None):
    """The server's network interfaces: the one of ``network_type``, or all of them (None)."""
    if network_type:
        return [client.get(client.server_path(server_id, 'networkInterfaces', NETWORK_TYPE_URLS[network_type]))]
    answer = client.get(client.server_path(server_id, 'networkInterfaces')) or {}
    return list(answer.get('network_interfaces') or [])
