"""The HTTP side: routing, authentication, faults, request log, admin endpoints."""

import json
import random
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from . import (
    catalogue,
    credentials,
    fleet,
    hardware,
    ips,
    jobs,
    leases,
    metrics,
    network_interfaces,
    notifications,
    power,
    private_networks,
)
from . import servers as server_area
from .callbacks import Callbacks
from .clock import Clock
from .common import DEFAULT_LIMIT, ApiError, Response, ValidationError, dumps, error_body, iso
from .state import Settings, State

API_PREFIX = '/bareMetals/v2'
ADMIN_PREFIX = '/_emulator'
DEFAULT_API_KEY = 'emulator-api-key'
AREAS = (
    server_area,
    ips,
    network_interfaces,
    private_networks,
    leases,
    jobs,
    credentials,
    notifications,
    power,
    metrics,
    hardware,
    catalogue,
)
LOG_LIMIT = 200_000


class Context:
    """What a handler gets: state, resolved server, path params, query, body, clock."""

    __slots__ = ('state', 'server', 'params', 'query', 'body', 'now', 'method', 'path')

    def __init__(self, state, params, query, body, now, method, path):
        self.state = state
        self.server = None
        self.params = params
        self.query = query
        self.body = body
        self.now = now
        self.method = method
        self.path = path


class Router:
    """Path templates like /servers/{serverId}/ips/{ip}; literal segments win over params."""

    def __init__(self):
        self.by_length = {}
        self.count = 0

    def route(self, method, template, handler):
        """Register a handler for METHOD and a path template."""
        segments = tuple(template.strip('/').split('/'))
        literal = sum(1 for seg in segments if not seg.startswith('{'))
        self.by_length.setdefault(len(segments), []).append((method, segments, handler, literal, template))
        self.count += 1

    def match(self, path):
        """Return (handler, params, template) or raise 404/405."""
        parts = path.strip('/').split('/') if path.strip('/') else []
        best = {}
        for method, segments, handler, literal, template in self.by_length.get(len(parts), ()):
            params = {}
            for seg, part in zip(segments, parts):
                if seg.startswith('{'):
                    if not part:
                        break
                    params[seg[1:-1]] = unquote(part)
                elif seg != part:
                    break
            else:
                current = best.get(method)
                if current is None or literal > current[3]:
                    best[method] = (handler, params, template, literal)
        return best

    def templates(self):
        """Every (method, template) registered."""
        return [(route[0], route[4]) for routes in self.by_length.values() for route in routes]


def build_router():
    """A router holding every area's routes."""
    router = Router()
    for area in AREAS:
        area.register(router)
    return router


