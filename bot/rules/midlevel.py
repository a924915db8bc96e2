"""Converting a migrant worker (or hiring a Taiwan-graduated foreign student) as a mid-level skilled worker.

One function per legal condition (審查標準; deck 貳、二(四)–(七)). Each reads its thresholds from the
dated parameters and says what it used, so the verdict can cite every figure it rests on.
"""
from __future__ import annotations

import calendar
import math
from fractions import Fraction

from .facts import Facts
from .parameters import Parameters, ParamValue
from .result import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    Condition,
    Message,
    Verdict,
    WhatIf,
    any_of,
    at_least,
    merge_missing,
    status_of,
)


class View:
    """The parameters in force on one date."""

    __slots__ = ("params", "as_of")

    def __init__(self, params: Parameters, as_of):
        self.params, self.as_of = params, as_of

    def __call__(self, name: str) -> ParamValue:
        return self.params.at(name, self.as_of)

    def maybe(self, name: str) -> ParamValue | None:
        """A parameter that exists for some categories only, or only from some date."""
        if not self.params.has(name) or self.params.dates(name)[0] > self.as_of:
            return None
        return self(name)


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
    scheme = v("midlevel.scheme")
    key = "midlevel.industry.fail" if not passed else (
        "midlevel.industry.pass" if scheme.value["name"] == "midlevel" else "midlevel.industry.pass_skilled")
    return Condition("industry", passed, f.company.industry, covered,
                     Message(key, {"industry": f.company.industry}), (used, scheme))


def _known_migrant(w) -> bool:
    """The facts show a (former) migrant worker: then the Taiwanese-degree path is not asked."""
    return any(x is not None for x in (w.continuous_years, w.years_with_employer, w.cumulative_years,
                                       w.left_and_returned)) or w.employed_here is True or w.first_hire_student is False


def months_short(done_years: float, need_years: float) -> int:
    """Whole months still to work, counted on months (5.9 years is 71 months: 1 more to 72)."""
    return max(int(round(need_years * MONTHS)) - int(round(done_years * MONTHS)), 0)


MONTHS = len(calendar.month_abbr) - 1  # months in a year: a unit, not a rule


