"""Which grant programs fit a company (deck 參): SME test, then industry, size and what it develops.

Unlike mid-level eligibility, the question here is "which programs fit", so the status is
``eligible`` when at least one program fits, ``not_eligible`` when none can, and
``need_more_info`` otherwise. Each program is one condition.
"""
from __future__ import annotations

from .facts import Facts
from .midlevel import View
from .parameters import Parameters
from .result import ELIGIBLE, NEED_MORE_INFO, NOT_ELIGIBLE, Condition, Message, Verdict, WhatIf, any_of, merge_missing

PROGRAMS = ("a_plus", "tiip", "citd", "siir", "sbir", "local_sbir", "digital_plus", "upgrade_transformation")


def sme(f: Facts, v: View) -> Condition:
    """中小企業認定標準 §2: paid-in capital ≤ NT$100M, or fewer than 200 regular employees."""
    capital_p, employees_p = v("grants.sme.paid_in_capital_max"), v("grants.sme.employees_below")
    c = f.company
    by_capital = None if c.paid_in_capital is None else c.paid_in_capital <= capital_p.value
    by_staff = None if c.employees is None else c.employees < employees_p.value
    passed = any_of([by_capital, by_staff])
    missing = () if passed is not None else tuple(
        k for k, val in (("company.employees", by_staff), ("company.paid_in_capital", by_capital)) if val is None)
    key = {True: "grants.sme.pass", False: "grants.sme.fail", None: "grants.sme.unknown"}[passed]
    params = {"capital_max": capital_p.value, "employees_below": employees_p.value,
              "capital": c.paid_in_capital, "employees": c.employees}
    actual = {k: val for k, val in (("employees", c.employees), ("paid_in_capital", c.paid_in_capital)) if val is not None}
    return Condition("sme", passed, actual, {"paid_in_capital": capital_p.value, "employees_below": employees_p.value},
                     Message(key, params), (capital_p, employees_p), missing)


def program_fit(pid: str, f: Facts, v: View, is_sme: Condition) -> Condition:
    """One program: does its industry, size and development target fit the company?"""
    prog = v(f"grants.programs.{pid}")
    spec = prog.value
    c, target = f.company, f.project.target
    checks: dict[str, bool | None] = {}
    missing: list[str] = []
    if spec["industries"] is not None:
        checks["industry"] = None if c.industry is None else c.industry in spec["industries"]
        if c.industry is None:
            missing.append("company.industry")
    checks["target"] = None if target is None else target in spec["targets"]
    if target is None:
        missing.append("project.target")
    if spec["sme_only"]:
        checks["sme"] = is_sme.passed
        if is_sme.passed is None:
            missing += is_sme.missing
    if spec["regions"] is not None:
        checks["region"] = None if c.region is None else c.region in spec["regions"]
        if c.region is None:
            missing.append("company.region")

    rounds = open_round(spec, f.as_of)
    if rounds is not None:
        checks["open"] = rounds["open"]
    if any(val is False for val in checks.values()):
        passed, missing = False, []
        failed = next(k for k, val in checks.items() if val is False)
        key = "grants.program.fail_closed" if failed == "open" else f"grants.program.fail_{failed}"
    elif all(val is True for val in checks.values()):
        passed, key = True, "grants.program.pass"
    else:
        passed, key = None, "grants.program.unknown"
    used = (prog, is_sme.used[0], is_sme.used[1]) if spec["sme_only"] else (prog,)
    params = {"program": pid, "targets": spec["targets"], "industries": spec["industries"] or []}
    if rounds is not None:
        params["closed"] = rounds["closes"]
    return Condition(pid, passed, {k: val for k, val in checks.items() if val is not None},
                     {"industries": spec["industries"], "targets": spec["targets"], "sme_only": spec["sme_only"]},
                     Message(key, params), used, tuple(missing))


def open_round(spec: dict, as_of) -> dict | None:
    """For a program run in rounds: whether a round is open on ``as_of`` and when it closes (or closed)."""
    if not spec.get("rounds"):
        return None
    for r in sorted(spec["rounds"], key=lambda r: r["closes"]):
        if (r.get("opens") is None or r["opens"] <= as_of.isoformat()) and as_of.isoformat() <= r["closes"]:
            return {"open": True, "closes": r["closes"]}
    last = max(r["closes"] for r in spec["rounds"])
    return {"open": False, "closes": last}


def ceilings(spec: dict, f: Facts) -> dict[str, int] | None:
    """The ceiling tiers that can apply to this company (by headcount and target), in NT$."""
    employees, target = f.company.employees, f.project.target
    out = {}
    for tier in spec["ceilings"]:
        if employees is not None and ("min_employees" in tier and employees < tier["min_employees"]
                                      or "max_employees" in tier and employees > tier["max_employees"]):
            continue
        if target is not None and "targets" in tier and target not in tier["targets"]:
            continue
        out[tier["key"]] = tier["amount"]
    return out or None


def evaluate(f: Facts, params: Parameters) -> Verdict:
    v = View(params, f.as_of)
    is_sme = sme(f, v)
    program_conditions = [program_fit(pid, f, v, is_sme) for pid in PROGRAMS]
    fits = [c.passed for c in program_conditions]
    status = ELIGIBLE if True in fits else NOT_ELIGIBLE if all(p is False for p in fits) else NEED_MORE_INFO

    programs = []
    listed = []
    contacts: list[str] = []
    for cond in sorted(program_conditions, key=lambda c: c.passed is not True):
        if cond.passed is False:
            continue
        prog = v(f"grants.programs.{cond.id}")
        spec = prog.value
        listed.append(prog)
        rounds = open_round(spec, f.as_of)
        programs.append({"id": cond.id, "fit": cond.passed, "owner": spec["owner"], "ceiling": ceilings(spec, f),
                         "closes": rounds["closes"] if rounds else None,
                         "status": prog.status, "unconfirmed": prog.unconfirmed, "url": spec["url"],
                         "sources": [s.to_dict() for s in prog.sources]})
        contact = spec.get("contact")
        if contact and f.company.region in params.contacts[contact].get("regions", ()):
            contacts.append(contact)

    small_scale = v("grants.sme.small_scale_employees_below")
    notes = []
    if f.company.employees is not None and f.company.employees < small_scale.value:
        notes.append(Message("note.small_scale", {"below": small_scale.value}))
    what_if = []
    if is_sme.passed is False:
        what_if.append(WhatIf("company.employees", is_sme.threshold["employees_below"] - 1,
                              Message("whatif.sme", {"below": is_sme.threshold["employees_below"],
                                                     "capital": is_sme.threshold["paid_in_capital"]})))
    share = v("grants.government_share_below")
    return Verdict(
        topic="grants", as_of=f.as_of, status=status, conditions=[is_sme, *program_conditions],
        missing=merge_missing(*(c.missing for c in program_conditions)), what_if=what_if,
        details={"sme": is_sme.passed, "programs": programs,
                 "government_share_below": share.value},
        notes=notes,
        next_steps=[Message("next.grants.read_call") if programs else Message("next.grants.none"), Message("next.confirm")]
        if status != NEED_MORE_INFO else [Message("next.answer_missing")],
        contacts=contacts, used=(share, small_scale), rests_on=(share, *is_sme.used, *listed),
    )
