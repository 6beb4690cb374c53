"""Hardware: the last hardware scan and IPMI monitoring data (per server and fleet-wide)."""

import random

from .common import ApiError, iso, page

PARSER_VERSION = '3.6'
CPU_HZ = {'Intel': '2900000000', 'AMD': '2800000000', 'Ampere': '3000000000'}


def _serial(rng, length=10):
    return ''.join(rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _dummy in range(length))


def _smartctl(rng, disk_model, serial, size_text):
    hours = rng.randint(1000, 60000)
    return {
        'ata_version': 'ACS-3 T13/2161-D revision 5',
        'attributes': {
            'Power_On_Hours': {
                'flag': 18,
                'id': '  9',
                'raw_value': str(hours),
                'thresh': '000',
                'type': 'Old_age',
                'updated': 'Always',
                'value': '095',
                'when_failed': '-',
                'worst': '095',
            },
            'Reallocated_Sector_Ct': {
                'flag': 51,
                'id': '  5',
                'raw_value': '0',
                'thresh': '005',
                'type': 'Pre-fail',
                'updated': 'Always',
                'value': '100',
                'when_failed': '-',
                'worst': '100',
            },
        },
        'device_model': disk_model,
        'execution_status': '0',
        'firmware_version': 'MX4OAAB0',
        'is_sas': False,
        'overall_health': 'PASSED',
        'rpm': '7200 rpm',
        'sata_version': 'SATA 3.2, 6.0 Gb/s (current: 6.0 Gb/s)',
        'sector_size': '512 bytes logical, 4096 bytes physical',
        'serial_number': serial,
        'smart_error_log': 'No Errors Logged',
        'smart_support': {'available': True, 'enabled': True},
        'smartctl_version': '7.2',
        'user_capacity': size_text,
    }


def _nic(rng, name, mac, ip, switch, port):
    return {
        'capabilities': {
            'autonegotiation': 'Auto-negotiation',
            'bus_master': 'bus mastering',
            'cap_list': 'PCI capabilities listing',
            'ethernet': '',
            'link_speeds': {
                '1000bt-fd': '1Gbit/s (full duplex)',
                '100bt': '100Mbit/s',
                '100bt-fd': '100Mbit/s (full duplex)',
                '10bt': '10Mbit/s',
                '10bt-fd': '10Mbit/s (full duplex)',
            },
            'msi': 'Message Signalled Interrupts',
            'msix': 'MSI-X',
            'pciexpress': 'PCI Express',
            'physical': 'Physical interface',
            'pm': 'Power Management',
            'tp': 'twisted pair',
        },
        'lldp': {
            'chassis': {
                'description': 'Juniper Networks, Inc. ex3300-48t Ethernet Switch, kernel JUNOS 15.1R5.5',
                'mac_address': '4c:16:fc:' + ':'.join(f'{rng.randrange(256):02x}' for _dummy in range(3)),
                'name': switch,
            },
            'port': {'auto_negotiation': {'enabled': 'yes', 'supported': 'yes'}, 'description': f'ge-0/0/{port}.0'},
            'vlan': {'id': '0', 'label': 'VLAN', 'name': 'default'},
        },
        'logical_name': name,
        'mac_address': mac.lower(),
        'product': '82574L Gigabit Network Connection',
        'settings': {
            'autonegotiation': 'on',
            'broadcast': 'yes',
            'driver': 'e1000e',
            'driverversion': '3.2.6-k',
            'duplex': 'full',
            'firmware': '2.1-2',
            'ip': ip,
            'latency': '0',
            'link': 'yes',
            'multicast': 'yes',
            'port': 'twisted pair',
            'speed': '1Gbit/s',
        },
        'vendor': 'Intel Corporation',
    }


