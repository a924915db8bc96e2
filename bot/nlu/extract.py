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
from pythainlp.tokenize import word_tokenize
from pythainlp.util import thaiword_to_num
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from bot.nlu.unaccent import unaccented
from bot.rules.parameters import default_parameters

LEXICON = Path(__file__).with_name("lexicon.yaml")
CN_DIGITS = "零〇一二兩两三四五六七八九十百千"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Full-width ASCII (４５人, ＮＴ＄) as ASCII, one character for one, so offsets stay where they were.
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
DIGIT = "0-9\u0e50-\u0e59"
# 32,000 and 35.000 group thousands; 3.5 and 6,5 are decimals; 三萬二, 3萬4 and 半 are Chinese numerals.
GROUPED = re.compile(rf"[{DIGIT}]{{1,3}}(?:,[{DIGIT}]{{3}})+(?![{DIGIT}])|[{DIGIT}]{{1,3}}(?:\.[{DIGIT}]{{3}})+(?![{DIGIT}])")
# 2千, 2千5 and 3萬2千: a figure with 千 after it is thousands, as cn2an reads it ("全勤2千" is 2000, not 2).
NUMERAL = re.compile(
    rf"(?:{GROUPED.pattern}|[{DIGIT}]+(?:[.,][{DIGIT}]+)?(?:[千百][0-9]{{0,3}}(?![0-9]))*|[{CN_DIGITS}]+)"
    rf"(?:[億亿](?:[0-9]+|[{CN_DIGITS}]+)?)?(?:[萬万](?:[0-9]+(?:[千百][0-9]{{0,3}}(?![0-9]))*|[{CN_DIGITS}]+)?)?|半")
LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
THAI_RUN = re.compile(r"[\u0e00-\u0e4f\u0e5a-\u0e7f]+")
TOKEN = re.compile(rf"NT\$|{NUMERAL.pattern}|[{LATIN}]+|{THAI_RUN.pattern}|\s+|.", re.S)
HALF = 1 / 2  # 半, as in 六年半
# Bounds on the work one message can cause (not legal thresholds): the text read, a numeral's length,
# and how many quantities are read. A chat message past them is refused politely before this.
MAX_TEXT_CHARS = 800  # as the interview step's MAX_MESSAGE: a message it takes is read whole
MAX_NUMERAL_CHARS = 24
MAX_QUANTITIES = 40
ROLE_REACH = 40  # letters either side of a quantity in which its role word is looked for (within its clause)
# Punctuation between clauses; a comma inside a figure (29,500) and a decimal point are not breaks.
# Thai writes no commas: a space between two Thai words ends a phrase ("…ได้สี่หมื่นห้า น้องชายผม…").
CLAUSE_BREAK = re.compile(r"[，。；;！!？?\n、]|,(?!\d)|\.(?=\s|$)|\s[-–—]\s|(?:(?<=[\u0e00-\u0e7f])|^)\s+(?=[\u0e00-\u0e7f])")
THAI_SCALES = ("พัน", "หมื่น", "แสน", "ล้าน")
THAI_NUMBER = re.compile("(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน)+")

if not Token.has_extension("number"):
    Token.set_extension("number", default=None)
for _flag in ("is_numeral", "scaled"):
    if not Token.has_extension(_flag):
        Token.set_extension(_flag, default=False)


@dataclass(frozen=True)
class Found:
    """One extracted value: kind is the entity name, role the fact it fills (or None)."""

    kind: str
    value: object
    start: int
    end: int
    text: str
    role: str | None = None


CN_FORMS = str.maketrans({"兩": "二", "两": "二", "〇": "零", "萬": "万", "億": "亿"})  # as cn2an reads them


def to_number(text: str) -> float | None:
    """三萬二 → 32000, 3.2萬 → 32000, 32,000 and 32.000 → 32000, 6,5 → 6.5, ๓๕ → 35, 半 → ½."""
    if text == "半":
        return HALF
    text = text.translate(THAI_DIGITS)
    if GROUPED.fullmatch(text):
        text = text.replace(",", "").replace(".", "")
    cleaned = text.replace(",", ".").translate(CN_FORMS)
    if len(cleaned) > MAX_NUMERAL_CHARS:
        return None  # 一一一…: no one writes a number that long, and cn2an would overflow on it
    short = re.fullmatch(r"(.+)亿([一二三四五六七八九1-9])", cleaned)  # 一億二: 1.2 億, as 三萬二 is 3.2 萬
    if short:
        head, tail = to_number(short.group(1)), to_number(short.group(2))
        return None if head is None or tail is None else int(head * 100_000_000 + tail * 10_000_000)
    try:
        value = float(cn2an.cn2an(cleaned, "smart"))
    except (ValueError, KeyError, OverflowError):
        return None
    return int(value) if value.is_integer() else value


def thai_words(run: str) -> list[str]:
    """A Thai run split into words, with number words (สามหมื่นห้าพัน) kept as one piece."""
    pieces, at = [], 0
    for m in THAI_NUMBER.finditer(run):
        if m.start() > at:
            pieces += word_tokenize(run[at:m.start()], engine="newmm", keep_whitespace=False)
        pieces.append(m.group(0))
        at = m.end()
    if at < len(run):
        pieces += word_tokenize(run[at:], engine="newmm", keep_whitespace=False)
    return pieces


THAI_SHORT = re.compile("(.*(?:พัน|หมื่น|แสน|ล้าน))(หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า)")
THAI_SCALE = {"พัน": 1_000, "หมื่น": 10_000, "แสน": 100_000, "ล้าน": 1_000_000}


def _thai_number(word: str) -> float | None:
    """Thai number words; สามหมื่นหก is spoken for สามหมื่นหกพัน (36,000), as 三萬六 is for 三萬六千, and พันห้า
    for 1,500."""
    if not THAI_NUMBER.fullmatch(word):
        return None
    try:
        short = THAI_SHORT.fullmatch(word)
        if short:
            scale = THAI_SCALE[next(k for k in THAI_SCALE if short.group(1).endswith(k))]
            return thaiword_to_num(short.group(1)) + thaiword_to_num(short.group(2)) * scale // 10
        return thaiword_to_num(word)
    except ValueError:
        return None


ORDINAL_NOUNS = ("month", "year", "amo", "employer", "contract", "time", "day", "floor", "job", "company")


def _ordinal(suffix: str, following: list[str]) -> bool:
    """1st, 2nd, 3rd; 13th only before a noun it orders ("13th month"): Indonesian writes 7 tahun as "7th"."""
    if suffix in ("st", "nd", "rd"):
        return True
    return suffix == "th" and any(w.lower().startswith(ORDINAL_NOUNS) for w in following if w.strip())


