"""The archive as data: every plan a filter matches as CSV or JSON, and one plan's full record.

Downloads take the archive's parameters, validated by ``PlanFilter`` (bad ones answer 400
with its messages), and stream every matching plan, not one page (``plans.exports``).
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from plans.exports import COLUMNS, csv_cells, record, rows
from plans.filters import PlanFilter
from plans.models import Plan
from plans.views.detail import PlanDetailView
from publishing.cache import cache_if_canonical
from publishing.links import absolute_url
from publishing.opendata import csv_download, json_download, parameter_errors, refuse, w3c_datetime
from publishing.remember import remember


def validated_query(request):
    """(the archive query, None) for valid parameters, else (None, the messages to answer 400 with).

    A machine cannot be asked which unit it meant: a name several units bear is refused, with them."""
    filterset = PlanFilter(request.GET)
    messages = parameter_errors(filterset)
    namesakes = filterset.namesakes
    if namesakes is not None:
        units = "; ".join(f"{label} ({slug})" for label, slug in namesakes.units)
        messages.append(
            f"Địa bàn: “{request.GET.get('locality', '')}” là tên của nhiều đơn vị: {units}. "
            "Hãy dùng đường dẫn (slug) hoặc mã của đơn vị."
        )
    return (None, messages) if messages else (filterset.query(), None)


def _source(query):
    """The archive page showing the same plans, as a link back from the data."""
    params = query.params()
    return absolute_url(reverse("plans:list") + (f"?{urlencode(params)}" if params else ""))


def _rows(request, query):
    """The rows to stream; none for a HEAD request (a link checker), which gets the headers only."""
    return iter(()) if request.method == "HEAD" else rows(query)


@require_safe
def plans_csv(request):
    """Every plan the archive's parameters match, as CSV (UTF-8 with a BOM, for Excel)."""
    query, messages = validated_query(request)
    if messages:
        return refuse(messages)
    batches = ([csv_cells(row) for row in batch] for batch in _rows(request, query))
    stamp = timezone.localdate().isoformat()
    return csv_download(f"ke-hoach-{stamp}.csv", COLUMNS, batches)


@require_safe
def plans_json(request):
    """Every plan the archive's parameters match, as one JSON object (``plans-download.schema.json``)."""
    query, messages = validated_query(request)
    if messages:
        return refuse(messages, as_json=True)
    head = {
        "source": _source(query),
        "licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
        "generated_at": w3c_datetime(timezone.now()),
    }
    return json_download(head, "plans", _rows(request, query))


@require_safe
def plan_record(request, slug):
    """A plan's full record with all its parts (``plan-record.schema.json``); published, or withdrawn with its reason."""

    def compute():
        plan = PlanDetailView.with_page_parts(Plan.objects.public()).filter(slug=slug).first()
        return record(plan) if plan is not None else None

    data = remember(f"plan-record:{slug}", compute)
    if data is None:
        raise Http404("Không có kế hoạch này.")
    data = {**data, "licence": settings.DATA_LICENCE, "licence_url": settings.DATA_LICENCE_URL}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return cache_if_canonical(request, response)
