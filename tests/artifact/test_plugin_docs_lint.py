# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``antsibull-docs lint-collection-docs --plugin-docs`` renders and checks every plugin's and role's
documentation, its markup and its references to other plugins' options and return values, and the
guides of the docs site with their references.
"""

from tests.artifact.test_docs import lint


def test_plugin_docs_and_guides_lint_clean_with_their_references_checked(installed, tmp_path):
    result = lint(installed, tmp_path, '--plugin-docs')
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ''
