"""Converting a migrant worker (or hiring a Taiwan-graduated foreign student) as a mid-level skilled worker.

One function per legal condition (審查標準; deck 貳、二(四)–(七)). Each reads its thresholds from the
dated parameters and says what it used, so the verdict can cite every figure it rests on.
"""
from __future__ import annotations

import math
from fractions import Fraction

from .facts import Facts
from .parameters import ParamValue, Parameters
from .result import (Condition, Message, Verdict, WhatIf, any_of, at_least, merge_missing,
                     status_of, ELIGIBLE, NOT_ELIGIBLE)


class View:
    """The parameters in force on one date."""

    __slots__ = ("params", "as_of")

    def __init__(self, params: Parameters, as_of):
        self.params, self.as_of = params, as_of

    def __call__(self, name: str) -> ParamValue:
        return self.params.at(name, self.as_of)


def category_of(industry: str | None, v: View) -> tuple[str | None, ParamValue]:
    """industrial / institutional_care / home_care, or None when the industry is not covered."""
    cats = v("midlevel.categories")
    if industry is None:
        return None, cats
    for category, industries in cats.value.items():
        if industry in industries:
            return category, cats
    return None, cats


def industry(f: Facts, v: View) -> Condition:
    cat, used = category_of(f.company.industry, v)
    covered = sorted(i for group in used.value.values() for i in group)
    if f.company.industry is None:
        return Condition("industry", None, None, covered, Message("midlevel.industry.unknown"),
                         (used,), ("company.industry",))
    passed = cat is not None
    key = "midlevel.industry.pass" if passed else "midlevel.industry.fail"
    return Condition("industry", passed, f.company.industry, covered,
                     Message(key, {"industry": f.company.industry}), (used,))


def worker_history(f: Facts, v: View) -> Condition:
    w = f.worker
    cont, same = v("midlevel.history.continuous_years"), v("midlevel.history.same_employer_years")
    ret_prior, ret_cum = v("midlevel.history.returned_prior_years"), v("midlevel.history.returned_cumulative_years")
    abroad_cum, degrees = v("midlevel.history.abroad_cumulative_years"), v("midlevel.history.student_degrees")
    used = (cont, same, ret_prior, ret_cum, abroad_cum, degrees)
    threshold = {"continuous_years": cont.value, "years_with_employer": same.value,
                 "cumulative_years": ret_cum.value, "taiwan_degree": degrees.value[0]}

    degree = None if w.taiwan_degree is None else w.taiwan_degree in degrees.value
    if w.first_hire_student:
        paths = {"student": degree}
        missing = ["worker.taiwan_degree"] if degree is None else []
    else:
        if w.abroad_now is True:
            current = False
        else:
            current = any_of([at_least(w.continuous_years, cont.value), at_least(w.years_with_employer, same.value)])
        long_enough = at_least(w.cumulative_years, ret_cum.value)
        returned = False if long_enough is False or w.left_and_returned is False else (
            True if long_enough and w.left_and_returned else None)
        long_abroad = at_least(w.cumulative_years, abroad_cum.value)
        abroad = False if long_abroad is False or w.abroad_now is False else (
            True if long_abroad and w.abroad_now else None)
        paths = {"current": current, "returned": returned, "abroad": abroad, "student": degree}
        missing = []
        if current is None:
            missing += [k for k, val in (("worker.continuous_years", w.continuous_years),
                                          ("worker.years_with_employer", w.years_with_employer)) if val is None]
        if returned is None or abroad is None:
            if w.cumulative_years is None:
                missing.append("worker.cumulative_years")
            else:
                missing += [k for k, val in (("worker.abroad_now", w.abroad_now),
                                              ("worker.left_and_returned", w.left_and_returned)) if val is None]
        if degree is None:
            missing.append("worker.taiwan_degree")

    passed = any_of(paths.values())
    actual = {k: val for k, val in (("continuous_years", w.continuous_years),
                                    ("years_with_employer", w.years_with_employer),
                                    ("cumulative_years", w.cumulative_years),
                                    ("taiwan_degree", w.taiwan_degree)) if val is not None}
    params = {"continuous": cont.value, "same_employer": same.value, "returned_prior": ret_prior.value,
              "cumulative": ret_cum.value, **actual}
    if passed:
        path = next(k for k, val in paths.items() if val)
        message = Message(f"midlevel.worker_history.pass.{path}", params)
        missing = []
    elif passed is False:
        message = Message("midlevel.worker_history.fail", params)
        missing = []
    else:
        message = Message("midlevel.worker_history.unknown", params)
    return Condition("worker_history", passed, actual, threshold, message, used, tuple(missing))


