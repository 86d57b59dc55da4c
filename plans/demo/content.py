"""The demo data as plain structures, to be checked against the sources without reading code.

Facts only (issuer, number, date, year, channels, targets, assigned units), in our own
words; a fact the source does not state stays blank.
"""

from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from plans.models import Agency, Plan, Target
from publishing import roles

VN = ZoneInfo("Asia/Ho_Chi_Minh")

DEMO_ATTACHMENT_TITLE = "Bản tóm tắt (dữ liệu minh họa)"
DEMO_ISSUERS = ["ubnd-hoi-an", "so-ngoai-vu-tay-ninh", "ubnd-kon-tum", "ubnd-quan-9", "ubnd-phu-huu", "ubnd-cang-long"]

# Materialized paths written by ``import_localities``; historical units (Quận 9 and
# its wards, merged into Thủ Đức in 2021) carry an ``H-`` segment instead of a code.
LOCALITIES = {
    "quang-nam": "O49/",
    "hoi-an": "O49/O503/",
    "tay-ninh": "O72/",
    "kon-tum": "O62/",
    "ho-chi-minh": "O79/",
    "quan-9": "O79/H-quan-9/",
    "phu-huu": "O79/H-quan-9/H-phu-huu/",
    "tra-vinh": "O84/",
    "cang-long": "O84/O844/",
}

K = Agency.Kind
# key: (name, kind, locality key, parent agency key)
AGENCIES = {
    "ubnd-hoi-an": ("UBND thành phố Hội An", K.PEOPLES_COMMITTEE, "hoi-an", None),
    "so-ngoai-vu-tay-ninh": ("Sở Ngoại vụ tỉnh Tây Ninh", K.DEPARTMENT, "tay-ninh", None),
    "ubnd-kon-tum": ("UBND tỉnh Kon Tum", K.PEOPLES_COMMITTEE, "kon-tum", None),
    "ubnd-quan-9": ("UBND Quận 9", K.PEOPLES_COMMITTEE, "quan-9", None),
    "ubnd-phu-huu": ("UBND phường Phú Hữu", K.PEOPLES_COMMITTEE, "phu-huu", None),
    "mttq-phu-huu": ("Ủy ban Mặt trận Tổ quốc Việt Nam phường Phú Hữu", K.FATHERLAND_FRONT, "phu-huu", None),
    "doan-the-phu-huu": ("Các đoàn thể phường Phú Hữu", K.MASS_ORGANISATION, "phu-huu", None),
    "vhtt-phu-huu": ("Công chức Văn hóa - Thông tin phường Phú Hữu", K.CIVIL_SERVANT, "phu-huu", "ubnd-phu-huu"),
    "cchc-phu-huu": (
        "Cán bộ phụ trách cải cách hành chính phường Phú Hữu", K.CIVIL_SERVANT, "phu-huu", "ubnd-phu-huu",
    ),
    "tu-phap-phu-huu": ("Công chức Tư pháp phường Phú Hữu", K.CIVIL_SERVANT, "phu-huu", "ubnd-phu-huu"),
    "ubnd-cang-long": ("UBND huyện Càng Long", K.PEOPLES_COMMITTEE, "cang-long", None),
    "noi-vu-cang-long": ("Phòng Nội vụ huyện Càng Long", K.OFFICE, "cang-long", "ubnd-cang-long"),
    "vhttt-cang-long": (
        "Trung tâm Văn hóa, Thông tin và Thể thao huyện Càng Long", K.CENTER, "cang-long", "ubnd-cang-long",
    ),
    "thue-cang-long": ("Chi cục Thuế huyện Càng Long", K.OTHER, "cang-long", None),
    "cong-an-cang-long": ("Công an huyện Càng Long", K.OTHER, "cang-long", None),
    "bhxh-cang-long": ("Bảo hiểm xã hội huyện Càng Long", K.OTHER, "cang-long", None),
}


class Written(NamedTuple):
    """An assigned unit named as the text writes it, registered as no agency (often a collective)."""

    name: str


