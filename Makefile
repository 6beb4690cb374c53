# leaseweb.dedicated: the two commands a fresh machine needs are `make demo` and `make test`.
# Both create what they use under .venv/ and .cache/ in this directory.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
NEWEST_PYTHON ?= $(shell tests/utils/newest_python.sh)
OLDEST := .venv/oldest
NEWEST := .venv/newest
PIP_FLAGS := --quiet --disable-pip-version-check
PYTEST_FLAGS ?= -q -p no:cacheprovider --durations=10
COLLECTIONS := $(CURDIR)/.cache/collections

.PHONY: help venv demo test test-oldest test-newest units integration sanity lint collection-link clean

help:
	@echo "make demo   start the emulator and run playbooks/demo.yml against it"
	@echo "make test   unit, integration and sanity tests on the oldest and newest ansible-core, and the linters"
	@echo "make clean  remove the virtual environments and caches"

# -- virtual environments --------------------------------------------------------------

$(OLDEST)/.ready: tests/requirements/oldest.txt requirements.txt
	rm -rf $(OLDEST)
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/pip install $(PIP_FLAGS) -r tests/requirements/oldest.txt -r requirements.txt
	touch $@

$(NEWEST)/.ready: tests/requirements/newest.txt requirements.txt
	@test -n "$(NEWEST_PYTHON)" || { echo "Python 3.12+ is needed for the newest ansible-core" >&2; exit 1; }
	rm -rf $(NEWEST)
	$(NEWEST_PYTHON) -m venv $(NEWEST)
	$(NEWEST)/bin/pip install $(PIP_FLAGS) -r tests/requirements/newest.txt -r requirements.txt
	touch $@

venv: $(OLDEST)/.ready $(NEWEST)/.ready

collection-link:
	@mkdir -p $(COLLECTIONS)/ansible_collections/leaseweb
	@ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/leaseweb/dedicated

# -- demo --------------------------------------------------------------------------------

demo: $(OLDEST)/.ready collection-link
	$(OLDEST)/bin/python tests/utils/demo.py --python $(OLDEST)/bin/python

# -- tests -------------------------------------------------------------------------------

# The two ansible-core versions are tested side by side (each suite is mostly one busy
# process plus waiting); each target's output is shown when it ends.
test: collection-link
	$(MAKE) --no-print-directory -j2 --output-sync=target test-oldest test-newest
	$(MAKE) --no-print-directory lint
	@echo "make test: all passed"

# Unit and integration tests (pytest starts the emulator) and sanity, on one ansible-core.
test-%: VENV = .venv/$*
test-oldest test-newest: test-%: .venv/%/.ready collection-link
	@echo "== $*: ansible-core $$($(VENV)/bin/python -c "import ansible.release; print(ansible.release.__version__)")"
	$(VENV)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-$* tests/unit tests/integration
	$(MAKE) --no-print-directory sanity VENV=$(VENV)

# ansible-test needs the collection under ansible_collections/leaseweb/dedicated and
# resolves links, so it runs on a copy; tests/utils/prepare_ansible_test.py lets it
# bootstrap pip on machines that cannot download get-pip.py.
sanity: PY = $(abspath $(VENV))/bin/python
sanity:
	$(PY) tests/utils/prepare_ansible_test.py
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  dest=$$($(PY) tests/utils/copy_collection.py "$$tmp") && \
	  version=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])') && \
	  cd "$$dest" && PATH="$(abspath $(VENV))/bin:$$PATH" \
	  ansible-test sanity --venv --color no --python "$$version"

lint: $(NEWEST)/.ready collection-link
	cd $(CURDIR) && ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(NEWEST)/bin/ansible-lint
	$(NEWEST)/bin/antsibull-changelog lint

clean:
	rm -rf .venv .cache tests/output
