# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bandwidth, data traffic and DDoS notification settings of a server."""

# The notification setting lists (snake_case) of each kind, and the API's DDoS notification values.
NOTIFICATION_SETTING_LISTS = dict(bandwidth='bandwidth_notification_settings',
                                  datatraffic='datatraffic_notification_settings')
ENABLED = {'ENABLED': True, 'DISABLED': False}
