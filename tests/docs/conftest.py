# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the docs test and the walk share: a clean HOME, the collection installed into it the way
README.md says, and one emulator started from that installed copy the way the testing guide says.

- ``home``: an empty HOME into which ``ansible-galaxy collection install URL`` (README's command,
  with the release URL pointing at a local server that serves the tarball built from this tree)
  put the collection, in its default place (no ANSIBLE_COLLECTIONS_PATH).
- ``docs_emulator``: ``python3 ROOT/emulator.py --port 0 --job-seconds 1``, ROOT the installed
  collection: the default fleet (20 servers, seed 1), the default key ``emulator-api-key``. Each
  test resets it before use.
- ``user_env``: the environment of a user's shell pointed at it (LEASEWEB_API_URL, LEASEWEB_API_KEY)
  with this virtualenv's commands first on PATH, and ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true as
  README.md recommends (an inventory that cannot be read must fail a block, not leave it without hosts).

The docs test counts the blocks it ran; the counts are printed at the end of the session.
"""

import os
import subprocess

import pytest

from tests.artifact.conftest import build, clean_env, tool
from tests.conftest import REPO_ROOT, EmulatorProcess
from tests.utils.releases import RELEASES, Releases

EMULATOR_KEY = 'emulator-api-key'
COLLECTION = os.path.join('.ansible', 'collections', 'ansible_collections', 'leaseweb', 'dedicated')

# what the docs test did, for the summary at the end of the session: (path, line, lang, outcome, reason)
DONE = []


@pytest.fixture(scope='session')
def releases(tmp_path_factory):
    served = Releases(build(REPO_ROOT, tmp_path_factory.mktemp('dist')), tmp_path_factory.mktemp('releases'))
    yield served
    served.close()


@pytest.fixture(scope='session')
def home(tmp_path_factory, releases):
    """A clean HOME with the collection installed by README's command, from the release URL."""
    home = tmp_path_factory.mktemp('home')
    url = RELEASES + '%s/leaseweb-dedicated-%s.tar.gz' % (releases.version, releases.version)
    result = subprocess.run(
        [tool('ansible-galaxy'), 'collection', 'install', releases.local(url)],
        cwd=str(home),
        env=clean_env(HOME=str(home)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert os.path.isfile(os.path.join(str(home), COLLECTION, 'MANIFEST.json'))
    return home


@pytest.fixture(scope='session')
def docs_emulator(home):
    # as the testing guide starts it: from the installed collection, its default fleet and key
    emulator = EmulatorProcess('--job-seconds', '1', root=os.path.join(str(home), COLLECTION), api_key=None)
    emulator.api_key = EMULATOR_KEY
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(docs_emulator):
    docs_emulator.reset()
    yield docs_emulator
    docs_emulator.faults()


@pytest.fixture
def user_env(home, emulator):
    """A user's shell: HOME, this virtualenv's commands first, the key and URL of the emulator."""
    env = clean_env(
        HOME=str(home),
        LEASEWEB_API_URL=emulator.url,
        LEASEWEB_API_KEY=EMULATOR_KEY,
        ANSIBLE_LOCALHOST_WARNING='false',
        # as README.md recommends: an inventory that cannot be read fails, instead of running on no host
        ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED='true',
    )
    env.pop('PYTHONPATH', None)
    return env


def pytest_terminal_summary(terminalreporter):
    if not DONE:
        return
    ran = [d for d in DONE if d[3] == 'ran']
    real = [d for d in DONE if d[3] == 'real-account']
    skipped = [d for d in DONE if d[3] == 'skip']
    write = terminalreporter.write_line
    write(
        'docs: %d blocks ran against the emulator (%d shell, %d YAML); %d need a real account; %d not run, each '
        'saying why'
        % (
            len(ran),
            len([d for d in ran if d[2] == 'shell']),
            len([d for d in ran if d[2] == 'yaml']),
            len(real),
            len(skipped),
        )
    )
    for path, line, _kind, _outcome, reason in real:
        write('  real account: %s:%d (%s)' % (path, line, reason))
    for path, line, _kind, _outcome, reason in skipped:
        write('  not run: %s:%d (%s)' % (path, line, reason))
