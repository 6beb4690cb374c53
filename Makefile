# leaseweb.dedicated: the two commands a fresh machine needs are `make demo` and `make test`.
# Both create what they use under .venv/ and .cache/ in this directory.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Every ansible-core release the collection supports (meta/runtime.yml: >=2.17.0), each on the
# Pythons it supports, preferred first (tests/utils/find_python.sh picks the first installed, the
# system's build before pyenv's; PYTHON_2.19=/path/to/python overrides). 2.17 to 2.19 prefer 3.11,
# the system's Python on Debian 12, built with profile-guided optimisation (their sanity runs took
# 15% less CPU on it than on pyenv's 3.12 and 3.13); 2.20 runs on 3.12 and 2.21 on 3.13, so that
# every Python from 3.11 to 3.13 is tested.
CORES := 2.17 2.18 2.19 2.20 2.21
OLDEST_CORE := $(firstword $(CORES))
NEWEST_CORE := $(lastword $(CORES))
PYTHONS_2.17 := 3.11 3.12 3.10
PYTHONS_2.18 := 3.11 3.12 3.13
PYTHONS_2.19 := 3.11 3.13 3.12
PYTHONS_2.20 := 3.12 3.13 3.14
PYTHONS_2.21 := 3.13 3.14 3.12

venv_of = .venv/core-$(1)
OLDEST := $(call venv_of,$(OLDEST_CORE))
NEWEST := $(call venv_of,$(NEWEST_CORE))
PIP_FLAGS := --quiet --disable-pip-version-check
PYTEST_FLAGS ?= -q -p no:cacheprovider --durations=5
COLLECTIONS := $(CURDIR)/.cache/collections
OPENSSH := .cache/openssh
OPENSSH_DEBS := openssh-server libwrap0 libnss-wrapper

.PHONY: help venv demo test test-fast units units-% integration-% sanity-% sanity lint lint-python lint-ansible format
.PHONY: collection-link clean
.PHONY: artifact artifact-% docs demo-test install

help:
	@echo "make demo   a tour of the collection against the API emulator (inventory, report, drift, provision, rescue, power cycle)"
	@echo "make test   unit tests and sanity on ansible-core $(CORES), playbook tests on $(OLDEST_CORE) and $(NEWEST_CORE), the linters"
	@echo "make test-fast   the edit loop: the unit tests on ansible-core $(NEWEST_CORE) and the linters (under a minute)"
	@echo "make format   format every Python file and fix what ruff can fix (ruff.toml)"
	@echo "make clean  remove the virtual environments and caches"
	@echo "make docs   build the docs site as HTML under .cache/docs/build/html (not part of make test)"
	@echo "make install  build the collection's tarball and install it with the ansible-galaxy on PATH (README: Install)"

# -- virtual environments --------------------------------------------------------------

.venv/core-%/.ready: tests/requirements/tests.txt requirements.txt
	@python="$(or $(PYTHON_$*),$$(tests/utils/find_python.sh $(PYTHONS_$*)))" && \
	  echo "== venv: ansible-core $* on $$("$$python" -V)" && \
	  rm -rf $(@D) && "$$python" -m venv $(@D) && \
	  $(@D)/bin/pip install $(PIP_FLAGS) "ansible-core~=$*.0" -r tests/requirements/tests.txt \
	    -r requirements.txt $(if $(filter $*,$(NEWEST_CORE)),-r tests/requirements/lint.txt)
	touch $@

# only the newest holds the linters
$(NEWEST)/.ready: tests/requirements/lint.txt

# ruff (the formatter and linter of every Python file, ruff.toml) and pre-commit, pinned, in a small
# venv of their own: make format needs no ansible-core.
STYLE := .venv/style
$(STYLE)/.ready: tests/requirements/style.txt
	@python="$(or $(PYTHON_$(NEWEST_CORE)),$$(tests/utils/find_python.sh $(PYTHONS_$(NEWEST_CORE))))" && \
	  echo "== venv: style on $$("$$python" -V)" && \
	  rm -rf $(@D) && "$$python" -m venv $(@D) && \
	  $(@D)/bin/pip install $(PIP_FLAGS) -r tests/requirements/style.txt
	touch $@

venv: $(foreach core,$(CORES),$(call venv_of,$(core))/.ready) $(STYLE)/.ready

# The jobs need the link (a file: once made, a job never waits on it); make collection-link makes
# it again, as make test and make test-fast do first (a clone that moved links to itself).
LINK := $(COLLECTIONS)/ansible_collections/leaseweb/dedicated
collection-link:
	@mkdir -p $(dir $(LINK))
	@ln -sfn $(CURDIR) $(LINK)

$(LINK):
	@mkdir -p $(@D)
	@ln -sfn $(CURDIR) $@

# -- install -----------------------------------------------------------------------------

