# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Text shown to people: counted nouns, and text from the API, hostile until shown otherwise.

The filters printable and csv_cell are these functions; the client, the modules and the
inventory use them too (nothing here imports AnsibleModule).

- :func:`counted` is a count and its noun in the right number (``1 server``, ``2 servers``).

- :func:`printable` escapes the characters that could forge a line or a row where a value is
  printed (a table, a summary, a message): line breaks, every other control character, the
  Unicode line and paragraph separators, and the bidirectional overrides that reorder what a
  terminal shows.
- :func:`csv_cell` makes a value one cell of a CSV file (RFC 4180 quoting), neutralized as OWASP
  recommends against CSV injection: a cell a spreadsheet would run as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, also after spaces, and their full-width
  forms) starts with a single quote, so that it is shown as text.
"""

import re

# C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional embeddings,
# overrides and isolates.
CONTROL = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]')
NAMED = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}

# What a spreadsheet takes for the start of a formula (OWASP, CSV injection), and the full-width
# forms some spreadsheets read the same way.
FORMULA_START = ('=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20')
NEEDS_QUOTES = re.compile('[",\r\n]')


def _escape(match):
    char = match.group(0)
    if char in NAMED:
        return NAMED[char]
    code = ord(char)
    return '\\x%02x' % code if code < 0x100 else '\\u%04x' % code


def text_of(value):
    """The text of a value: '' for None, the text of anything else."""
    if value is None:
        return ''
    return value if isinstance(value, str) else '%s' % (value,)


def printable(value):
    """The text of ``value`` with its control characters escaped (``\\n``, ``\\r``, ``\\x1b``, ``\\u202e``)."""
    return CONTROL.sub(_escape, text_of(value))


def csv_cell(value, neutralize=True):
    """``value`` as one CSV cell: quoted when it must be (RFC 4180), a would-be formula made text."""
    text = text_of(value)
    if neutralize and text.lstrip(' ').startswith(FORMULA_START):
        text = "'" + text
    if NEEDS_QUOTES.search(text):
        text = '"%s"' % text.replace('"', '""')
    return text


def counted(number, singular, plural=None):
    """``1 server``, ``2 servers``: a count and its noun, in the right number (``plural`` when not
    ``singular`` + s)."""
    return '%d %s' % (number, singular if number == 1 else plural or singular + 's')