def occupation(f: Facts, v: View) -> Condition | None:
    """Only for industries where the deck defines mid-level work by occupation group (manufacturing)."""
    groups = v("midlevel.occupation")
    spec = groups.value.get(f.company.industry) if f.company.industry else None
    allowed = spec["allowed"] if spec else None
    if f.company.industry is None:
        return Condition("occupation", None, f.worker.occupation_group, None,
                         Message("midlevel.occupation.unknown"), (groups,), ("company.industry",))
    if allowed is None:
        return None
    group = f.worker.occupation_group
    params = {"groups": "、".join(map(str, allowed)), "group": group}
    if group is None:
        return Condition("occupation", None, None, allowed, Message("midlevel.occupation.unknown", params),
                         (groups,), ("worker.occupation_group",))
    passed = group in allowed
    key = "midlevel.occupation.pass" if passed else (
        "midlevel.occupation.fail_basic" if group in spec["basic_labour"] else "midlevel.occupation.fail")
    return Condition("occupation", passed, group, allowed, Message(key, params), (groups,))


def salary_lines(f: Facts, v: View) -> tuple[ParamValue | None, ParamValue | None, ParamValue | None]:
    """(monthly minimum, annual alternative, technical-exemption line) for this worker's category."""
    cat, _ = category_of(f.company.industry, v)
    if cat is None:
        return None, None, None
    if cat == "industrial":
        monthly = v("midlevel.salary.student_first_hire") if f.worker.first_hire_student else v("midlevel.salary.industrial_monthly")
        annual = None if f.worker.first_hire_student else v("midlevel.salary.industrial_annual")
        return monthly, annual, v("midlevel.salary.industrial_exempt")
    return v(f"midlevel.salary.{cat}_monthly"), None, v(f"midlevel.salary.{cat}_exempt")


def salary(f: Facts, v: View) -> Condition:
    monthly, annual, _ = salary_lines(f, v)
    w = f.worker
    if monthly is None:
        return Condition("salary", None, w.monthly_wage, None, Message("midlevel.salary.unknown_industry"),
                         (), ("company.industry",) if f.company.industry is None else ())
    used = tuple(p for p in (monthly, annual) if p is not None)
    threshold = {"monthly_wage": monthly.value}
    if annual is not None:
        threshold["annual_wage"] = annual.value
    by_month = at_least(w.monthly_wage, monthly.value)
    by_year = at_least(w.annual_wage, annual.value) if annual is not None else False
    passed = any_of([by_month, by_year])
    actual = {k: val for k, val in (("monthly_wage", w.monthly_wage), ("annual_wage", w.annual_wage)) if val is not None}
    params = {"monthly_min": monthly.value, "annual_min": annual.value if annual else None,
              "monthly": w.monthly_wage, "annual": w.annual_wage}
    suffix = "_with_annual" if annual is not None else ""
    if passed:
        key = "midlevel.salary.pass_annual" if by_month is not True else "midlevel.salary.pass"
        missing: tuple[str, ...] = ()
    elif passed is False:
        key = f"midlevel.salary.fail{suffix}"
        missing = ()
    else:
        key = f"midlevel.salary.unknown{suffix}"
        missing = tuple(k for k, val in (("worker.monthly_wage", by_month),
                                         ("worker.annual_wage", by_year)) if val is None)
    return Condition("salary", passed, actual, threshold, Message(key, params), used, missing)


