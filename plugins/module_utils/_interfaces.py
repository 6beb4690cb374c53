# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The network interfaces (switch ports) of a server: open or closed."""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._resource import Area, Plan, Refused, reader

# The network types of the modules -> the API's networkTypeURL, and the API's networkType.
NETWORK_TYPE_URLS = dict(public='public', internal='internal', remote_management='remoteManagement')
NETWORK_TYPE_NAMES = dict(public='PUBLIC', internal='INTERNAL', remote_management='REMOTE_MANAGEMENT')


def read_network_interfaces(client, server_id, network_type=None):
    """The server's network interfaces: the one of ``network_type``, or all of them (None)."""
    if network_type:
        return [client.get(client.server_path(server_id, 'networkInterfaces', NETWORK_TYPE_URLS[network_type]))]
    answer = client.get(client.server_path(server_id, 'networkInterfaces')) or {}
    return list(answer.get('network_interfaces') or [])


# the API's type -> module choice, for the diff
TYPE_CHOICES = dict((api_name, name) for name, api_name in NETWORK_TYPE_NAMES.items())
STATUSES = dict(open='OPEN', closed='CLOSED')
PORT_ACTIONS = dict(open='open', closed='close')


@reader('interfaces')
def read_interfaces(client, server_id, network_type=None):
    return read_network_interfaces(client, server_id, network_type)


def interface_view(interfaces):
    """``{public: 'OPEN', ...}`` of a list of interfaces."""
    return dict((TYPE_CHOICES.get(i.get('type'), ('%s' % i.get('type')).lower()), i.get('status')) for i in interfaces)


def interfaces_plan(interfaces, wanted):
    """The plan for interfaces of the server (a list as read) to have the states of ``wanted``
    (``{public: 'open', ...}``); ``todo['posts']`` the (network_type, state) to send."""
    before = interface_view(interfaces)
    after = dict(before)
    posts = []
    for name, state in wanted.items():
        if name in before and before[name] != STATUSES[state]:
            after[name] = STATUSES[state]
            posts.append((name, state))
    predicted = []
    for interface in interfaces:
        name = TYPE_CHOICES.get(interface.get('type'))
        predicted.append(dict(interface, status=STATUSES[wanted[name]]) if name in wanted else interface)
    return Plan(before, after, result=predicted, posts=posts)


class Interface(Area):
    """Wanted: ``network_type`` (public, internal, remote_management; None: every interface the
    server has) and ``state`` (open, closed). Changing all of them is one request."""

    name = 'interface'

    def reads(self, wanted):
        return [('interfaces', wanted['network_type'])]

    def diff(self, wanted, current):
        interfaces = current[('interfaces', wanted['network_type'])]
        plan = interfaces_plan(interfaces, dict((TYPE_CHOICES.get(i.get('type')), wanted['state']) for i in interfaces))
        plan.todo.update(network_type=wanted['network_type'], state=wanted['state'])
        return plan

    def apply(self, client, server_id, plan):
        network_type = plan.todo['network_type']
        segments = ['networkInterfaces']
        if network_type:
            segments.append(NETWORK_TYPE_URLS[network_type])
        segments.append(PORT_ACTIONS[plan.todo['state']])
        client.post(client.server_path(server_id, *segments))
        return plan.done(result=read_network_interfaces(client, server_id, network_type))


class Interfaces(Area):
    """Wanted: ``{public: open|closed, internal: ..., remote_management: ...}``, each optional.

    One interface declared is read alone, several with one read of them all; each that
    differs is one request, and the interfaces are read again after them.
    """

    name = 'interfaces'

    def check(self, wanted):
        if not self.declared(wanted):
            raise ValueError('declare at least one of %s' % ', '.join(NETWORK_TYPE_NAMES))
        return wanted

    @staticmethod
    def declared(wanted):
        return dict((name, state) for name, state in wanted.items() if state is not None)

    def reads(self, wanted):
        declared = self.declared(wanted)
        return [('interfaces', list(declared)[0] if len(declared) == 1 else None)]

    def diff(self, wanted, current):
        declared = self.declared(wanted)
        key = self.reads(wanted)[0]
        interfaces = current[key]
        plan = interfaces_plan(interfaces, declared)
        view = dict((name, status) for name, status in plan.before.items() if name in declared)
        plan.before, plan.after = view, dict((name, plan.after[name]) for name in view)
        missing = [name for name in declared if name not in plan.before]
        if missing:
            raise Refused('server has no %s interface' % ' or '.join(missing))
        plan.todo['network_type'] = key[1]
        return plan

    def apply(self, client, server_id, plan):
        for name, state in plan.todo['posts']:
            client.post(
                client.server_path(server_id, 'networkInterfaces', NETWORK_TYPE_URLS[name], PORT_ACTIONS[state])
            )
        return plan.done(result=read_network_interfaces(client, server_id, plan.todo['network_type']))
