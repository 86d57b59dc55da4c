"""Demo content for a first look at the portal: six plans, their issuers, demo accounts.

The six plans are modelled on plans that local portals reported on (Hội An 2019,
Sở Ngoại vụ Tây Ninh 2020, Kon Tum 2020, Quận 9 (year not stated), phường Phú Hữu
2020, Càng Long 2024). Only facts are taken over (issuer, number, date, year,
channels, targets, assigned units, results); every sentence below is our own
wording, because the portal must not republish those articles. Where a source does
not state a fact (a number, an issue date, a year, a signer) the field stays blank
rather than being made up.

``load_demo()`` is the one entry point; the data lives in ``content.py`` as plain
structures so a reader can check it against the sources without reading code.

Idempotency: the loader converges the database on this module. Rows are matched by
natural keys (an agency by locality + name, a plan by agency + number + issue year
or, without a number, by agency + period + title, a user by username); a row is
written only when a value differs, and a plan's parts (content groups, targets,
assignments) are replaced as a whole only when they differ from the data here, and the
demo summary PDF only when its bytes would change (other attachments are left alone). So a
second run writes nothing, and a fix to this file reaches an existing demo database
on the next run. The price: edits made in the admin to the demo plans are reverted
by the next run. Passwords of existing accounts are never touched.

Publication goes through the workflow services like any other (``publishing.workflow``):
a new plan is created as a draft, submitted by its officer and published by the demo
approver at the date given here (``publish_demo_item``), so it has its history and its
steps. A published or withdrawn demo item is left in that state, with its date: only
the workflow changes them, and it has no way back from there.
"""

import hashlib
import secrets
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from unidecode import unidecode

from plans.demo.content import (
    ACCOUNTS,
    AGENCIES,
    APPROVER,
    DEMO_ATTACHMENT_TITLE,
    LOCALITIES,
    PLANS,
    Written,
)
from plans.models import (
    Agency,
    Assignment,
    Attachment,
    Channel,
    ContentGroup,
    Locality,
    Membership,
    Plan,
    Result,
    Target,
    normalise_number,
)
from plans.services import refresh_search_text
from publishing import workflow
from publishing.models import Status

# The note on the demo items' workflow steps, read in their history.
DEMO_STEP_COMMENT = "Nạp dữ liệu minh họa (load_demo)"


class MissingLocalities(Exception):
    """The locality rows the demo plans hang on are not loaded yet."""

    def __init__(self, paths):
        self.paths = paths
        super().__init__(
            "Chưa có các địa bàn: " + ", ".join(paths)
            + ". Hãy chạy “python manage.py import_localities” trước rồi chạy lại load_demo."
        )


class MissingReferenceData(Exception):
    """Channels or permissions that migrations should have created are absent."""


@dataclass
class DemoReport:
    """What a run did, for the command to print."""

    counts: dict = field(default_factory=dict)  # row kind -> Counter of outcomes
    new_accounts: list = field(default_factory=list)  # (username, role, password)
    existing_accounts: list = field(default_factory=list)

    def count(self, what, outcome, rows=1):
        self.counts.setdefault(what, Counter())[outcome] += rows