def technical(f: Facts, v: View) -> Condition:
    """Any one technical path, or a wage at the exemption line (deck 二(七), 附件2)."""
    w, ind = f.worker, f.company.industry
    if ind is None:
        return Condition("technical", None, None, None, Message("midlevel.technical.unknown_industry"),
                         (), ("company.industry",))
    paths_p, reviewers = v("midlevel.technical.paths"), v("midlevel.technical.reviewers")
    complete = v("midlevel.technical.complete_for")
    hours_p, self_hours_p = v("midlevel.technical.training_hours"), v("midlevel.technical.self_training_hours")
    self_years_p = v("midlevel.technical.self_training_employer_years")
    _, _, exempt = salary_lines(f, v)
    open_paths = {name for name, industries in paths_p.value.items() if ind in industries}

    results: dict[str, bool | None] = {}
    missing: list[str] = []
    if "certificate" in open_paths:
        results["certificate"] = w.certificate
        if w.certificate is None:
            missing.append("worker.certificate")
    if "training" in open_paths:
        results["training"] = at_least(w.training_hours, hours_p.value)
        if w.training_hours is None:
            missing.append("worker.training_hours")
    if "self_training" in open_paths and self_hours_p.value is not None:
        result = None
        enough_hours = at_least(w.self_training_hours, self_hours_p.value)
        long_enough = at_least(w.years_with_employer, self_years_p.value)
        if enough_hours is False or long_enough is False:
            result = False
        elif enough_hours and long_enough:
            result = True
        results["self_training"] = result
        if result is None:  # ask the hours first: the tenure matters only once they are enough
            missing.append("worker.self_training_hours" if enough_hours is None else "worker.years_with_employer")
    if "practical_recognition" in open_paths:
        results["practical_recognition"] = w.practical_recognition
        if w.practical_recognition is None:
            missing.append("worker.practical_recognition")
    exempt_line = exempt.value if exempt is not None else None
    if exempt_line is not None:
        results["salary_exemption"] = at_least(w.monthly_wage, exempt_line)
        if w.monthly_wage is None:
            missing.insert(0, "worker.monthly_wage")

    used = tuple(p for p in (paths_p, reviewers, complete, hours_p, self_hours_p, self_years_p, exempt) if p is not None)
    passed = any_of(results.values())
    if passed is False and ind not in complete.value:
        passed = None  # the deck lists manufacturing paths only; other industries may have more
        key = "midlevel.technical.other_industry"
    elif passed:
        key = "midlevel.technical.pass"
    elif passed is False:
        key = "midlevel.technical.fail"
    else:
        key = "midlevel.technical.unknown"
    threshold = {"training_hours": hours_p.value, "self_training_hours": self_hours_p.value,
                 "self_training_employer_years": self_years_p.value, "exempt_monthly_wage": exempt_line}
    actual = {k: val for k, val in results.items() if val is not None}
    path = next((k for k, val in results.items() if val), None)
    params = {"path": path, "reviewer": reviewers.value.get(path) if path else None, "industry": ind,
              "hours": hours_p.value, "exempt": exempt_line, "training_hours": w.training_hours}
    return Condition("technical", passed, actual, threshold, Message(key, params), used,
                     tuple(missing) if passed is None else ())


def is_conversion(f: Facts) -> bool:
    """The worker is one of the company's migrant workers now, so the hire frees a migrant slot."""
    w = f.worker
    return not w.first_hire_student and w.abroad_now is not True and (f.company.migrant_workers or 0) > 0


def _applies_to_quota(f: Facts, v: View) -> tuple[bool | None, ParamValue]:
    applies = v("midlevel.quota.applies_to")
    cat, _ = category_of(f.company.industry, v)
    if f.company.industry is None:
        return None, applies
    return cat in applies.value, applies


