# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r"""
name: servers
short_description: Leaseweb dedicated servers as an Ansible inventory
version_added: 1.0.0
description:
  - Reads the dedicated servers of a Leaseweb account from the Dedicated Servers API v2 and adds
    one host per server.
  - Uses a YAML configuration file whose name ends in C(leaseweb.yml) or C(leaseweb.yaml).
  - The server list is read in pages of O(page_size), up to O(concurrency) pages at a time on one
    pooled HTTP session. Rate limiting and transient failures are retried as for the modules
    (O(api_retries)). If a request still fails, the inventory source fails with the API's message
    and adds no host at all, never a partial list. Ansible then shows the failure as a warning
    and goes on without the source's hosts; set C(any_unparsed_is_failed = true) in the
    C([inventory]) section of C(ansible.cfg) (or E(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true))
    to make it stop instead.
  - 'Each host gets these variables, named with O(hostvars_prefix) (default V(leaseweb_)):
    C(id), C(asset_id), C(reference) (the contract reference, your label; null when unset),
    C(delivery_status), C(site) (the data center), C(rack) (the name of the rack in the site),
    C(rack_type) (V(SHARED), V(SHARED_10GE), V(DEDICATED)...),
    C(public_ip), C(internal_ip), C(remote_management_ip) (addresses without their prefix length,
    null when the server has no such interface), C(null_routed) (whether the public IP is null routed),
    C(features) (the names of the features available on the server, among V(automation),
    V(power_cycle), V(ipmi_reboot), V(private_network), V(remote_management)) and
    C(private_network_ids) (the private networks the server is in).'
  - With O(details=true), also C(server), the full record of the server (with C(specs), C(serial_number),
    the complete contract, the network interfaces, the location down to the suite and unit, the rack's id),
    as M(leaseweb.dedicated.server_info) returns it.
  - C(ansible_host) is set as O(connect_with) says.
  - Every string that comes from the API and could be a template (one that holds C({) or C(}), as in
    C({{ ... }}), or C(#jinja2:)) is unsafe, never templated, so that a reference that holds a Jinja2
    expression stays text in the variables. The other strings cannot be templates and are plain
    values, so C(ansible-inventory --list --export), what AWX and Automation Platform store from an
    inventory sync, writes them as they are on every ansible-core version, not wrapped in an C(__ansible_unsafe) object;
    the same holds for the variables of O(compose).
  - Every host joins the group O(group) (default V(leaseweb)); with O(group_by_site), each host is
    in a group for its site, a child of O(group), named after the site in lower case with V(_) for
    other characters than letters and digits, prefixed with O(group) and V(_) (V(leaseweb_ams_01)).
author:
  - leaseweb.dedicated maintainers (@leaseweb-dedicated)
extends_documentation_fragment:
  - leaseweb.dedicated._api.INVENTORY
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
notes:
  - With O(cache=true), the servers read from the API are kept by the cache plugin for O(cache_timeout)
    seconds, and an inventory read from the cache sends no request. A cached inventory is used only
    for the same O(api_url), API key, filters and O(details) it was read with; otherwise the API is read
    again. C(ansible-playbook --flush-cache) (and C(ansible-inventory --flush-cache) where ansible-core has
    it) reads the API again and refreshes the cache.
  - Host names, group names and the O(compose), O(groups) and O(keyed_groups) expressions are applied to
    the cached data on every run, so changing them does not need a refresh.
  - Run C(ansible-inventory -i FILE --list -v) to see how many servers were read, with how many requests,
    and how long that took.
options:
  plugin:
    description:
      - The name of this plugin. It must be V(leaseweb.dedicated.servers) for the file to be used.
    type: str
    required: true
    choices: [leaseweb.dedicated.servers]
  reference:
    description:
      - Only servers with this reference (exact match, done by the API).
    type: str
  ip:
    description:
      - Only the server with this IP address (with or without C(/prefix)), done by the API.
    type: str
  mac_address:
    description:
      - Only the server with this MAC address, as V(aa:bb:cc:dd:ee:ff), done by the API.
    type: str
  site:
    description:
      - Only servers in this site (data center), for example V(AMS-01), done by the API.
    type: str
  private_rack_id:
    description:
      - Only servers in this dedicated (private) rack, done by the API.
    type: str
  private_network_capable:
    description:
      - Only servers that can (V(true)) or cannot (V(false)) join a private network, done by the API.
    type: bool
  private_network_enabled:
    description:
      - Only servers that are (V(true)) or are not (V(false)) in a private network, done by the API.
    type: bool
  hostname:
    description:
      - How to name each host, in order of preference. The first of these that the server has (not null or empty) is used.
      - V(reference) is the contract reference, your label for the server; V(id) the server id;
        V(asset_id) the asset id; V(public_ip), V(internal_ip), V(remote_management_ip) the address of
        that interface; V(serial_number) the chassis serial number, which only the full record holds, so
        it needs O(details=true).
      - A value is used only when it is a usable host name, one that works as it is in C(hosts:) and
        C(--limit) patterns; otherwise the next choice is used. A usable name holds only ASCII letters,
        digits, V(.), V(_) and V(-), starts with a letter, digit or V(_), has at most 255 characters, and
        is not V(all), V(ungrouped), V(localhost), V(127.0.0.1) or V(::1) (in any case). So a reference
        such as V(Customer ABC / web), or one with V(:), V(,), brackets, V(*), V(!), V(&), V(~), quotes,
        control characters or letters outside ASCII, is not a host name; and neither is an IPv6 address
        (V(public_ip) and the other addresses fall back to the next choice when they are IPv6). A warning
        lists the values passed over. The value itself stays in the host variable (C(leaseweb_reference)...).
      - A server that has none of them is named by its id. An id that is not a usable host name either
        (the API's ids are digits) has every character other than those above replaced with V(_), and
        V(server_) put before it.
      - Host names must be unique. When several servers get the same name, a warning lists them; the server
        with the lowest id keeps the name and each other one is named C(NAME-ID) (its id appended after a
        V(-)). A name that is still taken gets V(-2), V(-3)... appended. So a server added later, with a
        higher id, never renames an existing host.
    type: list
    elements: str
    default: [reference, id]
    choices: [reference, id, asset_id, public_ip, internal_ip, remote_management_ip, serial_number]
  connect_with:
    description:
      - Which address of the server to put in C(ansible_host), without its prefix length.
      - V(none) leaves C(ansible_host) unset, so Ansible connects to the host name. A server that lacks the
        chosen interface gets no C(ansible_host) either, and a warning names it.
      - O(compose) can set C(ansible_host) too and wins over this option.
    type: str
    default: public_ip
    choices: [public_ip, internal_ip, remote_management_ip, none]
  hostvars_prefix:
    description:
      - The prefix of the names of the variables set on every host (see the description).
      - The API's keys are in snake_case (C(asset_id)), whatever the prefix.
    type: str
    default: leaseweb_
  details:
    description:
      - Also read each server's full record (one more request per server, O(concurrency) at a time) and
        set it as the host variable C(server) (C(leaseweb_server) with the default O(hostvars_prefix)).
      - The list of servers holds fewer fields than a server's record. The full record adds the
        specifications (C(specs)), C(serial_number), the whole contract, and the rack id and capacity.
      - This costs a request per server, and Ansible needs more time for the larger variables, so keep it
        off unless your plays or groups use them.
    type: bool
    default: false
  group:
    description:
      - The group every server joins. The site groups of O(group_by_site) are its children.
      - An empty string adds no such group.
    type: str
    default: leaseweb
  group_by_site:
    description:
      - Put each server in a group for its site, such as V(leaseweb_ams_01) for V(AMS-01) (see the description).
    type: bool
    default: true
  page_size:
    description:
      - How many servers to ask for in one request of the server list.
      - Larger pages need fewer requests, which is faster and gentler on the API's rate limit. The API may
        answer fewer than asked; the plugin then reads the pages at the size the API serves.
    type: int
    default: 100
  concurrency:
    description:
      - How many requests to send at a time, for the pages of the list and for the records of O(details).
      - Between 1 and 100. V(1) reads one page after the other.
      - The first page is read alone to learn how many servers there are, then the other pages are read together.
    type: int
    default: 10
"""

EXAMPLES = r"""
# prod.leaseweb.yml: every server of the account, the API key from the environment
# (LEASEWEB_API_KEY), hosts named by their reference (else their id), groups per site.
plugin: leaseweb.dedicated.servers

---
# ams.leaseweb.yml: the key from a vault variable (api_key may be a template), only the
# servers in one site, connecting through the internal network, with groups of your own.
plugin: leaseweb.dedicated.servers
api_key: "{{ vault_leaseweb_api_key }}"
site: AMS-01
connect_with: internal_ip
hostname: [reference, id]
keyed_groups:
  # rack_shared, rack_dedicated...
  - key: leaseweb_rack_type | lower
    prefix: rack
  # feature_automation, feature_power_cycle...
  - key: leaseweb_features
    prefix: feature
groups:
  # servers whose reference starts with "db-"
  databases: (leaseweb_reference or '').startswith('db-')
compose:
  # a variable of your own
  datacenter: leaseweb_site | lower

---
# hardware.leaseweb.yml: full records (specifications, serial numbers), read 20 at a time
# and cached for an hour in files.
plugin: leaseweb.dedicated.servers
details: true
concurrency: 20
hostname: [serial_number, id]
keyed_groups:
  - key: leaseweb_server.specs.cpu.type
    prefix: cpu
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible/leaseweb
cache_timeout: 3600
"""

import hashlib
import re
import time

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.inventory.group import to_safe_group_name
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import HAS_REQUESTS, LeasewebError
from ansible_collections.leaseweb.dedicated.plugins.module_utils._connection import (
    client_from_options,
    connection_problem,
    connection_warning,
)
from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import counted
from ansible_collections.leaseweb.dedicated.plugins.module_utils._servers import (
    SERVER_LIST_FILTERS,
    list_servers,
    server_list_query,
)

# The host names and the template safety of API text are shared with the event source (plugin_utils).
from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._host_names import host_names, summarize
from ansible_collections.leaseweb.dedicated.plugins.plugin_utils._untrusted import make_unsafe, trust_as_template


MAX_CONCURRENCY = 100

# Bump when the shape of the cached records changes, so that an old cache is not used.
CACHE_FORMAT = 1

# At most this many examples in one warning.
SHOWN = 10


def site_group_name(group, site):
    """The group of a site: ``leaseweb_ams_01`` for group ``leaseweb`` and site ``AMS-01``."""
    name = re.sub(r'[^a-z0-9]', '_', ('%s' % site).lower())
    return '%s_%s' % (group, name) if group else name


def _sanitize_group_name(name):
    """Group names from keyed_groups and groups: characters Ansible refuses become ``_``."""
    return to_safe_group_name(name, replacer='_', force=True, silent=True)


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """Leaseweb dedicated servers as hosts."""

    NAME = 'leaseweb.dedicated.servers'

    # Strings from the API are data, never templates (ansible-core 2.19 and later).
    trusted_by_default = False

    _sanitize_group_name = staticmethod(_sanitize_group_name)

    def verify_file(self, path):
        """Only files whose name ends in leaseweb.yml or leaseweb.yaml."""
        return super(InventoryModule, self).verify_file(path) and path.endswith(('leaseweb.yml', 'leaseweb.yaml'))

    # -- options ---------------------------------------------------------------------------

    def _templated(self, name):
        value = self.get_option(name)
        if value is None:
            return None
        return to_text(self.templar.template(value))

    def _settings(self):
        """The options, validated and templated, before any request; AnsibleParserError if wrong."""
        if not HAS_REQUESTS:
            raise AnsibleParserError('The leaseweb.dedicated.servers inventory needs the Python library requests')
        # api_key and api_url may be templates, with extra vars available
        self.templar.available_variables = self._vars
        connection = dict(
            api_key=self._templated('api_key'),
            api_url=self._templated('api_url'),
            validate_certs=self.get_option('validate_certs'),
            api_timeout=self.get_option('api_timeout'),
            api_retries=self.get_option('api_retries'),
        )
        if not connection['api_key']:
            raise AnsibleParserError('api_key is empty: set it in the inventory file or in LEASEWEB_API_KEY')
        # before any request: the key goes only over TLS (or to a loopback address)
        problem = connection_problem(connection)
        if problem:
            raise AnsibleParserError('leaseweb.dedicated.servers: %s' % problem)
        insecure = connection_warning(connection)
        if insecure:
            self.display.warning('leaseweb.dedicated.servers: %s' % insecure)
        try:
            query = server_list_query(dict((name, self.get_option(name)) for name in SERVER_LIST_FILTERS))
        except ValueError as e:
            raise AnsibleParserError('%s' % e)
        page_size = self.get_option('page_size')
        if page_size < 1:
            raise AnsibleParserError('page_size must be at least 1, got %s' % page_size)
        concurrency = self.get_option('concurrency')
        if not 1 <= concurrency <= MAX_CONCURRENCY:
            raise AnsibleParserError('concurrency must be between 1 and %d, got %s' % (MAX_CONCURRENCY, concurrency))
        details = self.get_option('details')
        hostname = self.get_option('hostname')
        if not hostname:
            raise AnsibleParserError('hostname must name at least one of reference, id, asset_id, ...')
        if 'serial_number' in hostname and not details:
            raise AnsibleParserError('hostname serial_number needs details: true (only the full record holds it)')
        return dict(
            connection=connection,
            query=query,
            page_size=page_size,
            concurrency=concurrency,
            details=details,
            hostname=hostname,
            connect_with=self.get_option('connect_with'),
            prefix=self.get_option('hostvars_prefix') or '',
            group=self.get_option('group') or '',
            group_by_site=self.get_option('group_by_site'),
        )

    # -- reading ---------------------------------------------------------------------------

    @staticmethod
    def _fingerprint(settings):
        """What the cached servers depend on: where they were read, with which key and filters."""
        connection = settings['connection']
        key = hashlib.sha256(connection['api_key'].encode('utf-8')).hexdigest()[:16]
        return dict(
            format=CACHE_FORMAT,
            api_url=connection['api_url'],
            key=key,
            query=settings['query'],
            details=settings['details'],
        )

    def _fetch(self, settings):
        """Every server matching the filters, as host variables (without prefix)."""
        started = time.time()
        client = client_from_options(settings['connection'], pool_size=settings['concurrency'])
        concurrency = settings['concurrency']
        try:
            # a server listed twice (the list changed while it was read) is one host
            records = [
                summarize(server)
                for server in list_servers(
                    client, settings['query'], page_size=settings['page_size'], concurrency=concurrency
                )
            ]
            if settings['details']:

                def full_record(record):
                    return client.get_or_none(client.server_path(record['id']))

                fulls = client.run_concurrently(full_record, records, concurrency)
                gone = [r['id'] for r, full in zip(records, fulls) if full is None]
                if gone:
                    self.display.warning(
                        'leaseweb.dedicated.servers: %s while the inventory was read, left out: %s'
                        % (counted(len(gone), 'server disappeared', 'servers disappeared'), ', '.join(gone[:SHOWN]))
                    )
                for record, full in zip(records, fulls):
                    record['server'] = full
                records = [r for r in records if r['server'] is not None]
        except LeasewebError as e:
            raise AnsibleError(
                'leaseweb.dedicated.servers: reading the servers failed, no host was added: %s' % client.redact(e.msg)
            )
        finally:
            client.close()
        self.display.v(
            'leaseweb.dedicated.servers: %s read from %s in %s (concurrency %d) in %.2fs'
            % (
                counted(len(records), 'server'),
                settings['connection']['api_url'],
                counted(client.request_count, 'request'),
                concurrency,
                time.time() - started,
            )
        )
        return records

    def _records(self, path, settings, *, cache):
        """The records from the cache when it holds them for these settings, else from the API."""
        fingerprint = self._fingerprint(settings)
        use_cache = self.get_option('cache')
        cache_key = self.get_cache_key(path) if use_cache else None
        if use_cache and cache:
            try:
                cached = self._cache[cache_key]
            except KeyError:
                cached = None
            if isinstance(cached, dict) and cached.get('fingerprint') == fingerprint:
                self.display.v(
                    'leaseweb.dedicated.servers: %s from the cache, no request sent'
                    % counted(len(cached['servers']), 'server')
                )
                return cached['servers']
        records = self._fetch(settings)
        if use_cache:
            self._cache[cache_key] = dict(fingerprint=fingerprint, servers=records)
        return records

    # -- populating ------------------------------------------------------------------------

    def _warn_duplicates(self, duplicates):
        def claimants(given_names):
            listed = ', '.join('%s: %s' % (server_id, given) for server_id, given in given_names[:SHOWN])
            more = len(given_names) - SHOWN
            return listed + (', and %d more' % more if more > 0 else '')

        shown = ['%s (%s)' % (name, claimants(given_names)) for name, given_names in duplicates[:SHOWN]]
        more = len(duplicates) - SHOWN
        self.display.warning(
            'leaseweb.dedicated.servers: %s wanted by several servers; the lowest id keeps the name, '
            'the others are named NAME-ID (server id: host name): %s%s'
            % (
                counted(len(duplicates), 'host name was', 'host names were'),
                '; '.join(shown),
                '; and %d more' % more if more > 0 else '',
            )
        )

    def _warn_unusable(self, unusable):
        # ascii(): a value from the API is shown with its control characters escaped
        shown = ', '.join(
            '%s: %s %s' % (server_id, choice, ascii(value)) for server_id, choice, value in unusable[:SHOWN]
        )
        more = len(unusable) - SHOWN
        self.display.warning(
            'leaseweb.dedicated.servers: %s not usable as host names (only letters, digits, ".", "_" and "-", '
            'see the hostname option); those servers are named by the next choice of hostname, else their id '
            '(server id: choice value): %s%s'
            % (counted(len(unusable), 'value is', 'values are'), shown, ', and %d more' % more if more > 0 else '')
        )

    def _populate(self, records, settings):
        names, duplicates, unusable = host_names(records, settings['hostname'])
        if unusable:
            self._warn_unusable(unusable)
        if duplicates:
            self._warn_duplicates(duplicates)
        prefix = settings['prefix']
        group = settings['group']
        if group:
            group = self.inventory.add_group(group)
        by_site = settings['group_by_site']
        site_groups = {}
        # connect_with names the record's field with the address (public_ip...), or is none
        address = None if settings['connect_with'] == 'none' else settings['connect_with']
        unreachable = []
        compose = self.get_option('compose')
        groups = self.get_option('groups')
        keyed_groups = self.get_option('keyed_groups')
        strict = self.get_option('strict')
        constructed = compose or groups or keyed_groups
        inventory = self.inventory
        known = {}

        for record, name in zip(records, names):
            record = make_unsafe(record, known)
            parent = group or None
            site = record.get('site')
            if by_site and site:
                parent = site_groups.get(site)
                if parent is None:
                    parent = site_groups[site] = inventory.add_group(site_group_name(group, site))
                    if group:
                        inventory.add_child(group, parent)
            host = inventory.add_host(name, group=parent)
            hostvars = dict((prefix + key, value) for key, value in record.items())
            if address:
                if record.get(address):
                    hostvars['ansible_host'] = record[address]
                else:
                    unreachable.append(name)
            for key, value in hostvars.items():
                inventory.set_variable(host, key, value)
            if constructed:
                if compose:
                    self._set_composite_vars(compose, inventory.get_host(host).get_vars(), host, strict=strict)
                    self._mark_composed(compose, host, known)
                self._add_host_to_composed_groups(groups, hostvars, host, strict=strict)
                self._add_host_to_keyed_groups(keyed_groups, hostvars, host, strict=strict)

        if unreachable:
            shown = ', '.join(unreachable[:SHOWN]) + (', ...' if len(unreachable) > SHOWN else '')
            self.display.warning(
                'leaseweb.dedicated.servers: connect_with is %s, but %s no such address; their '
                'ansible_host is not set: %s'
                % (settings['connect_with'], counted(len(unreachable), 'server has', 'servers have'), shown)
            )

    def _mark_composed(self, compose, host, known):
        """The variables of ``compose`` marked as API data is (make_unsafe): on ansible-core 2.19 and later,
        the result of a template is not trusted, so without this a composed value such as
        ``leaseweb_site | lower`` would be exported as {"__ansible_unsafe": ...}."""
        if trust_as_template is None:
            return  # 2.18 and older: a composed value is unsafe exactly when what it was made of is
        variables = self.inventory.get_host(host).vars
        for name in compose:
            if name in variables:
                self.inventory.set_variable(host, name, make_unsafe(variables[name], known))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        self._read_config_data(path)
        settings = self._settings()
        records = self._records(path, settings, cache=cache)
        self._populate(records, settings)