def demo_pdf(spec, agency_name):
    """A one-page PDF, written by hand, saying it is a demo summary and not the signed plan.

    Built only from ``spec`` so the bytes (and their SHA-256) are the same on every
    run: that is how the loader tells that the stored file is already up to date.
    Helvetica has no Vietnamese glyphs, so the text is transliterated to ASCII.
    """
    issue_date = spec.get("issue_date")
    lines = [
        "DU LIEU MINH HOA - Ban tom tat du lieu demo",
        "Day KHONG phai van ban goc da ky; chi dung de thu nghiem cong thong tin.",
        "",
        f"Co quan ban hanh: {agency_name}",
        f"So ky hieu: {spec.get('number') or '(nguon khong ghi)'}",
        f"Ngay ban hanh: {issue_date.strftime('%d/%m/%Y') if issue_date else '(nguon khong ghi)'}",
        f"Nam ke hoach: {spec.get('period_start') or '(nguon khong ghi)'}",
        *textwrap.wrap(f"Trich yeu: {spec['title']}", 85),
    ]
    if spec.get("content_groups"):
        lines += ["", "Noi dung tuyen truyen:"]
        for number, (title, _body) in enumerate(spec["content_groups"], start=1):
            lines += textwrap.wrap(f"{number}. {title}", 85, subsequent_indent="   ")
    if spec.get("targets"):
        lines += ["", "Chi tieu:"]
        for description, comparator, value in spec["targets"]:
            level = Target(comparator=comparator, value=Decimal(value), unit=Target.Unit.PERCENT).value_label
            lines += textwrap.wrap(f"- {description}: {level}", 85, subsequent_indent="  ")

    def escape(text):
        return unidecode(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "\n".join(
        ["BT", "/F1 10 Tf", "14 TL", "56 790 Td", *(f"({escape(line)}) Tj T*" for line in lines), "ET"]
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(pdf)


def load_demo(password_factory=lambda: secrets.token_urlsafe(12)):
    """Create or bring up to date the demo agencies, accounts and the six published plans.

    Runs in one transaction: either everything is loaded or nothing is. Raises
    ``MissingLocalities`` if ``import_localities`` has not been run, and
    ``MissingReferenceData`` if migrations are missing. Returns a ``DemoReport``
    with the passwords of the accounts created in this run (and only those).
    """
    storage = Attachment._meta.get_field("file").storage
    written = []
    try:
        with transaction.atomic():
            return _load(DemoReport(), password_factory, storage, written)
    except BaseException:
        # Files are not part of the transaction: drop the ones this failed run wrote.
        for name in written:
            storage.delete(name)
        raise


def _load(report, password_factory, storage, written):
    localities = _localities()
    channels = {channel.slug: channel for channel in Channel.objects.all()}
    missing = sorted({slug for spec in PLANS for slug in spec.get("channels", [])} - channels.keys())
    if missing:
        raise MissingReferenceData(
            "Thiếu hình thức tuyên truyền: " + ", ".join(missing) + ". Hãy chạy “python manage.py migrate”."
        )
    agencies = _sync_agencies(localities, report)
    groups = _role_groups()
    users = _sync_accounts(agencies, groups, password_factory, report)
    for spec in PLANS:
        _sync_plan(spec, agencies, channels, users[spec["officer"]], users[APPROVER], storage, written, report)
    return report


def _localities():
    found = {unit.path: unit for unit in Locality.objects.filter(path__in=LOCALITIES.values())}
    missing = [path for path in LOCALITIES.values() if path not in found]
    if missing:
        raise MissingLocalities(missing)
    return {key: found[path] for key, path in LOCALITIES.items()}


def _save_if_changed(instance, values):
    """Set ``values`` on an existing row and save it only if one of them differs; return whether it did."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save()
    return bool(changed)


def publish_demo_item(item, *, author, approver, at):
    """Take a demo plan or article to published at ``at`` through the workflow: ``author`` submits
    a draft, ``approver`` publishes it. Returns whether a step was taken; a published or
    withdrawn item is left as it is."""
    if item.status == Status.DRAFT:
        workflow.submit(item=item, by=author, comment=DEMO_STEP_COMMENT)
    if item.status != Status.SUBMITTED:
        return False
    workflow.publish(item=item, by=approver, comment=DEMO_STEP_COMMENT, at=at)
    return True


def _sync_agencies(localities, report):
    agencies = {}
    for key, (name, kind, locality_key, parent_key) in AGENCIES.items():  # parents come first in AGENCIES
        # The demo's province departments are marked as expected to publish a plan each year (coverage).
        values = {"kind": kind, "parent": agencies[parent_key] if parent_key else None,
                  "expected_plan": kind == Agency.Kind.DEPARTMENT}
        agency, created = Agency.objects.get_or_create(locality=localities[locality_key], name=name, defaults=values)
        changed = not created and _save_if_changed(agency, values)
        report.count("agencies", "created" if created else "updated" if changed else "unchanged")
        agencies[key] = agency
    return agencies


def _role_groups():
    """The role groups the migration created; the demo never changes their permissions."""
    names = {account["role"] for account in ACCOUNTS if not account.get("superuser")}
    groups = {group.name: group for group in Group.objects.filter(name__in=names)}
    missing = sorted(names - set(groups))
    if missing:
        raise MissingReferenceData("Thiếu nhóm quyền: " + ", ".join(missing) + ". Hãy chạy “python manage.py migrate”.")
    return groups


def _sync_accounts(agencies, groups, password_factory, report):
    User = get_user_model()
    users = {}
    for account in ACCOUNTS:
        username = account["username"]
        flags = {"is_staff": True, "is_active": True}
        if account.get("superuser"):
            flags["is_superuser"] = True
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password_factory()
            user = User(username=username, **flags)
            user.set_password(password)
            user.save()
            report.new_accounts.append((username, account["role"], password))
            report.count("accounts", "created")
        else:
            # An existing account keeps its password; only its access is checked.
            report.existing_accounts.append(username)
            report.count("accounts", "updated" if _save_if_changed(user, flags) else "unchanged")
        if account["role"] in groups:
            user.groups.add(groups[account["role"]])
        for key in account.get("agencies", []):
            Membership.objects.get_or_create(user=user, agency=agencies[key])
        users[username] = user
    return users


def _rich(field_name, html, model=Plan):
    """The HTML as the admin editor would store it, so stored and wanted values compare equal."""
    return model._meta.get_field(field_name).sanitize(html) if html else ""


def _sync_plan(spec, agencies, channels, officer, approver, storage, written, report):
    agency = agencies[spec["agency"]]
    values = {
        "locality": agency.locality,
        "number": spec.get("number", ""),
        "issue_date": spec.get("issue_date"),
        "period_start": spec.get("period_start"),
        "period_end": spec.get("period_end", spec.get("period_start")),
        "title": spec["title"],
        "topic": spec["topic"],
        "purposes": _rich("purposes", spec.get("purposes", "")),
        "requirements": _rich("requirements", spec.get("requirements", "")),
        "audiences": "\n".join(spec.get("audiences", [])),
        "legal_basis_notes": "\n".join(spec.get("legal_basis_notes", [])),
        "reporting_schedule": spec.get("reporting_schedule", ""),
        "other_channels": "\n".join(spec.get("other_channels", [])),
    }
    plan = _find_plan(agency, values)
    if plan is None:
        plan = Plan.objects.create(agency=agency, created_by=officer, updated_by=officer, **values)
        outcome = "created"
    else:
        outcome = "updated" if _save_if_changed(plan, values) else "unchanged"

    wanted_channels = {channels[slug].pk for slug in spec.get("channels", [])}
    if set(plan.channels.values_list("pk", flat=True)) != wanted_channels:
        plan.channels.set(wanted_channels)

    _sync_parts(plan, ContentGroup, "content_groups", ["title", "body"], [
        {"title": title, "body": _rich("body", body, ContentGroup)} for title, body in spec.get("content_groups", [])
    ], report)
    _sync_parts(plan, Target, "targets", ["description", "comparator", "value", "unit", "deadline"], [
        {"description": description, "comparator": comparator, "value": Decimal(value),
         "unit": Target.Unit.PERCENT, "deadline": None}
        for description, comparator, value in spec.get("targets", [])
    ], report)
    _sync_parts(plan, Assignment, "assignments", ["unit_name", "agency_id", "is_lead", "responsibilities"], [
        {"unit_name": unit.name, "agency_id": None, "is_lead": is_lead, "responsibilities": text}
        if isinstance(unit, Written) else
        {"unit_name": agencies[unit].name, "agency_id": agencies[unit].pk, "is_lead": is_lead, "responsibilities": text}
        for unit, is_lead, text in spec.get("assignments", [])
    ], report)
    # The targets are the ones just written: a demo result answers none of them.
    _sync_parts(plan, Result, "results", ["reported_on", "description", "quantity", "unit_label", "target_id"], [
        {"reported_on": day, "description": text, "quantity": quantity, "unit_label": noun, "target_id": None}
        for day, text, quantity, noun in spec.get("results", [])
    ], report)
    _sync_attachment(plan, spec, agency, storage, written, report)
    refresh_search_text(plan)
    # Last, once its parts are in place: the published revision holds the whole plan.
    if publish_demo_item(plan, author=officer, approver=approver, at=spec["published_at"]):
        outcome = "created" if outcome == "created" else "updated"
    report.count("plans", outcome)


def _find_plan(agency, values):
    """The demo plan already loaded, by the same keys a clerk would use to spot a duplicate."""
    plans = Plan.objects.filter(agency=agency)
    if values["number"]:
        # The model's own uniqueness rule: issuer + number + issue year.
        year = values["issue_date"].year if values["issue_date"] else None
        return plans.filter(number_key=normalise_number(values["number"]), issue_year=year).first()
    return plans.filter(
        number_key="", period_start=values["period_start"], period_end=values["period_end"], title=values["title"],
    ).first()


def _sync_parts(plan, model, related_name, fields, wanted, report):
    """Replace a plan's parts of one kind, but only if they differ from ``wanted``."""
    for position, row in enumerate(wanted, start=1):
        row["position"] = position
    columns = ["position", *fields]
    current = [tuple(row) for row in getattr(plan, related_name).order_by("position", "id").values_list(*columns)]
    if current == [tuple(row[name] for name in columns) for row in wanted]:
        report.count(related_name, "unchanged", len(wanted))
        return
    getattr(plan, related_name).all().delete()
    model.objects.bulk_create([model(plan=plan, **row) for row in wanted])
    # Counted in rows, as the summary reads ("28 nhóm nội dung tạo mới").
    report.count(related_name, "replaced" if current else "created", len(wanted))


def _sync_attachment(plan, spec, agency, storage, written, report):
    """Keep exactly one demo summary PDF on the plan; other attachments are left alone."""
    content = demo_pdf(spec, agency.name)
    digest = hashlib.sha256(content).hexdigest()
    demo_files = list(plan.attachments.filter(title=DEMO_ATTACHMENT_TITLE, kind=Attachment.Kind.OTHER))
    if len(demo_files) == 1 and demo_files[0].sha256 == digest and storage.exists(demo_files[0].file.name):
        report.count("attachments", "unchanged")
        return
    for old in demo_files:
        old.delete()
        # Only once the new state is committed: a rollback must find the old file still there.
        transaction.on_commit(partial(storage.delete, old.file.name))
    attachment = Attachment(
        plan=plan, title=DEMO_ATTACHMENT_TITLE, kind=Attachment.Kind.OTHER, position=1,
        file=ContentFile(content, name=f"ban-tom-tat-minh-hoa-{plan.slug}.pdf"),
    )
    attachment.save()
    written.append(attachment.file.name)
    report.count("attachments", "created" if not demo_files else "replaced")