class NumeralTokenizer:
    """Han text into characters, Thai into words (pythainlp), Latin into words; numerals kept whole."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = [], []
        for m in TOKEN.finditer(text):
            piece = m.group(0)
            if piece.isspace():
                if words:
                    spaces[-1] = True
                continue
            for word in (thai_words(piece) if THAI_RUN.fullmatch(piece) else [piece]):
                words.append(word)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        multipliers = _number_words()["multiplier"]
        for i, (token, word) in enumerate(zip(doc, words)):  # extensions set on numerals only: the others keep the defaults
            number, scaled = None, False
            if not spaces[i] and i + 1 < len(words) and _ordinal(words[i + 1].lower(), words[i + 2:i + 4]):
                continue  # "13th month pay", "my 2nd amo": an ordinal, not a quantity ("7th" alone is 7 tahun)
            if NUMERAL.fullmatch(word):
                number, scaled = to_number(word), any(ch in word for ch in "萬万億亿")
            elif (value := _thai_number(word)) is not None and word.lower() not in multipliers:
                number, scaled = value, any(m in word for m in THAI_SCALES)
            if number is not None:
                token._.number, token._.scaled, token._.is_numeral = number, scaled, True
        _merge_number_words(doc)
        return doc


@lru_cache(maxsize=1)
def _number_words() -> dict:
    return lexicon()["numbers"]


def _word_kind(token) -> tuple[str, float] | None:
    """(small|tens|teen|multiplier|digits, value) for a token that can be part of a number phrase."""
    if token._.is_numeral:
        return "digits", token._.number
    words = _number_words()
    for kind in ("small", "tens", "teen", "multiplier"):
        if token.lower_ in words[kind]:
            return kind, words[kind][token.lower_]
    return None


ARTICLES = ("a", "an")
FOLLOWS = {  # which kind of word may come next inside one number phrase
    None: {"small", "tens", "digits"},
    "digits": {"multiplier"},
    "small": {"multiplier", "teen"},
    "tens": {"small", "multiplier"},
    "teen": {"multiplier"},
    "multiplier": {"small", "tens", "digits", "multiplier"},
}


def _phrase_value(parts: list[tuple[str, float]]) -> float:
    total = current = 0
    last_scale = 1
    for kind, value in parts:
        if kind == "multiplier" and value < 1000:
            current = (current or 1) * value
        elif kind == "multiplier":
            total += (current or 1) * value
            current, last_scale = 0, value
        elif kind == "join":
            continue
        elif kind == "tail":  # 29k5, 3 vạn 1, hai nghìn rưỡi: a tenth of the scale before, as 三萬六 is 36,000
            total += value * last_scale / 10
        else:
            current += value
    value = total + current
    return int(value) if float(value).is_integer() else value


def _phrase_at(tokens: list, i: int, after_number: bool) -> list[tuple[str, float]]:
    """The longest number phrase starting at token i (possibly empty)."""
    ambiguous = set(_number_words()["ambiguous"])
    parts: list[tuple[str, float]] = []
    last = None
    half = _half_words()
    for n, token in enumerate(tokens[i:], start=i):
        kind = _word_kind(token)
        if token.text == "-" and last == "tens" and not parts[-1][0] == "join":  # thirty-one
            parts.append(("join", 0))
            continue
        if last == "multiplier" and parts[-1][1] >= 1000 and _is_tail(tokens, n, kind, half):
            parts.append(("tail", 5 if token.lower_ in half else kind[1]))
            break
        following = _word_kind(tokens[n + 1]) if n + 1 < len(tokens) else None
        if token.lower_ in ARTICLES and last is None and following and following[0] == "multiplier":
            parts.append(("small", 1))  # "a hundred", "a thousand"
            last = "small"
            continue
        if last is None and kind and kind[0] == "multiplier" and kind[1] >= 1000 and _bare_thai_scale(tokens, n):
            parts.append(kind)  # "เบี้ยขยันเดือนละพัน", "พันนึง": a thousand, said without the one
            if n + 1 < len(tokens) and tokens[n + 1].text in THAI_ONE_AFTER and not token.whitespace_:
                parts.append(("join", 0))
            break
        if token.lower_ == "and" and last == "multiplier" and following and following[0] in ("small", "tens", "teen"):
            parts.append(("join", 0))  # "a hundred and twenty"
            continue
        if kind is None or kind[0] not in FOLLOWS[last]:
            break
        if token.lower_ == "van" and n + 1 < len(tokens) and tokens[n + 1].lower_ in NOT_VAN_AFTER:
            break  # "8 van hanh may": group 8, vận hành (operating) a machine, not 8 vạn (80,000)
        if last == "multiplier" and parts[-1][1] >= 1000 and kind[0] == "digits" and (
                following is None or following[0] != "multiplier"):
            break  # "30k 5 years": the 5 starts another figure (3 หมื่น 5 พัน goes on)
        if token.lower_ in ambiguous and (last is not None or after_number):
            break  # 6 năm, năm năm: this năm is "year", not "five"
        parts.append(kind)
        last = kind[0]
    return parts


NOT_VAN_AFTER = ("hanh", "phong")  # vận hành, văn phòng written without marks: "van" is no 10,000 before them
THAI_ONE_AFTER = ("นึง", "หนึ่ง")  # "พันนึง": a thousand, the one said after it
AFTER_BARE_SCALE = (*THAI_ONE_AFTER, "บาท", "ครับ", "ค่ะ", "คะ", "นะ", "กว่า", "ต่อ", "เดือน")


def _bare_thai_scale(tokens: list, n: int) -> bool:
    """พัน alone is a thousand where a figure ends ("เดือนละพัน", "พันนึง", "พันบาท"), not the verb in "พันสายไฟ"."""
    token = tokens[n]
    if not THAI_RUN.fullmatch(token.text):
        return False
    following = tokens[n + 1] if n + 1 < len(tokens) else None
    return (following is None or bool(token.whitespace_) or not THAI_RUN.fullmatch(following.text)
            or following.text in AFTER_BARE_SCALE)


def _is_tail(tokens: list, n: int, kind, half: set) -> bool:
    """After 千/萬-sized words, one digit that ends the figure ("29k5", "3 vạn 1") or a half ("nghìn rưỡi")."""
    if tokens[n].lower_ in half:
        return True
    if kind is None or kind[0] not in ("digits", "small") or not 1 <= kind[1] <= 9 or "." in tokens[n].text:
        return False
    following = tokens[n + 1] if n + 1 < len(tokens) else None
    return not tokens[n - 1].whitespace_ or following is None or (
        _word_kind(following) is None and following.lower_ not in _all_units())


@lru_cache(maxsize=1)
def _half_words() -> frozenset:
    return frozenset(lexicon()["units"]["half"])


@lru_cache(maxsize=1)
def _all_units() -> frozenset:
    u = lexicon()["units"]
    return frozenset(w for k in ("years", "months", "hours", "money", "count") for w in u[k])


def _merge_number_words(doc: Doc) -> None:
    """Number words merged into one numeral token: enam, tiga puluh lima ribu, 35 ribu, 35rb, 35k, 3 หมื่น 5 พัน."""
    tokens, phrases, i = list(doc), [], 0
    after_number = False
    while i < len(tokens):
        parts = _phrase_at(tokens, i, after_number)
        if parts and not (len(parts) == 1 and parts[0][0] == "digits"):
            phrases.append((i, parts))
        after_number = bool(parts)
        i += max(len(parts), 1)
    with doc.retokenize() as retokenizer:
        for start, parts in phrases:
            retokenizer.merge(doc[start:start + len(parts)], attrs={"_": {
                "number": _phrase_value(parts), "is_numeral": True,
                "scaled": any(k == "multiplier" and v >= 1000 for k, v in parts)}})


def _num(op: str = "") -> dict:
    return {"_": {"is_numeral": True}, **({"OP": op} if op else {})}


def _words(*words: str) -> list[dict]:
    """A multi-character word as one pattern token per character (the tokenizer splits Han text)."""
    return [{"TEXT": ch} for ch in words[0]] if len(words) == 1 else [{"TEXT": {"IN": list(words)}}]


def _lower_in(words) -> dict:
    return {"LOWER": {"IN": list(words)}}


@lru_cache(maxsize=1)
def _patterns() -> dict:
    """Quantity patterns: Chinese units, and the workers' languages' units from the lexicon."""
    u = lexicon()["units"]
    return {
        # 3萬2元, 32,000元, NT$32,000, 35 ribu, 35rb, 35 nghìn, 35k, สามหมื่นห้าพัน: a money sign or unit,
        # or a thousand-multiplier inside the number
        "money": [
            [{"TEXT": "NT$"}, _num()],
            [_lower_in(u["money_before"]), _num()],
            [_num(), _lower_in(u["money"])],
            [_num(), {"TEXT": {"IN": ["元", "塊"]}}],
            [{"_": {"is_numeral": True, "scaled": True}}],
        ],
        # 120人, 60幾個人 (sixty-odd: the lower figure), 30 orang
        "count": [[_num(), {"TEXT": "幾", "OP": "?"}, {"TEXT": "個", "OP": "?"}, {"TEXT": {"IN": ["人", "位", "名", "個"]}}],
                  [_num(), _lower_in(u["count"])]],
        # 6年, 六年半, 5年8個月, 8個月, 6 tahun, enam setengah tahun, 6 năm rưỡi, 6 years and 8 months
        "years": [
            [_num(), {"TEXT": "年"}, {"TEXT": "半", "OP": "?"}],
            [_num(), {"TEXT": "年"}, {"TEXT": {"IN": ["又", "零"]}, "OP": "?"}, _num(), {"TEXT": "個", "OP": "?"},
             {"TEXT": "月"}],
            [_num(), {"TEXT": "個"}, {"TEXT": "月"}],
            [_num(), _lower_in(u["years"]), _lower_in(u["half"])],
            [_num(), _lower_in(u["joiners"]), {"LOWER": "a", "OP": "?"}, _lower_in(u["half"]), _lower_in(u["years"])],
            [_num(), _lower_in(u["years"])],
            [_num(), _lower_in(u["half"]), _lower_in(u["years"])],
            [_num(), _lower_in(u["years"]), _lower_in(u["joiners"]), _num(), _lower_in(u["months"])],
            [_num(), _lower_in(u["years"]), _num(), _lower_in(u["months"])],
            [_num(), _lower_in(u["months"])],
        ],
        "hours": [[_num(), {"TEXT": "小"}, {"TEXT": "時"}], [_num(), {"TEXT": "鐘"}, {"TEXT": "頭"}],
                  [_num(), _lower_in(u["hours"])]],
        # 25%, 百分之二十五, 兩成
        "percent": [[_num(), {"TEXT": {"IN": ["%", "％"]}}], [{"TEXT": "百"}, {"TEXT": "分"}, {"TEXT": "之"}, _num()],
                    [_num(), {"TEXT": "成"}]],
    }


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The lexicon, converted like the input is (s2twp writes 機台 as 機臺), so the two always agree; each
    Vietnamese word is also known without its diacritics ("lương" as "luong"), as many write it."""
    def convert(node):
        if isinstance(node, dict):
            return {k: convert(v) for k, v in node.items()}
        if isinstance(node, list):
            words = [w for w in node if isinstance(w, str)]
            if len(words) < len(node):
                return node
            bare = {unaccented(w) for w in words} - exceptions
            return sorted({to_traditional(w) for w in words} | bare | set(words))
        return node
    exceptions = set(raw_lexicon().get("unaccented_exceptions", ()))
    return convert(raw_lexicon())


