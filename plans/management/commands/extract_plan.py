"""``manage.py extract_plan PATH``: the plan a document states, as one JSON object. Writes nothing."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.importer.service import ImportRefused, extract_document


class Command(BaseCommand):
    help = "Đọc một kế hoạch (DOCX, PDF, .txt, .html hoặc - cho văn bản UTF-8 từ stdin) và in JSON các trường đọc được."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .docx, .pdf, .txt, .html, hoặc - để đọc từ stdin")

    def handle(self, *args, path, **options):
        if path == "-":
            content, name = sys.stdin.buffer.read(), "-"
        else:
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"Không tìm thấy tệp {path}.")
            content, name = file.read_bytes(), file.name
        try:
            facts = extract_document(content, name)
        except ImportRefused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2))
