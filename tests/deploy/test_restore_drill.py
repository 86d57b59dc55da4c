"""The restore drill of docs/deploy.md ("Backups"), run: back up with deploy/cchc-backup, restore into a
new database with a copy of the uploaded files and the backed-up environment file, and every public
page type and a plan's admin history read the same as before."""

import json
import os
import re
import shutil
import subprocess

from tests.deploy.server import DEPLOY, clean_environment, fresh_database, manage, read_env_file, write_env_file

# Rendered inside `cchc-manage shell`: one page of each public type, an attachment, a plan's admin
# history, as {address: body}. Tokens that differ on every request are blanked.
RENDER = r"""
import hashlib, json, re
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from news.models import Article
from plans.models import Plan
from publishing.roles import OFFICER

plan = Plan.objects.published().filter(attachments__isnull=False).order_by("pk").first()
article = Article.objects.published().order_by("pk").first()
month = timezone.localtime(article.published_at)
addresses = [
    reverse("home"), reverse("plans:list"), reverse("plans:list-year", kwargs={"year": plan.period_start}),
    reverse("plans:list-locality", kwargs={"locality": plan.locality.slug}), plan.get_absolute_url(),
    reverse("plans:attachment-download", kwargs={"slug": plan.slug, "pk": plan.attachments.order_by("pk").first().pk}),
    reverse("news:list"), article.get_absolute_url(),
    reverse("news:month", kwargs={"year": month.year, "month": month.month}),
]
pages = {}
for address in addresses:
    response = Client().get(address, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    pages[address] = [response.status_code, hashlib.sha256(body).hexdigest() if address.count("/tai-ve/") else body.decode()]
staff = Client()
# The plan's own officer (password only; an administrator would first be asked for a second factor).
staff.force_login(get_user_model().objects.filter(memberships__agency=plan.agency, groups__name=OFFICER).first())
history = reverse("admin:plans_plan_history", args=[plan.pk])
response = staff.get(history, secure=True)
pages[history] = [response.status_code, response.content.decode()]
print(json.dumps(pages, ensure_ascii=False))
"""
# An officer's edit, as the admin saves one: a new version in the plan's history.
EDIT = r"""
import reversion
from django.contrib.auth import get_user_model
from plans.models import Plan

plan = Plan.objects.published().filter(attachments__isnull=False).order_by("pk").first()
with reversion.create_revision():
    plan.reporting_schedule = "Báo cáo quý, 6 tháng và năm (sửa lại theo hướng dẫn mới)."
    plan.save()
    reversion.set_user(get_user_model().objects.get(username="quantri"))
    reversion.set_comment("Sửa chế độ báo cáo.")
"""
VARYING = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce="|"csrfToken": ")[^"]*')


def rendered(env_file):
    output = manage(env_file, "shell", input=RENDER).strip().splitlines()[-1]
    pages = json.loads(output)
    return {address: [status, VARYING.sub(r"\1…", body)] for address, (status, body) in pages.items()}


def test_a_backup_restored_into_a_new_database_shows_the_same_pages_and_history(tmp_path):
    with fresh_database(tmp_path, "live") as live_url, fresh_database(tmp_path, "restored") as restored_url:
        live = write_env_file(
            tmp_path / "cchc.env", SECRET_KEY="khoa-bi-mat-cua-ban-sao-luu-" + "x" * 30, DJANGO_ENV="development",
            ALLOWED_HOSTS="testserver", SITE_URL="https://cchc.example.gov.vn", DATABASE_URL=live_url, REDIS_URL=None,
            VAR_DIR=tmp_path / "var", MEDIA_ROOT=tmp_path / "media",
        )
        manage(live, "migrate", "--noinput")
        manage(live, "import_localities")
        manage(live, "createsuperuser", "--noinput", "--username", "quantri", "--email", "cntt@example.gov.vn",
               extra_env={"DJANGO_SUPERUSER_PASSWORD": "mat-khau-quan-tri-thu-nghiem"})
        manage(live, "load_demo")
        manage(live, "shell", input=EDIT)
        before = rendered(live)

        # Backups: `cchc-backup /srv/cchc/backups` (the nightly cron line).
        backup = subprocess.run([str(DEPLOY / "cchc-backup"), str(tmp_path / "backups")], capture_output=True, text=True,
                                env=clean_environment(CCHC_ENV_FILE=str(live)), check=True).stdout.strip().splitlines()[-1]
        backup = tmp_path / "backups" / os.path.basename(backup)
        assert subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=backup).returncode == 0

        # Restore drill: the backed-up environment file pointed at a new database and a new media folder.
        restored = tmp_path / "restored.env"
        shutil.copy(backup / "cchc.env", restored)
        restored = write_env_file_from(restored, DATABASE_URL=restored_url, MEDIA_ROOT=tmp_path / "restored-media",
                                       VAR_DIR=tmp_path / "restored-var")
        if (backup / "database.dump").exists():
            subprocess.run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={restored_url}",
                            str(backup / "database.dump")], check=True, capture_output=True)
        else:
            restored_file = restored_url.removeprefix("sqlite:///")
            shutil.copy(backup / "database.sqlite3", restored_file)
            os.chmod(restored_file, 0o600)
        (tmp_path / "restored-media").mkdir()
        subprocess.run(["tar", "-C", str(tmp_path / "restored-media"), "-xf", str(backup / "media.tar")], check=True)
        manage(restored, "migrate", "--check")
        after = rendered(restored)

    assert read_env_file(restored)["SECRET_KEY"] == read_env_file(live)["SECRET_KEY"]
    assert sorted(after) == sorted(before)
    assert {status for status, body in before.values()} == {200}
    for address, page in before.items():
        assert after[address] == page, address
    history = next(body for address, (status, body) in after.items() if address.endswith("/history/"))
    assert "Sửa chế độ báo cáo." in history


def write_env_file_from(path, **overrides):
    """The same edit as write_env_file, on a copy of a backed-up file rather than the example."""
    text = path.read_text(encoding="utf-8")
    for name, value in overrides.items():
        text, count = re.subn(rf"^{name}=.*$", f'{name}="{value}"', text, flags=re.MULTILINE)
        if not count:
            text += f'{name}="{value}"\n'
    path.write_text(text, encoding="utf-8")
    return path

