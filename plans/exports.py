"""The archive's data as machine-readable rows: every plan a filter matches, and one plan's full record.

Columns are documented in ``docs/schemas/plans-download.schema.json`` (one row) and
``docs/schemas/plan-record.schema.json`` (a plan with its parts), and on /du-lieu-mo/.
Rows are read with ``values()`` in batches, never as model instances: a download of the
whole archive keeps a constant memory and is one query (a server-side cursor on PostgreSQL),
its channels and signed file read by subqueries beside each plan.
"""

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse

from plans.models import Attachment, Locality, Plan
from plans.selectors import channels, in_order, matching_plans
from publishing.history import last_public_change
from publishing.links import absolute_url
from publishing.opendata import BATCH_ROWS, batched, w3c_datetime
from publishing.sitemaps import W3CDateTime, last_change

# The columns of a download, in order: CSV header and JSON keys alike.
COLUMNS = [
    "number", "issue_date", "issuer", "locality", "locality_code", "province", "province_code",
    "period_start", "period_end", "topic", "channels", "title", "url", "signed_file_url",
    "updated_at", "withdrawn",
]
_FIELDS = [
    "slug", "number", "issue_date", "agency__name", "locality__name", "locality__code", "locality__path",
    "period_start", "period_end", "topic", "title", "status",
]
TOPICS = dict(Plan.Topic.choices)
_CHANNELS, _WITHDRAWN = COLUMNS.index("channels"), COLUMNS.index("withdrawn")


def _with_parts(plans):
    """``plans`` with their channel ids and first signed original's id, as subqueries: per batch
    queries with 2,000 ids each cost more (psycopg splits every statement) than the rest of a row."""
    signed = Attachment.objects.filter(plan_id=OuterRef("pk"), kind=Attachment.Kind.SIGNED_ORIGINAL)
    return plans.with_channel_ids().annotate(
        changed=W3CDateTime(last_change()),
        signed_id=Subquery(signed.order_by("position", "id").values("pk")[:1]),
    )


class _Links:
    """Absolute addresses of plans and files, from templates reversed once (not once per row)."""

    def __init__(self):
        self.plan = absolute_url(reverse("plans:detail", kwargs={"slug": "SLUG"})).split("SLUG")
        self.file = absolute_url(reverse("plans:attachment-download", kwargs={"slug": "SLUG", "pk": 999})).split("SLUG")
        self.file[1:] = self.file[1].split("999")

    def plan_url(self, slug):
        return f"{self.plan[0]}{slug}{self.plan[1]}"

    def file_url(self, slug, pk):
        return f"{self.file[0]}{slug}{self.file[1]}{pk}{self.file[2]}" if pk else None


def rows(query):
    """Batches of download rows (dicts keyed by ``COLUMNS``) for every plan ``query`` matches, in its order."""
    provinces = {
        path: (name, code)
        for path, name, code in Locality.objects.filter(level=Locality.Level.PROVINCE).values_list("path", "name", "code")
    }
    ordered = sorted(channels().values(), key=lambda channel: (channel.position, channel.name))
    names = {str(channel.pk): (rank, channel.name) for rank, channel in enumerate(ordered)}
    links = _Links()
    plans = _with_parts(in_order(matching_plans(query), query.sort)).values(*_FIELDS, "changed", "channel_ids", "signed_id")
    for batch in batched(plans.iterator(chunk_size=BATCH_ROWS)):
        yield [_row(plan, provinces, names, links) for plan in batch]


def _row(plan, provinces, names, links):
    province_name, province_code = provinces.get(plan["locality__path"].split("/", 1)[0] + "/", ("", ""))
    channel_ids = plan["channel_ids"].split(",") if plan["channel_ids"] else []
    return {
        "number": plan["number"],
        "issue_date": plan["issue_date"].isoformat() if plan["issue_date"] else None,
        "issuer": plan["agency__name"],
        "locality": plan["locality__name"],
        "locality_code": plan["locality__code"],
        "province": province_name,
        "province_code": province_code,
        "period_start": plan["period_start"],
        "period_end": plan["period_end"],
        "topic": TOPICS.get(plan["topic"], plan["topic"]),
        "channels": [name for _, name in sorted(names[pk] for pk in channel_ids if pk in names)],
        "title": plan["title"],
        "url": links.plan_url(plan["slug"]),
        "signed_file_url": links.file_url(plan["slug"], plan["signed_id"]),
        "updated_at": plan["changed"],
        "withdrawn": plan["status"] == Plan.Status.WITHDRAWN,
    }


