"""Jobs: install, rescue mode, hardware scan, IPMI reset; their tasks and the job API."""

import re
import secrets
import uuid

from . import catalogue, credentials
from .common import (
    HOSTNAME_RE,
    ApiError,
    Details,
    bool_param,
    check_base64,
    check_bool,
    check_enum,
    check_string,
    check_url,
    iso,
    optional_object,
    page,
    reject_unknown,
    require_object,
)

OUTCOMES = ('FINISHED', 'FAILED', 'HANG')
TASK_STATES = (
    'WAITING',
    'PENDING',
    'INPROGRESS',
    'REBOOTING',
    'FINISHED',
    'FAILED',
    'SKIPPED',
    'CANCELED',
    'WARNING',
    'EXPIRED',
)
TASK_TIMEOUT = 32400

_PREPARE = ('Prepare the job', 'job.prepare')
_CYCLE = ('Power cycle the server', 'server.powercycle')
_CALLBACK = ('Send the callback', 'callback.send')
TASKS = {
    'install': [
        _PREPARE,
        _CYCLE,
        ('Boot the installer over PXE', 'installer.pxeboot'),
        ('Wipe and partition the disks', 'disks.partition'),
        ('Install the operating system', 'os.install'),
        ('Configure network and credentials', 'os.configure'),
        ('Run the post-install script', 'os.postinstall'),
        ('Reboot into the installed system', 'server.reboot'),
        _CALLBACK,
    ],
    'rescueMode': [
        _PREPARE,
        _CYCLE,
        ('Boot the rescue image over PXE', 'rescue.pxeboot'),
        ('Set the rescue mode credentials', 'rescue.credentials'),
        _CALLBACK,
    ],
    'hardwareScan': [
        _PREPARE,
        _CYCLE,
        ('Boot the hardware scan image', 'scan.pxeboot'),
        ('Scan the hardware', 'scan.run'),
        ('Reboot into the installed system', 'server.reboot'),
        _CALLBACK,
    ],
    'ipmiReset': [
        _PREPARE,
        _CYCLE,
        ('Reset the IPMI interface', 'ipmi.reset'),
        ('Set the remote management credentials', 'ipmi.credentials'),
        ('Reboot into the installed system', 'server.reboot'),
        _CALLBACK,
    ],
}

AI_FRAMEWORKS = ('PYTORCH', 'TENSORFLOW', 'SCIKIT_LEARN', 'XGBOOST', 'HUGGING_FACE', 'NVIDIA_NGC')
FEATURE_OF_OPTION = {
    'hostname': 'HOSTNAME',
    'sshKeys': 'SSH_KEYS',
    'timezone': 'TIMEZONE',
    'postInstallScript': 'POST_INSTALL_SCRIPTS',
    'controlPanelId': 'CONTROL_PANEL',
    'partitions': 'PARTITIONING',
}
TIMEZONE_RE = re.compile(r'^(UTC|[A-Za-z_]+(/[A-Za-z0-9_+\-]+)+)$')
SIZE_RE = re.compile(r'^([1-9][0-9]*|\*)$')


