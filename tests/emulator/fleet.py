"""The seeded fleet: a realistic, deterministic set of dedicated servers.

Everything here is derived from the seed. Per-server state that only some requests need
(jobs, credentials, notification settings, power, leases, null route history, hardware scan)
is built lazily by build_extras(), from a generator seeded with the seed and the server id.

Rules that tests can rely on (index = position in the list, ordered by id):
- index % 25 == 24: unmanaged (no automation, power control or IPMI; no remote management
  interface, no hardware monitoring);
- index % 10 == 9: not private network capable;
- index % 8 == 7: no internal interface;
- index % 12 == 11: powered off;
- index % 3 == 0 (and capable): member of the first private network (CONFIGURED).
- index 0 (server 12345): main public IP 192.0.2.10/29 with ADVANCED DDoS protection, member
  of private network 892 at 10000 Mbps. The private networks are 892 and 3943.
"""

import datetime
import functools
import random
import uuid

from . import catalogue, jobs, leases, notifications
from .record import ServerRecord

BASE_TIME = datetime.datetime(2025, 1, 6, 9, 0, tzinfo=datetime.timezone.utc).timestamp()

# site, salesOrgId, currency, public IPv4 /16, weight, suites
SITES = [
    ('AMS-01', '2000', 'EUR', (95, 211), 6, ('HALL1', 'HALL2', '99')),
    ('AMS-10', '2000', 'EUR', (212, 32), 3, ('A6', 'B2')),
    ('FRA-10', '2600', 'EUR', (178, 162), 4, ('R1', 'R2')),
    ('WDC-02', '2400', 'USD', (23, 82), 3, ('DC1',)),
    ('SFO-12', '2400', 'USD', (209, 58), 1, ('S2',)),
    ('SIN-01', '2800', 'USD', (103, 254), 2, ('L3',)),
    ('LON-12', '2700', 'GBP', (5, 61), 1, ('G1',)),
    ('TYO-10', '2900', 'USD', (89, 187), 1, ('T4',)),
]
_SITE_WEIGHTS = []
for _pos, _site in enumerate(SITES):
    _SITE_WEIGHTS.extend([_pos] * _site[4])

# brand, chassis, MAC OUI, hardware RAID, CPUs, weight
MODELS = [
    (
        'DELL',
        'Dell PowerEdge R640',
        'D0:94:66',
        True,
        (('Intel Xeon Silver 4210R', 2), ('Intel Xeon Gold 6226R', 2)),
        4,
    ),
    ('DELL', 'Dell PowerEdge R6515', 'B0:26:28', True, (('AMD EPYC 7402P', 1),), 3),
    ('HP', 'HP DL120 G9', '9C:8E:99', True, (('Intel Xeon E5-2620v4', 1),), 2),
    ('HPE', 'HPE DL360 Gen10', '94:40:C9', True, (('Intel Xeon Gold 5218', 2),), 3),
    ('HPE', 'HPE RL300 Gen11', 'B4:7A:F1', False, (('Ampere Altra Q80-30', 1),), 1),
    ('SUPERMICRO', 'SM 846TQ (24xLFF)', '00:25:90', False, (('Intel Xeon E-2274G', 1),), 3),
    ('SUPERMICRO', 'SM 5019C-MR', '3C:EC:EF', False, (('Intel Xeon E-2288G', 1),), 2),
]
_MODEL_WEIGHTS = []
for _pos, _model in enumerate(MODELS):
    _MODEL_WEIGHTS.extend([_pos] * _model[5])

