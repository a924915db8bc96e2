"""Fuzzing `advisor check` (hypothesis): whatever is on stdin, exit 0 with a verdict or exit 2 with a
message (naming the field in --json), never a traceback.

The command runs in process (`bot.cli.main`) with stdin and stdout replaced, so that 10,000
examples (when CI is set; FUZZ_EXAMPLES, default 200, otherwise) take seconds, not hours.
"""
from __future__ import annotations

import contextlib
import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main

EXAMPLES = 10_000 if os.environ.get("CI") else int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10**40, 10**40),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
                    st.sampled_from(["manufacturing", "台中市", "高雄市", "public", "2026-03-01", "2021-01-01",
                                     "9999-12-31", "三萬三", "3萬8", ""]))
anything = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                        max_leaves=10)
COMPANY = ["industry", "employees", "paid_in_capital", "migrant_allocation", "migrant_workers", "midlevel_workers",
           "foreign_professionals", "region"]
WORKER = ["continuous_years", "occupation_group", "monthly_wage", "annual_wage", "training_hours"]
TRAINING = ["class_type", "special_status", "cost"]


def section(keys):
    return st.dictionaries(st.sampled_from(keys), scalars, max_size=len(keys))


facts = st.fixed_dictionaries(
    {"topic": st.one_of(st.sampled_from(["midlevel", "training", "grants", "pension"]), scalars)},
    optional={"as_of": scalars, "company": st.one_of(section(COMPANY), anything),
              "worker": st.one_of(section(WORKER), anything), "training": st.one_of(section(TRAINING), anything),
              "extra": anything})
stdin_bytes = st.one_of(
    facts.map(lambda f: json.dumps(f).encode()),
    facts.map(lambda f: json.dumps(f).encode()),
    anything.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=64),
    st.integers(1, 3_000).map(lambda n: b'{"topic": "midlevel", "company": {"employees": ' + b"[" * n + b"]" * n + b"}}"),
    st.integers(1, 6_000).map(lambda n: b'{"topic": "midlevel", "worker": {"monthly_wage": ' + b"9" * n + b"}}"),
    st.sampled_from([b'{"topic": "midlevel", "worker": {"monthly_wage": NaN}}',
                     b'{"topic": "midlevel", "company": {"region": "\\udc80"}}', b"Infinity", b"", b"  ", b"\xef\xbb\xbf{}"]),
)


def check(data: bytes, *args: str) -> tuple[int, str, str]:
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    real_stdin = os.sys.stdin
    try:
        os.sys.stdin = stdin
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", *args])
    finally:
        os.sys.stdin = real_stdin
    return code, out.getvalue(), err.getvalue()


@FUZZ
@given(data=stdin_bytes, lang=st.sampled_from(["zh-TW", "en"]), as_json=st.booleans())
def test_fuzz_advisor_check_exits_0_or_2_never_a_traceback(data, lang, as_json):
    code, out, err = check(data, "--lang", lang, *(["--json"] if as_json else []))
    assert code in (0, 2), (code, data[:200], err[-300:])
    if code == 2:
        assert err.strip()  # a message, in the chosen language
        if as_json:
            assert set(json.loads(out)["error"]) == {"field", "message"}
    elif as_json:
        assert json.loads(out)["status"]
