# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: run test index nginx clean

run: $(VENV)/.runtime
	$(PY) -m searchsvc index --if-stale || [ $$? -eq 1 ]
	$(PY) -m gunicorn --config gunicorn.conf.py wsgi:app

test: $(VENV)/.dev
	$(PY) -m pytest

index: $(VENV)/.runtime
	$(PY) -m searchsvc index

# nginx in front of a gunicorn started with `SEARCHSVC_PROXY_HOPS=1 make run` (README: behind nginx)
nginx:
	mkdir -p run
	nginx -p "$(CURDIR)/" -c deploy/nginx.conf

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

clean:
	rm -rf $(VENV) index/gen-* index/current run
