# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SSH server for the roles' host key tests: Debian's OpenSSH sshd, unpacked under
.cache/openssh by the Makefile (make .cache/openssh/.ready; make integration-* does it first), run
by the test on 127.0.0.1 with a configuration, host key and authorized keys in a folder of its own.

It stands in for a server after its installation (or in its rescue system): ``boot(ssh_keys,
script)`` does what the installation does before the first connection - authorizes the keys the
job was given and runs the job's post-install script (which writes the host key) - then starts
sshd, which reads its host key from ``host_key`` as a server's reads /etc/ssh/ssh_host_ed25519_key.
The login user is the one that runs the tests (an unprivileged sshd can only log in as itself);
as root, sshd needs its privilege separation user, which libnss_wrapper (unpacked too) provides,
and /run/sshd, which is made when missing (as the openssh-server package would).

``spy_on_ssh(folder)`` puts an ``ssh`` on a PATH that records, for each call, its arguments and
the content of the known_hosts file it was told to check against (UserKnownHostsFile), then runs
the real ssh: what each of a role's connections was checked against, at the time it connected.
"""

import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import threading

from tests.conftest import REPO_ROOT

UNPACKED = os.path.join(REPO_ROOT, '.cache', 'openssh', 'root')
SSHD = os.path.join(UNPACKED, 'usr', 'sbin', 'sshd')
LIBRARIES = os.path.join(UNPACKED, 'usr', 'lib', 'x86_64-linux-gnu')


def free_port():
    """A port of 127.0.0.1 that nothing listens on now (sshd takes it when it starts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class SshServer:
    """sshd in ``folder``: ``port``, ``user``, ``client_key`` (a private key it accepts once booted),
    ``host_key`` (the path its host key is read from), ``pid_file``, ``log`` (its log lines)."""

    def __init__(self, folder):
        if not os.access(SSHD, os.X_OK):
            raise RuntimeError('%s is missing: run make .cache/openssh/.ready (make integration-* does)' % SSHD)
        self.folder = str(folder)
        os.makedirs(self.folder, mode=0o700, exist_ok=True)
        self.port = free_port()
        self.user = pwd.getpwuid(os.geteuid()).pw_name
        self.host_key = os.path.join(self.folder, 'ssh_host_ed25519_key')
        self.pid_file = os.path.join(self.folder, 'sshd.pid')
        self.authorized_keys = os.path.join(self.folder, 'authorized_keys')
        self.client_key = os.path.join(self.folder, 'client_key')
        subprocess.run(
            ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'tests', '-f', self.client_key], check=True
        )
        with open(self.client_key + '.pub') as public:
            self.client_public_key = public.read().strip()
        self.config = os.path.join(self.folder, 'sshd_config')
        with open(self.config, 'w') as config:
            config.write(
                '\n'.join(
                    [
                        'ListenAddress 127.0.0.1:%d' % self.port,
                        'HostKey %s' % self.host_key,
                        'PidFile %s' % self.pid_file,
                        'AuthorizedKeysFile %s' % self.authorized_keys,
                        'StrictModes no',  # the folder is below the test's temporary directory
                        'UsePAM no',
                        'PasswordAuthentication no',
                        'KbdInteractiveAuthentication no',
                        'PermitRootLogin prohibit-password',
                        'LogLevel VERBOSE',
                        '',
                    ]
                )
            )
        self.env = dict(PATH=os.environ.get('PATH', '/usr/bin:/bin'), LD_LIBRARY_PATH=LIBRARIES)
        if os.geteuid() == 0:
            self._as_root()
        self.log = []
        self.process = None
        self.booted = threading.Event()
        self.failure = None

    def _as_root(self):
        """sshd started by root separates privileges: its user (sshd) and its empty directory (/run/sshd)."""
        os.makedirs('/run/sshd', mode=0o755, exist_ok=True)
        passwd = os.path.join(self.folder, 'passwd')
        with open('/etc/passwd') as system, open(passwd, 'w') as copy:
            copy.write(system.read())
            copy.write('sshd:x:65533:65534:sshd privilege separation:/run/sshd:/usr/sbin/nologin\n')
        group = os.path.join(self.folder, 'group')
        shutil.copyfile('/etc/group', group)
        self.env.update(
            LD_PRELOAD=os.path.join(LIBRARIES, 'libnss_wrapper.so'), NSS_WRAPPER_PASSWD=passwd, NSS_WRAPPER_GROUP=group
        )

    def boot(self, ssh_keys, script):
        """What the server does before it answers: authorize ``ssh_keys`` (a key per line, as the API
        takes them), run the post-install ``script`` (its text), then start sshd."""
        try:
            with open(self.authorized_keys, 'w') as keys:
                keys.write(ssh_keys.strip() + '\n')
            path = os.path.join(self.folder, 'post-install')
            with open(path, 'w') as handle:
                handle.write(script)
            os.chmod(path, 0o700)
            ran = subprocess.run(
                [path],
                cwd=self.folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=60,
                check=False,
            )
            os.remove(path)
            if ran.returncode != 0:
                raise RuntimeError('the post-install script failed: %s' % ran.stdout)
            self.start()
        except Exception as error:  # noqa: BLE001 - it runs in the webhook's thread: kept for the test to assert
            self.failure = error
        finally:
            self.booted.set()

    def start(self):
        """Start sshd in the foreground, logging to stderr; return once it listens."""
        self.process = subprocess.Popen(
            [SSHD, '-D', '-e', '-f', self.config],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for line in self.process.stderr:
            self.log.append(line.rstrip('\n'))
            if line.startswith('Server listening on'):
                break
        else:
            raise RuntimeError('sshd did not start: %s' % '\n'.join(self.log))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line.rstrip('\n'))

    def public_host_key(self):
        """The host key sshd reads now, as "TYPE BASE64"."""
        with open(self.host_key + '.pub') as public:
            return ' '.join(public.read().split()[:2])

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


SPY = """#!{python}
import json, os, sys
arguments = sys.argv[1:]
files = [a.split('=', 1)[1].strip('"') for a in arguments if a.startswith('UserKnownHostsFile=')]
known = None
if files and os.path.exists(files[0]):
    with open(files[0]) as handle:
        known = handle.read()
with open({log!r}, 'a') as log:
    log.write(json.dumps(dict(argv=arguments, known_hosts=known)) + '\\n')
os.execv({ssh!r}, [{ssh!r}] + arguments)
"""


def spy_on_ssh(folder):
    """A folder to put first on PATH, and a function that reads the calls recorded, oldest first."""
    ssh = shutil.which('ssh')
    folder = str(folder)
    os.makedirs(folder, exist_ok=True)
    log = os.path.join(folder, 'calls.jsonl')
    path = os.path.join(folder, 'ssh')
    with open(path, 'w') as spy:
        spy.write(SPY.format(python=sys.executable, log=log, ssh=ssh))
    os.chmod(path, 0o755)

    def calls():
        if not os.path.exists(log):
            return []
        with open(log) as handle:
            return [json.loads(line) for line in handle]

    return folder, calls
