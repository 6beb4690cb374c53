"""Operating systems, control panels and rescue images (read-only catalogue)."""

from .common import ApiError, ValidationError, page

LINUX_FS = ['ext2', 'ext3', 'ext4', 'xfs', 'swap']
BOOT_DEVICES = ['SATA_SAS', 'NVME']
LINUX_FEATURES = ['PARTITIONING', 'SW_RAID', 'TIMEZONE', 'HOSTNAME', 'SSH_KEYS', 'POST_INSTALL_SCRIPTS']
DB_FEATURES = ['DB_MARIADB', 'DB_REDIS', 'DB_MONGODB', 'DB_POSTGRESQL']

CONTROL_PANELS = [
    ('CPANEL_PREMIER_100', 'cPanel Premier 100'),
    ('CPANEL_PREMIER_150', 'cPanel Premier 150'),
    ('CPANEL_PREMIER_200', 'cPanel Premier 200'),
    ('CPANEL_PREMIER_250', 'cPanel Premier 250'),
    ('PLESK_12', 'Plesk 12'),
    ('PLESK_DEDSER_WEB_ADMIN', 'Plesk Web Admin 10 Domains'),
    ('PLESK_DEDSER_WEB_PRO', 'Plesk Web Pro 30 Domains'),
    ('PLESK_DEDSER_WEB_HOST', 'Plesk Web Host Unlimited Domains'),
    ('VESTA', 'Vesta CP'),
]

CPANEL = ('CPANEL_PREMIER_100', 'CPANEL_PREMIER_150', 'CPANEL_PREMIER_200', 'CPANEL_PREMIER_250')
PLESK = ('PLESK_DEDSER_WEB_ADMIN', 'PLESK_DEDSER_WEB_PRO', 'PLESK_DEDSER_WEB_HOST')

# id, name, family, version, type, control panels
_OS_ROWS = [
    ('ALMALINUX_8_64BIT', 'AlmaLinux 8 (x86_64)', 'almalinux', '8', 'linux', CPANEL + PLESK),
    ('ALMALINUX_9_64BIT', 'AlmaLinux 9 (x86_64)', 'almalinux', '9', 'linux', CPANEL + PLESK),
    ('CENTOS_7_64BIT', 'CentOS 7 (x86_64)', 'centos', '7', 'linux', CPANEL + PLESK + ('PLESK_12', 'VESTA')),
    ('ROCKY_LINUX_8_64BIT', 'Rocky Linux 8 (x86_64)', 'rockylinux', '8', 'linux', CPANEL + PLESK),
    ('ROCKY_LINUX_9_64BIT', 'Rocky Linux 9 (x86_64)', 'rockylinux', '9', 'linux', CPANEL + PLESK),
    ('DEBIAN_12_64BIT', 'Debian 12 (amd64)', 'debian', '12', 'linux', PLESK),
    ('DEBIAN_11_64BIT', 'Debian 11 (amd64)', 'debian', '11', 'linux', PLESK + ('PLESK_12',)),
    ('DEBIAN_10_64BIT', 'Debian 10 (amd64)', 'debian', '10', 'linux', PLESK + ('VESTA',)),
    ('UBUNTU_24_04_64BIT', 'Ubuntu 24.04 LTS (Noble Numbat) (amd64)', 'ubuntu', '24.04', 'linux', PLESK),
    (
        'UBUNTU_22_04_64BIT',
        'Ubuntu 22.04 LTS (Jammy Jellyfish) (amd64)',
        'ubuntu',
        '22.04',
        'linux',
        CPANEL + PLESK + ('PLESK_12',),
    ),
    (
        'UBUNTU_20_04_64BIT',
        'Ubuntu 20.04 LTS (Focal Fossa) (amd64)',
        'ubuntu',
        '20.04',
        'linux',
        PLESK + ('PLESK_12', 'VESTA'),
    ),
    ('UBUNTU_18_04_64BIT', 'Ubuntu 18.04 LTS (Bionic Beaver) (amd64)', 'ubuntu', '18.04', 'linux', ('VESTA',)),
    ('WINDOWS_SERVER_2022_STANDARD_64BIT', 'Windows Server 2022 Standard (x64)', 'windows', '2022', 'windows', PLESK),
    (
        'WINDOWS_SERVER_2022_DATACENTER_64BIT',
        'Windows Server 2022 Datacenter (x64)',
        'windows',
        '2022',
        'windows',
        PLESK,
    ),
    ('WINDOWS_SERVER_2019_STANDARD_64BIT', 'Windows Server 2019 Standard (x64)', 'windows', '2019', 'windows', PLESK),
    (
        'WINDOWS_SERVER_2019_DATACENTER_64BIT',
        'Windows Server 2019 Datacenter (x64)',
        'windows',
        '2019',
        'windows',
        PLESK,
    ),
    ('WINDOWS_SERVER_2016_STANDARD_64BIT', 'Windows Server 2016 Standard (x64)', 'windows', '2016', 'windows', ()),
    ('WINDOWS_SERVER_2016_DATACENTER_64BIT', 'Windows Server 2016 Datacenter (x64)', 'windows', '2016', 'windows', ()),
    (
        'WINDOWS_SERVER_2012_R2_STANDARD_64BIT',
        'Windows Server 2012 R2 Standard (x64)',
        'windows',
        '2012 R2',
        'windows',
        (),
    ),
    (
        'WINDOWS_SERVER_2012_R2_DATACENTER_64BIT',
        'Windows Server 2012 R2 Datacenter (x64)',
        'windows',
        '2012 R2',
        'windows',
        (),
    ),
    (
        'WINDOWS_SERVER_2012_STANDARD_64BIT',
        'Windows Server 2012 Standard (x64) (Only available to existing license holders)',
        'windows',
        '2012',
        'windows',
        (),
    ),
    (
        'WINDOWS_SERVER_2012_DATACENTER_64BIT',
        'Windows Server 2012 Datacenter (x64) (Only available to existing license holders)',
        'windows',
        '2012',
        'windows',
        (),
    ),
    ('ESXI_7_0_64BIT_CSTM', 'ESXi 7.0 Targeted (x86_64)', 'esxi', '7.0', 'esxi', ()),
    ('ESXI_7_0_64BIT', 'ESXi 7.0 (x86_64)', 'esxi', '7.0', 'esxi', ()),
    ('ESXI_6_7_64BIT_CSTM', 'ESXi 6.7 Targeted (x86_64)', 'esxi', '6.7', 'esxi', ()),
    ('ESXI_6_7_64BIT', 'ESXi 6.7 (x86_64)', 'esxi', '6.7', 'esxi', ()),
    ('ESXI_6_5_64BIT_CSTM', 'ESXi 6.5 Targeted (x86_64)', 'esxi', '6.5', 'esxi', ()),
    ('ESXI_6_5_64BIT', 'ESXi 6.5 (x86_64)', 'esxi', '6.5', 'esxi', ()),
    ('FREEBSD_13_64BIT', 'FreeBSD 13.1 (amd64)', 'freebsd', '13.1', 'freebsd', ()),
    ('FREEBSD_12_64BIT', 'FreeBSD 12.3 (amd64)', 'freebsd', '12.3', 'freebsd', ()),
]

