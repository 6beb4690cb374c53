"""Power: powerInfo and powerOn / powerOff / powerCycle."""

from .common import ApiError


def _power(ctx):
    return ctx.state.extras(ctx.server)["power"]


def _require_power_control(ctx):
    if not ctx.server.detail["featureAvailability"]["powerCycle"]:
        raise ApiError(400, f"Power management is not available for server {ctx.server.id}.")


def power_info(ctx):
    """GET /servers/{serverId}/powerInfo."""
    power = _power(ctx)
    return {"ipmi": {"status": power["ipmi"]}, "pdu": {"status": power["pdu"]}}


def _set(ctx, status):
    _require_power_control(ctx)
    ctx.state.extras(ctx.server)["power"] = {"ipmi": status, "pdu": status}


def power_on(ctx):
    """POST /servers/{serverId}/powerOn."""
    _set(ctx, "on")


def power_off(ctx):
    """POST /servers/{serverId}/powerOff."""
    _set(ctx, "off")


def power_cycle(ctx):
    """POST /servers/{serverId}/powerCycle: the server ends up on."""
    _set(ctx, "on")


def register(api):
    """Add this area's routes."""
    api.route("GET", "/servers/{serverId}/powerInfo", power_info)
    api.route("POST", "/servers/{serverId}/powerOn", power_on)
    api.route("POST", "/servers/{serverId}/powerOff", power_off)
    api.route("POST", "/servers/{serverId}/powerCycle", power_cycle)
