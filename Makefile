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

.PHONY: setup lab test bench release release-check clean site slides node_modules

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

release: $(STAMP)
	$(PY) -m tipcourse release

release-check: $(STAMP)
	$(PY) -m tipcourse release --check

clean:
	rm -rf $(VENV) node_modules build
