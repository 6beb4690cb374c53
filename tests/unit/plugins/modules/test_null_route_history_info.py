# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""leaseweb.dedicated.null_route_history_info in-process: every page, newest first, failures.

Server 12345 has no null route history in the seeded fleet; 12669 (the third server) has one entry.
"""

HISTORY = '/servers/12345/nullRouteHistory'


def test_a_server_without_history_reads_one_empty_page(modules):
    run = modules.run('null_route_history_info', server_id='12345')
    assert not run.changed and not run.failed
    assert run['null_routes'] == []
    assert run.calls == ['GET %s?limit=50&offset=0' % HISTORY]


def test_every_page_is_read_newest_first(modules):
    modules.run('null_route', server_id='12345', ip='192.0.2.10')
    modules.run('null_route', server_id='12345', ip='192.0.2.10', state='absent')
    modules.run('null_route', server_id='12345', ip='192.0.2.10')
    modules.settings(max_limit=1)
    run = modules.run('null_route_history_info', server_id='12345', check_mode=True)
    assert not run.changed
    newest, older = run['null_routes']
    assert newest['ip'] == older['ip'] == '192.0.2.10/32'
    assert newest['null_level'] == older['null_level'] == 1
    assert newest['comment'] == 'Null route requested through the API'
    assert newest['ticket_id'] == ''
    assert newest['nulled_at'] > older['nulled_at']
    assert older['nulled_at'] < older['automated_unnulling_at'] < newest['nulled_at']
    assert newest['automated_unnulling_at'] > newest['nulled_at']
    # one page of one entry each, as many as there are entries: no empty page after the last
    assert run.calls == ['GET %s?limit=50&offset=0' % HISTORY, 'GET %s?limit=50&offset=1' % HISTORY]


def test_a_seeded_null_route_set_by_leaseweb_comes_back_in_snake_case(modules):
    run = modules.run('null_route_history_info', server_id='12669')
    assert run['null_routes'] == [
        {
            'automated_unnulling_at': '2024-06-16T00:00:00+00:00',
            'comment': 'Device Null Route related to DDoS Mitigation',
            'ip': '95.211.0.1/32',
            'null_level': 3,
            'nulled_at': '2024-06-15T00:00:00+00:00',
            'ticket_id': '999059',
        }
    ]
    assert run.calls == ['GET /servers/12669/nullRouteHistory?limit=50&offset=0']
