"""The interview step: one message in, the facts it changes, what to say, and the next question.

Pure Python, no Rasa: the chat's form (actions/form.py), the staff console and `advisor interview`
and `advisor understand` all call ``step``. After every message the rules are evaluated once (no
text rendered) and name the next most useful fact: a checklist, not a flowchart.

How a message is read, in order:
- a value after 不是/not ("移工20個，不是25") is the old value being corrected: ignored;
- a hypothetical (如果/what if/kalau/nếu/ถ้า) is answered as a what-if and stores nothing;
- values whose words say their fact (entities with a role, or a phrase naming a choice) fill it;
- the question asked takes the answer that has no words of its own ("120", "3萬5", "沒有");
- a quantity with no words, not the one asked, fills its usual fact only while that is empty;
- intents: a topic switch and the way back, 不知道, a correction, a language choice, an FAQ;
- values no one could mean (a wage of 3, a negative count) are refused with the reason.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable

from bot.dialogue import what_if
from bot.dialogue.faq import FAQ_INTENTS, answer_faq
from bot.i18n import format_value, text
from bot.nlu.cues import cue_patterns, cue_words, has_cue, starts_with_cue
from bot.nlu.extract import (
    ANOTHER_FIGURE,
    CLAUSE_BREAK,
    denied,
    lexicon,
    mentions,
    numbers,
    raw_lexicon,
    said_not,
    word_pattern,
)
from bot.rules import FactError, Verdict, evaluate, registry
from bot.rules.output import message_text
from bot.rules.parameters import default_parameters

from . import answers
from .questions import Button, buttons, language_reply, question

TOPIC_INTENTS = {"ask_midlevel": ("midlevel", "employer"), "ask_midlevel_worker": ("midlevel", "worker"),
                 "ask_grants": ("grants", None), "ask_training": ("training", None)}
LEAVE_INTENTS = {"start_over", "goodbye"}
# Intents whose meaning is not an answer to the question asked.
NOT_ANSWERS = {*TOPIC_INTENTS, "resume", "dont_know", "correct", "set_language", "report_problem"}
PROBLEM_QUANTITIES = {"money", "years"}  # what a problem at work is told in (wages withheld, months unpaid)
SOCIAL_INTENTS = {"greet", "thanks"}  # mid-interview: a word of courtesy, then the same question (not a miss)
MIN_WAGE_FIGURE = 1000  # a lone figure this large, in words about it, answers a question about money
MAX_MISSES = 2  # after this many answers not understood, the question is skipped: the bot never loops
MAX_MESSAGE = 800  # characters (an HR message in English ran to 437); a longer one is politely refused, nothing lost
QUANTITIES = {"money", "count", "years", "hours", "percent"}


@dataclass
class State:
    """What the interview remembers between messages (the chat keeps it in slots)."""

    facts: dict[str, Any] = field(default_factory=dict)  # fact id → value
    topic: str | None = None
    previous_topic: str | None = None
    perspective: str | None = None  # employer | worker
    asking: str | None = None  # the fact asked, "topic", "perspective", or None
    skipped: list[str] = field(default_factory=list)
    misses: int = 0
    lang: str = "zh-TW"
    as_of: str | None = None
    recent: list[str] = field(default_factory=list)  # facts in the order they were last set


@dataclass
class Incoming:
    """One user message as the NLU read it; entities are dicts with entity, value, role, start, end."""

    text: str
    intent: str | None = None
    entities: list[dict] = field(default_factory=list)
    language_named: bool = False  # the message named a language ("English please", a language button)


@dataclass
class Reply:
    text: str
    buttons: list[Button] = field(default_factory=list)


@dataclass
class Turn:
    state: State  # after the message
    changed: dict[str, Any]  # fact id → new value (None: refused or cleared)
    replies: list[Reply]  # what to say before the next question
    asking: str | None  # the next question (fact id, "topic", "perspective"), None when the verdict is due
    verdict: Verdict | None = None
    what_if: dict[str, Any] | None = None
    ignored: list[str] = field(default_factory=list)  # spans read and deliberately not used
    heard: str | None = None  # the said-back line, when the message set several facts or overwrote one
    leave: bool = False  # start over or goodbye: the chat's rules take it from here

    def question(self) -> Reply | None:
        if self.asking is None:
            return None
        return Reply(question(self.asking, self.state.lang, self.state.perspective,
                              self.state.facts.get("company.industry")), buttons(self.asking, self.state.lang))


# Chinese chat separates clauses with spaces ("員工45人 在岡山 想申請什麼補助", "薪水3萬2 可以轉中階嗎"): a space
# before a Han character, after a Han character or a figure, ends a clause for what a clause says (a question, a
# hearsay, someone else's), unless a numeral follows. Searched in the whole message (the letter before counts).
CLAUSE = re.compile(CLAUSE_BREAK.pattern + r"|(?<=[0-9\u3400-\u9fff])\s+(?=[\u3400-\u9fff])(?![一二三四五六七八九十百千萬兩])")


def _clause_end(message: str, end: int) -> int:
    """Where the clause of a value ending at `end` ends."""
    m = CLAUSE.search(message, end)
    return m.start() if m else len(message)


def is_question(message: str) -> bool:
    return "?" in message or "？" in message or has_cue("question", message)


def _clause_before(message: str, start: int) -> str:
    """The words from the last clause break up to a value: where 如果 or 負 would stand."""
    before = message[:start]
    return before[max((m.end() for m in CLAUSE.finditer(before)), default=0):]


def _sentence_before(message: str, start: int) -> str:
    """The words of the sentence up to a value: a hypothetical (如果, if, kalau) holds to the sentence's end
    ("If we hire 10 more, so 70 employees, how many…")."""
    return SENTENCE_BREAK.split(message[:start])[-1]


def _hypothetical(message: str, start: int, end: int) -> bool:
    """如果/if/kalau in the value's clause; or earlier in a sentence that asks ("If we hire 10 more, so 70
    employees, how many…?"), not in one that states ("I don't know if I qualify, I have worked 6 years")."""
    before, asks = _clause_before(message, start), is_question(_sentence_of(message, start))
    if has_cue("what_if", before):  # "kalo aku baru 4 tahun" is "as for me", unless it asks
        return asks or not (has_cue("as_for_me", before) or _as_for_topic(message, before, start, end))
    if asks and has_cue("raise_to", before):
        return True  # "所以調到36000他就可以了嗎": a change asked about
    sentence_end = start + len(SENTENCE_BREAK.split(message[start:])[0])
    return message[sentence_end:sentence_end + 1] in ("?", "？") and has_cue("what_if", _sentence_before(message, start))


def _as_for_topic(message: str, before: str, start: int, end: int) -> bool:
    """"kalau gaji sy 26rb kak", "kalau sertifikat belum ada": kalau names the topic, and the value ends the sentence
    but for particles and none; no change is named before it ("kalau gajinya naik jadi 31rb")."""
    if has_cue("raise_to", before) or not has_cue("as_for_topic", before + message[start:end]):
        return False
    rest = SENTENCE_BREAK.split(message[end:], maxsplit=1)[0].lower()
    for word in sorted(lexicon()["certificate"]["negation_after"], key=len, reverse=True):
        rest = word_pattern(word).sub(" ", rest)
    periods = {w for phrase in lexicon()["weak_roles"]["money"]["monthly"] for w in phrase.lower().split()}
    return all(w in lexicon()["answers"]["particles"] or w in periods for w in re.findall(r"\w+", rest))


def _clause_of(message: str, start: int, end: int) -> str:
    """The clause a value stands in, cut at punctuation and at but/但/tapi/nhưng/แต่."""
    left = _clause_before(message, start)
    right = message[end:_clause_end(message, end)]
    for p in cue_patterns("contrast"):
        lowered = left.lower()
        cuts = [m.end() for m in p.finditer(lowered)]
        if cuts:
            left = left[max(cuts):]
        m = p.search(right.lower())
        if m:
            right = right[:m.start()]
    return f"{left} {right}"


def _time_away(msg: Incoming, clause: str, before: str = "") -> bool:
    """"went home after my first contract, came back after 1 year", "pulang ke indo 2 taun": the year is time
    away, not time worked ("gak pernah pulang" is not; nor is "then came back and now 5 yrs", the stay since)."""
    home = next((m for p in cue_patterns("went_home") for m in [p.search(clause.lower())] if m), None)
    return any(e.get("entity") == "left_and_returned" and e.get("value") is True and "start" in e
               and msg.text[e["start"]:e["end"]] in clause for e in msg.entities) or (
        has_cue("came_back", clause) and not _since_return(before)) or (
        home is not None and not denied(clause, home.start()) and not _since_return(before))


def _since_return(before: str) -> bool:
    """"then came back and now 5 yrs", "กลับมาทำใหม่ที่โรงงานได้ 4 ปีแล้ว": years after the words for coming back and a
    word for now (or work), in their clause, are the stay since the return."""
    lead = before.lower()
    back = [m.end() for p in cue_patterns("came_back") for m in p.finditer(lead)]
    return bool(back) and has_cue("since_return", lead[max(back):])


RATE_REACH = 8  # letters before a figure in which "a month" makes hours or heads a rate ("อบรมเดือนละ 4 ชั่วโมง")
ALLOWANCE_REACH = 12  # letters between an allowance's word and its own figure ("伙食津貼每月2400", "ค่าอาหารเดือนละ 2,000")
AMOUNT_TAIL = re.compile(r"^\s*(?:ntd|nt\$?|元|塊|po)?\s*")  # what may stand between an amount and its words


def _allowance(message: str, lead: str, end: int) -> bool:
    """"全勤2000", "2,400 meal allowance": the words before the amount, or after it when they have no figure of
    their own ("底薪29000 全勤1000": 全勤 is the 1000's)."""
    after = AMOUNT_TAIL.sub("", message[end:end + 25].lower())
    word = max((w for w in cue_words("allowance") if after.startswith(w)), key=len, default=None)
    # the word is the next figure's when a figure follows it closely ("底薪27470 伙食津貼每月2400")
    own = after[len(word):] if word is not None else ""  # a figure starting within reach ("เบี้ยขยันพันนึง" too)
    own_figure = word is not None and (ANOTHER_FIGURE.search(own[:ALLOWANCE_REACH])
                                       or any(start < ALLOWANCE_REACH for _, start, _ in numbers(own)))
    included = has_cue("includes_allowance", lead[-ALLOWANCE_REACH:])  # "薪水含全勤34000": the wage with it
    return (has_cue("allowance", lead) and not included) or (word is not None and not own_figure)


def _says_age(text: str) -> bool:
    """"umurku 38", "他今年35歲": an age; "ดูแลผู้สูงอายุ 8 ปี" (caring for the elderly 8 years) is not."""
    lowered = text.lower()
    for word in lexicon()["cues"]["not_age"]:
        lowered = lowered.replace(word, " ")
    return has_cue("age", lowered)


