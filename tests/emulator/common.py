"""Helpers shared by every API area: errors, paging, validation, time."""

import base64
import binascii
import datetime
import ipaddress
import json
import re
import uuid

DEFAULT_LIMIT = 20

MSG_400 = 'The API could not interpret your request correctly.'
MSG_401 = 'You are not authorized to view this resource.'
MSG_403 = 'Access to the requested resource is forbidden.'
MSG_404 = 'Resource not found'
MSG_405 = 'The method is not allowed for the requested resource.'
MSG_500 = 'The API could not handle your request at this time.'
MSG_503 = 'The API is not available at the moment.'

STATUS_MESSAGES = {
    400: MSG_400,
    401: MSG_401,
    403: MSG_403,
    404: MSG_404,
    405: MSG_405,
    429: 'You have sent too many requests. Please try again later.',
    500: MSG_500,
    502: 'The API received an invalid response from an upstream server.',
    503: MSG_503,
    504: 'The API did not receive a timely response from an upstream server.',
}

HOSTNAME_RE = re.compile(
    r'^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)'
    r'(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
)
MAC_RE = re.compile(r'^(([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$')


class ApiError(Exception):
    """An error answer: status, message and optional errorDetails."""

    def __init__(self, status, message=None, details=None, headers=None):
        super().__init__(message or STATUS_MESSAGES.get(status, 'Error'))
        self.status = status
        self.message = message or STATUS_MESSAGES.get(status, 'Error')
        self.details = details
        self.headers = headers or {}


class ValidationError(ApiError):
    """A 400 answer listing the offending fields in errorDetails."""

    def __init__(self, details):
        super().__init__(400, MSG_400, details)


class Response:
    """A handler's answer: status, JSON-able payload (or raw bytes), headers."""

    __slots__ = ('status', 'payload', 'raw', 'headers')

    def __init__(self, status=200, payload=None, raw=None, headers=None):
        self.status = status
        self.payload = payload
        self.raw = raw
        self.headers = headers or {}


def error_body(status, message=None, details=None):
    """Build the reference's errorResult object."""
    body = {
        'correlationId': str(uuid.uuid4()),
        'errorCode': str(status),
        'errorMessage': message or STATUS_MESSAGES.get(status, 'Error'),
    }
    if details is not None:
        body['errorDetails'] = details
    return body


def dumps(obj):
    """Compact JSON encoding used for every answer."""
    return json.dumps(obj, separators=(',', ':'), ensure_ascii=False)


class Details:
    """Collects field errors, raising one ValidationError at the end."""

    def __init__(self):
        self.errors = {}

    def add(self, field, message):
        """Record one problem with a field."""
        self.errors.setdefault(field, []).append(message)

    def check(self):
        """Raise when anything was recorded."""
        if self.errors:
            raise ValidationError(self.errors)


def parse_paging(query, default_limit=DEFAULT_LIMIT):
    """Return (limit, offset) from the query string, validated."""
    details = Details()
    values = {}
    for name, default in (('limit', default_limit), ('offset', 0)):
        raw = query.get(name)
        if raw is None:
            values[name] = default
            continue
        try:
            value = int(raw, 10)
        except ValueError:
            details.add(name, 'This value should be of type integer.')
            continue
        if value < 0:
            details.add(name, 'This value should be greater than or equal to 0.')
            continue
        values[name] = value
    details.check()
    return values['limit'], values['offset']


def page(items, query, key, default_limit=DEFAULT_LIMIT):
    """Slice a list and wrap it with _metadata under the given key."""
    limit, offset = parse_paging(query, default_limit)
    return {
        '_metadata': {'limit': limit, 'offset': offset, 'totalCount': len(items)},
        key: items[offset : offset + limit],
    }


def unpaged(items, key):
    """Wrap a complete collection (an operation without limit/offset)."""
    return {
        '_metadata': {'limit': max(DEFAULT_LIMIT, len(items)), 'offset': 0, 'totalCount': len(items)},
        key: items,
    }


def bool_param(query, name, details):
    """Parse an optional "true"/"false" query parameter."""
    raw = query.get(name)
    if raw is None:
        return None
    if raw not in ('true', 'false'):
        details.add(name, 'The value you selected is not a valid choice.')
        return None
    return raw == 'true'


def require_object(body):
    """The request body must be a JSON object."""
    if body is None:
        raise ValidationError({'body': ['The request body must be a JSON object.']})
    if not isinstance(body, dict):
        raise ValidationError({'body': ['The request body must be a JSON object.']})
    return body


def optional_object(body):
    """An optional JSON object body: missing means {}."""
    if body is None:
        return {}
    return require_object(body)


def reject_unknown(body, allowed, details):
    """Flag keys the reference does not define for this body."""
    for key in body:
        if key not in allowed:
            details.add(key, 'This field was not expected.')


def check_string(body, name, details, required=False, allow_empty=False):
    """Validate an optional/required string field; return it or None."""
    if name not in body:
        if required:
            details.add(name, 'This value should not be blank.')
        return None
    value = body[name]
    if not isinstance(value, str):
        details.add(name, 'This value should be of type string.')
        return None
    if not allow_empty and value == '':
        details.add(name, 'This value should not be blank.')
        return None
    return value


def check_enum(body, name, choices, details, required=False):
    """Validate an enum field (string or integer choices)."""
    if name not in body:
        if required:
            details.add(name, 'This value should not be blank.')
        return None
    value = body[name]
    if isinstance(value, bool) or value not in choices:
        details.add(name, 'The value you selected is not a valid choice.')
        return None
    return value


def check_bool(body, name, details):
    """Validate an optional boolean field."""
    if name not in body:
        return None
    value = body[name]
    if not isinstance(value, bool):
        details.add(name, 'This value should be of type bool.')
        return None
    return value


def check_url(body, name, details):
    """Validate an optional http(s) URL field."""
    value = check_string(body, name, details)
    if value is not None and not re.match(r'^https?://[^\s/$.?#][^\s]*$', value):
        details.add(name, 'This value is not a valid URL.')
        return None
    return value


def check_base64(body, name, details):
    """Validate an optional base64 encoded field."""
    value = check_string(body, name, details)
    if value is None:
        return None
    try:
        base64.b64decode(value.encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        details.add(name, 'This value should be a base64 encoded string.')
        return None
    return value


def parse_ip(text):
    """Parse a plain IP address (no prefix) or return None."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def normalize_mac(text):
    """Return a MAC address as upper-case colon form, or None."""
    if not isinstance(text, str) or not MAC_RE.match(text):
        return None
    digits = re.sub(r'[^0-9A-Fa-f]', '', text).upper()
    return ':'.join(digits[i : i + 2] for i in range(0, 12, 2))


UTC = datetime.timezone.utc


def iso(ts):
    """Format a POSIX timestamp as the reference does (+00:00 offset)."""
    return datetime.datetime.fromtimestamp(int(ts), UTC).strftime('%Y-%m-%dT%H:%M:%S+00:00')


def iso_z(ts):
    """Format a POSIX timestamp with a Z suffix (metrics examples)."""
    return datetime.datetime.fromtimestamp(int(ts), UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def parse_datetime(text):
    """Parse an ISO-8601 date-time (offset or Z; naive means UTC) or return None."""
    if not isinstance(text, str) or 'T' not in text:
        return None
    candidate = text.strip()
    if candidate.endswith(('Z', 'z')):
        candidate = candidate[:-1] + '+00:00'
    try:
        value = datetime.datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value
