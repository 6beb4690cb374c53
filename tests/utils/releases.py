# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The repository's releases page, played by a local HTTP server, for the tests that install as users do.

README.md and the CI examples install the collection from the URL of its release tarball,
``RELEASES + VERSION/leaseweb-dedicated-VERSION.tar.gz``. The tests serve the tarball built from
the working tree under the same path, and put :attr:`Releases.url` in the place of ``RELEASES``.
"""

import functools
import http.server
import os
import re
import shutil
import threading

RELEASES = 'https://github.com/leaseweb-dedicated/ansible-collection-leaseweb-dedicated/releases/download/'


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class Releases:
    """``Releases(tarball, folder)``: serves ``VERSION/<tarball name>`` from ``folder`` until ``close()``."""

    def __init__(self, tarball, folder):
        self.version = re.search(r'leaseweb-dedicated-(.+)\.tar\.gz$', tarball).group(1)
        os.makedirs(os.path.join(str(folder), self.version), exist_ok=True)
        shutil.copy(tarball, os.path.join(str(folder), self.version))
        handler = functools.partial(_Quiet, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = 'http://127.0.0.1:%d/' % self.server.server_address[1]

    def local(self, text):
        """``text`` with the release URL of the repository replaced by this server's."""
        return text.replace(RELEASES, self.url)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