# The collection from this clone, as users get it: the tarball ansible-galaxy builds, installed by
# the ansible-galaxy on PATH (ansible-core installed first, see README.md) into its collections
# path (~/.ansible/collections unless ANSIBLE_COLLECTIONS_PATH says otherwise).
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)

install:
	@mkdir -p .cache/dist && \
	  ansible-galaxy collection build --force --output-path .cache/dist . > /dev/null && \
	  ansible-galaxy collection install --force .cache/dist/leaseweb-dedicated-$(VERSION).tar.gz

# -- demo --------------------------------------------------------------------------------

# The story, command by command, against the emulator (tests/utils/demo.py, inventory and desired
# state in tests/utils/demo/); on another ansible-core: .venv/core-2.21/bin/python tests/utils/demo.py
demo: $(OLDEST)/.ready $(LINK)
	@$(OLDEST)/bin/python tests/utils/demo.py --python $(OLDEST)/bin/python

# -- tests -------------------------------------------------------------------------------

# Every suite is one job. make test first builds what the jobs need (the venvs, the SSH server of the
# role tests), then runs the jobs TEST_JOBS at a time, in the order of JOBS: the two longest first, the
# unit tests (which mostly wait on timeouts) beside them, then the rest longest first, so that no
# long job starts last (in the comments: wall and CPU seconds in a clean clone's make test on two
# cores, three jobs at a time, 566 s in all; each job's closing line says the same of it). Three
# at a time keep two cores busy while the unit tests wait on timeouts and the playbook suites on job
# waits; a fourth added no speed in a model of the measured jobs, only contention.
# A new suite: its rule below, and its line here, placed by its time.
TEST_JOBS ?= 3
# A job's time in its closing line: wall seconds, the CPU seconds of the processes it ran (from
# /proc, where there is one), and under make test when it ran, in seconds since the jobs began.
CPU_SECONDS = $$(awk -v hz="$$(getconf CLK_TCK)" '{ print int(($$16 + $$17) / hz) }' /proc/$$$$/stat 2>/dev/null || echo '?')
SPAN = $$(( $$(date +%s) - start )) s, $(CPU_SECONDS) CPU-s$(if $(TEST_START), [+$$(( start - $(TEST_START) )) s .. +$$(( $$(date +%s) - $(TEST_START) )) s])
JOBS := integration-$(NEWEST_CORE)                # 276 s (217 CPU-s)
JOBS += integration-$(OLDEST_CORE)                # 295 s (207 CPU-s), with the fault and race suites, EXAMPLES
JOBS += $(foreach core,$(CORES),units-$(core))    # 39-43 s (15-17 CPU-s) each, waiting on timeouts: beside the two above
JOBS += units-emulator artifact-$(OLDEST_CORE)    # 5 s each
JOBS += $(foreach core,$(CORES),sanity-$(core))   # 82-114 s (54-72 CPU-s) each
JOBS += docs-test                                 # 103 s (62 CPU-s)
JOBS += artifact                                  # 108 s (76 CPU-s)
JOBS += demo-test                                 # 24 s (17 CPU-s)
JOBS += eda                                       # 35 s (23 CPU-s)
JOBS += lint                                      # 29 s (21 CPU-s)
TEST_NEEDS = venv $(EDA_VENV)/.ready $(OPENSSH)/.ready

test: collection-link
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target $(TEST_NEEDS)
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --keep-going --output-sync=target TEST_START=$$(date +%s) $(strip $(JOBS))
	@echo "make test: all passed"

# The edit loop: the unit tests on the newest ansible-core and the linters, side by side.
test-fast: collection-link
	$(MAKE) --no-print-directory -j2 --output-sync=target units-$(NEWEST_CORE) lint
	@echo "make test-fast: all passed"

units: $(foreach core,$(CORES),units-$(core)) units-emulator

# The collection's unit tests (module_utils, modules in-process, inventory) on one ansible-core.
units-%: .venv/core-%/.ready $(LINK)
	@start=$$(date +%s); \
	  $(call venv_of,$*)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-units-$* tests/unit/plugins tests/unit/test_collection_metadata.py; \
	  echo "== units-$* (ansible-core $$($(call venv_of,$*)/bin/python -c 'import ansible.release as r; print(r.__version__)')): $(SPAN)"

# make demo end to end, on the virtual environment make demo uses.
demo-test: $(OLDEST)/.ready $(LINK)
	@start=$$(date +%s); \
	  $(OLDEST)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-demo tests/demo; \
	  echo "== demo-test: $(SPAN)"

# The documentation run as written and a new user's walk (tests/docs): every shell and YAML block of
# README.md, roles/*/README.md and docs/docsite/rst/*.rst runs, or its marker says why not, then
# README -> install -> inventory -> configure -> report -> rescue -> power_cycle, in a clean HOME
# against one emulator started from the installed collection.
.PHONY: docs-test
docs-test: $(OLDEST)/.ready $(LINK)
	@start=$$(date +%s); \
	  $(OLDEST)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp="$$(mktemp -d)/docs" tests/docs; \
	  echo "== docs-test: $(SPAN)"

