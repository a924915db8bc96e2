"""Builds zh-TW.jsonl (dev fact-extraction cases). Edit the tables here, then run it.

Each case: (kind, speaker, asking, before, message, added/changed facts, what_if, removed ids).
kind is only for bookkeeping (bare / multi / correction / what_if / zero / no_fact); it is not written.
"""
import collections
import json
import pathlib
import random

A = dict(
    E="company.employees", CAP="company.paid_in_capital", MA="company.migrant_allocation",
    MW="company.migrant_workers", MID="company.midlevel_workers", FP="company.foreign_professionals",
    REG="company.region", IND="company.industry",
    CY="worker.continuous_years", YE="worker.years_with_employer", CUM="worker.cumulative_years",
    LR="worker.left_and_returned", AB="worker.abroad_now", DEG="worker.taiwan_degree",
    OG="worker.occupation_group", MWG="worker.monthly_wage", AW="worker.annual_wage",
    FHS="worker.first_hire_student", CERT="worker.certificate", TH="worker.training_hours",
    STH="worker.self_training_hours", PR="worker.practical_recognition", EH="worker.employed_here",
    TGT="project.target", CT="training.class_type", COST="training.cost",
    SS="training.special_status", TREG="training.region", TR="training.trainee",
)

def f(**kw):
    return {A[k]: v for k, v in kw.items()}

CASES = []

def c(kind, msg, add=None, before=None, ask=None, wi=None, sp="employer", rm=()):
    CASES.append((kind, sp, A[ask] if ask else None, before or {}, msg, add or {},
                  {A[k]: v for k, v in wi.items()} if wi else None, [A[r] for r in rm]))

W = "worker"

# ---------------- bare answers to the asked question (employer) ----------------
c("bare", "40", f(E=40), f(IND="manufacturing"), "E")
c("bare", "員工喔 一百二左右ㄅ", f(E=120), {}, "E")
c("bare", "兩個", f(MW=2), f(E=120), "MW")
c("bare", "核配是30名", f(MA=30), f(E=90, MW=22), "MA")
c("bare", "配鵝50", f(MA=50), f(E=200), "MA")
c("bare", "已經有一個轉了", f(MID=1), f(E=150, MW=40), "MID")
c("bare", "台中", f(REG="臺中市"), f(IND="manufacturing"), "REG")
c("bare", "章化鹿港", f(REG="彰化縣"), {}, "REG")
c("bare", "岡山", f(REG="高雄市"), f(E=60), "REG")
c("bare", "做螺絲的", f(IND="manufacturing"), {}, "IND")
c("bare", "我們是養護中心", f(IND="institutional_care"), {}, "IND")
c("bare", "營造 蓋房子的", f(IND="construction"), {}, "IND")
c("bare", "漁船啦 近海的", f(IND="sea_fishing"), {}, "IND")
c("bare", "500萬", f(CAP=5000000), f(IND="manufacturing", E=45), "CAP")
c("bare", "實收一千兩百萬", f(CAP=12000000), f(E=38), "CAP")
c("bare", "7年", f(CY=7), f(OG=7), "CY")
c("bare", "六年半", f(CY=6.5), f(MWG=33000), "CY")
c("bare", "他再我們公司做4年了", f(YE=4), f(CY=9), "YE")
c("bare", "總共11年半", f(CUM=11.5), f(LR=True), "CUM")
c("bare", "5年8個月", f(CY=5.67), {}, "CY")
c("bare", "有 他之前期滿回印尼一次 後來又回來", f(LR=True), f(CUM=10), "LR")
c("bare", "3萬2左右", f(MWG=32000), f(OG=7, CY=7), "MWG")
c("bare", "33k", f(MWG=33000), {}, "MWG")
c("bare", "三萬五", f(MWG=35000), f(OG=8), "MWG")
c("bare", "52萬", f(AW=520000), f(MWG=31000), "AW")
c("bare", "年薪的話大概52萬", f(AW=520000), f(OG=7), "MWG")
c("bare", "有 有考過丙級", f(CERT=True), f(OG=7, CY=7), "CERT")
c("bare", "焊接", f(OG=7), f(IND="manufacturing"), "OG")
c("bare", "射出成型", f(OG=8), {}, "OG")
c("bare", "電鍍線", f(OG=8), f(IND="manufacturing", REG="彰化縣"), "OG")
c("bare", "包裝跟搬貨", f(OG=9), {}, "OG")
c("bare", "40小時", f(TH=40), f(CERT=False), "TH")
c("bare", "80小時", f(STH=80), f(YE=4), "STH")
c("bare", "他在台灣念科大 有學士", f(DEG="bachelor"), {}, "DEG")
c("bare", "他是印尼的大學畢業", f(DEG="none"), f(CY=4), "DEG")
c("bare", "對 現在在我們廠", f(EH=True), f(CUM=12), "EH")
c("bare", "企業包班", f(CT="enterprise"), {}, "CT")
c("bare", "大概12萬", f(COST=120000), f(CT="enterprise"), "COST")
c("bare", "高雄", f(TREG="高雄市"), f(REG="臺中市", CT="public"), "TREG")
c("bare", "是 他是身障的", f(SS=True), f(CT="public"), "SS")
c("bare", "中階的那個要去上", f(TR="midlevel"), f(CT="public"), "TR")
c("bare", "想做智慧製造 導入自動化", f(TGT="smart"), f(E=60, IND="manufacturing"), "TGT")