def quota_midlevel_share(f: Facts, v: View) -> Condition | None:
    applies, applies_p = _applies_to_quota(f, v)
    if applies is False:
        return None
    name = "manufacturing" if f.company.industry == "manufacturing" else "other_industrial"
    share, minimum = v(f"midlevel.quota.midlevel_share_{name}"), v("midlevel.quota.midlevel_minimum")
    used = (applies_p, share, minimum)
    c = f.company
    missing = [k for k, val in (("company.industry", c.industry), ("company.migrant_allocation", c.migrant_allocation),
                                ("company.midlevel_workers", c.midlevel_workers)) if val is None]
    if missing:
        return Condition("quota_midlevel_share", None, None, None,
                         Message("midlevel.quota_midlevel_share.unknown", {"share": share.value}), used, tuple(missing))
    cap = max(math.floor(c.migrant_allocation * share.value), minimum.value)
    after = c.midlevel_workers + 1
    passed = after <= cap
    key = "midlevel.quota_midlevel_share.pass" if passed else "midlevel.quota_midlevel_share.fail"
    params = {"allocation": c.migrant_allocation, "share": share.value, "cap": cap, "after": after}
    return Condition("quota_midlevel_share", passed, after, cap, Message(key, params), used)


def quota_foreign_share(f: Facts, v: View) -> Condition | None:
    applies, applies_p = _applies_to_quota(f, v)
    if applies is False:
        return None
    share = v("midlevel.quota.foreign_share")
    used = (applies_p, share)
    c = f.company
    missing = [k for k, val in (("company.industry", c.industry), ("company.employees", c.employees),
                                ("company.migrant_workers", c.migrant_workers),
                                ("company.midlevel_workers", c.midlevel_workers),
                                ("company.foreign_professionals", c.foreign_professionals)) if val is None]
    if missing:
        return Condition("quota_foreign_share", None, None, None,
                         Message("midlevel.quota_foreign_share.unknown", {"share": share.value}), used, tuple(missing))
    cap = math.floor(c.employees * share.value)
    conversion = is_conversion(f)
    after = c.migrant_workers - (1 if conversion else 0) + c.midlevel_workers + 1 + c.foreign_professionals
    passed = after <= cap
    key = "midlevel.quota_foreign_share.pass" if passed else "midlevel.quota_foreign_share.fail"
    params = {"employees": c.employees, "share": share.value, "cap": cap, "after": after,
              "conversion": conversion}
    return Condition("quota_foreign_share", passed, after, cap, Message(key, params), used)


CONDITIONS = (industry, worker_history, occupation, salary, technical, quota_midlevel_share, quota_foreign_share)


def what_ifs(f: Facts, v: View, conds: dict[str, Condition]) -> list[WhatIf]:
    """The smallest changes of fact that would turn a failing or open condition."""
    out: list[WhatIf] = []
    w, c = f.worker, f.company
    sal, tech = conds.get("salary"), conds.get("technical")
    monthly, annual, exempt = salary_lines(f, v)
    if sal and sal.passed is not True and monthly is not None and w.monthly_wage is not None \
            and w.monthly_wage < monthly.value:
        out.append(WhatIf("worker.monthly_wage", monthly.value,
                          Message("whatif.salary", {"amount": monthly.value})))
    if tech and tech.passed is not True and exempt is not None and exempt.value is not None \
            and (w.monthly_wage is None or w.monthly_wage < exempt.value):
        out.append(WhatIf("worker.monthly_wage", exempt.value,
                          Message("whatif.salary_exemption", {"amount": exempt.value})))
    if tech and tech.passed is not True and "training" in (tech.actual or {}) and w.training_hours is not None:
        hours = v("midlevel.technical.training_hours").value
        out.append(WhatIf("worker.training_hours", hours,
                          Message("whatif.training_hours", {"more": _trim(hours - w.training_hours), "hours": hours})))
    hist = conds.get("worker_history")
    if hist and hist.passed is not True and not w.first_hire_student and w.abroad_now is not True \
            and (w.continuous_years is not None or w.years_with_employer is not None):
        need = v("midlevel.history.continuous_years").value
        done = max(w.continuous_years or 0, w.years_with_employer or 0)
        if done < need:
            out.append(WhatIf("worker.continuous_years", need,
                              Message("whatif.history", {"more": _trim(need - done), "years": need})))
    mid = conds.get("quota_midlevel_share")
    if mid and mid.passed is False:
        share = mid.message.params["share"]
        if share:
            allocation = math.ceil(Fraction(mid.actual) / share)
            out.append(WhatIf("company.migrant_allocation", allocation,
                              Message("whatif.allocation", {"allocation": allocation})))
    foreign = conds.get("quota_foreign_share")
    if foreign and foreign.passed is False:
        share = foreign.message.params["share"]
        employees = math.ceil(Fraction(foreign.actual) / share)
        out.append(WhatIf("company.employees", employees, Message("whatif.employees", {"employees": employees})))
        if c.foreign_professionals and foreign.actual - c.foreign_professionals <= foreign.threshold:
            out.append(WhatIf("company.foreign_professionals", 0, Message("whatif.professionals_excluded")))
    return out


