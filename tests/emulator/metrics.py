"""Bandwidth and datatraffic metrics: deterministic values over the requested window."""

import datetime
import zlib

from .common import Details, UTC, iso_z, parse_datetime

FIXED_STEPS = {'5MIN': 300, 'HOUR': 3600, 'DAY': 86400, 'WEEK': 7 * 86400}
GRANULARITIES = {
    'bandwidth': ('5MIN', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'),
    'datatraffic': ('DAY', 'WEEK', 'MONTH', 'YEAR'),
}
AGGREGATIONS = {'bandwidth': ('AVG', '95TH'), 'datatraffic': ('SUM',)}
UNITS = {'bandwidth': 'bps', 'datatraffic': 'B'}
MAX_POINTS = 10000


def _step(moment, granularity):
    if granularity in FIXED_STEPS:
        return moment + datetime.timedelta(seconds=FIXED_STEPS[granularity])
    months = 1 if granularity == 'MONTH' else 12
    month = moment.month - 1 + months
    year = moment.year + month // 12
    month = month % 12 + 1
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month, day=day)


def _rate(server_id, direction, moment):
    """A deterministic bits-per-second figure for a server, direction and moment."""
    base = 2_000_000 + zlib.crc32(f'{server_id}:{direction}'.encode()) % 400_000_000
    noise = zlib.crc32(f'{server_id}:{direction}:{int(moment.timestamp())}'.encode()) / 2**32
    return int(base * (0.4 + noise))


def _query(ctx, kind):
    query = ctx.query
    details = Details()
    start = end = None
    for name in ('from', 'to'):
        raw = query.get(name)
        if raw is None:
            details.add(name, 'This value should not be blank.')
            continue
        value = parse_datetime(raw)
        if value is None:
            details.add(name, 'This value is not a valid ISO-8601 date-time.')
        elif name == 'from':
            start = value
        else:
            end = value
    if start is not None and end is not None and end <= start:
        details.add('to', "This value should be after 'from'.")
    granularity = query.get('granularity')
    if granularity is not None and granularity not in GRANULARITIES[kind]:
        details.add('granularity', 'The value you selected is not a valid choice.')
    aggregation = query.get('aggregation')
    if aggregation is None:
        details.add('aggregation', 'This value should not be blank.')
    elif aggregation not in AGGREGATIONS[kind]:
        details.add('aggregation', 'The value you selected is not a valid choice.')
    elif aggregation == '95TH' and granularity is not None:
        details.add('granularity', 'The granularity should be omitted for the 95TH aggregation.')
    details.check()
    buckets = [start]
    if granularity is not None:
        moment = _step(start, granularity)
        while moment < end:
            buckets.append(moment)
            if len(buckets) > MAX_POINTS:
                details.add(
                    'granularity', f'The window holds more than {MAX_POINTS} data points; use a coarser granularity.'
                )
                details.check()
            moment = _step(moment, granularity)
    return start.astimezone(UTC), end.astimezone(UTC), granularity, aggregation, buckets


def _metrics(ctx, kind):
    start, end, granularity, aggregation, buckets = _query(ctx, kind)
    series = {}
    for direction in ('DOWN_PUBLIC', 'UP_PUBLIC'):
        values = []
        for i, moment in enumerate(buckets):
            until = buckets[i + 1] if i + 1 < len(buckets) else end
            rate = _rate(ctx.server.id, direction, moment)
            if aggregation == '95TH':
                rate = int(rate * 1.3)
            seconds = (until - moment).total_seconds()
            value = rate if kind == 'bandwidth' else int(rate / 8 * seconds)
            values.append({'timestamp': iso_z(moment.timestamp()), 'value': value})
        series[direction] = {'unit': UNITS[kind], 'values': values}
    meta = {'aggregation': aggregation, 'from': iso_z(start.timestamp())}
    if granularity is not None:
        meta['granularity'] = granularity
    meta['to'] = iso_z(end.timestamp())
    return {'_metadata': meta, 'metrics': series}


def bandwidth(ctx):
    """GET /servers/{serverId}/metrics/bandwidth."""
    return _metrics(ctx, 'bandwidth')


def datatraffic(ctx):
    """GET /servers/{serverId}/metrics/datatraffic."""
    return _metrics(ctx, 'datatraffic')


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers/{serverId}/metrics/bandwidth', bandwidth)
    api.route('GET', '/servers/{serverId}/metrics/datatraffic', datatraffic)
