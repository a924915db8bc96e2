"""`rasa` with the advisor's server tuning: `python -m bot.rasa_server run --model … [rasa's options]`.

What it changes, measured with bench/scale/profile.py (py-spy on the Rasa server):
- Rasa 3.6 checks every action server response with `jsonschema.validate(result, schema)`, which
  first checks the schema itself against the JSON Schema metaschema, on every call: about 37 % of
  the Rasa server's time in an interview (an action call is made two to three times per message).
  Here the validator is built and checked once, and each response is still validated against the
  same schema, raising the same error with the same message when it does not conform.

- Rasa sends the action server the whole tracker, every event of the conversation (about 80 KB after
  fifteen turns, most of it parse data and the bot's texts), and the domain, on every call; then both
  sides serialise and parse it. The actions read the slots, the latest message, and the order in which
  facts were set (`actions.form.state_of`), so the call carries the tracker's state with its applied slot
  events only (`lean_tracker_state`), and the domain only to an action that asks for it
  (`enable_selective_domain` in endpoints.yml, `send_domain` in domain.yml). Rasa would send it to every
  `validate_…` action regardless; ours (`validate_advisor_form`) replaces the SDK's `run` and reads none
  (READS_NO_DOMAIN). An action that needs other events must be given them here.

- A fresh server's first messages were slow (lingua built its Latin detector on the first Latin
  message: 370 ms; the first parse another 100 ms). The model parses bot/dialogue/rehearsal.py's
  messages once when it is loaded, before the port opens; no tracker, store or action is touched.

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


# Form validation actions whose `run` reads no domain (Rasa sends it to every `validate_…` action).
READS_NO_DOMAIN = {"validate_advisor_form"}


def lean_tracker_state(tracker: Any) -> Dict[Text, Any]:
    """The tracker as an action reads it: its state with the slot events since the last restart."""
    from rasa.shared.core.events import SlotSet

    state = tracker.current_state()  # no events
    state["events"] = [event.as_dict() for event in tracker.applied_events() if isinstance(event, SlotSet)]
    return state


def _lean_action_call() -> None:
    import rasa
    from rasa.core.actions import action as rasa_action

    def _action_call_format(self: Any, tracker: Any, domain: Any) -> Dict[Text, Any]:
        result = {"next_action": self._name, "sender_id": tracker.sender_id,
                  "tracker": lean_tracker_state(tracker), "version": rasa.__version__}
        needs = domain.does_custom_action_explicitly_need_domain(self.name()) and self.name() not in READS_NO_DOMAIN
        if not self._is_selective_domain_enabled() or needs:
            result["domain"] = domain.as_dict()
        return result

    rasa_action.RemoteAction._action_call_format = _action_call_format


REHEARSAL_LIMIT_S = 15.0


def _parse_once_on_load() -> None:
    import logging
    import time

    from rasa.core import run as rasa_run

    from bot.dialogue.rehearsal import MESSAGES

    load = rasa_run.load_agent_on_start
    logger = logging.getLogger(__name__)

    async def load_agent_on_start(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        started = time.monotonic()
        try:
            for message in MESSAGES:
                if time.monotonic() - started > REHEARSAL_LIMIT_S:
                    break  # never hold the port closed for long: the rest is paid by the first users
                await agent.parse_message(message)
            logger.info("parsed the rehearsal messages in %.2f s", time.monotonic() - started)
        except Exception:  # noqa: BLE001 — a failed rehearsal only leaves the first messages slower
            logger.exception("rehearsal parse failed")
        return agent

    rasa_run.load_agent_on_start = load_agent_on_start


def apply() -> None:
    """Installs the tuning in this process (before the server starts)."""
    _cached_action_result_validation()
    _lean_action_call()
    _parse_once_on_load()


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