class Faults:
    """Injected failures, configured through PUT /_emulator/faults."""

    FIELDS = (
        'latency_ms',
        'error_rate',
        'error_status',
        'rate_limit_rate',
        'retry_after',
        'drop_rate',
        'truncate_rate',
        'hang_seconds',
        'seed',
        'count',
        'methods',
        'path',
        'query',
    )
    ERROR_STATUSES = (429, 500, 502, 503, 504)

    def __init__(self):
        self.lock = threading.Lock()
        self.config = {}
        self.remaining = None
        self.rng = random.Random(0)

    def configure(self, body):
        """Validate and apply a configuration ({} resets to none)."""
        if not isinstance(body, dict):
            raise ValidationError({'body': ['Expected a JSON object.']})
        details = {}
        for key, value in body.items():
            if key not in self.FIELDS:
                details[key] = ['Unknown fault setting.']
            elif key in ('methods',):
                if not isinstance(value, list) or not all(isinstance(m, str) for m in value):
                    details[key] = ['Expected a list of HTTP methods.']
            elif key == 'path':
                if not isinstance(value, str):
                    details[key] = ['Expected a string.']
            elif key == 'query':
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items()
                ):
                    details[key] = ['Expected an object of query parameters and their values.']
            elif key in ('error_status', 'count', 'seed'):
                if isinstance(value, bool) or not isinstance(value, int):
                    details[key] = ['Expected an integer.']
                elif key == 'error_status' and value not in self.ERROR_STATUSES:
                    details[key] = ['Expected one of 429, 500, 502, 503, 504.']
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                details[key] = ['Expected a non-negative number.']
            elif key.endswith('_rate') and value > 1:
                details[key] = ['Expected a fraction between 0 and 1.']
        if 'error_rate' in body and 'error_status' not in body:
            details['error_status'] = ['Required with error_rate.']
        if details:
            raise ValidationError(details)
        with self.lock:
            self.config = dict(body)
            self.remaining = body.get('count')
            self.rng = random.Random(body.get('seed', 0))

    def as_dict(self):
        """The configuration and how many faulted requests remain."""
        with self.lock:
            return {'config': dict(self.config), 'remaining': self.remaining}

    def decide(self, method, path, query=None):
        """The fault plan for one API request (consumes `count`)."""
        with self.lock:
            config = self.config
            if not config:
                return None
            methods = config.get('methods')
            if methods and method not in [m.upper() for m in methods]:
                return None
            if config.get('path') and config['path'] not in path:
                return None
            wanted = config.get('query')
            if wanted and any((query or {}).get(k) != v for k, v in wanted.items()):
                return None
            if self.remaining is not None:
                if self.remaining <= 0:
                    return None
                self.remaining -= 1
            rng = self.rng
            plan = {
                'latency_ms': config.get('latency_ms', 0),
                'status': None,
                'fault': None,
                'drop': False,
                'truncate': False,
                'hang': config.get('hang_seconds', 0),
                'retry_after': config.get('retry_after'),
            }
            if rng.random() < config.get('rate_limit_rate', 0):
                plan.update(status=429, fault='rate_limit')
            elif rng.random() < config.get('error_rate', 0):
                plan.update(status=config['error_status'], fault='error')
            elif rng.random() < config.get('drop_rate', 0):
                plan.update(drop=True, fault='drop')
            elif rng.random() < config.get('truncate_rate', 0):
                plan.update(truncate=True, fault='truncate')
            if plan['fault'] is None:
                if plan['hang']:
                    plan['fault'] = 'hang'
                elif plan['latency_ms']:
                    plan['fault'] = 'latency'
            return plan


def capped_limit(query, cap):
    """The query with its page size capped (the log keeps what the client asked)."""
    asked = query.get('limit', str(DEFAULT_LIMIT))
    if asked.isdigit() and int(asked) > cap:
        return dict(query, limit=str(cap))
    return query  # within the cap, or not a number: left for the handler to judge


