"""The word pools synthetic plans and articles are drawn from, as plain structures.

Placeholders: ``{year}`` (the plan year), ``{prev}`` (the year before), ``{unit}``
(the unit's name in running text: "huyện Càng Long"), ``{Unit}`` (the same at the
start of a sentence), ``{short}`` (its short name: "Càng Long"), ``{parent}`` (the
unit above it, in running text), ``{number}`` (the plan's number).
"""

from plans.models import Agency, Plan

T = Plan.Topic
K = Agency.Kind

# (topic, title); a plan of the second half of 2025 (today's units, just formed) uses
# the "6 tháng cuối năm" titles, a plan for 2021–2025 or 2026–2030 the "giai đoạn" ones.
PLAN_TITLES = [
    (T.REFORM, "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year}"),
    (T.REFORM, "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year} trên địa bàn {unit}"),
    (T.REFORM, "Kế hoạch tuyên truyền cải cách hành chính năm {year}"),
    (T.REFORM, "Kế hoạch tuyên truyền công tác cải cách hành chính {unit} năm {year}"),
    (T.REFORM, "Kế hoạch tăng cường công tác thông tin, tuyên truyền cải cách hành chính năm {year}"),
    (T.REFORM, "Kế hoạch thông tin, tuyên truyền về cải cách hành chính nhà nước năm {year} của {unit}"),
    (T.REFORM, "Kế hoạch tuyên truyền cải cách hành chính và chuyển đổi số năm {year} trên địa bàn {unit}"),
    (T.PROCEDURE_CONTROL, "Kế hoạch truyền thông về hoạt động kiểm soát thủ tục hành chính năm {year}"),
    (T.PROCEDURE_CONTROL, "Kế hoạch truyền thông hỗ trợ hoạt động kiểm soát thủ tục hành chính năm {year} trên địa bàn {unit}"),
    (T.PROCEDURE_CONTROL, "Kế hoạch tuyên truyền công tác kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên thông năm {year}"),
    (T.OTHER, "Kế hoạch tuyên truyền về dịch vụ công trực tuyến và thanh toán trực tuyến năm {year}"),
    (T.OTHER, "Kế hoạch thông tin, tuyên truyền thực hiện Đề án 06 năm {year} trên địa bàn {unit}"),
]
TOPIC_WEIGHTS = {T.REFORM: 0.78, T.PROCEDURE_CONTROL: 0.18, T.OTHER: 0.04}
SECOND_HALF_TITLES = [
    (T.REFORM, "Kế hoạch thông tin, tuyên truyền cải cách hành chính 6 tháng cuối năm {year} của {unit}"),
    (T.PROCEDURE_CONTROL, "Kế hoạch truyền thông về kiểm soát thủ tục hành chính 6 tháng cuối năm {year}"),
]
PERIOD_TITLES = [
    (T.REFORM, "Kế hoạch thông tin, tuyên truyền cải cách hành chính giai đoạn {year} - {end}"),
    (T.REFORM, "Kế hoạch tuyên truyền cải cách hành chính nhà nước giai đoạn {year} - {end} trên địa bàn {unit}"),
]

