# make run   - create .venv, install, run the bot (console chat without TELEGRAM_BOT_TOKEN)
# make test  - create .venv, install, lint and run the whole test suite
# make bench - run the benchmarks under bench/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sgbot run

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench training
	$(BIN)/ruff format --check bot tests bench training

check: $(STAMP)
	$(BIN)/sgbot kb check knowledge

test: $(STAMP) lint check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/answer_latency.py
	$(BIN)/python bench/long_messages.py
	$(BIN)/python bench/danger_recall.py
	$(BIN)/python bench/reminder_fanout.py
	$(BIN)/python bench/instances.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