@lru_cache(maxsize=1)
def raw_lexicon() -> dict:
    """The lexicon as written, in its order (the first name of a county in a script is the one shown)."""
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


def mentions(words, text: str) -> bool:
    """Any of these lexicon words in the text, as words (Latin whole, Han and Thai anywhere)."""
    lowered = text.lower()
    return any(word_pattern(w).search(lowered) for w in words)


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("s2twp")


@lru_cache(maxsize=1)
def pipeline() -> tuple:
    """The spaCy pipeline and its matchers, built once."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = NumeralTokenizer(nlp.vocab)
    matcher = Matcher(nlp.vocab)
    for kind, patterns in _patterns().items():
        matcher.add(kind, patterns)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind in ("industry", "target", "class_type", "occupation_group"):
        for value, words in lexicon()[kind].items():
            phrases.add(f"{kind}={value}", [nlp.make_doc(w) for w in words])
    for value in ("true", "foreign", "denied_only"):
        phrases.add(f"certificate={value}", [nlp.make_doc(w) for w in lexicon()["certificate"][value]])
    for value, words in lexicon()["degree"].items():
        phrases.add(f"degree={value}", [nlp.make_doc(w) for w in words])
    for name, values in lexicon()["statements"].items():
        for value, words in values.items():
            phrases.add(f"{name}={value}", [nlp.make_doc(w) for w in words])
    for region, names in region_names().items():
        phrases.add(f"region={region}", [nlp.make_doc(n) for n in names | set(lexicon()["region_names"].get(region, ()))])
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


def _unit_words(name: str, *chinese: str) -> set[str]:
    return set(lexicon()["units"][name]) | set(chinese)


def _value(kind: str, span) -> float | None:
    numbers = [t._.number for t in span if t._.number is not None]
    if not numbers:
        return None
    if kind == "years":
        return _years(span)
    if kind == "percent":
        return numbers[0] * 10 if span.text.endswith("成") else numbers[0]
    return numbers[0]


def _years(span) -> float:
    """5年8個月 → 5.67, 六年半 → 6.5, enam setengah tahun → 6.5, 8 tháng → 0.67."""
    year_words, month_words = _unit_words("years", "年"), _unit_words("months", "月")
    half_words = _unit_words("half", "半")
    years, pending = 0.0, None
    for token in span:
        if token.lower_ in half_words:
            years += HALF
        elif token._.number is not None:
            pending = token._.number
        elif token.lower_ in year_words and pending is not None:
            years, pending = years + pending, None
        elif token.lower_ in month_words and pending is not None:
            years, pending = years + pending / 12, None
    return round(years, 2)


@lru_cache(maxsize=None)
def _role_words(kind: str) -> tuple[tuple[str, str, int], ...]:
    """(role, word, penalty) for a kind of quantity: its role words, then the weak ones ("in Taiwan")."""
    weak = lexicon().get("weak_roles", {}).get(kind, {})
    return tuple([(r, w, 0) for r, ws in lexicon()["roles"][kind].items() for w in ws]
                 + [(r, w, WEAK_ROLE) for r, ws in weak.items() for w in ws])


def _role(kind: str, text: str, span) -> str | None:
    """The role word nearest to the quantity within its clause."""
    roles = lexicon()["roles"].get(kind)
    if not roles:
        return None
    start, end = span.start_char, span[0].idx + len(span[0].text)  # role words may follow the numeral
    end_of_span = span.end_char
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, max(0, start - ROLE_REACH), start)),
               default=max(0, start - ROLE_REACH))
    right_break = CLAUSE_BREAK.search(text, end, end + ROLE_REACH)
    right = right_break.start() if right_break else min(len(text), end + ROLE_REACH)
    best: tuple[int, str] | None = None
    clause = text[left:right].lower()
    for role, word, penalty in _role_words(kind):
        for m in word_pattern(word).finditer(clause):
            w_start, w_end = left + m.start(), left + m.end()
            if w_start < end and w_end > start:
                continue  # the word is inside the quantity itself
            distance = start - w_end if w_end <= start else (w_start - end) * 2  # prefer words before
            between = text[w_end:start] if w_end <= start else text[end_of_span:w_start]
            if w_start >= end_of_span and not _spaced(word[0]) and any(ch.isspace() for ch in between):
                continue  # "110個 外勞目前28個": a Han word after a space is the next figure's
            if ANOTHER_FIGURE.search(between):
                continue  # "在我們公司是5年 在台灣6年", "核配15 現在12": that word was the other figure's
            if kind == "count" and w_start == end_of_span and text[start:end_of_span][-1:] in CLASSIFIERS:
                distance = -1  # "30個外勞": after a classifier, the noun is what is counted
            if w_end <= start and between.strip().lower() in JOINERS:
                distance = -2  # "allocation of 75 migrant workers", "kuota sebanyak 36": the word joined to it
            # "7年是在我們這邊 他來台灣是9年": a Han word in an earlier run of the message (a space, then more words
            # before the figure) is another phrase's; like a weak word, it decides only where no nearer one stands
            earlier_run = (kind == "years" and w_end <= start and not _spaced(word[-1])
                           and bool(SPACE_THEN_WORDS.search(between)))
            # a weak word decides only where no other stands; at the same distance the longer word says more (核配移工)
            rank = (penalty > 0 or earlier_run, distance, -len(word))
            if best is None or rank < best[0]:
                best = (rank, role, w_start, w_end - w_start)
    if best is None:
        return None
    at = best[2] - left
    return _modified_role(kind, clause, at) or _allowance_role(kind, best[1], clause[:at], clause[at:at + best[3]]) or best[1]


def _allowance_role(kind: str, role: str, before: str, word: str = "") -> str | None:
    """"หักค่าอาหารเดือนละ 2,000", "扣伙食津貼": an allowance's word after a deduction's is money taken, not paid;
    after "with" or "including" it is the wage with the allowance in it ("底薪加全勤3萬2"), or, after a wage's
    figure, a part of that wage ("included": filled into no fact)."""
    if kind != "money" or role != "allowance":
        return None
    tail = before.rstrip()[-8:]
    if any(word_pattern(w).search(tail) for w in lexicon()["cues"]["deducts"]):
        return "deduction"
    said = before.lower()[-INCLUDES_REACH:] + word.lower()
    if any(word_pattern(w).search(said) for w in lexicon()["cues"]["includes_allowance"]):
        # "底薪加全勤3萬2": the wage with it; "gaji 28rb sudah termasuk uang makan 1500": a part of the wage before it
        return "included" if ANOTHER_FIGURE.search(before) else "monthly"
    return None


def _modified_role(kind: str, clause: str, at: int) -> str | None:
    """"แรงงานต่างชาติทั้งหมด 90 คน", "移工總共30": a total word right after another role word is that word's total."""
    if kind != "count" or not any(word_pattern(w).match(clause, at) for w in lexicon()["cues"]["total_of"]):
        return None
    before = clause[:at].rstrip()
    for role, word, _ in _role_words(kind):
        if role != "employees" and before.endswith(word.lower()):
            ahead = before[:-len(word)].rstrip()
            # "員工含移工總共96人", "老闆+師傅+移工一共15個": the staff with them, or several kinds of people summed
            if ahead.endswith(SUMMED_BEFORE):
                return None
            return role
    return None