class Job:
    """A job whose progress is computed from the clock when it is read."""

    __slots__ = (
        'uuid',
        'type',
        'server_id',
        'node',
        'created',
        'duration',
        'outcome',
        'tasks',
        'payload',
        'secret',
        'ended',
        'callback_url',
    )

    def __init__(
        self,
        job_type,
        server_id,
        node,
        created,
        duration,
        outcome,
        payload,
        secret=None,
        job_uuid=None,
        callback_url=None,
    ):
        self.uuid = job_uuid or str(uuid.uuid4())
        self.type = job_type
        self.server_id = server_id
        self.node = node
        self.created = created
        self.duration = max(0.0, float(duration))
        self.outcome = outcome
        self.tasks = [
            (desc, ttype, str(uuid.uuid5(uuid.NAMESPACE_URL, f'{self.uuid}/{i}')))
            for i, (desc, ttype) in enumerate(TASKS[job_type])
        ]
        self.payload = payload
        self.secret = secret or {}
        self.ended = None  # (status, time) after cancel/expire
        self.callback_url = callback_url  # called (POST) when the job ends, see State.job_ended

    @property
    def special_index(self):
        """The task that fails (FAILED) or never ends (HANG)."""
        return len(self.tasks) // 2

    def end_time(self):
        """When the job reaches FINISHED/FAILED on its own, or None."""
        n = len(self.tasks)
        if self.outcome == 'FINISHED':
            return self.created + self.duration
        if self.outcome == 'FAILED':
            return self.created + self.duration * (self.special_index + 1) / n
        return None

    def status(self, now):
        """The job status at `now`."""
        if self.ended is not None:
            return self.ended[0]
        end = self.end_time()
        if end is not None and now >= end:
            return self.outcome
        return 'ACTIVE'

    def finally_seconds(self):
        """How long the failure ("finally") flow of a canceled job runs: one task's time.

        Canceling runs the job's failure flow, often a reboot; the job is CANCELED at once
        but stays running (``isRunning: true``, ``flow: finally``) until that flow is done.
        Expiring is administrative only: the job stops running at once.
        """
        return self.duration / len(self.tasks)

    def in_finally(self, now):
        """True while a canceled job runs its failure flow."""
        if self.ended is None or self.ended[0] != 'CANCELED':
            return False
        return now < self.ended[1] + self.finally_seconds()

    def is_running(self, now):
        """ACTIVE, or canceled and still in its failure flow."""
        return self.status(now) == 'ACTIVE' or self.in_finally(now)

    def _task_states(self, now):
        """(status, timestamps, errorMessage) for every task at `now`."""
        n = len(self.tasks)
        slot = self.duration / n
        special = self.special_index
        end = self.end_time()
        ended_status, ended_at = self.ended if self.ended else (None, None)
        clock = now if ended_at is None else min(now, ended_at)
        failed = self.outcome == 'FAILED' and end is not None and clock >= end
        states = []
        for i in range(n):
            stamps = {'WAITING': self.created}
            error = None
            pending_at = self.created + i * slot
            running_at = pending_at + 0.2 * slot
            done_at = self.created + (i + 1) * slot
            if self.outcome == 'HANG' and i >= special:
                done_at = None
                if i > special:
                    pending_at = running_at = None
            if failed and i >= special:
                if i == special:
                    stamps.update(PENDING=pending_at, INPROGRESS=running_at, FAILED=end)
                    states.append(('FAILED', stamps, 'The task did not complete: the server did not answer in time.'))
                else:
                    stamps['SKIPPED'] = end
                    states.append(('SKIPPED', stamps, None))
                continue
            status = 'WAITING'
            if pending_at is not None and clock >= pending_at:
                status = 'PENDING'
                stamps['PENDING'] = pending_at
            if running_at is not None and clock >= running_at:
                status = 'INPROGRESS'
                stamps['INPROGRESS'] = running_at
            if done_at is not None and clock >= done_at:
                status = 'FINISHED'
                stamps['FINISHED'] = done_at
            if ended_status and status != 'FINISHED':
                status = ended_status
                stamps[ended_status] = ended_at
            states.append((status, stamps, error))
        return states

    def render(self, now):
        """The reference's job object at `now`."""
        status = self.status(now)
        states = self._task_states(now)
        created = iso(self.created)
        tasks = []
        counts = {name.lower(): 0 for name in TASK_STATES}
        latest = self.created
        current = None
        for (description, task_type, task_uuid), (task_status, stamps, error) in zip(self.tasks, states):
            counts[task_status.lower()] += 1
            task_latest = max(stamps.values())
            latest = max(latest, task_latest)
            task = {
                'uuid': task_uuid,
                'status': task_status,
                'description': description,
                'onError': 'break',
                'errorMessage': error,
                'flow': 'main',
                'statusTimestamps': {key: iso(value) for key, value in stamps.items()},
                'type': task_type,
                'actor': 'server',
                'createdAt': created,
                'updatedAt': iso(task_latest),
                'timeout': TASK_TIMEOUT,
            }
            tasks.append(task)
            if current is None and task_status not in ('FINISHED', 'SKIPPED'):
                current = task
        total = len(tasks)
        if status == 'ACTIVE':
            percentage = int(100 * (counts['finished'] + 0.5 * counts['inprogress']) / total)
        else:
            percentage = 100
        if status == 'FINISHED':
            current = None
        progress = {
            'total': total,
            'waiting': counts['waiting'],
            'pending': counts['pending'],
            'inprogress': counts['inprogress'],
            'finished': counts['finished'],
            'failed': counts['failed'],
            'expired': counts['expired'],
            'canceled': counts['canceled'],
            'warning': counts['warning'],
            'skipped': counts['skipped'],
            'percentage': percentage,
        }
        return {
            'bareMetalId': self.server_id,
            'createdAt': created,
            'currentTask': current,
            'flow': 'main' if status == 'ACTIVE' else 'finally' if self.in_finally(now) else '#stop',
            'isRunning': self.is_running(now),
            'metadata': {'BATCH_ID': None},
            'node': self.node,
            'payload': self.payload,
            'progress': progress,
            'serverId': self.server_id,
            'status': status,
            'tasks': tasks,
            'type': self.type,
            'updatedAt': iso(latest),
            'uuid': self.uuid,
        }