def _vague_reply(text: str) -> bool:
    """A reply whose one figure is a round one and more ("兩百出頭吧", "四十來個", "30rb lebih"); an ordinal is no
    figure ("還沒有 這是第一個")."""
    text = ORDINAL.sub(lambda m: " " * len(m.group()), text)
    found = numbers(text)  # spelled numbers too ("หกสิบกว่าคน": sixty-odd)
    if found:
        _, start, end = found[0]
        after = UNIT_BEFORE_MORE.sub("", text[end:])  # "6年多", "6 tahun lebih": the unit, then "and more"
        return _vague({"entity": "count"}, after, text[:start], text[start:end])
    figure = FIGURE_RUN.search(text)
    return figure is not None and _vague({"entity": "count"}, text[figure.end():], text[:figure.start()], figure.group())


THAI_LETTER = re.compile(r"[\u0e00-\u0e7f]")
ORDINAL = re.compile(r"第[0-9０-９一二兩三四五六七八九十]+")
UNIT_BEFORE_MORE = re.compile(
    r"^\s*(?:年|個月|個|位|人|小時|tahun|thn|năm|nam|ปี|คน|years?|yrs?|jam|giờ|tiếng|orang|người)(?=\s*\S)", re.I)
FIGURE_RUN = re.compile(r"[0-9０-９一二兩三四五六七八九十百千萬][0-9０-９一二兩三四五六七八九十百千萬,.kK]*")
NEXT_FIGURE = re.compile(r"[0-9０-９一二兩三四五六七八九十百千萬]")


def _words_after(message: str, end: int) -> str:
    """The words after a value to the end of its clause, when no other figure follows in it ("36k with OT");
    with one, they are that figure's ("29,500 and with OT it's 34k")."""
    after = message[end:_clause_end(message, end)]
    return "" if NEXT_FIGURE.search(after) else after


def _overtime(lead: str) -> bool:
    """"含加班38000", "with OT it's 40k": the words before an amount say it counts overtime ("不含加班" does not)."""
    return has_cue("overtime", lead) and not has_cue("without_overtime", lead)


def _asked_about(message: str, start: int, end: int) -> bool:
    """The clause of a value asks something ("有技術士證嗎", "need certificate from Taiwan?")."""
    close = _clause_end(message, end)
    return message[close:close + 1] in ("?", "？") or has_cue("question", _clause_of(message, start, end))


def _vague(entity: dict, after: str, before: str = "", own: str = "") -> bool:
    """"三萬出頭", "三萬多": a round figure and more; "快六年", "almost 6 years": not quite the figure. Neither is a
    value to decide on: it is asked again."""
    if entity.get("entity") not in QUANTITIES:
        return False
    before = before.lower().rstrip()
    if "幾" in own:  # 六十幾個: sixty-odd
        return True
    after = after.lower()
    spaced = tuple(w for w in lexicon()["cues"]["vague_after"] if not w.isascii() and not HAN.match(w))  # "30 กว่าคน"
    return (after.startswith(tuple(lexicon()["cues"]["vague_after"])) or after.lstrip().startswith(spaced)
            or any(re.match(rf"\s+{re.escape(w)}\b", after) for w in lexicon()["cues"]["vague_after"] if w.isascii())
            or bool(_vague_end().match(after))
            or any(word_pattern(w).search(before[-12:]) and before.endswith(w) for w in lexicon()["cues"]["vague_before"]))


HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=None)
def _vague_end() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(lexicon()["cues"]["vague_end"], key=len, reverse=True))
    particles = "|".join(re.escape(w) for w in sorted(lexicon()["answers"]["particles"], key=len, reverse=True))
    return re.compile(rf"\s*(?:{words})(?:\s+(?:{particles}))*\s*[.!?。！？~]*\s*$")


def _company_trade(entity: dict, before: str, after: str = "") -> bool:
    """"我們做塑膠射出", "做塑膠射出的工廠": what the company does, not the worker's job."""
    return entity.get("entity") == "occupation_group" and not has_cue("worker_does", before) and (
        has_cue("company_does", before) or starts_with_cue("trade_of_company", after.lstrip()))


def _each(lead: str) -> bool:
    tail = lead.rstrip().lower()
    for rate in cue_words("each_not"):  # 每個月, เดือนละ are "a month" ("職務加給每個月2000"), not "each"
        tail = tail.replace(rate, "")
    return any(p.search(tail[-(len(w) + 1):]) for w, p in zip(cue_words("each"), cue_patterns("each")))


NEGATION_REACH = 3  # letters between 不是/not and the value ("不是有25", "not 52")


def _negated(lead: str) -> bool:
    """"…不是25": the value right after a negation is the old one, not the new."""
    tail = lead.rstrip().lower()
    for word, pattern in zip(cue_words("negation"), cue_patterns("negation")):
        near = tail[-(len(word) + NEGATION_REACH):]
        found = pattern.search(near)
        if found and not ANOTHER_FIGURE.search(near[found.end():]):  # "hindi pala 7, 6 years": the 7 is denied
            return True
    return False


RANGE_BEFORE = re.compile(r"[0-9０-９]\s*[-−－~～–]\s*$")  # "3-4rb": the 4 is a range's top, not a value


def _minus(lead: str) -> bool:
    """"-3000", "負3000": a sign on the value. A dash between spaces separates ("96 in total - 80 locals"); one
    after a figure joins a range ("3-4rb", "8-9 ngàn")."""
    if RANGE_BEFORE.search(lead):
        return False
    if lead.lower().endswith(("-", "−", "－")):
        return True
    lead = lead.rstrip().lower()
    return any(lead.endswith(w) for w in lexicon()["cues"]["minus"])


@dataclass
class Reading:
    """The entities of one message, sorted by what they mean."""

    usable: list[dict] = field(default_factory=list)
    hypothetical: list[dict] = field(default_factory=list)  # after 如果/what if in the same clause
    ignored: list[str] = field(default_factory=list)  # the old value in a correction
    negative: list[dict] = field(default_factory=list)
    replaced: list[dict] = field(default_factory=list)  # "不是三萬": the old value, to find the fact it names
    allowances: list[dict] = field(default_factory=list)  # "全勤2000": added to the wage the message gives
    before_this: list[dict] = field(default_factory=list)  # "之前在別家做3年": years of the job before this one
    questioned: list[dict] = field(default_factory=list)  # a quantity in a clause that asks ("24小時的嗎")
    parts: list[dict] = field(default_factory=list)  # "A廠核配40人、B廠核配25人": parts of a headcount, no total

    def set_aside(self, text: str, entities: list[dict]) -> None:
        """Takes these entities out of the usable ones, saying their words were read and not used."""
        self.ignored += [text[e["start"]:e["end"]] for e in entities]
        self.usable = [e for e in self.usable if e not in entities]


# "temen aku", "bạn của em": the speaker's word right after someone else's is a possessive, not the speaker
# (Thai and Han words run on into the next: "พี่สาวดิฉันทำโรงงาน", my sister works in a factory)
POSSESSIVE = re.compile(r"^\s*(?:(?:aku|saya|ku|ko|em|e|của em|của tôi|tôi|mình)(?!\w)|ของผม|ของฉัน|ของดิฉัน|ของหนู|ดิฉัน|ผม|ฉัน|หนู"
                        r"|我的|我)", re.I)
PLANT_NAME = re.compile(r"(?:第?[一二三四五六七八九]|[A-Za-z])廠(?:區)?|plant\s*(?:\d|[ab]\b)", re.I)
PLANT_REACH = 3  # letters between a place and its plant's headcount ("彰化180", "台中廠 60")
PLANT_CLAUSE_REACH = 12  # or further in its clause ("xưởng Đài Trung có 28"), when two places are named
SENTENCE_BREAK = re.compile(r"[。！？!?\n]|\.(?=\s|$)")


def _between_figures(msg: Incoming, start: int, end: int, cut_left: bool = True) -> str:
    """A value's clause cut at the other quantities either side of it ("她在我們家是5年 3年是前一個雇主那邊": the
    former employer is the 3's, not the 5's), or only at the next one; a place with a numeral in its name (三重,
    五股) is no quantity."""
    before = _clause_before(msg.text, start)
    after_end = _clause_end(msg.text, end)
    spans = [(e["start"], e["end"]) for e in msg.entities if e.get("entity") in QUANTITIES and "start" in e]
    left = max((b for a, b in spans if cut_left and start - len(before) <= a and b <= start), default=start - len(before))
    right = min((a for a, b in spans if end <= a and b <= after_end), default=after_end)
    return msg.text[left:start] + msg.text[end:right]


def _of_the_job_before(e: dict, msg: Incoming, clause: str) -> bool:
    """"之前在別家做3年", "前面在台南": of the job before this one, in a figure's own part of its clause, or a place's
    whole clause."""
    if e.get("entity") not in BEFORE_THIS_KINDS:
        return False
    return has_cue("before_this", _between_figures(msg, e["start"], e["end"]) if e["entity"] in QUANTITIES else clause)


def _sentence_of(message: str, start: int) -> str:
    """The whole sentence a value stands in ("how much is the requirement po, 29k or 31k?")."""
    return _sentence_before(message, start) + SENTENCE_BREAK.split(message[start:])[0]


def _someone_elses(message: str, start: int, clause: str, worker: bool = False) -> bool:
    """A value about someone else: in a clause naming them ("my friend gets 38k"), or in a clause after one
    that does, in the same sentence, before the speaker comes back ("my sister is 10 years here, nasa
    nursing home. Ako naman 3 years")."""
    kinds = ("other_person", "third_person") if worker else ("other_person",)  # an employer's "bạn ấy" is the worker
    uncut = _clause_before(message, start)  # "น้องชายผมก็ทำที่นี่แต่เพิ่งมา 2 ปี": "but" inside the brother's clause
    uncut = uncut if THAI_LETTER.search(uncut) else clause  # Thai says no "he" after "but"; the others do
    if any(has_cue(k, clause) or has_cue(k, uncut) for k in kinds):  # unless the speaker comes back between them
        lowered = message[:start].lower()
        last = max((m.end() for k in kinds for p in cue_patterns(k) for m in p.finditer(lowered)), default=None)
        return last is None or not has_cue("self", POSSESSIVE.sub("", message[last:start]))
    own = _clause_before(message, start)
    if has_cue("self", clause) or has_cue("contrast", own) or has_cue("self", own):
        return False
    sentence = SENTENCE_BREAK.split(message[:start])[-1]
    for earlier in reversed(CLAUSE.split(sentence)[:-1]):
        rest = earlier.replace(_other_words(earlier), "").replace("我們", "")  # "他老婆也在我們廠": a place, not the speaker
        other = min((m.start() for k in kinds for p in cue_patterns(k) for m in p.finditer(earlier.lower())), default=None)
        contrast = max((m.start() for p in cue_patterns("contrast") for m in p.finditer(earlier.lower())), default=None)
        if other is not None and (contrast is None or contrast < other) and not has_cue("self", rest):
            return True  # "แต่เพื่อนหนูมี…": "but my friend…" is about the friend
        if contrast is not None or has_cue("self", rest):
            return False
    return False