LATIN = r"0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff_"  # letters and digits of the Latin-script languages served


def _spaced(ch: str) -> bool:
    """Latin letters (Vietnamese ones too: "công ty cũ" is not in "công ty cũng") are whole words; Han and Thai,
    written without spaces, are matched anywhere."""
    return not re.match(r"[\u0e00-\u0e7f\u3000-\u9fff\uf900-\ufaff]", ch)


@lru_cache(maxsize=None)
def word_pattern(word: str) -> re.Pattern:
    """A lexicon word in lower-cased text: Latin words whole ("pay" is not in "paying"), Han and Thai anywhere."""
    before = rf"(?<![{LATIN}])" if _spaced(word[0]) else ""  # "AI客服", "做cnc的": a Han letter is a boundary
    after = rf"(?![{LATIN}])" if _spaced(word[-1]) else ""
    return re.compile(before + re.escape(word.lower()) + after)


CLASSIFIERS = ("個", "位", "名")
SHARED_REACH = 6  # letters between a bare number and the hours that share their unit ("40 กับ 24 ชั่วโมง")
INCLUDES_REACH = 18  # letters before an allowance's word in which "including" stands ("sudah termasuk uang makan")
SUMMED_BEFORE = ("+", "、", "和", "跟", "及", "與", "&", ",", "，", "含", "包含", "包括", "including", "termasuk", "gồm", "รวม",
                 "และ", " and", " dan", " và", " at", "本")  # "คนไทยและแรงงานต่างชาติทั้งหมด", "本外勞一共"
