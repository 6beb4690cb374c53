# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Input helpers of the module base."""

import pytest

from ansible_collections.leaseweb.dedicated.plugins.module_utils.module import parse_hostname


@pytest.mark.parametrize('value', [
    'mail.example.com',
    'mail.example.com.',
    'localhost',
    'a',
    's12345',
    'web-01.ams.example.net',
    'xn--bcher-kva.example',
    '1.2.3.4.in-addr.arpa',
    '%s.example.com' % ('a' * 63),
])
def test_parse_hostname_accepts_host_names(value):
    assert parse_hostname(value) == value


@pytest.mark.parametrize('value', [
    '',
    '.',
    'mail..example.com',
    '.example.com',
    '-web.example.com',
    'web-.example.com',
    'web_01.example.com',
    'mail example.com',
    'mail.example.com..',
    'http://mail.example.com',
    '%s.example.com' % ('a' * 64),
    '.'.join(['abcdefghi'] * 26),
])
def test_parse_hostname_refuses_what_is_not_one(value):
    with pytest.raises(ValueError) as error:
        parse_hostname(value)
    assert 'not a valid host name' in str(error.value)
    assert repr(value) in str(error.value)
