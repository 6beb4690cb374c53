# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Text from the API is data, never a template.

A server's reference (and any other string the API returns) is written by whoever can edit the
account, so it must never run as a Jinja2 expression where Ansible shows it. The inventory marks
such strings unsafe (:func:`make_unsafe`); the event source cannot mark anything in an event (events
travel as JSON and YAML), so it writes them inert (:func:`inert`).

Only :func:`make_unsafe` needs ansible-core; the rest is pure Python, for the event source.
"""

try:
    # ansible-core 2.19 and later: data from an inventory plugin is not trusted as a template
    # (trusted_by_default in the inventory), and ansible-inventory --export writes every untrusted
    # string as {"__ansible_unsafe": ...}; strings that cannot be templates are marked trusted instead
    from ansible.template import trust_as_template

    wrap_var = None
except ImportError:
    trust_as_template = None
    try:  # ansible-core 2.18 and older: strings that could be templates are wrapped as unsafe
        from ansible.utils.unsafe_proxy import wrap_var
    except ImportError:  # no ansible-core (the event source under ansible-rulebook): make_unsafe is not for use there
        wrap_var = None


def could_be_template(text):
    """True when a string could be a template: it holds ``{`` or ``}`` (``{{``, ``{%``, ``{#``), or
    the ``#jinja2:`` header that changes the delimiters."""
    return '{' in text or '}' in text or '#jinja2:' in text


def make_unsafe(value, known=None):
    """``value`` with every string that could be a template unsafe, never templated, and the others plain.

    Only a string that :func:`could_be_template` is kept from templating: on ansible-core 2.18 and
    older it is wrapped as unsafe; on 2.19 and later it is left untrusted, as all data of this plugin
    is by default. Every other string cannot be templated, so it is left plain (2.18 and older) or
    marked trusted (2.19 and later), which changes nothing when it is templated but keeps it a plain
    value in ``ansible-inventory --list --export``, the output AWX stores, instead of
    ``{"__ansible_unsafe": ...}``. Dictionary keys are wrapped on 2.18 and older only (2.19 and
    later never template them).

    ``known``, a dict kept across calls, holds the strings already marked: marking one costs about
    as much as ansible-core's own handling of a variable, and a fleet repeats the same sites,
    statuses and features on every host.
    """
    if isinstance(value, str):
        if could_be_template(value):
            return value if wrap_var is None else wrap_var(value)
        if trust_as_template is None:
            return value
        if known is None:
            return trust_as_template(value)
        marked = known.get(value)
        if marked is None:
            marked = known[value] = trust_as_template(value)
        return marked
    if isinstance(value, dict):
        if wrap_var is None:
            return dict((k, make_unsafe(v, known)) for k, v in value.items())
        return dict((make_unsafe(k, known), make_unsafe(v, known)) for k, v in value.items())
    if isinstance(value, list):
        return [make_unsafe(v, known) for v in value]
    return value


# What each character of a string that could be a template becomes in an event: a Jinja2 expression
# that renders to that character.
_INERT = {'{': "{{ '{' }}", '}': "{{ '}' }}", '#': "{{ '#' }}"}


def inert(value):
    """``value`` with every string that could be a template (:func:`could_be_template`) made inert: a
    template that renders to the string itself and runs nothing. Other strings, numbers and the
    structure are kept as they are.

    ``{`` becomes ``{{ '{' }}``, ``}`` ``{{ '}' }}`` and ``#`` ``{{ '#' }}``, so that nothing of the
    original text can open a Jinja2 block or the ``#jinja2:`` header. A playbook that gets the value
    in its extra vars (ansible-rulebook's run_playbook) and shows it renders it once, back to the
    original text.
    """
    if isinstance(value, str):
        if not could_be_template(value):
            return value
        return ''.join(_INERT.get(character, character) for character in value)
    if isinstance(value, dict):
        return dict((inert(key), inert(item)) for key, item in value.items())
    if isinstance(value, list):
        return [inert(item) for item in value]
    return value
