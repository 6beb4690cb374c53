# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one HTTP client of leaseweb.dedicated.

Everything that talks to the Leaseweb Dedicated Servers API v2 goes through
:class:`LeasewebClient`: retries, pagination, error shaping, key conversion and the
generic wait loop (``wait_until``) live here, once. It is transport only: what a job is,
and how to wait for one, is in ``_jobs``. It does not depend on AnsibleModule, so the
inventory plugin uses it as it is.
"""

import email.utils
import ipaddress
import json
import random
import re
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import quote, urlsplit

from ansible_collections.leaseweb.dedicated.plugins.module_utils._text import counted, printable

try:
    import requests
    from requests.adapters import HTTPAdapter
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import (
        ChunkedEncodingError,
        ConnectTimeout,
        ContentDecodingError,
        ReadTimeout,
        RequestException,
        SSLError,
    )

    # the connection broke (or never answered) after the request was sent
    DROPPED = (ReadTimeout, RequestsConnectionError, ChunkedEncodingError, ContentDecodingError)
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by the missing library check
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

try:
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    NEVER_SENT_ERRORS = (ConnectTimeoutError, NewConnectionError)
except ImportError:  # pragma: no cover
    NEVER_SENT_ERRORS = ()


COLLECTION_VERSION = '1.1.0'
DEFAULT_API_URL = 'https://api.leaseweb.com'
API_PREFIX = '/bareMetals/v2'
DEFAULT_TIMEOUT = 30
DEFAULT_RETRIES = 5
DEFAULT_PAGE_SIZE = 50

# The service refused the request before doing anything: safe to repeat for every method.
REFUSED_STATUSES = frozenset((429, 503))
# A gateway answered; the request may have been processed: repeat only what is idempotent.
AMBIGUOUS_STATUSES = frozenset((502, 504))
IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'))
# Answers that come after the request was processed, or may have been (a server or gateway error).
AFTER_PROCESSING = frozenset((500, 502, 504))

# Retries of one request stop after api_retries attempts or after this many seconds of
# waiting in total, whichever comes first (documented in the api doc fragment).
RETRY_BUDGET_SECONDS = 300
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_CAP_SECONDS = 30

NOT_RETRIED = '(not retried: the request may have been carried out; check its effect before running it again)'

# Waits read again after this many seconds, then double the pause up to the wait's sleep
# (read when a wait starts, so that tests can make the first pauses short).
FIRST_SLEEP = 1

# The only host names plain http:// may go to: the API key must not cross a network in clear text.
LOOPBACK_NAMES = frozenset(('localhost',))

_USERINFO = re.compile(r'//[^/?#]*@')

REDIRECT_REFUSED = (
    'the answer is a redirect, which is not followed: the Leaseweb API never redirects, and '
    'following one could send the API key to another host; check api_url'
)


def _is_loopback(host):
    """True for localhost and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def api_url_problem(api_url):
    """Why ``api_url`` must not be used (a message starting with ``api_url:``), or None.

    The key is sent in a header of every request, so the URL must be https://, except to a
    loopback address (``127.0.0.0/8``, ``::1``, ``localhost``), where the emulator runs and the
    key never leaves the machine. None (the default URL) is fine.
    """
    if api_url is None:
        return None
    text = '%s' % (api_url,)
    shown = _USERINFO.sub('//***@', text)  # a password in the URL is not shown
    try:
        parts = urlsplit(text)
        host = parts.hostname
        port = parts.port  # a ValueError when the port is not a number from 0 to 65535
    except ValueError as e:
        return 'api_url: %r is not a URL (%s)' % (shown, e)
    scheme = parts.scheme.lower()
    if scheme not in ('https', 'http') or not host or port == 0 or text != text.strip():
        return 'api_url: %r is not a URL such as https://api.leaseweb.com (https:// and a host name)' % (shown,)
    if scheme == 'http' and not _is_loopback(host):
        return (
            'api_url: %r is plain http, so the API key would cross the network to %s in clear text: use https://. '
            'http:// is only accepted to a loopback address (127.0.0.0/8, ::1, localhost), such as the emulator'
            % (shown, host)
        )
    return None