PURPOSES = [
    "<ul><li>Nâng cao nhận thức của cán bộ, công chức, viên chức và người dân về vai trò của cải cách hành chính.</li>"
    "<li>Tạo sự đồng thuận của xã hội trong triển khai các nhiệm vụ cải cách hành chính năm {year}.</li></ul>",
    "<p>Giúp người dân, tổ chức, doanh nghiệp biết và sử dụng dịch vụ công trực tuyến, giám sát việc giải quyết "
    "thủ tục hành chính của cơ quan nhà nước trên địa bàn {unit}.</p>",
    "<ul><li>Phổ biến kịp thời chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính.</li>"
    "<li>Nâng cao trách nhiệm, tinh thần phục vụ nhân dân của đội ngũ cán bộ, công chức.</li>"
    "<li>Góp phần cải thiện Chỉ số cải cách hành chính và Chỉ số hài lòng của người dân năm {year}.</li></ul>",
    "<p>Tuyên truyền sâu rộng kết quả cải cách hành chính năm {prev}, các nhiệm vụ trọng tâm năm {year}; "
    "biểu dương mô hình hay, cách làm sáng tạo.</p>",
]
REQUIREMENTS = [
    "<ul><li>Nội dung tuyên truyền ngắn gọn, dễ hiểu, phù hợp với từng nhóm đối tượng.</li>"
    "<li>Lồng ghép với các hoạt động chuyên môn, tránh hình thức, lãng phí.</li></ul>",
    "<p>Các cơ quan, đơn vị chủ động xây dựng nội dung, bảo đảm thông tin chính xác, kịp thời, đúng quy định.</p>",
    "<ul><li>Phân công rõ trách nhiệm, thời gian thực hiện.</li>"
    "<li>Định kỳ đánh giá kết quả và báo cáo theo quy định.</li></ul>",
]
AUDIENCES = [
    "Cán bộ, công chức, viên chức\nNgười dân, tổ chức, doanh nghiệp",
    "Cán bộ, công chức, viên chức trong các cơ quan hành chính nhà nước\nNgười dân và doanh nghiệp trên địa bàn\n"
    "Học sinh, sinh viên",
    "Cán bộ, công chức cấp xã\nNgười dân trên địa bàn\nHội viên các tổ chức chính trị - xã hội",
]
# Real national documents, by the years they applied to.
LEGAL_BASIS_2011_2020 = [
    "Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính "
    "nhà nước giai đoạn 2011 - 2020",
    "Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ tướng Chính phủ phê duyệt Kế hoạch cải cách hành chính "
    "nhà nước giai đoạn 2016 - 2020",
]
LEGAL_BASIS_2021_2030 = [
    "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính "
    "nhà nước giai đoạn 2021 - 2030",
]
LEGAL_BASIS_LOCAL = "Kế hoạch cải cách hành chính năm {year} của UBND {unit}"
REPORTING_SCHEDULES = [
    "Báo cáo quý, 6 tháng, 9 tháng và năm, lồng ghép trong báo cáo cải cách hành chính.",
    "Báo cáo kết quả thực hiện trước ngày 15 tháng 12 năm {year}.",
    "Báo cáo 6 tháng và năm.",
]
SIGNER_POSITIONS = ["Chủ tịch", "Phó Chủ tịch", "KT. Chủ tịch - Phó Chủ tịch"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Hoài", "Công", "Thành"]
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Hương", "Lan", "Long", "Mai", "Nam",
               "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vân", "Việt"]

# (title, body): a plan draws 3 to 8 of them, in this order.
CONTENT_GROUPS = [
    ("Chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính",
     "<p>Các nghị quyết, chương trình, kế hoạch cải cách hành chính của Trung ương và của {parent}.</p>"),
    ("Kết quả cải cách hành chính năm {prev}", ""),
    ("Nhiệm vụ trọng tâm cải cách hành chính năm {year}",
     "<p>Cải cách thể chế, thủ tục hành chính, tổ chức bộ máy, chế độ công vụ, tài chính công và xây dựng "
     "chính quyền số.</p>"),
    ("Cải cách thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên thông",
     "<p>Công khai thủ tục hành chính; tiếp nhận, giải quyết hồ sơ tại Bộ phận Một cửa.</p>"),
    ("Dịch vụ công trực tuyến và thanh toán trực tuyến",
     "<p>Hướng dẫn người dân nộp hồ sơ, thanh toán phí, lệ phí trên Cổng Dịch vụ công quốc gia.</p>"),
    ("Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích", ""),
    ("Xây dựng chính quyền điện tử, chính quyền số", ""),
    ("Kỷ luật, kỷ cương hành chính và đạo đức công vụ",
     "<p>Trách nhiệm người đứng đầu; văn hóa công vụ; quy tắc ứng xử của cán bộ, công chức, viên chức.</p>"),
    ("Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số hài lòng (SIPAS)",
     "<p>Kết quả xếp hạng năm {prev} và giải pháp cải thiện.</p>"),
    ("Mô hình hay, sáng kiến, cách làm hiệu quả trong cải cách hành chính", ""),
    ("Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính",
     "<p>Địa chỉ, số điện thoại, hộp thư tiếp nhận phản ánh, kiến nghị.</p>"),
    ("Kiểm soát thủ tục hành chính và rà soát, đơn giản hóa thủ tục", ""),
    ("Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử",
     "<p>Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID.</p>"),
    ("Quyền, nghĩa vụ của người dân, tổ chức trong giám sát hoạt động công vụ", ""),
    ("Gương tập thể, cá nhân tiêu biểu trong cải cách hành chính", ""),
]

