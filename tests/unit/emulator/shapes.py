"""Expected shapes of the API's objects, written from the reference, and a strict checker.

A shape is a JSON type (S, I, B, N), a dict of key -> shape (every key required, no extra
keys), a one-element list [item shape], or a wrapper: Null(x), Opt(x) (key may be missing),
AnyOf(x, y...), DictOf(x) (free keys, values of one shape), ANY (anything).
"""

S, I, B, N = 'string', 'integer', 'boolean', 'number'
ANY = 'any'


class Null:
    """The value may be null."""

    def __init__(self, shape):
        self.shape = shape


class Opt:
    """The key may be missing."""

    def __init__(self, shape):
        self.shape = shape


class AnyOf:
    """One of several shapes."""

    def __init__(self, *shapes):
        self.shapes = shapes


class DictOf:
    """An object with free keys and values of one shape."""

    def __init__(self, shape):
        self.shape = shape


def _type_ok(value, name):
    if name == ANY:
        return True
    if name == S:
        return isinstance(value, str)
    if name == B:
        return isinstance(value, bool)
    if name == I:
        return isinstance(value, int) and not isinstance(value, bool)
    if name == N:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    raise AssertionError(f'unknown type {name}')


def problems(value, shape, where='$'):
    """Every mismatch between a value and a shape, as readable strings."""
    if isinstance(shape, Opt):
        shape = shape.shape
    if isinstance(shape, Null):
        return [] if value is None else problems(value, shape.shape, where)
    if value is None and shape != ANY:
        return [f'{where}: null where {_name(shape)} expected']
    if isinstance(shape, AnyOf):
        found = [problems(value, option, where) for option in shape.shapes]
        if any(not item for item in found):
            return []
        return [f'{where}: matches none of the alternatives: ' + ' | '.join('; '.join(item[:3]) for item in found)]
    if isinstance(shape, DictOf):
        if not isinstance(value, dict):
            return [f'{where}: object expected']
        result = []
        for key, item in value.items():
            result.extend(problems(item, shape.shape, f'{where}.{key}'))
        return result
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f'{where}: object expected, got {type(value).__name__}']
        result = []
        for key, sub in shape.items():
            if key not in value:
                if not isinstance(sub, Opt):
                    result.append(f'{where}: missing key {key!r}')
                continue
            result.extend(problems(value[key], sub, f'{where}.{key}'))
        for key in value:
            if key not in shape:
                result.append(f'{where}: unexpected key {key!r}')
        return result
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f'{where}: array expected']
        result = []
        for pos, item in enumerate(value):
            result.extend(problems(item, shape[0], f'{where}[{pos}]'))
        return result
    if not _type_ok(value, shape):
        return [f'{where}: {shape} expected, got {type(value).__name__} {value!r}'[:200]]
    return []


def _name(shape):
    return shape if isinstance(shape, str) else type(shape).__name__


def check(value, shape):
    """Assert that a value has exactly the shape."""
    found = problems(value, shape)
    assert not found, '\n'.join(found[:30])


METADATA = {'totalCount': I, 'offset': I, 'limit': I}
ERROR = {'correlationId': S, 'errorCode': S, 'errorMessage': S}
ERROR_400 = dict(ERROR, errorDetails=DictOf([S]))
PORT = {'name': S, 'port': S}