def insecure_warning(api_url, validate_certs):
    """The warning to show when ``validate_certs`` is false for an https:// ``api_url``, else None."""
    if validate_certs or validate_certs is None:
        return None
    if urlsplit('%s' % (api_url or DEFAULT_API_URL)).scheme.lower() != 'https':
        return None  # no TLS at all (a loopback address): nothing to verify
    return (
        'validate_certs is false: the TLS certificate of %s is not verified, so whoever can intercept the '
        'connection can read the API key. Set it to false only for a test endpoint you control.'
        % _USERINFO.sub('//***@', '%s' % (api_url or DEFAULT_API_URL))
    )


_CAMEL_KEY = re.compile(r'^[a-z][a-zA-Z0-9]*[A-Z][a-zA-Z0-9]*$')
_CAMEL_BOUNDARY = re.compile(r'([a-z0-9])([A-Z])')


def snake_key(key):
    """Turn one lowerCamelCase API key into snake_case; leave every other key as it is.

    ``assetId`` becomes ``asset_id`` and ``ipv4Quantity`` ``ipv4_quantity``, while keys
    that are not camelCase (``UP_PUBLIC``, ``x86-64``, ``serial_number``, ``_metadata``)
    are data or already snake_case and are kept.
    """
    if not _CAMEL_KEY.match(key):
        return key
    return _CAMEL_BOUNDARY.sub(r'\1_\2', key).lower()