# ---------------- bare answers (worker) ----------------
c("bare", "我在阿嬤家照顧阿嬤", f(IND="home_care"), {}, "IND", sp=W)
c("bare", "7年", f(CY=7), {}, "CY", sp=W)
c("bare", "三萬 沒有加班", f(MWG=30000), f(CY=7), "MWG", sp=W)
c("bare", "我做焊接ㄉ", f(OG=7), {}, "OG", sp=W)
c("bare", "這個老闆5年", f(YE=5), f(CY=8), "YE", sp=W)
c("bare", "我有在台灣念大學 畢業了", f(DEG="bachelor"), {}, "DEG", sp=W)
c("bare", "上過idatrain的課 32小時", f(TH=32), f(OG=8), "TH", sp=W)
c("bare", "有 我第一次做完回去 後來又來台灣", f(LR=True), f(CUM=11), "LR", sp=W)
c("bare", "有 我有考台灣的丙級", f(CERT=True), f(OG=7), "CERT", sp=W)

# ---------------- multi-fact messages (employer) ----------------
c("multi", "你好 我們是做汽車零件的 在台中 員工大概80人 移工有20個",
  f(IND="manufacturing", REG="臺中市", E=80, MW=20))
c("multi", "我們工廠在彰化，員工150，外勞30個，其中一個越南的在台灣7年了，做焊接，想把他留下來",
  f(REG="彰化縣", IND="manufacturing", E=150, MW=30, CY=7, OG=7))
c("multi", "底薪29500 加班費一個月大概8000左右", f(MWG=29500), f(OG=8, CY=6), "MWG")
c("multi", "本薪29500，全勤2000，伙食津貼2400", f(MWG=33900), f(OG=7), "MWG")
c("multi", "他領33000，仲介服務費1800另外扣", f(MWG=33000), {}, "MWG")
c("multi", "他朋友在隔壁廠領3萬6，他是3萬3", f(MWG=33000), f(CY=7), "MWG")
c("multi", "以前是3萬，今年1月調到3萬4了", f(MWG=34000), {}, "MWG")
c("multi", "他在我們這9年，之前在別家做3年，是直接轉過來的", f(YE=9, CY=12), f(OG=7))
c("multi", "在台灣8年了 一直都在我們公司", f(CY=8, YE=8), f(IND="manufacturing"))
c("multi", "在我們這邊8年 之前在哪我不清楚", f(YE=8), {}, "CY")
c("multi", "總共150人，彰化廠90、台中廠60，移工兩廠加起來40", f(E=150, MW=40), {}, "E")
c("multi", "員工100個，移工大概佔三成", f(E=100), {}, "E")
c("multi", "員工六十幾個…我看一下 63個 配額15名", f(E=63, MA=15), {}, "E")
c("multi", "我們是養護中心，在台南，看護移工12位，床數49床",
  f(IND="institutional_care", REG="臺南市", MW=12))
c("multi", "家裡請的看護 照顧我媽，來台灣9年了，在我們家做了6年，月薪2萬6",
  f(IND="home_care", CY=9, YE=6, MWG=26000))
c("multi", "焊接師傅，越南人，今年34歲，來台灣7年，月薪3萬3，有丙級證照",
  f(OG=7, CY=7, MWG=33000, CERT=True), f(IND="manufacturing"))
c("multi", "射出成型的，在我們公司5年，之前在別家做2年，直接轉過來", f(OG=8, YE=5, CY=7))
c("multi", "中階2個，白領外國人1個", f(MID=2, FP=1), f(E=150, MW=40), "MID")
c("multi", "公司在新北新莊，資本額800萬，員工45人", f(REG="新北市", CAP=8000000, E=45))
c("multi", "想申請SBIR，主要是開發新產品，資本額3000萬，員工60人",
  f(TGT="product", CAP=30000000, E=60))