SPACE_THEN_WORDS = re.compile(r"\s+\S")
JOINERS = ("of", "is", "are", "=", ":", "：", "是", "為", "sebanyak", "adalah", "là", "có", "คือ")
WEAK_ROLE = 1  # marks a weak role word ("in Taiwan", "現在有"): it decides only where no other role word stands
ANOTHER_FIGURE = re.compile(r"[0-9๐-๙二三四五六七八九十兩]")
FIGURE_BEFORE = re.compile(r"[0-9]\s*$")  # a Latin unit or role word straight after a figure is that figure's
ONE = ("一", "壹")
FREQUENCY = ("次", "趟", "遍", "下", "回")
MEASURES_NOT_COUNTED = (*FREQUENCY, "梯", "堂", "期", "門", "輪", "場", "批", "班", "天", "週", "條", "台", "臺", "樓")
ONE_IN_WORD = ("共", "起", "直", "樣", "定", "些", "點", "般", "致", "邊", "向", "旦", "同")
PLANTS_AFTER = ("廠", "個廠", "間廠", "家廠", "座廠", "條線", "條產線", "plant", "factor", "pabrik", "xưởng", "nhà máy", "โรงงาน",
                "line", "lini", "dây chuyền", "day chuyen", "ไลน์")
MONTH_NAMES = ("tháng", "thang", "ngày", "ngay", "bulan", "เดือน")  # before a number: a date, not a duration
PICKS_ONE_BEFORE = ("salah",)  # "salah satu ABK": one of the crew
PICKS_ONE_AFTER = (" of ", " sa mga", " trong số", " trong so", " dari ", " di antara", " ในนั้น")  # "one of them", "isa sa mga"
CONVERTS_REACH = 6  # letters after 一個 in which 轉 makes it the worker to convert ("一個越南移工轉中階")
NONE_AFTER_ONE = ("都沒", "也沒", "個都", "個也", "都還", "也還")  # 一個都沒有, 一個都還沒有: not one
NOT_A_NONE = ("問題", "问题", "困難", "關係", "masalah", "ปัญหา", "problem", "vấn đề", "van de", "sao")  # 沒問題: no problem
# Words between a headcount's name and its "none" ("中階目前一個都還沒有", "profesional asing juga tidak ada")
NONE_FILLERS = re.compile(
    r"^(?:的話|的部分|的部份|的喔|的|喔|啦|目前|現在|暫時|一個都|一個也|半個都|人員|人才|都|也|ตอนนี้|ก็|\s|juga|cũng|cung|thì|thi"
    r"|also|din|rin)+")
# Words between a "none" and the headcount's name ("belum ada yang jadi tenaga kerja teknis menengah", "chưa có ai là …")
NONE_BEFORE_FILLERS = re.compile(r"(?:\s|yang jadi|yg jadi|jadi|ai là|ai la|là|la)+$")
# Between two headcounts' names, the none after the second is the first's too ("中階跟白領都沒有")
BOTH_JOINER = re.compile(r"^\s*(?:跟|和|與|及|還有|and|dan|sama|và|va|กับ|และ)\s*")
CUE_WINDOW = 4  # letters between a cue word and its number ("月薪大概", "gaji saya", then the number)
CUE_LOOKBACK = 32  # "the quota of migrant workers is 40": the cue word starts 28 letters before
CUE_KINDS = ("money", "count")
CONJUNCTION = re.compile(r"(?<![a-z])(?:and|dan|và|va|at)(?![a-z])|跟|和|以及|และ")
POLITE_AFTER = re.compile(r"^(?:po|na po|na)\s+")
JOINER_AFTER = re.compile(r"^(?:is the number of|is the|is|are the|are|itu|adalah|là|คือ)\s*")
# Words between a role word and its number that say nothing of whose it is ("TKA yang kerja sekarang 81")
GAP_FILLERS = frozenset({"is", "are", "the", "now", "right", "currently", "actually", "actual", "yang", "kerja", "sekarang",
                         "itu", "ada", "là", "hiện", "tại", "đang", "làm", "bây", "giờ", "po", "na"})


@lru_cache(maxsize=1)
def _cue_words() -> tuple[re.Pattern, dict[str, tuple[str, str]], frozenset]:
    """One pattern for every cue word, matched at every position (a lookahead), longest word first;
    and each word's (kind, role), the first listed winning."""
    owner: dict[str, tuple[str, str | None]] = {}
    for kind, words in lexicon().get("unit_names", {}).items():  # "時數改成120": hours, whose fact the step picks
        for word in words:
            owner.setdefault(word.lower(), (kind, None))
    for kind in CUE_KINDS:
        for role, words in lexicon()["roles"][kind].items():
            for word in words:
                owner.setdefault(word.lower(), (kind, role))
    strong = set(owner)
    for kind in CUE_KINDS:  # weak words ("現在有", "在職") only where no other cue word stands nearer
        for role, words in lexicon().get("weak_roles", {}).get(kind, {}).items():
            for word in words:
                owner.setdefault(word.lower(), (kind, role))
    alternatives = "|".join(word_pattern(w).pattern for w in sorted(owner, key=len, reverse=True))
    return re.compile(f"(?=({alternatives}))"), owner, frozenset(owner) - strong


def _cue_after(text: str, token) -> tuple[str, str] | None:
    """"1,500 perfect attendance", "70 currently hired", "35 lao động nước ngoài": an allowance's or a headcount's
    words right after the number (the longest word that starts there)."""
    after = text[token.idx + len(token.text):token.idx + len(token.text) + CUE_LOOKBACK].lower().lstrip(" $")
    if ANOTHER_FIGURE.match(after):
        return None
    after = JOINER_AFTER.sub("", POLITE_AFTER.sub("", after))  # "80 is the quota", "88 itu kuota", "29,500 po basic"
    for word, owner in _words_after():
        if word_pattern(word).match(after):
            return owner
    return None


@lru_cache(maxsize=1)
def _words_after() -> tuple[tuple[str, tuple[str, str]], ...]:
    roles = lexicon()["roles"]
    owned = [(w.lower(), ("money", "allowance")) for w in roles["money"]["allowance"]]
    owned += [(w.lower(), ("money", "deduction")) for w in roles["money"]["deduction"] if w not in lexicon()["cues"]["deducts"]]
    owned += [(w.lower(), ("money", "monthly")) for w in lexicon()["cues"]["wage_after"]]
    for table in (roles["count"], lexicon().get("weak_roles", {}).get("count", {})):
        owned += [(w.lower(), ("count", role)) for role, words in table.items() for w in words]
    return tuple(sorted(owned, key=lambda wo: -len(wo[0])))


