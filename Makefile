# The two commands of the README: `make start` and `make test`. Both build .venv first when needed,
# and train the model only when its data changed.
.PHONY: start test console bench nlu-eval clean

VENV := .venv
INSTALLED := $(VENV)/.installed
MODEL := models/advisor.tar.gz
MODEL_INPUTS := domain.yml config.yml $(shell find data bot/nlu -type f -not -name '*.pyc' 2>/dev/null)
RASA := RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 TQDM_MININTERVAL=30 $(VENV)/bin/rasa

$(INSTALLED): pyproject.toml scripts/bootstrap
	scripts/bootstrap

$(MODEL): $(INSTALLED) $(MODEL_INPUTS)
	$(RASA) train --fixed-model-name advisor --out models
	touch $(MODEL)

start: $(MODEL)
	$(VENV)/bin/advisor serve

test: $(MODEL)
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

nlu-eval: $(MODEL)
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out var/nlu_results
	$(VENV)/bin/python bench/nlu_scores.py var/nlu_results
	$(VENV)/bin/python bench/nlu_languages.py $(MODEL)

clean:
	rm -rf $(VENV) build *.egg-info models var
