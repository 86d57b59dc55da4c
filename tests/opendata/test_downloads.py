"""/ke-hoach/du-lieu.csv and .json: every plan a filter of the archive matches, streamed."""

import csv
import datetime
import io
import json

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.exports import COLUMNS
from publishing import opendata
from tests.factories import LocalityFactory, PlanFactory
from tests.opendata.conftest import HIDDEN_PLANS, schema, streamed

CSV = reverse("plans:data-csv")
JSON = reverse("plans:data-json")
FILTERS = [
    {"locality": "ho-chi-minh"},
    {"channel": "mang-xa-hoi", "topic": "kiem-soat-tthc"},
    {"year": "2024", "withdrawn": "on"},
    {"q": "thu tuc"},
]


def csv_rows(response):
    assert response.status_code == 200
    body = streamed(response)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def archive_count(client, params):
    return client.get(reverse("plans:list"), params).context["page_obj"].paginator.count


@pytest.mark.parametrize("params", FILTERS)
def test_csv_lists_as_many_plans_as_the_archive_counts_for_the_same_filter(visitor, archive, params):
    rows = csv_rows(visitor.get(CSV, params))

    assert len(rows) == archive_count(visitor, params) > 0


def test_csv_gives_every_plan_not_one_page(visitor, archive):
    for number in range(45):
        PlanFactory(agency=archive["city"].agency, number=f"{100 + number}/KH-UBND")

    assert len(csv_rows(visitor.get(CSV))) == 48 == archive_count(visitor, {})


def test_csv_opens_with_vietnamese_intact_and_the_documented_columns(visitor, archive):
    response = visitor.get(CSV, {"locality": "ho-chi-minh", "channel": "mang-xa-hoi"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ke-hoach-')
    [row] = csv_rows(response)
    plan = archive["city"]

    assert row["issuer"] == "UBND Thành phố Hồ Chí Minh"
    assert row["number"] == "12/KH-UBND"
    assert row["issue_date"] == "2024-02-19"
    assert row["locality_code"] == "79" and row["province_code"] == "79"
    assert row["period_start"] == row["period_end"] == "2024"
    assert row["channels"] == "Báo chí; Mạng xã hội (Zalo, Fanpage)"
    assert row["url"].endswith(plan.get_absolute_url())
    assert row["withdrawn"] == "0"


def test_a_commune_plan_names_its_province(visitor, archive):
    [row] = csv_rows(visitor.get(CSV, {"locality": "phuong-phu-huu"}))

    assert row["locality"] == "Phường Phú Hữu"
    assert row["locality_code"] == "26866"
    assert row["province"].endswith("Hồ Chí Minh") and row["province_code"] == "79"


def test_json_validates_against_the_schema_kept_in_the_repository(visitor, archive):
    response = visitor.get(JSON, {"withdrawn": "on"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(streamed(response))

    jsonschema.validate(data, schema("plans-download"), format_checker=jsonschema.FormatChecker())
    assert len(data["plans"]) == archive_count(visitor, {"withdrawn": "on"}) == 4
    assert data["licence"] == "CC BY 4.0"
    assert [plan for plan in data["plans"] if plan["withdrawn"]][0]["title"] == "Kế hoạch đã thu hồi"
    # jsonschema checks "date-time" only with an extra package: the moments are read here instead.
    for moment in [data["generated_at"], *(plan["updated_at"] for plan in data["plans"])]:
        assert moment.endswith("Z") and datetime.datetime.fromisoformat(moment).tzinfo is not None


def test_json_of_a_filter_that_matches_nothing_is_still_valid(visitor, archive):
    data = json.loads(streamed(visitor.get(JSON, {"year": "2030"})))

    jsonschema.validate(data, schema("plans-download"))
    assert data["plans"] == []


def test_draft_and_scheduled_plans_are_in_no_download(visitor, archive):
    for url in (CSV, JSON):
        for params in ({}, {"withdrawn": "on"}, {"channel": "mang-xa-hoi"}, {"q": "ke hoach"}):
            body = streamed(visitor.get(url, params)).decode()
            for name in HIDDEN_PLANS:
                assert archive[name].number not in body and archive[name].slug not in body
    assert archive["withdrawn"].slug not in streamed(visitor.get(CSV)).decode()


@pytest.mark.parametrize("url", [CSV, JSON])
def test_bad_parameters_answer_400_with_the_archives_messages(visitor, archive, url):
    response = visitor.get(url, {"year": "1800", "topic": "khong-co", "locality": "khong-co-noi-nay"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Năm phải từ 2000 trở đi." in body
    assert "Không có chủ đề này." in body
    assert "Không tìm thấy địa bàn “khong-co-noi-nay”" in body


def test_a_name_several_units_bear_is_refused_with_the_units(visitor, archive):
    LocalityFactory(short_name="Phú Hữu", kind="xa", parent=archive["province"].locality, slug="xa-phu-huu")
    response = visitor.get(JSON, {"locality": "Phú Hữu"})

    assert response.status_code == 400
    assert "phuong-phu-huu" in response.content.decode() and "xa-phu-huu" in response.content.decode()


def test_downloads_stream_in_batches_from_one_query(visitor, archive, monkeypatch):
    """Constant memory: rows are read and written BATCH_ROWS at a time, all from one query (channels
    and signed files come as subqueries), however many batches there are."""
    for number in range(20):
        PlanFactory(agency=archive["city"].agency, number=f"{700 + number}/KH-UBND")
    monkeypatch.setattr("plans.exports.BATCH_ROWS", 5)
    monkeypatch.setattr("plans.exports.batched", lambda rows: opendata.batched(rows, 5))
    response = visitor.get(CSV)
    assert response.streaming

    with CaptureQueriesContext(connection) as queries:
        chunks = list(response.streaming_content)
    assert len(chunks) == 1 + -(-23 // 5)
    assert len(queries) <= 2, [query["sql"] for query in queries]


def test_signed_in_staff_download_the_public_data_only(client, archive, officer_b, editor, approver):
    """Officers, editors and approvers of any unit get what a visitor gets: no draft, no scheduled plan."""
    for user in (officer_b, editor, approver):
        client.force_login(user)
        body = streamed(client.get(CSV, {"withdrawn": "on"})).decode()
        assert len(body.strip().splitlines()) == 1 + 4
        for name in HIDDEN_PLANS:
            assert archive[name].slug not in body


def test_a_head_request_answers_the_headers(visitor, archive):
    response = visitor.head(CSV, {"year": "2024"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert visitor.head(CSV, {"year": "abc"}).status_code == 400