# id, size, unit, type, performance type
DISKSETS = [
    ('SATA2TB', 2, 'TB', 'SATA', None),
    ('SATA4TB', 4, 'TB', 'SATA', None),
    ('SSD480GB', 480, 'GB', 'SSD', 'READ_INTENSIVE'),
    ('SSD960GB', 960, 'GB', 'SSD', 'MIXED_USE'),
    ('NVME1920GB', 1920, 'GB', 'NVME', 'WRITE_INTENSIVE'),
    ('SAS600GB', 600, 'GB', 'SAS', None),
]
PCI_CARDS = ['Intel X710 Dual Port 10GbE SFP+', 'NVIDIA L4 24GB', 'Broadcom MegaRAID 9361-8i']
RACK_TYPES = ['SHARED'] * 8 + ['SHARED_10GE'] * 5 + ['SHARED_40GE'] * 2 + ['SHARED_100GE'] * 2 + ['DEDICATED'] * 3
ROLES = ['web', 'db', 'cache', 'k8s-node', 'backup', 'mail', 'lb', 'build', 'storage', 'vpn']
ODD_REFERENCES = ['database.server', 'web.server', 'this is ref', 'Customer ABC / web', 'legacy_app']
SLAS = ['Basic - 24x7x24', 'Bronze - 24x7x4', 'Silver - 24x7x4', 'Gold - 24x7x2']
SEEDED_OSES = [
    'UBUNTU_22_04_64BIT',
    'UBUNTU_24_04_64BIT',
    'DEBIAN_12_64BIT',
    'ALMALINUX_9_64BIT',
    'ROCKY_LINUX_9_64BIT',
    'UBUNTU_22_04_64BIT',
    'WINDOWS_SERVER_2022_STANDARD_64BIT',
    'ESXI_7_0_64BIT',
    'DEBIAN_11_64BIT',
]


TRAFFIC = (
    {
        'type': '95TH',
        'connectivityType': 'CONNECTED',
        'trafficType': 'PREMIUM',
        'datatrafficUnit': None,
        'datatrafficLimit': None,
    },
    {
        'type': 'DATATRAFFIC',
        'connectivityType': 'CONNECTED',
        'trafficType': 'VOLUME',
        'datatrafficUnit': 'TB',
        'datatrafficLimit': 10,
    },
    {
        'type': 'DATATRAFFIC',
        'connectivityType': 'CONNECTED',
        'trafficType': 'VOLUME',
        'datatrafficUnit': 'TB',
        'datatrafficLimit': 50,
    },
    {
        'type': 'FLATFEE',
        'connectivityType': 'CONNECTED_AGGREGATION_POOL',
        'trafficType': 'PREMIUM',
        'datatrafficUnit': None,
        'datatrafficLimit': None,
    },
)
PUBLIC_SUBNETS = [{'quantity': 1, 'subnetSize': '/29', 'networkType': 'PUBLIC'}]
NO_SERVICES = []
LICENSES = {
    currency: [{'name': 'No Control Panel', 'price': None, 'currency': currency, 'type': 'CONTROL_PANEL'}]
    for currency in ('EUR', 'USD', 'GBP')
}


FEATURES = {
    (unmanaged, capable): {
        'automation': not unmanaged,
        'powerCycle': not unmanaged,
        'ipmiReboot': not unmanaged,
        'privateNetwork': capable,
        'remoteManagement': not unmanaged,
    }
    for unmanaged in (False, True)
    for capable in (False, True)
}


class Built:
    """What build_fleet returns."""

    def __init__(self, records, private_networks, customer_id, next_id):
        self.records = records
        self.private_networks = private_networks
        self.customer_id = customer_id
        self.next_id = next_id


def _mac(oui, number):
    return f'{oui}:{(number >> 16) & 0xFF:02X}:{(number >> 8) & 0xFF:02X}:{number & 0xFF:02X}'


