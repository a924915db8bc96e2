"""The `advisor` command: check (facts as JSON on stdin), interview, serve, console, staff, purge.

Bad input never shows a traceback: it exits 2 with a message naming the field, in the chosen language.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot import strict_json
from bot.dialogue.render import render_verdict
from bot.i18n import LANGS, text
from bot.rules import FactError, check

EXIT_BAD_INPUT = 2


def _fail(message: str, field: str | None, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"error": {"field": field, "message": message}}, ensure_ascii=False))
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def _read_facts(data: bytes, lang: str, as_json: bool):
    """(facts, None), or (None, exit code) once the refusal is printed: never a traceback."""
    try:
        raw_text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8", "replace")
        line, column = before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1
        return None, _fail(text("error.json", lang, {"line": line, "column": column, "detail": "not UTF-8"}),
                           None, as_json)
    if not raw_text.strip():
        return None, _fail(text("error.empty", lang), None, as_json)
    try:
        return strict_json.loads(raw_text), None
    except strict_json.Refused as exc:  # too deep, an endless integer, NaN, a lone surrogate
        return None, _fail(text("error.invalid", lang, {"field": exc.field}), exc.field, as_json)
    except json.JSONDecodeError as exc:
        return None, _fail(text("error.json", lang, {"line": exc.lineno, "column": exc.colno, "detail": exc.msg}),
                           None, as_json)


def cmd_check(args: argparse.Namespace) -> int:
    raw, failed = _read_facts(sys.stdin.buffer.read(), args.lang, args.json)
    if failed is not None:
        return failed
    try:
        verdict = check(raw, lang=args.lang)
    except FactError as exc:
        return _fail(text(exc.reason, args.lang, exc.params), exc.field, args.json)
    if args.json:
        print(json.dumps(verdict, ensure_ascii=False, indent=2))
    else:
        print(render_verdict(verdict))
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    from bot.dialogue.terminal import run

    def ask(prompt: str) -> str:
        try:
            return input(f"\n{prompt}\n> ")
        except EOFError:
            return "quit"

    run(ask, print, lang=args.lang)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The advisor's servers (bot.serve): unattended unless --chat; stops cleanly on SIGTERM."""
    from bot.serve import cmd_serve as serve

    return serve(args)

def cmd_console(args: argparse.Namespace) -> int:
    """The staff console on its own port (the public chat endpoints stay on Rasa's)."""
    from aiohttp import web

    from bot.console.app import make_app
    from bot.store import staff
    from bot.store.db import default_url

    if not staff.has_users():
        print("no staff account yet: add one with `advisor staff add <username>`", file=sys.stderr)
    print(f"staff console on http://{args.host}:{args.port}/ (log: {default_url()})", flush=True)
    web.run_app(make_app(secure_cookie=args.secure_cookie), host=args.host, port=args.port, print=None)
    return 0


def cmd_staff(args: argparse.Namespace) -> int:
    """Adds a staff account or changes its password (read without echo, or from stdin); disables or
    enables one. A name that could never sign in, or a password of spaces, is refused (exit 2)."""
    import getpass

    from bot.store import staff

    if args.action in ("disable", "enable"):
        try:
            staff.set_disabled(staff.check_username(args.username), args.action == "disable")
        except staff.BadUsername as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except staff.UnknownUser:
            print(f"error: no staff account {args.username!r}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"staff account {args.username!r} {args.action}d")
        return 0
    try:
        username = staff.check_username(args.username)
    except staff.BadUsername as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else getpass.getpass("password: ")
    try:
        staff.set_password(username, password, role="admin" if args.admin else None)
    except staff.WeakPassword as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"staff account {username!r} saved" + (" (admin)" if args.admin else ""))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Deletes consultation rows and conversations older than the retention period."""
    from bot.serve import tracker_url
    from bot.store.retention import purge, retention_days

    days = args.days if args.days is not None else retention_days()
    rows, events = purge(days, tracker_url=tracker_url())
    print(f"purged {rows} consultation rows and {events} conversation events older than {days} days")
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    """The fact registry's derived files: domain.yml's fact parts and the input schema."""
    from bot.dialogue import domain_facts

    domain = Path(args.domain)
    if args.write:
        for path in domain_facts.write(domain):
            print(f"rewrote {path}")
        return 0
    stale = domain_facts.drift(domain)
    for path in stale:
        print(f"{path} differs from bot/rules/facts.yaml: run `advisor facts --write`", file=sys.stderr)
    return 1 if stale else 0


def cmd_understand(args: argparse.Namespace) -> int:
    """What the advisor understands from each message (JSON lines in, JSON lines out)."""
    from bot.understand import rasa_parser, run

    return run(sys.stdin, sys.stdout, rasa_parser(Path(args.model)) if args.model else rasa_parser())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="advisor", description="企業資源小幫手 Resource Advisor")
    sub = parser.add_subparsers(dest="command", required=True)
    check_p = sub.add_parser("check", help="evaluate facts given as JSON on stdin")
    check_p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    check_p.add_argument("--lang", choices=LANGS, default="zh-TW")
    check_p.set_defaults(func=cmd_check)
    interview_p = sub.add_parser("interview", help="answer questions in the terminal, one at a time")
    interview_p.add_argument("--lang", choices=LANGS, default="zh-TW")
    interview_p.set_defaults(func=cmd_interview)
    serve_p = sub.add_parser("serve", help="run the advisor's servers (unattended; --chat for a terminal chat)")
    from bot.serve import add_arguments
    add_arguments(serve_p)
    serve_p.set_defaults(func=cmd_serve)
    console_p = sub.add_parser("console", help="start the hotline staff console (a web page)")
    console_p.add_argument("--host", default="127.0.0.1")
    console_p.add_argument("--port", type=int, default=8080)
    console_p.add_argument("--secure-cookie", action="store_true", help="behind HTTPS: send the cookie only over it")
    console_p.set_defaults(func=cmd_console)
    staff_p = sub.add_parser("staff", help="manage staff accounts for the console")
    staff_sub = staff_p.add_subparsers(dest="action", required=True)
    add_p = staff_sub.add_parser("add", help="add an account, or change its password")
    add_p.add_argument("username")
    add_p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add_p.add_argument("--admin", action="store_true", help="may add and disable staff and read the audit log")
    add_p.set_defaults(func=cmd_staff)
    for action, what in (("disable", "disable an account (its sessions end at once)"),
                         ("enable", "enable a disabled account again")):
        toggle_p = staff_sub.add_parser(action, help=what)
        toggle_p.add_argument("username")
        toggle_p.set_defaults(func=cmd_staff)
    facts_p = sub.add_parser("facts", help="check (or --write) the files derived from the fact registry")
    facts_p.add_argument("--write", action="store_true", help="rewrite domain.yml's fact parts and the schema")
    facts_p.add_argument("--domain", default="domain.yml")
    facts_p.set_defaults(func=cmd_facts)
    understand_p = sub.add_parser("understand", help="what each message means: JSON lines in, JSON lines out")
    understand_p.add_argument("--jsonl", action="store_true", required=True, help="one JSON object per line")
    understand_p.add_argument("--model", help="the trained model (default models/advisor.tar.gz)")
    understand_p.set_defaults(func=cmd_understand)
    purge_p = sub.add_parser("purge", help="delete consultation rows and conversations past the retention period")
    purge_p.add_argument("--days", type=int, help="override ADVISOR_RETENTION_DAYS / settings.yaml")
    purge_p.set_defaults(func=cmd_purge)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
