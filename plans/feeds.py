"""/ke-hoach/feed/: the newest published plans as Atom, for any filter of the archive."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from plans.selectors import matching_plans, year_label
from plans.views.detail import summary_of
from plans.views.opendata import validated_query
from publishing.feeds import FEED_ITEMS, FilteredFeed, with_params


class PlanFeed(FilteredFeed):
    """The plans the archive's parameters match, newest publication first (``sort`` is accepted
    but a feed always leads with what came out last)."""

    def filter_request(self, request):
        query, messages = validated_query(request)
        if messages:
            return None, {}, messages
        return query, query.params(sort=None), []

    def title(self, query):
        chosen = [
            value for value in (
                query.q and f"“{query.q}”", query.year and year_label(query.year),
                query.locality and query.locality.name, query.agency and query.agency.name,
                query.channel and query.channel.name,
            ) if value
        ]
        return " – ".join(["Kế hoạch tuyên truyền cải cách hành chính", *chosen])

    def subtitle(self, query):
        return f"{FEED_ITEMS} kế hoạch mới công bố nhất trên {settings.SITE_NAME}."

    def link(self, query):
        return with_params(reverse("plans:list"), query.params(sort=None))

    def feed_url(self, query):
        return with_params(reverse("plans:feed"), query.params(sort=None))

    def items(self, query):
        return (
            matching_plans(query).order_by("-published_at", "-id")
            .select_related("agency", "locality__parent__parent").prefetch_related("channels")[:FEED_ITEMS]
        )

    def item_title(self, plan):
        return f"[Đã thu hồi] {plan}" if plan.is_withdrawn else str(plan)

    def item_description(self, plan):
        # Atom's summary is HTML: the sentence is text, so it is escaped.
        return escape(summary_of(plan))

    def item_author_name(self, plan):
        return plan.agency.name

    def item_categories(self, plan):
        return [plan.get_topic_display(), f"Năm kế hoạch: {plan.period_label}", *(channel.name for channel in plan.channels.all())]