# The emulator's own tests do not involve ansible-core: once is enough.
units-emulator: $(OLDEST)/.ready
	@start=$$(date +%s); \
	  $(OLDEST)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-emulator tests/unit/emulator; \
	  echo "== units-emulator: $(SPAN)"

# Real ansible-playbook and ansible-inventory runs against the emulator. What runs the same code
# on every ansible-core runs once, on the oldest, where a task costs least (0.25 CPU-s against
# 0.4 on the newest): the fault and race suites (the client's retries and the modules'
# convergence under faults and a second run: module_utils code, whose rules the unit tests check
# on all five) and the modules' EXAMPLES (the same modules the harness runs on all five; 29 CPU-s
# on 2.17, 42 on 2.21).
ONCE_ON_OLDEST := tests/integration/test_faults.py tests/integration/test_races.py
ONCE_ON_OLDEST += tests/integration/test_playbooks.py::test_every_modules_examples_run

integration-%: .venv/core-%/.ready $(LINK) $(OPENSSH)/.ready
	@start=$$(date +%s); \
	  $(call venv_of,$*)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-integration-$* tests/integration \
	    $(if $(filter $*,$(OLDEST_CORE)),,$(addprefix --deselect=,$(ONCE_ON_OLDEST))); \
	  echo "== integration-$* (ansible-core $$($(call venv_of,$*)/bin/python -c 'import ansible.release as r; print(r.__version__)')): $(SPAN)"