def csv_cells(row):
    """A download row as CSV cells: channels joined with "; ", the flag as 1 or 0 (the csv module
    writes None as an empty cell)."""
    cells = [row[column] for column in COLUMNS]
    cells[_CHANNELS] = "; ".join(cells[_CHANNELS])
    cells[_WITHDRAWN] = int(cells[_WITHDRAWN])
    return cells


def _iso(moment):
    """Every moment in the data is UTC to the second, as the downloads' and the sitemaps' are."""
    return w3c_datetime(moment) if moment else None


def _plan_link(plan):
    return {"number": plan.number, "title": plan.title, "issuer": plan.agency.name,
            "url": absolute_url(plan.get_absolute_url())}


def record(plan):
    """A plan's full record with all its parts (read it through ``PlanDetailView.with_page_parts``;
    the plans it cites or that cite it are read here, published ones only)."""
    locality, links = plan.locality, _Links()
    province = ([locality, *locality.ancestors_nearest_first()])[-1]
    return {
        "url": absolute_url(plan.get_absolute_url()),
        "slug": plan.slug,
        "number": plan.number,
        "issue_date": plan.issue_date.isoformat() if plan.issue_date else None,
        "issuer": {"name": plan.agency.name, "kind": plan.agency.get_kind_display()},
        "advising_unit": plan.advising_unit,
        "locality": {"name": locality.name, "code": locality.code, "display_name": locality.display_name},
        "province": {"name": province.name, "code": province.code},
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "period_label": plan.period_label,
        "topic": plan.get_topic_display(),
        "title": plan.title,
        "purposes_html": plan.purposes,
        "requirements_html": plan.requirements,
        "audiences": _lines(plan.audiences),
        "channels": [channel.name for channel in plan.channels.all()],
        "other_channels": plan.other_channel_list,
        "content_groups": [{"title": group.title, "body_html": group.body} for group in plan.content_groups.all()],
        "assignments": [
            {"unit": assignment.unit_label, "is_lead": assignment.is_lead, "responsibilities": assignment.responsibilities}
            for assignment in plan.assignments.all()
        ],
        "targets": [
            {"description": target.description, "value": target.value_label or None,
             "deadline": target.deadline.isoformat() if target.deadline else None}
            for target in plan.targets.all()
        ],
        "results": [
            {"reported_on": result.reported_on.isoformat() if result.reported_on else None,
             "description": result.description, "amount": result.amount_label or None,
             "target": result.target.description if result.target_id else None}
            for result in plan.results.all()
        ],
        "reporting_schedule": plan.reporting_schedule,
        "legal_basis_plans": [_plan_link(basis) for basis in _published(plan.legal_basis_plans)],
        "legal_basis_notes": _lines(plan.legal_basis_notes),
        "implementing_plans": [_plan_link(other) for other in _published(plan.implementing_plans)],
        "signer": {"name": plan.signer_name, "position": plan.signer_position},
        "recipients": _lines(plan.recipients),
        "attachments": [
            {"title": attachment.title, "kind": attachment.get_kind_display(),
             "signed_original": attachment.is_signed_original, "url": links.file_url(plan.slug, attachment.pk),
             "content_type": attachment.content_type, "size": attachment.size, "sha256": attachment.sha256}
            for attachment in sorted(plan.attachments.all(), key=lambda item: not item.is_signed_original)
        ],
        "published_at": _iso(plan.published_at),
        "updated_at": _iso(last_public_change(plan)),
        "withdrawn": plan.is_withdrawn,
        "withdrawn_at": _iso(plan.withdrawn_at) if plan.is_withdrawn else None,
        "withdrawn_reason": plan.withdrawn_reason if plan.is_withdrawn else None,
    }


def _published(related):
    """The published plans of a plan-to-plan list: a draft cited as a basis must not leak its title."""
    return related.published().select_related("agency").order_by(F("issue_date").desc(nulls_last=True), "-id")


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]