# -- payloads ------------------------------------------------------------------------------

FILESERVER = '10.11.20.2'
NAMESERVERS = {'EUR': ['85.17.150.123', '83.149.80.123'], 'USD': ['23.19.53.53', '23.19.52.52']}


def network_payload(record):
    """The `network` part of every job payload, from the server's public interface."""
    detail = record.detail
    public = detail['networkInterfaces']['public']
    cidr = public['ip']
    address, prefix = cidr.split('/')
    prefix = int(prefix)
    mask = (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF
    octets = [int(part) for part in address.split('.')]
    value = (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]

    def dotted(number):
        return '.'.join(str((number >> shift) & 0xFF) for shift in (24, 16, 8, 0))

    network = {
        'public': {
            'ip': address,
            'mac': public['mac'],
            'cidr': cidr,
            'prefix': prefix,
            'gateway': public['gateway'],
            'netmask': dotted(mask),
            'network': dotted(value & mask),
            'isCustom': False,
            'broadcast': dotted((value & mask) | (~mask & 0xFFFFFFFF)),
            'nameservers': list(NAMESERVERS.get(detail['contract']['currency'], NAMESERVERS['EUR'])),
            'netmask_hex': f'0x{mask:08x}',
        }
    }
    internal_mac = detail['networkInterfaces']['internal']['mac']
    if internal_mac:
        network['internal'] = {'mac': internal_mac}
    return network


def generic_payload(record, power_cycle=True):
    """The genericPayload of hardwareScan and ipmiReset jobs."""
    detail = record.detail
    return {
        'powerCycle': power_cycle,
        'network': network_payload(record),
        'serverBrand': detail['specs']['brand'],
        'serverChassis': detail['specs']['chassis'],
        'serverHardwareRaid': detail['specs']['hardwareRaidCapable'],
        'site': detail['location']['site'],
        'fileserverBaseUrl': FILESERVER,
        'initiatedBy': 'CUSTOMER',
    }


def install_payload(record, os_item, options):
    """The installOperatingSystemPayload echoing the install request."""
    payload = generic_payload(record, options.get('powerCycle', True))
    defaults = os_item['defaults']
    utilized = []
    for option, feature in FEATURE_OF_OPTION.items():
        if options.get(option) is not None:
            utilized.append(feature)
    raid = options.get('raid')
    if raid and raid.get('type') == 'SW':
        utilized.append('SW_RAID')
    payload.update(
        {
            'os': catalogue.os_payload(os_item),
            'device': options.get('device') or defaults['device'],
            'partitions': options.get('partitions') or [dict(p) for p in defaults['partitions']],
            'configurable': os_item['configurable'],
            'timezone': options.get('timezone') or 'UTC',
            'doEmailNotification': options.get('callbackUrl') is None,
            'operatingSystemId': os_item['id'],
            'raid': raid,
            'callbackUrl': options.get('callbackUrl'),
            'hostname': options.get('hostname') or f's{record.id}.dedi.leaseweb.net',
            'sshKeys': options.get('sshKeys'),
            'database': None,
            'aiFrameworks': options.get('aiFrameworks') or [],
            'features': list(os_item['features']),
            'featuresUtilized': utilized,
        }
    )
    return payload


# -- state helpers -------------------------------------------------------------------------


def job_list(state, record):
    """The server's jobs, oldest first (seeded lazily)."""
    return state.extras(record)['jobs']


def active_job(state, record, now):
    """The ACTIVE job of a server, or None."""
    for job in reversed(job_list(state, record)):
        if job.status(now) == 'ACTIVE':
            return job
    return None


def running_job(state, record, now):
    """The running job of a server (ACTIVE, or canceled and in its failure flow), or None."""
    for job in reversed(job_list(state, record)):
        if job.is_running(now):
            return job
    return None


def new_password():
    """A generated password like the ones the platform stores."""
    return secrets.token_urlsafe(12)


def apply_finish(state, record, job, when):
    """Side effects of a job that reached FINISHED."""
    extras = state.extras(record)
    if job.type == 'install':
        extras['installed'] = {
            'operatingSystemId': job.payload['operatingSystemId'],
            'controlPanelId': job.secret.get('controlPanelId'),
            'at': when,
        }
        admin = 'Administrator' if job.payload['os']['type'] == 'windows' else 'root'
        credentials.store(extras, 'OPERATING_SYSTEM', admin, job.secret.get('password') or new_password())
        if job.secret.get('controlPanelId'):
            credentials.store(extras, 'CONTROL_PANEL', 'admin', new_password())
        extras['power'] = {'ipmi': 'on', 'pdu': 'on'}
    elif job.type == 'rescueMode':
        credentials.store(extras, 'RESCUE_MODE', 'root', job.secret.get('password') or new_password())
        extras['power'] = {'ipmi': 'on', 'pdu': 'on'}
    elif job.type == 'hardwareScan':
        extras['hardware'] = {'id': state.new_id(), 'scannedAt': when}
    elif job.type == 'ipmiReset':
        if record.detail['featureAvailability']['remoteManagement']:
            credentials.store(extras, 'REMOTE_MANAGEMENT', 'admin', new_password())


def start_job(state, record, job_type, payload, secret, now, callback_url=None):
    """Create a job (one ACTIVE job per server) and schedule its side effects, and the call of
    its callback URL when it ends on its own (cancel and expire call it at once)."""
    if not record.manageable:
        raise ApiError(400, f'Automation is not available for server {record.id}.')
    running = running_job(state, record, now)
    if running is not None:
        raise ApiError(
            400,
            f'Server {record.id} already has an active job ({running.type}, '
            f'{running.uuid}). Cancel or expire it first.',
        )
    override = state.next_job.pop(record.id, None) or {}
    duration = override.get('seconds')
    if duration is None:
        duration = state.settings.job_seconds
    job = Job(
        job_type,
        record.id,
        record.detail['networkInterfaces']['public']['mac'],
        now,
        duration,
        override.get('outcome', 'FINISHED'),
        payload,
        secret,
        callback_url=callback_url,
    )
    job_list(state, record).append(job)
    end = job.end_time()
    if job.outcome == 'FINISHED':

        def finish(when, job=job):
            if job.ended is None:
                apply_finish(state, record, job, when)

        state.schedule(end, finish)
    if callback_url is not None:
        state.callback_expected(job)
        if end is not None:

            def ended(when, job=job):
                if job.ended is None:  # else cancel or expire called it already
                    state.job_ended(job, when)

            state.schedule(end, ended)
    return job


# -- validation ----------------------------------------------------------------------------


def _validate_partitions(value, os_item, details):
    if not isinstance(value, list) or not value:
        details.add('partitions', 'This value should be a non-empty list of partitions.')
        return None
    root = False
    rest = 0
    for i, part in enumerate(value):
        where = f'partitions[{i}]'
        if not isinstance(part, dict):
            details.add(where, 'This value should be an object.')
            continue
        reject_unknown(part, ('mountpoint', 'filesystem', 'size'), details)
        filesystem = part.get('filesystem')
        if not isinstance(filesystem, str) or not filesystem:
            details.add(f'{where}.filesystem', 'This value should not be blank.')
        elif filesystem not in os_item['supportedFileSystems']:
            details.add(f'{where}.filesystem', f"The file system '{filesystem}' is not supported by {os_item['id']}.")
        size = part.get('size')
        if not isinstance(size, str) or not SIZE_RE.match(size):
            details.add(f'{where}.size', "This value should be a size in MB (a string) or '*'.")
        elif size == '*':
            rest += 1
        mountpoint = part.get('mountpoint')
        if mountpoint is not None and not isinstance(mountpoint, str):
            details.add(f'{where}.mountpoint', 'This value should be of type string.')
        if mountpoint == '/':
            root = True
        if filesystem == 'swap' and mountpoint:
            details.add(f'{where}.mountpoint', 'A swap partition has no mount point.')
    if rest > 1:
        details.add('partitions', "Only one partition can use the rest of the disk ('*').")
    if os_item['type'] == 'linux' and not root:
        details.add('partitions', "A root partition (mountpoint '/') is required.")
    return value


def _validate_raid(value, record, details):
    if not isinstance(value, dict):
        details.add('raid', 'This value should be an object.')
        return None
    reject_unknown(value, ('type', 'level', 'numberOfDisks'), details)
    raid_type = check_enum(value, 'type', ('HW', 'SW', 'NONE'), details, required=True)
    level = None
    if 'level' in value:
        level = check_enum(value, 'level', (0, 1, 5, 10), details)
    elif raid_type in ('HW', 'SW'):
        details.add('raid.level', 'This value is required for RAID type HW or SW.')
    disks = value.get('numberOfDisks')
    if disks is not None and (isinstance(disks, bool) or not isinstance(disks, int) or disks < 1):
        details.add('raid.numberOfDisks', 'This value should be a positive integer.')
    if raid_type == 'HW' and not record.detail['specs']['hardwareRaidCapable']:
        details.add('raid.type', 'This server has no hardware RAID controller.')
    result = {'type': raid_type}
    if level is not None:
        result['level'] = level
    if 'numberOfDisks' in value:
        result['numberOfDisks'] = disks
    return result


INSTALL_FIELDS = (
    'callbackUrl',
    'controlPanelId',
    'device',
    'hostname',
    'operatingSystemId',
    'partitions',
    'password',
    'postInstallScript',
    'powerCycle',
    'raid',
    'sshKeys',
    'aiFrameworks',
    'timezone',
)


def validate_install(body, record):
    """Validate installOperatingSystemOpts; return (os_item, options)."""
    details = Details()
    reject_unknown(body, INSTALL_FIELDS, details)
    os_id = check_string(body, 'operatingSystemId', details, required=True)
    os_item = None
    if os_id is not None:
        os_item = catalogue.OS_BY_ID.get(os_id)
        if os_item is None:
            details.add('operatingSystemId', f"The operating system '{os_id}' does not exist.")
    options = {}
    for name in ('hostname', 'password', 'sshKeys', 'timezone', 'device', 'controlPanelId'):
        options[name] = check_string(body, name, details)
    options['callbackUrl'] = check_url(body, 'callbackUrl', details)
    options['postInstallScript'] = check_base64(body, 'postInstallScript', details)
    power_cycle = check_bool(body, 'powerCycle', details)
    options['powerCycle'] = True if power_cycle is None else power_cycle
    if options['hostname'] is not None and not HOSTNAME_RE.match(options['hostname']):
        details.add('hostname', 'This value is not a valid hostname.')
    if options['timezone'] is not None and not TIMEZONE_RE.match(options['timezone']):
        details.add('timezone', 'This value is not a valid timezone (Area/City).')
    frameworks = body.get('aiFrameworks')
    if frameworks is not None:
        if not isinstance(frameworks, list) or any(
            not isinstance(item, str) or item not in AI_FRAMEWORKS for item in frameworks
        ):
            details.add('aiFrameworks', 'Every value should be one of ' + ', '.join(AI_FRAMEWORKS) + '.')
        else:
            options['aiFrameworks'] = list(frameworks)
    if os_item is not None:
        device = options['device']
        disksets = {hdd['id'] for hdd in record.detail['specs']['hdd']}
        if device is not None and device not in os_item['supportedBootDevices'] and device not in disksets:
            details.add(
                'device',
                f"The device '{device}' is not available; use "
                + ', '.join(sorted(os_item['supportedBootDevices'] + list(disksets)))
                + '.',
            )
        panel = options['controlPanelId']
        if panel is not None and panel not in os_item['_panels']:
            details.add('controlPanelId', f"The control panel '{panel}' is not available for {os_item['id']}.")
        if 'partitions' in body:
            if not os_item['configurable']:
                details.add('partitions', f'The partitions of {os_item["id"]} cannot be configured.')
            else:
                options['partitions'] = _validate_partitions(body['partitions'], os_item, details)
        if 'raid' in body:
            options['raid'] = _validate_raid(body['raid'], record, details)
            if options['raid'] and options['raid']['type'] == 'SW' and 'SW_RAID' not in os_item['features']:
                details.add('raid.type', f'{os_item["id"]} does not support software RAID.')
        for option, feature in FEATURE_OF_OPTION.items():
            if option == 'controlPanelId':
                continue
            if options.get(option) is not None and feature not in os_item['features']:
                details.add(option, f'{os_item["id"]} does not support this option.')
    details.check()
    return os_item, options


GENERIC_FIELDS = ('callbackUrl', 'powerCycle')
RESCUE_FIELDS = ('callbackUrl', 'password', 'postInstallScript', 'powerCycle', 'rescueImageId', 'sshKeys')


def validate_generic(body):
    """Validate scanHardwareOpts / ipmiResetOpts."""
    details = Details()
    reject_unknown(body, GENERIC_FIELDS, details)
    callback = check_url(body, 'callbackUrl', details)
    power_cycle = check_bool(body, 'powerCycle', details)
    details.check()
    return callback, True if power_cycle is None else power_cycle


def validate_rescue(body):
    """Validate enableRescueModeOpts."""
    details = Details()
    reject_unknown(body, RESCUE_FIELDS, details)
    image = check_string(body, 'rescueImageId', details, required=True)
    if image is not None and image not in catalogue.RESCUE_IMAGE_IDS:
        details.add('rescueImageId', f"The rescue image '{image}' does not exist.")
    options = {
        'rescueImageId': image,
        'password': check_string(body, 'password', details),
        'sshKeys': check_string(body, 'sshKeys', details),
        'callbackUrl': check_url(body, 'callbackUrl', details),
        'postInstallScript': check_base64(body, 'postInstallScript', details),
    }
    power_cycle = check_bool(body, 'powerCycle', details)
    options['powerCycle'] = True if power_cycle is None else power_cycle
    details.check()
    return options


# -- handlers ------------------------------------------------------------------------------


def install(ctx):
    """POST /servers/{serverId}/install."""
    body = require_object(ctx.body)
    os_item, options = validate_install(body, ctx.server)
    payload = install_payload(ctx.server, os_item, options)
    secret = {'password': options.get('password'), 'controlPanelId': options.get('controlPanelId')}
    job = start_job(ctx.state, ctx.server, 'install', payload, secret, ctx.now, callback_url=options['callbackUrl'])
    return 202, job.render(ctx.now)


def rescue_mode(ctx):
    """POST /servers/{serverId}/rescueMode."""
    options = validate_rescue(require_object(ctx.body))
    payload = generic_payload(ctx.server, options['powerCycle'])
    payload.update(
        {
            'doEmailNotification': options['callbackUrl'] is None,
            'rescueImageId': options['rescueImageId'],
            'callbackUrl': options['callbackUrl'],
            'sshKeys': options['sshKeys'],
        }
    )
    job = start_job(
        ctx.state,
        ctx.server,
        'rescueMode',
        payload,
        {'password': options['password']},
        ctx.now,
        callback_url=options['callbackUrl'],
    )
    return 202, job.render(ctx.now)


def _generic(ctx, job_type):
    callback, power_cycle = validate_generic(optional_object(ctx.body))
    job = start_job(
        ctx.state, ctx.server, job_type, generic_payload(ctx.server, power_cycle), None, ctx.now, callback_url=callback
    )
    return 202, job.render(ctx.now)


def hardware_scan(ctx):
    """POST /servers/{serverId}/hardwareScan."""
    return _generic(ctx, 'hardwareScan')


def ipmi_reset(ctx):
    """POST /servers/{serverId}/ipmiReset."""
    return _generic(ctx, 'ipmiReset')


def list_jobs(ctx):
    """GET /servers/{serverId}/jobs (filters type, status, isRunning), newest first."""
    details = Details()
    running = bool_param(ctx.query, 'isRunning', details)
    details.check()
    job_type = ctx.query.get('type')
    status = ctx.query.get('status')
    rendered = []
    for job in reversed(job_list(ctx.state, ctx.server)):
        current = job.status(ctx.now)
        if job_type is not None and job.type != job_type:
            continue
        if status is not None and current != status:
            continue
        if running is not None and job.is_running(ctx.now) != running and not ctx.state.settings.ignore_running_filter:
            continue
        rendered.append(job)
    result = page(rendered, ctx.query, 'jobs')
    result['jobs'] = [job.render(ctx.now) for job in result['jobs']]
    return result


def _find_job(ctx):
    for job in job_list(ctx.state, ctx.server):
        if job.uuid == ctx.params['jobId']:
            return job
    raise ApiError(404)


def get_job(ctx):
    """GET /servers/{serverId}/jobs/{jobId}."""
    return _find_job(ctx).render(ctx.now)


def retry_job(ctx):
    """POST /servers/{serverId}/jobs/{jobId}/retry: run the job again as a new job."""
    old = _find_job(ctx)
    if old.is_running(ctx.now):
        raise ApiError(400, f'Job {old.uuid} is still running and cannot be retried.')
    job = start_job(
        ctx.state, ctx.server, old.type, old.payload, dict(old.secret), ctx.now, callback_url=old.callback_url
    )
    return 200, job.render(ctx.now)


def _end_active(ctx, status):
    job = active_job(ctx.state, ctx.server, ctx.now)
    if job is None:
        raise ApiError(404, f'Server {ctx.server.id} has no active job.')
    job.ended = (status, ctx.now)
    ctx.state.job_ended(job, ctx.now)
    view = job.render(ctx.now)
    # The answer shows the job entering its "finally" flow, as the reference's examples do
    # (a canceled job stays there for a while, an expired one is done with at once).
    view['flow'] = 'finally'
    view['isRunning'] = True
    return view


def cancel_active_job(ctx):
    """POST /servers/{serverId}/cancelActiveJob."""
    return _end_active(ctx, 'CANCELED')


def expire_active_job(ctx):
    """POST /servers/{serverId}/expireActiveJob."""
    return _end_active(ctx, 'EXPIRED')


def seeded_install(record, os_item, created, job_uuid):
    """The FINISHED install job every seeded server has in its history."""
    options = {'hostname': f's{record.id}.dedi.leaseweb.net', 'timezone': 'UTC'}
    payload = install_payload(record, os_item, options)
    payload['initiatedBy'] = 'EMPLOYEE'
    return Job(
        'install',
        record.id,
        record.detail['networkInterfaces']['public']['mac'],
        created,
        1260.0,
        'FINISHED',
        payload,
        None,
        job_uuid,
    )


def register(api):
    """Add this area's routes."""
    api.route('POST', '/servers/{serverId}/install', install)
    api.route('POST', '/servers/{serverId}/rescueMode', rescue_mode)
    api.route('POST', '/servers/{serverId}/hardwareScan', hardware_scan)
    api.route('POST', '/servers/{serverId}/ipmiReset', ipmi_reset)
    api.route('GET', '/servers/{serverId}/jobs', list_jobs)
    api.route('GET', '/servers/{serverId}/jobs/{jobId}', get_job)
    api.route('POST', '/servers/{serverId}/jobs/{jobId}/retry', retry_job)
    api.route('POST', '/servers/{serverId}/cancelActiveJob', cancel_active_job)
    api.route('POST', '/servers/{serverId}/expireActiveJob', expire_active_job)