RESCUE_IMAGES = [
    ('GRML', 'GRML Linux Rescue Image (amd64)'),
    ('CENTOS_7', 'CentOS 7 Linux Rescue Image (amd64)'),
    ('ROCKY_LINUX', 'Rocky Linux Rescue Image (amd64)'),
    ('FREEBSD', 'FreeBSD Rescue Image (amd64)'),
]
RESCUE_IMAGE_IDS = {image[0] for image in RESCUE_IMAGES}
# Images a chassis cannot boot (FreeBSD has no ARM build, as the reference explains).
ARM_CHASSIS_MARKER = 'RL300'
ARM_UNSUPPORTED = {'FREEBSD'}


def _defaults(family, os_type):
    """Default device and partitions per OS family."""
    if os_type == 'windows':
        return {'device': 'SATA_SAS', 'partitions': [{'mountpoint': 'C:', 'size': '*', 'filesystem': 'ntfs'}]}
    if os_type == 'esxi':
        return {'device': 'SATA_SAS', 'partitions': []}
    if os_type == 'freebsd':
        return {
            'device': 'SATA_SAS',
            'partitions': [
                {'size': '4096', 'filesystem': 'swap'},
                {'mountpoint': '/', 'size': '*', 'filesystem': 'ufs'},
            ],
        }
    boot_fs = 'ext2' if family in ('centos', 'almalinux', 'rockylinux') else 'ext4'
    return {
        'device': 'SATA_SAS',
        'partitions': [
            {'mountpoint': '/boot', 'size': '1024', 'filesystem': boot_fs},
            {'size': '4096', 'filesystem': 'swap'},
            {'mountpoint': '/tmp', 'size': '4096', 'filesystem': 'ext4'},
            {'mountpoint': '/', 'size': '*', 'filesystem': 'ext4'},
        ],
    }


