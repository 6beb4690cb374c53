"""The emulator's mutable state: the fleet, timed transitions and settings."""

import gc
import heapq
import itertools

from . import fleet
from .common import ApiError


class Settings:
    """Knobs that tests can change at run time through /_emulator/settings."""

    FIELDS = (
        'job_seconds',
        'propagation_seconds',
        'private_network_seconds',
        'latency_ms',
        'max_limit',
        'power_seconds',
        'blank_control_panel_status',
        'ignore_running_filter',
    )

    def __init__(
        self,
        job_seconds=5.0,
        propagation_seconds=0.0,
        private_network_seconds=1.0,
        latency_ms=0.0,
        max_limit=0.0,
        power_seconds=0.0,
        blank_control_panel_status=0.0,
        ignore_running_filter=0.0,
    ):
        self.job_seconds = float(job_seconds)
        # 1: the job list answers every job whatever its isRunning filter says, as an API that
        # ignored the filter would (clients must not trust the filter alone)
        self.ignore_running_filter = float(ignore_running_filter)
        # how long powerOn/powerOff/powerCycle take to show in powerInfo (0: at once)
        self.power_seconds = float(power_seconds)
        self.propagation_seconds = float(propagation_seconds)
        self.private_network_seconds = float(private_network_seconds)
        self.latency_ms = float(latency_ms)
        # the largest page a list answers, whatever limit is asked (0: no cap), as a
        # service that caps pages would; lets tests see pages shorter than requested
        self.max_limit = float(max_limit)
        # how GET /operatingSystems/{id} answers an empty controlPanelId, which the reference
        # declares required without a value for "no control panel": 0 accepts it (the entry),
        # 400 or 404 refuse it with that status, as a live API may
        self.blank_control_panel_status = float(blank_control_panel_status)

    def as_dict(self):
        """The settings as JSON."""
        return {name: getattr(self, name) for name in self.FIELDS}

    def copy(self):
        """An independent copy."""
        return Settings(**self.as_dict())


class State:
    """Everything the API answers from, rebuilt from the seed on reset."""

    def __init__(self, servers=20, seed=1, settings=None):
        self.seed = seed
        self.settings = settings or Settings()
        collecting = gc.isenabled()
        gc.disable()  # a fleet is many small objects; collecting while building them is waste
        try:
            built = fleet.build_fleet(servers, seed)
        finally:
            if collecting:
                gc.enable()
        self.order = built.records
        self.servers = {record.id: record for record in self.order}
        self.private_networks = built.private_networks
        self.customer_id = built.customer_id
        self.version = 0
        self._filter_cache = {}
        self._events = []
        self._seq = itertools.count()
        self._ids = itertools.count(built.next_id)
        self.next_job = {}
        # how many servers the seed has given so far (POST /_emulator/servers adds the next ones)
        self.generated = len(self.order)
        # job callbacks: send(url, job view) is set by the Emulator; `awaited` counts the jobs
        # with a callback URL that have not ended yet
        self.send_callback = None
        self.awaited = 0

    # -- lookups -------------------------------------------------------------------------

    def server(self, server_id):
        """Return a server or raise 404."""
        record = self.servers.get(server_id)
        if record is None:
            raise ApiError(404)
        return record

    def extras(self, record):
        """Lazily built per-server state (jobs, credentials, settings...)."""
        if record.extras is None:
            record.extras = fleet.build_extras(self, record)
        return record.extras

    def new_id(self):
        """A fresh numeric id (notification settings and the like)."""
        return str(next(self._ids))

    # -- changes -------------------------------------------------------------------------

    def touch(self, record):
        """Forget cached JSON of a server after a change."""
        record.list_json = None
        record.detail_json = None
        self.version += 1

    def schedule(self, when, callback):
        """Run callback(when) once the clock passes `when` (checked on each request)."""
        heapq.heappush(self._events, (when, next(self._seq), callback))

    def callback_expected(self, job):
        """A job with a callback URL started: its end will call it."""
        self.awaited += 1

    def job_ended(self, job, when):
        """A job reached FINISHED, FAILED, CANCELED or EXPIRED at ``when``: call its callback URL
        (once: the job's end is only reported here once)."""
        if job.callback_url is None:
            return
        self.awaited -= 1
        if self.send_callback is not None:
            self.send_callback(job.callback_url, job.render(when))

    def settle(self, now):
        """Apply every transition that is due."""
        events = self._events
        while events and events[0][0] <= now:
            when, _order, callback = heapq.heappop(events)
            callback(when)

    def filtered(self, key, predicate):
        """Servers matching a predicate, cached until the fleet changes."""
        cached = self._filter_cache.get(key)
        if cached is not None and cached[0] == self.version:
            return cached[1]
        result = [record for record in self.order if predicate(record)]
        if len(self._filter_cache) > 256:
            self._filter_cache.clear()
        self._filter_cache[key] = (self.version, result)
        return result
