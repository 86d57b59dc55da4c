"""The mixed load's writer (bench/mixed.py): a process of its own that publishes and edits plans and
articles of random units through the real code (``publishing.workflow.publish``, ``save()`` in a
revision), so signals and invalidation run as in production. Driven one JSON line at a time on stdin;
its answers are the lines starting with ``REPLY`` on stdout.
"""

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPLY = "@@ "  # the writer's answers; anything else it prints (a mail on the console) is skipped
WRITER_USER = "bench-writer"
WRITES = (("publish-plan", 4), ("publish-article", 2), ("edit-plan", 2), ("edit-article", 2))


class Writer:
    """``python -m bench.writer``, driven one JSON line at a time."""

    def __init__(self, environment):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.writer"], cwd=ROOT, env=os.environ | environment,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
        )
        self.lock = threading.Lock()

    def call(self, command, **arguments):
        with self.lock:
            self.process.stdin.write(json.dumps({"do": command, **arguments}) + "\n")
            self.process.stdin.flush()
            for line in self.process.stdout:
                if line.startswith(REPLY):
                    answer = json.loads(line[len(REPLY):])
                    if "error" in answer:
                        raise RuntimeError(f"writer: {answer['error']}")
                    return answer
        raise RuntimeError(f"writer dừng với mã {self.process.wait()}")

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def writer_main():
    """The writer's loop: one command a line on stdin, one answer a line on stdout."""
    import traceback

    import django

    django.setup()
    writer = _WriterActions()
    for line in sys.stdin:
        command = json.loads(line)
        try:
            answer = getattr(writer, command.pop("do").replace("-", "_"))(**command)
        except Exception as error:  # noqa: BLE001 - reported to the driver, which stops
            traceback.print_exc()
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(REPLY + json.dumps(answer, ensure_ascii=False), flush=True)


class _WriterActions:
    def prepare(self, plans, articles, seed):
        """A superuser, and ``plans``/``articles`` drafts of random units submitted (through
        ``workflow.submit``) for the publications to come."""
        from django.contrib.auth import get_user_model

        from news.models import Article
        from plans.models import Plan
        from publishing.models import Status
        from publishing.workflow import submit

        user, _ = get_user_model().objects.get_or_create(username=WRITER_USER, defaults={"email": ""})
        user.is_superuser = user.is_staff = True
        user.set_unusable_password()
        user.save()
        self.user, self.rng = user, random.Random(seed)
        self.pending = {}
        for model, wanted in ((Plan, plans), (Article, articles)):
            submitted = list(model.objects.filter(status=Status.SUBMITTED).order_by("pk").values_list("pk", flat=True))
            drafts = list(model.objects.filter(status=Status.DRAFT).order_by("pk").values_list("pk", flat=True))
            for pk in self.rng.sample(drafts, max(0, min(wanted - len(submitted), len(drafts)))):
                submit(item=model.objects.get(pk=pk), by=user)
                submitted.append(pk)
            self.rng.shuffle(submitted)
            self.pending[model] = submitted
        return {"plans": len(self.pending[Plan]), "articles": len(self.pending[Article])}

    def write(self, kind=None):
        """One write of ``kind`` (random by ``WRITES`` when None)."""
        if kind is None:
            kind = self.rng.choices([kind for kind, _ in WRITES], weights=[weight for _, weight in WRITES])[0]
        return getattr(self, kind.replace("-", "_"))()

    def publish_plan(self):
        from plans.models import Plan

        return self._publish(Plan, "publish-plan")

    def publish_article(self):
        from news.models import Article

        return self._publish(Article, "publish-article")

    def _publish(self, model, kind):
        from publishing.workflow import publish

        if not self.pending[model]:
            raise RuntimeError(f"hết {model._meta.verbose_name} chờ duyệt")
        item = model.objects.select_related("locality").get(pk=self.pending[model].pop())
        began = time.perf_counter()
        publish(item=item, by=self.user)
        return self._done(kind, item, began)

    def edit_plan(self):
        """What the admin does on a save: the plan in a revision, then its search text."""
        import reversion
        from django.db import transaction

        from plans.models import Plan
        from plans.services import refresh_search_text

        plan = self._published(Plan)
        began = time.perf_counter()
        with transaction.atomic(), reversion.create_revision():
            plan.audiences = _toggle_line(plan.audiences, "Cán bộ, công chức, viên chức (bổ sung)")
            plan.save()
            refresh_search_text(plan)
            reversion.set_user(self.user)
            reversion.set_comment("Đo hiệu năng: sửa đối tượng tuyên truyền")
        return self._done("edit-plan", plan, began)

    def edit_article(self):
        import reversion
        from django.db import transaction

        from news.models import Article

        article = self._published(Article)
        began = time.perf_counter()
        with transaction.atomic(), reversion.create_revision():
            suffix = " (cập nhật)"
            article.summary = article.summary.removesuffix(suffix) if article.summary.endswith(suffix) else article.summary + suffix
            article.save()
            reversion.set_user(self.user)
            reversion.set_comment("Đo hiệu năng: sửa sapo")
        return self._done("edit-article", article, began)

    def _published(self, model):
        from django.db.models import Max, Min

        bounds = model.objects.aggregate(low=Min("pk"), high=Max("pk"))
        while True:
            item = (model.objects.published().select_related("locality")
                    .filter(pk__gte=self.rng.randint(bounds["low"], bounds["high"])).order_by("pk").first())
            if item:
                return item

    def _done(self, kind, item, began):
        return {"kind": kind, "ms": round((time.perf_counter() - began) * 1000, 1), "url": item.get_absolute_url(),
                "unit": item.locality.name if item.locality_id else ""}

    def fold(self):
        from news.view_counts import fold_views

        return {"folded": fold_views()}


def _toggle_line(text, line):
    lines = (text or "").splitlines()
    return "\n".join(lines[:-1] if lines and lines[-1] == line else [*lines, line])


if __name__ == "__main__":
    writer_main()