# -- servers -----------------------------------------------------------------------------
INTERFACE = {
    'mac': Null(S),
    'ip': Null(S),
    'nullRouted': Null(B),
    'gateway': Null(S),
    'ports': [PORT],
    'locationId': Null(S),
}
LIST_INTERFACE = {'mac': Null(S), 'ip': Null(S), 'nullRouted': Null(B), 'gateway': Null(S), 'ports': [PORT]}
PRIVATE_NETWORK = {'id': S, 'linkSpeed': I, 'status': S, 'dhcp': S, 'subnet': S, 'vlanId': S}
FEATURES = {'automation': B, 'powerCycle': B, 'ipmiReboot': B, 'privateNetwork': B, 'remoteManagement': B}
LOCATION = {'site': S, 'suite': S, 'rack': S, 'unit': S}
CONTRACT = {
    'id': S,
    'customerId': S,
    'salesOrgId': S,
    'deliveryStatus': S,
    'reference': Null(S),
    'privateNetworkPortSpeed': Null(N),
    'subnets': [{'quantity': I, 'subnetSize': S, 'networkType': S}],
    'status': S,
    'startsAt': S,
    'endsAt': Null(S),
    'sla': S,
    'contractTerm': I,
    'contractType': S,
    'billingCycle': I,
    'billingFrequency': S,
    'pricePerFrequency': S,
    'currency': S,
    'networkTraffic': {
        'type': Null(S),
        'connectivityType': Null(S),
        'trafficType': Null(S),
        'datatrafficUnit': Null(S),
        'datatrafficLimit': Null(N),
    },
    'softwareLicenses': [{'name': S, 'price': Null(N), 'currency': S, 'type': S}],
    'managedServices': [S],
    'aggregationPackId': Null(S),
    'ipv4Quantity': Null(I),
}
SERVER = {
    'assetId': S,
    'contract': CONTRACT,
    'featureAvailability': FEATURES,
    'id': S,
    'isPrivateNetworkEnabled': B,
    'isPrivateNetworkCapable': B,
    'isRedundantPrivateNetworkCapable': B,
    'location': LOCATION,
    'networkInterfaces': {'public': INTERFACE, 'internal': INTERFACE, 'remoteManagement': INTERFACE},
    'powerPorts': [PORT],
    'privateNetworks': [PRIVATE_NETWORK],
    'rack': {'id': S, 'capacity': S, 'type': S},
    'serialNumber': S,
    'specs': {
        'brand': S,
        'chassis': S,
        'cpu': {'quantity': I, 'type': S},
        'hardwareRaidCapable': B,
        'hdd': [{'id': S, 'amount': I, 'size': N, 'type': S, 'unit': S, 'performanceType': Null(S)}],
        'pciCards': [{'description': S}],
        'ram': {'size': I, 'unit': S},
    },
}
SERVER_LIST_ITEM = {
    'assetId': S,
    'contract': {'customerId': S, 'deliveryStatus': S, 'id': S, 'reference': Null(S), 'salesOrgId': S},
    'featureAvailability': FEATURES,
    'id': S,
    'location': LOCATION,
    'networkInterfaces': {'public': LIST_INTERFACE, 'internal': LIST_INTERFACE, 'remoteManagement': LIST_INTERFACE},
    'powerPorts': [PORT],
    'privateNetworks': [PRIVATE_NETWORK],
    'rack': {'type': S},
}
SERVER_LIST = {'_metadata': METADATA, 'servers': [SERVER_LIST_ITEM]}

# -- ips -----------------------------------------------------------------------------------
IP = {
    'ddos': {'detectionProfile': S, 'protectionType': S},
    'floatingIp': B,
    'gateway': S,
    'ip': S,
    'mainIp': B,
    'networkType': S,
    'nullRouted': B,
    'reverseLookup': S,
    'version': I,
}
IP_LIST = {'_metadata': METADATA, 'ips': [IP]}
NULL_ROUTE = {'automatedUnnullingAt': S, 'comment': S, 'ip': S, 'nullLevel': I, 'nulledAt': S, 'ticketId': S}
NULL_ROUTE_LIST = {'_metadata': METADATA, 'nullRoutes': [NULL_ROUTE]}

# -- network interfaces -----------------------------------------------------------------------
OPERATION_INTERFACE = {'linkSpeed': S, 'operStatus': S, 'status': S, 'switchInterface': S, 'switchName': S, 'type': S}
OPERATION_INTERFACE_LIST = {'_metadata': METADATA, 'networkInterfaces': [OPERATION_INTERFACE]}

