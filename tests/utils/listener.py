# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A TCP listener on 127.0.0.1 for tests: it counts the connections made to it, and greets each
with ``banner`` when given (an SSH banner makes it stand in for sshd). With ``http=True`` it is a
minimal HTTP receiver instead: it reads each request (one a connection), keeps it in ``received``
and answers 204 (a webhook, for the emulator's job callbacks); ``on_request``, when given, is then
called with it (in the listener's thread)."""

import json
import socket
import threading

SSH_BANNER = b'SSH-2.0-OpenSSH_9.6 leaseweb-dedicated-tests\r\n'


class Listener:
    """``port``, ``url`` (http://127.0.0.1:PORT) and ``connections``; ``close()`` when done."""

    def __init__(self, banner=None, http=False, on_request=None):
        self.banner = banner
        self.http = http
        self.on_request = on_request
        self.connections = 0
        # with http: each request as {method, path, headers, body (decoded JSON, or the text)}
        self.received = []
        self._arrived = threading.Condition()
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(('127.0.0.1', 0))
        self._socket.listen(16)
        self.port = self._socket.getsockname()[1]
        self.url = 'http://127.0.0.1:%d' % self.port
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            self.connections += 1
            with connection:
                if self.http:
                    self._receive(connection)
                elif self.banner:
                    try:
                        connection.sendall(self.banner)
                    except OSError:
                        pass

    def _receive(self, connection):
        connection.settimeout(10)
        reader = connection.makefile('rb')
        try:
            method, path, _version = reader.readline().decode('latin-1').split(' ', 2)
            headers = {}
            for line in iter(reader.readline, b'\r\n'):
                name, _colon, value = line.decode('latin-1').partition(':')
                headers[name.strip().lower()] = value.strip()
            text = reader.read(int(headers.get('content-length') or 0)).decode('utf-8')
            connection.sendall(b'HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n')
        except (OSError, ValueError):
            return
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = text
        request = dict(method=method, path=path, headers=headers, body=body)
        if self.on_request is not None:
            self.on_request(request)
        with self._arrived:
            self.received.append(request)
            self._arrived.notify_all()

    def wait_for(self, count, timeout=30):
        """Block until ``count`` requests were received (http); the requests received."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.received) >= count, timeout)
            return list(self.received)

    def close(self):
        self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        self._thread.join(10)
