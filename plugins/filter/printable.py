# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: printable
short_description: Escape the control characters of a text, so that it cannot forge a line
version_added: 1.1.0
description:
  - Returns the text of the input with every character that could forge a line or a row where it is
    printed escaped - a line feed as C(\n), a carriage return as C(\r), a tab as C(\t), any other
    control character (C0, DEL, C1) as C(\xNN), the Unicode line and paragraph separators and the
    bidirectional embeddings, overrides and isolates (which reorder what a terminal shows) as C(\uNNNN).
  - Use it on text that comes from the API (references, host names, task descriptions, error messages)
    wherever it is shown in a table or a line. The collection's playbooks do (the report's table, the
    summaries, the rescue login line); the modules' error messages are escaped the same way.
  - V(None) gives an empty text; any other value its text.
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
options:
  _input:
    description: The value to show.
    type: raw
    required: true
seealso:
  - plugin: leaseweb.dedicated.csv_cell
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Show a reference from the API on one line, whatever it holds
  ansible.builtin.debug:
    msg: "{{ leaseweb_id }}: {{ leaseweb_reference | leaseweb.dedicated.printable }}"
  # a reference "web-01\r\nok: [db-01]" shows as web-01\r\nok: [db-01], on one line
"""

RETURN = r"""
_value:
  description: The text, its control characters escaped.
  type: str
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import printable


class FilterModule(object):
    def filters(self):
        return {'printable': printable}
