# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.control_panel_info in process: every page of the control panels, or those
of one operating system."""

EVERY_PANEL = [
    'CPANEL_PREMIER_100',
    'CPANEL_PREMIER_150',
    'CPANEL_PREMIER_200',
    'CPANEL_PREMIER_250',
    'PLESK_12',
    'PLESK_DEDSER_WEB_ADMIN',
    'PLESK_DEDSER_WEB_PRO',
    'PLESK_DEDSER_WEB_HOST',
    'VESTA',
]


def test_every_page_of_the_control_panels_is_read(modules):
    modules.settings(max_limit=4)
    run = modules.run('control_panel_info')
    assert not run.changed and not run.failed
    assert [panel['id'] for panel in run['control_panels']] == EVERY_PANEL
    assert run['control_panels'][0] == {'id': 'CPANEL_PREMIER_100', 'name': 'cPanel Premier 100'}
    assert run.calls == ['GET /controlPanels?limit=50&offset=%d' % offset for offset in (0, 4, 8)]


def test_the_control_panels_of_an_operating_system_in_check_mode(modules):
    modules.settings(max_limit=4)
    run = modules.run('control_panel_info', operating_system_id='UBUNTU_22_04_64BIT', check_mode=True)
    assert not run.changed and not run.failed
    # a subset of every panel, without VESTA
    assert [panel['id'] for panel in run['control_panels']] == EVERY_PANEL[:-1]
    assert run.calls == [
        'GET /operatingSystems/UBUNTU_22_04_64BIT/controlPanels?limit=50&offset=%d' % offset for offset in (0, 4)
    ]


def test_an_operating_system_without_control_panels(modules):
    run = modules.run('control_panel_info', operating_system_id='ESXI_7_0_64BIT')
    assert not run.failed
    assert run['control_panels'] == []
    assert run.calls == ['GET /operatingSystems/ESXI_7_0_64BIT/controlPanels?limit=50&offset=0']
