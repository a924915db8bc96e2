# The two commands of the README: `make start` and `make test`. Both build .venv first when needed,
# and train the model only when its data changed.
.PHONY: start serve replicas test console bench bench-scale nlu-eval clean

VENV := .venv
INSTALLED := $(VENV)/.installed
MODEL := models/advisor.tar.gz
MODEL_INPUTS := domain.yml config.yml $(shell find data bot/nlu -type f -not -name '*.pyc' 2>/dev/null)
# endpoints.yml takes its addresses from the environment (see the file); these are the one-machine
# defaults for the rasa commands run here directly. `advisor serve` sets its own.
export ADVISOR_ACTION_URL ?= http://127.0.0.1:5055/webhook
export ADVISOR_ACTION_TOKEN ?=
export ADVISOR_TRACKER_URL ?= sqlite:///var/tracker.db
export ADVISOR_LOCK_STORE ?= in_memory
export ADVISOR_REDIS_HOST ?= 127.0.0.1
export ADVISOR_REDIS_PORT ?= 6379
export ADVISOR_REDIS_DB ?= 1
export ADVISOR_REDIS_PASSWORD ?=
RASA := RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 TQDM_MININTERVAL=30 $(VENV)/bin/rasa

$(INSTALLED): pyproject.toml scripts/bootstrap
	scripts/bootstrap

$(MODEL): $(INSTALLED) $(MODEL_INPUTS)
	$(RASA) train --fixed-model-name advisor --out models
	touch $(MODEL)

# The servers and a chat in the terminal (logs in var/).
start: $(MODEL)
	$(VENV)/bin/advisor serve --chat

# Unattended: no standard input, JSON log lines on stdout, SIGTERM stops everything.
serve: $(MODEL)
	$(VENV)/bin/advisor serve

# Replicas on loopback: RASA Rasa servers behind a round-robin front on 5005, ACTIONS action servers
# behind one on 5055; needs ADVISOR_TRACKER_URL=postgresql://… and a Redis (ADVISOR_REDIS_HOST/PORT).
RASA_REPLICAS ?= 2
ACTION_REPLICAS ?= 2
replicas: $(MODEL)
	ADVISOR_LOCK_STORE=bot.lock_store.ResilientRedisLockStore $(VENV)/bin/python -m bot.serve --rasa $(RASA_REPLICAS) --actions $(ACTION_REPLICAS)

test: $(MODEL)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/advisor facts
	$(RASA) data validate
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out var/story_results
	$(VENV)/bin/python -m pytest

# The hotline staff console (add an operator first: .venv/bin/advisor staff add <name>).
console: $(INSTALLED)
	$(VENV)/bin/advisor console

bench: $(MODEL)
	$(VENV)/bin/python bench/bench_midlevel.py
	$(VENV)/bin/python bench/bench_rest.py
	$(VENV)/bin/python bench/bench_console.py

# Scale-out: bare Rasa vs the advisor side by side, locust through two replicas, faults (bench/scale/).
bench-scale: $(MODEL)
	$(VENV)/bin/python bench/scale/run.py

nlu-eval: $(MODEL)
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out var/nlu_results
	$(VENV)/bin/python bench/nlu_scores.py var/nlu_results
	$(VENV)/bin/python bench/nlu_languages.py $(MODEL)

clean:
	rm -rf $(VENV) build *.egg-info models var
