# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""galaxy-importer, the check Galaxy and Automation Hub run on an upload, on the tarball."""

import json
import os
import sys

from tests.artifact.conftest import clean_env, run
from tests.artifact.test_artifact import MODULES, ROLES


def test_galaxy_importer_accepts_the_tarball_without_a_warning(tarball, tmp_path):
    """Offline, with its defaults (ansible-doc of every plugin, ansible-lint); its result file
    lands in the working directory."""
    env = clean_env()
    for name in list(env):
        if name.startswith('GALAXY_IMPORTER_'):
            del env[name]
    result = run([sys.executable, '-m', 'galaxy_importer.main', tarball], cwd=tmp_path, env=env, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert [line for line in lines if line.startswith(('WARNING', 'ERROR', 'CRITICAL'))] == []
    assert lines[-1] == 'Importer processing completed successfully'
    with open(os.path.join(str(tmp_path), 'importer_result.json')) as handle:
        imported = json.load(handle)
    contents = sorted(
        (c['content_type'], c['name'])
        for c in imported['contents']
        if c['content_type'] in ('module', 'inventory', 'role')
    )
    assert contents == sorted(
        [('module', name) for name in MODULES] + [('inventory', 'servers')] + [('role', name) for name in ROLES]
    )
    assert imported['requires_ansible'] == '>=2.17.0'
    assert imported['metadata']['namespace'] == 'leaseweb' and imported['metadata']['name'] == 'dedicated'
