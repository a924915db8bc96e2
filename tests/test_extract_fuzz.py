"""The extractor under any input (issue 12 item 3): no crash, and bounded work whatever the text.

Random text mixes the scripts and the pieces the patterns look for (digits, 一 and 萬, units, role
words), so the search reaches the patterns' corners; 10,000 cases when CI is set, 300 elsewhere.
Time is measured by bench/bench_extract.py, not asserted here.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.nlu.extract import MAX_QUANTITIES, MAX_TEXT_CHARS, as_entities, bare_number, extract, to_number

EXAMPLES = 10_000 if os.environ.get("CI") else int(os.environ.get("FUZZ_EXAMPLES", "300"))
PIECES = ["一", "十", "百", "萬", "半", "年", "個", "月", "人", "元", "1", "0", "35", ",", ".", "，", " ", "不是", "如果",
          "員工", "移工", "核配", "月薪", "沒有", "gaji", "ribu", "rb", "tahun", "năm", "nghìn", "k", "years", "ปี",
          "หมื่น", "สาม", "๓", "-", "各", "朋友", "技術士證", "台中", "ไถจง", "４５"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=400).map("".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(TEXT)
def test_any_text_is_read_without_error_and_within_bounds(text):
    found = extract(text)
    assert len(found) <= 2 * MAX_QUANTITIES + len(text)  # quantities capped; phrases are bounded by the text
    assert all(0 <= f.start <= f.end <= min(len(text), MAX_TEXT_CHARS) for f in found)
    as_entities(text)
    bare_number(text)


def test_the_inputs_that_crashed_or_stalled_it_before():
    assert extract("一" * 310) == [] and to_number("一" * 310) is None  # cn2an overflowed: OverflowError
    assert len(extract("1年" * 1000)) == MAX_QUANTITIES  # 2,000 characters: read up to the bounds
    assert len(extract("沒有中階" * 250)) <= 2 * MAX_QUANTITIES
