# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.rescue_image_info in process: every page of the rescue images, for a
chassis or for the chassis of a server."""

EVERY_IMAGE = ['GRML', 'CENTOS_7', 'ROCKY_LINUX', 'FREEBSD']


def test_every_page_of_the_rescue_images_is_read(modules):
    modules.settings(max_limit=3)
    run = modules.run('rescue_image_info')
    assert not run.changed and not run.failed
    assert [image['id'] for image in run['rescue_images']] == EVERY_IMAGE
    assert run['rescue_images'][0] == {'id': 'GRML', 'name': 'GRML Linux Rescue Image (amd64)'}
    assert run.calls == ['GET /rescueImages?limit=50&offset=0', 'GET /rescueImages?limit=50&offset=3']


def test_the_chassis_filter_goes_to_the_api_in_check_mode(modules):
    run = modules.run('rescue_image_info', chassis='HPE ProLiant RL300 Gen11', check_mode=True)
    assert not run.changed and not run.failed
    # an ARM chassis: no FreeBSD
    assert [image['id'] for image in run['rescue_images']] == EVERY_IMAGE[:3]
    assert run.calls == ['GET /rescueImages?chassis=HPE ProLiant RL300 Gen11&limit=50&offset=0']


def test_the_images_of_a_server_are_those_of_its_chassis(modules):
    modules.settings(max_limit=3)
    status, server = modules.api('GET', '/servers/12345')
    assert status == 200
    chassis = server['specs']['chassis']
    run = modules.run('rescue_image_info', server_id='12345')
    assert not run.failed
    assert [image['id'] for image in run['rescue_images']] == EVERY_IMAGE
    assert run.calls == [
        'GET /servers/12345',
        'GET /rescueImages?chassis=%s&limit=50&offset=0' % chassis,
        'GET /rescueImages?chassis=%s&limit=50&offset=3' % chassis,
    ]
