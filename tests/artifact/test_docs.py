# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The docs site (docs/docsite) of the installed collection, linted by antsibull-docs."""

import os
import re

import yaml

from tests.artifact.conftest import clean_env, run, tool
from tests.conftest import REPO_ROOT

DOCSITE = os.path.join(REPO_ROOT, 'docs', 'docsite')
LABEL = 'ansible_collections.leaseweb.dedicated.docsite.'

# antsibull-docs' lint of the extra docs, every collection reference checked against the
# installed plugins (options, return values, plugin names), unknown collections refused.
LINT = [
    'lint-collection-docs',
    '--check-extra-docs-refs',
    '--validate-collection-refs',
    'all',
    '--disallow-unknown-collection-refs',
]


def lint(installed, tmp_path, *extra):
    env = clean_env(installed.path)
    command = [tool('antsibull-docs')] + LINT + list(extra) + [installed.root]
    return run(command, cwd=tmp_path, env=env)


def guides():
    rst = os.path.join(DOCSITE, 'rst')
    return dict(
        (name[:-4], open(os.path.join(rst, name)).read()) for name in sorted(os.listdir(rst)) if name.endswith('.rst')
    )


def test_every_guide_is_in_the_toctree_and_every_ref_names_a_label_of_the_site():
    """What the lint leaves to Sphinx: pages left out of the site, :ref: to a label that does not exist."""
    config = yaml.safe_load(open(os.path.join(DOCSITE, 'extra-docs.yml')))
    toctree = [page for section in config['sections'] for page in section['toctree']]
    pages = guides()
    assert sorted(toctree) == sorted(pages)
    labels = set()
    for name, text in pages.items():
        defined = re.findall(r'^\.\. _([^:]+):$', text, re.M)
        assert defined[:1] == [LABEL + name], name
        labels |= set(defined)
    for name, text in pages.items():
        for target in re.findall(r':ref:`(?:[^`<]*<)?([^`>]+)>?`', text):
            assert target in labels, (name, target)
