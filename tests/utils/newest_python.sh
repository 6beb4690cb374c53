#!/usr/bin/env bash
# Print the path of a Python 3.12 or newer, needed by the newest ansible-core.
# Looks at python3.13/python3.12 on PATH, then at pyenv's installed versions.
set -u
candidates=()
for name in python3.14 python3.13 python3.12; do
  path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[2-9]' | sort -rV); do
    prefix=$(pyenv prefix "$version" 2>/dev/null) && candidates+=("$prefix/bin/python3")
  done
fi
for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*; do
  [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
done
for python in "${candidates[@]}"; do
  # pyenv shims refuse to run a version that is not selected: try each for real
  if "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
    "$python" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "no Python 3.12 or newer found (install one, or set NEWEST_PYTHON=/path/to/python3.12+)" >&2
exit 1