c("multi", "想送員工去上產發署的在職班，總共費用大概30萬", f(CT="public", COST=300000))
c("multi", "我們自己的台灣員工，10個人要上", f(TR="national"), f(CT="enterprise"), "TR")
c("multi", "我姓陳 電話0912345678 我們在雲林斗六做食品的 員工32人",
  f(REG="雲林縣", IND="manufacturing", E=32))
c("multi", "我們營造公司 外勞8個 有一個印尼的想轉中階", f(IND="construction", MW=8))
c("multi", "漁船在東港，船員6個都是印尼的，想留的那個跟了我們船7年",
  f(IND="sea_fishing", REG="屏東縣", MW=6, YE=7))
c("multi", "自訓我們自己開了80小時，他在我們公司也4年了", f(STH=80, YE=4), f(CY=6), "STH")
c("multi", "CNC的，月薪3萬7，加班另計", f(OG=7, MWG=37000), {}, "OG")
c("multi", "配額40，現在移工有35個", f(MA=40, MW=35), f(E=180), "MA")
c("multi", "員工大概200，外勞60個，中階還沒有", f(E=200, MW=60, MID=0))
c("multi", "我們在湖口工業區，做PCB的，員工320人", f(REG="新竹縣", IND="manufacturing", E=320))
c("multi", "電鍍廠在彰化和美，移工14個，配額17個",
  f(REG="彰化縣", IND="manufacturing", MW=14, MA=17))
c("multi", "他做電鍍線，在台灣6年了，薪水兩萬九 加班另外算", f(OG=8, CY=6, MWG=29000))
c("multi", "農場在屏東種香蕉，移工3個，想留的那個做了8年",
  f(IND="agriculture", REG="屏東縣", MW=3, CY=8))
c("multi", "外展農務的，在雲林，移工5人", f(IND="outreach_farming", REG="雲林縣", MW=5))
c("multi", "屠宰場 在彰化 員工70 外勞10", f(IND="slaughtering", REG="彰化縣", E=70, MW=10))
c("multi", "中階已經有3個了，外籍專業人員0，配額是20", f(MID=3, FP=0, MA=20), f(E=120), "MID")
c("multi", "他是僑外生，在台灣讀五專畢業，我們是第一次聘他", f(DEG="associate", FHS=True), {}, "DEG")
c("multi", "月薪3萬5，年薪含年終大概48萬", f(MWG=35000, AW=480000), f(OG=7), "MWG")
c("multi", "產發署的課40小時，另外我們自訓80小時", f(TH=40, STH=80), f(YE=5), "TH")
c("multi", "idatrain上了24小時，另外大學的課上了32小時", f(TH=56), f(OG=8), "TH")

# ---------------- multi-fact messages (worker) ----------------
c("multi", "我在台灣工作8年了，老板都一樣", f(CY=8, YE=8), sp=W)
c("multi", "我做焊接，薪水3萬4", f(OG=7, MWG=34000), sp=W)
c("multi", "我工廠在桃園，做包裝", f(REG="桃園市", IND="manufacturing", OG=9), sp=W)
c("multi", "我在台灣總共10年了，這個老闆4年", f(CUM=10, YE=4), sp=W)
c("multi", "我在養老院照顧阿公阿嬤，在高雄，薪水2萬9",
  f(IND="institutional_care", REG="高雄市", MWG=29000), sp=W)
c("multi", "我以前在別的老闆那邊3年，後來直接轉到現在這家，做5年了", f(CY=8, YE=5), sp=W)
c("multi", "我來台灣7年，月薪三萬三，工廠在彰化",
  f(CY=7, MWG=33000, REG="彰化縣", IND="manufacturing"), sp=W)

# ---------------- corrections (employer) ----------------
c("correction", "不對 員工是85 不是58", f(E=85), f(E=58, IND="manufacturing"), "MW")
c("correction", "啊 剛剛薪水打錯 是3萬4", f(MWG=34000), f(MWG=32000, OG=7, CY=7), "CERT")
c("correction", "更正 他在台灣是6年不是7年", f(CY=6), f(CY=7, OG=7), "YE")
c("correction", "說錯了 在我們公司是5年 在台灣6年沒錯", f(YE=5), f(YE=6, CY=6))
c("correction", "不是台中啦 工廠在彰化", f(REG="彰化縣"), f(REG="臺中市", E=50))
c("correction", "台中。對了員工剛剛打錯了是120", f(REG="臺中市", E=120), f(E=102), "REG")
c("correction", "移工不是30 是35", f(MW=35), f(MA=40, MW=30), "MID")
c("correction", "抱歉我們其實是營造業，不是工廠", f(IND="construction"), f(IND="manufacturing", MW=8))
c("correction", "更正一下 他主要是做焊接 不是搬貨", f(OG=7), f(OG=9, CY=6))
c("correction", "證照那個我搞錯了 他沒有 是另一個人有", f(CERT=False), f(CERT=True, OG=7), "TH")
c("correction", "剛剛說他有證照是我亂講的 其實我不確定他有沒有", {}, f(CERT=True, CY=7), "TH",
  rm=["CERT"])
