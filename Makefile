# ballotlaw: `make demo` runs the main job, `make test` runs the tests. Both set up .venv by themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean fuzz messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== ballotlaw check: the 2021 Kyrgyz law as a rule file"
	$(BIN)/ballotlaw check rules/kg/jogorku-kenesh-2021.rules
	@echo
	@echo "== ballotlaw run: the official final figures of 28 November 2021 (list tier)"
	$(BIN)/ballotlaw run rules/kg/jogorku-kenesh-2021.rules data/kg/2021/results.csv
	@echo "== ballotlaw run: single-mandate tier on ILLUSTRATIVE counts (the November counts are not public)"
	$(BIN)/ballotlaw run rules/kg/jogorku-kenesh-2021.rules data/kg/2021/illustrative-districts.csv
	@echo "== ballotlaw validate: the CEC's preliminary display of 28 November 2021 (after its correction)"
	$(BIN)/ballotlaw validate rules/kg/jogorku-kenesh-2021.rules data/kg/2021/preliminary-display.csv
	@echo "== ballotlaw validate: a RECONSTRUCTION of the erroneous display shown earlier that evening (must be refused, exit 1)"
	$(BIN)/ballotlaw validate rules/kg/jogorku-kenesh-2021.rules data/kg/2021/reconstructed-erroneous-display.csv; \
	  status=$$?; test $$status -eq 1 || { echo "expected exit 1, got $$status"; exit 1; }
	@echo "== ballotlaw test: the examples written in the rule file"
	$(BIN)/ballotlaw test rules/kg/jogorku-kenesh-2021.rules
	@echo "== ballotlaw report: the outcome as people read it, a self-contained page in English and in Kyrgyz"
	@mkdir -p build/reports
	$(BIN)/ballotlaw report rules/kg/jogorku-kenesh-2021.rules data/kg/2021/results.csv --output build/reports/kg-2021-en.html
	$(BIN)/ballotlaw report rules/kg/jogorku-kenesh-2021.rules data/kg/2021/results.csv --output build/reports/kg-2021-ky.html --lang ky
	@echo "The reports are in build/reports/: open build/reports/kg-2021-en.html and build/reports/kg-2021-ky.html in a browser."

test: $(STAMP)
	$(BIN)/python -m pytest

messages: $(STAMP)
	$(BIN)/python -m ballotlaw.i18n.catalogs all
	$(BIN)/python -m ballotlaw.i18n.catalogs check

lint: $(STAMP)
	$(BIN)/ruff check engine tests
	$(BIN)/mypy engine/ballotlaw tests

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python bench/verify_speed.py
	$(BIN)/python bench/allocation_speed.py
	$(BIN)/python bench/validate_speed.py
	$(BIN)/python bench/run_speed.py
	$(BIN)/python bench/ranked_speed.py

# The fuzzers of tests/adversarial/ with a large budget: FUZZ_EXAMPLES inputs for each of the 8 fuzz tests
# (120,000 in all), new ones on every run. Takes tens of minutes; prints how many inputs were tried, and a
# failure shrunk to a small input with the way to reproduce it.
FUZZ_EXAMPLES ?= 15000

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore BALLOTLAW_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest \
	  -o faulthandler_timeout=0 tests/adversarial/test_fuzz_grammar.py tests/adversarial/test_fuzz_mutations.py
