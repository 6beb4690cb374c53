# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Values given by users, checked before any request: addresses, host names, ids."""

import ipaddress
import re


def parse_ip(value):
    """``(address, version)`` of an IPv4/IPv6 address written with or without ``/prefix``.

    Raises ValueError with a readable message when it is not an address.
    """
    text = ('%s' % value).strip()
    address = text.split('/', 1)[0]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        raise ValueError('%r is not an IPv4 or IPv6 address' % (value,))
    if '/' in text:
        prefix = text.split('/', 1)[1]
        if not prefix.isdigit() or int(prefix) > parsed.max_prefixlen:
            raise ValueError('%r has an invalid prefix length' % (value,))
    return str(parsed), parsed.version


_HOST_LABEL = re.compile(r'^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')


def parse_hostname(value):
    """A host name (RFC 1123: dot-separated labels of letters, digits and hyphens, each 1 to
    63 characters, neither starting nor ending with a hyphen; 253 characters in all, an
    optional final dot), returned as given.

    Raises ValueError with a readable message when it is not one.
    """
    text = '%s' % (value,)
    labels = text[:-1].split('.') if text.endswith('.') else text.split('.')
    if not text or len(text.rstrip('.')) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        raise ValueError('%r is not a valid host name (letters, digits and hyphens in dot-separated labels)' % (value,))
    return text


def id_order(value):
    """Sort key of ids: numerically when they are numbers, then as text."""
    text = '%s' % (value,)
    return (0, int(text), text) if text.isdigit() else (1, 0, text)


def check_url(name, value):
    """Raise ValueError unless ``value`` is None or an http(s) URL with a host."""
    if value is None:
        return
    scheme, _sep, rest = ('%s' % value).partition('://')
    host = rest.split('/', 1)[0]
    if scheme.lower() not in ('http', 'https') or not host or ' ' in value:
        raise ValueError('%s: %r is not an http:// or https:// URL' % (name, value))
