"""The action server (rasa_sdk's app with the project's actions), bound to loopback and guarded.

    python -m bot.action_server [--host 127.0.0.1] [--port 5055] [--actions actions]

- It listens on 127.0.0.1 unless told otherwise (`--host` or ADVISOR_ACTION_HOST).
- With ADVISOR_ACTION_TOKEN set, every route but `/health` needs the header
  `X-Advisor-Action-Token: <token>` (compared in constant time); without it the request gets 401
  and never reaches an action. Rasa sends the header: `endpoints.yml` sets it from the same variable.
- ADVISOR_ACTION_TIMING=1 logs each call's action name and duration (for bench/scale/profile.py).
- On any other interface than loopback it refuses to start without a token (exit 2): an action
  server open to the network lets anyone write consultation rows and read the action list.
"""
from __future__ import annotations

import argparse
import hmac
import ipaddress
import logging
import os
import sys
import threading
import time

TOKEN_HEADER = "X-Advisor-Action-Token"
OPEN_PATHS = frozenset({"/health"})
EXIT_REFUSED = 2
logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def authorised(presented: str | None, token: str) -> bool:
    return presented is not None and hmac.compare_digest(presented.encode(), token.encode())


def warm_up() -> threading.Thread:
    """Builds what the first calls would otherwise build while a user waits (the extractor's spaCy
    pipeline took 1.6 s on the first form validation after each start; the first step and verdict in
    each language another 0.3 s): see bot/dialogue/rehearsal.py. In a thread beside the server, so
    that a restarted action server answers its health check as soon as it listens, whatever the
    rehearsal does."""
    from bot.dialogue.rehearsal import rehearse_safely

    thread = threading.Thread(target=rehearse_safely, name="rehearsal", daemon=True)
    thread.start()
    return thread


def make_app(token: str | None, actions: str = "actions"):
    """rasa_sdk's app with the token check in front of every route but /health."""
    from rasa_sdk.endpoint import create_app
    from sanic import response

    app = create_app(actions, cors_origins=None)

    if token:
        @app.middleware("request")
        async def require_token(request):  # noqa: ANN001 — Sanic's request
            if request.path in OPEN_PATHS:
                return None
            if not authorised(request.headers.get(TOKEN_HEADER), token):
                logger.warning("action server: request without a valid token refused (%s %s)",
                               request.method, request.path)
                return response.json({"error": "unauthorised"}, status=401)
            return None

    if os.environ.get("ADVISOR_ACTION_TIMING"):
        @app.middleware("request")
        async def timing_start(request):  # noqa: ANN001
            request.ctx.started = time.perf_counter()

        @app.middleware("response")
        async def timing_end(request, reply):  # noqa: ANN001
            started = getattr(request.ctx, "started", None)
            if started is not None and request.path == "/webhook":
                try:
                    call = request.json if isinstance(request.json, dict) else {}
                except Exception:  # noqa: BLE001 — a compressed body: the name stays unknown
                    call = {}
                logger.info("action_timing %s %.2f ms %d", call.get("next_action"),
                            (time.perf_counter() - started) * 1000, len(request.body))

    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.action_server")
    parser.add_argument("--host", default=os.environ.get("ADVISOR_ACTION_HOST") or "127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ADVISOR_ACTION_PORT") or 5055))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    token = os.environ.get("ADVISOR_ACTION_TOKEN") or None
    from bot import logjson

    logjson.setup()
    if not is_loopback(args.host) and not token:
        print(f"refusing to listen on {args.host} without ADVISOR_ACTION_TOKEN "
              "(set a shared secret, or listen on 127.0.0.1)", file=sys.stderr)
        return EXIT_REFUSED
    app = make_app(token, args.actions)
    warm_up()
    logger.info("action server on %s:%d (token %s)", args.host, args.port, "required" if token else "not set")
    app.run(args.host, args.port, workers=1, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
