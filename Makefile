# One task runner: the README and CI call these targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
STORE ?= .casebrief
PORT ?= 8501
# The demo family's records end in mid-2018; "today" for the demo is fixed to match.
DEMO_TODAY ?= 2018-07-02

.PHONY: install run demo test bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml $(wildcard prompts/understanding/*.yaml)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -c 'from bot.understand.classify import main; main()'
	$(PY) -m ingest.onnx_model
	touch $(STAMP)

demo: install
	$(VENV)/bin/casebrief audit init --store $(STORE)
	$(VENV)/bin/casebrief ingest --store $(STORE) demo/cases
	$(VENV)/bin/casebrief ingest --learning --store $(STORE) demo/learning

# bot/ui/server.py loads and warms the engine before the server answers its first visitor.
run: demo
	CASEBRIEF_STORE=$(STORE) CASEBRIEF_TODAY=$(DEMO_TODAY) $(VENV)/bin/streamlit run bot/ui/server.py \
		--server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: install
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: install
	$(PY) -m eval.bench_ingest

clean:
	rm -rf $(VENV) $(STORE)

eval: install
	$(VENV)/bin/casebrief audit init --store $(STORE)-eval
	$(VENV)/bin/casebrief eval --store $(STORE)-eval
