"""Power: powerInfo and powerOn / powerOff / powerCycle.

A change shows in powerInfo after the `power_seconds` setting (0 by default: at once), as a
real server takes a moment to go down or come up. A power cycle turns the server off at once
and back on after `power_seconds`, and never sooner than CYCLE_SECONDS: a reboot is never
instant, and a client that waits for it sees the server off first.
"""

# The shortest power cycle, in seconds.
CYCLE_SECONDS = 2

from .common import ApiError


def _power(ctx):
    return ctx.state.extras(ctx.server)['power']


def _require_power_control(ctx):
    if not ctx.server.detail['featureAvailability']['powerCycle']:
        raise ApiError(400, f'Power management is not available for server {ctx.server.id}.')


def power_info(ctx):
    """GET /servers/{serverId}/powerInfo."""
    power = _power(ctx)
    return {'ipmi': {'status': power['ipmi']}, 'pdu': {'status': power['pdu']}}


def _later(ctx, status, delay=None):
    """Set the power status now, or after `power_seconds` (or `delay`)."""
    extras = ctx.state.extras(ctx.server)
    delay = ctx.state.settings.power_seconds if delay is None else delay

    def apply(_when):
        extras['power'] = {'ipmi': status, 'pdu': status}

    if delay <= 0:
        apply(ctx.now)
    else:
        ctx.state.schedule(ctx.now + delay, apply)


def power_on(ctx):
    """POST /servers/{serverId}/powerOn."""
    _require_power_control(ctx)
    _later(ctx, 'on')


def power_off(ctx):
    """POST /servers/{serverId}/powerOff."""
    _require_power_control(ctx)
    _later(ctx, 'off')


def power_cycle(ctx):
    """POST /servers/{serverId}/powerCycle: off at once, then on after power_seconds (CYCLE_SECONDS at least)."""
    _require_power_control(ctx)
    ctx.state.extras(ctx.server)['power'] = {'ipmi': 'off', 'pdu': 'off'}
    _later(ctx, 'on', max(ctx.state.settings.power_seconds, CYCLE_SECONDS))


def register(api):
    """Add this area's routes."""
    api.route('GET', '/servers/{serverId}/powerInfo', power_info)
    api.route('POST', '/servers/{serverId}/powerOn', power_on)
    api.route('POST', '/servers/{serverId}/powerOff', power_off)
    api.route('POST', '/servers/{serverId}/powerCycle', power_cycle)
