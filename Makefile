# Two commands: `make lab` (set up, open JupyterLab on the first lesson) and `make test`.
# Setup is one virtual environment in .venv, rebuilt only when the pins or the interpreter change.
, := ,

# The interpreter of .venv: PYTHON if given (it must be 3.11, 3.12 or 3.13); else the version
# of the existing .venv; else the first of those versions on PATH (tools/find-python).
PYTHON ?= python3
VENV := .venv
EXPLICIT := $(filter command line environment,$(origin PYTHON))
VERSION_OF = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV_PYVER := $(if $(EXPLICIT),,$(if $(shell sh tools/find-python $(VENV)/bin/python),$(call VERSION_OF,$(VENV)/bin/python)))
PYTHON_FOUND := $(shell sh tools/find-python $(if $(EXPLICIT),$(PYTHON),$(if $(VENV_PYVER),python$(VENV_PYVER))) || { [ -z "$(EXPLICIT)" ] && sh tools/find-python; })
PYVER := $(or $(VENV_PYVER),$(if $(PYTHON_FOUND),$(call VERSION_OF,$(PYTHON_FOUND))))
NO_PYTHON := $(if $(EXPLICIT),$(PYTHON) is not Python 3.11$(,) 3.12 or 3.13,No Python 3.11$(,) 3.12 or 3.13 was found on PATH). Install one (Ubuntu or WSL: sudo apt install python3 python3-venv; macOS: brew install python@3.13; Windows: use WSL)$(,) then run make again$(,) or name it: make lab PYTHON=python3.12
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Which interpreter made .venv: a venv made by another one (say 3.12, then PYTHON=python3.11)
# is removed and made again, never reused.
VENV_MARK := $(VENV)/.made-by-python$(PYVER)
# JupyterLab refuses to run as root unless told; the course machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
FIRST_LESSON := notebooks/00_start_here.ipynb
# The browser files of the static site and slides (widget manager, require.js, reveal.js,
# MathJax) and the accessibility checker (axe-core): npm packages, pinned by package-lock.json.
NODE_STAMP := node_modules/.installed
# What a build needs first; `make ... SETUP=` builds with an existing PY instead (a copy of the
# repository has no virtualenv of its own: see notebooks-check).
SETUP ?= $(STAMP)

.PHONY: translate lab-id setup lab test bench notebooks notebooks-check release release-check handout clean site \
	slides node_modules wheels-check hub-test

setup: $(STAMP)

$(VENV_MARK):
	@test -n "$(PYTHON_FOUND)" || { echo "$(NO_PYTHON)." >&2; exit 1; }
	@if [ -d $(VENV) ]; then echo "Making $(VENV) again with Python $(PYVER) ($(PYTHON_FOUND))."; fi
	rm -rf $(VENV)
	$(PYTHON_FOUND) -m venv $(VENV) || { echo "Python $(PYVER) cannot make a virtual environment: install its venv module (Ubuntu or WSL: sudo apt install python$(PYVER)-venv) and run make again." >&2; rm -rf $(VENV); exit 1; }
	touch $@

$(STAMP): pyproject.toml constraints.txt $(VENV_MARK)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,site]'
	$(PY) -m tipcourse setup-lab
	@# validate the data package once, so lessons load it without importing the validator, and
	@# write matplotlib's font list (0.3 s), so the first lesson that plots does not
	-@$(PY) -c 'from tipcourse import data; data.validate_all(); import matplotlib.font_manager'
	touch $(STAMP)

node_modules: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# Rooted at the repo (so exercises/ and data/ are in the file browser), opening the first lesson.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(if $(wildcard $(FIRST_LESSON)),$(FIRST_LESSON),notebooks)

# The Indonesian edition: the same JupyterLab, its menus in Indonesian (the pinned language pack;
# Settings > Language), opening the Indonesian lesson 00.
lab-id: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.user_settings_dir="$$($(PY) -c 'from tipcourse.authoring import labsetup; print(labsetup.write_language_settings())')" \
		--LabApp.default_url=/lab/tree/notebooks/id/00_start_here.ipynb

