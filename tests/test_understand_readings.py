"""How values are read in context, without the trained model: the extractor's entities and the interview
step on one message (`advisor understand` with a stand-in for the intent). Each case is a class of
misreading found on the development sets (bench/dev_facts, bench/dev_facts_b … _e) or by people playing users,
reworded; every one of them once stored a value the user did not give, or kept one the user had just corrected.
"""
from __future__ import annotations

import pytest

from bot.dialogue.answers import read
from bot.dialogue.step import Incoming, State, step
from bot.nlu.extract import as_entities
from bot.understand import understand
from tests.test_understand_cases import close

W, E = "worker", "employer"
MFG = {"company.industry": "manufacturing"}
CASES = [
    # the old value in a correction names the fact; the new one replaces it
    ("zh-TW", E, "不是四萬 是四萬五", {"worker.monthly_wage": 40000}, None, {"worker.monthly_wage": 45000}, None),
    ("zh-TW", E, "更正 他在台灣是9年不是8年", {"worker.continuous_years": 8}, "worker.years_with_employer",
     {"worker.continuous_years": 9}, None),
    ("en", W, "sorry po, with my current amo it's 5 years not 4", {"worker.years_with_employer": 4}, None,
     {"worker.years_with_employer": 5}, None),
    # a certificate denied in words of any kind is not Taiwan's either; one named in a question is not stated
    ("en", W, "sorry I don't have a certificate, it was only my certificate of employment",
     {"worker.certificate": True}, None, {"worker.certificate": False}, None),
    ("vi", W, "e ko co chung chi a", {"worker.certificate": True}, None, {"worker.certificate": False}, None),
    ("zh-TW", E, "需要有技術士證嗎", {}, None, {}, None),
    # a figure in a question: a what-if on a fact already known, else set aside
    ("zh-TW", E, "那三萬八呢", {"worker.monthly_wage": 33000}, None, {"worker.monthly_wage": 33000},
     {"worker.monthly_wage": 38000}),
    ("zh-TW", E, "請問專線是24小時的嗎", {}, None, {}, None),
    ("id", W, "kalo udah 7 tahun bisa gak kak?", {"worker.continuous_years": 5}, None,
     {"worker.continuous_years": 5}, {"worker.continuous_years": 7}),
    # the former wage, overtime, a roommate's wage
    ("zh-TW", E, "以前是2萬9，今年調到3萬3了", {}, "worker.monthly_wage", {"worker.monthly_wage": 33000}, None),
    ("zh-TW", E, "底薪31000 加班費一個月大概7000", {}, "worker.monthly_wage", {"worker.monthly_wage": 31000}, None),
    ("en", W, "basic 30k po, with OT it's around 41k", {}, "worker.monthly_wage", {"worker.monthly_wage": 30000}, None),
    ("id", W, "dulu 26rb kak, sekarang 30,5rb. temen sekamar 33rb", {}, "worker.monthly_wage",
     {"worker.monthly_wage": 30500}, None),
    # numbers as people write them
    ("vi", W, "29k5 a", {}, "worker.monthly_wage", {"worker.monthly_wage": 29500}, None),
    ("vi", W, "3 vạn 2 ạ", {}, "worker.monthly_wage", {"worker.monthly_wage": 32000}, None),
    ("vi", W, "ba mươi mốt nghìn rưỡi", {}, "worker.monthly_wage", {"worker.monthly_wage": 31500}, None),
    ("en", W, "sahod 31k 7 years na ako here", {}, None,
     {"worker.monthly_wage": 31000, "worker.continuous_years": 7}, None),
    ("vi", W, "1 năm được 480 nghìn ạ", {}, "worker.monthly_wage", {"worker.annual_wage": 480000}, None),
    # 一 that counts nothing, a figure "and some"
    ("zh-TW", E, "外勞12個 有一個越南的想轉中階", {}, None, {"company.migrant_workers": 12}, None),
    ("zh-TW", E, "目前還沒有中階 他會是第一個", {}, "company.midlevel_workers", {"company.midlevel_workers": 0}, None),
    ("zh-TW", E, "員工七十幾個…我查一下 74個", {}, "company.employees", {"company.employees": 74}, None),
    # none, with the words around it
    ("en", E, "None yet.", {}, "company.midlevel_workers", {"company.midlevel_workers": 0}, None),
    ("id", W, "gak ada kak", {}, "worker.training_hours", {"worker.training_hours": 0}, None),
    ("th", W, "ยังไม่มีครับ", {}, "company.midlevel_workers", {"company.midlevel_workers": 0}, None),
    ("zh-TW", E, "外國白領喔 沒有欸", {}, "company.foreign_professionals", {"company.foreign_professionals": 0}, None),
    # whose place, whose years, which job
    ("vi", W, "nhầm ạ, xưởng ở Chương Hóa, e chỉ ở trọ Đài Trung", {"company.region": "臺中市", **MFG}, None,
     {"company.region": "彰化縣", **MFG}, None),
    ("zh-TW", E, "總共200人，台南廠120、高雄廠80", {}, None, {"company.employees": 200}, None),
    ("zh-TW", E, "高雄", {"company.region": "臺中市"}, "training.region",
     {"company.region": "臺中市", "training.region": "高雄市"}, None),
    ("en", W, "I went home after my first contract and came back to work after 1 year", {}, None,
     {"worker.left_and_returned": True}, None),
    ("en", W, "I'm a CNC operator in a factory, 7 years in Taiwan", {}, None,
     {"worker.occupation_group": 7, "company.industry": "manufacturing", "worker.continuous_years": 7}, None),
    ("zh-TW", W, "我在養老院照顧阿公阿嬤 薪水2萬9", {}, None,
     {"company.industry": "institutional_care", "worker.monthly_wage": 29000}, None),
    ("id", W, "kerja di majikan yang sama 5 tahun, totalnya di Taiwan 9 tahun", {}, None,
     {"worker.years_with_employer": 5, "worker.cumulative_years": 9}, None),
    # found by people playing users against the running server
    ("zh-TW", E, "資本額5億，員工250人", {}, None, {"company.paid_in_capital": 500_000_000, "company.employees": 250}, None),
    ("zh-TW", E, "實收一億二", {}, "company.paid_in_capital", {"company.paid_in_capital": 120_000_000}, None),
    ("zh-TW", E, "想把一位做了7年的焊工轉中階", {}, None,
     {"worker.occupation_group": 7, "worker.continuous_years": 7}, None),
    ("zh-TW", E, "企業包班，學費12萬，15個員工上課", {"company.employees": 400}, "training.class_type",
     {"company.employees": 400, "training.cost": 120000, "training.class_type": "enterprise"}, None),
    ("zh-TW", E, "做塑膠射出的工廠", {}, "company.industry", {"company.industry": "manufacturing"}, None),
    ("id", W, "gaji pokok 30.000 tambah tunjangan 1500", {}, "worker.monthly_wage", {"worker.monthly_wage": 31500}, None),
    ("zh-TW", E, "本薪30000，全勤2000，伙食津貼1500", {}, "worker.monthly_wage", {"worker.monthly_wage": 33500}, None),
    ("zh-TW", E, "月薪3萬5 伙食費扣2000", {}, "worker.monthly_wage", {"worker.monthly_wage": 35000}, None),
    ("zh-TW", E, "37000 不含加班", {}, "worker.monthly_wage", {"worker.monthly_wage": 37000}, None),
    ("en", W, "21,000 po sahod ko", {}, "worker.monthly_wage", {"worker.monthly_wage": 21000}, None),
    ("id", W, "telung puluh enem ewu", {}, "worker.monthly_wage", {"worker.monthly_wage": 36000}, None),
    ("vi", W, "luong 2v9", {}, "worker.monthly_wage", {"worker.monthly_wage": 29000}, None),
    ("vi", W, "có, chứng chỉ hàn bậc 3 của Đài", {}, "worker.certificate",
     {"worker.certificate": True, "worker.occupation_group": 7}, None),
    ("en", W, "wala po, pero may TESDA NC II ako", {}, "worker.certificate", {}, None),
    ("th", W, "ไม่มีครับ จบ ปวส. ที่ไทย", {}, "worker.taiwan_degree", {"worker.taiwan_degree": "none"}, None),
    # one stay in Taiwan, all of it with this employer: both year facts (the held-out conventions)
    ("zh-TW", E, "在台灣9年了 一直都在我們公司", {}, None,
     {"worker.continuous_years": 9, "worker.years_with_employer": 9}, None),
    ("en", W, "7 years po in Taiwan, always the same employer since day 1", {}, None,
     {"worker.continuous_years": 7, "worker.years_with_employer": 7}, None),
    ("en", W, "7 yrs same employer", {}, None, {"worker.years_with_employer": 7}, None),
    # found on a third writer's development set (bench/dev_facts_b) and by people playing users (2026-12-07)
    # a place or a degree with a numeral in its name is that place or degree (斗六 was 6 employees; 二專 2 workers)
    ("zh-TW", E, "資本額一千兩百萬 員工38個 做鐵工的 在斗六", {}, None,
     {"company.paid_in_capital": 12_000_000, "company.employees": 38, "company.industry": "manufacturing",
      "company.region": "雲林縣"}, None),
    ("zh-TW", E, "有個印尼的之前在這邊讀書 二專畢業 月薪開3萬", {}, None,
     {"worker.taiwan_degree": "associate", "worker.monthly_wage": 30000}, None),
    # a role word another figure stands between belongs to that figure; local staff are not the quota
    ("zh-TW", E, "移工核配30個 本勞大概120人", {}, None, {"company.migrant_allocation": 30}, None),
    ("zh-TW", E, "核配15 現在在職12", {}, None, {"company.migrant_allocation": 15, "company.migrant_workers": 12}, None),
    ("zh-TW", E, "資本額8000萬 兩廠加起來員工大概260人 彰化180 雲林80", {}, None,
     {"company.paid_in_capital": 80_000_000, "company.employees": 260}, None),
    ("en", E, "We have 250 employees, allocation of 75 migrant workers, 70 currently hired", {}, None,
     {"company.employees": 250, "company.migrant_allocation": 75, "company.migrant_workers": 70}, None),
    ("th", E, "พนักงาน 80 คน โควตาแรงงานต่างชาติ 24 คน ใช้อยู่ 20 คน", {}, None,
     {"company.employees": 80, "company.migrant_allocation": 24, "company.migrant_workers": 20}, None),
    # the one worker to convert is not a headcount; the people in a class are not the staff
    ("zh-TW", E, "想評估一個移工轉中階", {}, None, {}, None),
    ("id", E, "Ada satu pekerja las mau naik jadi menengah, gajinya 34.000", {}, None,
     {"worker.occupation_group": 7, "worker.monthly_wage": 34000}, None),
    ("vi", E, "công ty có 35 lao động nước ngoài, một người trong đó muốn chuyển lên trung cấp", {},
     "company.migrant_workers", {"company.migrant_workers": 35}, None),
    ("zh-TW", E, "包班好了 大概20個人 課程費用總共大概30萬", {"company.employees": 260}, "training.class_type",
     {"company.employees": 260, "training.class_type": "enterprise", "training.cost": 300_000}, None),
    # someone else's years, across the clauses about them, until the speaker comes back
    ("en", W, "my sister is in Taiwan 10 years already, nasa nursing home. Ako naman 3 years pa lang, factory", {}, None,
     {"worker.continuous_years": 3, "company.industry": "manufacturing"}, None),
    ("id", W, "adikku juga di taiwan udah 10 tahun, kalo aku baru 4 tahun", {}, "worker.continuous_years",
     {"worker.continuous_years": 4}, None),
    ("zh-TW", E, "之前在別的機構做3年 來我們這邊4年", {}, "worker.years_with_employer",
     {"worker.years_with_employer": 4, "company.industry": "institutional_care"}, None),
    ("th", W, "ผมทำก่อสร้างที่ไทเป อยู่มา 6 ปี 3 เดือน ค่าแรงสามหมื่นสาม น้องชายผมก็ทำที่นี่แต่เพิ่งมา 2 ปี", {}, None,
     {"company.industry": "construction", "company.region": "臺北市", "worker.continuous_years": 6.25,
      "worker.monthly_wage": 33000}, None),
    # time at home is not time worked; a month's name is a date
    ("id", W, "dulu aku 6 taun jaga oma, trus pulang ke indo 2 taun, skrg balik lagi kerja di panti, totalnya udah 11 taun",
     {}, None, {"worker.cumulative_years": 11, "worker.left_and_returned": True,
                "company.industry": "institutional_care"}, None),
    ("vi", W, "hợp đồng em hết hạn tháng 8 năm sau", {}, "worker.continuous_years", {}, None),
    # allowances before or after their figure, and a total after them; a plain reply with a few words
    ("zh-TW", E, "底薪29000 全勤1000 夜班津貼每月固定1500", {}, "worker.monthly_wage", {"worker.monthly_wage": 31500}, None),
    ("en", W, "basic 30,500 plus 1,500 perfect attendance", {}, "worker.monthly_wage", {"worker.monthly_wage": 32000}, None),
    ("en", W, "kasama po yung perfect attendance 1,500 so 32k", {"worker.monthly_wage": 30500}, None,
     {"worker.monthly_wage": 32000}, None),
    ("zh-TW", E, "0 還沒有", {}, "company.midlevel_workers", {"company.midlevel_workers": 0}, None),
    ("en", E, "40 right now", {}, "company.migrant_workers", {"company.migrant_workers": 40}, None),
    ("zh-TW", E, "我們1955打過了", {}, "company.migrant_workers", {}, None),
    # the employer's own training is not the course hours; training and certificates from home are not Taiwan's
    ("th", W, "บริษัทจัดอบรมในโรงงานให้แล้ว 100 ชั่วโมง", MFG, "worker.training_hours",
     {**MFG, "worker.self_training_hours": 100}, None),
    ("vi", W, "em có học khóa chăm sóc 90 tiếng ở Việt Nam trước khi sang", {}, None, {}, None),
    ("zh-TW", E, "欸不對 他的證照是在越南考的 台灣的還沒考", {"worker.certificate": True}, "worker.monthly_wage",
     {"worker.certificate": False}, None),
    ("en", W, "sorry my mistake, my cert is TESDA NC2 from the Philippines", {"worker.certificate": True}, None, {}, None),
    ("vi", W, "không biết nữa anh", {}, "worker.certificate", {}, None),
    # a what-if to the end of a sentence that asks; the rule's figures in a question are not the wage
    ("en", E, "If we hire 10 more local staff, so 70 employees, how many foreign workers can we have?",
     {"company.employees": 60}, None, {"company.employees": 60}, {"company.employees": 70}),
    ("en", W, "how much is the salary requirement for nursing home po, 29k or 31k?", {}, "worker.monthly_wage", {}, None),
    # someone else's when a worker speaks, the worker when an employer does; Vietnamese words are whole words
    ("id", W, "temen aku udah 28rb, aku baru 24rb", {}, "worker.monthly_wage", {"worker.monthly_wage": 24000}, None),
    ("vi", W, "em muốn hỏi em có đủ điều kiện chuyển lên bậc trung không ạ", {}, None, {}, None),
    ("th", W, "มีใบรับรองฝีมือแรงงานของไต้หวันครับ เงินเดือนสามหมื่นหก", {}, "worker.certificate",
     {"worker.certificate": True, "worker.monthly_wage": 36000}, None),
    ("id", W, "cuma lulus SMA di indo", {}, "worker.taiwan_degree", {"worker.taiwan_degree": "none"}, None),
    ("zh-TW", E, "他是越南僑生 科大畢業的", {}, "worker.taiwan_degree", {"worker.taiwan_degree": "bachelor"}, None),
    ("th", W, "ไม่เคยกลับเลยครับ อยู่ยาวตลอด", {}, "worker.left_and_returned", {"worker.left_and_returned": False}, None),
    ("en", W, "with this amo 3 years po, I never went home", {}, "worker.years_with_employer",
     {"worker.years_with_employer": 3}, None),
    ("id", W, "ga tau kak itu apa", {}, "worker.certificate", {}, None),
    ("vi", E, "bạn ấy sang Đài 9 năm rồi", {}, None, {"worker.continuous_years": 9}, None),
    ("vi", W, "chị ấy làm 9 năm rồi. Còn em thì mới 3 năm", {}, None, {"worker.continuous_years": 3}, None),
    ("id", W, "udah 7 tahun di taiwan kak, majikan sama terus dari awal", {}, None,
     {"worker.continuous_years": 7, "worker.years_with_employer": 7}, None),
    ("id", E, "Karyawan total 80, TKI 22 orang, belum ada yang menengah", {}, None,
     {"company.employees": 80, "company.migrant_workers": 22, "company.midlevel_workers": 0}, None),
    ("vi", W, "em học khóa online 50 tiếng, công ty cũng tự đào tạo 30 tiếng", {}, "worker.training_hours",
     {"worker.training_hours": 50, "worker.self_training_hours": 30}, None),
    # found by the second round of people playing users (2026-12-07)
    ("zh-TW", E, "一廠120人 二廠80人", {}, None, {}, None),
    ("zh-TW", E, "不對，員工是兩個廠加起來200人，不是120", {"company.employees": 120}, None, {"company.employees": 200}, None),
    ("id", W, "eh maaf kak salah, gajiku 25.500 bukan 27rb", {"worker.monthly_wage": 27000}, None,
     {"worker.monthly_wage": 25500}, None),
    ("vi", W, "a em nham, luong co dinh chi 35.000 thoi", {"worker.monthly_wage": 36500}, None,
     {"worker.monthly_wage": 35000}, None),
    ("en", E, "and we actually have 1 skilled worker already", {}, None, {"company.midlevel_workers": 1}, None),
    ("th", W, "บริษัทอบรมเองแค่ 60 ชั่วโมงค่ะ", {}, None, {"worker.self_training_hours": 60}, None),
    ("vi", W, "vien co cho em hoc lop cham soc khoang 90 tieng", {}, None, {"worker.self_training_hours": 90}, None),
    ("en", W, "6 years pala not 8", {"worker.continuous_years": 8}, None, {"worker.continuous_years": 6}, None),
    # the old value's fact takes the new value of its own role, not the nearest figure ("No mid-level" had set
    # the migrant workers to 0); a no about the certificate is not none to the hours asked; the minimum asked about
    ("en", E, "Sorry, correction: we have 42 migrant workers, not 38. No mid-level workers yet.",
     {"company.migrant_workers": 38}, "company.midlevel_workers",
     {"company.migrant_workers": 42, "company.midlevel_workers": 0}, None),
    ("vi", W, "nham r, e ko co chung chi dau, cai do chi la giay xac nhan thoi", {}, "worker.training_hours",
     {"worker.certificate": False}, None),
    ("vi", W, "cham soc tai nha thi luong toi thieu 26k dung ko", {"worker.monthly_wage": 21000}, None,
     {"worker.monthly_wage": 21000}, None),
    # an allowance's word with its own figure right after it is that figure's, not the base wage's
    ("zh-TW", E, "底薪27000 伙食津貼每月2400", {}, "worker.monthly_wage", {"worker.monthly_wage": 29400}, None),
    ("zh-TW", E, "他來台灣8年了 都在我們這邊", {}, "worker.continuous_years",
     {"worker.continuous_years": 8, "worker.years_with_employer": 8}, None),
    ("zh-TW", E, "員工150 核配45 中階還沒有", {}, None,
     {"company.employees": 150, "company.migrant_allocation": 45, "company.midlevel_workers": 0}, None),
    ("zh-TW", E, "我們沒有自己辦訓練", {}, "worker.self_training_hours", {"worker.self_training_hours": 0}, None),
    ("zh-TW", E, "我們做機械的", {}, "company.industry", {"company.industry": "manufacturing"}, None),
    ("en", W, "9 years na ako in Taiwan. Hindi po ako umuwi", {}, None, {"worker.continuous_years": 9}, None),
    # the question at the end is its own clause: the facts before it are stated (the clause after a figure ended
    # only where the substring's first letter could not see the Han letter before the space)
    ("zh-TW", W, "我是看護 在養護中心做了7年 薪水3萬2 可以轉中階嗎", {}, None,
     {"company.industry": "institutional_care", "worker.continuous_years": 7, "worker.monthly_wage": 32000}, None),
    # bench/dev_facts_c (a fourth writer): take-home pay with overtime is never the wage, the words after it say so
    # too; an age is not years of work; a round figure "plus" is asked again; one line's or one room's people are
    # not the company's; a relative's years or the plant next door's wage are theirs
    ("en", W, "take home ko po around 38k with OT", {}, "worker.monthly_wage", {}, None),
    ("id", W, "kadang 40rb kalo lembur banyak", {}, "worker.monthly_wage", {}, None),
    ("en", W, "basic is 29,000 and with overtime it's 35k", {}, "worker.monthly_wage",
     {"worker.monthly_wage": 29000}, None),
    ("zh-TW", E, "38000是有算加班的 本薪是30000", {}, "worker.monthly_wage", {"worker.monthly_wage": 30000}, None),
    ("id", W, "umur saya 41 kak", {}, "worker.continuous_years", {}, None),
    ("zh-TW", E, "他今年42歲", {}, "worker.continuous_years", {}, None),
    ("th", W, "ดูแลผู้สูงอายุมา 9 ปีแล้วค่ะ", {}, "worker.continuous_years", {"worker.continuous_years": 9}, None),
    ("en", W, "31k plus po", {}, "worker.monthly_wage", {}, None),
    ("en", W, "31k plus 1k attendance bonus", {}, "worker.monthly_wage", {"worker.monthly_wage": 32000}, None),
    ("id", W, "32rb lebih dikit", {}, "worker.monthly_wage", {}, None),
    ("zh-TW", E, "一條產線大概三十個人", {}, "company.employees", {}, None),
    ("id", E, "satu line ada 15 orang", {}, "company.migrant_workers", {}, None),
    ("zh-TW", E, "他哥在台灣做了11年，他自己是6年", {}, "worker.continuous_years", {"worker.continuous_years": 6}, None),
    ("zh-TW", E, "隔壁廠給三萬六，我們給三萬三", {}, "worker.monthly_wage", {"worker.monthly_wage": 33000}, None),
    ("zh-TW", E, "一百五出頭", {}, "company.employees", {}, None),
    ("zh-TW", E, "三十來個吧", {}, "company.migrant_workers", {}, None),
    ("vi", W, "luong tren 2 van 9 a", {}, "worker.monthly_wage", {}, None),
    ("th", W, "ต้องทำงาน 5 ปีใช่ไหมครับ", {}, "worker.continuous_years", {}, None),
    # (bench/dev_facts_d) a denial in chat spelling; an age; 24-hour care; a course still to come; home currency
    ("id", W, "gk punya sertifikat taiwan, cuma yg dari indo", {}, "worker.certificate", {"worker.certificate": False}, None),
    ("id", W, "saya 41 thn, dtg thn 2015", {}, "worker.continuous_years", {}, None),
    ("id", W, "belum pernah kursus, jaga nenek 24 jam", {}, "worker.training_hours",
     {"worker.training_hours": 0, "company.industry": "home_care"}, None),
    ("zh-TW", E, "還沒上 下個月才要報名 40小時的課", {}, "worker.training_hours", {"worker.training_hours": 0}, None),
    ("en", W, "i send home like 40k pesos a month", {}, "worker.monthly_wage", {}, None),
    ("en", E, "about a hundred and forty people", {}, "company.employees", {"company.employees": 140}, None),
    # a headcount of one nationality is not the migrant workers; a stated total is
    ("zh-TW", E, "外勞30個 其中泰國的有8個", {}, "company.migrant_workers", {"company.migrant_workers": 30}, None),
    ("zh-TW", E, "移工是越南9 印尼14 合計23個", {}, "company.migrant_workers", {"company.migrant_workers": 23}, None),
    ("en", E, "we have 20 migrant workers and the 2 mid-level ones", {}, None,
     {"company.migrant_workers": 20, "company.midlevel_workers": 2}, None),
    # someone else's figure behind "my friend"; a rule someone told; the job before this one
    ("zh-TW", E, "我朋友那間的移工月薪都3萬5 我們是給30500", {}, "worker.monthly_wage", {"worker.monthly_wage": 30500}, None),
    ("vi", W, "nguoi ta noi phai 80 tieng moi dc, e moi hoc 30 tieng", {}, "worker.training_hours",
     {"worker.training_hours": 30}, None),
    ("en", W, "nursing home in Taichung po. Before that I was with a family in Chiayi 3 years", {}, "company.region",
     {"company.industry": "institutional_care", "company.region": "臺中市"}, None),
    # none answered in a few words; not knowing is not none
    ("th", W, "ไม่เคยครับ", {}, "worker.training_hours", {"worker.training_hours": 0}, None),
    ("vi", E, "chua co nhan luc trung cap nao", {}, "company.midlevel_workers", {"company.midlevel_workers": 0}, None),
    ("vi", W, "không biết bao nhiêu giờ nữa", {}, "worker.training_hours", {}, None),
    ("en", W, "hindi ko alam ilang oras po", {}, "worker.training_hours", {}, None),
    # a what-if by a change is worked out from the known fact, never taken as the new value
    ("id", W, "kalau gaji naik 1,5rb gimana kak", {"worker.monthly_wage": 30000}, None, {"worker.monthly_wage": 30000},
     {"worker.monthly_wage": 31500}),
    ("en", W, "what if I stay 3 more years?", {"worker.continuous_years": 4}, None, {"worker.continuous_years": 4},
     {"worker.continuous_years": 7}),
    ("zh-TW", E, "如果再多請5個外勞呢", {"company.migrant_workers": 30}, None, {"company.migrant_workers": 30},
     {"company.migrant_workers": 35}),
    # corrections: the figure a fact holds is the old one; a bare figure after 打錯 goes to the fact set last
    ("zh-TW", E, "不是18是16，打錯了", {"company.migrant_workers": 18}, None, {"company.migrant_workers": 16}, None),
    ("zh-TW", E, "月薪剛剛打2萬9 其實是2萬8", {"worker.monthly_wage": 29000}, None, {"worker.monthly_wage": 28000}, None),
    # several courses add up, but never with the company's own
    ("zh-TW", E, "產發署的課上了兩門 一門24小時 一門40小時", {}, "worker.training_hours", {"worker.training_hours": 64}, None),
    ("zh-TW", E, "產發署的課30小時 另外公司自己開的課他上了50小時", {}, "worker.training_hours",
     {"worker.training_hours": 30}, None),
    # (played users, 2026-12-07) each once gave a ✅ on a figure the user never gave
    ("zh-TW", E, "我們給她兩萬七 我姐她家那個看護聽說拿兩萬九", {"company.industry": "home_care"}, "worker.monthly_wage",
     {"company.industry": "home_care", "worker.monthly_wage": 27000}, None),
    ("en", W, "I got a certificate from my caregiver course", {"company.industry": "institutional_care"},
     "worker.certificate", {"company.industry": "institutional_care"}, None),
    ("en", W, "hello, I'm Joy, 35 yrs old, 6 years na ako dito", {}, "worker.continuous_years",
     {"worker.continuous_years": 6}, None),
    ("en", E, "what if we raise her wage by 1,500?", {"worker.monthly_wage": 30000}, None,
     {"worker.monthly_wage": 30000}, {"worker.monthly_wage": 31500}),
    ("th", W, "ถ้านายจ้างขึ้นเงินเดือนให้อีก 2,000 ล่ะคะ", {"worker.monthly_wage": 30000}, None,
     {"worker.monthly_wage": 30000}, {"worker.monthly_wage": 32000}),
    ("zh-TW", E, "本薪28000 再加全勤1000 所以應該是兩萬九才對", {"worker.monthly_wage": 33000}, None,
     {"worker.monthly_wage": 29000}, None),
    ("zh-TW", E, "目前有2個 都是前年轉的", {"company.migrant_workers": 40}, "company.midlevel_workers",
     {"company.migrant_workers": 40, "company.midlevel_workers": 2}, None),
    ("id", W, "gak tau kak, pernah ujian tapi gak tau itu sertifikat apa", {}, "worker.certificate", {}, None),
    ("zh-TW", E, "年終大概給2個月", {}, "worker.monthly_wage", {}, None),
    ("vi", W, "Dạ 6 năm ạ. À xin lỗi, lương em là 29.500 chứ không phải 30.000", {"worker.monthly_wage": 30000},
     "worker.continuous_years", {"worker.monthly_wage": 29500, "worker.continuous_years": 6}, None),
    ("th", E, "ไม่มีครับ โรงงานไม่เคยจัดอบรม", {}, "worker.self_training_hours",
     {"worker.self_training_hours": 0, "company.industry": "manufacturing"}, None),
    # found on bench/dev_facts_e (2026-12-07 evening): several counts in one message, whose words they are
    ("en", E, "we have 300 workers, 80 foreign, quota 50", MFG, "company.employees",
     {**MFG, "company.employees": 300, "company.migrant_workers": 80, "company.migrant_allocation": 50}, None),
    ("id", E, "karyawan 150 org, TKA 40, kuota 50", MFG, "company.employees",
     {**MFG, "company.employees": 150, "company.migrant_workers": 40, "company.migrant_allocation": 50}, None),
    ("vi", E, "cty co 200 nguoi, 60 lao dong nuoc ngoai, chi tieu 70", MFG, "company.employees",
     {**MFG, "company.employees": 200, "company.migrant_workers": 60, "company.migrant_allocation": 70}, None),
    ("en", E, "the quota of migrant workers is 40", MFG, None, {**MFG, "company.migrant_allocation": 40}, None),
    ("en", E, "we have 20 migrant workers and the 2 mid-level ones", MFG, None,
     {**MFG, "company.migrant_workers": 20, "company.midlevel_workers": 2}, None),
    ("en", W, "our line has 45 workers, mostly Pinoy", MFG, None, MFG, None),
    ("zh-TW", E, "住民大概80個 員工40幾個", {"company.industry": "institutional_care"}, "company.employees",
     {"company.industry": "institutional_care"}, None),
    ("id", E, "kuota 30 org pak. oh iya, perusahaan saudara bos punya kuota 100 tapi itu lain perusahaan", MFG,
     "company.migrant_allocation", {**MFG, "company.migrant_allocation": 30}, None),
    ("id", E, "karyawan kira2 80an pak, TKA 20an", MFG, "company.employees", MFG, None),
    ("th", E, "หกสิบกว่าคนครับ", MFG, "company.migrant_workers", MFG, None),
    # take-home pay, a deduction after the allowances, overtime hours, a raise still to come
    ("zh-TW", E, "月薪28000 伙食津貼2400 另外仲介每個月扣1800服務費 他自己說拿到手大概3萬5", MFG, "worker.monthly_wage",
     {**MFG, "worker.monthly_wage": 30400}, None),
    ("zh-TW", E, "薪水是月薪3萬2，加班一個月大概40小時 另外算", MFG, "worker.monthly_wage",
     {**MFG, "worker.monthly_wage": 32000}, None),
    ("vi", W, "chủ em nói tháng sau tăng lương lên 22 nghìn, hiện tại vẫn là 20 nghìn", {"company.industry": "home_care"},
     None, {"company.industry": "home_care", "worker.monthly_wage": 20000}, None),
    # a Taiwanese certificate denied after its name, beside a foreign one
    ("id", W, "sertifikat Taiwan belum ada, tapi saya punya sertifikat BNSP", MFG, "worker.certificate",
     {**MFG, "worker.certificate": False}, None),
    # the sister's factory is not the speaker's ("พี่สาวดิฉัน": my sister)
    ("th", W, "ดิฉันดูแลคุณย่าที่บ้านนายจ้างที่ไถจงค่ะ อยู่กับนายจ้างนี้ 4 ปี พี่สาวดิฉันทำโรงงานอยู่เถาหยวน 12 ปี", {}, None,
     {"company.industry": "home_care", "company.region": "臺中市", "worker.years_with_employer": 4}, None),
    # corrections: a figure moved to another fact, a figure said again after a correction word
    ("en", E, "sorry my mistake, 80 is the quota, actual migrant workers right now are 72",
     {**MFG, "company.migrant_workers": 80, "company.migrant_allocation": 90}, None,
     {**MFG, "company.migrant_workers": 72, "company.migrant_allocation": 80}, None),
    ("zh-TW", E, "核配我記得是75 喔不對 是80 上次有增加", MFG, "company.migrant_allocation",
     {**MFG, "company.migrant_allocation": 80}, None),
    ("zh-TW", E, "員工剛剛講75是錯的 沒算到老闆跟會計 是78才對", {**MFG, "company.employees": 75}, None,
     {**MFG, "company.employees": 78}, None),
    ("zh-TW", E, "剛剛核配我講錯了 不是60 是66", {**MFG, "company.migrant_allocation": 60}, None,
     {**MFG, "company.migrant_allocation": 66}, None),
    # a stay with time at home in it is cumulative; "never went home" is not time at home
    ("zh-TW", W, "我來台灣做了11年了 中間有回去過2次", {"company.industry": "home_care"}, None,
     {"company.industry": "home_care", "worker.cumulative_years": 11}, None),
    ("vi", W, "e lam o vien duong lao nay 5 nam roi, ko ve nuoc lan nao", {"company.industry": "institutional_care"}, None,
     {"company.industry": "institutional_care", "worker.years_with_employer": 5}, None),
    # found by people playing users (2026-12-07 evening): each was a ✅ on a figure the user had not given
    ("en", W, "basic salary ko 30,500 plus may OT mga 6k, yung ka-dorm ko nga 3 yrs pa lang pero 36k na sahod nya", {},
     "worker.monthly_wage", {"worker.monthly_wage": 30500}, None),
    ("en", W, "caregiver po ako sa bahay sa Taichung, sahod 20k. May ate ako sa nursing home sa Tainan 9 yrs na sya, 31k sahod.",
     {}, None, {"company.industry": "home_care", "company.region": "臺中市", "worker.monthly_wage": 20000}, None),
    ("th", W, "ไม่มีค่ะ แต่เพื่อนหนูมีใบเซอร์ช่างไฟฟ้าระดับ丙 เขาได้เป็นระดับกลางแล้ว เงินเดือน 35,000", MFG, "worker.certificate",
     {**MFG, "worker.certificate": False}, None),
    ("id", W, "kalau gaji naik jd 26rb gimana kak?", {"company.industry": "home_care", "worker.monthly_wage": 20000}, None,
     {"company.industry": "home_care", "worker.monthly_wage": 20000}, {"worker.monthly_wage": 26000}),
    ("zh-TW", E, "要是我幫他加薪到36000會怎樣", {**MFG, "worker.monthly_wage": 32000}, None,
     {**MFG, "worker.monthly_wage": 32000}, {"worker.monthly_wage": 36000}),
    ("zh-TW", E, "那明年做滿6年 然後薪水直接調3萬7 這樣就可以了嗎",
     {**MFG, "worker.monthly_wage": 32000, "worker.continuous_years": 5}, None,
     {**MFG, "worker.monthly_wage": 32000, "worker.continuous_years": 5},
     {"worker.monthly_wage": 37000, "worker.continuous_years": 6}),
    ("zh-TW", E, "有ㄛ 他去年考到塑膠射出成型丙級", {**MFG, "worker.occupation_group": 7}, "worker.certificate",
     {**MFG, "worker.occupation_group": 7, "worker.certificate": True}, None),
    # one job straight after the other: the stay is their sum; a month as the period of overtime pay; a degree from home
    ("zh-TW", E, "他在我們這9年，之前在別家做3年，是直接轉過來的", MFG, None,
     {**MFG, "worker.years_with_employer": 9, "worker.continuous_years": 12}, None),
    ("zh-TW", E, "加班費一個月大概七八千", MFG, "worker.monthly_wage", MFG, None),
    ("zh-TW", E, "他是印尼的大學畢業，台灣沒念書", MFG, "worker.taiwan_degree", MFG, None),
    ("vi", W, "em lam cong nhan nha may o Dao Vien, luong 3 van 6, ban em luong 4 van", {}, "worker.monthly_wage",
     {"company.industry": "manufacturing", "company.region": "桃園市", "worker.monthly_wage": 36000}, None),
    ("vi", W, "chua hoc", MFG, "worker.training_hours", {**MFG, "worker.training_hours": 0}, None),
    ("vi", W, "khong", MFG, "worker.self_training_hours", {**MFG, "worker.self_training_hours": 0}, None),
    ("id", W, "gaji 20rb, lembur biasanya 3-4rb sebulan", {"company.industry": "home_care"}, "worker.monthly_wage",
     {"company.industry": "home_care", "worker.monthly_wage": 20000}, None),
    ("th", W, "ถ้าปีนี้โบนัสได้เพิ่มอีก 3 หมื่น รายได้ทั้งปีก็เกิน 5 แสนแล้วใช่มั้ยครับ",
     {"company.industry": "construction", "worker.monthly_wage": 33000}, None,
     {"company.industry": "construction", "worker.monthly_wage": 33000}, None),
    # Vietnamese without diacritics reads as with them (the lexicon knows each word unaccented)
    ("vi", W, "e hoc khoa cua Bo Lao dong 40 tieng", MFG, "worker.training_hours", {**MFG, "worker.training_hours": 40}, None),
    ("vi", E, "cty 150 nguoi, han ngach 45, dang co 40 lao dong nuoc ngoai", MFG, "company.employees",
     {**MFG, "company.employees": 150, "company.migrant_allocation": 45, "company.migrant_workers": 40}, None),
    ("vi", E, "moi ca co 12 nguoi", MFG, "company.migrant_workers", MFG, None),
    # allowances: a rate word after the allowance's name, "basic" after a bare amount, a wage "with" its allowance
    ("th", W, "เงินเดือนพื้นฐาน 28,000 ค่าอาหารเดือนละ 1,500", {}, "worker.monthly_wage", {"worker.monthly_wage": 29500}, None),
    ("en", W, "28,000 po basic, plus attendance bonus 1,000 monthly", {}, "worker.monthly_wage",
     {"worker.monthly_wage": 29000}, None),
    ("zh-TW", E, "薪水含全勤33500", {}, "worker.monthly_wage", {"worker.monthly_wage": 33500}, None),
    ("vi", W, "luong co ban 28 nghin, them tro cap an 1 nghin", {}, "worker.monthly_wage", {"worker.monthly_wage": 29000}, None),
    ("th", W, "เงินเดือน 27,000 บวกเบี้ยขยัน 1,000 โอทีไม่นับ", {}, "worker.monthly_wage", {"worker.monthly_wage": 28000}, None),
    ("th", W, "เงินเดือน 29,000 หักค่าอาหารเดือนละ 2,000", {}, "worker.monthly_wage", {"worker.monthly_wage": 29000}, None),
    ("en", W, "sahod ko 20k plus rest day pay around 1,500", {"company.industry": "home_care"}, "worker.monthly_wage",
     {"company.industry": "home_care", "worker.monthly_wage": 20000}, None),
    ("th", W, "ส่งเงินกลับบ้านเดือนละ 1 หมื่น", {"company.industry": "home_care"}, "worker.monthly_wage",
     {"company.industry": "home_care"}, None),
    # a family that cares at home lives where its caregiver works; a region answers the region question
    ("zh-TW", E, "我媽媽的看護來台灣7年 在我們家4年 我們住宜蘭羅東", {}, None,
     {"company.industry": "home_care", "company.region": "宜蘭縣", "worker.continuous_years": 7,
      "worker.years_with_employer": 4}, None),
    ("zh-TW", E, "住板橋", {}, "company.region", {"company.region": "新北市"}, None),
    ("en", W, "I live in Taoyuan po", MFG, None, MFG, None),
    # since the day of arrival with this employer: the whole stay
    ("zh-TW", E, "她一來台灣就在我們家照顧阿嬤 到現在7年", {"company.industry": "home_care"}, None,
     {"company.industry": "home_care", "worker.continuous_years": 7, "worker.years_with_employer": 7}, None),
    ("en", W, "7 yrs here in Taiwan po, since day one same amo lang", {"company.industry": "home_care"}, None,
     {"company.industry": "home_care", "worker.continuous_years": 7, "worker.years_with_employer": 7}, None),
    ("th", W, "กับนายจ้างนี้ตั้งแต่มาเลยค่ะ", {"worker.continuous_years": 8}, "worker.years_with_employer",
     {"worker.continuous_years": 8, "worker.years_with_employer": 8}, None),
    # a total right after a role word is that role's total; after several summed, it is the staff's
    ("th", E, "พนักงาน 200 คน แรงงานต่างชาติทั้งหมด 60 คน", MFG, None,
     {**MFG, "company.employees": 200, "company.migrant_workers": 60}, None),
    ("zh-TW", E, "老闆+幹部+移工一共12個 移工4個", MFG, None,
     {**MFG, "company.employees": 12, "company.migrant_workers": 4}, None),
    # a Han role word in an earlier run of the message is that run's
    ("zh-TW", E, "不對 6年是在我們這邊 他來台灣是8年", {"worker.continuous_years": 6}, "worker.years_with_employer",
     {"worker.continuous_years": 8, "worker.years_with_employer": 6}, None),
    # "none" with words between; a care home's foreign caregivers; local and foreign staff summed
    ("zh-TW", E, "中階現在一個都還沒有", MFG, "company.midlevel_workers", {**MFG, "company.midlevel_workers": 0}, None),
    ("th", E, "ผู้เชี่ยวชาญต่างชาติก็ไม่มีครับ", MFG, "company.foreign_professionals",
     {**MFG, "company.foreign_professionals": 0}, None),
    # local staff are not the total: it is asked, never summed (a sum went stale when one part was corrected)
    ("zh-TW", E, "我們是護理之家 本國員工25 外籍看護15位", {}, None,
     {"company.industry": "institutional_care", "company.migrant_workers": 15}, None),
    # 千 after a figure is thousands: "全勤2千" is 2,000 (once stored as a wage of 32,002)
    ("zh-TW", E, "底薪3萬2加全勤2千", MFG, "worker.monthly_wage", {**MFG, "worker.monthly_wage": 34000}, None),
    ("zh-TW", E, "有啊，他去年有考到堆高機證照", MFG, "worker.certificate", {**MFG, "worker.certificate": True}, None),
    ("zh-TW", E, "證照沒有 外面的課上過40小時", MFG, "worker.certificate",
     {**MFG, "worker.certificate": False, "worker.training_hours": 40}, None),
    # from the review of the round: none of these may store what was not said
    ("zh-TW", E, "他在台灣8年 從頭到尾都沒回去過", {}, None, {"worker.continuous_years": 8}, None),
    ("th", W, "ไม่ได้อยู่กับนายจ้างนี้ตั้งแต่มาเลยค่ะ", {"worker.continuous_years": 8}, "worker.years_with_employer",
     {"worker.continuous_years": 8}, None),
    ("zh-TW", E, "員工 目前有120人", {}, None, {"company.employees": 120}, None),
    ("zh-TW", E, "他要轉中階也沒問題吧", MFG, None, MFG, None),
    ("en", E, "I live in Taoyuan po, the factory is in Hsinchu", MFG, "company.region", MFG, None),
    ("zh-TW", E, "不是給移工的", {}, "training.trainee", {}, None),
    ("zh-TW", E, "對 他朋友有技術士證", MFG, "worker.certificate", MFG, None),
    ("vi", W, "cang lam lau luong cang cao, gio 30 nghin", {}, "worker.monthly_wage", {"worker.monthly_wage": 30000}, None),
    ("zh-TW", E, "本外勞一共120人", MFG, None, {**MFG, "company.employees": 120}, None),
    ("zh-TW", E, "他之前在三重做2年", MFG, "worker.years_with_employer", MFG, None),
    ("zh-TW", E, "底薪28000 全勤2千500", MFG, "worker.monthly_wage", {**MFG, "worker.monthly_wage": 30500}, None),
    ("en", W, "training per month 4 hours", MFG, "worker.training_hours", MFG, None),
    ("id", W, "gaji 28rb sudah termasuk uang makan 1500", MFG, "worker.monthly_wage",
     {**MFG, "worker.monthly_wage": 28000}, None),
    ("id", W, "aku gi kerja di pabrik udah 5 tahun", {}, None, {**MFG, "worker.continuous_years": 5}, None),
    # a brother's years after "but" in his own clause
    ("th", W, "น้องชายผมก็ทำที่นี่แต่เพิ่งมา 2 ปี", {"worker.continuous_years": 7}, None, {"worker.continuous_years": 7}, None),
    ("id", W, "seumpama gaji 34rb, lolos gak?", {"worker.monthly_wage": 30000}, None, {"worker.monthly_wage": 30000},
     {"worker.monthly_wage": 34000}),
    # Thai thousands said without the one; a meal cost the employer pays on top is part of the wage, one deducted is not
    ("th", W, "เงินเดือน2หมื่น7 เบี้ยขยันพันนึง", MFG, "worker.monthly_wage", {**MFG, "worker.monthly_wage": 28000}, None),
    ("th", W, "เงินเดือน 27000 ค่าอาหารเดือนละพันห้า", MFG, "worker.monthly_wage", {**MFG, "worker.monthly_wage": 28500},
     None),
    ("zh-TW", W, "薪水兩萬 雇主另外每個月多給我1500伙食費", {}, "worker.monthly_wage", {"worker.monthly_wage": 21500}, None),
    ("zh-TW", W, "薪水兩萬 每個月扣1500伙食費", {}, "worker.monthly_wage", {"worker.monthly_wage": 20000}, None),
    ("zh-TW", E, "給她1800伙食費", {}, "worker.monthly_wage", {}, None),
    # "one of" is not "wrong"; a role word then "total" is that role's total; "the number of" before the role
    ("id", E, "ABK asing 12 orang, salah satu ABK sudah 9 tahun ikut kapal ini", {}, None,
     {"company.industry": "sea_fishing", "company.migrant_workers": 12, "worker.years_with_employer": 9}, None),
    ("th", E, "แก้นิดครับ 20 คือคนไทย แรงงานต่างชาติทั้งหมด 35", {}, None, {"company.migrant_workers": 35}, None),
    ("en", E, "correction: 38 is the number of migrant workers", {"company.migrant_workers": 33}, None,
     {"company.migrant_workers": 38}, None),
    # a question asking where or how, with a figure in it, does not answer the question asked
    ("vi", W, "hoc 60 tieng o dau vay", MFG, "worker.training_hours", MFG, None),
    # the years of a former employer in the next part of the sentence are not this employer's
    ("zh-TW", E, "更正 他在我們這邊是6年 4年是上一個老闆那邊", {"worker.years_with_employer": 4}, None,
     {"worker.years_with_employer": 6}, None),
    # a stay in parts: years after a clause naming this employer; years before a trip home are not the stay now
    ("zh-TW", W, "我之前在別家做2年，後來直接轉到現在這家，做6年了", {}, None,
     {"worker.years_with_employer": 6, "worker.continuous_years": 8}, None),
    ("en", W, "I worked 5 years in Taichung before, went home for 2 years, then came back and now 4 yrs here", {}, None,
     {"worker.continuous_years": 4, "worker.left_and_returned": True}, None),
    # the same employer all along, said as people say it; "13th month pay" is no stay of thirteen years
    ("en", W, "9 years in Taiwan po, always the same employer, plus 13th month pay", {}, None,
     {"worker.continuous_years": 9, "worker.years_with_employer": 9}, None),
    ("zh-TW", W, "來台灣7年 都在同一家公司", {}, None, {"worker.continuous_years": 7, "worker.years_with_employer": 7}, None),
    ("id", W, "udah 7th di taiwan", {}, None, {"worker.continuous_years": 7}, None),
    # the main job, not the one helped with now and then
    ("zh-TW", E, "他是顧射出機的 有時候也幫忙包裝", MFG, "worker.occupation_group", {**MFG, "worker.occupation_group": 8}, None),
    # none of two headcounts at once; none before the headcount's name with words between
    ("zh-TW", E, "中階跟白領都還沒有", {}, None, {"company.midlevel_workers": 0, "company.foreign_professionals": 0}, None),
    ("id", E, "belum ada yang jadi tenaga kerja teknis menengah", {}, None, {"company.midlevel_workers": 0}, None),
    ("th", E, "ยังไม่มีครับ ผู้เชี่ยวชาญต่างชาติก็ไม่มี", {}, "company.midlevel_workers",
     {"company.midlevel_workers": 0, "company.foreign_professionals": 0}, None),
    ("zh-TW", E, "白領的只有1個", {}, "company.foreign_professionals", {"company.foreign_professionals": 1}, None),
    # a headcount of one nationality is the migrant workers when the role word follows it, not when "of them" precedes
    ("zh-TW", E, "請了3個印尼的移工", {}, None, {"company.migrant_workers": 3}, None),
    ("zh-TW", E, "外勞20個 其中3個印尼的移工", {}, None, {"company.migrant_workers": 20}, None),
    # a neighbour's factory is not the speaker's
    ("zh-TW", E, "隔壁工廠說他們轉了3個", {}, None, {}, None),
    # parts that add up to a total after them; two different figures of one headcount, neither the total, are parts
    ("zh-TW", E, "台北廠1位、台中廠2位，共3位", {}, "company.midlevel_workers", {"company.midlevel_workers": 3}, None),
    ("zh-TW", E, "本國員工70人 加上外勞20個 共90人", {}, None, {"company.employees": 90, "company.migrant_workers": 20}, None),
    ("zh-TW", E, "A廠核配40人、B廠核配25人", {}, "company.migrant_allocation", {}, None),
    ("zh-TW", E, "台勞15個 外勞6個", {}, "company.employees", {"company.migrant_workers": 6}, None),
    # an Indonesian attendance bonus is an allowance; the school's place and years are not the job's
    ("id", W, "gaji pokok 27500, bonus rajin 1000", MFG, "worker.monthly_wage", {**MFG, "worker.monthly_wage": 28500}, None),
    ("vi", W, "e tốt nghiệp đại học ở Đài Nam, hệ 4 năm", {}, "worker.taiwan_degree", {"worker.taiwan_degree": "bachelor"}, None),
    ("zh-TW", E, "他在台灣讀了4年 畢業後在我們公司做3年", {}, None, {"worker.years_with_employer": 3}, None),
    ("id", W, "pelatihan di PT sebelum berangkat 2 bulan", MFG, "worker.training_hours", MFG, None),
    ("en", E, "She has been with our company for 6 years.", MFG, None, {**MFG, "worker.years_with_employer": 6}, None),
    # "caregiver" alone does not say home or care home (thresholds 26,000 and 31,000 a month): the trade is asked
    ("en", W, "Caregiver po ako dito sa Taiwan, sahod 28k", {}, None, {"worker.monthly_wage": 28000}, None),
    ("id", W, "aku caregiver, gaji 27rb", {}, None, {"worker.monthly_wage": 27000}, None),
    ("en", W, "caregiver lang po, nag aalaga ng lolo", {}, None, {}, None),  # a care home's residents are lolos too
    # "van hanh" is vận hành (operating) written without marks, not 8 vạn (80,000) to the job question
    ("vi", W, "8 van hanh may a", MFG, "worker.occupation_group", {**MFG, "worker.occupation_group": 8}, None),
    ("en", W, "caregiver po ako sa bahay ng amo ko, sahod 24k", {}, None,
     {"company.industry": "home_care", "worker.monthly_wage": 24000}, None),
    ("zh-TW", E, "剛剛說的員工150是本國的 外勞另外算 所以總共是190", {"company.employees": 150}, None,
     {"company.employees": 190}, None),
]