OWNER_BEFORE = re.compile(r"(?:我的?|我們的?|my|ku|aku|saya|ko|em|của em|của tôi|ผม|ฉัน|ของผม|ของฉัน)\s*$", re.I)


def _other_words(clause: str) -> str:
    """The first word naming someone else in a clause ("my sister"), so that its "my" is not the speaker."""
    lowered = clause.lower()
    hits = [m for p in cue_patterns("other_person") for m in [p.search(lowered)] if m]
    if not hits:
        return "\0"
    start = min(hits, key=lambda m: m.start()).start()
    owner = OWNER_BEFORE.search(clause[:start])  # "我朋友", "my friend": the speaker's word belongs to the other person
    end = max(hits, key=lambda m: m.end()).end()
    after = POSSESSIVE.match(clause[end:])  # "เพื่อนหนู", "teman saya", "bạn em": the speaker's word after it too
    return clause[owner.start() if owner else start:end + (after.end() if after else 0)]


def _set_aside(e: dict, msg: Incoming, lead: str, clause: str, worker: bool = False, home: bool = False) -> bool:
    """Each of several (各15), the rule's figure, someone else's, a round or "almost" figure, the company's trade,
    where the worker lives (unless the home is the workplace), time spent away, a yes/no fact asked about."""
    start, end = e["start"], e["end"]
    before = _clause_before(msg.text, start)
    return (_each(lead) or bool(RANGE_BEFORE.search(lead)) or has_cue("rule_talk", clause)
            or _someone_elses(msg.text, start, _between_figures(msg, start, end, cut_left=False)
                              if e.get("entity") in QUANTITIES else clause, worker)  # the next figure's words are its own
            or (has_cue("rule_talk", _sentence_of(msg.text, start)) and _asked_about(msg.text, start, end))
            or (e.get("entity") == "count" and e.get("value") == 1 and has_cue("converts", clause))
            or _vague(e, msg.text[end:_clause_end(msg.text, end)], msg.text[:start], msg.text[start:end])
            or (e.get("entity") in ("years", "count") and _says_age(clause))
            or (e.get("entity") == "count" and has_cue("per_unit", clause))
            or _company_trade(e, _sentence_before(msg.text, start), msg.text[end:end + 4])
            or (e.get("entity") == "count" and has_cue("trainees", msg.text[end:end + 6]))
            or (e.get("entity") == "region" and has_cue("residence", before) and not home)
            or (e.get("entity") == "years" and _time_away(msg, clause, before))
            or (e.get("entity") == "years" and has_cue("studies", _between_figures(msg, start, end)))  # the school's years
            or (e.get("entity") == "region" and (has_cue("studies", clause) or any(  # and place
                o.get("entity") == "degree" and msg.text[o["start"]:o["end"]] in clause for o in msg.entities if "start" in o)))
            or (e.get("entity") == "years" and e.get("value", 1) < 1 and has_cue("course", clause))  # "pelatihan … 3 bulan"
            or (e.get("entity") == "hours" and has_cue("trained_abroad", clause))
            or (e.get("entity") in ("hours", "count") and (has_cue("rate_before", lead[-RATE_REACH:])
                                                            or lead.rstrip().lower().endswith(cue_words("rate_before"))))
            or (e.get("entity") == "hours" and (_not_a_course(e, clause) or has_cue("overtime", clause)))
            or (e.get("entity") == "years" and (_a_rate(e, msg)
                                                or (e.get("value") in ONE_PERIOD and has_cue("overtime", clause))))
            or (e.get("entity") == "count" and has_cue("left_staff", clause))
            or (e.get("entity") == "occupation_group" and (starts_with_cue("certificate_of", msg.text[end:end + 4])
                                                           or has_cue("exam_passed", before[-10:])
                                                           or msg.text[end:end + 1].isdigit()))  # "日本技師1位": a headcount
            or (e.get("entity") == "certificate" and e.get("value") is True and _foreign_beside(msg, clause))
            or (e.get("entity") == "years" and has_cue("bonus", clause))
            or (e.get("entity") == "money" and e.get("role") != "annual" and has_cue("bonus", clause)
                and not has_cue("allowance", clause))  # "โบนัสได้เพิ่มอีก 3 หมื่น"; an attendance bonus is monthly
            or (e.get("entity") == "count" and _one_nationality(msg.text, lead, e))
            or (e.get("entity") == "money" and (_foreign_currency(lead, msg.text[end:]) or has_cue("sent_home", clause)))
            or _of_the_job_before(e, msg, clause)
            or (isinstance(e.get("value"), bool) and _asked_about(msg.text, start, end)))


def _with_time_at_home(msg: Incoming, usable: list[dict]) -> list[dict]:
    """"來台灣9年了，中間有回印尼一次", "totalnya 11 tahun, pernah pulang": a stay with time at home in it is the
    cumulative years, not continuous ones (unless the message gives its cumulative years apart)."""
    lowered = msg.text.lower()
    home = [m for p in cue_patterns("went_home") for m in p.finditer(lowered) if not denied(lowered, m.start())]
    if not home or any(e.get("entity") == "left_and_returned" and e.get("value") is False for e in msg.entities) or any(
            e.get("entity") == "abroad_now" and e.get("value") is True for e in msg.entities):
        return usable  # never went home; or gone home after the stay ("去年已經回越南了"), not within it
    years = [e for e in usable if e["entity"] == "years"]
    stays = [e for e in years if e.get("role") in (None, "continuous") and "start" in e
             and not mentions(lexicon()["roles"]["years"]["continuous"], _clause_of(msg.text, e["start"], e["end"]))]
    if len(stays) != 1 or any(e.get("role") == "cumulative" for e in years):
        return usable
    return [{**e, "role": "cumulative"} if e is stays[0] else e for e in usable]


ONE_PERIOD = (1, round(1 / 12, 2))  # a year, a month


def _a_rate(e: dict, msg: Incoming) -> bool:
    """"一年大概有24小時", "加班費一個月大概七八千": one year or month as the period of hours or money after it."""
    close = _clause_end(msg.text, e["end"])
    return e.get("value") in ONE_PERIOD and any(o.get("entity") in ("hours", "money") and e["end"] <= o.get("start", -1) < close
                                                for o in msg.entities)


def _foreign_beside(msg: Incoming, clause: str) -> bool:
    """"dia punya sertifikat BNSP": the certificate held is a foreign one, not Taiwan's."""
    return any(e.get("entity") == "foreign_certificate" and "start" in e and msg.text[e["start"]:e["end"]] in clause
               for e in msg.entities)


FORMER_JOB_FACTS = ("company.industry", "company.region", "worker.occupation_group")
BEFORE_THIS_KINDS = ("region", "years", "occupation_group")  # an earlier trade is set aside only beside the current one
ROUND_THE_CLOCK = 24
NATIONALITY_REACH = 10  # letters before a headcount in which a nationality names whose count it is ("越南的有12個")


def _not_a_course(e: dict, clause: str) -> bool:
    """Hours not of a course taken: one still to be taken ("下個月才要報名 80小時"), or a caregiver's 24 hours
    ("jaga akong 24 jam") with no course word beside it."""
    return has_cue("planned", clause) or (
        e.get("value") == ROUND_THE_CLOCK and has_cue("caring", clause) and not has_cue("course", clause))


def _one_nationality(message: str, lead: str, e: dict) -> bool:
    """A headcount of one nationality ("其中越南的有12個", "3個是菲律賓的", "50 of them Filipinos"), not of all the
    migrant workers; a total word before it ("合計38個") makes it the whole, and so does the role word right after
    its nationality with no "of them" before it ("請了4個越南的移工")."""
    end = e["end"]
    if has_cue("total", lead) or (e.get("role") == "migrant_workers" and _named_as_migrants(message, end)
                                  and not has_cue("subset", _clause_before(message, e["start"]))):
        return False
    after = message[end:_clause_end(message, end)][:NATIONALITY_REACH + 6]
    return has_cue("nationality", lead[-NATIONALITY_REACH:]) or (
        has_cue("nationality", after) and not has_cue("total", after))


NAMED_AS_MIGRANTS_REACH = 8  # letters after a headcount in which its nationality and then its role word stand


def _named_as_migrants(message: str, end: int) -> bool:
    """"請了4個越南的移工": a nationality, then the role word itself, right after the headcount: the migrant workers, all
    of one nationality (with no "of them" before it)."""
    after = message[end:end + NAMED_AS_MIGRANTS_REACH + 4].lower()
    return has_cue("nationality", after[:NAMED_AS_MIGRANTS_REACH]) and any(
        word_pattern(w).search(after) for w in lexicon()["roles"]["count"]["migrant_workers"] if not has_cue("nationality", w))


def _foreign_currency(lead: str, after: str) -> bool:
    """An amount in another currency ("50k pesos", "₱ 20,000"): money sent or paid at home, never the NT$ wage."""
    return starts_with_cue("foreign_currency", after.lstrip()) or lead.rstrip().lower().endswith(
        tuple(w for w in cue_words("foreign_currency") if not w.isalpha() or len(w) <= 3))


def _after_allowances(entities: list[dict], allowances: list[dict]) -> list[dict]:
    """The wage amounts after the last allowance of a message (its total, when it gives one); a deduction or the
    take-home pay after it is not ("伙食津貼2400 另外仲介每個月扣1800")."""
    starts = [a["start"] for a in allowances if "start" in a]
    return [e for e in entities if starts and e["entity"] == "money" and e.get("start", -1) > max(starts)
            and e.get("role") in (None, "monthly")]