def _named_after(text: str, token) -> tuple[str, str] | None:
    """"2000伙食費", "1,500 perfect attendance": an allowance's or a cost's name right after a bare amount, when
    no figure of its own follows the name ("底薪29000 全勤1000": 全勤 is the 1000's)."""
    rest = text[token.idx + len(token.text):token.idx + len(token.text) + CUE_LOOKBACK]
    cue = _cue_after(text, token) if rest[:1].strip() else None  # right after it, no space: "2000伙食費"
    if cue is None or cue[0] != "money" or cue[1] not in ("allowance", "deduction"):
        return None
    name_end = next((m.end() for word, owner in _words_after() if owner == cue
                     for m in [word_pattern(word).search(rest.lower())] if m), 0)
    if ANOTHER_FIGURE.search(CLAUSE_BREAK.split(rest[name_end:])[0][:NAMED_FIGURE_REACH]) or THAI_NUMBER.search(
            rest[name_end:name_end + NAMED_FIGURE_REACH]):
        return None
    return cue


NAMED_FIGURE_REACH = 12  # letters after an amount's name in which a figure makes the name that figure's


def _given_meal(text: str, token) -> bool:
    """"每個月還多給我1000伙食費", "伙食費2000也是我們給": a meal cost the employer pays is an allowance, one the
    worker pays (or has taken, "扣伙食費") is not."""
    clause = _clause_around(text, token.idx, token.idx + len(token.text))
    cues = lexicon()["cues"]
    return mentions(cues["meal_costs"], clause) and mentions(cues["employer_gives"], clause) and not mentions(
        cues["deducts"], clause)


def _old_value_of(found: list, text: str, token) -> tuple[str, str | None] | None:
    """"6 years pala not 8", "7 ปี ไม่ใช่ 8": a bare number after not is the old value of the figure before it."""
    before = text[max(0, token.idx - CUE_LOOKBACK):token.idx].lower()
    earlier = [f for f in found if f.end <= token.idx and f.kind in ("years", "count", "money", "hours")]
    if not earlier or not _old_value_next(CLAUSE_BREAK.split(before)[-1]):
        return None
    last = max(earlier, key=lambda f: f.end)
    return last.kind, last.role


def _shared_unit(found: list, text: str, token) -> tuple[str, str | None] | None:
    """"40跟24小時", "40 กับ 24 ชั่วโมง": a bare number joined to the hours right after it is hours too (two courses,
    summed as hours are); only hours, where a unit said once for two figures is how people write it."""
    end = token.idx + len(token.text)
    first = min((f for f in found if f.kind == "hours" and f.start >= end), key=lambda f: f.start, default=None)
    if first is not None and first.start - end <= SHARED_REACH and (
            text[end:first.start].strip().lower() in lexicon()["units"]["shared_unit"]):
        return "hours", first.role
    return None


def _old_value_next(before: str) -> bool:
    """"移工是20個 不是25": the number after 不是 is the old value of the figure before it, of the same kind."""
    tail = before.rstrip(" ,，")
    return any(tail.endswith(w.lower()) for w in lexicon()["cues"]["negation"])


def _cue_before(text: str, token) -> tuple[str, str] | None:
    """The cue word nearest before a number in its clause (then the longer word: 白領 over 領), within
    CUE_WINDOW letters or two short words. One pass over the text, whatever the lexicon's size."""
    before = text[max(0, token.idx - CUE_LOOKBACK):token.idx].lower()
    before = CLAUSE_BREAK.split(before)[-1]
    pattern, owner, weak = _cue_words()
    best = None
    old_value = _old_value_next(before)  # "移工是20個 不是25": the cue before the other figure is this one's too
    hits = [(m.start(), m.start() + len(m.group(1)), m.group(1)) for m in pattern.finditer(before)]
    for start, end, word in hits:
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in hits):
            continue  # "workers" inside "migrant workers": the longer word is the one said
        if ANOTHER_FIGURE.search(before[end:]) and not old_value:
            continue  # "資本額8000萬 兩廠", "核配15 現在12": that cue was the other figure's
        if CONJUNCTION.search(before[end:]):
            continue  # "only the migrants and the 2 mid-level": the word is the item before the "and"
        if word.isascii() and FIGURE_BEFORE.search(text[:token.idx - len(before) + start]):
            continue  # "15 migrant workers and the 1 mid-level guy": words after a figure are that figure's
        rank = (word in weak, len(before) - end, -len(word))
        if best is None or rank < best[0]:
            best = (rank, word)
    if best is None:
        return None
    gap = before[len(before) - best[0][1]:]
    words = [w for w in gap.split() if w not in GAP_FILLERS]  # "migrant workers right now are 72"
    if len(gap.replace(" ", "")) <= CUE_WINDOW or (len(words) <= 2 and len(" ".join(words)) <= 12):
        kind, role = owner[best[1]]
        word_at = len(before) - best[0][1] - len(best[1])
        return kind, (_modified_role(kind, before, word_at) or _allowance_role(kind, role, before[:word_at], best[1])
                      or role)  # "แรงงานต่างชาติทั้งหมด 42": the total of the role before it
    return None


REDUPLICATION = re.compile(r"(?<=[a-z]{2})2(?![0-9])")  # "kira2", "apa2", "orang2": a word said twice, not a 2


def _clean(text: str) -> str:
    """Traditional characters, half-width figures, and no 2 of a doubled Indonesian word ("kira2" read as "kiraa":
    the length kept, so that spans still point into the message)."""
    return REDUPLICATION.sub(lambda m: m.string[m.start() - 1], to_traditional(text).translate(FULL_WIDTH))