# (channel slug, weight): how often plans name each channel.
CHANNEL_WEIGHTS = {
    "cong-thong-tin-dien-tu": 10, "truyen-thanh-co-so": 8, "hoi-nghi-tap-huan": 7, "pa-no-ap-phich": 6,
    "phat-thanh-truyen-hinh": 5, "bao-chi": 5, "mang-xa-hoi": 5, "man-hinh-mot-cua": 4, "to-roi-to-gap": 4,
    "hop-dinh-ky": 3, "cuoc-thi": 2, "man-hinh-led": 2, "tuyen-dung": 1,
}

# The units a plan assigns work to, per level of the issuer and per tree (before or from
# 1 July 2025): (key, name, kind, under the People's Committee, responsibilities). The
# first is the lead unit. Ten each, so a plan can name up to ten.
_LEAD = "Chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp, báo cáo kết quả theo quy định."
_PRESS = "Xây dựng chuyên mục, tin, bài tuyên truyền về cải cách hành chính."
_FRONT = "Phối hợp tuyên truyền đến đoàn viên, hội viên; tham gia giám sát việc giải quyết thủ tục hành chính."
_DESK = "Niêm yết công khai thủ tục hành chính; hướng dẫn người dân nộp hồ sơ trực tuyến."
_UNITS = "Xây dựng kế hoạch tuyên truyền của đơn vị; báo cáo kết quả về cơ quan chủ trì."
_PRESS_GUIDE = "Hướng dẫn các cơ quan báo chí tuyên truyền về cải cách hành chính."
_LAW = "Lồng ghép tuyên truyền cải cách thể chế trong phổ biến, giáo dục pháp luật."
_ONE_STOP = "Tuyên truyền về kiểm soát thủ tục hành chính, cơ chế một cửa."
ASSIGNEES = {
    (1, "old"): [
        ("so-noi-vu", "Sở Nội vụ {unit}", K.DEPARTMENT, True, _LEAD),
        ("so-tttt", "Sở Thông tin và Truyền thông {unit}", K.DEPARTMENT, True, _PRESS_GUIDE),
        ("so-tu-phap", "Sở Tư pháp {unit}", K.DEPARTMENT, True, _LAW),
        ("van-phong-ubnd", "Văn phòng UBND {unit}", K.OFFICE, True, _ONE_STOP),
        ("bao", "Báo {short}", K.CENTER, False, _PRESS),
        ("dai-pt-th", "Đài Phát thanh và Truyền hình {short}", K.CENTER, False, _PRESS),
        ("trung-tam-hcc", "Trung tâm Phục vụ hành chính công {unit}", K.CENTER, True, _DESK),
        ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", K.FATHERLAND_FRONT, False, _FRONT),
        ("tinh-doan", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("ubnd-cap-huyen", "UBND các huyện, thị xã, thành phố thuộc {unit}", K.PEOPLES_COMMITTEE, True, _UNITS),
    ],
    (1, "new"): [
        ("so-noi-vu", "Sở Nội vụ {unit}", K.DEPARTMENT, True, _LEAD),
        ("so-khcn", "Sở Khoa học và Công nghệ {unit}", K.DEPARTMENT, True, "Tuyên truyền về chuyển đổi số, chính quyền số."),
        ("so-vhtt", "Sở Văn hóa, Thể thao và Du lịch {unit}", K.DEPARTMENT, True, _PRESS_GUIDE),
        ("so-tu-phap", "Sở Tư pháp {unit}", K.DEPARTMENT, True, _LAW),
        ("van-phong-ubnd", "Văn phòng UBND {unit}", K.OFFICE, True, _ONE_STOP),
        ("bao-dai", "Báo và Phát thanh, Truyền hình {short}", K.CENTER, False, _PRESS),
        ("trung-tam-hcc", "Trung tâm Phục vụ hành chính công {unit}", K.CENTER, True, _DESK),
        ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", K.FATHERLAND_FRONT, False, _FRONT),
        ("cong-an", "Công an {unit}", K.OTHER, False, "Tuyên truyền, hướng dẫn người dân sử dụng tài khoản định danh điện tử."),
        ("ubnd-cap-xa", "UBND các xã, phường, đặc khu thuộc {unit}", K.PEOPLES_COMMITTEE, True, _UNITS),
    ],
    (2, "old"): [
        ("phong-noi-vu", "Phòng Nội vụ {unit}", K.OFFICE, True, _LEAD),
        ("van-phong", "Văn phòng HĐND và UBND {unit}", K.OFFICE, True, _ONE_STOP),
        ("phong-vhtt", "Phòng Văn hóa và Thông tin {unit}", K.OFFICE, True, "Hướng dẫn nội dung tuyên truyền; theo dõi trang thông tin điện tử."),
        ("trung-tam-vhtt", "Trung tâm Văn hóa, Thông tin và Thể thao {unit}", K.CENTER, True, _PRESS),
        ("phong-tu-phap", "Phòng Tư pháp {unit}", K.OFFICE, True, _LAW),
        ("bo-phan-mot-cua", "Bộ phận Một cửa {unit}", K.OFFICE, True, _DESK),
        ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", K.FATHERLAND_FRONT, False, _FRONT),
        ("huyen-doan", "Đoàn Thanh niên {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("ubnd-cap-xa", "UBND các xã, phường, thị trấn thuộc {unit}", K.PEOPLES_COMMITTEE, True, _UNITS),
    ],
    (3, "old"): [
        ("cong-chuc-van-phong", "Công chức Văn phòng - Thống kê {unit}", K.CIVIL_SERVANT, True, _LEAD),
        ("cong-chuc-vhxh", "Công chức Văn hóa - Xã hội {unit}", K.CIVIL_SERVANT, True, _PRESS),
        ("cong-chuc-tu-phap", "Công chức Tư pháp - Hộ tịch {unit}", K.CIVIL_SERVANT, True, _DESK),
        ("dai-truyen-thanh", "Đài truyền thanh {unit}", K.CENTER, True, "Phát thanh tin, bài về cải cách hành chính trên hệ thống loa."),
        ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", K.FATHERLAND_FRONT, False, _FRONT),
        ("doan-thanh-nien", "Đoàn Thanh niên {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("hoi-nong-dan", "Hội Nông dân {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("hoi-ccb", "Hội Cựu chiến binh {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("ap-khu-pho", "Các ấp, khu phố thuộc {unit}", K.OTHER, False, "Tuyên truyền tại các cuộc họp dân."),
    ],
    (3, "new"): [
        ("phong-vhxh", "Phòng Văn hóa - Xã hội {unit}", K.OFFICE, True, _LEAD),
        ("van-phong", "Văn phòng HĐND và UBND {unit}", K.OFFICE, True, _ONE_STOP),
        ("trung-tam-hcc", "Trung tâm Phục vụ hành chính công {unit}", K.CENTER, True, _DESK),
        ("phong-kinh-te", "Phòng Kinh tế {unit}", K.OFFICE, True, "Tuyên truyền về môi trường đầu tư, kinh doanh."),
        ("trung-tam-dich-vu", "Trung tâm Cung ứng dịch vụ công {unit}", K.CENTER, True, _PRESS),
        ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", K.FATHERLAND_FRONT, False, _FRONT),
        ("doan-thanh-nien", "Đoàn Thanh niên {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ {unit}", K.MASS_ORGANISATION, False, _FRONT),
        ("cong-an", "Công an {unit}", K.OTHER, False, "Tuyên truyền, hướng dẫn người dân sử dụng tài khoản định danh điện tử."),
        ("ap-khu-pho", "Các thôn, tổ dân phố thuộc {unit}", K.OTHER, False, "Tuyên truyền tại các cuộc họp dân."),
    ],
}

# (category slug, title); category weights follow the plan's topic.
ARTICLE_TITLES = [
    ("cai-cach-hanh-chinh", "{Unit} ban hành kế hoạch tuyên truyền cải cách hành chính năm {year}"),
    ("cai-cach-hanh-chinh", "{Unit} đẩy mạnh thông tin, tuyên truyền cải cách hành chính"),
    ("cai-cach-hanh-chinh", "Sơ kết 6 tháng công tác cải cách hành chính năm {year} tại {unit}"),
    ("cai-cach-hanh-chinh", "{Unit} tổng kết công tác cải cách hành chính năm {year}"),
    ("cai-cach-hanh-chinh", "{Unit}: nâng cao Chỉ số hài lòng của người dân năm {year}"),
    ("kiem-soat-tthc", "{Unit} tập huấn nghiệp vụ kiểm soát thủ tục hành chính năm {year}"),
    ("kiem-soat-tthc", "{Unit} công khai thủ tục hành chính tại Bộ phận Một cửa"),
    ("kiem-soat-tthc", "{Unit} rà soát, đơn giản hóa thủ tục hành chính năm {year}"),
    ("hoat-dong-dia-phuong", "{Unit} tổ chức hội nghị triển khai kế hoạch cải cách hành chính năm {year}"),
    ("hoat-dong-dia-phuong", "Hội thi tìm hiểu cải cách hành chính tại {unit}"),
    ("hoat-dong-dia-phuong", "{Unit} ra mắt mô hình “Một cửa thân thiện”"),
    ("hoat-dong-dia-phuong", "Tuyên truyền cải cách hành chính qua loa truyền thanh ở {unit}"),
    ("chuyen-doi-so", "{Unit} hướng dẫn người dân nộp hồ sơ trực tuyến"),
    ("chuyen-doi-so", "{Unit} đẩy mạnh thanh toán trực tuyến phí, lệ phí năm {year}"),
    ("chuyen-doi-so", "Tổ công nghệ số cộng đồng ở {unit} hỗ trợ người dân dùng dịch vụ công"),
]
ARTICLE_SUMMARIES = [
    "{Unit} vừa ban hành Kế hoạch số {number} về thông tin, tuyên truyền cải cách hành chính năm {year}, "
    "đặt trọng tâm vào dịch vụ công trực tuyến và trách nhiệm phục vụ của cán bộ, công chức.",
    "Theo kế hoạch năm {year}, {unit} tuyên truyền qua trang thông tin điện tử, loa truyền thanh và các hội nghị, "
    "nhằm giúp người dân hiểu và giám sát việc giải quyết thủ tục hành chính.",
    "Các cơ quan, đơn vị của {unit} được giao nhiệm vụ cụ thể, báo cáo kết quả theo quý.",
    "Nhiều cách làm mới được {unit} áp dụng để đưa thông tin cải cách hành chính đến gần người dân hơn.",
]
ARTICLE_PARAGRAPHS = [
    "Kế hoạch được ban hành nhằm nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính, "
    "tạo đồng thuận trong triển khai các nhiệm vụ năm {year}.",
    "Nội dung tuyên truyền tập trung vào cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông, "
    "dịch vụ công trực tuyến và kỷ luật, kỷ cương hành chính.",
    "Hình thức tuyên truyền đa dạng: chuyên mục trên trang thông tin điện tử, tin bài phát trên loa truyền thanh, "
    "pa nô, áp phích tại trụ sở và lồng ghép trong các cuộc họp.",
    "Lãnh đạo {unit} yêu cầu các cơ quan, đơn vị thực hiện nghiêm túc, tránh hình thức; định kỳ báo cáo kết quả.",
    "Năm {prev}, tỷ lệ hồ sơ giải quyết đúng hạn trên địa bàn đạt trên 98%, nhiều thủ tục được giải quyết trực tuyến.",
    "Người dân có thể phản ánh, kiến nghị về quy định hành chính qua đường dây nóng và hộp thư điện tử của {unit}.",
]
AUTHORS = ["Minh Anh", "Thu Hà", "Quốc Việt", "Ngọc Lan", "Hoàng Nam", "Thanh Tâm", "Bảo Châu", "Đức Trung", ""]
ARTICLE_SOURCES = ["Trang thông tin điện tử {unit}", "Văn phòng UBND {unit}", "Đài truyền thanh {unit}", ""]