class Emulator:
    """A running (or startable) emulator: Emulator(...).start(); .url; .stop()."""

    def __init__(
        self,
        servers=20,
        seed=1,
        latency_ms=0,
        job_seconds=5,
        api_key=DEFAULT_API_KEY,
        port=0,
        host='127.0.0.1',
        propagation_seconds=0.0,
        private_network_seconds=1.0,
        clock='real',
        clock_step=0.0,
    ):
        self.servers = servers
        self.seed = seed
        self.api_key = api_key
        self.host = host
        self.port = port
        self.initial_settings = Settings(
            job_seconds=job_seconds,
            propagation_seconds=propagation_seconds,
            private_network_seconds=private_network_seconds,
            latency_ms=latency_ms,
        )
        self.lock = threading.RLock()
        self.router = build_router()
        self.faults = Faults()
        self.log_lock = threading.Lock()
        self.log = []
        self.operations = {}
        self.callbacks = Callbacks(self._tick)
        self.state = self._new_state()
        self.initial_clock = (clock, clock_step)
        self.clock = Clock(clock, clock_step)
        self.httpd = None
        self.thread = None
        self.processing = 0.0

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def url(self):
        """http://127.0.0.1:PORT once started."""
        return f'http://{self.host}:{self.port}'

    def start(self):
        """Serve in a background thread; returns self."""
        handler = type('BoundHandler', (Handler,), {'emulator': self})
        self.httpd = EmulatorHTTPServer((self.host, self.port), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={'poll_interval': 0.2}, daemon=True, name='leaseweb-emulator'
        )
        self.thread.start()
        return self

    def stop(self):
        """Stop serving and release the port."""
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(5)
            self.httpd = None
        self.callbacks.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def reset(self):
        """Back to the seeded fleet, start-up settings and clock mode, no faults, empty log."""
        state = self._new_state()
        with self.lock:
            self.state = state
            self.clock = Clock(*self.initial_clock)
        self.faults.configure({})
        with self.log_lock:
            self.log = []
        self.callbacks.clear()

    def _new_state(self):
        state = State(self.servers, self.seed, self.initial_settings.copy())
        state.send_callback = self.callbacks.send
        return state

    def _tick(self):
        """In the real clock mode, apply the transitions that fell due while job callbacks are
        awaited (the other modes move only when told, and requests settle in every mode)."""
        with self.lock:
            if self.clock.mode == 'real' and self.state.awaited > 0:
                self.state.settle(self.clock.now())

    # -- request handling ------------------------------------------------------------------

    def count_operation(self, operation):
        """Count one successful answer of an operation (kept across clears and resets)."""
        with self.log_lock:
            self.operations[operation] = self.operations.get(operation, 0) + 1

    def record(self, entry):
        """Append an answered API request to the log."""
        with self.log_lock:
            self.log.append(entry)
            if len(self.log) > LOG_LIMIT:
                del self.log[: len(self.log) - LOG_LIMIT]

    def dispatch(self, method, path, query, body, body_error, auth, entry=None):
        """Answer one API request: (status, headers, bytes or None).

        ``entry`` (a log entry), when given, gets the matched ``operation``
        (``"GET /servers/{serverId}"``).
        """
        started = time.perf_counter()
        try:
            return self._dispatch(method, path, query, body, body_error, auth, entry)
        except ApiError as error:
            return self.error(error.status, error.message, error.details, error.headers)
        except Exception:  # pylint: disable=broad-except
            traceback.print_exc(file=sys.stderr)
            return self.error(500)
        finally:
            self.processing += time.perf_counter() - started

    def error(self, status, message=None, details=None, headers=None):
        """An errorResult answer."""
        return status, headers or {}, dumps(error_body(status, message, details)).encode('utf-8')

    def _dispatch(self, method, path, query, body, body_error, auth, entry):
        if auth != self.api_key:
            raise ApiError(401)
        if path != API_PREFIX and not path.startswith(API_PREFIX + '/'):
            raise ApiError(404)
        candidates = self.router.match(path[len(API_PREFIX) :])
        if not candidates:
            raise ApiError(404)
        if method not in candidates:
            raise ApiError(405, headers={'Allow': ', '.join(sorted(candidates))})
        handler, params, template, _literal = candidates[method]
        if entry is not None:
            entry['operation'] = '%s %s' % (method, template)
        with self.lock:
            state = self.state
            now = self.clock.tick()
            state.settle(now)
            if state.settings.max_limit:
                query = capped_limit(query, int(state.settings.max_limit))
            ctx = Context(state, params, query, body, now, method, path)
            if 'serverId' in params:
                ctx.server = state.server(params['serverId'])
            if body_error:
                raise ValidationError({'body': ['The request body is not valid JSON.']})
            result = handler(ctx)
            return self._encode(result)

    @staticmethod
    def _encode(result):
        if result is None:
            return 204, {}, None
        if isinstance(result, Response):
            raw = result.raw if result.raw is not None else dumps(result.payload).encode('utf-8')
            return result.status, result.headers, raw
        status = 200
        if isinstance(result, tuple):
            status, result = result
        return status, {}, dumps(result).encode('utf-8')

    # -- admin -----------------------------------------------------------------------------

    def admin(self, method, path, body):
        """Answer /_emulator/... requests: (status, payload or None)."""
        parts = path[len(ADMIN_PREFIX) :].strip('/').split('/')
        route = (method, parts[0] if parts else '')
        if route == ('GET', 'health'):
            with self.lock:
                state = self.state
                return 200, {
                    'status': 'ok',
                    'servers': len(state.order),
                    'seed': self.seed,
                    'customerId': state.customer_id,
                    'privateNetworks': list(state.private_networks),
                    'firstServerId': state.order[0].id if state.order else None,
                }
        if route == ('GET', 'requests'):
            with self.log_lock:
                return 200, list(self.log)
        if route == ('GET', 'operations'):
            with self.log_lock:
                counts = dict(self.operations)
            return 200, {
                name: counts.get(name, 0) for name in sorted('%s %s' % pair for pair in self.router.templates())
            }
        if route == ('POST', 'requests') and parts[1:] == ['take']:
            with self.log_lock:
                log, self.log = self.log, []
            return 200, log
        if route == ('DELETE', 'requests'):
            with self.log_lock:
                self.log = []
            return 204, None
        if route == ('GET', 'faults'):
            return 200, self.faults.as_dict()
        if route == ('PUT', 'faults'):
            self.faults.configure(body if body is not None else {})
            return 200, self.faults.as_dict()
        if route == ('GET', 'settings'):
            with self.lock:
                return 200, self.state.settings.as_dict()
        if route == ('PUT', 'settings'):
            return 200, self._settings(body)
        if route == ('GET', 'clock'):
            return 200, self.clock.as_dict()
        if route == ('PUT', 'clock'):
            return 200, self._clock(body)
        if route == ('POST', 'reset'):
            self.reset()
            return 204, None
        if route == ('GET', 'callbacks'):
            return 200, self.callbacks.sent()
        if route == ('POST', 'servers') and len(parts) == 1:
            return 201, self._add_servers(body)
        if method == 'DELETE' and len(parts) == 2 and parts[0] == 'servers':
            self._remove_server(unquote(parts[1]))
            return 204, None
        if method == 'PUT' and len(parts) == 3 and parts[0] == 'servers' and parts[2] == 'next_job':
            return 200, self._next_job(unquote(parts[1]), body)
        if method == 'PUT' and len(parts) == 3 and parts[0] == 'servers' and parts[2] == 'sensors':
            return 200, self._sensor(unquote(parts[1]), body)
        if (
            method == 'POST'
            and len(parts) == 6
            and parts[0] == 'servers'
            and parts[2] == 'notificationSettings'
            and parts[5] == 'exceeded'
        ):
            return 200, self._exceeded(unquote(parts[1]), parts[3], unquote(parts[4]))
        raise ApiError(404)

    def _add_servers(self, body):
        """POST /_emulator/servers ``{"count": n}``: the next ``n`` servers of the seed are delivered
        (ids above every other); ``{"servers": [ids]}``."""
        body = {} if body is None else body
        if not isinstance(body, dict) or set(body) - {'count'}:
            raise ValidationError({'body': ['Expected {"count": n}.']})
        count = body.get('count', 1)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1000:
            raise ValidationError({'count': ['Expected an integer from 1 to 1000.']})
        with self.lock:
            state = self.state
            records = fleet.build_fleet(state.generated + count, self.seed).records[state.generated :]
            state.generated += count
            for record in records:
                state.order.append(record)
                state.servers[record.id] = record
            state.version += 1
            return {'servers': [record.id for record in records]}

    def _remove_server(self, server_id):
        """DELETE /_emulator/servers/{id}: the server's contract ended; it is gone from the API."""
        with self.lock:
            state = self.state
            record = state.server(server_id)
            state.order.remove(record)
            del state.servers[server_id]
            state.version += 1

    def _sensor(self, server_id, body):
        """PUT /_emulator/servers/{id}/sensors ``{"metric", "name", "value"}``: what the server's IPMI
        monitoring reads for that sensor from now on (``{"metric": "ipmi_fan_speed_state", "name":
        "Fan 1 DutyCycle", "value": "2"}`` makes a fan critical)."""
        if (
            not isinstance(body, dict)
            or set(body) != {'metric', 'name', 'value'}
            or not isinstance(body['metric'], str)
            or not isinstance(body['value'], str)
            or not (body['name'] is None or isinstance(body['name'], str))
        ):
            raise ValidationError({'body': ['Expected {"metric": str, "name": str or null, "value": str}.']})
        with self.lock:
            state = self.state
            record = state.server(server_id)
            if not hardware.has_monitoring(record):
                raise ApiError(400, f'Server {server_id} has no IPMI monitoring.')
            known = {(m['metric'], m['name']) for m in hardware.monitoring(state, record, self.clock.now())['metrics']}
            key = (body['metric'], body['name'])
            if key not in known:
                raise ValidationError({'metric': ['The server has no such sensor.']})
            state.extras(record).setdefault('sensors', {})[key] = body['value']
            return body

    def _exceeded(self, server_id, kind, setting_id):
        """POST /_emulator/servers/{id}/notificationSettings/{bandwidth|datatraffic}/{settingId}/exceeded:
        the platform's check found the threshold exceeded now (``thresholdExceededAt``,
        ``lastCheckedAt`` and the e-mail action's ``lastTriggeredAt`` set to the clock's time)."""
        if kind not in ('bandwidth', 'datatraffic'):
            raise ApiError(404)
        with self.lock:
            state = self.state
            setting = state.extras(state.server(server_id))[kind].get(setting_id)
            if setting is None:
                raise ApiError(404)
            when = iso(self.clock.now())
            setting.update(thresholdExceededAt=when, lastCheckedAt=when)
            for action in setting['actions']:
                action['lastTriggeredAt'] = when
            return setting

    def _settings(self, body):
        if not isinstance(body, dict):
            raise ValidationError({'body': ['Expected a JSON object.']})
        details = {}
        for key, value in body.items():
            if key not in Settings.FIELDS:
                details[key] = ['Unknown setting.']
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                details[key] = ['Expected a non-negative number.']
        if details:
            raise ValidationError(details)
        with self.lock:
            for key, value in body.items():
                setattr(self.state.settings, key, float(value))
            return self.state.settings.as_dict()

    def _clock(self, body):
        """PUT /_emulator/clock: ``{"mode": "real"|"manual"|"step", "step": s, "advance": s}``."""
        if not isinstance(body, dict):
            raise ValidationError({'body': ['Expected a JSON object.']})
        details = {}
        for key, value in body.items():
            if key == 'mode':
                if value not in ('real', 'manual', 'step'):
                    details[key] = ['Expected real, manual or step.']
            elif key not in ('step', 'advance'):
                details[key] = ['Unknown field.']
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                details[key] = ['Expected a non-negative number.']
        if details:
            raise ValidationError(details)
        with self.lock:
            self.clock.configure(mode=body.get('mode'), step=body.get('step'))
            if body.get('advance'):
                self.clock.advance(float(body['advance']))
            # transitions that fell due are applied now, not at the next API request
            self.state.settle(self.clock.now())
            return self.clock.as_dict()

    def _next_job(self, server_id, body):
        if not isinstance(body, dict):
            raise ValidationError({'body': ['Expected a JSON object.']})
        details = {}
        outcome = body.get('outcome', 'FINISHED')
        if outcome not in jobs.OUTCOMES:
            details['outcome'] = ['Expected FINISHED, FAILED or HANG.']
        seconds = body.get('seconds')
        if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0):
            details['seconds'] = ['Expected a non-negative number.']
        for key in body:
            if key not in ('outcome', 'seconds'):
                details[key] = ['Unknown field.']
        if details:
            raise ValidationError(details)
        with self.lock:
            self.state.server(server_id)
            plan = {'outcome': outcome, 'seconds': seconds}
            self.state.next_job[server_id] = plan
            return plan


