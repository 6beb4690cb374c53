# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource layer: one unit per API area of a server, each with ``read``, ``diff`` and ``apply``.

An *area* is a part of a server that a user declares (its reference, the settings of its IP
addresses, its switch ports...). Each area's unit is a subclass of :class:`Area`:

- ``reads(wanted)`` names what must be read (keys of :data:`READERS`, such as ``('record',)``
  or ``('ip', '192.0.2.10')``); :func:`read` reads them, each once, concurrently when asked, so
  that two areas that need the server's record share one request;
- ``diff(wanted, current)`` compares: a :class:`Plan` with the views a diff shows (``before``,
  ``after``), whether anything must change, and what the module returns when nothing is sent.
  It makes no request; it raises :class:`Refused` for a wish the server cannot take (a DDoS
  detection profile on an address with standard protection), before anything is written;
- ``apply(client, server_id, plan)`` sends the writes, and waits where the API is asynchronous.

The comparison rule of an area lives once, in its ``diff``. The single-area modules,
``server_config``, ``fleet_config`` and the roles all go through :func:`converge`, which
tracks the change and the diff in the plan instead of assembling them at each call site.

Two runs (two pipelines, an operator and a pipeline) may want the same state at the same
moment. When a write is refused because what it wanted appeared between the read and the
write, the unit reads again and converges instead of failing: :func:`write_or_converge` is
that rule, once.
"""

from ansible_collections.leaseweb.dedicated.plugins.module_utils._client import LeasewebError

# The statuses with which the API refuses to create or start what is already there (a
# credential, a lease, a job, a null route): the reference declares 400 for every refused
# request and no 409, the emulator answers 409 for a duplicate credential, so both count.
REFUSED_WRITE = (400, 409)
# The statuses with which the API may refuse to delete what is gone already: 404 (the
# emulator's), or 400; the reference declares neither for its DELETEs.
REFUSED_DELETE = (400, 404)

# What can be read of a server: key -> function(client, server_id, *arguments). The units
# register theirs; a key is a tuple, its first element the name here.
READERS = {}


def reader(name):
    """Register a function ``(client, server_id, *arguments)`` as the reader of ``name``."""

    def register(function):
        READERS[name] = function
        return function

    return register


@reader('record')
def read_record(client, server_id):
    """The server's record (``GET /servers/{id}``)."""
    return client.get(client.server_path(server_id))


class Refused(Exception):
    """A wanted state the server cannot take, found by a diff before anything is written.

    ``msg`` says why; ``result`` is what a module returns with the failure (the record read).
    """

    def __init__(self, msg, **result):
        super(Refused, self).__init__(msg)
        self.msg = msg
        self.result = result


class Plan(object):
    """One area of one server: what it is (``before``), is to be (``after``), and what a run did.

    ``before`` and ``after`` are the views a diff shows; ``changed`` whether a write is needed
    (they differ, unless the unit says otherwise); ``result`` what a module returns (a
    prediction until ``apply`` replaces it); ``pending`` whether ``apply`` has anything to do
    (a change, or a wait for something still in progress); ``warnings`` texts to show. A unit
    keeps what its ``apply`` needs in ``todo``.
    """

    def __init__(self, before, after, *, result=None, changed=None, pending=None, **todo):
        self.before = before
        self.after = after
        self.changed = (before != after) if changed is None else changed
        self.pending = self.changed if pending is None else pending
        self.result = result
        self.todo = todo
        self.warnings = []

    def done(self, *, changed=None, before=None, after=None, result=None):
        """The plan after ``apply``: what changed and what is returned, as the writes turned out."""
        if changed is not None:
            self.changed = changed
        if before is not None:
            self.before = before
        if after is not None:
            self.after = after
        if result is not None:
            self.result = result
        self.pending = False
        return self


class Area(object):
    """The unit of one API area; subclasses define ``reads``, ``diff`` and ``apply``."""

    #: the area's name in server_config and fleet_config
    name = None
    #: whether the wanted state takes the wait options (wait, wait_timeout, wait_sleep)
    waits = False

    def check(self, wanted):
        """The wanted state, normalized; ValueError (not naming the area) when it cannot be right
        whatever the server is. No request."""
        return wanted

    def reads(self, wanted):
        """The keys of :data:`READERS` the diff needs."""
        raise NotImplementedError

    def diff(self, wanted, current):
        """A :class:`Plan` from the wanted state and ``current`` (``{key: answer}``); no request."""
        raise NotImplementedError

    def apply(self, client, server_id, plan):
        """Send the writes of ``plan`` (and wait as the API needs); the plan, done."""
        raise NotImplementedError


def read(client, server_id, keys, *, concurrency=1, failures=False):
    """``{key: answer}`` for the reader keys, each read once; ``concurrency`` reads at a time.

    With ``failures``, a read that fails gives its :class:`LeasewebError` as the answer (the
    other reads go on), so that the caller can tell which area it concerns; else it is raised.
    """
    keys = list(dict.fromkeys(keys))

    def one(key):
        try:
            return READERS[key[0]](client, server_id, *key[1:])
        except LeasewebError as error:
            if not failures:
                raise
            return error

    return dict(zip(keys, client.run_concurrently(one, keys, concurrency)))


def converge(client, server_id, area, wanted, *, check_mode, current=None, concurrency=1):
    """Read (unless ``current`` is given), compare, and apply unless in check mode; the plan.

    Raises :class:`Refused` before any write when the server cannot take ``wanted``, and
    :class:`LeasewebError` when a request fails.
    """
    if current is None:
        current = read(client, server_id, area.reads(wanted), concurrency=concurrency)
    plan = area.diff(wanted, current)
    if plan.pending and not check_mode:
        plan = area.apply(client, server_id, plan)
    return plan


def write_or_converge(write, reread, reached, *, refused=REFUSED_WRITE, describe=None):
    """Send a write; when the API refuses it, read again and accept the state if it is what was wanted.

    Returns ``(True, answer)`` when ``write()`` succeeded, with its answer. When it raises a
    :class:`LeasewebError` whose status is in ``refused``, ``reread()`` reads the state again:
    if ``reached(state)``, another run brought about what this write was for between this
    run's read and its write, and ``(False, state)`` is returned: the unit converged
    without a change of its own. Otherwise the refusal is raised, with ``[read again after
    the refusal: describe(state)]`` appended when ``describe`` gives a text; a read that
    fails raises the refusal as it was. Every other failure of the write is raised at once.

    The rule needs no knowledge of the API's wording: it trusts only a second read. A write
    refused for another reason (a bad value) costs that one read before it fails.
    """
    try:
        return True, write()
    except LeasewebError as refusal:
        if refusal.status not in refused:
            raise
        try:
            state = reread()
        except LeasewebError:
            raise refusal
        if reached(state):
            return False, state
        note = describe(state) if describe is not None else None
        if note:
            refusal.annotate('[read again after the refusal: %s]' % note)
        raise refusal


def delete_or_gone(client, path, reread):
    """DELETE ``path``; False when another run removed it first (refused, and ``reread()`` finds nothing)."""
    removed, _gone = write_or_converge(
        lambda: client.delete(path), reread, lambda found: found is None, refused=REFUSED_DELETE
    )
    return removed