def parse(message: str) -> dict:
    return {"text": message, "intent": {"name": "inform"}, "entities": as_entities(message)}


@pytest.mark.parametrize("lang,speaker,message,before,asking,after,what_if", CASES,
                         ids=[c[2][:30] for c in CASES])
def test_a_value_is_read_for_what_its_words_say(lang, speaker, message, before, asking, after, what_if):
    got = understand({"message": message, "facts": before, "asking": asking, "lang": lang,
                      "perspective": speaker}, parse)
    assert set(got["facts"]) == set(after) and all(close(got["facts"][k], v) for k, v in after.items()), got
    assert (got["what_if"] or None) == what_if


@pytest.mark.parametrize("message,lang", [("否", "zh-TW"), ("ko co chi", "vi"), ("không có đâu ạ", "vi"), ("wala po", "en"),
                                          ("ไม่มีครับ", "th")])
def test_a_no_in_words_is_a_no_whatever_the_intent_guessed(message, lang):
    """Played against the server: a typed "否" (the question's own hint) and "ko co chi" were classified as
    affirm, and the intent won over the words: a ✅ on the technical condition from a no."""
    def affirm(text: str) -> dict:
        return {"text": text, "intent": {"name": "affirm"}, "entities": as_entities(text)}
    for fact in ("worker.certificate", "worker.practical_recognition"):
        got = understand({"message": message, "facts": {"company.industry": "home_care"}, "asking": fact,
                          "lang": lang, "perspective": W}, affirm)
        assert got["facts"].get(fact) is False, (fact, got)