@functools.lru_cache(maxsize=None)
def _iso_day_cached(day):
    return datetime.datetime.fromtimestamp(day * 86400, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S+00:00')


def _iso_day(ts):
    return _iso_day_cached(int(ts // 86400))


def _empty_interface():
    return {'mac': None, 'ip': None, 'nullRouted': None, 'gateway': None, 'ports': [], 'locationId': None}


def _ip(address, prefix, gateway, main, network_type, version, reverse='', advanced=False, floating=False):
    return {
        'ddos': {
            'detectionProfile': 'ADVANCED_DEFAULT' if advanced else 'STANDARD_DEFAULT',
            'protectionType': 'ADVANCED' if advanced else 'STANDARD',
        },
        'floatingIp': floating,
        'gateway': gateway,
        'ip': f'{address}/{prefix}',
        'mainIp': main,
        'networkType': network_type,
        'nullRouted': False,
        'reverseLookup': reverse,
        'version': version,
    }


class _Racks:
    """Fills racks of a site one after another."""

    def __init__(self, dice, rack_ids):
        self.dice = dice
        self.rack_ids = rack_ids
        self.current = {}

    def place(self, site_pos, suites):
        """Return (rack dict, rack name, suite, unit) for the next server of a site."""
        dice = self.dice
        slot = self.current.get(site_pos)
        if slot is None or slot['left'] == 0:
            rack_type = dice.pick(RACK_TYPES)
            capacity = {
                'SHARED': '1G',
                'SHARED_10GE': '10G',
                'SHARED_40GE': '40G',
                'SHARED_100GE': '100G',
                'DEDICATED': '10G',
            }[rack_type]
            slot = {
                'rack': {'id': str(next(self.rack_ids)), 'capacity': capacity, 'type': rack_type},
                'name': f'{dice.pick("ABCDEFGHJKLM")}{dice.pick("ABCDEFGHJKLM")}{dice.between(1, 40):02d}',
                'suite': dice.pick(suites),
                'left': dice.between(6, 20),
                'unit': dice.between(1, 4),
            }
            self.current[site_pos] = slot
        slot['left'] -= 1
        size = 2 if dice.rnd() < 0.2 else 1
        unit = str(slot['unit']) if size == 1 else f'{slot["unit"]}-{slot["unit"] + 1}'
        slot['unit'] += size
        return slot['rack'], slot['name'], slot['suite'], unit


class _Dice:
    """Fast deterministic choices (random.choice/randint are slow for big fleets)."""

    def __init__(self, rng):
        self.rng = rng
        self.rnd = rng.random

    def pick(self, seq):
        """A random element."""
        return seq[int(self.rnd() * len(seq))]

    def between(self, low, high):
        """A random integer in [low, high]."""
        return low + int(self.rnd() * (high - low + 1))

    def serial(self, length):
        """An upper-case alphanumeric serial number."""
        value = self.rng.getrandbits(64)
        chars = []
        for _dummy in range(length):
            value, digit = divmod(value, 36)
            chars.append(SERIAL_ALPHABET[digit])
        return ''.join(chars)


FIRST_SERVER_ID = 12345
# The first server's public /29 (RFC 5737 documentation range) as (prefix, block offset, main
# host): main IP 192.0.2.10, gateway 192.0.2.14; the modules' EXAMPLES use that address.
FIRST_SERVER_BLOCK = ('192.0.2.', 8, 2)
# (id, vlanId, subnet) of the customer's private networks; the first is the reference's
# example id, used by the EXAMPLES.
PRIVATE_NETWORKS = (('892', '2120', '10.32.0.0/16'), ('3943', '2130', '10.33.0.0/16'))
SERIAL_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'


def _counter(start):
    value = start
    while True:
        yield value
        value += 1


def _reference(dice, counters, used):
    roll = dice.rnd()
    if roll < 0.25:
        return None
    if roll < 0.35 and used:
        return dice.pick(used)
    if roll < 0.40:
        return dice.pick(ODD_REFERENCES)
    role = dice.pick(ROLES)
    counters[role] = counters.get(role, 0) + 1
    value = f'{role}-{counters[role]:02d}'
    used.append(value)
    return value


def build_fleet(count, seed):
    """Generate `count` servers deterministically from `seed`."""
    rng = random.Random(f'fleet:{seed}')
    dice = _Dice(rng)
    pick, between, rnd = dice.pick, dice.between, dice.rnd
    customer_id = str(between(10_000_000, 39_999_999))
    networks = {}
    for network_id, vlan, subnet in PRIVATE_NETWORKS:
        between(1000, 9999)  # ids are fixed; the draw keeps the rest of the fleet as it was
        networks[network_id] = {'id': network_id, 'vlanId': vlan, 'subnet': subnet, 'dhcp': 'DISABLED'}
    network_ids = list(networks)
    racks = _Racks(dice, _counter(between(4000, 6000)))
    # the first server is 12345, the id of the reference's examples and of the modules' EXAMPLES
    server_id = FIRST_SERVER_ID
    asset_id = between(600_000, 700_000)
    contract_id = between(40_000_000, 49_999_999)
    location_id = between(270_000_000, 280_000_000)
    mac_base = between(0x10000, 0x3FFFFF)
    site_blocks = [0] * len(SITES)
    ref_counters = {}
    used_refs = []
    records = []
    for index in range(count):
        if index:
            server_id += between(1, 400)
        asset_id += between(1, 50)
        contract_id += between(1, 900)
        sid = str(server_id)
        site_pos = pick(_SITE_WEIGHTS)
        site, sales_org, currency, (oct1, oct2), _weight, suites = SITES[site_pos]
        block = site_blocks[site_pos]
        site_blocks[site_pos] += 1
        model = MODELS[pick(_MODEL_WEIGHTS)]
        brand, chassis, oui, hw_raid, cpus, _weight = model
        cpu_type, cpu_qty = pick(cpus)
        rack, rack_name, suite, unit = racks.place(site_pos, suites)

        unmanaged = index % 25 == 24
        pn_capable = index % 10 != 9
        has_internal = index % 8 != 7
        features = FEATURES[(unmanaged, pn_capable)]

        # Public /29 per server inside the site's /16; internal and IPMI /26 ranges.
        net = block * 8
        third = (net >> 8) & 0xFF
        second = (oct2 + (net >> 16)) & 0xFF
        base = f'{oct1}.{second}.{third}.'
        fourth = net & 0xFF
        main_host = 1
        if index == 0:
            base, fourth, main_host = FIRST_SERVER_BLOCK
        public_ip = f'{base}{fourth + main_host}'
        public_gw = f'{base}{fourth + 6}'
        # canonical (compressed) text, as ipaddress would print it
        six = f'2001:1af8:{0x4700 + site_pos:x}:{block:x}::' if block else f'2001:1af8:{0x4700 + site_pos:x}::'
        host = block % 60 + 2
        lan = (block // 60) % 256
        hi = block // 15360
        internal_ip = f'10.{16 + site_pos * 4 + hi}.{lan}.{host}'
        internal_gw = f'10.{16 + site_pos * 4 + hi}.{lan}.1'
        rm_ip = f'10.{64 + site_pos * 4 + hi}.{lan}.{host}'
        rm_gw = f'10.{64 + site_pos * 4 + hi}.{lan}.1'
        switch = f'EVO-{rack_name}'
        port_no = str(between(1, 48))
        link = pick(('1Gbps', '1Gbps', '10Gbps', '100Mbps'))

        public = {
            'mac': _mac(oui, mac_base + index * 4),
            'ip': f'{public_ip}/29',
            'nullRouted': False,
            'gateway': public_gw,
            'ports': [{'name': f'{switch}-1', 'port': port_no}],
            'locationId': str(location_id + index * 3),
        }
        ports = {
            'public': {
                'linkSpeed': link,
                'status': 'CLOSED' if index % 40 == 39 else 'OPEN',
                'switchInterface': port_no,
                'switchName': f'{switch}-1',
            }
        }
        if has_internal:
            internal = {
                'mac': _mac(oui, mac_base + index * 4 + 1),
                'ip': f'{internal_ip}/26',
                'nullRouted': False,
                'gateway': internal_gw,
                'ports': [{'name': f'{switch}-2', 'port': port_no}],
                'locationId': str(location_id + index * 3 + 1),
            }
            ports['internal'] = {
                'linkSpeed': link,
                'status': 'OPEN',
                'switchInterface': port_no,
                'switchName': f'{switch}-2',
            }
        else:
            internal = _empty_interface()
        if unmanaged:
            remote = _empty_interface()
        else:
            remote = {
                'mac': _mac(oui, mac_base + index * 4 + 2),
                'ip': f'{rm_ip}/26',
                'nullRouted': False,
                'gateway': rm_gw,
                'ports': [{'name': f'{switch}-RM', 'port': port_no}],
                'locationId': str(location_id + index * 3 + 2),
            }
            ports['remoteManagement'] = {
                'linkSpeed': '100Mbps',
                'status': 'OPEN',
                'switchInterface': port_no,
                'switchName': f'{switch}-RM',
            }

        advanced = rnd() < 0.15 or index == 0
        extra_ips = rnd() < 0.2
        ips = [_ip(public_ip, 29, public_gw, True, 'PUBLIC', 4, 'hosted-by.leaseweb.com', advanced)]
        if extra_ips:
            for offset in (main_host + 1, main_host + 2):
                ips.append(
                    _ip(
                        f'{base}{fourth + offset}',
                        29,
                        public_gw,
                        False,
                        'PUBLIC',
                        4,
                        'hosted-by.leaseweb.com',
                        advanced,
                        floating=offset == main_host + 2 and index % 50 == 0,
                    )
                )
            if index % 6 == 1:
                ips[-1]['nullRouted'] = True
        ips.append(_ip(f'{six}2', 64, f'{six}1', False, 'PUBLIC', 6))
        if has_internal:
            ips.append(_ip(internal_ip, 26, internal_gw, False, 'INTERNAL', 4))
        if not unmanaged:
            ips.append(_ip(rm_ip, 26, rm_gw, False, 'REMOTE_MANAGEMENT', 4))

        disk = pick(DISKSETS)
        hdd = [
            {
                'id': disk[0],
                'amount': pick((1, 2, 2, 4)),
                'size': disk[1],
                'type': disk[3],
                'unit': disk[2],
                'performanceType': disk[4],
            }
        ]
        if rnd() < 0.2:
            second_disk = pick(DISKSETS)
            if second_disk[0] != disk[0]:
                hdd.append(
                    {
                        'id': second_disk[0],
                        'amount': 2,
                        'size': second_disk[1],
                        'type': second_disk[3],
                        'unit': second_disk[2],
                        'performanceType': second_disk[4],
                    }
                )
        pci = [{'description': pick(PCI_CARDS)}] if rnd() < 0.15 else []

        memberships = []
        if pn_capable:
            speed = pick((1000, 10000))
            if index == 0:
                speed = 10000
            target = None
            if index % 3 == 0:
                target = networks[network_ids[0]]
            elif index % 11 == 5:
                target = networks[network_ids[1]]
            if target is not None:
                memberships.append(
                    {
                        'id': target['id'],
                        'linkSpeed': speed,
                        'status': 'CONFIGURED',
                        'dhcp': target['dhcp'],
                        'subnet': target['subnet'],
                        'vlanId': target['vlanId'],
                    }
                )
        starts = BASE_TIME - between(30, 2000) * 86400
        term = pick((1, 12, 12, 24, 36))
        traffic = pick(TRAFFIC)
        contract = {
            'id': str(contract_id),
            'customerId': customer_id,
            'salesOrgId': sales_org,
            'deliveryStatus': 'ACTIVE',
            'reference': _reference(dice, ref_counters, used_refs),
            'privateNetworkPortSpeed': float(pick((1000, 10000))) if pn_capable else None,
            'subnets': PUBLIC_SUBNETS,
            'status': 'ACTIVE',
            'startsAt': _iso_day(starts),
            'endsAt': None if index % 17 else _iso_day(starts + term * 30 * 86400 + 86400 * 400),
            'sla': pick(SLAS),
            'contractTerm': term,
            'contractType': 'NORMAL',
            'billingCycle': pick((1, 1, 3, 12)),
            'billingFrequency': 'MONTH',
            'pricePerFrequency': f'{49 + rnd() * 850:.2f}',
            'currency': currency,
            'networkTraffic': traffic,
            'softwareLicenses': LICENSES[currency],
            'managedServices': NO_SERVICES,
            'aggregationPackId': str(127600 + site_pos)
            if traffic['connectivityType'] == 'CONNECTED_AGGREGATION_POOL'
            else None,
            'ipv4Quantity': 8 if extra_ips else 1,
        }
        power_ports = [{'name': f'{site}-PDU-{rack_name}-A', 'port': str(between(1, 24))}]
        if rnd() < 0.3:
            power_ports.append({'name': f'{site}-PDU-{rack_name}-B', 'port': power_ports[0]['port']})
        detail = {
            'assetId': str(asset_id),
            'contract': contract,
            'featureAvailability': features,
            'id': sid,
            'isPrivateNetworkCapable': pn_capable,
            'isPrivateNetworkEnabled': bool(memberships),
            'isRedundantPrivateNetworkCapable': pn_capable and rack['type'] == 'DEDICATED',
            'location': {'site': site, 'suite': suite, 'rack': rack_name, 'unit': unit},
            'networkInterfaces': {'public': public, 'internal': internal, 'remoteManagement': remote},
            'powerPorts': [] if unmanaged else power_ports,
            'privateNetworks': memberships,
            'rack': dict(rack),
            'serialNumber': dice.serial(pick((7, 10, 13))),
            'specs': {
                'brand': brand,
                'chassis': chassis,
                'cpu': {'quantity': cpu_qty, 'type': cpu_type},
                'hardwareRaidCapable': hw_raid,
                'hdd': hdd,
                'pciCards': pci,
                'ram': {'size': pick((32, 64, 64, 128, 256)), 'unit': 'GB'},
            },
        }
        records.append(ServerRecord(sid, index, detail, ips, ports))
    return Built(records, networks, customer_id, 100_000 + between(0, 50_000))


def build_extras(state, record):
    """Per-server state built on first use, deterministic from the seed and server id."""
    rng = random.Random(f'extras:{state.seed}:{record.id}')
    chassis = record.detail['specs']['chassis']
    if 'RL300' in chassis:
        os_id = 'UBUNTU_22_04_64BIT'
    else:
        os_id = rng.choice(SEEDED_OSES)
    os_item = catalogue.OS_BY_ID[os_id]
    installed_at = BASE_TIME - rng.randint(5, 900) * 86400
    job_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    install = jobs.seeded_install(record, os_item, installed_at, job_uuid)
    admin = 'Administrator' if os_item['type'] == 'windows' else 'root'
    credentials = {('OPERATING_SYSTEM', admin): f'{rng.choice(("Kx9", "Pq7", "Zt4"))}{rng.getrandbits(48):012x}'}
    if record.detail['featureAvailability']['remoteManagement']:
        credentials[('REMOTE_MANAGEMENT', 'admin')] = f'Rm{rng.getrandbits(40):010x}'
    bandwidth = {}
    datatraffic = {}
    if rng.random() < 0.3:
        setting = notifications.make_setting(str(state.new_id()), 'WEEKLY', '1', 'Gbps')
        bandwidth[setting['id']] = setting
    if rng.random() < 0.3:
        setting = notifications.make_setting(str(state.new_id()), 'MONTHLY', '10', 'TB')
        datatraffic[setting['id']] = setting
    history = []
    for ip_record in record.ips:
        if ip_record['nullRouted']:
            nulled = BASE_TIME - rng.randint(1, 20) * 3600
            history.append(
                {
                    'automatedUnnullingAt': _iso_day(BASE_TIME + 86400 * 365),
                    'comment': 'Device Null Route related to DDoS Mitigation',
                    'ip': ip_record['ip'].split('/')[0] + '/32',
                    'nullLevel': 3,
                    'nulledAt': _iso_day(nulled),
                    'ticketId': str(rng.randint(100000, 999999)),
                }
            )
    if rng.random() < 0.3:
        nulled = BASE_TIME - rng.randint(30, 400) * 86400
        history.append(
            {
                'automatedUnnullingAt': _iso_day(nulled + 86400),
                'comment': 'Device Null Route related to DDoS Mitigation',
                'ip': record.ips[0]['ip'].split('/')[0] + '/32',
                'nullLevel': 3,
                'nulledAt': _iso_day(nulled),
                'ticketId': str(rng.randint(100000, 999999)),
            }
        )
    powered = 'off' if record.index % 12 == 11 else 'on'
    lease = None
    if record.index % 13 == 6:
        lease = leases.make_lease(
            record, 'http://mirror.leaseweb.com/ipxe-files/ubuntu-22.04.ipxe', f's{record.id}', BASE_TIME - 3600
        )
    return {
        'jobs': [install],
        'installed': {'operatingSystemId': os_id, 'controlPanelId': None, 'at': installed_at},
        'credentials': credentials,
        'bandwidth': bandwidth,
        'datatraffic': datatraffic,
        'ddos': {'nulling': 'ENABLED', 'scrubbing': 'DISABLED'},
        'power': {'ipmi': powered, 'pdu': 'on'},
        'lease': lease,
        'null_routes': history,
        'hardware': {'id': str(rng.randint(1_000_000, 9_999_999)), 'scannedAt': installed_at - 3600},
        'pn_generation': {},
    }
