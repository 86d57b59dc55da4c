"""``manage.py evaluate_importer DIR``: field accuracy of extract_plan on a labelled set, and timings.

Each ``NAME.txt`` or ``NAME.html`` in DIR has its expected answer in ``NAME.json``; only the
keys written there are graded. ``{"refused": true}`` expects the text to be refused as no plan.
Issuer and title are compared without case and accents (a database copy that lost its
diacritics names the same body); channels as an ordered list. Writes nothing.
"""

import io
import json
import time
from pathlib import Path

import pypdf
from django.core.management.base import BaseCommand

from plans.importer.channels import vocabulary_from
from plans.importer.service import ImportRefused, extract_document
from plans.importer.specimens import docx_from_text, pdf_from_text, scanned_pdf
from plans.models import Channel
from publishing.text import fold

LOOSE_FIELDS = {"issuer", "title", "signer_name"}
FIELD_ORDER = ["number", "issue_date", "issuer", "period_start", "period_end", "topic", "channels", "title", "signer_name"]


def actual_value(facts, field):
    if field == "signer_name":
        return (facts.get("signer") or {}).get("name")
    return facts.get(field)


def same(field, expected, actual):
    if field in LOOSE_FIELDS and isinstance(expected, str) and isinstance(actual, str):
        return " ".join(fold(expected).split()) == " ".join(fold(actual).split())
    return expected == actual


class Command(BaseCommand):
    help = "Độ chính xác từng trường của extract_plan trên bộ văn bản mẫu có nhãn, và thời gian đọc DOCX, PDF quét."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default="tests/data/importer")
        parser.add_argument("--no-timing", action="store_true", help="Bỏ qua phần đo thời gian")
        parser.add_argument("--verbose", action="store_true", help="In từng trường sai")

    def handle(self, *args, directory, no_timing, verbose, **options):
        vocabulary = vocabulary_from(Channel.objects.all())
        tally, failures = {}, []
        texts = sorted(path for path in Path(directory).iterdir() if path.suffix in (".txt", ".html"))
        for path in texts:
            expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            try:
                facts = extract_document(path.read_bytes(), path.name, vocabulary=vocabulary)
            except ImportRefused:
                facts = {"refused": True}
            if expected.get("refused"):
                self._count(tally, "refused", facts.get("refused") is True, path, None, facts, failures)
                continue
            for field, value in expected.items():
                self._count(tally, field, same(field, value, actual_value(facts, field)), path, value,
                            actual_value(facts, field), failures)
        self._print_table(tally, len(texts))
        if verbose or failures:
            self.stdout.write("\nSai:")
            for path, field, expected, actual in failures:
                self.stdout.write(f"  {path.name}: {field}: mong đợi {expected!r}, đọc được {actual!r}")
        if not no_timing:
            self._timings(texts, vocabulary)

    def _count(self, tally, field, right, path, expected, actual, failures):
        good, total = tally.get(field, (0, 0))
        tally[field] = (good + right, total + 1)
        if not right:
            failures.append((path, field, expected, actual))

    def _print_table(self, tally, count):
        self.stdout.write(f"Bộ mẫu: {count} văn bản\n")
        self.stdout.write(f"{'trường':<16}{'đúng':>6}{'tổng':>6}{'tỷ lệ':>9}")
        fields = [field for field in FIELD_ORDER if field in tally] + sorted(set(tally) - set(FIELD_ORDER))
        for field in fields:
            good, total = tally[field]
            self.stdout.write(f"{field:<16}{good:>6}{total:>6}{100 * good / total:>8.1f}%")
        good = sum(right for right, _total in tally.values())
        total = sum(total for _right, total in tally.values())
        self.stdout.write(f"{'TỔNG':<16}{good:>6}{total:>6}{100 * good / total:>8.1f}%")
        judged = [field for field in ("number", "issue_date", "issuer", "period_start", "topic", "channels") if field in tally]
        good = sum(tally[field][0] for field in judged)
        total = sum(tally[field][1] for field in judged)
        self.stdout.write(f"{'6 trường chính':<16}{good:>6}{total:>6}{100 * good / total:>8.1f}%")

    def _timings(self, texts, vocabulary):
        plan = next((path for path in texts if path.suffix == ".txt" and "plan" in path.name), texts[0])
        text = plan.read_text(encoding="utf-8")
        # About ten pages: the plan's body repeated, its header once.
        body = "\n" + text.split("KẾ HOẠCH", 1)[-1]
        long_text = text
        while len(pypdf.PdfReader(io.BytesIO(pdf_from_text(long_text))).pages) < 10:
            long_text += body
        docx_bytes = docx_from_text(long_text)
        started = time.monotonic()
        extract_document(docx_bytes, "ke-hoach.docx", vocabulary=vocabulary)
        docx_seconds = time.monotonic() - started
        pdf_bytes = pdf_from_text(long_text)
        scan = scanned_pdf(pdf_bytes)
        started = time.monotonic()
        facts = extract_document(scan, "ke-hoach-scan.pdf", vocabulary=vocabulary)
        scan_seconds = time.monotonic() - started
        pages = facts["reading"]["pages_read"]
        self.stdout.write(f"\nThời gian: DOCX {len(long_text.splitlines())} dòng: {docx_seconds:.2f} s (mục tiêu < 1 s)")
        self.stdout.write(
            f"Thời gian: PDF quét {pages} trang, OCR {len(facts['reading']['ocr_pages'])} trang: {scan_seconds:.1f} s "
            f"(mục tiêu < 60 s cho 10 trang)"
        )