def _p(*sentences):
    return "".join(f"<p>{sentence}</p>" for sentence in sentences)


def _ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _vn(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=VN)


GT, GTE, EQ = Target.Comparator.ABOVE, Target.Comparator.AT_LEAST, Target.Comparator.EXACTLY

# Plan fields left out of a plan below stay blank (number, issue_date, period, signer...): a
# plan without ``period_start`` is one whose text states no year ("Chưa rõ năm").
# ``content_groups``: (title, body); ``targets``: (description, comparator, value), values in %;
# ``assignments``: (agency key or Written(name), is_lead, responsibilities);
# ``other_channels``: channels the vocabulary lacks, as written;
# ``results``: (date or None, what was done, quantity or None, noun).
PLANS = [
    {
        "agency": "ubnd-hoi-an",
        "officer": "canbo.hoian",
        "period_start": 2019,
        "title": "Kế hoạch tuyên truyền cải cách hành chính năm 2019 trên địa bàn thành phố Hội An",
        "topic": Plan.Topic.REFORM,
        "purposes": _ul(
            "Giúp cán bộ, công chức, viên chức hiểu rõ hơn vì sao cải cách hành chính quan trọng và "
            "gắn trách nhiệm của mình với việc phục vụ người dân, tổ chức, doanh nghiệp.",
            "Thay đổi thái độ làm việc, chấm dứt việc gây khó khăn, nhũng nhiễu khi giải quyết thủ tục hành chính.",
            "Để người dân biết nhiều hơn về cải cách hành chính và tham gia giám sát bộ máy hành chính.",
        ),
        "requirements": _ul(
            "Thông tin đến đúng lúc, đủ ý, và được điều chỉnh theo người nghe ở mỗi ngành, mỗi địa phương.",
            "Chú trọng hiệu quả thực chất, dễ tiếp cận; không làm cho có.",
        ),
        "content_groups": [
            ("Vai trò, mục tiêu và tầm quan trọng của cải cách hành chính",
             _p("Cải cách hành chính tác động thế nào đến phát triển kinh tế - xã hội của thành phố.")),
            ("Chủ trương của Đảng, chính sách và pháp luật của Nhà nước về cải cách hành chính", ""),
            ("Trách nhiệm của cấp ủy, người đứng đầu và các tổ chức chính trị - xã hội",
             _p("Vai trò của từng cấp, từng người đứng đầu cơ quan, đơn vị, địa phương trong việc triển khai.")),
            ("Kết quả cải cách hành chính năm 2018", ""),
            ("Nhiệm vụ cải cách hành chính năm 2019 của thành phố", ""),
            ("Mô hình hay, cách làm sáng tạo và gương tiêu biểu",
             _p("Giới thiệu tập thể, cá nhân có thành tích nổi bật trong cải cách hành chính tại Hội An.")),
            ("Những việc cơ quan nhà nước và cán bộ, công chức còn làm chưa tốt", ""),
            ("Kỷ luật, kỷ cương hành chính và đạo đức công vụ",
             _p("Việc chấp hành các Chỉ thị số 22 và 26 của Chủ tịch UBND tỉnh; trách nhiệm, đạo đức của "
                "cán bộ, công chức khi làm nhiệm vụ.")),
            ("Quyền, nghĩa vụ của người dân và tổ chức trong giám sát cải cách hành chính",
             _p("Quan hệ giữa Nhà nước và nhân dân theo quy định của pháp luật.")),
            ("Kết quả giải quyết hồ sơ thủ tục hành chính và xử lý phản ánh, kiến nghị",
             _p("Kèm theo thông tin về kiểm soát thủ tục hành chính.")),
            ("Dịch vụ công trực tuyến mức độ 3, 4 và dịch vụ bưu chính công ích",
             _p("Nộp hồ sơ và nhận kết quả thủ tục hành chính qua đường bưu điện.")),
        ],
        # The article gives the date and time it appeared, not the plan's own date.
        "published_at": _vn(2019, 3, 4, 9, 28),
    },
    {
        "agency": "so-ngoai-vu-tay-ninh",
        "officer": "canbo.tayninh",
        "period_start": 2020,
        "title": "Công tác thông tin, tuyên truyền cải cách hành chính năm 2020 của Sở Ngoại vụ tỉnh Tây Ninh",
        "topic": Plan.Topic.REFORM,
        "purposes": _p(
            "Tại hội nghị sơ kết 6 tháng đầu năm 2020, lãnh đạo Sở đề nghị đổi mới cả nội dung lẫn cách thức "
            "tuyên truyền cải cách hành chính, để người dân và doanh nghiệp dùng dịch vụ công trực tuyến nhiều "
            "hơn, đỡ tốn thời gian và chi phí."
        ),
        "content_groups": [
            ("Chủ trương của Đảng, chính sách của Nhà nước và chỉ đạo của tỉnh về cải cách hành chính",
             _p("Cung cấp thông tin cho báo chí về chỉ đạo, điều hành của UBND tỉnh; gắn với kế hoạch cải cách "
                "hành chính năm 2020 của tỉnh và Kế hoạch cải cách hành chính nhà nước giai đoạn 2016 - 2020 "
                "(Quyết định số 225/QĐ-TTg).")),
            ("Cơ chế một cửa, một cửa liên thông",
             _p("Nghị định số 61/2018/NĐ-CP và Thông tư số 01/2018/TT-VPCP; các văn bản, thủ tục hành chính "
                "vừa được sửa đổi, đơn giản hóa; việc phân cấp quản lý.")),
            ("Dịch vụ công trực tuyến mức độ 3, 4", ""),
            ("Gửi hồ sơ, nhận kết quả qua dịch vụ bưu chính công ích",
             _p("Theo Quyết định số 45/2016/QĐ-TTg của Thủ tướng Chính phủ.")),
            ("Cổ động trực quan về quy tắc ứng xử",
             _p("Quy tắc ứng xử của cán bộ, công chức, viên chức và nơi công cộng của tỉnh; gương người tốt, "
                "việc tốt; sáng kiến cải cách hành chính; môi trường đầu tư, kinh doanh.")),
            ("Thêm chuyên mục và tin, bài về cải cách hành chính", ""),
            ("Ứng dụng công nghệ thông tin tại Trung tâm Phục vụ hành chính công tỉnh",
             _p("Cùng với bộ phận một cửa ở các cấp: hồ sơ được nhận và xử lý trên máy như thế nào.")),
            ("Phản ánh, kiến nghị của người dân và doanh nghiệp về quy định hành chính", ""),
        ],
        "channels": ["bao-chi", "cong-thong-tin-dien-tu", "pa-no-ap-phich", "chuyen-trang-chuyen-muc"],
        # The report names the meeting, not its date.
        "results": [
            (None, "Sở họp sơ kết công tác cải cách hành chính 6 tháng đầu năm 2020, trong đó có đánh giá việc "
                   "tuyên truyền và thống nhất cách làm mới cho 6 tháng cuối năm.", 1, "hội nghị"),
        ],
        "published_at": _vn(2020, 7, 17, 11, 0),
    },
    {
        "agency": "ubnd-kon-tum",
        "officer": "canbo.kontum",
        "number": "100/KH-UBND",
        "issue_date": date(2020, 1, 9),
        "period_start": 2020,
        "title": "Kế hoạch truyền thông về hoạt động kiểm soát thủ tục hành chính năm 2020 trên địa bàn tỉnh Kon Tum",
        "topic": Plan.Topic.PROCEDURE_CONTROL,
        "content_groups": [
            ("Chủ trương, chính sách và pháp luật về cải cách, kiểm soát thủ tục hành chính",
             _p("Ý nghĩa của việc kiểm soát thủ tục hành chính và những điểm chính trong quy định của Chính phủ.")),
            ("Kết quả cải cách thủ tục hành chính và lợi ích của việc kiểm soát", ""),
            ("Bộ máy kiểm soát thủ tục hành chính ở các cấp",
             _p("Những cơ quan, đơn vị và công chức phụ trách việc này; vị trí, chức năng, nhiệm vụ của họ.")),
            ("Quyền, nghĩa vụ của người giải quyết thủ tục và của người dân, doanh nghiệp",
             _p("Kỷ luật, đạo đức của cán bộ được giao giải quyết thủ tục; quyền và nghĩa vụ của tổ chức, "
                "công dân khi làm việc với cơ quan hành chính.")),
            ("Khen người làm tốt, phê phán biểu hiện tiêu cực",
             _p("Nêu gương tập thể, cá nhân làm tốt; lên án thái độ hách dịch, gây phiền hà khi giải quyết "
                "thủ tục.")),
        ],
        "channels": [
            "bao-chi", "phat-thanh-truyen-hinh", "truyen-thanh-co-so", "cong-thong-tin-dien-tu",
            "hoi-nghi-tap-huan", "man-hinh-mot-cua", "pa-no-ap-phich", "to-roi-to-gap",
        ],
        "published_at": _vn(2020, 1, 9, 19, 6),
    },
    {
        # Phú Hữu's plan cites it by number and date; the year of the campaign is not written there.
        "agency": "ubnd-quan-9",
        "officer": "canbo.quan9",
        "number": "137/KH-UBND",
        "issue_date": date(2020, 4, 10),
        "title": "Kế hoạch tăng cường thông tin, tuyên truyền cải cách hành chính trên địa bàn Quận 9",
        "topic": Plan.Topic.REFORM,
        # Publication is dated to the issue date.
        "published_at": _vn(2020, 4, 10),
    },
    {
        "agency": "ubnd-phu-huu",
        "officer": "canbo.phuhuu",
        "period_start": 2020,
        "title": "Kế hoạch tăng cường thông tin, tuyên truyền cải cách hành chính năm 2020 của phường Phú Hữu",
        "topic": Plan.Topic.REFORM,
        "legal_basis_notes": [
            "Kế hoạch số 137/KH-UBND ngày 10/04/2020 của UBND Quận 9 về thông tin, tuyên truyền cải cách "
            "hành chính năm 2020",
            "Kế hoạch số 45/KH-UBND ngày 09/04/2020 của UBND phường Phú Hữu về cải cách hành chính năm 2020",
        ],
        "purposes": _p("Năm 2020, phường đặt các mục tiêu sau cho công tác tuyên truyền:") + _ul(
            "Về đích chương trình cải cách hành chính 2016 - 2020; chính quyền phường phục vụ nhanh, thân "
            "thiện, hiện đại, theo tinh thần Thành phố chọn cho năm 2020 (văn hóa, nếp sống văn minh đô thị).",
            "Nâng văn hóa công vụ, trách nhiệm của người đứng đầu và kỷ luật, kỷ cương; phòng, chống tham nhũng.",
            "Người dân, doanh nghiệp và tổ chức xã hội tham gia và giám sát nhiều hơn; nhiều người dùng dịch "
            "vụ công trực tuyến mức độ 3, 4 hơn.",
            "Mọi việc của bộ máy hành chính đều minh bạch, người dân và doanh nghiệp làm thủ tục thuận tiện hơn.",
        ),
        "requirements": _ul(
            "Tuyên truyền thường xuyên, bằng nhiều hình thức, theo đúng lộ trình cải cách hành chính của "
            "Chính phủ, Thành phố, Quận và phường.",
            "Kết hợp với phổ biến, giáo dục pháp luật, nhất là về thủ tục hành chính và cơ chế một cửa, "
            "một cửa liên thông.",
            "Góp phần nâng dân trí, phòng, chống tham nhũng và xây dựng đô thị thông minh.",
            "Góp phần đạt các chỉ tiêu cải cách hành chính của phường trong năm.",
        ),
        "audiences": [
            "Cán bộ, công chức trong các cơ quan hành chính nhà nước",
            "Các tổ chức chính trị - xã hội",
        ],
        "content_groups": [
            ("Cải cách hành chính quan trọng thế nào và tác động ra sao tới sự phát triển của phường", ""),
            ("Quan điểm, chủ trương của Đảng và chính sách, pháp luật của Nhà nước về cải cách hành chính", ""),
            ("Vai trò của cấp ủy, người đứng đầu cơ quan hành chính và tổ chức chính trị - xã hội", ""),
            ("Nhiệm vụ trọng tâm năm 2020", _ul(
                "Chương trình hành động của Quận ủy và kế hoạch cải cách hành chính 2016 - 2020 của phường.",
                "Kết quả cơ chế một cửa, một cửa liên thông điện tử.",
                "Chỉ số cải cách hành chính và mức độ hài lòng của người dân, tổ chức.",
                "Chính quyền điện tử (Nghị quyết 36a/NQ-CP) và Đề án đô thị thông minh của Thành phố.",
                "Mô hình đang thí điểm và điển hình tốt trên địa bàn phường.",
                "Quyền, nghĩa vụ của người dân, tổ chức khi tham gia, giám sát cải cách hành chính.",
            )),
        ],
        "channels": [
            "truyen-thanh-co-so", "man-hinh-mot-cua", "cong-thong-tin-dien-tu", "pa-no-ap-phich",
            "hoi-nghi-tap-huan", "to-roi-to-gap",
        ],
        "targets": [
            ("Thủ tục hành chính được giải quyết đúng hạn", GT, 95),
            ("Hồ sơ lĩnh vực đất đai, nhà ở giải quyết đúng hạn", GTE, 98),
            ("Hồ sơ các lĩnh vực khác giải quyết đúng hạn", EQ, 100),
            ("Bộ phận một cửa của phường công bố kết quả đo sự hài lòng của người dân", EQ, 100),
            ("Thủ tục đủ điều kiện cung cấp dịch vụ công trực tuyến mức độ 3, 4", GT, 30),
            ("Tỷ lệ hồ sơ được giải quyết trực tuyến, so với tổng số hồ sơ", GT, 30),
            ("Hồ sơ xử lý qua Hệ thống thông tin một cửa điện tử của Thành phố", EQ, 100),
            ("Hồ sơ đăng ký hộ kinh doanh giải quyết trực tuyến", GTE, 40),
            ("Kết quả giải quyết thủ tục trả qua dịch vụ bưu chính công ích", EQ, 15),
        ],
        "assignments": [
            ("mttq-phu-huu", False,
             "Vận động hội viên, đoàn viên và bà con trong phường góp ý, theo dõi cách cán bộ, công chức "
             "làm việc và cùng tham gia cải cách."),
            ("doan-the-phu-huu", False,
             "Cùng Mặt trận Tổ quốc phường đưa nội dung cải cách hành chính đến hội viên, đoàn viên."),
            ("vhtt-phu-huu", False,
             "Viết bài và phát trên loa truyền thanh, trang thông tin điện tử của phường (tài liệu do cán bộ "
             "phụ trách cải cách hành chính cung cấp); tổng hợp báo cáo quý, 6 tháng, 9 tháng và năm gửi UBND "
             "Quận 9 qua Phòng Văn hóa và Thông tin."),
            ("cchc-phu-huu", False,
             "Soạn tài liệu cho việc phát thanh; niêm yết thủ tục ở bộ phận một cửa và đăng trên trang thông "
             "tin điện tử; vận động người dân nộp hồ sơ qua mạng, nhất là về hộ kinh doanh, xây dựng, lao động "
             "và hộ tịch."),
            ("tu-phap-phu-huu", False,
             "Đưa cải cách hành chính vào các buổi phổ biến, giáo dục pháp luật ở phường."),
        ],
        "reporting_schedule": (
            "Báo cáo quý, 6 tháng, 9 tháng và năm, gửi UBND Quận 9 qua Phòng Văn hóa và Thông tin "
            "(bằng văn bản và thư điện tử)."
        ),
        "published_at": _vn(2020, 4, 23, 6, 10),
    },
    {
        "agency": "ubnd-cang-long",
        "officer": "canbo.canglong",
        "number": "11/KH-UBND",
        "issue_date": date(2024, 2, 19),
        "period_start": 2024,
        "title": "Kế hoạch thông tin, tuyên truyền công tác cải cách hành chính huyện Càng Long năm 2024",
        "topic": Plan.Topic.REFORM,
        "purposes": _ul(
            "Làm cho công tác thông tin, tuyên truyền hiệu quả hơn; cán bộ, công chức, viên chức hiểu rõ ý "
            "nghĩa của cải cách hành chính để làm việc tốt hơn.",
            "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm rõ hơn về việc chỉ đạo tuyên truyền.",
            "Cơ quan hành chính và cơ quan báo chí phối hợp, chia sẻ thông tin để kết quả cải cách được đưa tin "
            "đầy đủ, kịp thời.",
            "Người dân, tổ chức đồng thuận với mục tiêu cải cách của huyện, tham gia và giám sát việc thực hiện.",
        ),
        "channels": [
            "bao-chi", "phuong-tien-thong-tin-dai-chung", "chuyen-trang-chuyen-muc", "cong-thong-tin-dien-tu",
            "pa-no-ap-phich", "to-roi-to-gap", "hoi-nghi-tap-huan", "tuyen-dung", "hop-dinh-ky",
        ],
        "other_channels": ["Lồng ghép vào hội nghị phổ biến, giáo dục pháp luật"],
        "assignments": [
            ("noi-vu-cang-long", True,
             "Chủ trì: tham mưu UBND huyện nắm tình hình các đơn vị lập và triển khai kế hoạch, kiểm tra, nhắc "
             "việc; định kỳ tổng hợp và đánh giá kết quả."),
            ("vhttt-cang-long", False,
             "Tuyên truyền về cải cách hành chính trên các phương tiện thông tin đại chúng của huyện."),
            *[
                (unit, False,
                 "Lập phần tuyên truyền năm 2024 ngay trong kế hoạch cải cách hành chính riêng của đơn vị.")
                for unit in (Written("Các cơ quan chuyên môn thuộc UBND huyện"), "thue-cang-long",
                             "cong-an-cang-long", "bhxh-cang-long", Written("UBND các xã, thị trấn"))
            ],
        ],
        "reporting_schedule": (
            "Kết quả thông tin, tuyên truyền được Phòng Nội vụ tổng hợp vào các báo cáo cải cách hành chính "
            "định kỳ của huyện."
        ),
        # The article gives the issue date only; publication is dated to it.
        "published_at": _vn(2024, 2, 19),
    },
]