def snake_keys(data):
    """Return a copy of an API answer with every camelCase key in snake_case."""
    if isinstance(data, dict):
        return {snake_key(k): snake_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [snake_keys(v) for v in data]
    return data


class _SnakeKeys(dict):
    """API keys and their snake_case names, remembered: an answer repeats the same few keys many times."""

    LIMIT = 4096

    def __missing__(self, key):
        name = snake_key(key)
        if len(self) < self.LIMIT:
            self[key] = name
        return name


_SNAKE_NAME = _SnakeKeys().__getitem__


def _snake_object(pairs):
    """``object_pairs_hook`` for json: one decoded object with its keys in snake_case."""
    # a dict comprehension: twice as fast here as dict() over a list of pairs
    return {_SNAKE_NAME(key): value for key, value in pairs}


def decode_snake(text):
    """Decode a JSON answer (str or bytes) with every key in snake_case, in one pass.

    The same result as ``snake_keys(json.loads(text))``, several times faster on large
    lists because no second walk over the data is needed.
    """
    return json.loads(text, object_pairs_hook=_snake_object)


class LeasewebError(Exception):
    """A request that did not succeed.

    ``msg`` reads ``METHOD PATH: HTTP STATUS errorCode: errorMessage (correlationId ID)``;
    ``status`` is the HTTP status (None when no answer came) and ``error`` the API error
    object in snake_case (empty when the answer had none). ``sent`` says whether the request
    left this machine: false when it provably never did (no connection, TLS failed), true
    once it was sent (an answer came, or the connection broke after sending). The client
    sets it; :attr:`maybe_carried_out` is derived from it, never from the message's wording.
    """

    def __init__(self, msg, status=None, error=None, method=None, path=None, *, sent=None):
        super(LeasewebError, self).__init__(msg)
        self.msg = msg
        self.status = status
        self.error = error or {}
        self.method = method
        self.path = path
        self.sent = (status is not None) if sent is None else sent

    @property
    def maybe_carried_out(self):
        """Whether this failed write may have been carried out all the same.

        True for a request other than GET that was sent and then answered 500, 502 or 504,
        or left without an answer (a dropped connection, an answer cut off, a read
        timeout); false for reads, refusals (4xx, 429, 503), waits, and requests that never
        left (could not connect, TLS failed).
        """
        if self.method in (None, 'GET') or not self.sent:
            return False
        return self.status is None or self.status in AFTER_PROCESSING

    def annotate(self, note):
        """Append a remark to the message."""
        self.msg = '%s %s' % (self.msg, note)
        self.args = (self.msg,)

    def to_result(self):
        """The data a module returns with its failure."""
        result = dict(status=self.status)
        if self.error:
            result['error'] = self.error
        return result


class LeasewebWaitError(LeasewebError):
    """A wait that ended badly: in a state it cannot leave (a failed job), or at its timeout.

    ``last`` holds the last state that was read (in snake_case) and ``key`` the name a
    module returns it under (``job``, ``power``...), when it has one.
    """

    def __init__(self, msg, last=None, timed_out=False, key=None):
        super(LeasewebWaitError, self).__init__(msg, sent=False)
        self.last = last
        self.timed_out = timed_out
        self.key = key

    def to_result(self):
        result = dict(timed_out=self.timed_out)
        if self.key:
            result[self.key] = self.last
        return result


def _retry_after_seconds(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _never_sent(exc):
    """True when a requests exception proves the request never reached the service."""
    if isinstance(exc, ConnectTimeout):
        return True
    if not isinstance(exc, RequestsConnectionError):
        return False
    seen = set()
    current = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if NEVER_SENT_ERRORS and isinstance(current, NEVER_SENT_ERRORS):
            return True
        nxt = getattr(current, 'reason', None)
        if nxt is None and current.args and isinstance(current.args[0], Exception):
            nxt = current.args[0]
        current = nxt if isinstance(nxt, Exception) else None
    return False


class LeasewebClient(object):
    """A session on the Dedicated Servers API v2.

    Paths given to the methods are relative to ``/bareMetals/v2`` (``/servers/12345``);
    answers come back decoded, in snake_case. Request bodies and query parameters are
    sent as given, in the API's own field names.
    """

    def __init__(
        self,
        api_key,
        api_url=DEFAULT_API_URL,
        validate_certs=True,
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        retry_budget=RETRY_BUDGET_SECONDS,
        pool_size=10,
        sleep=None,
        clock=time.monotonic,
        rand=random.random,
        user_agent=None,
    ):
        if not HAS_REQUESTS:
            raise LeasewebError('The Python library requests is required')
        if not api_key:
            raise LeasewebError('No API key: set api_key, or LEASEWEB_API_KEY in the environment')
        problem = api_url_problem(api_url or DEFAULT_API_URL)
        if problem:
            raise LeasewebError(problem)
        self._api_key = str(api_key)
        self.base_url = (api_url or DEFAULT_API_URL).rstrip('/') + API_PREFIX
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.retry_budget = retry_budget
        self._clock = clock
        self._rand = rand
        self._lock = threading.Lock()
        # the batch of concurrent calls (run_concurrently) the current thread works for: its
        # give-up event is set when one call of that batch failed, so that the others stop
        # retrying; a call outside any batch has an event nobody sets
        self._batch = threading.local()
        self._no_batch = threading.Event()
        # the default sleep ends early once the batch gave up
        self._sleep = self._pause if sleep is None else sleep
        # a 429 pauses every request of this client (every thread) until then (clock time):
        # the rate limit is the account's, so one thread's answer slows the whole task down
        self._paused_until = None
        self.request_count = 0
        # requests other than GET that succeeded: a module that fails afterwards has changed something
        self.writes = 0
        self.session = requests.Session()
        self.pool_size = 0
        self._mount_pool(max(1, pool_size))
        self.session.verify = validate_certs
        self.session.headers.update(
            {
                'X-LSW-Auth': self._api_key,
                'Accept': 'application/json',
                'User-Agent': user_agent or 'ansible-collection-leaseweb.dedicated/%s' % COLLECTION_VERSION,
            }
        )

    def close(self):
        """Close the session's connections."""
        self.session.close()

    def _give_up(self):
        """The give-up event of the batch the current thread works for."""
        return getattr(self._batch, 'give_up', None) or self._no_batch

    def _pause(self, seconds):
        """The default sleep: ``seconds``, or until the current batch gives up (then true)."""
        return self._give_up().wait(seconds)

    def _shared_pause(self, seconds):
        """Pause every request of this client for ``seconds`` from now (a 429 answer)."""
        with self._lock:
            until = self._clock() + seconds
            if self._paused_until is None or until > self._paused_until:
                self._paused_until = until

    def _wait_for_shared_pause(self):
        """Sleep until the shared pause (if any) has passed."""
        while True:
            with self._lock:
                until = self._paused_until
            remaining = None if until is None else until - self._clock()
            if remaining is None or remaining <= 0 or self._give_up().is_set():
                return
            self._sleep(remaining)

    def _mount_pool(self, size):
        """Keep up to ``size`` connections open, so that as many requests can run at once."""
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=size, max_retries=0)
        self.session.mount('http://', adapter)
        self.session.mount('https://', adapter)
        self.pool_size = size

    # -- paths -------------------------------------------------------------------------

    @staticmethod
    def path(*segments):
        """Join path segments, each quoted: ``path('servers', '12', 'ips', '10.0.0.1')``."""
        return '/' + '/'.join(quote(str(s), safe=':') for s in segments)

    def server_path(self, server_id, *segments):
        """The path of one server or of something below it."""
        return self.path('servers', server_id, *segments)

    # -- secrets -----------------------------------------------------------------------

    def redact(self, text):
        """Remove the API key from a text that is about to be shown."""
        text = '%s' % (text,)
        if self._api_key and self._api_key in text:
            text = text.replace(self._api_key, '********')
        return text

    # -- requests ----------------------------------------------------------------------

    def get(self, path, params=None):
        """GET a path; the decoded answer."""
        return self.request('GET', path, params=params)

    def put(self, path, body=None, params=None):
        """PUT a body; the decoded answer (None for 204)."""
        return self.request('PUT', path, params=params, body=body)

    def post(self, path, body=None, params=None):
        """POST a body; the decoded answer (None for 204)."""
        return self.request('POST', path, params=params, body=body)

    def delete(self, path, params=None):
        """DELETE a path; the decoded answer (None for 204)."""
        return self.request('DELETE', path, params=params)

    def get_or_none(self, path, params=None, list_path=None):
        """GET a path; None when the API answers 404.

        A 404 for an item of a server (a credential, a setting) also means that the server
        does not exist. With ``list_path``, the list the item belongs to, which answers 404
        only for an unknown server, that is told apart: one item of the list is read, and its
        failure raised.
        """
        try:
            return self.get(path, params=params)
        except LeasewebError as e:
            if e.status != 404:
                raise
        if list_path is not None:
            self.get(list_path, params={'limit': 1})
        return None

    def request(self, method, path, params=None, body=None):
        """Send one request with the retry policy; the decoded, snake_case answer."""
        method = method.upper()
        response = self._send(method, path, params, body)
        if response is None:  # a DELETE that turned out done already
            return None
        if method != 'GET':
            with self._lock:
                self.writes += 1
        return self._decode(method, path, response)

    @staticmethod
    def _decode(method, path, response):
        """The decoded, snake_case body of a response (None when empty)."""
        if not response.content or not response.content.strip():
            return None
        try:
            return decode_snake(response.content)
        except ValueError:
            raise LeasewebError(
                '%s %s: HTTP %s: the answer is not JSON' % (method, API_PREFIX + path, response.status_code),
                status=response.status_code,
                method=method,
                path=API_PREFIX + path,
            )

    def _send(self, method, path, params, body):
        """The response to a request, after the retries the policy allows.

        429 and 503 mean the service refused the request: repeated for every method,
        after Retry-After when given. 502, 504, read timeouts and dropped connections
        leave it unknown whether the request was carried out: repeated only for
        idempotent methods, so that an action (a POST) never runs twice. A request that
        never left (connection refused, connect timeout) is repeated for every method.
        """
        url = self.base_url + path
        full_path = API_PREFIX + path
        query = self._clean_params(params)
        data = None if body is None else json.dumps(body)
        headers = {'Content-Type': 'application/json'} if body is not None else None
        idempotent = method in IDEMPOTENT_METHODS
        started = self._clock()
        attempt = 0
        ambiguous = False  # an earlier attempt may have been carried out
        while True:
            wait = None
            self._wait_for_shared_pause()
            try:
                with self._lock:
                    self.request_count += 1
                # never follow a redirect: requests would carry X-LSW-Auth along to any host
                response = self.session.request(
                    method, url, params=query, data=data, headers=headers, timeout=self.timeout, allow_redirects=False
                )
            except RequestException as exc:
                failure = self._transport_error(method, full_path, exc, idempotent=idempotent)
                if isinstance(exc, SSLError):
                    retryable = False  # a certificate problem does not go away by asking again
                elif _never_sent(exc):
                    retryable = True
                else:
                    retryable = idempotent and isinstance(exc, DROPPED)
                    ambiguous = True
            else:
                if response.status_code < 300:
                    return response
                if response.status_code == 404 and method == 'DELETE' and ambiguous:
                    # the attempt that seemed to fail deleted it: what was wanted is done
                    return None
                failure = self._http_error(method, full_path, response)
                if response.status_code < 400:
                    # a redirect, not followed: the API never answers one, so something else did
                    retryable = False
                elif response.status_code in REFUSED_STATUSES:
                    retryable = True
                    wait = _retry_after_seconds(response.headers.get('Retry-After'))
                elif response.status_code in AMBIGUOUS_STATUSES:
                    retryable = idempotent
                    ambiguous = True
                    if not idempotent:
                        failure.annotate(NOT_RETRIED)
                else:
                    retryable = False
            if not retryable or attempt >= self.retries or self._give_up().is_set():
                raise self._after_attempts(failure, attempt)
            if wait is None:
                wait = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * (2**attempt)) * (0.5 + self._rand() / 2)
            if self._clock() - started + wait > self.retry_budget:
                raise self._after_attempts(failure, attempt, budget_wait=wait)
            attempt += 1
            if failure.status == 429:
                # the pause is shared: every thread of this client waits it out before its next request
                self._shared_pause(wait)
                self._wait_for_shared_pause()
            else:
                self._sleep(wait)
            if self._give_up().is_set():
                raise self._after_attempts(failure, attempt - 1)

    @staticmethod
    def _clean_params(params):
        if not params:
            return None
        clean = {}
        for key, value in params.items():
            if value is None:
                continue
            if isinstance(value, bool):
                value = 'true' if value else 'false'
            clean[key] = value
        return clean

    def _after_attempts(self, failure, attempt, *, budget_wait=None):
        """The failure to raise, telling how many attempts were made when more than one."""
        if budget_wait is not None:
            note = 'gave up after %s: waiting %.1fs more would pass the %ss retry budget' % (
                counted(attempt + 1, 'attempt'),
                budget_wait,
                self.retry_budget,
            )
        elif attempt:
            note = 'gave up after %d attempts' % (attempt + 1)
        else:
            return failure
        failure.annotate('[%s]' % note)
        return failure

    def _http_error(self, method, full_path, response):
        """``METHOD PATH: HTTP STATUS (errorCode CODE): MESSAGE (correlationId ID)``, the status once.

        ``(errorCode CODE)`` only when the API's code says more than the status (the API mostly
        repeats the status there). Control characters of the answer are escaped (``\\r``,
        ``\\n``, ``\\x1b``...): text from the API must not forge a line of the output.
        """
        status = response.status_code
        error = {}
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if isinstance(payload, dict):
            error = snake_keys(payload)
        parts = ['%s %s: HTTP %s' % (method, full_path, status)]
        if 300 <= status < 400:
            location = response.headers.get('Location')
            parts.append(' to %s: %s' % (location, REDIRECT_REFUSED) if location else ': %s' % REDIRECT_REFUSED)
            return LeasewebError(self.redact(''.join(parts)), status=status, method=method, path=full_path)
        code, message = error.get('error_code'), error.get('error_message')
        if code is not None and '%s' % code not in ('', '%s' % status):
            parts.append(' (errorCode %s)' % code)
        if message is not None and '%s' % message:
            parts.append(': %s' % message)
        elif len(parts) == 1 and response.reason:
            parts.append(' %s' % response.reason)
        if error.get('correlation_id'):
            parts.append(' (correlationId %s)' % error['correlation_id'])
        if error.get('error_details'):
            parts.append('; details: %s' % json.dumps(error['error_details'], sort_keys=True))
        # controls, line separators, bidirectional overrides escaped: API text must not forge a line
        msg = printable(self.redact(''.join(parts)))
        return LeasewebError(msg, status=status, error=error, method=method, path=full_path)

    def _transport_error(self, method, full_path, exc, *, idempotent):
        if isinstance(exc, ReadTimeout):
            what = 'no answer within %s seconds' % self.timeout
        elif isinstance(exc, SSLError):
            what = 'TLS failed (check the certificate of api_url, or validate_certs): %s' % exc
            return LeasewebError(
                self.redact('%s %s: %s' % (method, full_path, what)), method=method, path=full_path, sent=False
            )
        elif _never_sent(exc):
            what = 'could not connect: %s' % exc
        elif isinstance(exc, RequestsConnectionError):
            what = 'the connection failed before an answer came: %s' % exc
        else:
            what = '%s' % exc
        msg = '%s %s: %s' % (method, full_path, what)
        failure = LeasewebError(self.redact(msg), method=method, path=full_path, sent=not _never_sent(exc))
        if not idempotent and failure.sent:
            failure.annotate(NOT_RETRIED)
        return failure

    # -- pagination ----------------------------------------------------------------------

    def paginate(self, path, key, params=None, page_size=DEFAULT_PAGE_SIZE, concurrency=1):
        """Every item of a list, reading pages until ``_metadata.total_count`` is reached.

        ``key`` is the list's field in snake_case (``servers``). Pages are not assumed to
        be full: the next offset is the number of items received so far. With
        ``concurrency`` above 1, the pages after the first are requested in parallel and
        any short page is completed afterwards, so the result is the same.
        """
        params = dict(params or {})
        first = self._page(path, key, params, 0, page_size)
        items, total = first
        if concurrency > 1 and total > len(items) and items:
            return self._paginate_parallel(path, key, params, page_size, concurrency, items, total)
        while len(items) < total:
            page, total = self._page(path, key, params, len(items), page_size)
            if not page:
                self._check_complete(path, len(items), total)
                break
            items.extend(page)
        return items

    @staticmethod
    def _check_complete(path, offset, total):
        """Fail when a page came back empty although the same answer counts more items: what was
        read is not the whole list, and a part of a list must not pass for all of it."""
        if offset < total:
            raise LeasewebError(
                'GET %s: the page at offset %d is empty, but the same answer counts %d items: the list changed or the '
                'API answered inconsistently; read it again' % (API_PREFIX + path, offset, total),
                method='GET',
                path=API_PREFIX + path,
            )

    def _page(self, path, key, params, offset, limit):
        return self._page_items(key, self.get(path, params=self._page_query(params, offset, limit)), offset)

    @staticmethod
    def _page_query(params, offset, limit):
        query = dict(params)
        query['limit'] = limit
        query['offset'] = offset
        return query

    @staticmethod
    def _page_items(key, data, offset):
        """(items, total) of a decoded page."""
        data = data or {}
        page = list(data.get(key) or [])
        total = (data.get('_metadata') or {}).get('total_count')
        if total is None:
            total = offset + len(page)
        return page, total

    def _paginate_parallel(self, path, key, params, page_size, concurrency, items, total):
        step = len(items)
        offsets = list(range(step, total, step))

        def fetch(offset):
            # in a worker thread: the answer only, so that the worker asks for its next page at once
            return offset, self._send('GET', path, self._page_query(params, offset, step), None)

        def decode(fetched):
            # in this thread, while the workers go on fetching
            offset, response = fetched
            return self._page_items(key, self._decode('GET', path, response), offset)[0]

        pages = [items] + self.run_concurrently(fetch, offsets, concurrency, then=decode)
        result = []
        for off, page in zip([0] + offsets, pages):
            if len(result) < off:
                # an earlier page came back short: fill the gap in order
                while len(result) < off:
                    extra, gap_total = self._page(path, key, params, len(result), off - len(result))
                    if not extra:
                        self._check_complete(path, len(result), gap_total)
                        break
                    result.extend(extra)
            result.extend(page[max(0, len(result) - off) :])
        while len(result) < total:
            extra, total = self._page(path, key, params, len(result), page_size)
            if not extra:
                self._check_complete(path, len(result), total)
                break
            result.extend(extra)
        return result

    # -- concurrency ----------------------------------------------------------------------

    def run_concurrently(self, function, items, concurrency, *, then=None):
        """``[function(item) for item in items]``, with up to ``concurrency`` calls at once.

        The calls share this client's session; its connection pool grows to
        ``concurrency`` so that each running call has a connection. Results come back in
        the order of ``items``. ``then``, when given, is applied in the calling thread to
        each result as soon as its call ended, while the other calls go on (decoding an
        answer there keeps the workers sending requests); the list holds what it returns.
        The first call (or ``then``) that fails stops the batch: calls not yet started are
        cancelled, running ones stop retrying, and its error is raised. The batch is this
        call's own: another batch running at the same time (a server of a fleet) goes on.
        A call that must not stop the others catches its own failures (``fleet``).
        """
        items = list(items)
        then = then or (lambda result: result)
        concurrency = max(1, min(int(concurrency), len(items) or 1))
        if concurrency == 1:
            return [then(function(item)) for item in items]
        if concurrency > self.pool_size:
            self._mount_pool(concurrency)
        give_up = threading.Event()

        def call(item):
            self._batch.give_up = give_up
            try:
                return function(item)
            finally:
                self._batch.give_up = None

        results = [None] * len(items)
        futures = {}
        pool = ThreadPoolExecutor(max_workers=concurrency)
        try:
            for index, item in enumerate(items):
                futures[pool.submit(call, item)] = index
            for future in as_completed(futures):
                results[futures[future]] = then(future.result())
            return results
        except BaseException:
            # start nothing more, and let the running calls end without further retries
            give_up.set()
            for future in futures:
                future.cancel()
            raise
        finally:
            pool.shutdown(wait=True)

    # -- waiting ------------------------------------------------------------------------

    def wait_until(self, fetch, done, *, timeout, sleep, what, key=None, first_sleep=None, describe=None):
        """Call ``fetch()`` until ``done(value)``; the last value.

        The pauses between calls start at ``first_sleep`` seconds and double up to
        ``sleep``, so that a short wait ends soon and a long one reads at most every
        ``sleep`` seconds. Raises :class:`LeasewebWaitError` with the last value once
        ``timeout`` seconds have passed, its message ending with ``(last seen: ...)`` from
        ``describe(value)`` when given. A ``done`` that raises stops the wait at once.
        """
        deadline = self._clock() + timeout
        pause = min(FIRST_SLEEP if first_sleep is None else first_sleep, sleep)
        while True:
            value = fetch()
            if done(value):
                return value
            remaining = deadline - self._clock()
            if remaining <= 0:
                msg = 'Timed out after %ss waiting for %s' % (timeout, what)
                if describe is not None and value:
                    msg = '%s (last seen: %s)' % (msg, describe(value))
                raise LeasewebWaitError(msg, last=value, timed_out=True, key=key)
            self._sleep(min(pause, remaining))
            pause = min(sleep, pause * 2)
