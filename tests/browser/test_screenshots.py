"""`make screenshots`: every public page type at 360 px and 1280 px, and the plan as printed, in var/screenshots/.

Not a check but pictures for a person to look at; deselected from `make test` by its marker.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils.text import slugify

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.screenshots,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Covers below the fold load lazily; a full-page picture should show them.
LOAD_IMAGES = """() => Promise.all([...document.images].map(image => {
    image.loading = 'eager';
    return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
}))"""


def test_screenshots_of_every_public_page_type(site, commune_plans, capsys):
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pages = public_pages()
    written = []
    for viewport in (PHONE, DESKTOP):
        page = site.open(viewport=viewport)
        for name, path in pages.items():
            page.goto(path)
            page.evaluate(LOAD_IMAGES)
            written.append(folder / f"{slugify(name)}-{viewport['width']}.png")
            page.screenshot(path=written[-1], full_page=True)
    page.goto(pages["plan"])
    written.append(folder / "plan-print.pdf")
    page.pdf(path=written[-1], format="A4")

    with capsys.disabled():
        print(f"\n{len(written)} files written to {folder}/")
    assert all(file.stat().st_size > 0 for file in written)
