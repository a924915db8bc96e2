"""`rasa` with the advisor's server tuning: `python -m bot.rasa_server run --model … [rasa's options]`.

What it changes, measured with bench/scale/profile.py (py-spy on the Rasa server):
- Rasa 3.6 checks every action server response with `jsonschema.validate(result, schema)`, which
  first checks the schema itself against the JSON Schema metaschema, on every call: about 37 % of
  the Rasa server's time in an interview (an action call is made two to three times per message).
  Here the validator is built and checked once, and each response is still validated against the
  same schema, raising the same error with the same message when it does not conform.

Everything else is `rasa` as installed (its arguments, logging, exit codes).
"""
from __future__ import annotations

import sys
from typing import Any, Dict, Text


def _cached_action_result_validation() -> None:
    import jsonschema
    from rasa.core.actions import action as rasa_action
    from rasa.shared.constants import DOCS_BASE_URL

    schema = rasa_action.RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
        error = jsonschema.exceptions.best_match(validator.iter_errors(result))  # as jsonschema.validate
        if error is None:
            return True
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    rasa_action.RemoteAction._validate_action_result = _validate_action_result


def apply() -> None:
    """Installs the tuning in this process (before the server starts)."""
    _cached_action_result_validation()


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
