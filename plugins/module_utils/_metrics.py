# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A server's bandwidth and data traffic metrics: the window asked for, checked, and the read."""

import datetime
import re

GRANULARITIES = dict(
    bandwidth=['5MIN', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'], datatraffic=['DAY', 'WEEK', 'MONTH', 'YEAR']
)
AGGREGATIONS = dict(bandwidth=['AVG', '95TH'], datatraffic=['SUM'])
UTC = datetime.timezone.utc
ISO_8601 = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})'
    r'(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?'
    r'\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$'
)


def parse_time(value, now):
    """An ISO-8601 date or date-time (or ``now``) as an aware UTC datetime; ValueError when not one."""
    text = ('%s' % value).strip()
    if text.lower() == 'now':
        return now
    match = ISO_8601.match(text)
    if not match:
        raise ValueError(
            '%r is not an ISO-8601 date or date-time such as 2024-06-01 or 2024-06-01T12:00:00Z' % (value,)
        )
    year, month, day, hour, minute, second, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone not in ('Z', 'z'):
        digits = zone[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        if zone[0] == '-':
            offset = -offset
    try:
        moment = datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=datetime.timezone(offset),
        )
    except ValueError as e:
        raise ValueError('%r is not a valid date: %s' % (value, e))
    return moment.astimezone(UTC)


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def metrics_query(kind, start, end, granularity, aggregation, now):
    """The query of a metrics read; ValueError, naming the option, for a window or a choice that cannot be.

    ``start`` and ``end`` are ISO-8601 dates or date-times, or ``now``; ``aggregation`` defaults to the
    first of the type's.
    """
    aggregation = aggregation or AGGREGATIONS[kind][0]
    if aggregation not in AGGREGATIONS[kind]:
        raise ValueError(
            'aggregation %s is not available for %s metrics: use %s'
            % (aggregation, kind, ' or '.join(AGGREGATIONS[kind]))
        )
    if granularity is not None and granularity not in GRANULARITIES[kind]:
        raise ValueError(
            'granularity %s is not available for %s metrics: use one of %s'
            % (granularity, kind, ', '.join(GRANULARITIES[kind]))
        )
    if granularity is not None and aggregation == '95TH':
        raise ValueError('the 95TH aggregation is computed over the whole window: leave out granularity')
    window = {}
    for name, value in (('from', start), ('to', end)):
        try:
            window[name] = parse_time(value, now)
        except ValueError as e:
            raise ValueError('%s: %s' % (name, e))
    if window['to'] <= window['from']:
        raise ValueError('to (%s) must be after from (%s)' % (iso(window['to']), iso(window['from'])))
    query = {'aggregation': aggregation, 'from': iso(window['from']), 'to': iso(window['to'])}
    if granularity is not None:
        query['granularity'] = granularity
    return query


def read_metrics(client, server_id, kind, query):
    """``(metrics, metadata)`` of the server for the query."""
    answer = client.get(client.server_path(server_id, 'metrics', kind), params=query) or {}
    return answer.get('metrics') or {}, answer.get('_metadata') or {}
