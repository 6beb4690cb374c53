# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A server's hardware: its last hardware scan, and the IPMI monitoring data of servers."""


def server_hardware(client, server_id):
    """``(hardware, monitoring)`` of a server: its last scan (None without one) and its monitoring data (a
    list of none or one). A server that does not exist fails."""
    hardware = client.get_or_none(client.server_path(server_id, 'hardwareInfo'))
    monitoring = client.get_or_none(client.server_path(server_id, 'hardwareMonitoring'))
    if hardware is None:
        # a 404 can also mean the server does not exist: let that fail clearly
        client.get(client.server_path(server_id))
    return hardware, [monitoring] if monitoring is not None else []


def fleet_monitoring(client, site=None, location=None):
    """The monitoring data of every server (of a site, or a location), every page."""
    return client.paginate('/hardwareMonitoring', 'servers', dict(site=site, location=location))
