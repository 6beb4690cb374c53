"""Job callbacks: the POST to a job's ``callbackUrl`` when the job ends.

The reference says only that the URL is "called when the job is finished" (install: "when the
installation is finished or failed"); it does not say how. The emulator POSTs the job, as
``GET /servers/{serverId}/jobs/{jobId}`` shows it at that moment, as JSON, once per job end:
FINISHED or FAILED when the clock reaches it, CANCELED or EXPIRED when the job is canceled or
expired. Only to a loopback address (``127.0.0.0/8``, ``::1``, ``localhost``): an emulator never
calls out of the machine; any other URL is recorded as not sent.

Calls go out one at a time, in the order the jobs ended, from a thread of their own, never while
the emulator holds its lock (a receiver may call the emulator back). ``GET /_emulator/callbacks``
lists what was sent and how it was answered.
"""

import ipaddress
import json
import queue
import threading
import urllib.error
import urllib.request
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 10
# In the real clock mode a job ends when its time has come, not when a request arrives: while
# callbacks are awaited, the sender applies the due transitions this often.
REAL_CLOCK_TICK = 0.25


def is_loopback(url):
    """True when ``url`` names a loopback host."""
    try:
        host = urlsplit(url).hostname or ''
    except ValueError:
        return False
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Callbacks:
    """The sender: ``send(url, job)`` queues a call; ``sent()`` lists the calls made."""

    def __init__(self, tick):
        self._tick = tick  # applies due transitions (real clock), returns whether calls are awaited
        self._queue = queue.Queue()
        self._lock = threading.Lock()
        self._sent = []
        self._thread = None

    def send(self, url, job):
        """Queue the call of ``url`` with ``job`` (the job's view when it ended)."""
        self._queue.put((url, job))
        self.start()

    def start(self):
        """Start the sender thread (once)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name='leaseweb-emulator-callbacks')
                self._thread.start()

    def sent(self):
        """The calls made, oldest first: ``{url, jobId, serverId, status, sent, answer, error}``."""
        with self._lock:
            return [dict(entry) for entry in self._sent]

    def clear(self):
        """Forget the calls made (a reset)."""
        with self._lock:
            self._sent = []

    def stop(self):
        """End the sender thread once the calls queued so far are made."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(TIMEOUT_SECONDS * 2)

    def _run(self):
        while True:
            try:
                item = self._queue.get(timeout=REAL_CLOCK_TICK)
            except queue.Empty:
                self._tick()
                continue
            if item is None:
                return
            url, job = item
            entry = {
                'url': url,
                'jobId': job.get('uuid'),
                'serverId': job.get('serverId'),
                'status': job.get('status'),
                'sent': False,
                'answer': None,
                'error': None,
            }
            if not is_loopback(url):
                entry['error'] = 'not a loopback address: the emulator calls only 127.0.0.0/8, ::1, localhost'
            else:
                entry['sent'] = True
                request = urllib.request.Request(
                    url,
                    data=json.dumps(job).encode('utf-8'),
                    method='POST',
                    headers={'Content-Type': 'application/json', 'User-Agent': 'leaseweb-emulator/1.0 (job callback)'},
                )
                try:
                    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                        entry['answer'] = answer.status
                except urllib.error.HTTPError as error:
                    entry['answer'] = error.code
                except (OSError, ValueError) as error:
                    entry['error'] = str(error)
            with self._lock:
                self._sent.append(entry)
