"""A draft plan of the officer's unit from what the importer read. Nothing is published."""

import datetime
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape

from plans.models import Assignment, Attachment, Channel, ContentGroup, Locality, Plan, Result, Target
from plans.models.plan import MAX_PLAN_YEAR, MIN_PLAN_YEAR
from plans.services import refresh_search_text

UNTITLED = "Kế hoạch (chưa đọc được trích yếu, hãy nhập)"
# Kept with the marks: the draft says, until it is saved, that its text came from a scan.
READ_BY_OCR = "read_by_ocr"


class DuplicatePlan(Exception):
    def __init__(self, plan):
        super().__init__(plan)
        self.plan = plan
        self.message = (
            f"Kế hoạch số {plan.number} của {plan.agency} năm {plan.issue_year} đã có trên cổng "
            f"(“{plan.title}”, mã {plan.pk}). Không tạo bản nháp trùng."
        )


def _year(value):
    return value if isinstance(value, int) and MIN_PLAN_YEAR <= value <= MAX_PLAN_YEAR else None


@transaction.atomic
def draft_from_facts(*, facts, agency, by, document=None, document_name=""):
    """A draft plan of ``agency`` holding every fact and part in ``facts`` (the extract_plan JSON),
    with the document as its signed original, and ``imported_fields`` naming what was read.

    Raises DuplicatePlan when the agency already has a plan with that number in that year.
    """
    read = []
    plan = Plan(agency=agency, created_by=by, updated_by=by, topic=facts.get("topic") or Plan.Topic.REFORM)
    locality = Locality.objects.filter(slug=facts.get("locality")).first() if facts.get("locality") else None
    # The plan's area must lie within its issuer's; a locality read from another unit's header is not used.
    if locality and locality.path.startswith(agency.locality.path):
        plan.locality = locality
    for field in ("number", "title"):
        if facts.get(field):
            setattr(plan, field, facts[field][:Plan._meta.get_field(field).max_length])
            read.append(field)
    if facts.get("issue_date"):
        plan.issue_date = datetime.date.fromisoformat(facts["issue_date"])
        read.append("issue_date")
    start, end = _year(facts.get("period_start")), _year(facts.get("period_end"))
    if start:
        plan.period_start, plan.period_end = start, end if end and end >= start else start
        read += ["period_start", "period_end"]
    if facts.get("topic"):
        read.append("topic")
    if not plan.title:
        plan.title = UNTITLED
    signer = facts.get("signer") or {}
    if signer.get("name"):
        plan.signer_name = signer["name"][:200]
        read.append("signer_name")
    if signer.get("position"):
        plan.signer_position = signer["position"][:200]
        read.append("signer_position")
    if facts.get("objectives"):
        plan.purposes = "".join(f"<p>{escape(text)}</p>" for text in facts["objectives"])
        read.append("purposes")
    if facts.get("reporting_schedule"):
        plan.reporting_schedule = facts["reporting_schedule"]
        read.append("reporting_schedule")
    if facts.get("legal_bases"):
        plan.legal_basis_notes = "\n".join(basis["title"] for basis in facts["legal_bases"])
        read.append("legal_basis_notes")
    if facts.get("other_channels"):
        plan.other_channels = "\n".join(facts["other_channels"])
        read.append("other_channels")
    if plan.issue_date:
        plan.issue_year = plan.issue_date.year
    plan.number_key = re.sub(r"\s+", "", plan.number).upper()
    duplicate = plan.find_duplicate()
    if duplicate is not None:
        raise DuplicatePlan(duplicate)
    plan.save()
    channels = {channel.slug: channel for channel in Channel.objects.filter(slug__in=facts.get("channels") or [])}
    if channels:
        plan.channels.set([channels[slug] for slug in facts["channels"] if slug in channels])
        read.append("channels")
    read += _parts(plan, facts)
    if document is not None:
        attachment = Attachment(plan=plan, title="Văn bản gốc đã ký", kind=Attachment.Kind.SIGNED_ORIGINAL)
        attachment.file = ContentFile(document, name=document_name)
        attachment.save()
    if (facts.get("reading") or {}).get("read_by_ocr"):
        read.append(READ_BY_OCR)
    plan.imported_fields = read
    plan.save(update_fields=["imported_fields"])
    refresh_search_text(plan)
    return plan


def _parts(plan, facts):
    read = []
    groups = [ContentGroup(plan=plan, position=index, title=title[:500]) for index, title in enumerate(facts.get("content_groups") or [])]
    assignments = [
        Assignment(plan=plan, position=index, unit_name=item["unit"][:255], responsibilities=item["task"] or item["unit"],
                   is_lead=bool(item.get("lead")))
        for index, item in enumerate(facts.get("assignments") or []) if item.get("unit")
    ]
    # A target's level (comparator, value, unit) is for the officer to set: the text is kept whole.
    targets = [Target(plan=plan, position=index, description=text[:500], comparator="", value=None, unit="")
               for index, text in enumerate(facts.get("targets") or [])]
    results = [Result(plan=plan, position=index, description=text) for index, text in enumerate(facts.get("results") or [])]
    for name, rows in (("content_groups", groups), ("assignments", assignments), ("targets", targets), ("results", results)):
        if rows:
            type(rows[0]).objects.bulk_create(rows)
            read.append(name)
    return read