def read_entities(msg: Incoming, perspective: str | None = None, industry: str | None = None,
                  asking: str | None = None) -> Reading:
    """The message's values sorted into those to use, set aside, asked about, hypothetical or negative. Where someone
    lives is the workplace's region for a family that cares at home (industry is the one known before the message),
    and answers the region question ("住板橋")."""
    out = Reading()
    trades = {e.get("value") for e in msg.entities if e.get("entity") == "industry"}
    home = industry == "home_care" or (industry is None and trades == {"home_care"})
    lived: list[dict] = []  # where someone lives: the answer to the region question when no other place is named
    previous_end = 0
    earlier: list[dict] = []  # "以前是3萬", "含加班38000": set aside if the message has another of its kind
    for e in sorted((e for e in msg.entities if e.get("entity") != "language"), key=lambda e: e.get("start", 0)):
        start = e.get("start")
        lead = msg.text[previous_end:start] if start is not None else ""
        clause = _clause_of(msg.text, start, e["end"]) if start is not None else ""
        if start is not None and _negated(lead):
            out.ignored.append(msg.text[start:e["end"]])
            out.replaced.append(e)
        elif start is not None and _set_aside(e, msg, lead, clause, perspective == "worker", home):
            out.ignored.append(msg.text[start:e["end"]])  # the old value, each of several, the rule's, another's
            if e.get("entity") == "region" and has_cue("residence", _clause_before(msg.text, start)):
                lived.append(e)
            if e.get("entity") == "years" and _of_the_job_before(e, msg, clause):
                out.before_this.append(e)
        elif start is not None and e.get("entity") in QUANTITIES and _minus(lead):
            out.negative.append(e)
        elif start is not None and e.get("entity") == "money" and (
                _overtime(min(lead, _clause_before(msg.text, start), key=len))  # the lead within the clause
                or _overtime(_words_after(msg.text, e["end"]))):
            out.ignored.append(msg.text[start:e["end"]])  # take-home with overtime is never the wage
        elif start is not None and e.get("entity") in QUANTITIES and (has_cue("former", lead) or (
                has_cue("future", clause) and any(o is not e and o.get("entity") == e["entity"] for o in msg.entities))):
            earlier.append(e)
        elif start is not None and e.get("entity") == "money" and e.get("role") == "included":
            out.ignored.append(msg.text[start:e["end"]])  # "28rb sudah termasuk uang makan 1500": in the wage already
        elif start is not None and e.get("entity") == "money" and e.get("role") != "deduction" and (
                e.get("role") == "allowance" or _allowance(msg.text, lead, e["end"])):
            out.allowances.append(e)
        elif start is not None and _hypothetical(msg.text, start, e["end"]):
            out.hypothetical.append(e)
        elif start is not None and e.get("entity") in QUANTITIES and _asked_about(msg.text, start, e["end"]):
            out.questioned.append(e)
        else:
            out.usable.append(e)
        previous_end = e.get("end", previous_end)
    total = [e for e in _after_allowances(out.usable, out.allowances) if not e.get("role")]
    # "perfect attendance 1,500 so 32k": a bare amount after the allowances is the whole wage
    out.usable = [{**e, "role": "monthly"} if e in total else e for e in out.usable]
    for e in earlier:  # the words since the value before it say it is the former figure
        if any(o["entity"] == e["entity"] for o in out.usable) or (
                e["entity"] == "money" and any(v >= 1000 for v, *_ in numbers(msg.text[e["end"]:]))):
            out.ignored.append(msg.text[e["start"]:e["end"]])
        else:
            out.usable.append(e)
    places = {e["value"] for e in msg.entities if e.get("entity") == "region"}
    if (asking == "company.region" and perspective != "worker" and not trades and len(places) == 1 and lived
            and not any(e["entity"] == "region" for e in out.usable)):
        out.usable += lived[:1]  # "住板橋", answering where: the one place named
        out.ignored = [t for t in out.ignored if t != msg.text[lived[0]["start"]:lived[0]["end"]]]
    out.usable.sort(key=lambda e: e.get("start", 0))
    out.usable = _with_time_at_home(msg, out.usable)
    _stay_in_parts(msg, out)
    for kind in ("industry", "region"):  # "他之前在新竹的工廠做過 現在在我們養護院": the trade now, and the place
        _unless_alone(msg, out, kind, lambda e: any(
            has_cue(c, _clause_of(msg.text, e["start"], e["end"])) for c in ("before_this", "former")))
    # "顧電鍍線的 有時候也幫忙搬貨": the main job, not the one helped with now and then
    _unless_alone(msg, out, "occupation_group", lambda e: has_cue("side_task", _clause_before(msg.text, e["start"])))
    _parts_and_totals(msg, out)  # before the plants' counts are set aside: "台北廠1位、台中廠2位，共3位" is 3
    wages = [e for e in out.usable if e["entity"] == "money" and e.get("role") == "monthly" and "start" in e]
    totals = [a for a in out.allowances if a.get("role") == "monthly" and len(wages) == 1
              and a.get("start", -1) > wages[0]["end"] and a["value"] > wages[0]["value"]]
    if totals:  # "本薪29000 加夜班津貼跟全勤 每月固定32500": the base, then the regular wage with the allowances in it
        out.allowances = [a for a in out.allowances if a is not totals[-1]]
        out.set_aside(msg.text, wages)
        out.usable.append(totals[-1])
    regions = {e["value"] for e in out.usable if e["entity"] == "region"}
    if len(regions) > 1:  # "彰化廠90、台中廠60": two plants in two counties, no one region, and each plant's count
        places = [e for e in out.usable if e["entity"] == "region" and "start" in e]
        plants = [e for e in out.usable if e["entity"] == "count" and "start" in e and any(
            0 <= e["start"] - p["end"] <= PLANT_REACH or (0 <= e["start"] - p["end"] <= PLANT_CLAUSE_REACH
                                                         and not CLAUSE_BREAK.search(msg.text[p["end"]:e["start"]]))
            for p in places)]  # "xưởng Đài Trung có 28 lao động di trú, xưởng Chương Hóa có 17"
        out.set_aside(msg.text, places + plants)
    named = [m.end() for m in PLANT_NAME.finditer(msg.text)]
    per_plant = [e for e in out.usable if e["entity"] == "count" and "start" in e and not e.get("role")
                 and any(0 <= e["start"] - end <= PLANT_REACH for end in named)]
    if len(per_plant) > 1:  # "一廠120人 二廠80人": each plant's headcount, not the company's
        out.set_aside(msg.text, per_plant)
    if {"institutional_care", "home_care"} <= {e["value"] for e in out.usable if e["entity"] == "industry"}:
        out.usable = [e for e in out.usable if e["value"] != "home_care"]  # "在養老院照顧阿公阿嬤": the place says it
    hours = [e for e in out.usable if e["entity"] == "hours" and "start" in e]
    if len(hours) > 1 and len({e.get("role") for e in hours}) == 1 and has_cue("course", msg.text) and not has_cue(
            "total", msg.text) and not has_cue("own_courses", msg.text):
        # "兩門 一門36小時 一門48小時", "36 hrs and 24 hrs": the courses add up (not a course and the company's own)
        out.usable = [{**e, "value": sum(h["value"] for h in hours)} if e is hours[0] else e
                      for e in out.usable if not any(e is h for h in hours[1:])]
    if {"sea_fishing", "port"} <= {e["value"] for e in out.usable if e["entity"] == "industry"}:
        out.usable = [e for e in out.usable if e["value"] != "port"]  # "fishing boat, Cianjhen fishing port": the boat
    if any(e["entity"] == "money" for e in out.usable):  # "一個月三萬": a month is the wage's period, not a duration
        per = {w.lower() for w in lexicon()["roles"]["money"]["monthly"]}
        out.usable = [e for e in out.usable if not (e["entity"] == "years" and "start" in e
                                                    and msg.text[e["start"]:e["end"]].lower() in per)]
    if any(e["entity"] == "foreign_certificate" for e in out.usable):  # "BNSP las": the trade of a foreign paper
        out.usable = [e for e in out.usable if e["entity"] != "occupation_group"]
    return out


TOTAL_REACH = 4  # letters between a total word and its figure ("共100人", "總共 3位")


def _parts_and_totals(msg: Incoming, out: Reading) -> None:
    """Headcounts that add up to a total after them ("桃園廠2位、新竹廠1位，共3位", "勞保82人 加上外勞18個 共100人"): the
    total is the headcount, of the parts' one kind, or the staff when they are of several (the parts of another kind
    keep theirs). Two different headcounts of one kind, neither a total ("桃園廠核配45人、新竹廠核配30人"), are each
    a part of something (a plant, a shift): neither is the company's, and the question is asked again; with one a
    total ("員工140是本國的 … 所以總共是182"), that one is."""
    counts = [e for e in out.usable if e["entity"] == "count" and "start" in e]
    for total in counts:
        parts = [e for e in counts if e["end"] <= total["start"]]
        if not _after_total_word(msg, total) or len(parts) < 2 or sum(e["value"] for e in parts) != total["value"]:
            continue
        kinds = {e.get("role") for e in parts} - {None}
        role = kinds.pop() if len(kinds) == 1 else "employees" if kinds else None  # unnamed parts: what was asked
        out.set_aside(msg.text, [e for e in parts if e.get("role") in (None, role)])
        out.usable = [({**e, "role": role} if role else {k: v for k, v in e.items() if k != "role"}) if e is total else e
                      for e in out.usable]
        return
    by_role: dict[str, list[dict]] = {}
    for e in counts:
        if e.get("role") in COUNT_FACT_ROLES:
            by_role.setdefault(e["role"], []).append(e)
    for role, same in by_role.items():
        ones = [e for e in same if e["value"] == 1 and has_cue("one_applying", msg.text[e["end"]:e["end"] + ONE_APPLYING_REACH])]
        if ones and len({e["value"] for e in same if e["value"] != 1}) == 1:  # "1 pekerja mau diajukan … pakai 90":
            out.set_aside(msg.text, ones)  # the one worker asked about, not a part of the 90
            continue
        if len({e["value"] for e in same}) > 1:
            totals = [e for e in same if _after_total_word(msg, e)]
            out.set_aside(msg.text, [e for e in same if e is not totals[0]] if len(totals) == 1 else same)  # "所以總共是182"
            out.parts += [] if len(totals) == 1 else same


ONE_APPLYING_REACH = 30  # letters after "1 pekerja" in which "yang mau kami ajukan" says it is the one applying


def _parted_fact(parts: list[dict]) -> str | None:
    """The headcount fact whose parts a message gave without their total, when they are all of one."""
    facts = {f.id for e in parts for f in registry.facts().values() if f.entity == "count" and f.role == e.get("role")}
    return facts.pop() if len(facts) == 1 else None


def _after_total_word(msg: Incoming, e: dict) -> bool:
    return has_cue("total", msg.text[max(0, e["start"] - TOTAL_REACH - 2):e["start"]])


def _unless_alone(msg: Incoming, out: Reading, kind: str, marked: Callable[[dict], bool]) -> None:
    """Sets aside the usable values of a kind that `marked` picks (a former job's trade, a side task), when a value
    of that kind not so marked remains."""
    named = [e for e in out.usable if e["entity"] == kind and "start" in e]
    picked = [e for e in named if marked(e)]
    if picked and len({e["value"] for e in named}) > len({e["value"] for e in picked}):
        out.set_aside(msg.text, picked)


COUNT_FACT_ROLES = ("employees", "migrant_workers", "migrant_allocation", "midlevel_workers", "foreign_professionals")


def _stay_in_parts(msg: Incoming, out: Reading) -> None:
    """A stay told in parts. Years after a clause of their own that names this employer and gives no figure are
    the years with it ("以前在別的老闆那邊3年，後來直接轉到現在這家，做5年了"); years before a trip home that
    later years follow are no longer the stay ("6 years in a factory before, went home for 1 year, then came back
    and now 5 yrs"): they are of the job before this one."""
    years = [e for e in out.usable if e["entity"] == "years" and "start" in e and not e.get("role")]
    figures = sorted(o["end"] for o in msg.entities if o.get("entity") in QUANTITIES and "end" in o)
    for e in years:
        since = max((end for end in figures if end <= e["start"]), default=None)
        gap = msg.text[since:e["start"]] if since is not None else ""
        parts = CLAUSE_BREAK.split(gap)
        # "then 6 yrs here with my current company": or its own words after it, with no figure following
        if (len(parts) > 2 and any(has_cue("this_employer", p) for p in parts[1:-1])) or has_cue(
                "this_employer", _words_after(msg.text, e["end"])):
            out.usable[out.usable.index(e)] = {**e, "role": "with_employer"}
    lowered = msg.text.lower()
    trips = [m.start() for p in cue_patterns("went_home") for m in p.finditer(lowered) if not denied(lowered, m.start())]
    stays = [e for e in out.usable if e["entity"] == "years" and "start" in e and e.get("role") in (None, "continuous",
                                                                                                     "with_employer")]
    for e in stays:
        if e.get("role") is None and any(e["end"] <= trip < later["start"] for trip in trips for later in stays):
            out.before_this.append(e)
            clause = _clause_of(msg.text, e["start"], e["end"])  # "5 years in Taichung before": that job's place and trade
            out.set_aside(msg.text, [e] + [o for o in out.usable if o["entity"] in ("region", "industry") and "start" in o
                                           and msg.text[o["start"]:o["end"]] in clause])
            if not any(o["entity"] == "left_and_returned" for o in msg.entities + out.usable):
                out.usable.append({"entity": "left_and_returned", "value": True})  # went home between two stays


