"""An archive with every publication state: what machine-readable answers must and must not show."""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import timezone

from plans.models import Channel, Plan
from tests.factories import AgencyFactory, DraftPlanFactory, LocalityFactory, PlanFactory
from tests.news.factories import ArticleFactory, DraftArticleFactory

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def schema(name):
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def streamed(response):
    """The whole body of a streamed (or plain) response."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def archive(db):
    """Published plans in Hồ Chí Minh (one on social networks) and Trà Vinh, and the ones nobody may see
    listed: a draft, a scheduled plan, a withdrawn plan (shown only on request)."""
    hcm = LocalityFactory(short_name="Hồ Chí Minh", kind="thanh-pho-tw", slug="ho-chi-minh", code="79")
    phu_huu = LocalityFactory(short_name="Phú Hữu", kind="phuong", parent=hcm, slug="phuong-phu-huu", code="26866")
    tra_vinh = LocalityFactory(short_name="Trà Vinh", slug="tra-vinh", code="84")
    city = AgencyFactory(locality=hcm, name="UBND Thành phố Hồ Chí Minh")
    ward = AgencyFactory(locality=phu_huu, name="UBND phường Phú Hữu")
    province = AgencyFactory(locality=tra_vinh, name="UBND tỉnh Trà Vinh")
    social = Channel.objects.get(slug="mang-xa-hoi")
    press = Channel.objects.get(slug="bao-chi")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    plans = {
        "city": PlanFactory(agency=city, number="12/KH-UBND", title="Kế hoạch tuyên truyền cải cách hành chính năm 2024",
                            channels=[social, press]),
        "ward": PlanFactory(agency=ward, number="3/KH-UBND", period_start=2023, issue_date=datetime.date(2023, 1, 5),
                            title="Tuyên truyền thủ tục hành chính tại phường", channels=[press]),
        "province": PlanFactory(agency=province, number="40/KH-UBND", period_start=2025, period_end=2026,
                                topic=Plan.Topic.PROCEDURE_CONTROL, title="Truyền thông kiểm soát thủ tục hành chính",
                                channels=[social]),
        "draft": DraftPlanFactory(agency=city, number="99/KH-UBND", title="Bản nháp chưa công bố", channels=[social]),
        "scheduled": PlanFactory(agency=city, number="98/KH-UBND", title="Kế hoạch hẹn giờ công bố",
                                 published_at=timezone.now() + datetime.timedelta(days=3), channels=[social]),
        "withdrawn": PlanFactory(agency=city, number="97/KH-UBND", title="Kế hoạch đã thu hồi", channels=[social],
                                 status=Plan.Status.WITHDRAWN, withdrawn_at=yesterday,
                                 withdrawn_reason="Ban hành nhầm số ký hiệu."),
    }
    return plans


@pytest.fixture
def articles(archive):
    city = archive["city"]
    return {
        "published": ArticleFactory(title="Thành phố triển khai tuyên truyền cải cách hành chính", plans=[city],
                                    locality=city.locality, author="Nguyễn Thị Hòa"),
        "other": ArticleFactory(title="Trà Vinh tập huấn kiểm soát thủ tục", locality=archive["province"].locality),
        "draft": DraftArticleFactory(title="Tin nháp không được lộ"),
        "scheduled": ArticleFactory(title="Tin hẹn giờ chưa tới", published_at=timezone.now() + datetime.timedelta(days=2)),
        "withdrawn": ArticleFactory(title="Tin đã thu hồi", status="withdrawn", withdrawn_reason="Sai thông tin."),
    }


HIDDEN_PLANS = ("draft", "scheduled")
HIDDEN_ARTICLES = ("draft", "scheduled", "withdrawn")
