# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development defaults; a real deployment sets its own environment (see README). Links in mails
# point at the port the server runs on, unless SITE_URL says otherwise.
DEV_ENV := DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test bench journeys install migrate demo lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py seed_demo

run: demo
	$(DEV_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Leerkring runs at http://127.0.0.1:$(PORT)/"
	@echo "Demo logins (password: leerkring-demo): projectleider, begeleider, begeleider2, staf"
	@echo ""
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Figures of pages and PDFs on the configured database (see tests/bench/__init__.py); under 10 minutes.
bench: install
	$(BIN)/python -m tests.bench

# Planning and recording in the browser at a person's pace (tests/bench/test_journeys.py); prints the times.
journeys: install
	JOURNEY_PACE=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest tests/bench/test_journeys.py -q -s -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: install
	cd $(CURDIR) && DEBUG=1 $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
