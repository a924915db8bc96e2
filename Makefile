# The two commands of the README: `make start` and `make test`. Both build .venv first when needed.
.PHONY: start test bench clean

VENV := .venv
INSTALLED := $(VENV)/.installed

$(INSTALLED): pyproject.toml scripts/bootstrap
	scripts/bootstrap

start: $(INSTALLED)
	$(VENV)/bin/advisor interview

test: $(INSTALLED)
	$(VENV)/bin/python -m pytest

bench: $(INSTALLED)
	$(VENV)/bin/python bench/bench_midlevel.py

clean:
	rm -rf $(VENV) build *.egg-info
