# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The catalogue of the API: operating systems, control panels and rescue images."""


def control_panels(client, operating_system_id=None):
    """Every control panel, or those of an operating system (every page)."""
    path = (
        client.path('operatingSystems', operating_system_id, 'controlPanels')
        if operating_system_id
        else '/controlPanels'
    )
    return client.paginate(path, 'control_panels')


def operating_systems(client, control_panel_id=None):
    """Every operating system, or those a control panel runs on (every page)."""
    return client.paginate('/operatingSystems', 'operating_systems', dict(controlPanelId=control_panel_id))


def operating_system(client, operating_system_id, control_panel_id=None):
    """One operating system's catalogue entry, for a control panel or none (sent empty)."""
    return client.get(
        client.path('operatingSystems', operating_system_id), params=dict(controlPanelId=control_panel_id or '')
    )


def rescue_images(client, chassis=None, server_id=None):
    """Every rescue image, or those a chassis (or a server's, ``specs.chassis``) can boot (every page)."""
    if server_id:
        server = client.get(client.server_path(server_id))
        chassis = (server.get('specs') or {}).get('chassis') or None
    return client.paginate('/rescueImages', 'rescue_images', dict(chassis=chassis))
