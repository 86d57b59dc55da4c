"""Demo news: one article, in our own words, reporting on each demo plan.

Bylines are the portal's own: the texts are ours, so no reporter of the source
pages is named as their author. Run after ``plans.demo.load_demo`` (the
``load_demo`` command does both), which creates the plans and the accounts;
idempotent like it: articles are matched by slug and written only when a value
differs; a cover is drawn only when missing. A new article is created as a draft
by the demo editor, who submits it; the demo approver publishes it at its date
(``plans.demo.publish_demo_item``).
"""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from news.models import Article, Category
from plans.demo import publish_demo_item
from plans.demo.content import APPROVER, EDITOR
from plans.models import Plan

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_AUTHOR = "Ban biên tập cổng"


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


ARTICLES = [
    {
        "slug": "hoi-an-ban-hanh-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-2019",
        "title": "Hội An ban hành kế hoạch tuyên truyền cải cách hành chính năm 2019",
        "summary": "Thành phố Hội An đặt trọng tâm tuyên truyền vào trách nhiệm phục vụ người dân của cán bộ "
                   "và quyền giám sát của người dân đối với bộ máy hành chính.",
        "body": _p(
            "Đầu tháng 3/2019, UBND thành phố Hội An đã có kế hoạch tuyên truyền cải cách hành chính cho cả năm.",
            "Theo kế hoạch, cán bộ, công chức, viên chức được nhắc lại vai trò của cải cách hành chính và yêu cầu "
            "không gây phiền hà cho người dân, doanh nghiệp khi giải quyết thủ tục.",
            "Nội dung tuyên truyền gồm chủ trương, chính sách về cải cách hành chính, kết quả năm 2018, nhiệm vụ "
            "năm 2019, các mô hình hay và cả những hạn chế còn tồn tại; đặc biệt là dịch vụ công trực tuyến "
            "mức độ 3, 4 và việc nhận, trả hồ sơ qua bưu chính công ích.",
        ),
        "category": "cai-cach-hanh-chinh",
        "plan_title": "Kế hoạch tuyên truyền cải cách hành chính năm 2019 trên địa bàn thành phố Hội An",
        "source": "Tổng hợp từ trang thông tin của UBND thành phố Hội An",
        "published_at": datetime(2019, 3, 4, 9, 28, tzinfo=VN),
        "cover": ("#0b4f9c", "Ảnh minh họa: biểu tượng văn bản kế hoạch trên nền xanh"),
    },
    {
        "slug": "kon-tum-truyen-thong-kiem-soat-thu-tuc-hanh-chinh-2020",
        "title": "Kon Tum: năm nhóm nội dung truyền thông về kiểm soát thủ tục hành chính năm 2020",
        "summary": "Kế hoạch số 100/KH-UBND ngày 09/01/2020 của UBND tỉnh Kon Tum chia việc truyền thông "
                   "về kiểm soát thủ tục hành chính thành năm nhóm nội dung.",
        "body": _p(
            "Ngày 09/01/2020, UBND tỉnh Kon Tum ban hành Kế hoạch số 100/KH-UBND về truyền thông hoạt động "
            "kiểm soát thủ tục hành chính trong năm.",
            "Năm nhóm nội dung đi từ chính sách chung, kết quả cải cách thủ tục, hệ thống cơ quan làm nhiệm vụ "
            "kiểm soát, quyền và nghĩa vụ của hai phía trong giải quyết thủ tục, đến biểu dương cách làm tốt "
            "và phê phán biểu hiện gây khó khăn cho người dân.",
            "Thông tin đến với người dân qua báo, đài tỉnh, đài truyền thanh huyện, cổng thông tin điện tử, "
            "các lớp tập huấn và tờ rơi, pa nô tại nơi giải quyết thủ tục.",
        ),
        "category": "kiem-soat-tthc",
        "plan_title": "Kế hoạch truyền thông về hoạt động kiểm soát thủ tục hành chính năm 2020 trên địa bàn tỉnh Kon Tum",
        "source": "Tổng hợp từ Cổng thông tin điện tử tỉnh Kon Tum",
        "published_at": datetime(2020, 1, 9, 19, 6, tzinfo=VN),
        "featured": True,
        "cover": ("#7a1010", "Ảnh minh họa: năm ô nội dung xếp hàng trên nền đỏ"),
    },
    {
        "slug": "phuong-phu-huu-tang-cuong-tuyen-truyen-cai-cach-hanh-chinh-2020",
        "title": "Phường Phú Hữu đặt chỉ tiêu hồ sơ trực tuyến trên 30% trong năm 2020",
        "summary": "Kế hoạch tuyên truyền cải cách hành chính năm 2020 của phường Phú Hữu (Quận 9) gắn "
                   "tuyên truyền với các chỉ tiêu đo được về giải quyết hồ sơ.",
        "body": _p(
            "Thực hiện kế hoạch của Quận 9, UBND phường Phú Hữu xây dựng kế hoạch tăng cường thông tin, "
            "tuyên truyền cải cách hành chính năm 2020.",
            "Bên cạnh loa phát thanh của phường, video tại bộ phận một cửa và chuyên mục trên trang thông tin "
            "điện tử, kế hoạch nêu rõ các chỉ tiêu: trên 30% hồ sơ giải quyết trực tuyến, toàn bộ hồ sơ đi qua "
            "hệ thống một cửa điện tử của thành phố.",
            "Mặt trận Tổ quốc và các đoàn thể phường được đề nghị vận động hội viên, đoàn viên tham gia giám sát "
            "việc giải quyết thủ tục hành chính.",
        ),
        "category": "cai-cach-hanh-chinh",
        "plan_title": "Kế hoạch tăng cường thông tin, tuyên truyền cải cách hành chính năm 2020 của phường Phú Hữu",
        "source": "Tổng hợp từ trang thông tin của UBND phường Phú Hữu",
        "published_at": datetime(2020, 4, 23, 6, 10, tzinfo=VN),
    },
    {
        "slug": "so-ngoai-vu-tay-ninh-doi-moi-tuyen-truyen-cai-cach-hanh-chinh",
        "title": "Sở Ngoại vụ Tây Ninh đổi mới cách tuyên truyền cải cách hành chính",
        "summary": "Tại hội nghị sơ kết 6 tháng đầu năm 2020, Sở Ngoại vụ tỉnh Tây Ninh yêu cầu tăng số lượng "
                   "và chất lượng tin, bài về cải cách hành chính.",
        "body": _p(
            "Hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2020 của Sở Ngoại vụ tỉnh Tây Ninh "
            "dành nhiều thời gian cho việc tuyên truyền.",
            "Sở chú trọng giới thiệu cơ chế một cửa, một cửa liên thông, dịch vụ công trực tuyến và việc nhận, "
            "trả kết quả qua bưu chính công ích; đồng thời tuyên truyền trực quan về quy tắc ứng xử của cán bộ.",
        ),
        "category": "hoat-dong-dia-phuong",
        "plan_title": "Công tác thông tin, tuyên truyền cải cách hành chính năm 2020 của Sở Ngoại vụ tỉnh Tây Ninh",
        "source": "Tổng hợp từ trang thông tin của Sở Ngoại vụ tỉnh Tây Ninh",
        "published_at": datetime(2020, 7, 17, 11, 0, tzinfo=VN),
    },
    {
        "slug": "cang-long-ban-hanh-ke-hoach-thong-tin-tuyen-truyen-cai-cach-hanh-chinh-2024",
        "title": "Càng Long ban hành kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024",
        "summary": "Kế hoạch số 11/KH-UBND ngày 19/02/2024 giao Phòng Nội vụ huyện Càng Long theo dõi, đôn đốc "
                   "và tổng hợp kết quả tuyên truyền của các cơ quan, xã, thị trấn.",
        "body": _p(
            "Ngày 19/02/2024, UBND huyện Càng Long (tỉnh Trà Vinh) ban hành Kế hoạch số 11/KH-UBND về thông tin, "
            "tuyên truyền công tác cải cách hành chính trong năm.",
            "Kế hoạch hướng tới việc người đứng đầu các cơ quan chịu trách nhiệm rõ hơn về tuyên truyền, "
            "báo chí được cung cấp thông tin kịp thời, và người dân, doanh nghiệp tham gia giám sát.",
            "Ngoài báo chí, trang thông tin điện tử và tờ gấp, pa nô, nội dung cải cách hành chính còn được đưa "
            "vào thi tuyển công chức, viên chức và các cuộc họp định kỳ của UBND huyện.",
        ),
        "category": "cai-cach-hanh-chinh",
        "plan_title": "Kế hoạch thông tin, tuyên truyền công tác cải cách hành chính huyện Càng Long năm 2024",
        "source": "Tổng hợp từ trang thông tin điện tử huyện Càng Long",
        "published_at": datetime(2024, 2, 20, 8, 0, tzinfo=VN),
        "featured": True,
        "cover": ("#14532d", "Ảnh minh họa: biểu tượng loa truyền thanh trên nền xanh lá"),
    },
]