def _build_os(row):
    os_id, name, family, version, os_type, panels = row
    if os_type == 'linux':
        features = list(LINUX_FEATURES) + (['CONTROL_PANEL'] if panels else []) + DB_FEATURES
        filesystems = list(LINUX_FS)
        engine = 'tarbuilder'
    elif os_type == 'windows':
        features = ['HOSTNAME', 'TIMEZONE', 'POST_INSTALL_SCRIPTS'] + (['CONTROL_PANEL'] if panels else [])
        filesystems = ['ntfs']
        engine = 'wimbuilder'
    elif os_type == 'freebsd':
        features = ['PARTITIONING', 'SW_RAID', 'TIMEZONE', 'HOSTNAME', 'SSH_KEYS']
        filesystems = ['ufs', 'zfs', 'swap']
        engine = 'tarbuilder'
    else:
        features = ['HOSTNAME', 'SSH_KEYS']
        filesystems = []
        engine = 'kickstart'
    return {
        'architecture': '64bit',
        'configurable': os_type != 'esxi',
        'defaults': _defaults(family, os_type),
        'family': family,
        'id': os_id,
        'name': name,
        'type': os_type,
        'version': version,
        'features': features,
        'supportedFileSystems': filesystems,
        'supportedBootDevices': list(BOOT_DEVICES),
        # private: not part of the answer
        '_engine': engine,
        '_panels': tuple(panels),
    }


OPERATING_SYSTEMS = [_build_os(row) for row in _OS_ROWS]
OS_BY_ID = {item['id']: item for item in OPERATING_SYSTEMS}


def public_os(os_item):
    """The getOperatingSystemResult view of a catalogue entry."""
    return {key: value for key, value in os_item.items() if not key.startswith('_')}


def os_payload(os_item):
    """The `os` object of an install job payload."""
    return {
        'name': os_item['name'],
        'type': os_item['type'],
        'engine': os_item['_engine'],
        'family': os_item['family'],
        'version': os_item['version'],
        'architecture': os_item['architecture'],
    }


def get_os(os_id):
    """Return the catalogue entry or raise 404."""
    item = OS_BY_ID.get(os_id)
    if item is None:
        raise ApiError(404)
    return item


def list_operating_systems(ctx):
    """GET /operatingSystems (filter controlPanelId)."""
    panel = ctx.query.get('controlPanelId')
    items = [
        {'id': item['id'], 'name': item['name']}
        for item in OPERATING_SYSTEMS
        if panel is None or panel in item['_panels']
    ]
    return page(items, ctx.query, 'operatingSystems')


def get_operating_system(ctx):
    """GET /operatingSystems/{operatingSystemId}; controlPanelId is a required query.

    An empty controlPanelId is accepted, unless the ``blank_control_panel_status`` setting
    says to refuse it (400 with errorDetails, or that status).
    """
    item = get_os(ctx.params['operatingSystemId'])
    if 'controlPanelId' not in ctx.query:
        raise ValidationError({'controlPanelId': ['This value should not be blank.']})
    refuse = int(ctx.state.settings.blank_control_panel_status)
    if refuse and not ctx.query['controlPanelId'].strip():
        if refuse == 400:
            raise ValidationError({'controlPanelId': ['This value should not be blank.']})
        raise ApiError(refuse)
    return public_os(item)


def list_control_panels(ctx):
    """GET /controlPanels."""
    items = [{'id': cp_id, 'name': name} for cp_id, name in CONTROL_PANELS]
    return page(items, ctx.query, 'controlPanels')


def list_os_control_panels(ctx):
    """GET /operatingSystems/{operatingSystemId}/controlPanels."""
    item = get_os(ctx.params['operatingSystemId'])
    items = [{'id': cp_id, 'name': name} for cp_id, name in CONTROL_PANELS if cp_id in item['_panels']]
    return page(items, ctx.query, 'controlPanels')


def list_rescue_images(ctx):
    """GET /rescueImages (filter chassis)."""
    chassis = ctx.query.get('chassis')
    arm = chassis is not None and ARM_CHASSIS_MARKER in chassis
    items = [
        {'id': image_id, 'name': name} for image_id, name in RESCUE_IMAGES if not (arm and image_id in ARM_UNSUPPORTED)
    ]
    return page(items, ctx.query, 'rescueImages')


def register(api):
    """Add this area's routes."""
    api.route('GET', '/operatingSystems', list_operating_systems)
    api.route('GET', '/operatingSystems/{operatingSystemId}', get_operating_system)
    api.route('GET', '/operatingSystems/{operatingSystemId}/controlPanels', list_os_control_panels)
    api.route('GET', '/controlPanels', list_control_panels)
    api.route('GET', '/rescueImages', list_rescue_images)