def worker_history(f: Facts, v: View) -> Condition:
    w = f.worker
    cont, same = v("midlevel.history.continuous_years"), v("midlevel.history.same_employer_years")
    ret_prior, ret_cum = v("midlevel.history.returned_prior_years"), v("midlevel.history.returned_cumulative_years")
    abroad_cum, degrees = v("midlevel.history.abroad_cumulative_years"), v("midlevel.history.student_degrees")
    by_cat, new_cats = v("midlevel.history.paths_by_category"), v.maybe("midlevel.history.paths_new_categories")
    cat, _ = category_of(f.company.industry, v)
    if new_cats is not None and cat in new_cats.value:
        allowed, by_cat = new_cats.value[cat], new_cats
    else:
        allowed = by_cat.value.get(cat, by_cat.value["industrial"]) if cat else by_cat.value["industrial"]
    used = (cont, same, ret_prior, ret_cum, abroad_cum, degrees, by_cat)
    threshold = {"continuous_years": cont.value, "years_with_employer": same.value,
                 "cumulative_years": ret_cum.value, "taiwan_degree": degrees.value[0]}

    degree = None if w.taiwan_degree is None else w.taiwan_degree in degrees.value
    paths: dict[str, bool | None] = {}
    missing: list[str] = []
    if w.first_hire_student or allowed == ["student"]:
        paths["student"] = degree
        if degree is None:
            missing.append("worker.taiwan_degree")
    else:
        here = w.abroad_now is False or w.employed_here is True
        away = w.abroad_now is True
        if "current" in allowed:
            if away:
                paths["current"] = False
            else:
                by_same = at_least(w.years_with_employer, same.value)
                if by_same is None and w.left_and_returned is False and w.continuous_years is not None:
                    by_same = at_least(w.continuous_years, same.value)  # never left: same employer ≤ continuous
                paths["current"] = any_of([at_least(w.continuous_years, cont.value), by_same])
                if paths["current"] is None:
                    missing += [k for k, val in (("worker.continuous_years", w.continuous_years),
                                                  ("worker.years_with_employer", by_same)) if val is None]
        cumulative = w.cumulative_years
        if cumulative is None and w.left_and_returned is False and w.continuous_years is not None:
            cumulative = w.continuous_years  # never left and came back: all of it is the continuous stretch
        if "returned" in allowed:
            long_enough = at_least(cumulative, ret_cum.value)
            if away or w.left_and_returned is False or long_enough is False:
                paths["returned"] = False
            else:
                paths["returned"] = True if long_enough and w.left_and_returned else None
        if "abroad" in allowed:
            long_abroad = at_least(cumulative, abroad_cum.value)
            if here or long_abroad is False:
                paths["abroad"] = False
            else:
                paths["abroad"] = True if long_abroad and away else None
        if "overseas" in allowed:
            paths["overseas"] = False if here else (True if away and w.overseas_qualified else (
                False if w.overseas_qualified is False else None))
        if paths.get("returned") is None and "returned" in paths or paths.get("abroad") is None and "abroad" in paths:
            if cumulative is None:
                missing.append("worker.cumulative_years")
            else:
                if paths.get("abroad") is None and w.abroad_now is None:
                    missing.append("worker.abroad_now")
                if paths.get("returned") is None and w.left_and_returned is None:
                    missing.append("worker.left_and_returned")
        if paths.get("overseas") is None and "overseas" in paths:
            missing += [k for k, val in (("worker.abroad_now", w.abroad_now),
                                          ("worker.overseas_qualified", w.overseas_qualified)) if val is None]
        # The degree path: asked only of a graduate, or when nothing else could pass and the facts do not
        # already show a migrant worker (who has no Taiwanese degree to ask about).
        others = any_of(paths.values()) if paths else False
        if "student" in allowed:
            if degree is not None:
                paths["student"] = degree
            elif _known_migrant(w):
                paths["student"] = False
            else:
                paths["student"] = None
                if others is False or not missing:
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
        done = max(w.continuous_years or 0, w.years_with_employer or 0)
        if paths.get("current") is False and w.abroad_now is not True and done > 0 and done < cont.value:
            message = Message("midlevel.worker_history.not_yet",
                              {**params, "months": months_short(done, cont.value), "years": cont.value})
        elif set(allowed) <= {"student", "overseas"}:
            message = Message("midlevel.worker_history.fail_graduates", params)
        else:
            message = Message("midlevel.worker_history.fail", params)
        missing = []
    elif set(allowed) <= {"student", "overseas"}:
        message = Message("midlevel.worker_history.unknown_graduates", params)
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
    """(monthly minimum, annual alternative, technical-exemption line) for this worker's category.

    Each category's lines are the parameters ``midlevel.salary.<category>_{monthly,annual,exempt}``;
    a graduate's first hire has its own line where ``<category>_student_first_hire`` (or, for industrial
    work, ``student_first_hire``) has a value.
    """
    cat, _ = category_of(f.company.industry, v)
    if cat is None:
        return None, None, None
    monthly, annual = v(f"midlevel.salary.{cat}_monthly"), v.maybe(f"midlevel.salary.{cat}_annual")
    if f.worker.first_hire_student:
        first = v.maybe("midlevel.salary.student_first_hire" if cat == "industrial"
                        else f"midlevel.salary.{cat}_student_first_hire")
        if first is not None and first.value is not None:
            monthly, annual = first, None
    if annual is not None and annual.value is None:
        annual = None
    return monthly, annual, v.maybe(f"midlevel.salary.{cat}_exempt")


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
    else:  # a monthly wage below the line still says so while the yearly pay is asked
        key = "midlevel.salary.below_monthly_annual_unknown" if by_month is False else f"midlevel.salary.unknown{suffix}"
        missing = tuple(k for k, val in (("worker.monthly_wage", by_month),
                                         ("worker.annual_wage", by_year)) if val is None)
    return Condition("salary", passed, actual, threshold, Message(key, params), used, missing)


def _reviewer(path: str, ind: str, v: View) -> tuple[str | None, ParamValue | None]:
    """Who reviews a path for this industry: the deck's agencies for manufacturing; for other categories the
    training and practical recognition go to the industry's competent authority."""
    reviewers = v("midlevel.technical.reviewers")
    if ind == "manufacturing" or path not in ("training", "practical_recognition"):
        return reviewers.value.get(path), None
    for name in ("midlevel.technical.reviewers_hotel_port", "midlevel.technical.reviewers_other"):
        p = v.maybe(name)
        if p is not None and ind in p.value:
            return p.value[ind], p
    return reviewers.value.get(path), None


def _training_hours(ind: str, v: View) -> ParamValue:
    if ind == "manufacturing":
        return v("midlevel.technical.training_hours")
    if ind == "hotel":
        return v("midlevel.technical.training_hours_hotel")
    return v("midlevel.technical.training_hours_other")