class EmulatorHTTPServer(ThreadingHTTPServer):
    """Threaded server with daemon threads and a deeper accept queue."""

    daemon_threads = True
    request_queue_size = 128


class Handler(BaseHTTPRequestHandler):
    """One HTTP connection (keep-alive); `emulator` is set on a bound subclass."""

    protocol_version = 'HTTP/1.1'
    server_version = 'leaseweb-emulator/1.0'
    disable_nagle_algorithm = True  # headers and body are two writes: avoid 40 ms stalls
    emulator = None

    def version_string(self):
        """The Server header."""
        return self.server_version

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Stay quiet."""

    def do_GET(self):  # pylint: disable=invalid-name
        """GET."""
        self.handle_any('GET')

    def do_POST(self):  # pylint: disable=invalid-name
        """POST."""
        self.handle_any('POST')

    def do_PUT(self):  # pylint: disable=invalid-name
        """PUT."""
        self.handle_any('PUT')

    def do_DELETE(self):  # pylint: disable=invalid-name
        """DELETE."""
        self.handle_any('DELETE')

    def do_PATCH(self):  # pylint: disable=invalid-name
        """PATCH (never a valid method here: 404/405)."""
        self.handle_any('PATCH')

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length) if length > 0 else b''
        if not raw.strip():
            return None, False
        try:
            return json.loads(raw.decode('utf-8')), False
        except (ValueError, UnicodeDecodeError):
            return None, True

    def _send(self, status, headers, raw, cut=False):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, str(value))
        if status != 204:
            raw = raw or b''
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(raw)))
        self.end_headers()
        if status != 204 and raw:
            self.wfile.write(raw[: len(raw) // 2] if cut else raw)

    def handle_any(self, method):
        """Route a request to the admin side, the API, or a 404."""
        emulator = self.emulator
        split = urlsplit(self.path)
        path = split.path
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        body, body_error = self._read_body()
        try:
            if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + '/'):
                try:
                    status, payload = emulator.admin(method, path, body)
                    raw = None if payload is None else dumps(payload).encode('utf-8')
                    self._send(status, {}, raw)
                except ApiError as error:
                    self._send(*emulator.error(error.status, error.message, error.details))
                return
            if path != '/bareMetals' and not path.startswith('/bareMetals/'):
                self._send(*emulator.error(404))
                return
            self.handle_api(method, path, query, body, body_error)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def handle_api(self, method, path, query, body, body_error):
        """An API request, with latency and the configured faults."""
        emulator = self.emulator
        plan = emulator.faults.decide(method, path, query)
        latency = emulator.state.settings.latency_ms + (plan['latency_ms'] if plan else 0)
        if latency:
            time.sleep(latency / 1000.0)
        entry = {
            'method': method,
            'path': path,
            'query': query,
            'status': None,
            'body': body,
            'fault': plan['fault'] if plan else None,
            'operation': None,
        }
        headers = {}
        if plan and plan['status'] in (429, 503):
            status, headers, raw = emulator.error(plan['status'])
            if plan['retry_after'] is not None:
                headers['Retry-After'] = _retry_after(plan['retry_after'])
        else:
            status, headers, raw = emulator.dispatch(
                method, path, query, body, body_error, self.headers.get('X-LSW-Auth'), entry
            )
            if plan and plan['status'] is not None:
                status, headers, raw = emulator.error(plan['status'])
        if plan and plan['drop']:
            emulator.record(entry)
            self.close_connection = True
            return
        entry['status'] = status
        emulator.record(entry)
        if status < 400 and entry['operation']:
            emulator.count_operation(entry['operation'])

        if plan and plan['hang']:
            time.sleep(plan['hang'])
        if plan and plan['truncate']:
            # the whole length announced, half the body sent, then the connection closed
            self._send(status, headers, raw, cut=True)
            self.close_connection = True
            return
        self._send(status, headers, raw)


def _retry_after(value):
    """Retry-After is whole seconds."""
    number = float(value)
    return str(int(number)) if number == int(number) else str(number)
