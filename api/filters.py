"""The list endpoints' parameters: the public pages' own FilterSets, refusing with 400 what they refuse.

The archive shows the page anyway with the bad filter left out; a machine is better told.
"""

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from news.filters import ArticleFilter
from plans.filters import PlanFilter
from plans.selectors import archive_count, matching_plans

# The API's order is the cursor's (newest publication first): the archive's sorts would break the keyset.
SORT_REFUSED = (
    "API luôn xếp theo thời điểm công bố, mới nhất trước (phân trang con trỏ); "
    "tham số sort chỉ dùng cho trang Kho kế hoạch."
)
# The ``locality`` value of a name several units bear: the archive asks which one, the API says how to choose.
NAMESAKES = "Có %(count)d địa bàn mang tên này. Hãy dùng slug của một địa bàn: %(units)s."


def _refuse(filterset):
    raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})


def filtered_plans(params):
    """(the public plans ``params`` select, unordered; whether they are a search known to match few plans).

    ``params`` are the archive's parameters; ValidationError if any is bad. The second value is the
    archive's own test (``selectors.in_order``): such a search is best read off the search index and
    sorted, rather than found by walking the whole archive in publication order.
    """
    if "sort" in params:
        raise ValidationError({"sort": [SORT_REFUSED]})
    filterset = PlanFilter(params)
    if filterset.errors:
        _refuse(filterset)
    namesakes = filterset.namesakes
    if namesakes is not None:
        units = "; ".join(f"{slug} ({label})" for label, slug in namesakes.units)
        count = len(namesakes.units) + namesakes.more
        raise ValidationError({"locality": [NAMESAKES % {"count": count, "units": units}]})
    query = filterset.query()
    plans = matching_plans(query)
    return plans, bool(query.q) and archive_count(query, plans)[1]


def filtered_articles(queryset, params):
    """``queryset`` narrowed by the news list's parameters; ValidationError if any is bad."""
    filterset = ArticleFilter(params, queryset=queryset)
    if filterset.errors:
        _refuse(filterset)
    return filterset.qs


PLAN_PARAMETER_NOTES = {
    "year": "Năm kế hoạch (kế hoạch 2019–2020 thuộc cả hai năm), hoặc chua-ro-nam.",
    "locality": (
        "Địa bàn: slug, mã đơn vị hành chính (GSO) hoặc tên; gồm cả đơn vị trực thuộc và đơn vị đã sáp nhập vào."
    ),
    "agency": "Cơ quan ban hành (slug, xem /api/v1/agencies/).",
    "channel": "Hình thức tuyên truyền (slug, xem /api/v1/channels/).",
    "topic": "Chủ đề: cchc, kiem-soat-tthc hoặc khac.",
    "withdrawn": "on: gồm cả kế hoạch đã thu hồi, như ô “Hiện cả kế hoạch đã thu hồi” của Kho kế hoạch.",
}
ARTICLE_PARAMETER_NOTES = {
    "category": "Chuyên mục (slug).",
    "locality": "Địa bàn: slug, mã đơn vị hành chính hoặc tên; gồm cả đơn vị trực thuộc.",
    "plan": "Tin bài về một kế hoạch (slug của kế hoạch).",
}


def parameters(filterset_class, notes, *, leave_out=()):
    """OpenAPI descriptions of a FilterSet's parameters: a note, else the filter's own label and help text."""
    described = []
    for name, declared in filterset_class.base_filters.items():
        if name in leave_out:
            continue
        description = notes.get(name) or f"{declared.label}. {declared.extra.get('help_text', '')}".strip()
        described.append(OpenApiParameter(name, str, OpenApiParameter.QUERY, description=description))
    return described


PLAN_PARAMETERS = parameters(PlanFilter, PLAN_PARAMETER_NOTES, leave_out=("sort",))
ARTICLE_PARAMETERS = parameters(ArticleFilter, ARTICLE_PARAMETER_NOTES)
