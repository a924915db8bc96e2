"""A worker's whole interview in each language, and switching language, through the running advisor."""
from __future__ import annotations

import uuid

import pytest

from bot.i18n import text
from bot.serve import send
from tests.e2e.test_rest_conversations import url  # noqa: F401  (the running advisor, shared)

# A worker with 4 years, a machine operator in a factory at NT$38,000: not yet eligible (history).
INTERVIEWS = {
    "id": ["Halo, apakah saya bisa jadi tenaga kerja teknis menengah?", "pabrik", "4 tahun", "empat tahun",
           "4 tahun", "tidak ada", "operator mesin", "gaji saya 38 ribu"],
    "vi": ["Xin chào, tôi có thể lên nhân lực kỹ thuật bậc trung không?", "nhà máy", "4 năm", "bốn năm", "4 năm",
           "không có", "đứng máy", "lương 38 nghìn"],
    "en": ["Hello, can I become an intermediate skilled worker?", "factory", "4 years", "four years", "4",
           "none", "machine operator", "my salary is 38k"],
    "th": ["สวัสดีครับ ผมเป็นแรงงานกึ่งฝีมือได้ไหม", "โรงงาน", "4 ปี", "สี่ปี", "4 ปี", "ไม่มี", "คุมเครื่อง",
           "เงินเดือน 38000"],
}


def texts(replies):
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.mark.parametrize("lang", list(INTERVIEWS))
def test_a_workers_interview_in_their_own_language(url, lang):  # noqa: F811
    sender = uuid.uuid4().hex
    replies = []
    for message in INTERVIEWS[lang]:
        replies = send(url, sender, message)
        assert replies, f"no reply to {message!r}"
        shown = texts(replies)
        assert text("chat.not_understood", lang) not in shown, f"{message!r} was not understood"
    verdict = texts(replies)
    assert text("render.title.midlevel", lang) in verdict
    assert text("status.midlevel.not_eligible", lang) in verdict
    assert text("chat.worker_mine", lang) in verdict and text("chat.worker_employer", lang) in verdict
    assert text("chat.worker_employer_files", lang) in verdict and "1955" in verdict
    assert text("whatif.history", lang, {"more": 2, "years": 6}) in verdict


def test_the_language_follows_the_worker_and_a_choice_sticks(url):  # noqa: F811
    sender = uuid.uuid4().hex
    assert texts(send(url, sender, "你好")) .startswith(text("chat.greet", "zh-TW")[:10])
    greeted = texts(send(url, sender, "halo kak, saya mau tanya"))
    assert text("chat.greet", "id") in greeted  # written in Indonesian: answered in Indonesian
    assert text("chat.thanks", "id") in texts(send(url, sender, "ok makasih"))  # short: stays Indonesian
    chosen = texts(send(url, sender, "English please"))
    assert text("chat.language_set", "en", {"language": "English"}) in chosen
    assert text("chat.thanks", "en") in texts(send(url, sender, "terima kasih banyak kak"))  # the choice sticks
    switched = texts(send(url, sender, "/lang th"))
    assert text("chat.language_set", "th", {"language": "ภาษาไทย"}) in switched


def test_a_language_button_mid_interview_asks_the_same_question_again_in_that_language(url):  # noqa: F811
    sender = uuid.uuid4().hex
    send(url, sender, "我是移工，我可以轉中階嗎")
    send(url, sender, "工廠")
    replies = send(url, sender, '/set_language{"language":"vi"}')
    shown = texts(replies)
    assert text("chat.language_set", "vi", {"language": "Tiếng Việt"}) in shown
    assert text("question_self.worker.continuous_years", "vi") in shown