# The SSH server of the roles' host key tests (tests/utils/sshd.py): Debian's OpenSSH sshd with the
# libraries it needs that a system without openssh-server lacks, downloaded with apt-get and unpacked,
# not installed (neither needs root). The tests start it on 127.0.0.1 with a configuration of their own.
$(OPENSSH)/.ready:
	@echo "== openssh: Debian's openssh-server, unpacked under $(@D)" && \
	  rm -rf $(@D) && mkdir -p $(@D)/debs && \
	  (cd $(@D)/debs && { apt-get download -qq $(OPENSSH_DEBS) 2>/dev/null \
	    || { apt-get update -qq && apt-get download -qq $(OPENSSH_DEBS); }; } 2>&1 | grep -v '^W: Download is performed unsandboxed' || true) && \
	  for deb in $(@D)/debs/*.deb; do dpkg-deb -x "$$deb" $(@D)/root; done && \
	  test -x $(@D)/root/usr/sbin/sshd
	touch $@

# ansible-test needs the collection under ansible_collections/leaseweb/dedicated and
# resolves links, so it runs on a copy. tests/utils/prepare_ansible_test.py lets it bootstrap
# pip on machines that cannot download get-pip.py, from one copy of that pip under
# .cache/ansible-test (a sanity run makes a dozen venvs). Each ansible-core keeps its sanity
# venvs under its own HOME, so that two running at once never share one; their pip installs
# share the user's pip cache (ansible-test passes no PIP_* variable on: a pip.conf in that HOME).
sanity-%: .venv/core-%/.ready
	$(MAKE) --no-print-directory sanity VENV=$(call venv_of,$*) SANITY_HOME=$(CURDIR)/.cache/home-$*

sanity: PY = $(abspath $(VENV))/bin/python
sanity: SANITY_HOME ?= $(HOME)
sanity:
	@start=$$(date +%s); \
	  if [ "$(SANITY_HOME)" != "$(HOME)" ] && cache=$$($(PY) -m pip cache dir 2>/dev/null); then \
	    mkdir -p $(SANITY_HOME)/.config/pip && \
	    printf '[global]\ncache-dir = %s\n' "$$cache" > $(SANITY_HOME)/.config/pip/pip.conf; fi; \
	  export HOME=$(SANITY_HOME); \
	  $(PY) tests/utils/prepare_ansible_test.py $(CURDIR)/.cache/ansible-test && \
	  tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  dest=$$($(PY) tests/utils/copy_collection.py "$$tmp") && \
	  version=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])') && \
	  (cd "$$dest" && PATH="$(abspath $(VENV))/bin:$$PATH" \
	    ansible-test sanity --venv --color no --python "$$version") && \
	  echo "== sanity ($$($(PY) -c 'import ansible.release as r; print(r.__version__)')): $(SPAN)"

# The linters: every Python file with ruff (ruff.toml), the roles, playbooks and metadata with
# ansible-lint (production profile), the changelog fragments with antsibull-changelog.
# .pre-commit-config.yaml runs these two targets before a commit.
lint: lint-python lint-ansible

# `ruff format --check` joins here once the tree has been formatted (make format).
lint-python: $(STYLE)/.ready
	@$(STYLE)/bin/ruff check --no-cache --quiet . && $(STYLE)/bin/ruff format --check --no-cache --quiet .

lint-ansible: $(NEWEST)/.ready $(LINK)
	@start=$$(date +%s); \
	  ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(NEWEST)/bin/ansible-lint && \
	  $(NEWEST)/bin/antsibull-changelog lint && \
	  echo "== lint: $(SPAN)"

# Format every Python file and apply ruff's safe fixes (ruff.toml).
format: $(STYLE)/.ready
	$(STYLE)/bin/ruff format --no-cache .
	$(STYLE)/bin/ruff check --no-cache --fix --quiet .

# The collection as users get it (tests/artifact): the tarball built and installed with
# ansible-galaxy, then ansible-doc, the inventory and a playbook run from that copy; galaxy-importer;
# the docs lint; AWX's execution environment, inventory sync and a job run through ansible-runner.
# Its temporary files are outside the checkout: antsibull-docs reads none of the plugins of a
# collection installed below .cache/ (every reference of the docs lint then reads as unknown).
artifact: $(NEWEST)/.ready
	@start=$$(date +%s); \
	  $(NEWEST)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp="$$(mktemp -d)/artifact" tests/artifact; \
	  echo "== artifact: $(SPAN)"

# AWX's inventory sync on another ansible-core (artifact runs it on the newest).
artifact-%: .venv/core-%/.ready
	@start=$$(date +%s); \
	  $(call venv_of,$*)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-artifact-$* \
	    $(wildcard tests/artifact/test_awx_inventory*.py); \
	  echo "== artifact-$*: $(SPAN)"

# -- Event-Driven Ansible and Automation Platform (tests/eda) ----------------------------------
# The fleet_events source against the emulator, the example rulebook run by ansible-rulebook (Java 17),
# the audit queries run with jq: in a venv of their own, beside the newest ansible-core.
EDA_VENV := .venv/eda

$(EDA_VENV)/.ready: tests/requirements/eda.txt requirements.txt
	@python="$(or $(PYTHON_$(NEWEST_CORE)),$$(tests/utils/find_python.sh $(PYTHONS_$(NEWEST_CORE))))" && \
	  echo "== venv: eda on $$("$$python" -V)" && \
	  rm -rf $(@D) && "$$python" -m venv $(@D) && \
	  $(@D)/bin/pip install $(PIP_FLAGS) "ansible-core~=$(NEWEST_CORE).0" -r tests/requirements/eda.txt -r requirements.txt
	touch $@

.PHONY: eda
eda: $(EDA_VENV)/.ready $(LINK)
	@start=$$(date +%s); \
	  PATH="$(abspath $(EDA_VENV))/bin:$$PATH" $(EDA_VENV)/bin/python -m pytest $(PYTEST_FLAGS) --basetemp=.cache/pytest-eda tests/eda; \
	  echo "== eda: $(SPAN)"

# The docs site as HTML with antsibull-docs' Sphinx setup, from the checkout, in a venv of its own.
# Without a network the links to docs.ansible.com cannot resolve: Sphinx's warnings go to a file.
DOCS_VENV := .venv/docs
DOCS := .cache/docs

$(DOCS_VENV)/.ready: tests/requirements/docs.txt
	@python="$(or $(PYTHON_$(NEWEST_CORE)),$$(tests/utils/find_python.sh $(PYTHONS_$(NEWEST_CORE))))" && \
	  echo "== venv: docs on $$("$$python" -V)" && \
	  rm -rf $(@D) && "$$python" -m venv $(@D) && \
	  $(@D)/bin/pip install $(PIP_FLAGS) "ansible-core~=$(NEWEST_CORE).0" -r tests/requirements/docs.txt
	touch $@

docs: $(DOCS_VENV)/.ready $(LINK)
	@rm -rf $(DOCS) && mkdir -p -m 700 $(DOCS) && \
	  export PATH="$(abspath $(DOCS_VENV))/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) && \
	  antsibull-docs sphinx-init --use-current --dest-dir $(DOCS) --project leaseweb.dedicated \
	    --title "leaseweb.dedicated" --html-short-title "leaseweb.dedicated" leaseweb.dedicated > /dev/null && \
	  cd $(DOCS) && chmod og-w rst && \
	  antsibull-docs --config-file antsibull-docs.cfg collection --cleanup everything --use-current \
	    --dest-dir rst leaseweb.dedicated > antsibull-docs.log && \
	  sphinx-build -M html rst build -c . --keep-going -q -w warnings.txt 2> sphinx.log && \
	  echo "== docs: $(DOCS)/build/html/index.html ($$(grep -c WARNING warnings.txt || true) warnings in $(DOCS)/warnings.txt)"

clean:
	rm -rf .venv .cache tests/output