def technical(f: Facts, v: View) -> Condition:
    """Any one technical path open to the category, or a wage at the exemption line (附表十三; deck 二(七))."""
    w, ind = f.worker, f.company.industry
    if ind is None:
        return Condition("technical", None, None, None, Message("midlevel.technical.unknown_industry"),
                         (), ("company.industry",))
    paths_p, reviewers = v("midlevel.technical.paths"), v("midlevel.technical.reviewers")
    new_p = v.maybe("midlevel.technical.paths_new_categories")
    if new_p is not None and ind in new_p.value:
        paths_p = new_p
    self_hours_p = v("midlevel.technical.self_training_hours")
    self_years_p = v("midlevel.technical.self_training_employer_years")
    _, _, exempt = salary_lines(f, v)
    open_paths = set(paths_p.value[ind]) if paths_p is new_p else {
        name for name, industries in paths_p.value.items() if ind in industries}
    hours_p = _training_hours(ind, v) if "training" in open_paths else None

    results: dict[str, bool | None] = {}
    missing: list[str] = []
    if "certificate" in open_paths:
        results["certificate"] = w.certificate
        if w.certificate is None:
            missing.append("worker.certificate")
    if hours_p is not None:
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

    passed = any_of(results.values())
    key = {True: "midlevel.technical.pass", False: "midlevel.technical.fail", None: "midlevel.technical.unknown"}[passed]
    if passed is not True and ind != "manufacturing":
        key += "_category"
    path = next((k for k, val in results.items() if val), None)
    reviewer, reviewer_p = _reviewer(path, ind, v) if path else (None, None)
    by_path = {"training": (hours_p,), "self_training": (self_hours_p, self_years_p), "salary_exemption": (exempt,)}
    # A pass rests on its own path's values only; an open or failed condition on all it consulted.
    rests = by_path.get(path, ()) if passed else (hours_p, self_hours_p, self_years_p, exempt)
    used = tuple(p for p in (paths_p, reviewers, reviewer_p, *rests) if p is not None)
    threshold = {"training_hours": hours_p.value if hours_p else None, "self_training_hours": self_hours_p.value,
                 "self_training_employer_years": self_years_p.value, "exempt_monthly_wage": exempt_line}
    actual = {k: val for k, val in results.items() if val is not None}
    shown = path if passed else [k for k in results]  # the passing path, or every path still open to it
    params = {"path": shown, "reviewer": reviewer, "industry": ind,
              "hours": hours_p.value if hours_p else None, "exempt": exempt_line, "training_hours": w.training_hours}
    return Condition("technical", passed, actual, threshold, Message(key, params), used,
                     tuple(missing) if passed is None else ())


def conversion_options(f: Facts) -> tuple[bool, ...]:
    """Whether this hire converts one of the company's own migrant workers (migrants −1, mid-level +1) or
    brings someone from another employer, from abroad or from school (foreign total +1). Both while unknown."""
    w = f.worker
    if w.first_hire_student or w.abroad_now is True or w.employed_here is False:
        return (False,)
    if w.employed_here is True:
        return (True,)
    if not f.company.migrant_workers:
        return (False,)  # no migrant workers of its own to convert
    return (True, False)


def is_conversion(f: Facts) -> bool | None:
    options = conversion_options(f)
    return options[0] if len(options) == 1 else None


def _category(f: Facts, v: View) -> str | None:
    return category_of(f.company.industry, v)[0]


def quota_midlevel_share(f: Facts, v: View) -> Condition | None:
    """Industrial employers: mid-level workers ≤ a share of the migrant allocation (deck 二(六))."""
    applies_p = v("midlevel.quota.applies_to")
    if f.company.industry is not None and _category(f, v) not in applies_p.value:
        return None
    name = "manufacturing" if f.company.industry == "manufacturing" else "other_industrial"
    share = v(f"midlevel.quota.midlevel_share_{name}")
    used = (applies_p, share)
    c = f.company
    missing = [k for k, val in (("company.industry", c.industry), ("company.migrant_allocation", c.migrant_allocation),
                                ("company.midlevel_workers", c.midlevel_workers)) if val is None]
    if missing:
        return Condition("quota_midlevel_share", None, None, None,
                         Message("midlevel.quota_midlevel_share.unknown", {"share": share.value}), used, tuple(missing))
    cap = math.floor(c.migrant_allocation * share.value)
    after = c.midlevel_workers + 1
    passed = after <= cap
    key = "midlevel.quota_midlevel_share.pass" if passed else "midlevel.quota_midlevel_share.fail"
    params = {"allocation": c.migrant_allocation, "share": share.value, "cap": cap, "after": after}
    return Condition("quota_midlevel_share", passed, after, cap, Message(key, params), used)