c("correction", "阿 薪水打錯 是33500", f(MWG=33500), f(MWG=33000), "CERT")
c("correction", "年薪是62萬 不是52萬", f(AW=620000), f(AW=520000))
c("correction", "資本額是5000萬 少打一個0", f(CAP=50000000), f(CAP=5000000, E=80))
c("correction", "不好意思 員工應該是48人 我剛看錯", f(E=48), f(E=40), "MW")
c("correction", "時數是48不是40", f(TH=48), f(TH=40))
c("correction", "中階是2個才對 上個月又轉了一個", f(MID=2), f(MID=1, MA=20))
c("correction", "總共是10年不是9年 我算錯", f(CUM=10), f(CUM=9))
c("correction", "不是機構啦 是在家裡顧我爸的", f(IND="home_care"), f(IND="institutional_care"))
c("correction", "喔 更正 他有在台灣念碩士 剛剛忘記講", f(DEG="master"), f(DEG="none"), "CERT")
c("correction", "更正 他有回去過 2018年期滿回印尼 隔年又回來", f(LR=True), f(LR=False, CUM=10))
c("correction", "剛剛那個8年是總共加起來的 不是連續的", f(CUM=8), f(CY=8), "YE", rm=["CY"])
c("correction", "配額我看錯 核配函上寫32", f(MA=32), f(MA=25))
c("correction", "白領的只有1個 另外一個已經離職了", f(FP=1), f(FP=2))
c("correction", "費用是15萬 不是1萬5", f(COST=150000), f(COST=15000, CT="enterprise"))
c("correction", "3萬3。然後更正 他不是顧機台 是做CNC", f(MWG=33000, OG=7), f(OG=8), "MWG")
c("correction", "35000是含加班的 底薪其實是29500", f(MWG=29500), f(MWG=35000))

# ---------------- corrections (worker) ----------------
c("correction", "不是三萬 是三萬二", f(MWG=32000), f(MWG=30000), sp=W)
c("correction", "我寫錯 是6年", f(CY=6), f(CY=5), sp=W)
c("correction", "不是台南 是高雄岡山", f(REG="高雄市"), f(REG="臺南市"), sp=W)

# ---------------- what-ifs and threshold questions (facts unchanged) ----------------
c("what_if", "如果薪水調到3萬5呢", None, f(MWG=32000, OG=7, CY=7, IND="manufacturing"), wi=dict(MWG=35000))
c("what_if", "假如員工增加到100人 可以多留幾個", None, f(E=80, MW=30, MA=35), wi=dict(E=100))
c("what_if", "那配額如果變50呢", None, f(MA=40, MW=38), wi=dict(MA=50))
c("what_if", "如果他做滿6年呢", None, f(CY=5, OG=7), wi=dict(CY=6))
c("what_if", "如果他去考丙級證照 是不是就可以", None, f(CERT=False, CY=7), wi=dict(CERT=True))
c("what_if", "那如果再上40小時 變80小時呢", None, f(TH=40), wi=dict(TH=80))
c("what_if", "假如我們自己開80小時的課", None, f(STH=0, YE=4), wi=dict(STH=80))
c("what_if", "那三萬七呢", None, f(MWG=33000), wi=dict(MWG=37000))
c("what_if", "如果他在我們這待滿3年呢", None, f(YE=2, CY=7), wi=dict(YE=3))
c("what_if", "如果我們是營造業的話呢", None, f(IND="manufacturing", MWG=31000), wi=dict(IND="construction"))
c("what_if", "要是中階只有4個呢", None, f(MID=5, MA=20), wi=dict(MID=4))
c("what_if", "假設年薪給到50萬", None, f(AW=450000), wi=dict(AW=500000))
c("what_if", "聽說明年薪水門檻要3萬5是真的嗎", None, f(MWG=33000, IND="manufacturing"))
c("what_if", "25%是用配額算還是用現在的人數算", None, f(MA=40, MW=30))
c("what_if", "50%那個是怎麼算 100個員工就50個?", None, f(E=63))
c("what_if", "看護的門檻是不是2萬9", None, f(IND="institutional_care"))
c("what_if", "80小時的課要去哪裡上 有推薦嗎", None, f(TH=40))
c("what_if", "如果老闆給我三萬五 可以嗎", None, f(MWG=29000), wi=dict(MWG=35000), sp=W)
c("what_if", "如果我做到6年 那時候可以申請嗎", None, f(CY=5), wi=dict(CY=6), sp=W)

