# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.operating_system_info in process: every page of the catalogue, the control
panel filter, one system with its details."""


def test_every_page_of_the_catalogue_is_read(modules):
    modules.settings(max_limit=10)
    run = modules.run('operating_system_info')
    assert not run.changed and not run.failed
    systems = run['operating_systems']
    assert len(systems) == 30
    assert len(set(system['id'] for system in systems)) == 30
    assert sorted(systems[0]) == ['id', 'name']
    assert run.calls == ['GET /operatingSystems?limit=50&offset=%d' % offset for offset in (0, 10, 20)]


def test_the_control_panel_filter_goes_to_the_api_in_check_mode(modules):
    run = modules.run('operating_system_info', control_panel_id='CPANEL_PREMIER_100', check_mode=True)
    assert not run.changed and not run.failed
    assert [system['id'] for system in run['operating_systems']] == [
        'ALMALINUX_8_64BIT',
        'ALMALINUX_9_64BIT',
        'CENTOS_7_64BIT',
        'ROCKY_LINUX_8_64BIT',
        'ROCKY_LINUX_9_64BIT',
        'UBUNTU_22_04_64BIT',
    ]
    assert run.calls == ['GET /operatingSystems?controlPanelId=CPANEL_PREMIER_100&limit=50&offset=0']


def test_one_system_with_its_defaults(modules):
    run = modules.run('operating_system_info', operating_system_id='DEBIAN_12_64BIT')
    assert not run.changed and not run.failed
    assert len(run['operating_systems']) == 1
    debian = run['operating_systems'][0]
    assert debian['id'] == 'DEBIAN_12_64BIT'
    assert debian['configurable'] is True
    assert debian['defaults']['partitions'][-1]['size'] == '*'
    assert 'ext4' in debian['supported_file_systems']
    assert 'SATA_SAS' in debian['supported_boot_devices']
    # an empty controlPanelId: the system without a control panel
    assert run.calls == ['GET /operatingSystems/DEBIAN_12_64BIT?controlPanelId=']


def test_one_system_for_a_control_panel(modules):
    run = modules.run('operating_system_info', operating_system_id='UBUNTU_22_04_64BIT', control_panel_id='PLESK_12')
    assert not run.failed
    assert [system['id'] for system in run['operating_systems']] == ['UBUNTU_22_04_64BIT']
    assert run.calls == ['GET /operatingSystems/UBUNTU_22_04_64BIT?controlPanelId=PLESK_12']