def demo_cover(color):
    """A small drawn banner (no photo of real people or places is ours to publish)."""
    image = Image.new("RGB", (960, 540), color)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((330, 120, 630, 420), radius=24, fill="#ffffff")
    for row in range(5):
        draw.rectangle((380, 170 + row * 45, 580, 190 + row * 45), fill=color)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def load_news_demo(report):
    """Create or bring up to date the demo articles; count them in ``report`` (a ``plans.demo.DemoReport``)."""
    categories = {category.slug: category for category in Category.objects.all()}
    accounts = get_user_model().objects.in_bulk([EDITOR, APPROVER], field_name="username")
    editor, approver = accounts[EDITOR], accounts[APPROVER]
    for spec in ARTICLES:
        plan = Plan.objects.filter(title=spec["plan_title"]).first()
        values = {
            "title": spec["title"],
            "summary": spec["summary"],
            "body": spec["body"],
            "category": categories[spec["category"]],
            "author": DEMO_AUTHOR,
            "source": spec["source"],
            "featured": spec.get("featured", False),
            "locality": plan.locality if plan else None,
            "cover_alt": spec["cover"][1] if "cover" in spec else "",
        }
        article = Article.objects.filter(slug=spec["slug"]).first()
        if article is None:
            article = Article(slug=spec["slug"], created_by=editor, updated_by=editor, **values)
            outcome = "created"
        else:
            changed = {name: value for name, value in values.items() if getattr(article, name) != value}
            for name, value in changed.items():
                setattr(article, name, value)
            outcome = "updated" if changed else "unchanged"
        if "cover" in spec and not article.cover_image:
            article.cover_image = ContentFile(demo_cover(spec["cover"][0]), name="anh-minh-hoa.png")
            outcome = "created" if outcome == "created" else "updated"
        if outcome != "unchanged":
            article.save()
        if plan and list(article.plans.all()) != [plan]:
            article.plans.set([plan])
        if publish_demo_item(article, author=editor, approver=approver, at=spec["published_at"]):
            outcome = "created" if outcome == "created" else "updated"
        report.count("articles", outcome)
