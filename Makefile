# Two commands: `make lab` (set up, open JupyterLab on the first lesson) and `make test`.
# Setup is one virtual environment in .venv, rebuilt only when the pins change.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; the course machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
FIRST_LESSON := notebooks/00_start_here.ipynb
# The browser files of the static site and slides (widget manager, require.js, reveal.js,
# MathJax) and the accessibility checker (axe-core): npm packages, pinned by package-lock.json.
NODE_STAMP := node_modules/.installed
# What a build needs first; `make ... SETUP=` builds with an existing PY instead (a copy of the
# repository has no virtualenv of its own: see notebooks-check).
SETUP ?= $(STAMP)

.PHONY: setup lab test bench notebooks notebooks-check release release-check handout clean site \
	slides node_modules

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(PY) -m tipcourse setup-lab
	touch $(STAMP)

node_modules: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# Rooted at the repo (so exercises/ and data/ are in the file browser), opening the first lesson.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(if $(wildcard $(FIRST_LESSON)),$(FIRST_LESSON),notebooks)

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest

site: $(STAMP) $(NODE_STAMP)
	$(PY) -m tipcourse site --out build/site

slides: $(STAMP) $(NODE_STAMP)
	$(PY) -m tipcourse slides --out build/slides

bench: $(STAMP)
	$(PY) -m tipcourse bench

# Authors edit the .md; these build the .ipynb from it: synced (jupytext), executed in place,
# normalised, so that an unchanged notebook gives the same bytes.
notebooks: $(SETUP)
	$(PY) -m tipcourse notebooks notebooks

# The solutions first (synced, executed), then the student copies and keys written from them.
release: $(SETUP)
	$(PY) -m tipcourse notebooks solutions
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