def _trim(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 1)


def contacts_for(f: Facts, params: Parameters, tech: Condition | None) -> list[str]:
    ids = ["lrsc", "mol_1955"]
    if f.company.industry == "manufacturing" or (tech is not None and tech.message.params.get("reviewer") == "ida"):
        ids.append("ida_review")
    if tech is not None and tech.message.params.get("path") == "self_training":
        ids.append("mol_self_training")
    return ids + params.regional_offices(f.company.region)


def evaluate(f: Facts, params: Parameters) -> Verdict:
    v = View(params, f.as_of)
    conditions = [c for c in (fn(f, v) for fn in CONDITIONS) if c is not None]
    by_id = {c.id: c for c in conditions}
    status = status_of(conditions)
    monthly, _, exempt = salary_lines(f, v)
    mid, foreign = by_id.get("quota_midlevel_share"), by_id.get("quota_foreign_share")
    details = {
        "quota": {"midlevel_cap": mid.threshold if mid else None, "foreign_cap": foreign.threshold if foreign else None},
        "salary": {"threshold": monthly.value if monthly else None,
                   "exempt_threshold": exempt.value if exempt else None},
        "conversion": is_conversion(f),
    }
    notes = []
    if f.company.industry and mid is None:
        notes.append(Message("note.quota_not_applicable"))
    if f.company.industry and "occupation" not in by_id:
        notes.append(Message("note.occupation_other_industry"))
    if foreign is not None and details["conversion"]:
        notes.append(Message("note.conversion"))
    tech = by_id.get("technical")
    next_steps = _next_steps(status, tech)
    info = [Message(k) for k in ("info.midlevel.benefits_employer", "info.midlevel.benefits_worker",
                                 "info.midlevel.reviewers", "info.midlevel.documents", "info.midlevel.video")]
    used = (params.at("midlevel.categories", f.as_of),)
    return Verdict(
        topic="midlevel", as_of=f.as_of, status=status, conditions=conditions,
        missing=merge_missing(*(c.missing for c in conditions)),
        what_if=what_ifs(f, v, by_id), details=details, notes=notes, next_steps=next_steps, info=info,
        contacts=contacts_for(f, params, tech), used=used,
    )


def _next_steps(status: str, tech: Condition | None) -> list[Message]:
    if status == ELIGIBLE:
        steps = []
        if tech is not None and tech.message.params.get("reviewer") == "ida":
            steps.append(Message("next.midlevel.ida_first"))
        steps.append(Message("next.midlevel.employer_applies"))
        return steps
    if status == NOT_ELIGIBLE:
        return [Message("next.midlevel.see_what_if"), Message("next.confirm")]
    return [Message("next.answer_missing"), Message("next.confirm")]