# -- jobs ------------------------------------------------------------------------------------
TASK = {
    'uuid': S,
    'status': S,
    'description': S,
    'onError': S,
    'errorMessage': Null(S),
    'flow': S,
    'statusTimestamps': DictOf(S),
    'type': S,
    'actor': S,
    'createdAt': S,
    'updatedAt': S,
    'timeout': Null(I),
}
PROGRESS = {
    name: I
    for name in (
        'total',
        'waiting',
        'pending',
        'inprogress',
        'finished',
        'failed',
        'expired',
        'canceled',
        'warning',
        'skipped',
        'percentage',
    )
}
PAYLOAD_NETWORK = {
    'public': {
        'ip': S,
        'mac': S,
        'cidr': S,
        'prefix': I,
        'gateway': S,
        'netmask': S,
        'network': S,
        'isCustom': B,
        'broadcast': S,
        'nameservers': [S],
        'netmask_hex': S,
    },
    'internal': Opt({'mac': S}),
}
GENERIC_PAYLOAD = {
    'powerCycle': B,
    'network': PAYLOAD_NETWORK,
    'site': S,
    'initiatedBy': S,
    'serverBrand': S,
    'serverChassis': S,
    'fileserverBaseUrl': S,
    'serverHardwareRaid': B,
}
PARTITION = {'mountpoint': Opt(Null(S)), 'filesystem': S, 'size': S}
INSTALL_PAYLOAD = dict(
    GENERIC_PAYLOAD,
    os={'name': S, 'type': S, 'engine': S, 'family': S, 'version': S, 'architecture': S},
    raid=Null({'type': S, 'level': Opt(I), 'numberOfDisks': Opt(Null(I))}),
    device=S,
    hostname=S,
    timezone=S,
    partitions=[PARTITION],
    operatingSystemId=S,
    features=[S],
    featuresUtilized=[S],
    sshKeys=Null(S),
    database=Null({'networkType': S, 'dbName': S, 'type': S}),
    aiFrameworks=Null([S]),
    callbackUrl=Null(S),
    doEmailNotification=Null(B),
    configurable=Null(B),
)
RESCUE_PAYLOAD = dict(
    GENERIC_PAYLOAD, rescueImageId=S, sshKeys=Null(S), callbackUrl=Null(S), doEmailNotification=Null(B)
)
JOB = {
    'bareMetalId': S,
    'createdAt': S,
    'currentTask': Null(TASK),
    'flow': S,
    'isRunning': B,
    'metadata': Null({'BATCH_ID': Null(S)}),
    'node': S,
    'payload': AnyOf(INSTALL_PAYLOAD, RESCUE_PAYLOAD, GENERIC_PAYLOAD),
    'progress': PROGRESS,
    'serverId': S,
    'status': S,
    'tasks': [TASK],
    'type': S,
    'updatedAt': S,
    'uuid': S,
}
JOB_LIST = {'_metadata': METADATA, 'jobs': [JOB]}

# -- leases, credentials, notifications, power -------------------------------------------------
LEASE = {
    'bootfile': S,
    'createdAt': S,
    'gateway': S,
    'hostname': S,
    'ip': S,
    'lastClientRequest': {'relayAgent': Null(S), 'type': S, 'userAgent': S},
    'mac': S,
    'netmask': S,
    'site': S,
    'updatedAt': S,
}
LEASE_LIST = {'_metadata': METADATA, 'leases': [LEASE]}
CREDENTIAL = {'password': S, 'type': S, 'username': S}
CREDENTIAL_LIST = {'_metadata': METADATA, 'credentials': [{'type': S, 'username': S}]}
NOTIFICATION = {
    'actions': [{'lastTriggeredAt': Null(S), 'type': S}],
    'frequency': S,
    'id': S,
    'lastCheckedAt': Null(S),
    'threshold': S,
    'thresholdExceededAt': Null(S),
    'unit': S,
}
BANDWIDTH_LIST = {'_metadata': METADATA, 'bandwidthNotificationSettings': [NOTIFICATION]}
DATATRAFFIC_LIST = {'_metadata': METADATA, 'datatrafficNotificationSettings': [NOTIFICATION]}
NOTIFICATION_OPTS = {'frequency': S, 'threshold': S, 'unit': S}
DDOS = {'nulling': S, 'scrubbing': S}
POWER = {'ipmi': {'status': S}, 'pdu': {'status': S}}

