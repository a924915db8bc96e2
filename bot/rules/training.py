"""IDA training cost-sharing (deck 四(一)): how much of a class the government pays.

Every company may send staff; what varies is the share. So the conditions here settle the share and
the yearly cap, and the status is ``eligible`` once the share is known. iPAS and 人培再充電 come along
as information, since the deck presents them with training.
"""
from __future__ import annotations

import math

from .facts import Facts
from .grants import sme
from .midlevel import View
from .parameters import Parameters
from .result import Condition, Message, Verdict, WhatIf, merge_missing, status_of


def class_type(f: Facts, v: View) -> Condition:
    t = f.training.class_type
    if t is None:
        return Condition("class_type", None, None, None, Message("training.class_type.unknown"),
                         (), ("training.class_type",))
    return Condition("class_type", True, t, None, Message("training.class_type.known", {"class_type": t}))


def class_region(f: Facts) -> str | None:
    """The deck's southern rate depends on where the class is held, not on the company's seat: asked."""
    return f.training.region


def share(f: Facts, v: View) -> Condition:
    t = f.training.class_type
    if t is None:
        return Condition("share", None, None, None, Message("training.share.unknown"), (), ("training.class_type",))
    trainees = v("training.trainees")
    if f.training.trainee is not None and f.training.trainee not in trainees.value:
        return Condition("share", False, None, None,
                         Message("training.share.trainee_not_covered", {"trainee": f.training.trainee}), (trainees,))
    if t == "public":
        general, special = v("training.public_share"), v("training.public_share_special")
        south_p = v("training.southern_regions")
        region = class_region(f)
        south = None if region is None else region in south_p.value
        used = (general, special, south_p)
        if f.training.special_status or south:
            reason = "special" if f.training.special_status else "south"
            return Condition("share", True, special.value, special.value,
                             Message(f"training.share.public_{reason}", {"share": special.value, "region": region}), used)
        if f.training.special_status is False and south is False:
            return Condition("share", True, general.value, general.value,
                             Message("training.share.public_general", {"share": general.value,
                                                                        "special_share": special.value}), used)
        missing = tuple(k for k, val in (("training.special_status", f.training.special_status),
                                         ("training.region", region)) if val is None)
        return Condition("share", None, None, general.value,
                         Message("training.share.public_unknown", {"share": general.value, "special_share": special.value}),
                         used, missing)
    if t == "enterprise":
        large, small = v("training.enterprise_share_large"), v("training.enterprise_share_sme")
        is_sme = sme(f, v)
        used = (large, small, *is_sme.used)
        if is_sme.passed is None:
            return Condition("share", None, None, {"sme": small.value, "large": large.value},
                             Message("training.share.enterprise_unknown", {"sme_share": small.value,
                                                                           "large_share": large.value}),
                             used, is_sme.missing)
        chosen = small if is_sme.passed else large
        size = "sme" if is_sme.passed else "large"
        return Condition("share", True, chosen.value, chosen.value,
                         Message(f"training.share.enterprise_{size}", {"share": chosen.value}), used)
    overseas = v("training.overseas_share")
    return Condition("share", True, overseas.value, overseas.value,
                     Message("training.share.overseas", {"share": overseas.value}), (overseas,))


def yearly_cap(f: Facts, v: View, share_cond: Condition) -> Condition | None:
    """Enterprise classes only: the government pays at most NT$1M a firm a year."""
    if f.training.class_type != "enterprise":
        return None
    cap = v("training.enterprise_yearly_cap")
    if f.training.cost is None or share_cond.passed is not True:
        return Condition("yearly_cap", None, None, cap.value, Message("training.yearly_cap.unknown", {"cap": cap.value}),
                         (cap,), ("training.cost",) if f.training.cost is None else ())
    raw = math.floor(f.training.cost * share_cond.actual)
    key = "training.yearly_cap.capped" if raw > cap.value else "training.yearly_cap.within"
    # Reaching the cap lowers the subsidy; it never makes the class ineligible.
    return Condition("yearly_cap", True, raw, cap.value, Message(key, {"cap": cap.value, "amount": raw}), (cap,))


def evaluate(f: Facts, params: Parameters) -> Verdict:
    v = View(params, f.as_of)
    ctype = class_type(f, v)
    share_cond = share(f, v)
    cap_cond = yearly_cap(f, v, share_cond)
    conditions = [c for c in (ctype, share_cond, cap_cond) if c is not None]
    status = status_of(conditions)

    subsidy = None
    if share_cond.passed and f.training.cost is not None:
        subsidy = math.floor(f.training.cost * share_cond.actual)
        if cap_cond is not None:
            subsidy = min(subsidy, cap_cond.threshold)
    missing = merge_missing(*(c.missing for c in conditions),
                            ["training.cost"] if f.training.cost is None and share_cond.passed else [])
    what_if = []
    if f.training.class_type == "public" and share_cond.passed and share_cond.actual < v("training.public_share_special").value:
        special = v("training.public_share_special").value
        what_if.append(WhatIf("training.region", None, Message("whatif.training_south", {"share": special})))
    contacts = ["ida_training", "ida_recharge", "ipas"]
    contacts += params.regional_offices(class_region(f) or f.company.region)
    return Verdict(
        topic="training", as_of=f.as_of, status=status, conditions=conditions, missing=missing, what_if=what_if,
        details={"government_share": share_cond.actual if share_cond.passed else None, "subsidy": subsidy},
        next_steps=[Message("next.training.enrol")] if status != "need_more_info" else [Message("next.answer_missing")],
        info=[Message("info.training.ipas"), Message("info.training.recharge")],
        contacts=contacts,
    )