# The browser tests need a Chromium: tools/ensure-browser finds one, or installs one where it
# can, or stops here with one line saying what to run.
test: $(STAMP) $(NODE_STAMP)
	@chromium="$$(PY=$(PY) sh tools/ensure-browser)" && \
	  TIPCOURSE_CHROMIUM="$$chromium" $(PY) -m pytest

# A class on a real JupyterHub (tests/hub/, docs/HUB.md): the pinned hub and
# configurable-http-proxy on loopback, two students in Chromium pull the handout with
# nbgitpuller, submit, a server restarts, the lecturer collects and grades. Two to five minutes,
# so it is its own step (after `make test` in .ci/run). The hub extra is installed once.
hub-test: $(STAMP) $(NODE_STAMP)
	@if [ ! -f $(VENV)/.hub-installed ] || [ pyproject.toml -nt $(VENV)/.hub-installed ] || \
	  [ constraints.txt -nt $(VENV)/.hub-installed ]; then \
	  $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,site,hub]' && \
	  touch $(VENV)/.hub-installed; fi
	@chromium="$$(PY=$(PY) sh tools/ensure-browser)" && \
	  TIPCOURSE_HUB_TEST=1 TIPCOURSE_CHROMIUM="$$chromium" $(PY) -m pytest tests/hub

# The reading copy (build/site/, offline): Sphinx with myst-nb and sphinx-book-theme, from the
# committed notebooks, nothing executed (tipcourse/publish/site.py); the Indonesian edition in
# build/site/id/.
site: $(STAMP) $(NODE_STAMP)
	$(PY) -m tipcourse site --out build/site

# A seminar deck per lesson (build/slides/NN_x.slides.html, reveal.js beside it, offline), made
# from the lesson notebook, its question bank and its lesson plan in a few seconds; S opens
# the speaker view with the plan's notes. The Indonesian decks are in build/slides/id/.
slides: $(STAMP) $(NODE_STAMP)
	$(PY) -m tipcourse slides --out build/slides

bench: $(STAMP)
	$(PY) -m tipcourse bench

# Authors edit the .md; these build the .ipynb from it: synced (jupytext), executed in place,
# normalised, so that an unchanged notebook gives the same bytes.
notebooks: $(SETUP)
	$(PY) -m tipcourse notebooks notebooks notebooks/id

# The Indonesian edition (docs/TRANSLATING.md): the catalogues in locale/id/ and
# tipcourse/locale/ brought in step with the English, then the Indonesian sources written from
# them (notebooks/id, solutions/id, banks/id, lesson plans) and the interface's .mo compiled.
# Then `make notebooks release` executes them.
translate: $(SETUP)
	$(PY) -m tipcourse translate --update

# The solutions first (synced, executed), then the student copies and keys written from them.
release: $(SETUP)
	$(PY) -m tipcourse notebooks solutions solutions/id
	$(PY) -m tipcourse release

# `make notebooks release` on a clean clone changes nothing: checked in a temporary copy of the
# tracked files (the repository is not written), naming each file the build would change.
notebooks-check: $(SETUP)
	$(PY) -m tipcourse notebooks --rebuild-check

release-check: $(STAMP)
	$(PY) -m tipcourse release --check

# The student edition in build/: a folder (a git repository of one commit) and a zip, no keys.
handout: $(STAMP)
	$(PY) -m tipcourse handout --out build --overwrite

clean:
	rm -rf $(VENV) node_modules build

# Every pin has a wheel for each supported Python (3.11.0-3.13) on this platform, so a laptop's
# Python installs without compiling: a download dry run (needs the network; not part of make
# test, which runs offline).
wheels-check: $(STAMP)
	@for v in 3.11.0 3.12.0 3.13.0; do \
	  dir=$$(mktemp -d); \
	  $(PY) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
	    --python-version $$v --dest "$$dir" -r constraints.txt >/dev/null || { rm -rf "$$dir"; echo "Python $$v: a pin has no wheel (see above)"; exit 1; }; \
	  echo "Python $$v: a wheel for each of $$(ls "$$dir" | wc -l) pins"; rm -rf "$$dir"; \
	done
