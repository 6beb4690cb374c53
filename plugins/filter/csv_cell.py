# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: csv_cell
short_description: A value as one cell of a CSV file, quoted, and never run as a formula by a spreadsheet
version_added: 1.1.0
description:
  - Returns the text of the input as one CSV cell - in double quotes, its quotes doubled, when it holds a
    comma, a double quote or a line break (RFC 4180); as it is otherwise. V(None) gives an empty cell.
  - A cell a spreadsheet would run as a formula is neutralized as OWASP recommends against CSV injection
    - one whose text starts (after spaces) with C(=), C(+), C(-), C(@), a tab or a carriage return, or the
    full-width forms of the first four, gets a single quote in front (C('=HYPERLINK(...)) instead of
    C(=HYPERLINK(...))), so that spreadsheets show it as text. The value is otherwise kept as it is, line
    breaks too (inside the quotes), so that a CSV reader gets it back.
  - The collection's report playbook writes its CSV file with this filter.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
options:
  _input:
    description: The value of the cell.
    type: raw
    required: true
  neutralize:
    description: Put a single quote in front of a cell that would start a formula.
    type: bool
    default: true
seealso:
  - plugin: leaseweb.dedicated.printable
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write the servers' references as CSV
  ansible.builtin.copy:
    dest: references.csv
    mode: "0644"
    content: |
      id,reference
      {% for server in servers %}
      {{ server.id | leaseweb.dedicated.csv_cell }},{{ server.reference | leaseweb.dedicated.csv_cell }}
      {% endfor %}
  vars:
    servers:
      - {id: "12345", reference: "web, edge"}                # "web, edge"
      - {id: "12573", reference: '=HYPERLINK("x","y")'}      # "'=HYPERLINK(""x"",""y"")"
      - {id: "13058", reference: null}                       # an empty cell
"""

RETURN = r"""
_value:
  description: The cell, as it goes between two commas of the line.
  type: str
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import csv_cell


class FilterModule(object):
    def filters(self):
        return {'csv_cell': csv_cell}