# ---------------- zeros / none ----------------
c("zero", "還沒有", f(MID=0), f(E=150, MW=40, MA=45), "MID")
c("zero", "都沒有", f(FP=0), f(MID=0), "FP")
c("zero", "沒上過課", f(TH=0), f(CERT=False), "TH")
c("zero", "沒有", f(STH=0), f(YE=5), "STH")
c("zero", "0", f(MID=0), f(MA=30), "MID")
c("zero", "一個都沒有 是想從別家聘過來", f(MW=0), f(E=15), "MW")
c("zero", "目前沒有配額", f(MA=0), f(E=30), "MA")
c("zero", "外國白領喔 沒有欸", f(FP=0), {}, "FP")
c("zero", "沒有", f(CERT=False), f(OG=7), "CERT")
c("zero", "沒有 他在越南高中畢業而已", f(DEG="none"), {}, "DEG")
c("zero", "零", f(TH=0), {}, "TH")
c("zero", "目前還沒有中階 他會是第一個", f(MID=0), f(MA=40), "MID")
c("zero", "人培再充電的 不用錢", f(COST=0), {}, "COST")
c("zero", "自訓還沒開始 0小時", f(STH=0), f(YE=3), "STH")
c("zero", "中階跟白領都沒有", f(FP=0, MID=0), f(E=90), "FP")
c("zero", "目前0個 之前的都期滿回去了", f(MW=0), f(E=25), "MW")
c("zero", "沒有出境過", f(LR=False), f(CY=7), "LR")
c("zero", "我沒有上課", f(TH=0), {}, "TH", sp=W)
c("zero", "沒有證照", f(CERT=False), {}, "CERT", sp=W)

# ---------------- no fact at all ----------------
c("no_fact", "你好 想問一下中階技術人力怎麼申請")
c("no_fact", "謝謝你 很清楚ㄋ", None, f(E=80, MW=20, MWG=33000))
c("no_fact", "不知道ㄟ 要問會計", None, f(OG=7), "MWG")
c("no_fact", "這個我要問一下仲介 等等回你", None, f(E=100), "MA")
c("no_fact", "他今年35歲", None, f(CY=7), "MWG")
c("no_fact", "請問1955是24小時的嗎")
c("no_fact", "我電話0933-123-456 可以請人打給我嗎", None, f(REG="臺中市"))
c("no_fact", "3000", None, f(OG=8), "MWG")
c("no_fact", "他有越南的技術證書", None, f(OG=7), "CERT")
c("no_fact", "品管", None, f(IND="manufacturing"), "OG")
c("no_fact", "照顧住民", None, f(IND="institutional_care"), "OG")
c("no_fact", "好喔 👌", None, f(MWG=35000))
c("no_fact", "申請文件要寄到哪裡", None, f(CY=8, OG=7))
c("no_fact", "很多啦 ㄏㄏ 看哪個廠", None, {}, "E")
c("no_fact", "你是真人還是機器人")
c("no_fact", "我查一下他的到職日再跟你說", None, f(CY=7), "YE")
c("no_fact", "仲介說他不能轉 是真的嗎", None, f(CY=6))
c("no_fact", "你好 我是印尼移工 想問中階", sp=W)
c("no_fact", "每個月不一樣 我不知道怎麼算", None, f(CY=6), "MWG", sp=W)


def main():
    out = pathlib.Path(__file__).with_name("zh-TW.jsonl")
    order = list(range(len(CASES)))
    random.Random(20260101).shuffle(order)
    kinds = collections.Counter()
    lines = []
    for n, i in enumerate(order, 1):
        kind, sp, ask, before, msg, add, wi, rm = CASES[i]
        after = dict(before)
        for r in rm:
            after.pop(r, None)
        after.update(add)
        kinds[(kind, sp)] += 1
        lines.append(json.dumps({
            "id": f"zh-{n:03d}", "lang": "zh-TW", "speaker": sp, "message": msg,
            "facts": before, "asking": ask,
            "expect": {"facts": after, "what_if": wi}}, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(len(lines), "cases ->", out)
    for k in ("bare", "multi", "correction", "what_if", "zero", "no_fact"):
        print(f"  {k:10s} employer={kinds[(k, 'employer')]:3d} worker={kinds[(k, 'worker')]:3d}")


if __name__ == "__main__":
    main()
