# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Small HTTP servers and a resolver that tests use to show where the API key goes.

- :class:`Trap`: an HTTP server on 127.0.0.1 that records every request it gets (method, path,
  headers) and answers each with what ``answer(request)`` returns, by default 200 and an empty
  server list. A trap that answers with a redirect to another trap (another port) shows whether a
  client follows redirects, and with which headers.
- :func:`resolving`: makes a host name resolve to 127.0.0.1 in this process, so that an
  ``http://`` URL on a name that is not a loopback address can reach a local server (the emulator):
  without the client's refusal, the key would arrive there.
"""

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Trap(object):
    """An HTTP server on 127.0.0.1 recording what it gets: ``Trap().start()``, ``.url``, ``.requests``."""

    EMPTY_LIST = (
        200,
        {'Content-Type': 'application/json'},
        json.dumps({'servers': [], '_metadata': {'totalCount': 0, 'limit': 50, 'offset': 0}}),
    )

    def __init__(self, answer=None):
        self.answer = answer or (lambda request: self.EMPTY_LIST)
        self.requests = []
        self.lock = threading.Lock()
        trap = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def handle_any(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else b''
                request = dict(method=self.command, path=self.path, headers=dict(self.headers.items()), body=body)
                with trap.lock:
                    trap.requests.append(request)
                status, headers, text = trap.answer(request)
                raw = (text or '').encode('utf-8')
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header('Content-Length', str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PUT = do_DELETE = handle_any

            def log_message(self, format, *args):  # pylint: disable=redefined-builtin
                pass

        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        self.thread = None

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.server.server_address[1]

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs=dict(poll_interval=0.01), daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def keys(self, header='X-LSW-Auth'):
        """The values of ``header`` in the requests received (header names in any case)."""
        with self.lock:
            return [
                value
                for request in self.requests
                for name, value in request['headers'].items()
                if name.lower() == header.lower()
            ]


def redirect_to(url, status=302):
    """An ``answer`` for a Trap: a redirect of every request to the same path on ``url``."""

    def answer(request):
        return status, {'Location': url + request['path']}, ''

    return answer


@contextlib.contextmanager
def resolving(name, address='127.0.0.1'):
    """Within the block, ``name`` resolves to ``address`` in this process (every other name as usual)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        return real(address if host == name else host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo
    try:
        yield
    finally:
        socket.getaddrinfo = real
