# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The documentation is tested: every shell and YAML block of README.md, roles/*/README.md and
docs/docsite/rst/*.rst runs against the emulator exactly as written, or says why not.

Each document runs in a workspace of its own, its blocks in their order, against the emulator's
default fleet (reset first), as a user who installed the collection into a clean HOME and pointed
LEASEWEB_API_URL and LEASEWEB_API_KEY at the emulator (tests/docs/conftest.py). A block:

- ``bash``/``sh``/``shell``: its text runs as a bash script (``-e -o pipefail``) in the workspace;
- ``console``: its ``$ `` lines run the same way, and its other lines are output that must appear;
- ``yaml``/``yaml+jinja``: a file named by its first line (``# inventory/prod.leaseweb.yml``) is
  written there, and an inventory file is read with ``ansible-inventory --graph``; a list of plays
  runs with ``ansible-playbook``, a list of tasks in a play on localhost (``leaseweb_id: "12345"``),
  an inventory (``plugin:``) is read, a requirements file (``collections:``) installed.

A marker just before a block changes that: in Markdown ``<!-- doc-test: MODE: reason -->``, in
reStructuredText a comment ``.. doc-test: MODE: reason``. MODE is ``real-account`` (it needs a real
account), ``skip`` (not run here, the reason says why - another test runs it, it needs a container
engine...) ``server`` (it starts a server: run in the background until its documented output
shows, then stopped) or ``clone`` (a command of the repository's clone: run in this checkout). Blocks of other languages (``text``, ``ini``) are not counted.

Exactly as written, except: port 8080 is the emulator's port (a ``server`` block gets a free one),
and the release URL of the repository is a local server serving the tarball built from this tree.
The workspace holds the files the documents tell the reader to have: ``prod.leaseweb.yml`` and
``inventory/prod.leaseweb.yml`` (the smallest inventory file), ``site.yml`` ("your playbook": an
idempotent play on leaseweb_ams_01), ``group_vars/all/vault.yml`` and ``inventory/group_vars/all/vault.yml``
(the secrets the examples name, in plain text here) and the CI example's files. Plays and
inventories the test runs itself get those secrets as extra variables too.

Run alone: ``make docs-test`` (with the walk), or ``.venv/core-2.17/bin/python -m pytest -p no:cacheprovider
tests/docs/test_doc_blocks.py`` (``-k guide_ci`` for one document; ``DOCS_TEST_SHOW=1`` with ``-s`` prints
each block's output); the counts are printed at the end.
"""

import glob
import os
import re
import shutil
import signal
import socket
import subprocess

import pytest
import yaml

from tests.artifact.conftest import tool
from tests.conftest import REPO_ROOT
from tests.docs.conftest import DONE, EMULATOR_KEY

DOCUMENTS = ['README.md'] + sorted(
    os.path.relpath(path, REPO_ROOT)
    for path in glob.glob(os.path.join(REPO_ROOT, 'roles', '*', 'README.md'))
    + glob.glob(os.path.join(REPO_ROOT, 'docs', 'docsite', 'rst', '*.rst'))
)
SHELL = {'bash': 'shell', 'sh': 'shell', 'shell': 'shell', 'console': 'shell'}
YAML = {'yaml': 'yaml', 'yml': 'yaml', 'yaml+jinja': 'yaml'}
MODES = ('real-account', 'skip', 'server', 'clone')
MD_MARKER = re.compile(r'<!--\s*doc-test:\s*([\w-]+)\s*(?::\s*(.*?))?\s*-->', re.S)
RST_MARKER = re.compile(r'^\.\. doc-test:\s*([\w-]+)\s*(?::\s*(.*))?$')

# the secrets the examples name (a vault file of the reader's, plain here)
SECRETS = {
    'vault_leaseweb_api_key': EMULATOR_KEY,
    'leaseweb_api_key': EMULATOR_KEY,
    'vault_db_01_app_password': 'db-01-Pa55-from-the-vault',
    'vault_web_01_app_password': 'web-01-Pa55-from-the-vault',
    'ops_ssh_keys': [
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8bXnT0r5c4XZpXh2Sxl9yFJmY2cM0m3dLZ0d7kQ7f ops@example.com'
    ],
}
SITE = [
    {
        'name': 'Your playbook: DDoS nulling emails on for the servers of AMS-01',
        'hosts': 'leaseweb_ams_01',
        'gather_facts': False,
        'tasks': [
            {
                'name': 'Turn the nulling emails on',
                'leaseweb.dedicated.ddos_notification': {'server_id': '{{ leaseweb_id }}', 'nulling': True},
                'delegate_to': 'localhost',
            }
        ],
    }
]


class Block:
    def __init__(self, path, line, lang, text, mode=None, reason=None):
        self.path, self.line, self.lang, self.text, self.mode, self.reason = path, line, lang, text, mode, reason

    @property
    def kind(self):
        return SHELL.get(self.lang) or YAML.get(self.lang)

    def __repr__(self):
        return '%s:%d (%s)' % (self.path, self.line, self.lang)


def markdown_blocks(path, text):
    blocks = []
    for match in re.finditer(r'^```([\w+-]*)[ \t]*\n(.*?)^```[ \t]*$', text, re.M | re.S):
        before = text[: match.start()].rstrip('\n')
        last = before[before.rfind('\n') + 1 :] if '\n' in before else before
        marker = MD_MARKER.search(last) if last.strip().startswith('<!--') else None
        if marker is None and before.endswith('-->'):
            marker = MD_MARKER.search(before[before.rfind('<!--') :])
        blocks.append(
            Block(
                path,
                text[: match.start()].count('\n') + 1,
                match.group(1),
                match.group(2),
                *(marker.groups() if marker else ()),
            )
        )
    return blocks


def rst_blocks(path, text):
    blocks = []
    lines = text.split('\n')
    for match in re.finditer(r'^( *)\.\. code-block:: ([\w+-]+)\n((?:\1 .*\n|[ \t]*\n)+)', text, re.M):
        indent = len(match.group(1)) + 2
        body = [line[indent:] for line in match.group(3).split('\n')]
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        number = text[: match.start()].count('\n')
        mode = reason = None
        previous = number - 1
        while previous >= 0 and not lines[previous].strip():
            previous -= 1
        # the marker comment, its reason possibly on indented lines under it
        start = previous
        while start > 0 and lines[start].startswith(' ') and not lines[start].strip().startswith('.. '):
            start -= 1
        marker = RST_MARKER.match(lines[start].strip()) if previous >= 0 else None
        if marker:
            mode = marker.group(1)
            reason = ' '.join(
                [marker.group(2) or ''] + [line.strip() for line in lines[start + 1 : previous + 1]]
            ).strip()
        blocks.append(Block(path, number + 1, match.group(2), '\n'.join(body) + '\n', mode, reason))
    return blocks


def blocks_of(path):
    text = open(os.path.join(REPO_ROOT, path)).read()
    found = markdown_blocks(path, text) if path.endswith('.md') else rst_blocks(path, text)
    return [block for block in found if block.kind]


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Workspace:
    """Where a document's blocks run: its files, the user's environment, the substitutions."""

    def __init__(self, root, env, emulator, releases, home):
        self.root, self.env, self.emulator, self.releases, self.home = str(root), env, emulator, releases, str(home)
        self.count = 0
        smallest = 'plugin: leaseweb.dedicated.servers\n'
        secrets = yaml.safe_dump(SECRETS)
        for name, content in (
            ('prod.leaseweb.yml', smallest),
            ('inventory/prod.leaseweb.yml', smallest),
            ('group_vars/all/vault.yml', secrets),
            ('inventory/group_vars/all/vault.yml', secrets),
            ('site.yml', yaml.safe_dump(SITE, sort_keys=False)),
            ('secrets.yml', secrets),
        ):
            self.write(name, content)
        for name in ('fleet.leaseweb.yml', 'provision.yml'):
            shutil.copy(os.path.join(REPO_ROOT, 'examples', 'ci', name), os.path.join(self.root, name))

    def write(self, name, content):
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as handle:
            handle.write(content)
        return path

    def local(self, text, port=None):
        return self.releases.local(text).replace('8080', port or self.emulator.port)

    def run(self, command, timeout=300, cwd=None):
        process = subprocess.Popen(
            command,
            cwd=cwd or self.root,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            output = process.communicate(timeout=timeout)[0]
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
        return process.returncode, output

    def bash(self, script):
        return self.run(['bash', '-e', '-o', 'pipefail', '-c', script])

    def ansible(self, name, *args):
        return self.run([tool(name)] + list(args) + ['-e', '@secrets.yml'])


def shell_parts(block):
    """(script, expected output lines) of a shell block."""
    if block.lang != 'console':
        return block.text, []
    commands, expected = [], []
    for line in block.text.split('\n'):
        if line.startswith('$ '):
            commands.append(line[2:])
        elif line.strip():
            expected.append(line.strip())
    return '\n'.join(commands) + '\n', expected


def run_server(workspace, block):
    """A block that starts a server: in the background, until its documented first line shows; then stopped."""
    port = str(free_port())
    script, expected = shell_parts(block)
    process = subprocess.Popen(
        ['bash', '-e', '-c', workspace.local(script, port)],
        cwd=workspace.root,
        env=workspace.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        first = process.stdout.readline().strip()
        shown = [workspace.local(line, port) for line in expected] or ['listening on http://127.0.0.1:%s' % port]
        assert first == shown[0], (block, first, shown)
        return 0, first
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def read_inventory(workspace, path):
    """``ansible-inventory --graph`` of an inventory file; it must read at least one host."""
    code, output = workspace.ansible('ansible-inventory', '-i', path, '--graph')
    if code == 0 and '|--' not in output:
        return 1, 'no host in the inventory:\n' + output
    return code, output


def run_yaml(workspace, block):
    data = yaml.safe_load(block.text)
    first = block.text.lstrip('-\n').split('\n', 1)[0]
    named = re.match(r'^#\s*((?:\.?[\w.-]+/)*[\w.-]+\.ya?ml)\b', first)
    if named:
        path = workspace.write(named.group(1), block.text)
        if re.search(r'leaseweb\.ya?ml$', path):
            return read_inventory(workspace, path)
        return 0, 'written to %s' % named.group(1)
    workspace.count += 1
    if (
        isinstance(data, list)
        and data
        and all('hosts' in play or 'ansible.builtin.import_playbook' in play for play in data)
    ):
        path = workspace.write('block-%d.yml' % workspace.count, block.text)
        return workspace.ansible('ansible-playbook', '-i', 'prod.leaseweb.yml', path)
    if isinstance(data, list) and data and all(isinstance(task, dict) and 'hosts' not in task for task in data):
        play = [
            {
                'name': 'The tasks of %r' % block,
                'hosts': 'localhost',
                'gather_facts': False,
                'vars': {'leaseweb_id': '12345'},
                'tasks': data,
            }
        ]
        path = workspace.write('block-%d.yml' % workspace.count, yaml.safe_dump(play, sort_keys=False))
        return workspace.ansible('ansible-playbook', path)
    if isinstance(data, dict) and 'plugin' in data:
        path = workspace.write('block-%d.leaseweb.yml' % workspace.count, block.text)
        return read_inventory(workspace, path)
    if isinstance(data, dict) and 'collections' in data:
        path = workspace.write('block-%d-requirements.yml' % workspace.count, workspace.local(block.text))
        return workspace.run([tool('ansible-galaxy'), 'collection', 'install', '-r', path])
    raise AssertionError('%r: a YAML block the test does not know how to run; mark it (doc-test: skip: why)' % block)


def run_block(workspace, block):
    if block.mode == 'server':
        return run_server(workspace, block)
    if block.kind == 'yaml':
        return run_yaml(workspace, block)
    script, expected = shell_parts(block)
    if block.mode == 'clone':
        return workspace.run(['bash', '-e', '-o', 'pipefail', '-c', workspace.local(script)], cwd=REPO_ROOT)
    code, output = workspace.bash(workspace.local(script))
    if code == 0:
        missing = [line for line in expected if workspace.local(line) not in output]
        assert not missing, '%r: the documented output %r is not in:\n%s' % (block, missing, output[-5000:])
    return code, output


def test_every_block_is_found_and_every_marker_is_known_and_says_why():
    for path in DOCUMENTS:
        text = open(os.path.join(REPO_ROOT, path)).read()
        found = markdown_blocks(path, text) if path.endswith('.md') else rst_blocks(path, text)
        written = len(re.findall(r'^```', text, re.M)) // 2 if path.endswith('.md') else text.count('.. code-block::')
        assert len(found) == written, (path, len(found), written)
        for block in blocks_of(path):
            if block.mode is not None:
                assert block.mode in MODES, block
                assert block.mode in ('server', 'clone') or (block.reason or '').strip(), (
                    '%r: a marker without its reason' % block
                )


@pytest.mark.parametrize('path', DOCUMENTS)
def test_the_blocks_run_as_written(path, tmp_path, user_env, emulator, releases, home):
    blocks = blocks_of(path)
    workspace = Workspace(tmp_path / 'workspace', user_env, emulator, releases, home)
    for block in blocks:
        if block.mode in ('real-account', 'skip'):
            DONE.append((path, block.line, block.kind, block.mode, block.reason))
            continue
        code, output = run_block(workspace, block)
        if os.environ.get('DOCS_TEST_SHOW'):
            print('=== %r exit %d\n%s' % (block, code, output[-3000:]))
        assert code == 0, '%r failed (exit code %d):\n%s\n---\n%s' % (block, code, block.text, output[-8000:])
        DONE.append((path, block.line, block.kind, 'ran', None))
