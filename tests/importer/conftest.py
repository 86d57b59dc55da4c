import os
import shutil
from pathlib import Path

import pytest

from plans.importer.channels import vocabulary_from
from plans.importer.specimens import FONT
from plans.models import Channel

DATA = Path(__file__).resolve().parent.parent / "data" / "importer"


@pytest.fixture
def vocabulary(db):
    """The channel vocabulary as the migrations load it."""
    return vocabulary_from(Channel.objects.all())


def text_of(name):
    return (DATA / name).read_text(encoding="utf-8")


def needs_font():
    if not FONT.exists():
        pytest.skip(f"{FONT} is missing: apt-get install fonts-dejavu-core (.ci/run installs it)")


def needs_tesseract():
    """Skip without tesseract's Vietnamese model on a developer's machine; fail in CI (REQUIRE_OCR=1)."""
    import subprocess

    missing = shutil.which("tesseract") is None or "vie" not in subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if missing:
        reason = "tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed; `make ocr-tools` installs it"
        if os.environ.get("REQUIRE_OCR", "") not in ("", "0"):
            pytest.fail(f"{reason} (REQUIRE_OCR is set, so this is an error)", pytrace=False)
        pytest.skip(reason)
