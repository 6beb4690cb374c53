# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A TCP listener on 127.0.0.1 for tests: it counts the connections made to it, and greets each
with ``banner`` when given (an SSH banner makes it stand in for sshd)."""

import socket
import threading

SSH_BANNER = b'SSH-2.0-OpenSSH_9.6 leaseweb-dedicated-tests\r\n'


class Listener:
    """``port``, ``url`` (http://127.0.0.1:PORT) and ``connections``; ``close()`` when done."""

    def __init__(self, banner=None):
        self.banner = banner
        self.connections = 0
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
                if self.banner:
                    try:
                        connection.sendall(self.banner)
                    except OSError:
                        pass

    def close(self):
        self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        self._thread.join(10)
