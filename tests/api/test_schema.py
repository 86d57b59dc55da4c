"""The OpenAPI description validates, names every endpoint and parameter, and its page works under the CSP."""

import re
from io import StringIO

import yaml
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema


def test_the_openapi_description_validates_without_warnings(db, tmp_path):
    # --fail-on-warn: a field whose type the generator had to guess fails the test too.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"), stdout=StringIO())

    schema = yaml.safe_load((tmp_path / "schema.yaml").read_text())
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_the_served_description_lists_every_endpoint_and_the_archives_parameters(visitor, db):
    response = visitor.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()

    validate_schema(schema)
    assert {path for path in schema["paths"]} == {
        f"/api/v1/{name}/{suffix}" for name in ("plans", "articles", "localities", "agencies", "channels")
        for suffix in ("", "{slug}/")
    }
    plan_parameters = {item["name"] for item in schema["paths"]["/api/v1/plans/"]["get"]["parameters"]}
    assert plan_parameters == {"q", "year", "locality", "agency", "channel", "topic", "withdrawn", "cursor"}
    assert set(schema["paths"]["/api/v1/plans/"]["get"]["responses"]) == {"200", "400"}


def test_the_swagger_page_loads_only_our_own_files_under_the_csp(visitor, db):
    page = visitor.get(reverse("api:swagger-ui"))
    html = page.content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)

    assert page.status_code == 200
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "<script>" not in html, "no inline script: the CSP would block it"
    assert scripts and all(src.startswith("/") for src in scripts)
    for src in scripts:
        assert visitor.get(src).status_code == 200, src
    init = visitor.get(scripts[-1])
    assert init["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in init.content.decode()