def _read_values(entities: list[dict], topic: str | None = None) -> dict[str, Any]:
    """Facts whose words say which they are: a role ("員工120人"), or a phrase naming a choice.
    A phrase for a fact of another topic is passing talk ("技術" in a question about mid-level workers)."""
    out: dict[str, Any] = {}
    for e in entities:
        f = registry.filled_by(e["entity"], e.get("role"))
        if f is not None and (e.get("role") or topic in f.topics or (topic is None and "midlevel" in f.topics)):
            out[f.id] = answers.typed(f.id, e["value"])
    return out


def _fact_of(e: dict, asked: registry.Fact | None, topic: str | None = None) -> str | None:
    """The fact a value would fill: its words' fact, else the one asked if of its kind, else its kind's usual."""
    if e.get("role"):
        f = registry.filled_by(e["entity"], e.get("role"))
    elif asked is not None and asked.entity == e["entity"]:
        f = asked
    else:
        f = registry.default_for(e["entity"], topic)
    return f.id if f is not None else None


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 0.01
    return a == b


def _replace(facts: dict, entities: list[dict], old: list[dict], msg: Incoming) -> dict[str, Any]:
    """"不是三萬 是三萬二", "6年不是7年": the fact holding the denied value takes the nearest new value of its kind,
    which no other fact then reads; with none, the bare number after it ("核配 不是60 是66")."""
    out: dict[str, Any] = {}
    for o in old:
        holders = [fid for fid, v in facts.items() if registry.fact(fid).entity == o["entity"]
                   and _same_value(answers.typed(fid, o["value"]), v)]
        new = sorted((e for e in entities if e["entity"] == o["entity"] and "start" in e
                      and (not e.get("role") or not o.get("role") or e["role"] == o["role"])),  # not "No mid-level"
                     key=lambda e: (e.get("role") != o.get("role"), abs(e["start"] - o.get("start", 0))))
        if len(holders) == 1 and new:
            out[holders[0]] = answers.typed(holders[0], new[0]["value"])
            entities.remove(new[0])
        elif len(holders) == 1 and "end" in o and (bare := _bare_after(msg, o["end"])) is not None:
            out[holders[0]] = answers.typed(holders[0], bare[0])
    return out


SAID_AGAIN_REACH = 24  # letters between a figure and the one that corrects it ("75 喔不對 是80")


def _bare_after(msg: Incoming, pos: int, reach: int | None = None) -> tuple[float, int, int] | None:
    """The first number after `pos` in its sentence that no entity holds and no negation stands before."""
    spans = [(e["start"], e["end"]) for e in msg.entities if "start" in e and e.get("entity") != "language"]
    end_of_sentence = pos + len(SENTENCE_BREAK.split(msg.text[pos:], maxsplit=1)[0])
    for value, start, end in numbers(msg.text):
        if start < pos or start >= end_of_sentence or (reach is not None and start - pos > reach):
            continue
        if not any(a < end and start < b for a, b in spans) and not _negated(msg.text[pos:start]):
            return value, start, end
    return None


def _said_again(msg: Incoming, entities: list[dict]) -> list[str]:
    """A figure then a correction word then a bare figure: the second is what was meant, with the first's words.
    Returns the figures replaced."""
    replaced = []
    for i, e in enumerate(entities):
        if e.get("entity") not in QUANTITIES or "end" not in e:
            continue
        bare = _bare_after(msg, e["end"], SAID_AGAIN_REACH)
        if bare is None or any(o.get("entity") != "language" and e["end"] <= o.get("start", -1) < bare[1]
                               for o in msg.entities):
            continue  # another figure between: the correction word is about that one
        if msg.text[bare[1]:bare[2]] not in ("一", "壹") and has_cue("correction", msg.text[e["end"]:bare[1]]):  # 一個越南的
            entities[i] = {**e, "value": bare[0], "start": bare[1], "end": bare[2]}
            replaced.append(msg.text[e["start"]:e["end"]])
    return replaced


PLANTS_TOTAL = re.compile(r"(?:兩|二|2|hai|dua|two|สอง)\s*(?:個|間|家)?\s*"
                          r"(?:廠|xưởng|xuong|nhà máy|nha may|pabrik|plants?|factories|โรงงาน)", re.I)
PLANTS_TOTAL_REACH = 20  # letters before a headcount in which "the two plants" stands ("tổng cộng hai xưởng là 45")


def _plants_total(message: str, e: dict) -> bool:
    """"tổng cộng hai xưởng là 45 người", "兩個廠加起來總共45個": the two plants' total of what was asked."""
    return "start" in e and PLANTS_TOTAL.search(message[max(0, e["start"] - PLANTS_TOTAL_REACH):e["start"]]) is not None


def _weakly_named(e: dict, asked: registry.Fact, message: str, alone: bool = False) -> dict:
    """A headcount whose role came from a weak word only ("目前有3個", "ตอนนี้มี 3 คน") answers the headcount asked;
    so does the only headcount of a message whose one staff word is a total's ("總共65" to the quota question)."""
    role = e.get("role")
    if e.get("entity") != "count" or not role or role == asked.role:
        return e
    weak = lexicon().get("weak_roles", {}).get("count", {}).get(role, [])
    strong = lexicon()["roles"]["count"].get(role, [])
    if alone and role == "employees":
        totals = set(cue_words("total"))
        weak, strong = weak + [w for w in strong if w in totals], [w for w in strong if w not in totals]
    if mentions(weak, message) and not mentions(strong, message):
        return {**e, "role": asked.role}
    return e


def _old_values(facts: dict, entities: list[dict]) -> list[dict]:
    """In a correction, the values equal to what a fact holds now, beside another value of their kind: they are
    the old figure being corrected; taken out of `entities`."""
    old = []
    for e in list(entities):
        holders = [fid for fid, v in facts.items() if registry.fact(fid).entity == e["entity"]
                   and _same_value(answers.typed(fid, e["value"]), v)]
        if len(holders) == 1 and any(o is not e and o["entity"] == e["entity"] for o in entities):
            holder = registry.fact(holders[0])
            if e.get("role") and holder.role and e["role"] != holder.role:
                # "80 is the quota, the migrant workers are 72": 80 moves to the fact its words name, and the fact that
                # held it takes the other figure of its kind
                rest = [o for o in entities if o is not e and o["entity"] == e["entity"] and o.get("role") in (None, holder.role)]
                if len(rest) == 1:
                    entities[entities.index(rest[0])] = {**rest[0], "role": holder.role}
                continue
            entities.remove(e)
            old.append(e)
    return old


def _stay_with_one_employer(entities: list[dict], values: dict, message: str, facts: dict | None = None,
                            asking: str | None = None) -> dict[str, Any]:
    """"在台灣8年了 一直都在我們公司": one stay, all of it with this employer, fills the employer's years too;
    years here since the day of arrival are the stay; asked the years here, "since I came" gives the known stay."""
    years = [e for e in entities if e["entity"] == "years"]
    stay = values.get("worker.continuous_years")
    if (len(years) == 1 and stay is not None and "worker.years_with_employer" not in values
            and _stated("same_employer_throughout", message)):
        return {"worker.years_with_employer": stay}
    here = values.get("worker.years_with_employer")
    if len(years) == 1 and here is not None and stay is None and _stated("since_arrival", message):
        return {"worker.continuous_years": here}  # "她一來台灣就是在我們家做 到現在6年": the whole stay, here
    known = (facts or {}).get("worker.continuous_years")
    if (asking == "worker.years_with_employer" and not years and known is not None and "worker.years_with_employer" not in values
            and (_stated("same_employer_throughout", message) or _stated("since_arrival", message))):
        return {"worker.years_with_employer": known}  # asked the years here: "กับนายจ้างนี้ตั้งแต่มาเลย", the whole stay
    return {}


def _stated(kind: str, message: str) -> bool:
    """A cue said as a statement: not after a no-word ("她不是一來台灣就在我們家的") nor in a question."""
    lowered = message.lower()
    return any(not said_not(lowered, m.start()) and not _asked_about(message, m.start(), m.end())
               for p in cue_patterns(kind) for m in p.finditer(lowered))


def _defaults(entities: list[dict], asked: registry.Fact | None, facts: dict, taken: dict,
              topic: str | None = None) -> dict[str, Any]:
    """A quantity with no word saying which fact, and not the kind asked: its usual fact in the topic, if still empty."""
    out: dict[str, Any] = {}
    for e in entities:
        if e.get("role") or (asked is not None and e["entity"] == asked.entity):
            continue
        f = registry.default_for(e["entity"], topic)
        if f is not None and facts.get(f.id) is None and f.id not in taken and f.id not in out:
            out[f.id] = answers.typed(f.id, e["value"])
    return out