def hardware_result(record, scan):
    """The getHardwareResult of a server's last scan."""
    detail = record.detail
    specs = detail['specs']
    rng = random.Random(f'hardware:{record.id}:{scan["id"]}')
    brand = specs['brand']
    cpu_type = specs['cpu']['type']
    vendor = cpu_type.split()[0]
    cores = rng.choice((4, 6, 8, 12, 16, 24, 32))
    cpus = []
    for slot in range(specs['cpu']['quantity']):
        cpus.append(
            {
                'capabilities': {
                    'cpufreq': 'CPU Frequency scaling',
                    'ht': 'HyperThreading',
                    'vmx': vendor == 'Intel',
                    'x86-64': '64bits extensions (x86-64)',
                },
                'description': cpu_type,
                'hz': CPU_HZ.get(vendor, '2600000000'),
                'serial_number': '',
                'settings': {'cores': str(cores), 'enabledcores': str(cores), 'threads': str(cores * 2)},
                'slot': f'CPU {slot + 1}',
                'vendor': {'Intel': 'Intel Corp.', 'AMD': 'Advanced Micro Devices [AMD]'}.get(vendor, vendor),
            }
        )
    disks = []
    for hdd in specs['hdd']:
        multiplier = 10**12 if hdd['unit'] == 'TB' else 10**9
        size = int(hdd['size'] * multiplier)
        for _dummy in range(hdd['amount']):
            serial = _serial(rng, 14)
            model = f'{hdd["type"]} {hdd["size"]}{hdd["unit"]}'
            disks.append(
                {
                    'description': 'ATA Disk' if hdd['type'] in ('SATA', 'SSD') else 'NVMe disk',
                    'id': f'disk:{len(disks)}',
                    'product': model,
                    'serial_number': serial,
                    'size': str(size),
                    'smartctl': _smartctl(rng, model, serial, f'{size:,} bytes'),
                    'vendor': rng.choice(('Samsung', 'Seagate', 'Micron', 'Intel', 'Toshiba')),
                }
            )
    remote = detail['networkInterfaces']['remoteManagement']
    if remote['ip']:
        ipmi = {
            'defgateway': remote['gateway'],
            'firmware': '1.88',
            'ipaddress': remote['ip'].split('/')[0],
            'ipsource': 'DHCP Address',
            'macaddress': remote['mac'].lower(),
            'subnetmask': '255.255.255.192',
            'vendor': brand,
        }
    else:
        ipmi = {}
    banks = max(1, specs['ram']['size'] // 16)
    bank_size = specs['ram']['size'] * 2**30 // banks
    memory = [
        {
            'clock_hz': '2933000000',
            'description': 'DIMM DDR4 Synchronous Registered (Buffered) 2933 MHz (0.3 ns)',
            'id': f'memory/bank:{i}',
            'serial_number': _serial(rng, 8),
            'size_bytes': str(bank_size),
        }
        for i in range(banks)
    ]
    network = []
    for name, key in (('eth0', 'public'), ('eth1', 'internal')):
        iface = detail['networkInterfaces'][key]
        if iface['mac']:
            port = iface['ports'][0] if iface['ports'] else {'name': '', 'port': '0'}
            network.append(_nic(rng, name, iface['mac'], iface['ip'].split('/')[0], port['name'], port['port']))
    return {
        'id': scan['id'],
        'parserVersion': PARSER_VERSION,
        'result': {
            'chassis': {
                'description': 'Rack Mount Chassis',
                'firmware': {
                    'date': '2023-05-10',
                    'description': 'BIOS',
                    'vendor': brand,
                    'version': f'{rng.randint(1, 3)}.{rng.randint(0, 19)}.1',
                },
                'motherboard': {'product': specs['chassis'], 'serial': _serial(rng), 'vendor': brand},
                'product': specs['chassis'],
                'serial': detail['serialNumber'],
                'vendor': brand,
            },
            'cpu': cpus,
            'disks': disks,
            'ipmi': ipmi,
            'memory': memory,
            'network': network,
        },
        'scannedAt': iso(scan['scannedAt']),
        'serverId': record.id,
    }


def monitoring(state, record, now):
    """The getHardwareMonitoringResult of a server (IPMI sensors)."""
    rng = random.Random(f'monitoring:{record.id}')
    powered = state.extras(record)['power']['ipmi'] == 'on'
    metrics = [
        {'metric': 'ipmi_chassis_cooling_fault_state', 'name': None, 'value': '0'},
        {'metric': 'ipmi_chassis_drive_fault_state', 'name': None, 'value': '0'},
        {'metric': 'ipmi_chassis_power_state', 'name': None, 'value': '1' if powered else '0'},
    ]
    for fan in range(1, 4):
        metrics.append(
            {'metric': 'ipmi_fan_speed_ratio', 'name': f'Fan {fan} DutyCycle', 'value': f'{rng.uniform(0.25, 0.6):.4f}'}
        )
        metrics.append({'metric': 'ipmi_fan_speed_state', 'name': f'Fan {fan} DutyCycle', 'value': '0'})
    for sensor, low in (('01-Inlet Ambient', 18), ('02-CPU 1', 35), ('03-P1 DIMM 1-4', 25), ('11-System Board', 26)):
        metrics.append(
            {
                'metric': 'ipmi_temperature_celsius',
                'name': sensor,
                'value': str(low + rng.randint(0, 12) if powered else low),
            }
        )
        metrics.append({'metric': 'ipmi_temperature_state', 'name': sensor, 'value': '0'})
    metrics.append({'metric': 'ipmi_up', 'name': None, 'value': '1'})
    metrics.append({'metric': 'up', 'name': None, 'value': '1'})
    sensors = state.extras(record).get('sensors')
    if sensors:  # set through PUT /_emulator/servers/{id}/sensors
        for metric in metrics:
            metric['value'] = sensors.get((metric['metric'], metric['name']), metric['value'])
    brand = record.detail['specs']['brand']
    return {
        'ipmiInfo': {
            'bmcUrl': 'N/A',
            'firmwareRevision': f'{rng.randint(1, 5)}.{rng.randint(0, 99):02d}',
            'manufacturerId': {
                'DELL': 'Dell Inc. (674)',
                'HP': 'Hewlett Packard (11)',
                'HPE': 'Hewlett Packard Enterprise (47196)',
                'SUPERMICRO': 'Super Micro Computer (10876)',
            }.get(brand, brand),
            'systemFirmwareVersion': None,
        },
        'metrics': metrics,
        'scrapedAt': iso(now - now % 300),
        'serverId': record.id,
    }


def has_monitoring(record):
    """Only servers with a remote management (IPMI) interface are monitored."""
    return bool(record.detail['networkInterfaces']['remoteManagement']['ip'])


def hardware_info(ctx):
    """GET /servers/{serverId}/hardwareInfo."""
    return hardware_result(ctx.server, ctx.state.extras(ctx.server)['hardware'])


def server_monitoring(ctx):
    """GET /servers/{serverId}/hardwareMonitoring (404 without IPMI)."""
    if not has_monitoring(ctx.server):
        raise ApiError(404)
    return monitoring(ctx.state, ctx.server, ctx.now)


def list_monitoring(ctx):
    """GET /hardwareMonitoring (filters site, location = rack name or rack id)."""
    site = ctx.query.get('site')
    location = ctx.query.get('location')

    def wanted(record):
        detail = record.detail
        if not has_monitoring(record):
            return False
        if site is not None and detail['location']['site'] != site:
            return False
        if location is not None and location not in (detail['location']['rack'], detail['rack']['id']):
            return False
        return True

    records = ctx.state.filtered(('monitoring', site, location), wanted)
    result = page(records, ctx.query, 'servers')
    result['servers'] = [monitoring(ctx.state, record, ctx.now) for record in result['servers']]
    return result


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers/{serverId}/hardwareInfo', hardware_info)
    api.route('GET', '/servers/{serverId}/hardwareMonitoring', server_monitoring)
    api.route('GET', '/hardwareMonitoring', list_monitoring)
