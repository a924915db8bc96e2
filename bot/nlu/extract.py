"""Quantities and domain terms in Traditional Chinese chat text, built on spaCy and cn2an.

A blank spaCy pipeline with a tokenizer that keeps numerals whole (32,000 / 3.2萬 / 三萬二 / 3萬4),
a Matcher for quantity patterns (number + unit), a PhraseMatcher for domain words, and a look at the
clause around each quantity to tell which fact it is ("員工120人" → employees, "移工30人" → migrant
workers). Pure Python: the Rasa component in ``components.py`` only wraps it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cn2an
import spacy
import yaml
from opencc import OpenCC
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from bot.rules.parameters import default_parameters

LEXICON = Path(__file__).with_name("lexicon.yaml")
CN_DIGITS = "零〇一二兩两三四五六七八九十百千"
NUMERAL = re.compile(
    rf"(?:[0-9][0-9,]*(?:\.[0-9]+)?|[{CN_DIGITS}]+)(?:[萬万](?:[0-9]+|[{CN_DIGITS}]+)?)?|半")
TOKEN = re.compile(rf"NT\$|{NUMERAL.pattern}|[A-Za-z]+|\s+|.", re.S)
HALF = 1 / 2  # 半, as in 六年半
CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n、]")

if not Token.has_extension("number"):
    Token.set_extension("number", default=None)
if not Token.has_extension("is_numeral"):
    Token.set_extension("is_numeral", default=False)


@dataclass(frozen=True)
class Found:
    """One extracted value: kind is the entity name, role the fact it fills (or None)."""

    kind: str
    value: object
    start: int
    end: int
    text: str
    role: str | None = None


def to_number(text: str) -> float | None:
    """三萬二 → 32000, 3.2萬 → 32000, 32,000 → 32000, 半 → ½."""
    if text == "半":
        return HALF
    cleaned = text.replace(",", "").replace("兩", "二").replace("两", "二").replace("〇", "零").replace("萬", "万")
    try:
        value = float(cn2an.cn2an(cleaned, "smart"))
    except (ValueError, KeyError):
        return None
    return int(value) if value.is_integer() else value


class NumeralTokenizer:
    """Splits Chinese text into characters, but keeps numerals, NT$ and Latin words whole."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces = [m.group(0) for m in TOKEN.finditer(text)]
        words, spaces = [], []
        for piece in pieces:
            if piece.isspace() and words:
                spaces[-1] = True
                continue
            if piece.isspace():
                continue
            words.append(piece)
            spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token in doc:
            if NUMERAL.fullmatch(token.text):
                token._.number = to_number(token.text)
                token._.is_numeral = token._.number is not None
        return doc


def _num(op: str = "") -> dict:
    return {"_": {"is_numeral": True}, **({"OP": op} if op else {})}


def _words(*words: str) -> list[dict]:
    """A multi-character word as one pattern token per character (the tokenizer splits Han text)."""
    return [{"TEXT": ch} for ch in words[0]] if len(words) == 1 else [{"TEXT": {"IN": list(words)}}]


