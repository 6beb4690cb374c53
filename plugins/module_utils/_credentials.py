# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The credentials stored with a server."""

# The credential types of the API (credentialType).
CREDENTIAL_TYPES = [
    'OPERATING_SYSTEM', 'RESCUE_MODE', 'REMOTE_MANAGEMENT', 'CONTROL_PANEL', 'SWITCH', 'PDU',
    'FIREWALL', 'LOAD_BALANCER', 'VNC', 'TEMPORARY_OPERATING_SYSTEM', 'VPN_USER',
    'COMBINATION_LOCK', 'DATABASE',
]