def _answer(asked: registry.Fact, msg: Incoming, entities: list[dict], lang: str) -> answers.Answer | None:
    """The reply read as the answer to the question asked, when it is one."""
    if asked.entity == "certificate" and any(e["entity"] == "foreign_certificate" for e in entities):
        return None  # "yes, TESDA": a foreign certificate is not Taiwan's 技術士證
    own = [e for e in entities if e["entity"] == asked.entity and e.get("role") in (None, asked.role)]
    others = [e for e in entities if e["entity"] in QUANTITIES and e not in own]
    if asked.numeric and asked.kind != "choice" and not own and _says_age(msg.text):
        return None  # "umurku 38", "อายุ36ครับ": an age, not years of work
    if asked.numeric and asked.kind != "choice" and not own and _vague_reply(msg.text):
        # "兩百出頭吧", "6年多", "快7年": asked again, saying that the exact figure is needed and why
        return answers.Answer(False, complaint=text("interview.vague_number", lang))
    if asked.numeric and asked.kind != "choice":
        if others and not own:
            if asked.kind == "count" and answers.leading_none(msg.text) and all(e.get("value") == 0 for e in others):
                return answers.Answer(True, 0)  # "ยังไม่มีครับ ผู้เชี่ยวชาญต่างชาติก็ไม่มี": none, and none of those either
            return None  # "核配40人" to a question about years: the number is another fact's
        if not any(e["entity"] in QUANTITIES for e in entities) and answers.bare_number(msg.text) is None:
            found, every = _unnegated_numbers(msg.text), numbers(msg.text)
            if len(found) == 1 and len(every) > 1:  # "25 not 52": the one not denied
                return answers.Answer(True, answers.typed(asked.id, found[0]))
            if asked.entity == "money" and len(every) == 1 and every[0][0] >= MIN_WAGE_FIGURE and found:
                return answers.Answer(True, answers.typed(asked.id, every[0][0]))  # "36000 不含加班", "20,000 po sahod ko"
        other_facts = any(e["entity"] not in QUANTITIES for e in entities)  # "ko co chung chi" denies the certificate
        if asked.kind in ("count", "hours") and (answers.yes_no(msg.text) is False or answers.is_none(msg.text)
                                                 or (answers.says_none(msg.text) and not other_facts)
                                                 or (answers.leading_none(msg.text) and not own)):
            return answers.Answer(True, 0)  # 沒有 / zero to "how many": none
        if not any(e["entity"] in QUANTITIES for e in entities) and answers.bare_number(msg.text) is None:
            found, every = _unnegated_numbers(msg.text), numbers(msg.text)
            if len(every) == 1 and found and not is_question(msg.text) and _few_words_besides(msg.text, every[0], asked):
                return answers.Answer(True, answers.typed(asked.id, found[0]))  # "40 right now", "0 還沒有"
    if asked.id == "worker.taiwan_degree" and not any(e["entity"] == "degree" for e in entities) and (mentions(
            lexicon()["certificate"]["home_country"], msg.text) and not mentions(lexicon()["taiwan_words"], msg.text)
            or mentions(lexicon()["degree_none"], msg.text)):
        return answers.Answer(True, "none")  # "cuma lulus SMA di indo", "gk kuliah di taiwan": none from Taiwan
    if msg.intent in FAQ_INTENTS and not asked.numeric and is_question(msg.text):
        return None  # a question stays a question ("有技術士證有什麼用?"); "技術" to "what will you develop?" answers
    return answers.read(asked.id, msg.text, entities, msg.intent, lang)


FEW_WORDS = 3  # words around the one number of a reply that still make it a plain answer ("wala pa po, 0")


@lru_cache(maxsize=1)
def _hotlines() -> frozenset:
    return frozenset(float(c["phone"]) for c in default_parameters().contacts.values() if str(c["phone"]).isdigit())


def _few_words_besides(message: str, number: tuple[float, int, int], asked: registry.Fact | None = None) -> bool:
    """The reply is the number and a few words ("40 right now", "0 還沒有"), or words saying none around a 0
    ("i said none already lol. 0"); the asked fact's own name does not count ("jam pelatihan 0 kak, blm ada")."""
    value, start, end = number
    if value in _hotlines():
        return False  # "1955打過了": the hotline, not a figure
    rest = f"{message[:start]} {message[end:]}".lower()
    for word in lexicon().get("fact_names", {}).get(asked.id if asked else "", ()):
        rest = word_pattern(word).sub(" ", rest)
    if value == 0 and answers.says_none(rest):
        return True
    han = len(re.findall(r"[\u3400-\u9fff]", rest))
    thai = len(re.findall(r"[\u0e00-\u0e7f]", rest))
    latin = len(re.findall(r"[^\W\d_\u3400-\u9fff\u0e00-\u0e7f]+", rest))
    return latin + han / 2 + thai / 4 <= FEW_WORDS


def fact_value(fid: str, value: Any, lang: str) -> str:
    kind = registry.fact(fid).kind
    shown = answers.label(fid, value, lang) if kind == "choice" else region_name(value, lang) if kind == "region" else None
    return shown or format_value(value, lang)


def region_name(region: str, lang: str) -> str | None:
    """"Taoyuan (桃園市)", "Đào Viên (桃園市)", "เถาหยวน (桃園市)": a county in the reader's words, as workers write
    it (the extractor's names), the official name in brackets; the Chinese name alone in Chinese."""
    if lang == "zh-TW":
        return None
    names = raw_lexicon()["region_names"].get(region, [])  # as written: the first of a script is shown
    if lang == "th":
        own = [n for n in names if re.search(r"[\u0e00-\u0e7f]", n)]
    elif lang == "vi":
        own = [n for n in names if not n.isascii() and not re.search(r"[\u0e00-\u0e7f\u3400-\u9fff]", n)]
    else:
        own = [n for n in names if n.isascii()]
    return f"{own[0] if lang == 'th' else own[0].title()} ({region})" if own else None


def fact_text(fid: str, value: Any, lang: str) -> str:
    """"員工人數 120": a fact and its value as the user reads them."""
    return f"{text(f'fact.{fid}', lang)} {fact_value(fid, value, lang)}"


def _perspective_from_words(message: str) -> str | None:
    if has_cue("employer", message):
        return "employer"
    if has_cue("worker", message):
        return "worker"
    return None


def _infer_perspective(state: State) -> None:
    """Whoever knows the company's headcounts speaks for the company."""
    if state.topic in (None, "midlevel") and state.perspective is None and any(
            "worker" not in registry.fact(fid).asked for fid, v in state.facts.items() if v is not None):
        state.perspective = "employer"


# Conditions whose failure no answer to come can cure today (the industry, years still short, the job group):
# the verdict comes at once, "not yet" with the months to go and the rest listed as still to check.
SETTLED_WHEN_FAILED = ("industry", "worker_history", "occupation")


def next_question(state: State, verdict: Verdict | None) -> str | None:
    """The next thing to ask: the topic, who is asking, or the first fact the rules miss; nothing more once a
    condition has failed that no other answer could turn (a worker with 3 years is told so in 3 turns, not 11)."""
    if state.topic is None:
        return "topic"
    if state.topic == "midlevel" and state.perspective is None and "perspective" not in state.skipped:
        return "perspective"
    if verdict is not None and any(c.passed is False and c.id in SETTLED_WHEN_FAILED for c in verdict.conditions):
        return None
    missing = verdict.missing if verdict is not None else []
    who = state.perspective or "employer"
    for fid in missing:
        f = registry.fact(fid)
        if fid not in state.skipped and f is not None and who in f.asked:
            return fid
    return None


def infer_topic(facts: dict) -> str | None:
    """A first message full of facts, with no topic named: guess it from which facts they are."""
    known = {fid for fid, v in facts.items() if v is not None}
    for topic in ("midlevel", "training", "grants"):
        own = {f.id for f in registry.for_topic(topic) if f.topics == (topic,)}
        if known & own:
            return topic
    return None


def _evaluate(state: State, facts: dict, today: dt.date | None) -> tuple[Verdict | None, FactError | None]:
    try:
        return evaluate(answers.nest(facts, state.topic, state.as_of), today=today), None
    except FactError as exc:
        return None, exc


def _what_if(state: State, hypo: dict, lang: str, today: dt.date | None) -> Reply:
    """The verdict with the hypothetical values, against the one on the facts given: what would change."""
    now, _ = _evaluate(state, state.facts, today)
    then, error = _evaluate(state, {**state.facts, **hypo}, today)
    values = "・".join(fact_text(fid, v, lang) for fid, v in hypo.items())
    if then is None:
        return Reply(text(error.reason, lang, error.params))
    before = {c.id: c.passed for c in now.conditions} if now else {}
    icons = {True: "✅", False: "❌", None: "❔"}
    changes = [f"{icons[c.passed]} {message_text(c.message, lang)}" for c in then.conditions
               if before.get(c.id, "new") != c.passed]
    still = [f"❌ {message_text(c.message, lang)}" for c in then.conditions if c.passed is False and before.get(c.id) is False]
    summary = text(f"status.{then.topic}.{then.status}", lang)
    lines = [text("chat.what_if", lang, {"values": values, "summary": summary}), *changes,
             *([text("chat.what_if_still", lang), *still] if still else []), text("chat.what_if_kept", lang)]
    return Reply("\n".join(lines))


