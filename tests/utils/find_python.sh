#!/usr/bin/env bash
# Usage: find_python.sh 3.13 3.12 ...
# Print the path of the first of these Python versions found on this machine: the system's
# /usr/bin/python3.X, then python3.X on PATH, then pyenv's installed versions. Each ansible-core
# version of `make test` names the Pythons it supports, preferred first.
# The system's build comes first: distributions build Python with profile-guided optimisation,
# which pyenv does not unless asked; on Debian 12 an ansible-playbook run of 50 module tasks took
# 15% less CPU on /usr/bin/python3.11 (3.11.2) than on pyenv's 3.11.7, and make test is CPU-bound.
set -u
for wanted in "$@"; do
  candidates=()
  [ -x "/usr/bin/python$wanted" ] && candidates+=("/usr/bin/python$wanted")
  path=$(command -v "python$wanted" 2>/dev/null) && candidates+=("$path")
  if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | grep -E "^${wanted//./\\.}(\.[0-9]+)?$" | sort -rV); do
      prefix=$(pyenv prefix "$version" 2>/dev/null) && candidates+=("$prefix/bin/python3")
    done
  fi
  for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$wanted".*; do
    [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
  done
  for python in "${candidates[@]}"; do
    # pyenv shims refuse to run a version that is not selected: try each for real
    if "$python" -c "import sys, venv; sys.exit('%d.%d' % sys.version_info[:2] != '$wanted')" >/dev/null 2>&1; then
      "$python" -c 'import sys; print(sys.executable)'
      exit 0
    fi
  done
done
echo "none of Python $* found (install one, or run make with PYTHON_<core version>=/path/to/python)" >&2
exit 1
