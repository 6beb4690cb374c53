"""The emulator's clock: real time by default, or a time that tests move.

Every timed behaviour of the emulator (job progress, null route propagation, private network
transitions, power changes, the dates it writes) reads this clock, never ``time.time()``.

Modes:

- ``real``: the wall clock (plus whatever was advanced). The default, for users.
- ``manual``: time stands still until ``advance(seconds)`` moves it. A test advances it where
  it used to sleep, and the outcome no longer depends on how busy the machine is.
- ``step``: as ``manual``, and every API request moves it forward by ``step`` seconds
  after it is answered. A module that polls a job sees it progress by exactly one step a
  read, whatever its real pauses, so the requests a wait makes are the same on every run.
"""

import threading
import time

MODES = ('real', 'manual', 'step')


class Clock:
    """The time the emulator answers from (seconds since the epoch, as ``time.time()``)."""

    def __init__(self, mode='real', step=0.0, wall=time.time):
        self._wall = wall
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen = None
        self.mode = 'real'
        self.step = 0.0
        self.configure(mode=mode, step=step)

    def now(self):
        """The current time."""
        with self._lock:
            return self._now()

    def _now(self):
        return self._frozen if self._frozen is not None else self._wall() + self._offset

    def tick(self):
        """The time of one API request; in ``step`` mode the clock then moves on by ``step``."""
        with self._lock:
            now = self._now()
            if self.mode == 'step':
                self._frozen = now + self.step
            return now

    def advance(self, seconds):
        """Move the clock forward (in every mode); the new time."""
        if seconds < 0:
            raise ValueError('the clock only moves forward')
        with self._lock:
            if self._frozen is not None:
                self._frozen += seconds
            else:
                self._offset += seconds
            return self._now()

    def configure(self, mode=None, step=None):
        """Change the mode (time carries on from where it is) and the step."""
        if mode is not None and mode not in MODES:
            raise ValueError('mode must be one of %s' % ', '.join(MODES))
        if step is not None and step < 0:
            raise ValueError('step must not be negative')
        with self._lock:
            now = self._now()
            if mode is not None:
                self.mode = mode
                if mode == 'real':
                    self._frozen = None
                    self._offset = now - self._wall()
                else:
                    self._frozen = now
            if step is not None:
                self.step = float(step)

    def as_dict(self):
        """What GET /_emulator/clock answers."""
        with self._lock:
            return {'mode': self.mode, 'step': self.step, 'now': self._now()}