def quota_foreign_share(f: Facts, v: View) -> Condition | None:
    """Migrant + mid-level + professionals ≤ 50 % of employees, at least the minimum (2026: 1; §9 ¶2)."""
    applies_p = v("midlevel.quota.foreign_applies_to")
    if f.company.industry is not None and _category(f, v) not in applies_p.value:
        return None
    share, minimum = v("midlevel.quota.foreign_share"), v("midlevel.quota.foreign_minimum")
    basis = v("midlevel.quota.construction_basis")
    used = (applies_p, share, minimum) + ((basis,) if f.company.industry in basis.value else ())
    c = f.company
    missing = [k for k, val in (("company.industry", c.industry), ("company.employees", c.employees),
                                ("company.migrant_workers", c.migrant_workers),
                                ("company.midlevel_workers", c.midlevel_workers),
                                ("company.foreign_professionals", c.foreign_professionals)) if val is None]
    if missing:
        return Condition("quota_foreign_share", None, None, None,
                         Message("midlevel.quota_foreign_share.unknown", {"share": share.value}), used, tuple(missing))
    cap = max(math.floor(c.employees * share.value), minimum.value)

    def after_hire(conversion: bool) -> int:
        migrants = c.migrant_workers - (1 if conversion and c.migrant_workers else 0)
        return migrants + c.midlevel_workers + 1 + c.foreign_professionals

    outcomes = {opt: after_hire(opt) for opt in conversion_options(f)}
    verdicts = {after <= cap for after in outcomes.values()}
    params = {"employees": c.employees, "share": share.value, "cap": cap}
    if len(verdicts) > 1:  # a conversion fits, a hire from elsewhere does not: ask which it is
        return Condition("quota_foreign_share", None, None, cap,
                         Message("midlevel.quota_foreign_share.depends", {**params, "after": outcomes[False]}),
                         used, ("worker.employed_here",))
    conversion = is_conversion(f)
    passed = verdicts.pop()
    after = max(outcomes.values()) if passed else min(outcomes.values())  # holds either way
    key = "midlevel.quota_foreign_share.pass" if passed else "midlevel.quota_foreign_share.fail"
    return Condition("quota_foreign_share", passed, after, cap,
                     Message(key, {**params, "after": after, "conversion": conversion}), used)


def quota_home_care(f: Facts, v: View) -> Condition | None:
    """From 2026 a family may employ one home-care skilled worker (§9 ¶2)."""
    if f.company.industry != "home_care":
        return None
    limit = v("midlevel.quota.home_care_max")
    if limit.value is None:
        return None
    have = f.company.midlevel_workers
    if have is None:
        return Condition("quota_home_care", None, None, limit.value,
                         Message("midlevel.quota_home_care.unknown", {"cap": limit.value}), (limit,),
                         ("company.midlevel_workers",))
    after = have + 1
    passed = after <= limit.value
    key = "midlevel.quota_home_care.pass" if passed else "midlevel.quota_home_care.fail"
    return Condition("quota_home_care", passed, after, limit.value,
                     Message(key, {"cap": limit.value, "after": after}), (limit,))


CONDITIONS = (industry, worker_history, occupation, salary, technical, quota_midlevel_share, quota_foreign_share,
              quota_home_care)


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
    occ = conds.get("occupation")
    # the exemption waives the technical condition only: no remedy for a job group that is not mid-level work
    if tech and tech.passed is not True and exempt is not None and exempt.value is not None \
            and (occ is None or occ.passed is not False) \
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
                              Message("whatif.history", {"months": months_short(done, need), "years": need})))
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
    cat = _category(f, v)
    notes = []
    if cat in ("institutional_care", "home_care"):
        notes.append(Message("note.quota_not_applicable"))
    if f.company.industry and "occupation" not in by_id and cat is not None:
        notes.append(Message("note.occupation_other_industry"))
    if foreign is not None and details["conversion"]:
        notes.append(Message("note.conversion"))
    tech = by_id.get("technical")
    next_steps = _next_steps(status, tech)
    info_keys = ["info.midlevel.benefits_employer", "info.midlevel.benefits_worker"]
    if f.company.industry in (None, "manufacturing"):
        info_keys += ["info.midlevel.reviewers", "info.midlevel.documents", "info.midlevel.video"]
    info = [Message(k) for k in info_keys]
    scope = v("midlevel.work_scope")
    work_used: tuple = ()
    if f.company.industry in scope.value and cat is not None:
        info.insert(0, Message(scope.value[f.company.industry]))
        work_used = (scope,)
    if f.company.industry not in (None, "manufacturing") and cat is not None:
        reviewer, _ = _reviewer("training", f.company.industry, v)
        info.append(Message("info.midlevel.category_review", {"reviewer": reviewer, "industry": f.company.industry}))
    scheme = v("midlevel.scheme")
    details["scheme"] = scheme.value["name"]
    used = (v("midlevel.categories"), scheme, *work_used)
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
