"""Writes the held-out fact cases (zh-TW, id, vi, en, th .jsonl) in this folder.

Each case: (kind, speaker, message, facts before, asking, changes, what_if).
kind is "plain" (an answer to the question asked) or "hard"; it is not written out.
changes: fact -> new value; DEL removes a fact (corrections only).
Run: python3 build.py
"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
DEL = object()

IND = "company.industry"
REG = "company.region"
EMP = "company.employees"
CAP = "company.paid_in_capital"
ALLOC = "company.migrant_allocation"
MIG = "company.migrant_workers"
MID = "company.midlevel_workers"
FP = "company.foreign_professionals"
CONT = "worker.continuous_years"
WYE = "worker.years_with_employer"
CUM = "worker.cumulative_years"
LR = "worker.left_and_returned"
ABR = "worker.abroad_now"
DEG = "worker.taiwan_degree"
OCC = "worker.occupation_group"
WAGE = "worker.monthly_wage"
ANN = "worker.annual_wage"
FHS = "worker.first_hire_student"
CERT = "worker.certificate"
TH = "worker.training_hours"
STH = "worker.self_training_hours"
PR = "worker.practical_recognition"
EH = "worker.employed_here"
TGT = "project.target"
CT = "training.class_type"
COST = "training.cost"
SS = "training.special_status"
TREG = "training.region"
TRN = "training.trainee"


def ctx(industry=None, **kw):
    d = {}
    if industry:
        d[IND] = industry
    names = {"region": REG, "emp": EMP, "alloc": ALLOC, "mig": MIG, "mid": MID, "cont": CONT,
             "wye": WYE, "cum": CUM, "lr": LR, "occ": OCC, "wage": WAGE, "ct": CT, "cost": COST}
    for k, v in kw.items():
        d[names[k]] = v
    return d


MF, HC, IC = "manufacturing", "home_care", "institutional_care"
E, W = "employer", "worker"

ZH = [
    # ---- plain answers
    ("plain", E, "120人", ctx(MF, region="臺中市"), EMP, {EMP: 120}, None),
    ("plain", E, "一百五左右", ctx("construction"), EMP, {EMP: 150}, None),
    ("plain", E, "勞保投保的有210位", ctx(MF, region="桃園市"), EMP, {EMP: 210}, None),
    ("plain", E, "核配40名喔", ctx(MF, emp=120), ALLOC, {ALLOC: 40}, None),
    ("plain", E, "這家廠核配是60個", ctx(MF, emp=200), ALLOC, {ALLOC: 60}, None),
    ("plain", E, "目前有32個移工，印尼越南都有", ctx(MF, emp=120, alloc=40), MIG, {MIG: 32}, None),
    ("plain", E, "還沒有，第一次要辦", ctx(MF, alloc=40, mig=32), MID, {MID: 0}, None),
    ("plain", E, "已經轉了3個了", ctx(MF, alloc=50, mig=44), MID, {MID: 3}, None),
    ("plain", E, "沒有", ctx(MF, emp=120, mig=32), FP, {FP: 0}, None),
    ("plain", E, "彰化鹿港", ctx(MF), REG, {REG: "彰化縣"}, None),
    ("plain", E, "客戶在雲林斗六", ctx(MF, emp=75), REG, {REG: "雲林縣"}, None),
    ("plain", E, "我們做螺絲的，金屬加工廠", {}, IND, {IND: MF}, None),
    ("plain", E, "營造業啦 蓋房子的", {}, IND, {IND: "construction"}, None),
    ("plain", E, "我們是護理之家", {}, IND, {IND: IC}, None),
    ("plain", E, "實收資本額3000萬", ctx(MF, emp=85), CAP, {CAP: 30000000}, None),
    ("plain", E, "1.2億", ctx(MF, emp=260), CAP, {CAP: 120000000}, None),
    ("plain", E, "想開發一台新的自動包裝機，算新產品吧", ctx(MF, emp=45), TGT, {TGT: "product"}, None),
    ("plain", E, "主要是減碳，換節能的空壓機", ctx(MF, emp=60), TGT, {TGT: "low_carbon"}, None),
    ("plain", E, "想幫員工包班", ctx(MF, emp=150), CT, {CT: "enterprise"}, None),
    ("plain", E, "派人去上產發署的公開班", ctx(MF, emp=30), CT, {CT: "public"}, None),
    ("plain", E, "報價大概18萬", ctx(MF, ct="enterprise"), COST, {COST: 180000}, None),
    ("plain", E, "沒有，都一般員工", ctx(MF, ct="public"), SS, {SS: False}, None),
    ("plain", E, "在高雄上課", ctx(MF, ct="public"), TREG, {TREG: "高雄市"}, None),
    ("plain", E, "我們自己的本國員工", ctx(MF, ct="enterprise"), TRN, {TRN: "national"}, None),
    ("plain", E, "他來台灣7年了", ctx(MF, occ=7), CONT, {CONT: 7}, None),
    ("plain", E, "他再我們這邊5年半", ctx(MF, cont=7), WYE, {WYE: 5.5}, None),
    ("plain", E, "前後加起來11年半", ctx(MF, lr=True), CUM, {CUM: 11.5}, None),
    ("plain", E, "底薪3萬2", ctx(MF, occ=7), WAGE, {WAGE: 32000}, None),
    ("plain", E, "33000", ctx(MF), WAGE, {WAGE: 33000}, None),
    ("plain", E, "3.4萬", ctx(MF, occ=8), WAGE, {WAGE: 34000}, None),
    ("plain", E, "一年大概52萬", ctx(MF, wage=31000), ANN, {ANN: 520000}, None),
    ("plain", E, "有，焊接丙級的", ctx(MF, occ=7), CERT, {CERT: True}, None),
    ("plain", E, "上過產發署的課 加起來84小時", ctx(MF, occ=8), TH, {TH: 84}, None),
    ("plain", E, "內部訓練有100小時", ctx(MF, wye=4), STH, {STH: 100}, None),
    ("plain", E, "沒有做過", ctx(MF, occ=8), PR, {PR: False}, None),
    ("plain", E, "對 他現在就在我們廠裡", ctx(MF, occ=7), EH, {EH: True}, None),
    ("plain", E, "是，僑外生剛畢業，第一次聘他", ctx(MF), FHS, {FHS: True}, None),
    ("plain", E, "他在台灣念科大，有學士學位", ctx(MF), DEG, {DEG: "bachelor"}, None),
    ("plain", E, "他是做CNC車床的", ctx(MF), OCC, {OCC: 7}, None),
    ("plain", E, "操作射出成型機", ctx(MF), OCC, {OCC: 8}, None),
    ("plain", E, "主要是包裝跟搬貨", ctx(MF), OCC, {OCC: 9}, None),
    ("plain", E, "有啊 他之前期滿回去過，又再回來", ctx(MF), LR, {LR: True}, None),
    ("plain", E, "請看護在家裡照顧我媽", {}, IND, {IND: HC}, None),
    ("plain", E, "我們給她2萬2", ctx(HC), WAGE, {WAGE: 22000}, None),
    ("plain", E, "她在我們家做8年了", ctx(HC), WYE, {WYE: 8}, None),
    ("plain", E, "我們住台北大安區", ctx(HC), REG, {REG: "臺北市"}, None),
    ("plain", E, "她沒有證照欸 要考嗎？", ctx(HC, wye=8), CERT, {CERT: False}, None),
    ("plain", E, "6年", ctx(MF), CONT, {CONT: 6}, None),
    ("plain", E, "4年", ctx(MF, cont=6), WYE, {WYE: 4}, None),
    ("plain", E, "5年8個月", ctx(MF), CONT, {CONT: 5.67}, None),
    # ---- harder
    ("hard", E, "你好，我們是桃園觀音的塑膠工廠，員工180人，移工核配45個、目前用了42個，想問中階怎麼轉", {}, None,
     {IND: MF, REG: "桃園市", EMP: 180, ALLOC: 45, MIG: 42}, None),
    ("hard", E, "剛剛員工數打錯了，是210不是120。核配30個", ctx(MF, emp=120), ALLOC, {EMP: 210, ALLOC: 30}, None),
    ("hard", E, "那如果我把他調到3萬5呢？", ctx(MF, occ=7, cont=7, wage=32000), None, {}, {WAGE: 35000}),
    ("hard", E, "如果每個月再加2000會過嗎", ctx(MF, wage=31500), None, {}, {WAGE: 33500}),
    ("hard", E, "連加班費一個月大概4萬1，加班費大概8千", ctx(MF, occ=8), WAGE, {WAGE: 33000}, None),
    ("hard", E, "底薪28590，另外每個月伙食津貼2000", ctx(MF), WAGE, {WAGE: 30590}, None),
    ("hard", E, "薪水3萬3，仲介服務費每月扣1800那個另外算", ctx(MF, occ=7), WAGE, {WAGE: 33000}, None),
    ("hard", E, "其他越南的都3萬，這位阿明是3萬4", ctx(MF, occ=7), WAGE, {WAGE: 34000}, None),
    ("hard", E, "去年3萬，今年調成3萬3了", ctx(MF), WAGE, {WAGE: 33000}, None),
    ("hard", E, "我們是算年薪，52萬", ctx(MF), WAGE, {ANN: 520000}, None),
    ("hard", E, "月薪3300", ctx(MF), WAGE, {}, None),
    ("hard", E, "薪水一定要33000以上才可以嗎？", ctx(MF, occ=7), WAGE, {}, None),
    ("hard", E, "目前沒有中階的，不過有一個印尼的想轉", ctx(MF, alloc=40, mig=35), MID, {MID: 0}, None),
    ("hard", E, "移工大概佔三成吧", ctx(MF, emp=150), MIG, {}, None),
    ("hard", E, "台中廠80人、彰化廠60人，全公司加總140", ctx(MF), EMP, {EMP: 140}, None),
    ("hard", E, "有兩個廠，台南一個高雄一個", ctx(MF, emp=140), REG, {}, None),
    ("hard", E, "他在台灣8年，一直都在我們公司沒換過", ctx(MF), CONT, {CONT: 8, WYE: 8}, None),
    ("hard", E, "在我們公司做8年了", ctx(MF), CONT, {WYE: 8}, None),
    ("hard", E, "在我們這邊4年，之前在別家工廠3年，中間都沒回國", ctx(MF), CONT, {CONT: 7, WYE: 4}, None),
    ("hard", E, "她在台灣前後總共9年，中間有回印尼過", ctx(HC), CONT, {CUM: 9}, None),
    ("hard", E, "他有越南的焊工證書", ctx(MF, occ=7), CERT, {}, None),
    ("hard", E, "印尼大學畢業的，在台灣沒念書", ctx(MF), DEG, {DEG: "none"}, None),
    ("hard", E, "他做品管，檢驗產品尺寸", ctx(MF), OCC, {}, None),
    ("hard", E, "喔對了 年資我剛講錯，他來8年不是7年。薪水3萬4", ctx(MF, cont=7), WAGE, {CONT: 8, WAGE: 34000}, None),
    ("hard", E, "我爸中風，請印尼看護在家照顧，她在我們家6年了，之前在別人家2年，都沒回去過，薪水2萬4", {}, None,
     {IND: HC, WYE: 6, CONT: 8, WAGE: 24000}, None),
    ("hard", E, "如果我加到2萬6，她是不是就不用技術條件？", ctx(HC, wye=8, wage=22000), None, {}, {WAGE: 26000}),
    ("hard", E, "家庭看護轉中階，薪水門檻是多少啊", ctx(HC), None, {}, None),
    ("hard", E, "都還沒上過課", ctx(MF, occ=8), TH, {TH: 0}, None),
    ("hard", E, "外面的課都沒上，公司內部自訓有上96小時", ctx(MF, wye=5), TH, {TH: 0, STH: 96}, None),
    ("hard", E, "不好意思，他其實不是焊工，是做品管的，證照也沒有", ctx(MF, occ=7), CERT, {OCC: DEL, CERT: False}, None),
    ("hard", E, "您好～想請問移工轉中階的資格🙏", {}, None, {}, None),
    ("hard", E, "他來很久了，確切幾年我要查一下居留證", ctx(MF, occ=7), CONT, {}, None),
    ("hard", E, "三萬多啦😅", ctx(MF, occ=8), WAGE, {}, None),
    ("hard", E, "抱歉 包班費用是28萬，不是18萬", ctx(MF, ct="enterprise", cost=180000), None, {COST: 280000}, None),
    ("hard", E, "那如果員工增加到200人呢", ctx(MF, emp=150, mig=60), None, {}, {EMP: 200}),
    ("hard", E, "移工25個，核配30，中階目前0", ctx(MF, emp=100), MIG, {MIG: 25, ALLOC: 30, MID: 0}, None),
    ("hard", E, "我是仲介，客戶是岡山的金屬表面處理廠，想幫一個做電鍍線的越南工轉中階，他來台9年，薪水3萬6", {}, None,
     {IND: MF, REG: "高雄市", OCC: 8, CONT: 9, WAGE: 36000}, None),
    ("hard", E, "月薪20000，放假沒休的話另外算，一天大約667", ctx(HC), WAGE, {WAGE: 20000}, None),
    ("hard", E, "機構看護是29000嗎？我們現在給28590", ctx(IC), WAGE, {WAGE: 28590}, None),
    ("hard", E, "我們比隔壁那家小，他們300多人，我們大概95人", ctx(MF), EMP, {EMP: 95}, None),
]

ID = [
    ("plain", W, "udah 7 thn kak", ctx(HC), CONT, {CONT: 7}, None),
    ("plain", W, "gaji 20rb kak", ctx(HC), WAGE, {WAGE: 20000}, None),
    ("plain", W, "di majikan ini 4 tahun kak 😊", ctx(HC, cont=7), WYE, {WYE: 4}, None),
    ("plain", W, "aku jaga oma di rumah kak, oma udh 90an", {}, IND, {IND: HC}, None),
    ("plain", W, "kerja di panti jompo kak", {}, IND, {IND: IC}, None),
    ("plain", W, "totalnya 10 tahun kak", ctx(IC, lr=True), CUM, {CUM: 10}, None),
    ("plain", W, "iya pernah, abis kontrak pulang trus balik lg ke taiwan", ctx(HC), LR, {LR: True}, None),
    ("plain", W, "masih di taiwan kak", ctx(HC, cont=9), ABR, {ABR: False}, None),
    ("plain", W, "gak punya kak", ctx(IC, cont=6), CERT, {CERT: False}, None),
    ("plain", W, "29rb kak", ctx(IC), WAGE, {WAGE: 29000}, None),
    ("plain", W, "6 thn 8 bln", ctx(HC), CONT, {CONT: 6.67}, None),
    ("plain", W, "sy operator mesin press kak", ctx(MF), OCC, {OCC: 8}, None),
    ("plain", W, "pabriknya di Taoyuan, daerah Guanyin", ctx(MF), REG, {REG: "桃園市"}, None),
    ("plain", W, "di panti ini udah 6 thn", ctx(IC), WYE, {WYE: 6}, None),
    ("plain", W, "sy ABK kapal ikan kak", {}, IND, {IND: "sea_fishing"}, None),
    ("plain", W, "kerja bangunan kak, proyek gedung", {}, IND, {IND: "construction"}, None),
    ("plain", W, "sepuluh tahun kak", ctx(HC), CONT, {CONT: 10}, None),
    ("hard", W, "ada sih sertifikat BNSP dr PT waktu di indo", ctx(HC), CERT, {}, None),
    ("hard", W, "blm pernah ikut kursus apa2 kak", ctx(IC), TH, {TH: 0}, None),
    ("hard", W, "sy cuma lulusan SMA di indo kak", ctx(HC), DEG, {DEG: "none"}, None),
    ("hard", W, "gaji pokok 28.590, lemburan biasanya 8rb an", ctx(MF), WAGE, {WAGE: 28590}, None),
    ("hard", W, "kak aku udh 9 thn di taiwan, di majikan skrg 5 thn, gaji 24rb. bisa naik jd tenaga kerja menengah gak?",
     ctx(HC), None, {CONT: 9, WYE: 5, WAGE: 24000}, None),
    ("hard", W, "maaf kak salah ketik tadi, 8 tahun bukan 6 🙏", ctx(HC, cont=6), WYE, {CONT: 8}, None),
    ("hard", W, "kalau gaji naik 2rb bisa gak kak?", ctx(HC, cont=8, wage=22000), None, {}, {WAGE: 24000}),
    ("hard", W, "temen aku 26rb, aku cuma 21rb 😢", ctx(HC), WAGE, {WAGE: 21000}, None),
    ("hard", W, "20rb kak, kalo libur gak diambil dapet tambahan 2.600", ctx(HC), WAGE, {WAGE: 20000}, None),
    ("hard", W, "sy 38 thn kak", ctx(HC), CONT, {}, None),
    ("hard", W, "gak tau kak, lupa ngitungnya", ctx(HC, lr=True), CUM, {}, None),
    ("hard", W, "kak syarat gaji buat perawat rumah brp ya?", ctx(HC), None, {}, None),
    ("hard", W, "8 tahun di Taiwan, dari awal sama majikan yg sama", ctx(HC), CONT, {CONT: 8, WYE: 8}, None),
    # employers / brokers
    ("plain", E, "40 orang pak", ctx(MF, emp=160), MIG, {MIG: 40}, None),
    ("plain", E, "karyawannya 160 orang pak", ctx(MF), EMP, {EMP: 160}, None),
    ("plain", E, "iya ada, sertifikat las dr Taiwan (丙級)", ctx(MF, occ=7), CERT, {CERT: True}, None),
    ("plain", E, "di Changhua pak", ctx(MF), REG, {REG: "彰化縣"}, None),
    ("plain", E, "kuotanya 50 orang", ctx(MF, emp=160), ALLOC, {ALLOC: 50}, None),
    ("hard", E, "gaji pokok 30rb + uang makan 2.400 sebulan", ctx(MF, occ=8), WAGE, {WAGE: 32400}, None),
    ("hard", E, "12 thn pak, sempat pulang 1x abis kontrak trus balik lagi", ctx(MF), CUM, {CUM: 12, LR: True}, None),
    ("hard", E, "belum ada pak", ctx(MF, alloc=50), MID, {MID: 0}, None),
    ("hard", E, "kalau karyawannya jadi 120 gimana pak?", ctx(MF, emp=100, mig=40), None, {}, {EMP: 120}),
    ("hard", E, "ralat pak, gajinya 33.500 bukan 32rb", ctx(MF, wage=32000), None, {WAGE: 33500}, None),
]

VI = [
    ("plain", W, "2 vạn 2 ạ", ctx(HC), WAGE, {WAGE: 22000}, None),
    ("plain", W, "luong 2 van 9 a", ctx(IC), WAGE, {WAGE: 29000}, None),
    ("plain", W, "em sang dc 7 nam r a", ctx(HC), CONT, {CONT: 7}, None),
    ("plain", W, "o voi chu nay 5 năm ạ", ctx(HC, cont=7), WYE, {WYE: 5}, None),
    ("plain", W, "em lam xuong det vai a", {}, IND, {IND: MF}, None),
    ("plain", W, "em chăm ông ở nhà chủ ạ", {}, IND, {IND: HC}, None),
    ("plain", W, "em lam vien duong lao a", {}, IND, {IND: IC}, None),
    ("plain", W, "tổng cộng 11 năm rưỡi ạ", ctx(IC, lr=True), CUM, {CUM: 11.5}, None),
    ("plain", W, "em han dien a", ctx(MF), OCC, {OCC: 7}, None),
    ("plain", W, "dong goi voi khuan hang thoi a", ctx(MF), OCC, {OCC: 9}, None),
    ("plain", W, "ko co a", ctx(HC, cont=8), CERT, {CERT: False}, None),
    ("plain", W, "em hoc dc 40 tieng roi", ctx(MF, occ=8), TH, {TH: 40}, None),
    ("plain", W, "co a, het hop dong em ve VN roi sang lai", ctx(HC), LR, {LR: True}, None),
    ("plain", W, "em đang ở VN ạ, muốn quay lại", ctx(MF, cum=12), ABR, {ABR: True}, None),
    ("plain", W, "xưởng ở Đài Trung ạ", ctx(MF), REG, {REG: "臺中市"}, None),
    ("plain", W, "3 van 2 a", ctx(MF), WAGE, {WAGE: 32000}, None),
    ("plain", W, "em lam nong trai trong rau a", {}, IND, {IND: "agriculture"}, None),
    ("hard", W, "em chỉ có chứng chỉ hàn ở VN thôi ạ", ctx(MF, occ=7), CERT, {}, None),
    ("hard", W, "luong co ban 2 van 9, tang ca them tam 1 van", ctx(MF), WAGE, {WAGE: 29000}, None),
    ("hard", W, "chào anh, em làm CNC ở xưởng cơ khí bên Chương Hóa, sang Đài 8 năm rồi, công ty này 6 năm, lương 3 vạn 3 chưa tính tăng ca",
     {}, None, {IND: MF, REG: "彰化縣", OCC: 7, CONT: 8, WYE: 6, WAGE: 33000}, None),
    ("hard", W, "xin lỗi em nhầm, ở chủ này 5 năm chứ ko phải 4 năm", ctx(HC, cont=7, wye=4), WAGE, {WYE: 5}, None),
    ("hard", W, "neu chu tang len 2 van 6 thi sao a", ctx(HC, wage=24000), None, {}, {WAGE: 26000}),
    ("hard", W, "sang nam la them 1 nam nua, vay du chua a?", ctx(IC, cont=5), None, {}, {CONT: 6}),
    ("hard", W, "ban em dc 2 van 6, con em 2 van 4 thoi 😔", ctx(HC), WAGE, {WAGE: 24000}, None),
    ("hard", W, "em ko biết nữa, chắc phải hỏi môi giới", ctx(MF, wage=30000), ANN, {}, None),
    ("hard", W, "luong bao nhieu thi moi dc len trung cap vay a?", ctx(IC), None, {}, None),
    ("hard", W, "chưa học giờ nào ạ", ctx(IC), TH, {TH: 0}, None),
    ("hard", W, "em đi tàu cá ở Cao Hùng", {}, IND, {IND: "sea_fishing", REG: "高雄市"}, None),
    ("hard", W, "2 van may a", ctx(HC), WAGE, {}, None),
    ("hard", W, "em tot nghiep cao dang o VN, ko hoc o Dai Loan", ctx(MF), DEG, {DEG: "none"}, None),
    # employers / brokers
    ("plain", E, "cty co 25 lao dong nuoc ngoai", ctx(MF, emp=90), MIG, {MIG: 25}, None),
    ("plain", E, "tổng cộng 90 nhân viên", ctx(MF), EMP, {EMP: 90}, None),
    ("plain", E, "nha may o Dao Vien a", ctx(MF), REG, {REG: "桃園市"}, None),
    ("plain", E, "han ngach 20 nguoi", ctx(MF, emp=90), ALLOC, {ALLOC: 20}, None),
    ("hard", E, "lương cơ bản 28.590, phụ cấp ăn 2.000 mỗi tháng", ctx(MF, occ=8), WAGE, {WAGE: 30590}, None),
    ("hard", E, "bạn ấy ở Đài 9 năm, luôn làm cho cùng một chủ", ctx(MF), CONT, {CONT: 9, WYE: 9}, None),
    ("hard", E, "chưa có ai ạ", ctx(MF, alloc=20), MID, {MID: 0}, None),
    ("hard", E, "neu cty xin chuyen 6 nguoi len trung cap thi co dc ko a", ctx(MF, alloc=20, mid=0), None, {}, {MID: 6}),
    ("hard", E, "xin lỗi, 190 người chứ không phải 90", ctx(MF, emp=90, mig=25), None, {EMP: 190}, None),
    ("hard", E, "cty bên em làm mạ điện ở Tân Bắc, có 120 công nhân, 30 lao động nước ngoài", {}, None,
     {IND: MF, REG: "新北市", EMP: 120, MIG: 30}, None),
]

EN = [
    ("plain", W, "7 years po", ctx(HC), CONT, {CONT: 7}, None),
    ("plain", W, "20k po", ctx(HC), WAGE, {WAGE: 20000}, None),
    ("plain", W, "sa amo ko po 5 years na", ctx(HC, cont=9), WYE, {WYE: 5}, None),
    ("plain", W, "caregiver po ako sa nursing home", {}, IND, {IND: IC}, None),
    ("plain", W, "factory worker po, electronics 😊", {}, IND, {IND: MF}, None),
    ("plain", W, "total po 10 years", ctx(MF, lr=True), CUM, {CUM: 10}, None),
    ("plain", W, "sampung taon na po", ctx(IC), CONT, {CONT: 10}, None),
    ("plain", W, "28,590 basic po, plus OT", ctx(MF), WAGE, {WAGE: 28590}, None),
    ("plain", W, "29k po monthly", ctx(IC), WAGE, {WAGE: 29000}, None),
    ("plain", W, "machine operator po", ctx(MF), OCC, {OCC: 8}, None),
    ("plain", W, "wala po", ctx(IC, cont=7), CERT, {CERT: False}, None),
    ("plain", W, "yes po, umuwi ako after contract tapos bumalik", ctx(HC), LR, {LR: True}, None),
    ("plain", W, "nasa Pinas na po ako ngayon", ctx(MF, cum=12), ABR, {ABR: True}, None),
    ("plain", W, "Taichung po", ctx(MF), REG, {REG: "臺中市"}, None),
    ("plain", W, "construction worker po, MRT project", {}, IND, {IND: "construction"}, None),
    ("hard", W, "QC inspector po ako", ctx(MF), OCC, {}, None),
    ("hard", W, "TESDA NC II lang po meron ako", ctx(HC), CERT, {}, None),
    ("hard", W, "none yet po", ctx(MF, occ=8), TH, {TH: 0}, None),
    ("hard", W, "college grad po sa Pinas, wala sa Taiwan", ctx(MF), DEG, {DEG: "none"}, None),
    ("hard", W, "Hi po! caregiver here sa bahay ng lola, 9 yrs na ako sa Taiwan, 6 yrs sa current employer, sahod 23k. pwede po ba ako mag apply intermediate?",
     {}, None, {IND: HC, CONT: 9, WYE: 6, WAGE: 23000}, None),
    ("hard", W, "sorry po typo, 7 years not 6", ctx(HC, cont=6), None, {CONT: 7}, None),
    ("hard", W, "what if my amo will give 26k po?", ctx(HC, wage=24000), None, {}, {WAGE: 26000}),
    ("hard", W, "what if I stay one more year po", ctx(IC, cont=5.5), None, {}, {CONT: 6.5}),
    ("hard", W, "my friend gets 27k but me 24k only", ctx(HC), WAGE, {WAGE: 24000}, None),
    ("hard", W, "I don't know po, ask ko muna sa agency", ctx(HC, lr=True), CUM, {}, None),
    ("hard", W, "how much po ang minimum salary para maging intermediate caregiver?", ctx(IC), None, {}, None),
    ("hard", W, "fisherman po, sa fishing boat sa Yilan", {}, IND, {IND: "sea_fishing", REG: "宜蘭縣"}, None),
    ("hard", W, "8 yrs same employer po", ctx(MF), CONT, {WYE: 8}, None),
    ("hard", W, "8 years po, always the same employer", ctx(MF), CONT, {CONT: 8, WYE: 8}, None),
    ("hard", W, "here 4 years with my employer, before that 3 years sa ibang factory, never umuwi", ctx(MF), CONT,
     {CONT: 7, WYE: 4}, None),
    # employers / brokers
    ("plain", E, "We have 250 employees.", ctx(MF), EMP, {EMP: 250}, None),
    ("plain", E, "around 60 migrant workers", ctx(MF, emp=250), MIG, {MIG: 60}, None),
    ("plain", E, "Our plant is in Gangshan, Kaohsiung", ctx(MF), REG, {REG: "高雄市"}, None),
    ("plain", E, "NT$50 million", ctx(MF, emp=250), CAP, {CAP: 50000000}, None),
    ("plain", E, "He does welding and cutting", ctx(MF), OCC, {OCC: 7}, None),
    ("hard", E, "none", ctx(MF, emp=250, mig=60), FP, {FP: 0}, None),
    ("hard", E, "His basic is 31k plus 2k meal allowance monthly", ctx(MF, occ=7), WAGE, {WAGE: 33000}, None),
    ("hard", E, "around 45k incl OT, OT is about 10k", ctx(MF), WAGE, {WAGE: 35000}, None),
    ("hard", E, "What if we convert 12?", ctx(MF, alloc=40, mid=8), None, {}, {MID: 12}),
    ("hard", E, "Sorry, correction: 66 migrant workers, not 60", ctx(MF, emp=250, mig=60), None, {MIG: 66}, None),
]

TH_ = [
    ("plain", W, "7 ปีค่ะ", ctx(HC), CONT, {CONT: 7}, None),
    ("plain", W, "สามหมื่นสองครับ", ctx(MF), WAGE, {WAGE: 32000}, None),
    ("plain", W, "สองหมื่นสี่ค่ะ", ctx(HC), WAGE, {WAGE: 24000}, None),
    ("plain", W, "อยู่กับนายจ้างคนนี้ 5 ปีค่ะ", ctx(HC, cont=8), WYE, {WYE: 5}, None),
    ("plain", W, "ทำงานโรงงานอิเล็กทรอนิกส์ครับ", {}, IND, {IND: MF}, None),
    ("plain", W, "ดูแลคุณยายที่บ้านค่ะ", {}, IND, {IND: HC}, None),
    ("plain", W, "ทำงานบ้านพักคนชราค่ะ", {}, IND, {IND: IC}, None),
    ("plain", W, "งานก่อสร้างครับ", {}, IND, {IND: "construction"}, None),
    ("plain", W, "ทำไร่ปลูกผักครับ", {}, IND, {IND: "agriculture"}, None),
    ("plain", W, "รวม 12 ปีครับ", ctx(MF, lr=True), CUM, {CUM: 12}, None),
    ("plain", W, "เชื่อมเหล็กครับ", ctx(MF), OCC, {OCC: 7}, None),
    ("plain", W, "แพ็คของ ยกของครับ", ctx(MF), OCC, {OCC: 9}, None),
    ("plain", W, "ไม่มีครับ", ctx(MF, occ=7), CERT, {CERT: False}, None),
    ("plain", W, "เคยค่ะ หมดสัญญากลับไทยแล้วมาใหม่", ctx(HC), LR, {LR: True}, None),
    ("plain", W, "โรงงานอยู่เถาหยวนครับ", ctx(MF), REG, {REG: "桃園市"}, None),
    ("plain", W, "อยู่ไถจงค่ะ", ctx(IC), REG, {REG: "臺中市"}, None),
    ("plain", W, "ทำงานบนเรือประมงครับ 🐟", {}, IND, {IND: "sea_fishing"}, None),
    ("plain", W, "ตอนนี้กลับมาอยู่เมืองไทยแล้วครับ", ctx(MF, cum=12), ABR, {ABR: True}, None),
    ("plain", W, "6 ปี 3 เดือนค่ะ", ctx(HC), CONT, {CONT: 6.25}, None),
    ("hard", W, "มีแต่ใบรับรองฝีมือแรงงานจากไทยครับ", ctx(MF, occ=7), CERT, {}, None),
    ("hard", W, "ยังไม่เคยเรียนเลยค่ะ", ctx(IC), TH, {TH: 0}, None),
    ("hard", W, "สวัสดีครับ ผมทำงานโรงงานที่ไถหนาน เป็นช่างเชื่อม อยู่ไต้หวัน 9 ปีแล้ว เงินเดือนสามหมื่นสาม ไม่รวมโอที", {}, None,
     {IND: MF, REG: "臺南市", OCC: 7, CONT: 9, WAGE: 33000}, None),
    ("hard", W, "ขอโทษครับ เงินเดือน 33,000 ไม่ใช่ 32,000", ctx(MF, wage=32000), None, {WAGE: 33000}, None),
    ("hard", W, "ถ้าได้ 35,000 ล่ะครับ", ctx(MF, occ=7, wage=32000), None, {}, {WAGE: 35000}),
    ("hard", W, "ถ้าอยู่ต่ออีก 2 ปีล่ะคะ", ctx(IC, cont=4), None, {}, {CONT: 6}),
    ("hard", W, "เพื่อนได้สามหมื่นห้า แต่ผมได้สามหมื่นหนึ่งครับ", ctx(MF), WAGE, {WAGE: 31000}, None),
    ("hard", W, "ไม่รู้ค่ะ ต้องถามนายหน้าก่อน", ctx(IC, lr=True), CUM, {}, None),
    ("hard", W, "เงินเดือนต้องเท่าไหร่ถึงจะเป็นแรงงานกึ่งฝีมือได้คะ", ctx(HC), None, {}, None),
    ("hard", W, "ได้เดือนละสี่หมื่น รวมโอทีประมาณแปดพันครับ", ctx(MF), WAGE, {WAGE: 32000}, None),
    ("hard", W, "จบ ปวส. ที่ไทยครับ ไม่ได้เรียนที่ไต้หวัน", ctx(MF), DEG, {DEG: "none"}, None),
    # employers / brokers
    ("plain", E, "พนักงาน 300 คนครับ", ctx(MF), EMP, {EMP: 300}, None),
    ("plain", E, "โควต้า 60 คนครับ", ctx(MF, emp=300), ALLOC, {ALLOC: 60}, None),
    ("plain", E, "เกาสงครับ", ctx(MF), REG, {REG: "高雄市"}, None),
    ("plain", E, "โรงงานพลาสติกครับ", {}, IND, {IND: MF}, None),
    ("hard", E, "แรงงานไทย 45 คน เวียดนามอีก 10 คน", ctx(MF, emp=300), MIG, {MIG: 55}, None),
    ("hard", E, "ยังไม่มีครับ", ctx(MF, alloc=60), MID, {MID: 0}, None),
    ("hard", E, "เงินเดือนพื้นฐาน 30,000 ค่าอาหารอีก 2,000 ต่อเดือน", ctx(MF, occ=8), WAGE, {WAGE: 32000}, None),
    ("hard", E, "ถ้าจ้างแรงงานต่างชาติเพิ่มอีก 5 คนล่ะครับ", ctx(MF, emp=100, mig=45), None, {}, {MIG: 50}),
    ("hard", E, "แก้ไขครับ โควต้า 65 ไม่ใช่ 60", ctx(MF, emp=300, alloc=60), None, {ALLOC: 65}, None),
    ("hard", E, "คนนี้อยู่ไต้หวัน 8 ปี อยู่กับนายจ้างเดียวกันตลอดครับ", ctx(MF), CONT, {CONT: 8, WYE: 8}, None),
]

FILES = [("zh-TW", "zh", ZH), ("id", "id", ID), ("vi", "vi", VI), ("en", "en", EN), ("th", "th", TH_)]


def build():
    stats = {}
    for lang, prefix, cases in FILES:
        lines = []
        for n, (kind, speaker, msg, before, asking, changes, what_if) in enumerate(cases, 1):
            after = dict(before)
            for k, v in changes.items():
                if v is DEL:
                    after.pop(k, None)
                else:
                    after[k] = v
            case = {"id": f"{prefix}-h{n:03d}", "lang": lang, "speaker": speaker, "message": msg,
                    "facts": before, "asking": asking,
                    "expect": {"facts": after, "what_if": what_if}}
            lines.append(json.dumps(case, ensure_ascii=False))
            s = stats.setdefault(lang, {"cases": 0, "employer": 0, "worker": 0, "plain": 0, "hard": 0, "no_change": 0})
            s["cases"] += 1
            s[speaker] += 1
            s[kind] += 1
            s["no_change"] += after == before
        (HERE / f"{lang}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stats


if __name__ == "__main__":
    st = build()
    tot = {k: sum(s[k] for s in st.values()) for k in next(iter(st.values()))}
    for lang, s in st.items():
        print(lang, s)
    print("total", tot, f"no-change share {tot['no_change'] / tot['cases']:.1%}",
          f"plain share {tot['plain'] / tot['cases']:.1%}")