def test_a_dash_between_words_is_not_a_minus_sign():
    got = understand({"message": "96 in total - 80 locals", "facts": MFG, "asking": "company.employees",
                      "lang": "en", "perspective": E}, parse)
    assert got["facts"].get("company.employees") == 96 and not any(v is not None and v < 0 for v in got["facts"].values()
                                                                   if isinstance(v, (int, float)))


def test_equipment_named_in_a_grants_question_is_no_workers_job():
    """"想換新的自動化包裝線": while grants are discussed, 包裝 was stored as the worker's job (group 9), and the
    mid-level verdict later said ❌ without asking anything."""
    got = understand({"message": "我們想換新的自動化包裝線 有補助嗎", "facts": MFG, "asking": None, "lang": "zh-TW",
                      "perspective": E, "topic": "grants"}, parse)
    assert "worker.occupation_group" not in got["facts"]


@pytest.mark.parametrize("message,lang,hint", [("6年多", "zh-TW", "確切"), ("快7年了", "zh-TW", "確切"),
                                               ("6 tahun lebih", "id", "angka pasti"), ("almost 7 years po", "en", "exact")])
def test_a_round_figure_to_the_question_is_asked_again_saying_the_exact_one_is_needed(message, lang, hint):
    state = State(facts=dict(MFG), asking="worker.continuous_years", topic="midlevel", perspective="employer", lang=lang)
    turn = step(state, Incoming(message, "inform", as_entities(message)))
    assert "worker.continuous_years" not in turn.state.facts
    assert any(hint in r.text for r in turn.replies), [r.text for r in turn.replies]


def test_the_choice_question_lists_only_the_choices_it_can_name():
    got = read("worker.occupation_group", "kadang setting cetakan juga", lang="id")
    assert not got.understood and "7 " in got.complaint and "1、" not in got.complaint and "7=7" not in got.complaint
