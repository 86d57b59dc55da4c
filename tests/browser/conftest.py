"""Browser tests: Playwright drives Debian's Chromium against the live server with the demo data.

One Chromium serves the whole session; every test opens its own contexts (cookies, local
storage, viewport) on a live server whose database holds the demo data, as `make run` shows
it. Without /usr/bin/chromium the tests skip, unless REQUIRE_BROWSER=1 (set by .ci/run): there
a missing browser is a failure, never a silent skip.
"""

import datetime
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.factories import AgencyFactory, LocalityFactory, PlanFactory

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, not a browser build of Playwright's own (`playwright install` cannot run here).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-gpu"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 640}


def tool_missing(reason):
    """Skip on a developer's machine without the tool; fail in CI, which installs it."""
    if os.environ.get("REQUIRE_BROWSER", "") not in ("", "0"):
        pytest.fail(f"{reason} (REQUIRE_BROWSER is set, so this is an error)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        tool_missing(f"Chromium not found at {CHROMIUM}; .ci/run installs it")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread. Django then refuses ORM
    # calls (the tests only query between browser steps, never during one), and looks its
    # connections up per asyncio context instead of per thread: hand that context the test
    # database's connections, which also carry what serialized_rollback restores.
    test_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in test_connections.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture(scope="module", autouse=True)
def migrated_data_back(django_db_blocker):
    """After each module, put back what the data migrations wrote (channels, categories, role groups).

    A live-server test empties the database when it ends; serialized_rollback restores the
    migrated data only at the start of the next test that asks for it, and the transactional
    tests that run after these ones do not ask.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(scope="session")
def java():
    """The `java` command the Nu HTML Checker needs."""
    command = shutil.which("java")
    if command is None:
        tool_missing("java not found, needed by the Nu HTML Checker; .ci/run installs default-jre-headless")
    return command


@dataclass
class Site:
    """The live server, and the browser contexts a test opens on it (closed after the test)."""

    base_url: str
    browser: object
    contexts: list = field(default_factory=list)

    def open(self, path=None, *, viewport=DESKTOP, javascript=True):
        """A fresh visitor (no cookies, no stored text size) with a page, at ``path`` if given."""
        context = self.browser.new_context(
            base_url=self.base_url, viewport=viewport, java_script_enabled=javascript, locale="vi-VN",
            accept_downloads=True,
        )
        context.set_default_timeout(30_000)  # generous: CI machines can be busy
        self.contexts.append(context)
        page = context.new_page()
        if path is not None:
            page.goto(path)
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def site(browser, live_server, demo):
    """The portal with the demo data, served by the live server, ready for visitors."""
    site = Site(live_server.url, browser)
    yield site
    site.close()


# Communes of Càng Long (before the 2025 reform), each with a plan for 2023 and for 2024: with
# the five demo plans the archive has two pages, and the locality facets go down to communes.
COMMUNES = ["An Trường", "An Trường A", "Bình Phú", "Đại Phúc", "Đại Phước", "Đức Mỹ", "Huyền Hội", "Mỹ Cẩm",
            "Nhị Long", "Nhị Long Phú", "Phương Thạnh", "Tân An", "Tân Bình"]


@pytest.fixture
def commune_plans(demo, localities):
    """26 more published plans, of 13 communes of Huyện Càng Long."""
    district = localities["O84/O844/"]
    plans = []
    for index, name in enumerate(COMMUNES, start=1):
        commune = LocalityFactory(short_name=name, kind="xa", parent=district, code=str(29000 + index))
        agency = AgencyFactory(locality=commune, name=f"UBND xã {name}")
        for year in (2023, 2024):
            plans.append(PlanFactory(
                agency=agency, number=f"{index + 10}/KH-UBND", issue_date=datetime.date(year, 1, 10 + index),
                period_start=year,
                title=f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year} của UBND xã {name}",
            ))
    return plans