def step(state: State, msg: Incoming, today: dt.date | None = None) -> Turn:
    """Read one message in the interview; see the module docstring for the order."""
    lang = state.lang
    replies: list[Reply] = []
    say = lambda key, **params: replies.append(Reply(text(key, lang, params)))  # noqa: E731
    new = replace(state, facts=dict(state.facts), skipped=list(state.skipped), recent=list(state.recent))

    if len(msg.text or "") > MAX_MESSAGE:
        say("chat.too_long", limit=MAX_MESSAGE)
        verdict, _ = _evaluate(new, new.facts, today) if new.topic else (None, None)
        return Turn(new, {}, replies, next_question(new, verdict), verdict)

    reading = read_entities(msg, state.perspective, state.facts.get("company.industry"), state.asking)
    entities, ignored, negative = reading.usable, reading.ignored, reading.negative
    _infer_perspective(new)
    asked = registry.fact(state.asking) if state.asking else None
    if asked is not None and asked.entity == "count":  # "目前有3個" to the mid-level question: 目前有 is only a weak word
        alone = sum(e["entity"] == "count" for e in entities) == 1  # "總共65" to the quota question: its total
        entities[:] = [_weakly_named(e, asked, msg.text, alone or _plants_total(msg.text, e)) for e in entities]
    if state.asking == "company.industry" and state.perspective != "worker":  # "做鐵工的 在高雄": the company's trade
        first = CLAUSE_BREAK.split(msg.text, maxsplit=1)[0]
        entities[:] = [e for e in entities if not (e["entity"] == "occupation_group" and e.get("end", 0) <= len(first))]
    intent = msg.intent
    if has_cue("future", msg.text) and is_question(msg.text):  # "明年做滿6年 薪水調3萬7 這樣就可以了嗎": a what-if
        moved = [e for e in entities if e["entity"] in QUANTITIES]
        entities[:] = [e for e in entities if e not in moved]
        reading.hypothetical += moved
    for e in reading.questioned:  # "三萬五可以嗎" to the wage question; "那三萬七呢" with a wage known; else aside
        fid = _fact_of(e, asked, new.topic)
        if fid is not None and asked is not None and fid == asked.id and new.facts.get(fid) is None and not (
                "start" in e and has_cue("open_question", _clause_of(msg.text, e["start"], e["end"]))):
            entities.append(e)  # "hoc 80 tieng o dau vay" (where does one study 80 hours) asks, it does not answer
        elif fid is not None and new.facts.get(fid) is not None:
            reading.hypothetical.append(e)
        else:
            ignored.append(msg.text[e["start"]:e["end"]])
    says_correction = has_cue("correction", msg.text)
    corrects = intent == "correct" or says_correction
    if says_correction:  # "核配是75 喔不對 是80", "員工講75是錯的 … 是78才對": the figure said after takes its place
        ignored += _said_again(msg, entities)
    if corrects:  # "月薪剛剛打3萬3 其實是3萬2": the figure a fact holds now is the old one, beside a new one of its kind
        reading.replaced += _old_values(new.facts, entities)
    replaced = _replace(new.facts, entities, reading.replaced, msg)  # "不是三萬 是三萬二": the fact 三萬 was
    hypo = {}
    if reading.hypothetical:
        hypo = {**_read_values(reading.hypothetical, new.topic),
                **_defaults(reading.hypothetical, None, {}, {}, new.topic)}
        if not hypo and asked is not None and asked.entity == reading.hypothetical[0]["entity"]:
            hypo = {asked.id: answers.typed(asked.id, reading.hypothetical[0]["value"])}
    changes, spans = what_if.changed_by(msg.text, new.facts)  # "2 more years", "加薪2000": from the known fact
    if changes:
        hypo = changes
        moved = [e for e in entities if "start" in e and any(a < e["end"] and e["start"] < b for a, b in spans)]
        entities[:] = [e for e in entities if e not in moved]
        reading.hypothetical += moved
    elif not hypo and not entities:
        hypo = what_if.bare_amount(msg.text, new.facts, MIN_WAGE_FIGURE)  # "ถ้าได้ 31000 ล่ะคะ"

    answer, complaint = None, None
    # a value read and set aside ("快六年", "不是25") is not then taken from the bare text either
    # ... unless the message says none ("還沒上 下個月才要報名 40小時") or has another figure ("朋友的3萬5 我們給30500")
    set_aside = (bool(ignored) and not entities and not answers.leading_none(msg.text)
                 and not (asked is not None and asked.kind == "yes_no" and answers.clause_yes_no(msg.text) is not None)
                 and not any(v != 1 for v, *_ in numbers(_without(msg, ignored).text)))  # 一條產線, satu line: a "one"
    if (state.asking and state.asking != "perspective" and intent not in {*TOPIC_INTENTS, *LEAVE_INTENTS, "dont_know"}
            and not entities and (answers.is_skip(msg.text) or answers.knows_not(msg.text))):
        intent = "dont_know"  # "di ko pa alam po, next question na lang" (taken for resume): the question is skipped
    if state.asking == "perspective" and intent not in TOPIC_INTENTS and _perspective_from_words(msg.text):
        intent = "inform"  # "I'm the employer", "我是雇主的家人" (taken for a problem at work) answer who is speaking
    if intent in TOPIC_INTENTS and asked is not None and TOPIC_INTENTS[intent][0] not in (
            (new.topic,) if new.topic else asked.topics) and not hypo and (
            probe := _answer(asked, _without(msg, ignored), entities, lang)) is not None and probe.understood:
        intent = "inform"  # "訓練喔 她有去上長照的課 … 好像24小時" to the hours question answers it: no new topic
    answerable = intent not in NOT_ANSWERS or (  # "ora tau ikut kursus blas" (never) taken for not knowing: none
        intent == "dont_know" and asked is not None and asked.kind in ("count", "hours")
        and answers.names_none(msg.text) and not answers.knows_not(msg.text)) or (
        # "7 taun, tapi pindah majikan sekali": the years still answer
        intent == "report_problem" and asked is not None and (asked.entity == "years" or asked.kind == "choice"))
    if answerable and asked is not None and not reading.hypothetical and not hypo and not set_aside and not replaced:
        answer = _answer(asked, _without(msg, ignored), entities, lang)
        if answer is not None and not answer.understood:
            answer, complaint = None, answer.complaint
    elif (set_aside and asked is not None and asked.numeric and not entities and _vague_reply(msg.text)
          and any(e.get("entity") == asked.entity for e in msg.entities)):
        complaint = text("interview.vague_number", lang)  # "6年多", "快7年" to the question: the exact figure, and why
    parted = _parted_fact(reading.parts)
    if parted is not None and state.facts.get(parted) is None:  # its total is asked next, saying why
        replies.append(Reply(text("chat.parts", lang, {
            "values": ("、" if lang == "zh-TW" else ", ").join(format_value(e["value"], lang) for e in reading.parts),
            "fact": text(f"fact.{parted}", lang), "total": format_value(sum(e["value"] for e in reading.parts), lang)})))
    else:
        parted = None
    if intent in LEAVE_INTENTS and answer is None:
        verdict, _ = _evaluate(new, new.facts, today) if new.topic else (None, None)
        return Turn(new, {}, [], next_question(new, verdict), verdict, leave=True)

    values = _read_values(entities, TOPIC_INTENTS.get(intent, (new.topic,))[0] or new.topic)
    values.update(replaced)
    understood = bool(values)
    # "剛剛說他有證照是我亂講的", "hindi pala 6 years, di ko sure": a value its giver takes back, with none in its place
    withdrawn = (_withdrawn(state, msg, reading, named=corrects or intent == "dont_know")
                 if not (hypo or reading.hypothetical) and all(_same_value(state.facts.get(fid), v) for fid, v in values.items())
                 else {})
    if intent in TOPIC_INTENTS:
        topic, perspective = TOPIC_INTENTS[intent]
        if new.topic and new.topic != topic:
            new.previous_topic = new.topic
            say("chat.topic_switched", topic=text(f"topic.{topic}", lang), back=text(f"topic.{new.topic}", lang))
        new.topic = topic
        if perspective and new.perspective is None:  # who is speaking is kept; words saying so change it (below)
            new.perspective = perspective
        understood = True
    elif intent == "resume":
        if new.previous_topic:
            new.topic, new.previous_topic = new.previous_topic, new.topic
            say("chat.resumed", topic=text(f"topic.{new.topic}", lang))
        understood = True
    elif state.asking and asked is not None and asked.entity == "money" and answer is None and not values and (
            answers.yes_no(msg.text) is False or answers.is_none(msg.text)):  # "沒有" to the yearly pay: not known
        new.skipped.append(state.asking)
        say("chat.skipped")
        understood = True
    elif intent == "dont_know" and state.asking and answer is None and not withdrawn and not (is_question(msg.text) and not (
            answers.knows_not(msg.text) or answers.is_skip(msg.text))):
        new.skipped.append(state.asking)  # "ano po requirements? para alam ko po muna" asks: it skips nothing
        say("chat.skipped")
        understood = True
    elif corrects:
        # "5 tahun kak" to a question, classified as a correction: without words saying so it answers the question
        fixed = (_correct(new, entities, asked if says_correction else None, values, asked) or
                 _bare_correction(new, msg, asked, values))
        understood |= bool(fixed)
        values.update(fixed)
    elif answer is not None:
        # "高雄" to the training's region: not the company's region too
        values = {fid: v for fid, v in values.items() if fid == asked.id or registry.fact(fid).entity != asked.entity
                  or any(e.get("role") for e in entities if e["entity"] == asked.entity)}
        if asked.id not in values:
            values[asked.id] = answer.value
        understood = True
    elif intent == "set_language":
        understood = True
        replies.append(Reply(*language_reply(msg.language_named, lang)))
    elif intent in FAQ_INTENTS and not hypo and not (values and not is_question(msg.text)):  # "有技術士證" states a fact
        replies += [Reply(line) for line in answer_faq(intent, lang, region=new.facts.get("company.region"), message=msg.text,
                                                       industry=new.facts.get("company.industry"))["messages"]]
        understood = True
    elif intent == "report_problem" and not hypo and not (  # a guess that carries facts states them ("Chủ vừa trả
            values and not is_question(msg.text)  # lời: được phân bổ 20 người"); money and months are the problem's
            and any(registry.fact(fid).entity not in PROBLEM_QUANTITIES for fid in values)):
        say("chat.refer_1955")  # broker fees, deductions, changing employers, abuse: 1955 decides
        # "gak bayar gaji 2 bulan": two months unpaid, not a stay; a figure its words name ("his basic is 31k") stays
        entities[:] = [e for e in entities if e["entity"] not in PROBLEM_QUANTITIES or e.get("role")]
        understood = True
    elif intent in SOCIAL_INTENTS and state.asking:
        if intent == "thanks":
            say("chat.thanks_brief")
        understood = True
    elif intent == "out_of_scope" and state.asking and not entities:
        say("chat.out_of_scope_brief")
        understood = True
    values.update(_defaults(entities, asked, new.facts, values, new.topic))
    if withdrawn and all(_same_value(new.facts.get(fid), v) for fid, v in values.items()):
        values.update(withdrawn)
        understood = True
    if replaced and asked is not None and asked.id not in values:  # "Dạ 5 năm ạ. À xin lỗi, lương em là 30.500
        own = [e for e in entities if e["entity"] == asked.entity and not e.get("role")]  # chứ không phải 31.000"
        if own:
            values[asked.id] = answers.typed(asked.id, own[0]["value"])
    values.update(_stay_with_one_employer(entities, values, msg.text, state.facts, state.asking))
    if values.get("worker.left_and_returned") is False and state.asking != "worker.left_and_returned":
        del values["worker.left_and_returned"]  # "never went home" in passing says the stay was continuous, not asked
    understood |= bool(values) or parted is not None

    speaker = _perspective_from_words(msg.text)
    if speaker and (new.topic in (None, "midlevel")):
        new.perspective = speaker
        understood |= state.asking == "perspective"

    if any(e["entity"] == "foreign_certificate" for e in entities):
        say("chat.foreign_certificate")
        understood = True
        values.update(_foreign_certificate(new.facts, values, msg.text))
    for e in negative:
        say("chat.negative", value=format_value(e["value"], lang))
        understood = True
    wage = "worker.monthly_wage"
    # the regular wage includes monthly allowances, unless a figure after them is the total ("…1,500, so 32k")
    if reading.allowances and values.get(wage) is not None and not _after_allowances(entities, reading.allowances):
        values[wage] = answers.typed(wage, values[wage] + sum(e["value"] for e in reading.allowances
                                                                if e["value"] < values[wage]))
    if corrects:  # "sorry po, it's 10 years total": the figure moves to the fact its words name
        values.update(_moved(new.facts, values, entities))
    values.update(_stay_by_sum(values, reading.before_this, msg.text))
    stay, here = values.get("worker.continuous_years"), values.get("worker.years_with_employer")
    if stay is not None and here is not None and stay < here:  # "first 3 years in Kaohsiung … here 6 years": a part
        del values["worker.continuous_years"]  # of the stay, not the stay: asked again
    if new.topic in ("grants", "training"):  # "想換新的自動化包裝線": equipment, not a worker's job
        for fid in [f for f in values if f.startswith("worker.") and f != state.asking]:
            del values[fid]
    if values.get("worker.abroad_now") is True:  # "I'm in Pinas now, I worked 12 years in a factory before": the old
        for fid in FORMER_JOB_FACTS:  # job's trade and place are not the next employer's
            if fid in values and fid != state.asking and new.facts.get(fid) is None:
                del values[fid]
    trade = "company.industry"  # a trade named in passing ("caregiver course", "哪來製造業的證照") keeps the one given
    if (values.get(trade) is not None and state.facts.get(trade) not in (None, values[trade])
            and state.asking != trade and not corrects and not has_cue("negation", msg.text)):  # "不是啦 我們是營造業"
        value = values.pop(trade)
        ignored += [msg.text[e["start"]:e["end"]] for e in entities
                    if e["entity"] == "industry" and e["value"] == value and "start" in e][:1]
    refused_answer = False
    for fid, value in list(values.items()):
        if registry.fact(fid).implausible(value):
            low, high = registry.fact(fid).plausible
            say("chat.implausible", fact=text(f"fact.{fid}", lang), value=format_value(value, lang),
                low=format_value(low, lang), high=format_value(high, lang))
            del values[fid]
            # "0" to the yearly pay, again and again, is a miss (skipped after two); a referral or an FAQ is not
            refused_answer |= fid == state.asking and intent not in NOT_ANSWERS | SOCIAL_INTENTS | set(FAQ_INTENTS)
            understood = not refused_answer

    changed = {fid: v for fid, v in values.items() if new.facts.get(fid) != v}
    overwritten = [fid for fid in changed if new.facts.get(fid) is not None and changed[fid] is not None]
    new.facts.update(changed)
    new.facts = {fid: v for fid, v in new.facts.items() if v is not None}  # a withdrawn value is asked again
    if new.topic is None and (topic := infer_topic(new.facts)):
        new.topic = topic
    _infer_perspective(new)

    verdict, error = _evaluate(new, new.facts, today) if new.topic else (None, None)
    if error is not None and registry.fact(error.field):
        say(error.reason, **error.params)
        new.facts[error.field] = state.facts.get(error.field)
        changed.pop(error.field, None)
        verdict, _ = _evaluate(new, new.facts, today)

    if hypo and new.topic:
        replies.append(_what_if(new, hypo, lang, today))
        understood = True
    if intent == "correct" and not changed and not hypo:
        known = "・".join(fact_text(fid, new.facts[fid], lang) for fid in new.recent[-3:] if new.facts.get(fid) is not None)
        say("chat.correction_unchanged", facts=known or "—")
    if understood or not state.asking:
        new.misses = 0
    else:
        new.misses += 1
        if new.misses >= MAX_MISSES and state.asking:
            new.skipped.append(state.asking)
            say("chat.skip_after_misses")
            new.misses = 0
        elif not refused_answer:  # the refusal already said why
            replies.append(Reply(complaint or text("chat.not_understood", lang)))

    for fid in changed:
        if fid in new.recent:
            new.recent.remove(fid)
        new.recent.append(fid)
    heard = None
    volunteered = state.asking is not None and state.asking not in changed  # the same question comes again
    read_from_words = changed and not _plain_reply(msg.text)  # "移工核配30個 本勞120人": say what was taken
    referred = changed and intent == "report_problem"  # the 1955 text beside a figure: say the figure was kept too
    if len(changed) >= 2 or overwritten or (changed and volunteered) or read_from_words or None in changed.values() or referred:
        heard = "\n".join(
            [text("chat.heard", lang, {"facts": "・".join(fact_text(fid, v, lang) for fid, v in changed.items()
                                                          if fid not in overwritten and v is not None)})]
            * any(fid not in overwritten and v is not None for fid, v in changed.items())
            + [text("chat.corrected", lang, {"fact": text(f"fact.{fid}", lang), "value": fact_value(fid, changed[fid], lang)})
               for fid in overwritten]
            + [text("chat.withdrawn", lang, {"fact": text(f"fact.{fid}", lang)}) for fid, v in changed.items() if v is None])
        replies.insert(0, Reply(heard, [{"title": text("chat.button.fix", lang), "payload": "/correct"}]))
    new.asking = next_question(new, verdict)
    taken_back = [fid for fid, v in changed.items() if v is None and verdict is not None and fid in verdict.missing]
    if parted is not None and verdict is not None and parted in verdict.missing:
        taken_back = [parted]  # "A廠核配40人、B廠核配25人": the company's total of that is what comes next
    if new.asking is not None and len(taken_back) == 1 and taken_back[0] not in new.skipped:
        new.asking = taken_back[0]  # "薪水不對": its new value is what comes next
    return Turn(new, changed, replies, new.asking, verdict, what_if=hypo or None, ignored=ignored, heard=heard)