def extract(text: str) -> list[Found]:
    """Every quantity and domain term found, left to right, longest match first."""
    text = _clean(text[:MAX_TEXT_CHARS])
    nlp, matcher, phrases = pipeline()
    doc = nlp(text)
    found: list[Found] = []
    hits = phrases(doc)
    # a place or a term with a numeral in its name (斗六, 三重, 五金, 二專) is that place or term, not a number
    taken: set[int] = {i for _, a, b in hits if any(t._.number is not None for t in doc[a:b]) for i in range(a, b)}
    matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for match_id, start, end in matches:
        if len(found) >= MAX_QUANTITIES:
            break
        if taken & set(range(start, end)):
            continue
        kind = nlp.vocab.strings[match_id]
        span = doc[start:end]
        value = _value(kind, span)
        if value is None:
            continue
        if kind == "years" and value > 80:  # 2026年, 114年 are calendar years, not durations
            continue
        if kind == "years" and text[:span.start_char].lower().rstrip().endswith(MONTH_NAMES):
            continue  # "hết hạn tháng 8 năm sau": August, not 8 years
        if kind == "count" and _counts_nothing(text, span.start_char, span.end_char, span[0].text in ONE or value == 1):
            continue  # 其中一個, 第一個; 回去一次, 看一下: a time, not a headcount
        taken |= set(range(start, end))
        found.append(Found(kind, value, span.start_char, span.end_char, span.text, _role(kind, text, span)))
    examined = 0
    for token in doc:  # a bare number right after a cue: 月薪33000, 員工120, 核配30
        if len(found) >= MAX_QUANTITIES or examined >= MAX_QUANTITIES:
            break
        if token.i in taken or token._.number is None:
            continue
        examined += 1
        named = _named_after(text, token)  # "給她2000伙食費": the money's own name after it, over a pay verb before
        before = _cue_before(text, token)
        cue = (named if named and before in (None, ("money", "monthly")) else before) or _cue_after(text, token) or \
            _old_value_of(found, text, token) or _shared_unit(found, text, token)
        if cue == ("money", "deduction") and _given_meal(text, token):
            cue = ("money", "allowance")
        end = token.idx + len(token.text)
        if text[end:end + 1] in MEASURES_NOT_COUNTED:
            continue  # "兩梯" (two batches of a course), "上課兩堂": neither people nor money
        one = token.text in ONE or token._.number == 1
        if cue and (one or cue[0] == "count") and _counts_nothing(text, token.idx, end, one):  # also 半個
            continue  # 有一個印尼的, 另外一個, 第一個, 看一下; "ada 2 line": lines, not people
        if cue:
            kind, role = cue
            taken.add(token.i)
            found.append(Found(kind, token._.number, token.idx, token.idx + len(token.text), token.text, role))
    matches = [(nlp.vocab.strings[m], doc[a:b].start_char, doc[a:b].end_char) for m, a, b in hits]
    matches += _thai_phrases(text)
    chars = {i for f in found for i in range(f.start, f.end)}
    taiwan = mentions(lexicon()["taiwan_words"], text)
    for name, start, end in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
        if chars & set(range(start, end)):
            continue
        kind, value = name.split("=")
        if kind == "degree" and (not taiwan or mentions(lexicon()["certificate"]["home_country"], text[max(0, start - 3):start])):
            continue  # a degree from home is not a Taiwanese one ("他是印尼的大學畢業，台灣沒念書")
        if kind == "certificate" and value == "denied_only" and not denied(text, start):
            if _denied_after(text, end):
                pass  # "證照沒有", "sertifikat belum ada": not held
            elif _earned_at_home(text, start, end):
                value = "foreign"  # "證照是在越南考的", "my cert is from Pinas"
            elif _names_taiwan(text, start, end):
                value = "true"  # "ใบรับรองฝีมือแรงงานของไต้หวัน", "chung chi tho cua Dai Loan"
            else:
                continue  # "a certificate" may be a foreign one: only "no certificate" says anything
        chars |= set(range(start, end))
        if kind == "certificate":
            kind, value = (("certificate", not denied(text, start) and not _denied_after(text, end)) if value == "true" else
                           ("certificate", False) if value == "denied_only" else ("foreign_certificate", True))
        elif kind in lexicon()["statements"]:
            value = (value == "true") != denied(text, start)
        found.append(Found(kind, int(value) if kind == "occupation_group" else value, start, end, text[start:end]))
    found += [f for f in _count_none(text) if not chars & set(range(f.start, f.end))]
    rates = [f for f in found if _per_month(f, found, text)]
    found = [_per_year(f, rates, text) for f in found if f not in rates]
    return sorted(found, key=lambda f: f.start)


DENIAL_AFTER_REACH = 8  # letters between a certificate's name and a no-word after it ("sertifikat Taiwan belum ada")


def _denied_after(text: str, end: int) -> bool:
    rest = CLAUSE_BREAK.split(text[end:].lower(), maxsplit=1)[0]
    return any(m.start() <= DENIAL_AFTER_REACH for w in lexicon()["certificate"]["negation_after"]
               for m in [word_pattern(w).search(rest)] if m)


def _per_year(f: Found, rates: list[Found], text: str) -> Found:
    """An amount with no words of its own beside "1 year" is a year's pay."""
    if f.kind == "money" and f.role is None and any(
            r.value == 1 and not CLAUSE_BREAK.search(text[min(f.end, r.end):max(f.start, r.start)]) for r in rates):
        return Found(f.kind, f.value, f.start, f.end, f.text, "annual")
    return f


ONE_MONTH = round(1 / 12, 2)  # how a duration of one month reads in years


def _per_month(f: Found, found: list[Found], text: str) -> bool:
    """"一個月大概三萬", "30k a month", "sebulan 28rb": one month beside an amount in its clause is a rate, not
    a duration worked; so is one year ("1 năm được 520 nghìn", read as an annual amount by _per_year)."""
    if f.kind != "years" or f.value not in (ONE_MONTH, 1):
        return False
    return any(m.kind == "money" and not CLAUSE_BREAK.search(text[min(f.end, m.end):max(f.start, m.start)])
               for m in found)


@lru_cache(maxsize=1)
def _thai_words_by_kind() -> list[tuple[str, str]]:
    """(kind=value, word) for every Thai phrase: Thai is matched in the text, not token by token, because
    a phrase alone is split into words differently from the same phrase inside a sentence."""
    out = []
    for kind in ("industry", "target", "class_type", "occupation_group"):
        out += [(f"{kind}={value}", w) for value, words in lexicon()[kind].items() for w in words if THAI_RUN.search(w)]
    out += [(f"region={r}", w) for r, words in lexicon()["region_names"].items() for w in words if THAI_RUN.search(w)]
    out += [(f"certificate={v}", w) for v in ("true", "foreign", "denied_only") for w in lexicon()["certificate"][v]
            if THAI_RUN.search(w)]
    for name, values in lexicon()["statements"].items():
        out += [(f"{name}={v}", w) for v, words in values.items() for w in words if THAI_RUN.search(w)]
    return sorted(out, key=lambda kw: -len(kw[1]))


def _thai_phrases(text: str) -> list[tuple[str, int, int]]:
    if not THAI_RUN.search(text):
        return []
    return [(name, m.start(), m.end()) for name, word in _thai_words_by_kind() for m in re.finditer(re.escape(word), text)]


def _count_none(text: str) -> list[Found]:
    """"沒有中階", "外國專業人才沒有", "no mid-level workers": none of that headcount."""
    lowered, out = text.lower(), []
    said = [(m.start(), m.end(), role) for role, words in lexicon()["roles"]["count"].items() for word in words
            for m in word_pattern(word).finditer(lowered)]
    said = [(start, end, role) for start, end, role in said
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in said)]
    for start, end, role in said:  # "foreign" inside "no foreign professionals": the longer word is the one said
        before = CLAUSE_BREAK.split(lowered[:start])[-1].rstrip()
        before = NONE_BEFORE_FILLERS.sub("", before)
        after = NONE_FILLERS.sub("", CLAUSE_BREAK.split(lowered[end:])[0].lstrip())
        # "沒有中階" (and no figure right after), "中階還沒有" (whatever came before)
        if any((before.endswith(n) and not any(ch.isdigit() for ch in after[:4] + before[-4:]))
               or (after.startswith(n) and not after[len(n):].lstrip().startswith(NOT_A_NONE))
               for n in lexicon()["count_none"]):
            out.append(Found("count", 0, start, end, text[start:end], role))
            if len(out) >= MAX_QUANTITIES:
                return out
    for start, end, role in said:  # "中階跟白領都沒有", "mid-level and foreign professionals: none"
        joined = BOTH_JOINER.match(lowered[end:])
        if joined and not any(f.start == start for f in out) and any(
                f.start == end + joined.end() and f.role != role for f in out):
            out.append(Found("count", 0, start, end, text[start:end], role))
    return sorted(out, key=lambda f: f.start)


