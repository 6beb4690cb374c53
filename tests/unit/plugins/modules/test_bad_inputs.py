# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bad input and the API's refusals, for every module, in one table each.

``INPUT_ROWS``: input a module refuses before its first request. Each row is a module, the
arguments that replace its ``BASE`` arguments (``None`` leaves one out), and what the failure
says: a plain string the message holds, ``Exactly`` the whole message, ``Starts`` its beginning.
Every row fails, changes nothing, sends no request, and shows no secret it was given.

``API_ROWS``: what only the API can tell (an unknown server, job, address, interface, network or
system; a wrong key). Each row is a module, its arguments, the status, the exact requests, and
what the message names, where that matters. Every row fails without a change, with the message
``METHOD /bareMetals/v2/PATH: HTTP STATUS ...`` of its last request, the API's error object
and its correlation id, and shows no secret.

The inventory file, the roles and hostile data from the API have their own tables in
tests/integration/test_bad_inputs.py (they need ansible-inventory and ansible-playbook).
"""

import json
import re

import pytest

from tests.unit.plugins.modules.harness import API_KEY

S = '12345'  # the emulator's first server
UBUNTU = 'UBUNTU_22_04_64BIT'
LONG = 'x' * 100000
PASSWORD = 's3cret-one-91f2'
BOOTFILE = 'https://boot.example.com/ipxe/first.ipxe'
MASKED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
SECRET_OPTIONS = ('api_key', 'password')


class Exactly(str):
    """The whole failure message."""


class Starts(str):
    """The beginning of the failure message."""


def assert_says(msg, says):
    if isinstance(says, Exactly):
        assert msg == says
    elif isinstance(says, Starts):
        assert msg.startswith(says), msg
    else:
        assert says in msg, msg


def assert_no_secret(run, args):
    """Neither the harness's key nor a secret of the arguments is in the result; a password in
    the invocation is masked."""
    text = json.dumps(run.result)
    assert API_KEY not in text
    for name in SECRET_OPTIONS:
        if isinstance(args.get(name), str) and args[name]:
            assert args[name] not in text
    invocation = run.get('invocation', {}).get('module_args', {})
    if invocation.get('password'):
        assert invocation['password'] == MASKED


# What each row of INPUT_ROWS starts from.
BASE = {
    'credential': dict(server_id=S, type='DATABASE', username='app@db', password=PASSWORD),
    'credential_info': dict(server_id=S),
    'ddos_notification': dict(server_id=S),
    'dhcp_lease': dict(server_id=S),
    'hardware_scan': dict(server_id=S),
    'install': dict(server_id=S, operating_system_id='UBUNTU_24_04_64BIT'),
    'ip': dict(server_id=S),
    'ip_info': dict(server_id=S),
    'ipmi_reset': dict(server_id=S),
    'job': dict(server_id=S),
    'job_info': dict(server_id=S),
    'metrics_info': {'server_id': S, 'type': 'bandwidth', 'from': '2024-06-01', 'to': '2024-06-02'},
    'network_interface': dict(server_id=S),
    'notification_setting': dict(server_id=S, type='bandwidth'),
    'notification_setting_info': dict(server_id=S),
    'null_route': dict(server_id=S),
    'power': dict(server_id=S),
    'private_network': dict(server_id='12573', private_network_id='892'),
    'rescue_mode': dict(server_id=S),
    'server': dict(server_id=S),
    'server_config': dict(server_id=S),
}

# (module, arguments over its BASE, what the failure says)
INPUT_ROWS = [
    # -- the connection, shared by every module
    (
        'server_info',
        dict(api_url='leaseweb.example.com', server_id=S),
        Exactly(
            "api_url: 'leaseweb.example.com' is not a URL such as https://api.leaseweb.com (https:// and a host name)"
        ),
    ),
    (
        'server_info',
        dict(api_url='ftp://api.leaseweb.com', server_id=S),
        Exactly(
            "api_url: 'ftp://api.leaseweb.com' is not a URL such as https://api.leaseweb.com (https:// and a host name)"
        ),
    ),
    (
        'server_info',
        dict(api_url='https://', server_id=S),
        Exactly("api_url: 'https://' is not a URL such as https://api.leaseweb.com (https:// and a host name)"),
    ),
    (
        'server_info',
        dict(api_url='', server_id=S),
        Exactly("api_url: '' is not a URL such as https://api.leaseweb.com (https:// and a host name)"),
    ),
    ('power', dict(state='on', api_url='not a url'), "api_url: 'not a url'"),
    ('power', dict(state='on', api_url='ftp://api.leaseweb.com'), "api_url: 'ftp://api.leaseweb.com'"),
    (
        'power',
        dict(state='on', api_url='http://api.leaseweb.com'),
        'is plain http, so the API key would cross the network',
    ),
    ('server_info', dict(api_url='https://'), "api_url: 'https://'"),
    ('power', dict(state='on', api_timeout=0), 'api_timeout must be at least 1, got 0'),
    ('power', dict(state='on', api_retries=-1), 'api_retries must be at least 0, got -1'),
    ('server', dict(reference='x', api_timeout=0), 'api_timeout must be at least 1, got 0'),
    ('server', dict(reference='x', api_retries=-1), 'api_retries must be at least 0, got -1'),
    ('server', dict(reference='x', validate_certs='sometimes'), 'validate_certs'),
    ('server', dict(reference='x', colour='blue'), 'Unsupported parameters for (basic.py) module: colour'),
    # -- control_panel_info, operating_system_info
    ('control_panel_info', dict(os='ESXI_7_0_64BIT'), Starts('Unsupported parameters for (basic.py) module: os.')),
    ('control_panel_info', dict(operating_system_id=''), 'operating_system_id must not be empty'),
    ('operating_system_info', dict(os='DEBIAN_12_64BIT'), Starts('Unsupported parameters for (basic.py) module: os.')),
    ('operating_system_info', dict(operating_system_id=' '), 'operating_system_id must not be empty'),
    # -- credential
    ('credential', dict(password=None), 'state is present but all of the following are missing: password'),
    ('credential', dict(password=''), 'password must not be empty'),
    ('credential', dict(type='SSH'), 'value of type must be one of: OPERATING_SYSTEM, RESCUE_MODE'),
    ('credential', dict(type='FTP', username='x', password='Secret-9pass'), 'value of type must be one of'),
    ('credential', dict(username=' '), 'username must not be empty'),
    ('credential', dict(type='OPERATING_SYSTEM', username=' ', password='Secret-9pass'), 'username must not be empty'),
    ('credential', dict(server_id=' '), 'server_id must not be empty'),
    (
        'credential',
        dict(update_password='sometimes'),
        'value of update_password must be one of: always, on_create, got: sometimes',
    ),
    ('credential', dict(state='gone'), 'value of state must be one of: present, absent, got: gone'),
    ('credential', dict(api_timeout=0), 'api_timeout must be at least 1, got 0'),
    # -- credential_info
    ('credential_info', dict(username='root'), "missing parameter(s) required by 'username': type"),
    ('credential_info', dict(type='ssh'), 'value of type must be one of: OPERATING_SYSTEM, RESCUE_MODE'),
    ('credential_info', dict(type='OPERATING_SYSTEM', username=' '), 'username must not be empty'),
    ('credential_info', dict(server_id=''), 'server_id must not be empty'),
    ('credential_info', dict(api_retries=-1), 'api_retries must be at least 0, got -1'),
    # -- ddos_notification
    ('ddos_notification', dict(), 'one of the following is required: nulling, scrubbing'),
    ('ddos_notification', dict(nulling='sometimes'), "argument 'nulling' is of type"),
    ('ddos_notification', dict(nulling='maybe'), "argument 'nulling' is of type"),
    ('ddos_notification', dict(server_id=' ', nulling=True), 'server_id must not be empty'),
    # -- dhcp_lease
    ('dhcp_lease', dict(hostname='pxe-12345'), 'state is present but all of the following are missing: bootfile'),
    (
        'dhcp_lease',
        dict(bootfile='boot.ipxe'),
        "bootfile: 'boot.ipxe' is not a URL such as https://boot.example.com/boot.ipxe",
    ),
    ('dhcp_lease', dict(bootfile='https://boot example.com/x.ipxe'), 'is not a URL'),
    ('dhcp_lease', dict(bootfile='', hostname='ok'), "bootfile: '' is not a URL"),
    ('dhcp_lease', dict(bootfile=BOOTFILE, hostname='pxe_12345'), "hostname: 'pxe_12345' is not a valid host name"),
    (
        'dhcp_lease',
        dict(bootfile='http://boot.example.com/x', hostname='bad host!'),
        "hostname: 'bad host!' is not a valid host name",
    ),
    ('dhcp_lease', dict(bootfile='http://boot.example.com/x', hostname='a' * 300), 'hostname: '),
    ('dhcp_lease', dict(bootfile=BOOTFILE, state='gone'), 'value of state must be one of: present, absent, got: gone'),
    ('dhcp_lease', dict(state='absent', server_id=''), 'server_id must not be empty'),
    # -- dhcp_lease_info
    ('dhcp_lease_info', dict(server_id=' '), 'server_id must not be empty'),
    ('dhcp_lease_info', dict(), 'missing required arguments: server_id'),
    ('dhcp_lease_info', dict(server_id=S, bootfile='https://boot.example.com/boot.ipxe'), 'Unsupported parameters'),
    # -- hardware_info
    ('hardware_info', dict(server_id=S, site='AMS-01'), Starts('parameters are mutually exclusive: server_id|site')),
    (
        'hardware_info',
        dict(server_id=S, location='DG38'),
        Starts('parameters are mutually exclusive: server_id|location'),
    ),
    ('hardware_info', dict(server_id=' '), Starts('server_id must not be empty')),
    ('hardware_info', dict(rack='DG38'), Starts('Unsupported parameters for (basic.py) module: rack.')),
    # -- hardware_scan
    (
        'hardware_scan',
        dict(callback_url='hooks.example.com/scan'),
        Starts("callback_url: 'hooks.example.com/scan' is not an http:// or https:// URL"),
    ),
    (
        'hardware_scan',
        dict(callback_url='ftp://hooks.example.com/scan'),
        Starts("callback_url: 'ftp://hooks.example.com/scan' is not an http:// or https:// URL"),
    ),
    ('hardware_scan', dict(wait_sleep=0), Starts('wait_sleep must be at least 1, got 0')),
    ('hardware_scan', dict(wait_timeout=-5), Starts('wait_timeout must be at least 0, got -5')),
    ('hardware_scan', dict(server_id=''), Starts('server_id must not be empty')),
    ('hardware_scan', dict(power_cycle='sometimes'), Starts("argument 'power_cycle' is of type")),
    ('hardware_scan', dict(power_cycle='perhaps'), "argument 'power_cycle' is of type"),
    # -- install
    (
        'install',
        dict(raid={'type': 'SW'}),
        Exactly('type is SW but all of the following are missing: level found in raid'),
    ),
    (
        'install',
        dict(operating_system_id=UBUNTU, raid=dict(type='HW', level=3)),
        'value of level must be one of: 0, 1, 5, 10, got: 3 found in raid',
    ),
    (
        'install',
        dict(partitions=[{'mountpoint': '/', 'filesystem': 'ext4', 'size': '10G'}]),
        Exactly("partitions[0].size: '10G' is neither a positive size in MB nor *"),
    ),
    (
        'install',
        dict(partitions=[{'filesystem': 'ext4', 'size': '0'}]),
        Exactly("partitions[0].size: '0' is neither a positive size in MB nor *"),
    ),
    (
        'install',
        dict(partitions=[]),
        Exactly('partitions must not be an empty list; leave it out for the default partitions'),
    ),
    (
        'install',
        dict(
            partitions=[
                {'mountpoint': '/', 'filesystem': 'ext4', 'size': '*'},
                {'mountpoint': '/srv', 'filesystem': 'ext4', 'size': '*'},
            ]
        ),
        Exactly('partitions: only one partition can take the rest of the disk (size *)'),
    ),
    ('install', dict(operating_system_id=UBUNTU, partitions=[42]), 'partitions'),
    (
        'install',
        dict(operating_system_id=UBUNTU, partitions=[dict(mountpoint='/')]),
        'missing required arguments: filesystem, size found in partitions',
    ),
    (
        'install',
        dict(raid={'type': 'SW', 'level': 1, 'number_of_disks': 0}),
        Exactly('raid.number_of_disks must be at least 1'),
    ),
    ('install', dict(password=''), Exactly('password must not be empty; leave it out to have the API generate one')),
    (
        'install',
        dict(hostname='web_01.example.com'),
        Exactly(
            "hostname: 'web_01.example.com' is not a valid host name (letters, digits and hyphens in dot-separated labels)"
        ),
    ),
    ('install', dict(operating_system_id=UBUNTU, hostname=LONG), 'is not a valid host name'),
    ('install', dict(operating_system_id=UBUNTU, hostname='sërver'), "hostname: 'sërver' is not a valid host name"),
    ('install', dict(operating_system_id=UBUNTU, hostname='-bad-'), "hostname: '-bad-' is not a valid host name"),
    ('install', dict(operating_system_id=' '), Exactly('operating_system_id must not be empty')),
    ('install', dict(operating_system_id=''), 'operating_system_id must not be empty'),
    ('install', dict(timezone=''), Exactly('timezone must not be empty')),
    ('install', dict(ssh_keys=['']), Exactly('ssh_keys: key 1 is empty')),
    (
        'install',
        dict(operating_system_id=UBUNTU, ssh_keys=['ssh-rsa AAA\nssh-rsa BBB']),
        'ssh_keys: key 1 spans more than one line',
    ),
    (
        'install',
        dict(callback_url='hooks.example.com'),
        Exactly("callback_url: 'hooks.example.com' is not an http:// or https:// URL"),
    ),
    (
        'install',
        dict(operating_system_id=UBUNTU, callback_url='ftp://x'),
        "callback_url: 'ftp://x' is not an http:// or https:// URL",
    ),
    ('install', dict(wait_timeout=-1), Exactly('wait_timeout must be at least 0, got -1')),
    # -- ip
    (
        'ip',
        dict(ip='192.0.2.300', reverse_lookup='mail.example.com'),
        "ip: '192.0.2.300' is not an IPv4 or IPv6 address",
    ),
    ('ip', dict(ip='300.1.1.1', reverse_lookup='a.example.com'), "ip: '300.1.1.1' is not an IPv4 or IPv6 address"),
    (
        'ip',
        dict(ip='192.0.2.10/33', reverse_lookup='mail.example.com'),
        "ip: '192.0.2.10/33' has an invalid prefix length",
    ),
    (
        'ip',
        dict(ip='192.0.2.10/33', reverse_lookup='a.example.com'),
        "ip: '192.0.2.10/33' has an invalid prefix length",
    ),
    (
        'ip',
        dict(ip='192.0.2.10/x', reverse_lookup='mail.example.com'),
        "ip: '192.0.2.10/x' has an invalid prefix length",
    ),
    (
        'ip',
        dict(ip='192.0.2.10/2x', reverse_lookup='a.example.com'),
        "ip: '192.0.2.10/2x' has an invalid prefix length",
    ),
    (
        'ip',
        dict(ip='2001:db8::1/129', reverse_lookup='mail.example.com'),
        "ip: '2001:db8::1/129' has an invalid prefix length",
    ),
    ('ip', dict(ip='192.0.2.10'), 'one of the following is required: reverse_lookup, detection_profile'),
    (
        'ip',
        dict(ip='192.0.2.10', detection_profile='STANDARD_DEFAULT'),
        'value of detection_profile must be one of: ADVANCED_DEFAULT, ADVANCED_LOW_UDP, ADVANCED_MED_UDP, got: STANDARD_DEFAULT',
    ),
    ('ip', dict(ip='192.0.2.10', detection_profile='TURBO'), 'value of detection_profile must be one of'),
    (
        'ip',
        dict(ip='192.0.2.10', reverse_lookup='mail server.example.com'),
        "reverse_lookup: 'mail server.example.com' is not a valid host name",
    ),
    (
        'ip',
        dict(ip='192.0.2.10', reverse_lookup='-mail.example.com'),
        "reverse_lookup: '-mail.example.com' is not a valid host name",
    ),
    ('ip', dict(reverse_lookup='mail.example.com'), 'missing required arguments: ip'),
    ('ip', dict(ip='192.0.2.10', reverse_lookup='mail.example.com', server_id=' '), 'server_id must not be empty'),
    # -- ip_info
    ('ip_info', dict(version=5), 'value of version must be one of: 4, 6, got: 5'),
    ('ip_info', dict(ips=['192.0.2.10', 'mail.example.com']), "ips: 'mail.example.com' is not an IPv4 or IPv6 address"),
    ('ip_info', dict(ips=['192.0.2.10/40']), "ips: '192.0.2.10/40' has an invalid prefix length"),
    ('ip_info', dict(ips=['1.2.3.4/40']), "ips: '1.2.3.4/40' has an invalid prefix length"),
    ('ip_info', dict(ips=[]), 'ips must not be empty; leave it out to list every address'),
    (
        'ip_info',
        dict(network_type='PUBLIC'),
        'value of network_type must be one of: public, internal, remote_management, got: PUBLIC',
    ),
    ('ip_info', dict(null_routed='perhaps'), 'null_routed'),
    ('ip_info', dict(server_id=''), 'server_id must not be empty'),
    # -- ipmi_reset
    ('ipmi_reset', dict(wait_sleep=0), Exactly('wait_sleep must be at least 1, got 0')),
    ('ipmi_reset', dict(wait_sleep=-3), 'wait_sleep must be at least 1, got -3'),
    ('ipmi_reset', dict(wait_timeout=-1), Exactly('wait_timeout must be at least 0, got -1')),
    ('ipmi_reset', dict(api_timeout=0), Exactly('api_timeout must be at least 1, got 0')),
    (
        'ipmi_reset',
        dict(callback_url='https:// spaced.example.com'),
        Exactly("callback_url: 'https:// spaced.example.com' is not an http:// or https:// URL"),
    ),
    ('ipmi_reset', dict(server_id='  '), Exactly('server_id must not be empty')),
    # -- job
    ('job', dict(state='retried'), Exactly('state is retried but all of the following are missing: job_id')),
    ('job', dict(job_id=' '), Exactly('job_id must not be empty')),
    ('job', dict(state='retried', job_id='  '), 'job_id must not be empty'),
    (
        'job',
        dict(state='running'),
        Exactly('value of state must be one of: finished, canceled, expired, retried, got: running'),
    ),
    ('job', dict(state='paused'), 'value of state must be one of'),
    ('job', dict(wait_timeout=-1), Exactly('wait_timeout must be at least 0, got -1')),
    ('job', dict(wait_sleep=0), Exactly('wait_sleep must be at least 1, got 0')),
    # -- job_info
    ('job_info', dict(job_id='abc', type='install'), Exactly('parameters are mutually exclusive: job_id|type')),
    ('job_info', dict(job_id='abc', status='FINISHED'), Exactly('parameters are mutually exclusive: job_id|status')),
    ('job_info', dict(job_id='abc', is_running=True), Exactly('parameters are mutually exclusive: job_id|is_running')),
    (
        'job_info',
        dict(type='reboot'),
        Exactly('value of type must be one of: install, rescueMode, hardwareScan, ipmiReset, got: reboot'),
    ),
    ('job_info', dict(job_id=' '), Exactly('job_id must not be empty')),
    ('job_info', dict(server_id=None), Exactly('missing required arguments: server_id')),
    # -- metrics_info
    (
        'metrics_info',
        dict(aggregation='95TH', granularity='HOUR'),
        'the 95TH aggregation is computed over the whole window: leave out granularity',
    ),
    (
        'metrics_info',
        dict(type='datatraffic', granularity='HOUR'),
        'granularity HOUR is not available for datatraffic metrics: use one of DAY, WEEK, MONTH, YEAR',
    ),
    (
        'metrics_info',
        dict(type='datatraffic', granularity='5MIN'),
        'granularity 5MIN is not available for datatraffic metrics: use one of DAY, WEEK, MONTH, YEAR',
    ),
    (
        'metrics_info',
        dict(type='datatraffic', aggregation='AVG'),
        'aggregation AVG is not available for datatraffic metrics: use SUM',
    ),
    (
        'metrics_info',
        dict(aggregation='SUM'),
        'aggregation SUM is not available for bandwidth metrics: use AVG or 95TH',
    ),
    ('metrics_info', {'from': '2024-02-30'}, "from: '2024-02-30' is not a valid date: day is out of range for month"),
    (
        'metrics_info',
        {'from': '01/06/2024'},
        "from: '01/06/2024' is not an ISO-8601 date or date-time such as 2024-06-01 or 2024-06-01T12:00:00Z",
    ),
    (
        'metrics_info',
        {'from': '2024-06-01T25:00:00Z'},
        "from: '2024-06-01T25:00:00Z' is not a valid date: hour must be in 0..23",
    ),
    ('metrics_info', {'from': 'yesterday', 'to': '2025-01-02T00:00:00Z'}, "from: 'yesterday' is not an ISO-8601 date"),
    ('metrics_info', {'to': 'yesterday'}, "to: 'yesterday' is not an ISO-8601 date"),
    (
        'metrics_info',
        {'from': '2024-06-02', 'to': '2024-06-01T23:00:00Z'},
        'to (2024-06-01T23:00:00Z) must be after from (2024-06-02T00:00:00Z)',
    ),
    (
        'metrics_info',
        {'from': '2024-06-01T02:00:00+02:00', 'to': '2024-06-01T00:00:00Z'},
        'to (2024-06-01T00:00:00Z) must be after from (2024-06-01T00:00:00Z)',
    ),
    (
        'metrics_info',
        {'from': '2025-01-02T00:00:00Z', 'to': '2025-01-01T00:00:00Z'},
        'to (2025-01-01T00:00:00Z) must be after from (2025-01-02T00:00:00Z)',
    ),
    (
        'metrics_info',
        dict(granularity='MINUTE'),
        'value of granularity must be one of: 5MIN, HOUR, DAY, WEEK, MONTH, YEAR, got: MINUTE',
    ),
    ('metrics_info', dict(type='power'), 'value of type must be one of: bandwidth, datatraffic, got: power'),
    ('metrics_info', {'type': 'cpu', 'from': '2025-01-01', 'to': '2025-01-02'}, 'value of type must be one of'),
    ('metrics_info', dict(server_id=' '), 'server_id must not be empty'),
    ('metrics_info', {'from': None, 'to': None}, Exactly('missing required arguments: from')),
    # -- network_interface
    (
        'network_interface',
        dict(network_type='ipmi'),
        'value of network_type must be one of: public, internal, remote_management, all, got: ipmi',
    ),
    ('network_interface', dict(network_type='backplane', state='open'), 'value of network_type must be one of'),
    (
        'network_interface',
        dict(network_type='public', state='down'),
        'value of state must be one of: open, closed, got: down',
    ),
    ('network_interface', dict(network_type='public', state='opened'), 'value of state must be one of'),
    ('network_interface', dict(state='closed'), 'missing required arguments: network_type'),
    ('network_interface', dict(network_type='public', server_id='  '), 'server_id must not be empty'),
    # -- network_interface_info
    (
        'network_interface_info',
        dict(server_id=S, network_type='all'),
        'value of network_type must be one of: public, internal, remote_management, got: all',
    ),
    ('network_interface_info', dict(server_id=S, network_type='PUBLIC'), 'value of network_type must be one of'),
    ('network_interface_info', dict(), 'missing required arguments: server_id'),
    ('network_interface_info', dict(server_id=''), 'server_id must not be empty'),
    # -- notification_setting
    (
        'notification_setting',
        dict(frequency='DAILY', threshold='1', unit='TB'),
        'unit TB is not a bandwidth unit: use one of Mbps, Gbps',
    ),
    (
        'notification_setting',
        dict(type='datatraffic', frequency='DAILY', threshold='1', unit='Mbps'),
        'unit Mbps is not a datatraffic unit: use one of MB, GB, TB',
    ),
    (
        'notification_setting',
        dict(type='datatraffic', frequency='DAILY', unit='TB', state='absent'),
        'without id, frequency, threshold and unit identify the setting; missing: threshold',
    ),
    (
        'notification_setting',
        dict(),
        'without id, frequency, threshold and unit identify the setting; missing: frequency, threshold, unit',
    ),
    (
        'notification_setting',
        dict(frequency='DAILY', threshold='-5', unit='Gbps'),
        "threshold must be a positive number such as 1, 500 or 1.5, got '-5'",
    ),
    (
        'notification_setting',
        dict(frequency='DAILY', threshold='-1', unit='Gbps'),
        "threshold must be a positive number such as 1, 500 or 1.5, got '-1'",
    ),
    (
        'notification_setting',
        dict(frequency='DAILY', threshold='0', unit='Gbps'),
        "threshold must be a positive number such as 1, 500 or 1.5, got '0'",
    ),
    (
        'notification_setting',
        dict(frequency='DAILY', threshold='1e3', unit='Gbps'),
        "threshold must be a positive number such as 1, 500 or 1.5, got '1e3'",
    ),
    (
        'notification_setting',
        dict(type='datatraffic', frequency='DAILY', threshold='abc', unit='GB'),
        "threshold must be a positive number such as 1, 500 or 1.5, got 'abc'",
    ),
    (
        'notification_setting',
        dict(id='12', threshold='lots'),
        "threshold must be a positive number such as 1, 500 or 1.5, got 'lots'",
    ),
    ('notification_setting', dict(id=' ', threshold='2'), 'id must not be empty'),
    (
        'notification_setting',
        dict(frequency='HOURLY', threshold='1', unit='Gbps'),
        'value of frequency must be one of: DAILY, WEEKLY, MONTHLY, got: HOURLY',
    ),
    (
        'notification_setting',
        dict(type='ddos', frequency='DAILY', threshold='1', unit='Gbps'),
        'value of type must be one of: bandwidth, datatraffic, got: ddos',
    ),
    # -- notification_setting_info
    ('notification_setting_info', dict(id='1'), "missing parameter(s) required by 'id': type"),
    (
        'notification_setting_info',
        dict(type='ddos', id='1'),
        'id is for bandwidth and datatraffic settings; the ddos settings have none',
    ),
    ('notification_setting_info', dict(type='bandwidth', id=' '), 'id must not be empty'),
    (
        'notification_setting_info',
        dict(type='email'),
        'value of type must be one of: bandwidth, datatraffic, ddos, got: email',
    ),
    # -- null_route
    ('null_route', dict(ip='web01.example.com'), "ip: 'web01.example.com' is not an IPv4 or IPv6 address"),
    ('null_route', dict(ip='www.example.com'), "ip: 'www.example.com' is not an IPv4 or IPv6 address"),
    ('null_route', dict(ip=''), "ip: '' is not an IPv4 or IPv6 address"),
    ('null_route', dict(ip='2001:db8::g'), "ip: '2001:db8::g' is not an IPv4 or IPv6 address"),
    ('null_route', dict(ip='192.0.2.10/64'), "ip: '192.0.2.10/64' has an invalid prefix length"),
    (
        'null_route',
        dict(ip='192.0.2.10', state='nulled'),
        'value of state must be one of: present, absent, got: nulled',
    ),
    ('null_route', dict(ip='192.0.2.10', wait_sleep=0), 'wait_sleep must be at least 1, got 0'),
    ('null_route', dict(ip='192.0.2.10', wait_timeout=-1), 'wait_timeout must be at least 0, got -1'),
    ('null_route', dict(ip='192.0.2.10', wait_timeout=-5), 'wait_timeout must be at least 0, got -5'),
    ('null_route', dict(ip='192.0.2.10', wait='sometimes'), 'wait'),
    ('null_route', dict(), 'missing required arguments: ip'),
    ('null_route', dict(ip='192.0.2.10', server_id=''), 'server_id must not be empty'),
    # -- null_route_history_info
    ('null_route_history_info', dict(), 'missing required arguments: server_id'),
    ('null_route_history_info', dict(server_id=''), 'server_id must not be empty'),
    ('null_route_history_info', dict(server_id=S, ip='192.0.2.10'), 'Unsupported parameters'),
    # -- power
    ('power', dict(state='reboot'), Exactly('value of state must be one of: on, off, restarted, got: reboot')),
    ('power', dict(state='on', wait_timeout=-1), Exactly('wait_timeout must be at least 0, got -1')),
    ('power', dict(state='on', wait_timeout='soon'), "argument 'wait_timeout' is of type"),
    ('power', dict(state='on', wait_sleep=0), Exactly('wait_sleep must be at least 1, got 0')),
    ('power', dict(state='on', server_id=' '), Exactly('server_id must not be empty')),
    ('power', dict(), Exactly('missing required arguments: state')),
    # -- power_info
    ('power_info', dict(), 'missing required arguments: server_id'),
    ('power_info', dict(server_id=''), 'server_id must not be empty'),
    ('power_info', dict(server_id=S, state='on'), 'Unsupported parameters'),
    # -- private_network
    ('private_network', dict(), 'state is present but all of the following are missing: link_speed'),
    (
        'private_network',
        dict(link_speed=2500),
        'value of link_speed must be one of: 100, 1000, 10000, 25000, 40000, 100000, got: 2500',
    ),
    ('private_network', dict(server_id=S, link_speed=123), 'value of link_speed must be one of'),
    ('private_network', dict(private_network_id=' ', state='absent'), 'private_network_id must not be empty'),
    (
        'private_network',
        dict(link_speed=1000, state='gone'),
        'value of state must be one of: present, absent, got: gone',
    ),
    ('private_network', dict(link_speed=1000, wait_sleep=0), 'wait_sleep must be at least 1, got 0'),
    ('private_network', dict(server_id=S, link_speed=1000, wait_timeout=-1), 'wait_timeout must be at least 0, got -1'),
    (
        'private_network',
        dict(link_speed=1000, private_network_id=None),
        'missing required arguments: private_network_id',
    ),
    # -- rescue_image_info
    (
        'rescue_image_info',
        dict(chassis='x', server_id=S),
        Exactly('parameters are mutually exclusive: chassis|server_id'),
    ),
    ('rescue_image_info', dict(server_id=''), Exactly('server_id must not be empty')),
    ('rescue_image_info', dict(server_id='\t'), 'server_id must not be empty'),
    # -- rescue_mode
    (
        'rescue_mode',
        dict(post_install_script='echo hello'),
        Exactly('post_install_script must start with a shebang line such as #!/usr/bin/env bash'),
    ),
    (
        'rescue_mode',
        dict(ssh_keys=['ssh-rsa AAA one@example.com\nssh-rsa BBB two@example.com']),
        Exactly('ssh_keys: key 1 spans more than one line; give one key per list element'),
    ),
    ('rescue_mode', dict(ssh_keys=['ssh-rsa AAA one@example.com', ' ']), Exactly('ssh_keys: key 2 is empty')),
    ('rescue_mode', dict(ssh_keys=['']), 'ssh_keys: key 1 is empty'),
    (
        'rescue_mode',
        dict(password=''),
        Exactly('password must not be empty; leave it out to have the API generate one'),
    ),
    ('rescue_mode', dict(rescue_image_id=' '), Exactly('rescue_image_id must not be empty')),
    (
        'rescue_mode',
        dict(callback_url='example.com'),
        Exactly("callback_url: 'example.com' is not an http:// or https:// URL"),
    ),
    ('rescue_mode', dict(callback_url='not a url'), "callback_url: 'not a url' is not an http:// or https:// URL"),
    ('rescue_mode', dict(wait_sleep=0), Exactly('wait_sleep must be at least 1, got 0')),
    # -- server
    ('server', dict(), 'missing required arguments: reference'),
    ('server', dict(reference='x', server_id=' '), 'server_id must not be empty'),
    ('server', dict(server_id='', reference='x'), 'server_id must not be empty'),
    ('server', dict(server_id='   ', reference='x'), 'server_id must not be empty'),
    ('server', dict(reference='web\nprod'), 'reference: '),
    ('server', dict(reference='bad\x07ref'), 'holds a control character'),
    # -- server_info
    ('server_info', dict(server_id=S, site='AMS-01'), 'parameters are mutually exclusive: server_id|site'),
    (
        'server_info',
        dict(server_id=S, private_network_capable=True),
        'parameters are mutually exclusive: server_id|private_network_capable',
    ),
    ('server_info', dict(ip='300.1.2.3'), "ip: '300.1.2.3' is not an IPv4 or IPv6 address"),
    ('server_info', dict(ip='192.0.2.10/99'), "ip: '192.0.2.10/99' has an invalid prefix length"),
    ('server_info', dict(ip='10.0.0.0/8/8'), "ip: '10.0.0.0/8/8' has an invalid prefix length"),
    (
        'server_info',
        dict(mac_address='aa-bb-cc'),
        "mac_address: 'aa-bb-cc' is not a MAC address like aa:bb:cc:dd:ee:ff",
    ),
    ('server_info', dict(mac_address='aa-bb-cc-dd-ee-ff'), 'is not a MAC address'),
    ('server_info', dict(mac_address='zz:zz'), "mac_address: 'zz:zz' is not a MAC address"),
    ('server_info', dict(private_network_enabled='maybe'), 'private_network_enabled'),
    ('server_info', dict(server_id=''), 'server_id must not be empty'),
    # -- server_report_info
    ('server_report_info', dict(concurrency=0), 'concurrency must be between 1 and 100, got 0'),
    ('server_report_info', dict(concurrency=101), 'concurrency must be between 1 and 100, got 101'),
    ('server_report_info', dict(server_ids=[S, ' ']), 'server_ids: element 2 is empty'),
    ('server_report_info', dict(server_ids=[S], site='AMS-01'), 'parameters are mutually exclusive: server_ids|site'),
    ('server_report_info', dict(ip='not an ip'), "ip: 'not an ip' is not an IPv4 or IPv6 address"),
    (
        'server_report_info',
        dict(include=['power', 'disks']),
        'value of include must be one or more of: power, running_job, last_install',
    ),
    ('server_report_info', dict(api_timeout=0), 'api_timeout must be at least 1, got 0'),
    # -- server_config: the whole state of a server
    ('server_config', dict(refrence='web-01'), 'Unsupported parameters for'),
    ('server_config', dict(), Starts('nothing is declared: set at least one of reference, ips, interfaces')),
    ('server_config', dict(reference='web\n01'), Starts("reference: 'web\\n01' holds a control character")),
    (
        'server_config',
        dict(ips=dict(addresses=[dict(ip='192.0.2.300')])),
        Exactly("ips: addresses[1].ip: '192.0.2.300' is not an IPv4 or IPv6 address"),
    ),
    (
        'server_config',
        dict(ips=dict(addresses=[dict(ip='192.0.2.10'), dict(ip='192.0.2.10/29', reverse_lookup='a.example.com')])),
        Exactly('ips: addresses[2]: 192.0.2.10 is declared twice'),
    ),
    (
        'server_config',
        dict(ips=dict(addresses=[dict(ip='192.0.2.10', reverse_lookup='not a host')])),
        Starts("ips: addresses[1].reverse_lookup: 'not a host' is not a valid host name"),
    ),
    (
        'server_config',
        dict(ips=dict(state='replaced', addresses=[])),
        'value of state must be one of: merged, overridden, got: replaced found in ips',
    ),
    (
        'server_config',
        dict(interfaces=dict()),
        Exactly('interfaces: declare at least one of public, internal, remote_management'),
    ),
    (
        'server_config',
        dict(interfaces=dict(public='ajar')),
        'value of public must be one of: open, closed, got: ajar found in interfaces',
    ),
    (
        'server_config',
        dict(ddos_notifications=dict()),
        Exactly('ddos_notifications: declare at least one of nulling, scrubbing'),
    ),
    (
        'server_config',
        dict(bandwidth_notifications=dict(settings=[dict(frequency='DAILY', threshold='lots', unit='Gbps')])),
        Exactly(
            "bandwidth_notifications: settings[1].threshold must be a positive number such as 1, 500 or 1.5, got 'lots'"
        ),
    ),
    (
        'server_config',
        dict(datatraffic_notifications=dict(settings=[dict(frequency='DAILY', threshold='0', unit='TB')])),
        Starts('datatraffic_notifications: settings[1].threshold must be a positive number'),
    ),
    (
        'server_config',
        dict(datatraffic_notifications=dict(settings=[dict(frequency='DAILY', threshold='1', unit='Gbps')])),
        'value of unit must be one of: MB, GB, TB, got: Gbps found in datatraffic_notifications -> settings',
    ),
    (
        'server_config',
        dict(
            bandwidth_notifications=dict(
                settings=[
                    dict(frequency='DAILY', threshold='1', unit='Gbps'),
                    dict(frequency='DAILY', threshold='1.0', unit='Gbps'),
                ]
            )
        ),
        Exactly('bandwidth_notifications: settings[2] (DAILY 1.0 Gbps) is declared twice'),
    ),
    (
        'server_config',
        dict(bandwidth_notifications=dict(state='overridden')),
        'missing required arguments: settings found in bandwidth_notifications',
    ),
    (
        'server_config',
        dict(private_network=dict(link_speed=1000)),
        'missing required arguments: id found in private_network',
    ),
    (
        'server_config',
        dict(private_network=dict(id='892')),
        'state is present but all of the following are missing: link_speed found in private_network',
    ),
    (
        'server_config',
        dict(private_network=dict(id=' ', link_speed=1000)),
        Exactly('private_network: id must not be empty'),
    ),
    (
        'server_config',
        dict(credentials=[dict(type='DATABASE', username='app')]),
        Starts('credentials: [1]: password is required with state present'),
    ),
    (
        'server_config',
        dict(
            credentials=[
                dict(type='DATABASE', username='app', password=PASSWORD),
                dict(type='DATABASE', username='app', password=PASSWORD + '-2'),
            ]
        ),
        Exactly('credentials: [2]: DATABASE/app is declared twice'),
    ),
    ('server_config', dict(dhcp_lease=dict(bootfile='boot.ipxe')), Starts("dhcp_lease: 'boot.ipxe' is not a URL")),
    ('server_config', dict(power='restarted'), 'value of power must be one of: on, off, got: restarted'),
    ('server_config', dict(server_id=' ', reference='x'), Exactly('server_id must not be empty')),
    # -- fleet_config: the state of many servers
    ('fleet_config', dict(servers=[dict(server_id=S)]), Starts('servers[1] (server 12345): nothing is declared')),
    (
        'fleet_config',
        dict(servers=[dict(server_id=S, reference='a'), dict(server_id=S, power='on')]),
        Exactly('servers[2] (server 12345): declared twice (also servers[1])'),
    ),
    ('fleet_config', dict(servers=[dict(reference='a')]), 'missing required arguments: server_id found in servers'),
    ('fleet_config', dict(servers=[dict(server_id=S, colour='blue')]), 'colour'),
    (
        'fleet_config',
        dict(servers=[dict(server_id=S, reference='a'), dict(server_id='13058', ips=dict(addresses=[dict(ip='x')]))]),
        Exactly("servers[2] (server 13058): ips: addresses[1].ip: 'x' is not an IPv4 or IPv6 address"),
    ),
    (
        'fleet_config',
        dict(servers=[dict(server_id=' ', reference='a')]),
        Exactly('servers[1]: server_id must not be empty'),
    ),
    (
        'fleet_config',
        dict(servers=[dict(server_id=S, reference='a')], concurrency=0),
        Exactly('concurrency must be between 1 and 100, got 0'),
    ),
    (
        'fleet_config',
        dict(servers=[dict(server_id=S, reference='a')], concurrency=500),
        Exactly('concurrency must be between 1 and 100, got 500'),
    ),
    (
        'fleet_config',
        dict(servers=[dict(server_id=S, credentials=[dict(type='FTP', username='x', password=PASSWORD)])]),
        'value of type must be one of',
    ),
]


def input_id(row):
    module, args, says = row
    return '%s %s: %s' % (module, ','.join(sorted(args)) or '-', says[:50])


@pytest.mark.parametrize('module, args, says', INPUT_ROWS, ids=[input_id(row) for row in INPUT_ROWS])
def test_bad_input_fails_before_any_request(modules, module, args, says):
    options = dict(BASE.get(module, {}))
    options.update(args)
    options = dict((name, value) for name, value in options.items() if value is not None)
    run = modules.run(module, **options)
    assert run.failed and not run.changed, run
    assert_says(run.msg, says)
    assert run.calls == []
    assert_no_secret(run, options)


NO_SERVER = '999999999'
NO_JOB = '00000000-0000-0000-0000-000000000000'

# (module, arguments, status, the exact requests, what the message names or None)
API_ROWS = [
    # -- an unknown server
    (
        'credential',
        dict(server_id=NO_SERVER, type='DATABASE', username='app', password=PASSWORD, state='present'),
        404,
        ['GET /servers/999999999/credentials/DATABASE/app', 'GET /servers/999999999/credentials/DATABASE?limit=1'],
        None,
    ),
    (
        'credential',
        dict(server_id=NO_SERVER, type='DATABASE', username='app', password=PASSWORD, state='absent'),
        404,
        ['GET /servers/999999999/credentials/DATABASE/app', 'GET /servers/999999999/credentials/DATABASE?limit=1'],
        None,
    ),
    (
        'credential_info',
        dict(server_id=NO_SERVER, type='OPERATING_SYSTEM', username='root'),
        404,
        [
            'GET /servers/999999999/credentials/OPERATING_SYSTEM/root',
            'GET /servers/999999999/credentials/OPERATING_SYSTEM?limit=1',
        ],
        None,
    ),
    ('credential_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999/credentials?limit=50&offset=0'], None),
    (
        'ddos_notification',
        dict(server_id=NO_SERVER, nulling=True),
        404,
        ['GET /servers/999999999/notificationSettings/ddos'],
        None,
    ),
    ('dhcp_lease', dict(server_id=NO_SERVER, bootfile=BOOTFILE), 404, ['GET /servers/999999999/leases'], None),
    ('dhcp_lease_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999/leases'], None),
    # the scan's 404 could mean no scan: the server itself is read to tell
    (
        'hardware_info',
        dict(server_id=NO_SERVER),
        404,
        ['GET /servers/999999999/hardwareInfo', 'GET /servers/999999999/hardwareMonitoring', 'GET /servers/999999999'],
        None,
    ),
    (
        'hardware_scan',
        dict(server_id=NO_SERVER),
        404,
        ['GET /servers/999999999/jobs?isRunning=true&limit=50&offset=0'],
        None,
    ),
    (
        'install',
        dict(server_id=NO_SERVER, operating_system_id='UBUNTU_24_04_64BIT'),
        404,
        ['GET /servers/999999999/jobs?limit=50&offset=0&type=install'],
        None,
    ),
    ('ip_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999/ips?limit=50&offset=0'], None),
    (
        'ipmi_reset',
        dict(server_id=NO_SERVER),
        404,
        ['GET /servers/999999999/jobs?isRunning=true&limit=50&offset=0'],
        None,
    ),
    ('job_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999/jobs?limit=50&offset=0'], None),
    (
        'metrics_info',
        {'server_id': NO_SERVER, 'type': 'bandwidth', 'from': '2024-06-01', 'to': '2024-06-02'},
        404,
        ['GET /servers/999999999/metrics/bandwidth?aggregation=AVG&from=2024-06-01T00:00:00Z&to=2024-06-02T00:00:00Z'],
        None,
    ),
    (
        'notification_setting',
        dict(server_id=NO_SERVER, type='datatraffic', frequency='DAILY', threshold='1', unit='TB'),
        404,
        ['GET /servers/999999999/notificationSettings/datatraffic?limit=50&offset=0'],
        None,
    ),
    (
        'notification_setting',
        dict(server_id=NO_SERVER, type='bandwidth', id='1', state='absent'),
        404,
        [
            'GET /servers/999999999/notificationSettings/bandwidth/1',
            'GET /servers/999999999/notificationSettings/bandwidth?limit=1',
        ],
        None,
    ),
    (
        'notification_setting_info',
        dict(server_id=NO_SERVER),
        404,
        ['GET /servers/999999999/notificationSettings/bandwidth?limit=50&offset=0'],
        None,
    ),
    (
        'notification_setting_info',
        dict(server_id=NO_SERVER, type='datatraffic', id='1'),
        404,
        [
            'GET /servers/999999999/notificationSettings/datatraffic/1',
            'GET /servers/999999999/notificationSettings/datatraffic?limit=1',
        ],
        None,
    ),
    (
        'null_route_history_info',
        dict(server_id=NO_SERVER),
        404,
        ['GET /servers/999999999/nullRouteHistory?limit=50&offset=0'],
        None,
    ),
    ('power', dict(server_id=NO_SERVER, state='on'), 404, ['GET /servers/999999999/powerInfo'], 'server_id 999999999'),
    ('power_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999/powerInfo'], None),
    ('rescue_image_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999'], None),
    (
        'rescue_mode',
        dict(server_id=NO_SERVER),
        404,
        ['GET /servers/999999999/jobs?isRunning=true&limit=50&offset=0'],
        None,
    ),
    ('server', dict(server_id=NO_SERVER, reference='x'), 404, ['GET /servers/999999999'], None),
    ('server_info', dict(server_id=NO_SERVER), 404, ['GET /servers/999999999'], None),
    # -- an address, an interface, a job, a network, a system the API does not know
    (
        'ip',
        dict(server_id=S, ip='192.0.2.200', reverse_lookup='mail.example.com'),
        404,
        ['GET /servers/12345/ips/192.0.2.200'],
        None,
    ),
    ('null_route', dict(server_id=S, ip='192.0.2.200'), 404, ['GET /servers/12345/ips/192.0.2.200'], None),
    (
        'network_interface',
        dict(server_id='13509', network_type='internal', state='closed'),
        404,
        ['GET /servers/13509/networkInterfaces/internal'],
        None,
    ),
    (
        'network_interface',
        dict(server_id='16185', network_type='remote_management', state='closed'),
        404,
        ['GET /servers/16185/networkInterfaces/remoteManagement'],
        None,
    ),
    (
        'network_interface_info',
        dict(server_id='13509', network_type='internal'),
        404,
        ['GET /servers/13509/networkInterfaces/internal'],
        None,
    ),
    ('job', dict(server_id=S, job_id=NO_JOB), 404, ['GET /servers/12345/jobs/' + NO_JOB], None),
    (
        'job',
        dict(server_id=S, state='canceled', job_id=NO_JOB),
        404,
        ['GET /servers/12345/jobs?isRunning=true&limit=50&offset=0', 'GET /servers/12345/jobs/' + NO_JOB],
        'job_id ' + NO_JOB,
    ),
    ('job_info', dict(server_id=S, job_id=NO_JOB), 404, ['GET /servers/12345/jobs/' + NO_JOB], None),
    (
        'private_network',
        dict(server_id='12573', private_network_id='1', link_speed=1000),
        404,
        ['GET /servers/12573', 'PUT /servers/12573/privateNetworks/1'],
        None,
    ),
    (
        'private_network',
        dict(server_id=S, private_network_id='777777', link_speed=1000),
        404,
        ['GET /servers/12345', 'PUT /servers/12345/privateNetworks/777777'],
        'private_network_id 777777',
    ),
    (
        'control_panel_info',
        dict(operating_system_id='NOT_AN_OS'),
        404,
        ['GET /operatingSystems/NOT_AN_OS/controlPanels?limit=50&offset=0'],
        None,
    ),
    (
        'operating_system_info',
        dict(operating_system_id='NOT_AN_OS'),
        404,
        ['GET /operatingSystems/NOT_AN_OS?controlPanelId='],
        None,
    ),
    (
        'operating_system_info',
        dict(operating_system_id='BEOS_5'),
        404,
        ['GET /operatingSystems/BEOS_5?controlPanelId='],
        'operating_system_id BEOS_5',
    ),
    # -- a key the API does not accept
    ('power', dict(server_id=S, state='on', api_key='wrong-key'), 401, ['GET /servers/12345/powerInfo'], 'api_key'),
    ('server', dict(server_id=S, reference='x', api_key='wrong-key-3f9a1c'), 401, ['GET /servers/12345'], None),
    ('server_report_info', dict(api_key='wrong'), 401, ['GET /servers?limit=100&offset=0'], None),
]


def api_id(row):
    module, args, status, _calls, _names = row
    return '%s %s: %d' % (module, ','.join('%s=%s' % (k, args[k]) for k in sorted(args) if k != 'api_key'), status)


@pytest.mark.parametrize('module, args, status, calls, names', API_ROWS, ids=[api_id(row) for row in API_ROWS])
def test_what_only_the_api_can_tell_fails_with_its_answer(modules, module, args, status, calls, names):
    run = modules.run(module, **args)
    assert run.failed and not run.changed, run
    assert run['status'] == status
    assert run.calls == calls
    assert run.requests[-1]['status'] == status
    method, path = calls[-1].split(' ', 1)
    # the status once, then the API's message ('HTTP 404: Resource not found')
    assert run.msg.startswith('%s /bareMetals/v2%s: HTTP %d: ' % (method, path.split('?')[0], status)), run.msg
    error = run['error']
    assert error['error_code'] == str(status)
    if status == 404:
        assert error['error_message'] == 'Resource not found'
    assert re.match(r'^[0-9a-f-]{36}$', error['correlation_id'])
    assert '(correlationId %s)' % error['correlation_id'] in run.msg
    if names:
        assert names in run.msg
    assert_no_secret(run, args)