# ``role`` is shown in the password table and names the group (created by a migration,
# see portal/roles.py); ``agencies`` are the units whose work the account may touch.
# Articles are submitted by the editor; every demo item is published by the approver.
EDITOR, APPROVER = "bientap", "lanhdao"
ACCOUNTS = [
    {"username": "admin", "role": "Quản trị hệ thống", "superuser": True},
    {"username": "canbo.hoian", "role": roles.OFFICER, "agencies": ["ubnd-hoi-an"]},
    {"username": "canbo.tayninh", "role": roles.OFFICER, "agencies": ["so-ngoai-vu-tay-ninh"]},
    {"username": "canbo.kontum", "role": roles.OFFICER, "agencies": ["ubnd-kon-tum"]},
    {"username": "canbo.quan9", "role": roles.OFFICER, "agencies": ["ubnd-quan-9"]},
    {"username": "canbo.phuhuu", "role": roles.OFFICER, "agencies": ["ubnd-phu-huu"]},
    {"username": "canbo.canglong", "role": roles.OFFICER, "agencies": ["ubnd-cang-long"]},
    {"username": EDITOR, "role": roles.EDITOR, "agencies": DEMO_ISSUERS},
    {"username": APPROVER, "role": roles.APPROVER, "agencies": DEMO_ISSUERS},
]