def as_entities(text: str) -> list[dict]:
    """The findings as NLU entities (entity, value, start, end, role): what the Rasa component emits,
    and what the console and the terminal pass to the interview step."""
    return [{"entity": f.kind, "value": f.value, "start": f.start, "end": f.end, **({"role": f.role} if f.role else {})}
            for f in extract(text)]


DENIAL_REACH = 16  # letters between 沒有 / wala pa po akong and the thing denied ("沒有考到技術士證")


KNOWS_NOT_MIN = 5  # letters of a Latin "don't know" phrase looked for inside a longer text (Han or Thai: 2)


@lru_cache(maxsize=1)
def not_knowing_phrases() -> tuple[str, ...]:
    """The lexicon's "don't know" phrases long enough to find inside a longer text, longest first: where one
    stands, a no-word beside it ("không biết", "hindi ko alam") is not a no, and a count stays unknown."""
    words = {w.lower() for w in lexicon()["answers"]["skip"]}
    return tuple(sorted((w for w in words if len(w) >= (KNOWS_NOT_MIN if w.isascii() else 2)), key=len, reverse=True))


def denied(text: str, start: int) -> bool:
    """A no-word shortly before a word at start, in its clause ("沒有考到技術士證", "gak pernah pulang"); words that
    only qualify the thing do not put it out of reach ("wala po akong Taiwan certificate")."""
    before = CLAUSE_BREAK.split(text[max(0, start - DENIAL_REACH - FILLER_SLACK):start].lower())[-1]
    before = re.sub(r"\s+", " ", _fillers().sub(" ", before))[-(DENIAL_REACH + 12):]
    for phrase in not_knowing_phrases():  # "gak tau itu sertifikat MOL atau bukan": not knowing is not a no
        before = before.replace(phrase, " " * len(phrase))
    return any(word_pattern(w).search(before[-(len(w) + DENIAL_REACH):]) for w in lexicon()["certificate"]["negation"])


FILLER_SLACK = 40  # letters of words that only qualify the thing denied, read beyond the no-word's reach


@lru_cache(maxsize=1)
def _fillers() -> re.Pattern:
    """One pattern for the words between a no-word and what it denies that do not count in its reach."""
    words = sorted(lexicon()["certificate"].get("negation_fillers", ()), key=len, reverse=True)
    return re.compile("|".join(f"(?:{word_pattern(w).pattern})" for w in words) or "(?!)")


NOT_REACH = 24  # letters before a word in which "not" denies it ("她不是一來台灣就在我們家的", "不是給移工的")


def said_not(text: str, start: int) -> bool:
    """A no-word, or "not", shortly before a word at start, in its clause."""
    before = CLAUSE_BREAK.split(text[:start].lower())[-1][-NOT_REACH:]
    return denied(text, start) or any(word_pattern(w).search(before) for w in lexicon()["cues"]["not_this"])


def _clause_around(text: str, start: int, end: int) -> str:
    return " ".join((CLAUSE_BREAK.split(text[:start])[-1], text[start:end], CLAUSE_BREAK.split(text[end:])[0])).lower()


def _earned_at_home(text: str, start: int, end: int) -> bool:
    """A certificate word whose clause names the worker's home country ("證照是在越南考的")."""
    return mentions(lexicon()["certificate"]["home_country"], _clause_around(text, start, end))


def _names_taiwan(text: str, start: int, end: int) -> bool:
    """A certificate word whose clause names Taiwan ("ใบรับรองของไต้หวัน"); asked about ("需要台灣的證照嗎"), the
    interview step sets the yes aside."""
    return mentions(lexicon()["taiwan_words"], _clause_around(text, start, end))


def _counts_nothing(text: str, start: int, end: int, is_one: bool) -> bool:
    """"其中一個菲律賓的", "同一個老闆": 一 after such a word picks one out; "回去一次", "看一下", "一個都沒有":
    a time or not one; "還沒有半個": nobody is half a person. None of them counts anyone."""
    before, after = text[:start].lower().rstrip(), text[end:end + 8].lower()
    counted = any(text[:start].endswith(w) for w in lexicon()["determiners_not"])  # 只有1個: only one, counted
    picks_one = is_one and not counted and (any(text[:start].endswith(w) for w in lexicon()["determiners"])
                            or before.endswith(PICKS_ONE_BEFORE) or after.startswith(PICKS_ONE_AFTER)
                            or "轉" in text[end:end + CONVERTS_REACH])  # 一個移工轉中階: the one asked about
    plants = text[end:end + 12].lower().lstrip().startswith(PLANTS_AFTER)  # 兩個廠, 2 plants: the plants counted
    in_word = is_one and text[start:end] in ONE and text[end:end + 1] in ONE_IN_WORD  # 一共, 一起, 一直: no count
    half = text[start:end].startswith("半")
    return picks_one or plants or in_word or half or text[end:end + 1] in FREQUENCY or text[end:end + 2] in NONE_AFTER_ONE


@lru_cache(maxsize=256)  # the interview step asks it of the same message more than once
def numbers(text: str) -> tuple[tuple[float, int, int], ...]:
    """Every number in the text, unit or not: (value, start, end)."""
    nlp, _, _ = pipeline()
    doc = nlp(_clean(text[:MAX_TEXT_CHARS]))
    return tuple((t._.number, t.idx, t.idx + len(t.text)) for t in doc if t._.number is not None)


@lru_cache(maxsize=256)  # the interview step asks it of the same message more than once
def bare_number(text: str) -> float | None:
    """A message that is only a number ("120", "3.3萬", "三萬三", "33k", "80小時", "enam tahun"): its value."""
    text = _clean(text.strip()[:MAX_TEXT_CHARS])
    nlp, matcher, _ = pipeline()
    doc = nlp(text)
    numbers = [t for t in doc if t._.number is not None]
    if len(numbers) != 1:
        return None
    found = extract(text)
    if found and found[0].kind in ("money", "count", "years", "hours", "percent") and len(found) == 1:
        return found[0].value
    units = {"元", "人", "位", "名", "個", "年", "小", "時", "%"}.union(*lexicon()["units"].values())
    rest = [t for t in doc if t._.number is None and t.lower_ not in units]
    return numbers[0]._.number if not rest else None