# -- metrics ------------------------------------------------------------------------------------
METRIC = {'unit': S, 'values': [{'timestamp': S, 'value': I}]}
METRICS = {
    '_metadata': {'aggregation': S, 'from': S, 'granularity': Opt(S), 'to': S},
    'metrics': {'DOWN_PUBLIC': METRIC, 'UP_PUBLIC': METRIC},
}

# -- hardware -------------------------------------------------------------------------------------
HARDWARE_NETWORK = {
    'capabilities': {
        'autonegotiation': S,
        'bus_master': S,
        'cap_list': S,
        'ethernet': S,
        'link_speeds': {'1000bt-fd': S, '100bt': S, '100bt-fd': S, '10bt': S, '10bt-fd': S},
        'msi': S,
        'msix': S,
        'pciexpress': S,
        'physical': S,
        'pm': S,
        'tp': S,
    },
    'lldp': {
        'chassis': {'description': S, 'mac_address': S, 'name': S},
        'port': {'auto_negotiation': {'enabled': S, 'supported': S}, 'description': S},
        'vlan': {'id': S, 'label': S, 'name': S},
    },
    'logical_name': S,
    'mac_address': S,
    'product': S,
    'settings': {
        'autonegotiation': S,
        'broadcast': S,
        'driver': S,
        'driverversion': S,
        'duplex': S,
        'firmware': S,
        'ip': S,
        'latency': S,
        'link': S,
        'multicast': S,
        'port': S,
        'speed': S,
    },
    'vendor': S,
}
HARDWARE = {
    'id': S,
    'parserVersion': S,
    'scannedAt': S,
    'serverId': S,
    'result': {
        'chassis': {
            'description': S,
            'firmware': {'date': S, 'description': S, 'vendor': S, 'version': S},
            'motherboard': {'product': S, 'serial': S, 'vendor': S},
            'product': S,
            'serial': S,
            'vendor': S,
        },
        'cpu': [
            {
                'capabilities': {'cpufreq': AnyOf(S, B), 'ht': S, 'vmx': B, 'x86-64': S},
                'description': S,
                'hz': S,
                'serial_number': S,
                'settings': {'cores': S, 'enabledcores': S, 'threads': S},
                'slot': S,
                'vendor': S,
            }
        ],
        'disks': [
            {
                'description': S,
                'id': S,
                'product': S,
                'serial_number': S,
                'size': S,
                'smartctl': AnyOf(DictOf(ANY), B),
                'vendor': S,
            }
        ],
        'ipmi': AnyOf(
            {
                'defgateway': S,
                'firmware': S,
                'ipaddress': S,
                'ipsource': S,
                'macaddress': S,
                'subnetmask': S,
                'vendor': S,
            },
            {},
        ),
        'memory': [{'description': S, 'id': S, 'clock_hz': S, 'serial_number': S, 'size_bytes': S}],
        'network': [HARDWARE_NETWORK],
    },
}
MONITORING = {
    'serverId': S,
    'scrapedAt': S,
    'ipmiInfo': {
        'bmcUrl': Null(S),
        'firmwareRevision': Null(S),
        'manufacturerId': Null(S),
        'systemFirmwareVersion': Null(S),
    },
    'metrics': [{'metric': S, 'name': Null(S), 'value': S}],
}
MONITORING_LIST = {'_metadata': METADATA, 'servers': [MONITORING]}

# -- catalogue ------------------------------------------------------------------------------------
ID_NAME = {'id': S, 'name': S}
OS_LIST = {'_metadata': METADATA, 'operatingSystems': [ID_NAME]}
CONTROL_PANEL_LIST = {'_metadata': METADATA, 'controlPanels': [ID_NAME]}
RESCUE_IMAGE_LIST = {'_metadata': METADATA, 'rescueImages': [ID_NAME]}
OPERATING_SYSTEM = {
    'architecture': S,
    'configurable': B,
    'defaults': {'device': S, 'partitions': [PARTITION]},
    'family': S,
    'id': S,
    'name': S,
    'type': S,
    'version': S,
    'features': [S],
    'supportedFileSystems': [S],
    'supportedBootDevices': [S],
}
