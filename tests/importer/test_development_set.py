"""The labelled texts of tests/data/importer stay read as labelled (make import-eval prints the table)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_main_fields_stay_above_ninety_five_percent():
    out = io.StringIO()

    call_command("evaluate_importer", "tests/data/importer", "--no-timing", stdout=out)

    main = next(line for line in out.getvalue().splitlines() if line.startswith("6 trường chính"))
    assert float(main.split()[-1].rstrip("%")) >= 95, out.getvalue()