def _plain_reply(message: str) -> bool:
    """A reply that is its value and nothing else ("120", "三萬五", "沒有", "yes", a button): nothing to say back."""
    message = message.strip()
    return (message.startswith("/") or answers.bare_number(message) is not None or answers.yes_no(message) is not None
            or answers.is_none(message) or answers.is_skip(message))


def _foreign_certificate(facts: dict, values: dict, message: str) -> dict[str, Any]:
    """"他的證照是在越南考的 台灣的還沒考": a foreign certificate is not Taiwan's, so no Taiwan one yet is false;
    one said to be foreign after a yes takes the yes back, and the question is asked again."""
    fid = "worker.certificate"
    if values.get(fid) is not None:
        return {}
    if mentions(lexicon()["certificate"]["taiwan_not_yet"], message):
        return {fid: False}
    return {fid: None} if facts.get(fid) is True else {}


def _unnegated_numbers(message: str) -> list[float]:
    """The numbers of a message that are not the old value after 不是/not ("sorry 25 not 52" → 25)."""
    out, previous = [], 0
    for value, start, end in numbers(message):
        clause = _clause_of(message, start, end)
        if not (_negated(message[previous:start]) or has_cue("other_person", clause) or has_cue("rule_talk", clause)):
            out.append(value)
        previous = end
    return out


def _without(msg: Incoming, ignored: list[str]) -> Incoming:
    """The message with the figures set aside blanked out (same length, so offsets hold): "我朋友的移工月薪都3萬5
    我們是給30500" then has one figure left to answer the wage question with."""
    text_left = msg.text
    for span in ignored:
        text_left = text_left.replace(span, " " * len(span), 1)
    return replace(msg, text=text_left) if text_left != msg.text else msg


CALENDAR_YEARS = (1980, 2040)  # a figure in this range beside a correction is a date ("2018年期滿"), not a value


def _stay_by_sum(values: dict, before: list[dict], message: str) -> dict[str, Any]:
    """"在我們這9年，之前在別家做3年，是直接轉過來的": one job straight after the other, so the stay in Taiwan is their
    sum (the message giving no stay of its own)."""
    here = values.get("worker.years_with_employer")
    if (len(before) != 1 or here is None or values.get("worker.continuous_years") is not None
            or not has_cue("transferred_directly", message)):
        return {}
    return {"worker.continuous_years": answers.typed("worker.continuous_years", here + before[0]["value"])}


def _moved(facts: dict, values: dict, entities: list[dict]) -> dict[str, Any]:
    """A correction whose one figure of its kind is what another fact holds, now with words naming an empty fact
    ("sorry po typo, it's 10 years total", "6 ปีคือรวมทั้งหมด"): the figure moves, and the other fact is withdrawn."""
    out: dict[str, Any] = {}
    for fid, value in values.items():
        kind = registry.fact(fid).entity
        if facts.get(fid) is not None or value is None or sum(e["entity"] == kind for e in entities) != 1:
            continue
        holders = [h for h, held in facts.items() if h != fid and h not in values and registry.fact(h).entity == kind
                   and _same_value(held, value)]
        if len(holders) == 1:
            out[holders[0]] = None
    return out


def _withdrawn(state: State, msg: Incoming, reading: Reading, named: bool = True) -> dict[str, None]:
    """The facts a message takes back without a new value: the one holding a figure it denies ("hindi pala 6
    years", "員工不是2個啦"), else, in a correction, those its words name (lexicon `fact_names`; of several of one
    kind, the one set last)."""
    held = {fid: v for fid, v in state.facts.items() if v is not None}
    denied = [fid for e in msg.entities if e.get("entity") in QUANTITIES and "start" in e
              and _negated(msg.text[max(0, e["start"] - SAID_AGAIN_REACH):e["start"]])
              for fid, v in held.items() if registry.fact(fid).entity == e["entity"]
              and _same_value(answers.typed(fid, e["value"]), v)]
    if len(set(denied)) == 1:
        return {denied[0]: None}
    if not named or any(e.get("entity") in QUANTITIES for e in reading.usable):
        return {}  # a figure of its own that changed nothing: not a taking back
    lowered = msg.text.lower()
    naming = [fid for fid, words in lexicon().get("fact_names", {}).items()
              if fid in held and any(word_pattern(w).search(lowered) for w in words)]
    order = {fid: i for i, fid in enumerate(state.recent)}
    out: dict[str, None] = {}
    for kind in {registry.fact(fid).entity or fid for fid in naming}:
        same = [fid for fid in naming if (registry.fact(fid).entity or fid) == kind]
        out[max(same, key=lambda fid: order.get(fid, -1))] = None
    return out


def _bare_correction(state: State, msg: Incoming, asked: registry.Fact | None, values: dict) -> dict[str, Any]:
    """"員工打錯了，應該是一百二": a number with no unit goes to the fact its words name anywhere in the
    message, else the question asked, else the quantity set last."""
    if any(state.facts.get(fid) != v for fid, v in values.items()) or any(
            e["entity"] in QUANTITIES for e in msg.entities):
        return {}  # a fact already known named again ("打錯 是23000 家庭看護哪有那麼高") leaves the figure to correct
    found = [v for v in _unnegated_numbers(msg.text) if not CALENDAR_YEARS[0] <= v <= CALENDAR_YEARS[1]]
    if len(found) != 1:
        return {}
    named = {f.id for f in registry.facts().values() if f.role and f.entity in QUANTITIES
             and any(word_pattern(w).search(msg.text.lower()) for w in lexicon()["roles"].get(f.entity, {}).get(f.role, ()))}
    numeric = [fid for fid in reversed(state.recent) if registry.fact(fid).entity in QUANTITIES]
    denied_values = [v for v, *_ in numbers(msg.text) if v not in found]  # "不是25是20": the fact holding 25
    holders = [fid for fid, v in state.facts.items() if registry.fact(fid).entity in QUANTITIES
               and any(_same_value(answers.typed(fid, d), v) for d in denied_values)]
    target = (named.pop() if len(named) == 1 else holders[0] if len(holders) == 1
              else asked.id if asked is not None and asked.entity in QUANTITIES
              else numeric[0] if numeric else None)
    return {target: answers.typed(target, found[0])} if target else {}



def _correct(state: State, entities: list[dict], asked: registry.Fact | None, values: dict,
             answering: registry.Fact | None = None) -> dict[str, Any]:
    """"不對，是80人": a value with no words of its own goes to the last fact of its kind that was set; with no
    words of correction, to the question being answered (`answering`) when it is of that kind."""
    if values:
        return {}  # the words said which fact: already read
    for e in entities:
        kind = e["entity"]
        if asked is None and answering is not None and answering.entity == kind:
            return {answering.id: answers.typed(answering.id, e["value"])}
        candidates = ([fid for fid in reversed(state.recent) if registry.fact(fid).entity == kind]
                      or ([asked.id] if asked is not None and asked.entity == kind else [])
                      or [fid for fid in state.facts if registry.fact(fid).entity == kind]
                      or ([registry.default_for(kind, state.topic).id] if registry.default_for(kind, state.topic) else []))
        if len(candidates) == 1 or (candidates and (state.recent or asked)):
            return {candidates[0]: answers.typed(candidates[0], e["value"])}
    return {}
