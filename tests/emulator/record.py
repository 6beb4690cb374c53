"""One server of the fleet: its reference-shaped record plus bookkeeping."""

from .common import dumps


class ServerRecord:
    """One server: its reference-shaped record plus emulator bookkeeping."""

    __slots__ = (
        'id',
        'index',
        'detail',
        'ips',
        'ip_index',
        'null_target',
        'ports',
        'extras',
        'addrs',
        'macs',
        'list_json',
        'detail_json',
    )

    def __init__(self, server_id, index, detail, ips, ports):
        self.id = server_id
        self.index = index
        self.detail = detail
        self.ips = ips
        self.ip_index = {}
        for record in ips:
            self.ip_index[record['ip'].split('/')[0]] = record
        self.null_target = {}
        self.ports = ports
        self.extras = None
        self.addrs = frozenset(self.ip_index)
        macs = set()
        for iface in detail['networkInterfaces'].values():
            if iface['mac']:
                macs.add(iface['mac'])
        self.macs = frozenset(macs)
        self.list_json = None
        self.detail_json = None

    @property
    def manageable(self):
        """Whether automation (jobs) is available for this server."""
        return self.detail['featureAvailability']['automation']

    def list_item(self):
        """The reduced object shown in the server list (as the reference example)."""
        detail = self.detail
        contract = detail['contract']
        interfaces = {}
        for name, iface in detail['networkInterfaces'].items():
            interfaces[name] = {
                'mac': iface['mac'],
                'ip': iface['ip'],
                'nullRouted': iface['nullRouted'],
                'gateway': iface['gateway'],
                'ports': iface['ports'],
            }
        return {
            'assetId': detail['assetId'],
            'contract': {
                'customerId': contract['customerId'],
                'deliveryStatus': contract['deliveryStatus'],
                'id': contract['id'],
                'reference': contract['reference'],
                'salesOrgId': contract['salesOrgId'],
            },
            'featureAvailability': detail['featureAvailability'],
            'id': detail['id'],
            'location': detail['location'],
            'networkInterfaces': interfaces,
            'powerPorts': detail['powerPorts'],
            'privateNetworks': detail['privateNetworks'],
            'rack': {'type': detail['rack']['type']},
        }

    def list_bytes(self):
        """Cached JSON of the list item."""
        if self.list_json is None:
            self.list_json = dumps(self.list_item()).encode('utf-8')
        return self.list_json

    def detail_bytes(self):
        """Cached JSON of the full server object."""
        if self.detail_json is None:
            self.detail_json = dumps(self.detail).encode('utf-8')
        return self.detail_json