PATTERNS = {
    # 3萬2元, 32,000元, 32k, NT$32,000, 3萬4（money needs a money sign or unit, or a 萬 inside)
    "money": [
        [{"TEXT": "NT$"}, _num()],
        [_num(), {"LOWER": "k"}],
        [_num(), {"TEXT": {"IN": ["元", "塊"]}}],
        [{"TEXT": {"REGEX": r"[萬万]"}, "_": {"is_numeral": True}}],
    ],
    "count": [[_num(), {"TEXT": {"IN": ["人", "位", "名", "個"]}}]],
    # 6年, 六年半, 5年8個月, 8個月
    "years": [
        [_num(), {"TEXT": "年"}, {"TEXT": "半", "OP": "?"}],
        [_num(), {"TEXT": "年"}, _num(), {"TEXT": "個", "OP": "?"}, {"TEXT": "月"}],
        [_num(), {"TEXT": "個"}, {"TEXT": "月"}],
    ],
    "hours": [[_num(), {"TEXT": "小"}, {"TEXT": "時"}], [_num(), {"TEXT": "鐘"}, {"TEXT": "頭"}],
              [_num(), {"LOWER": {"IN": ["h", "hr", "hrs", "hour", "hours"]}}]],
    # 25%, 百分之二十五, 兩成
    "percent": [[_num(), {"TEXT": {"IN": ["%", "％"]}}], [{"TEXT": "百"}, {"TEXT": "分"}, {"TEXT": "之"}, _num()],
                [_num(), {"TEXT": "成"}]],
}


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """The lexicon, converted like the input is (s2twp writes 機台 as 機臺), so the two always agree."""
    def convert(node):
        if isinstance(node, dict):
            return {k: convert(v) for k, v in node.items()}
        if isinstance(node, list):
            return sorted({to_traditional(w) for w in node} | set(node))
        return node
    return convert(yaml.safe_load(LEXICON.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("s2twp")


@lru_cache(maxsize=1)
def pipeline() -> tuple:
    """The spaCy pipeline and its matchers, built once."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = NumeralTokenizer(nlp.vocab)
    matcher = Matcher(nlp.vocab)
    for kind, patterns in PATTERNS.items():
        matcher.add(kind, patterns)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind in ("industry", "target", "class_type", "occupation_group"):
        for value, words in _lexicon()[kind].items():
            phrases.add(f"{kind}={value}", [nlp.make_doc(w) for w in words])
    for region, names in region_names().items():
        phrases.add(f"region={region}", [nlp.make_doc(n) for n in names])
    return nlp, matcher, phrases


def region_names() -> dict[str, set[str]]:
    """Each county or city by its official name, with 台 for 臺, and without 市/縣 where unambiguous."""
    regions = default_parameters().regions
    short = {}
    for r in regions:
        short.setdefault(r[:-1], []).append(r)
    out = {}
    for r in regions:
        names = {r, r.replace("臺", "台")}
        if len(short[r[:-1]]) == 1:
            names |= {r[:-1], r[:-1].replace("臺", "台")}
        out[r] = names
    return out


def to_traditional(text: str) -> str:
    return _converter().convert(text)


def _value(kind: str, span) -> float | None:
    numbers = [t._.number for t in span if t._.number is not None]
    if not numbers:
        return None
    text = span.text
    if kind == "money":
        value = numbers[0] * (1000 if span[-1].lower_ == "k" else 1)
        return value
    if kind == "years":
        if "月" in text and "年" not in text:
            return round(numbers[0] / 12, 2)
        years = numbers[0] + (HALF if text.endswith("半") else 0)
        if len(numbers) > 1 and "月" in text:
            years += numbers[1] / 12
        return round(years, 2)
    if kind == "percent":
        return numbers[0] * 10 if text.endswith("成") else numbers[0]
    return numbers[0]


def _role(kind: str, doc: Doc, span) -> str | None:
    """The role word nearest to the quantity within its clause."""
    roles = _lexicon()["roles"].get(kind)
    if not roles:
        return None
    text = doc.text
    start, end = span.start_char, span.end_char
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right_break = CLAUSE_BREAK.search(text, end)
    right = right_break.start() if right_break else len(text)
    best: tuple[int, str] | None = None
    for role, words in roles.items():
        for word in words:
            for m in re.finditer(re.escape(word), text[left:right]):
                w_start, w_end = left + m.start(), left + m.end()
                if w_start < end and w_end > start:
                    continue  # the word is inside the quantity itself
                distance = start - w_end if w_end <= start else (w_start - end) * 2  # prefer words before
                if best is None or distance < best[0]:
                    best = (distance, role)
    return best[1] if best else None


CUE_WINDOW = 4  # characters between a cue word and its number ("月薪大概" + 32000)
CUE_KINDS = ("money", "count")


def _cue_before(doc: Doc, token) -> tuple[str, str] | None:
    before = doc.text[max(0, token.idx - CUE_WINDOW - 6):token.idx]
    before = CLAUSE_BREAK.split(before)[-1]
    best = None
    for kind in CUE_KINDS:
        for role, words in _lexicon()["roles"][kind].items():
            for word in words:
                pos = before.rfind(word)
                if pos >= 0 and len(before) - (pos + len(word)) <= CUE_WINDOW:
                    gap = len(before) - (pos + len(word))
                    if best is None or gap < best[0]:
                        best = (gap, kind, role)
    return (best[1], best[2]) if best else None


def extract(text: str) -> list[Found]:
    """Every quantity and domain term found, left to right, longest match first."""
    text = to_traditional(text)
    nlp, matcher, phrases = pipeline()
    doc = nlp(text)
    found: list[Found] = []
    taken: set[int] = set()
    matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for match_id, start, end in matches:
        if taken & set(range(start, end)):
            continue
        kind = nlp.vocab.strings[match_id]
        span = doc[start:end]
        value = _value(kind, span)
        if value is None:
            continue
        if kind == "years" and value > 80:  # 2026年, 114年 are calendar years, not durations
            continue
        taken |= set(range(start, end))
        found.append(Found(kind, value, span.start_char, span.end_char, span.text, _role(kind, doc, span)))
    for token in doc:  # a bare number right after a cue: 月薪33000, 員工120, 核配30
        if token.i in taken or token._.number is None:
            continue
        cue = _cue_before(doc, token)
        if cue:
            kind, role = cue
            taken.add(token.i)
            found.append(Found(kind, token._.number, token.idx, token.idx + len(token.text), token.text, role))
    for match_id, start, end in sorted(phrases(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if taken & set(range(start, end)):
            continue
        kind, value = nlp.vocab.strings[match_id].split("=")
        span = doc[start:end]
        taken |= set(range(start, end))
        found.append(Found(kind, int(value) if kind == "occupation_group" else value,
                           span.start_char, span.end_char, span.text))
    return sorted(found, key=lambda f: f.start)


def bare_number(text: str) -> float | None:
    """A message that is only a number ("120", "3.3萬", "三萬三", "33k", "80小時"): its value."""
    text = to_traditional(text.strip())
    nlp, matcher, _ = pipeline()
    doc = nlp(text)
    numbers = [t for t in doc if t._.number is not None]
    if len(numbers) != 1:
        return None
    found = extract(text)
    if found and found[0].kind in ("money", "count", "years", "hours", "percent") and len(found) == 1:
        return found[0].value
    rest = [t for t in doc if t._.number is None and t.text not in ("元", "人", "位", "名", "個", "年", "小", "時", "k", "K", "%")]
    return numbers[0]._.number if not rest else None
