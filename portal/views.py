from django.shortcuts import render

from plans.filters import PlanFilter
from plans.models import Plan


def home(request):
    published = Plan.objects.published()
    search_form = PlanFilter(queryset=published).form
    context = {
        "newest_plans": published.with_listing_relations().order_by("-published_at", "-id")[:8],
        "years": [int(value) for value, _ in search_form.fields["year"].widget.choices if value],
        "search_form": search_form,
    }
    return render(request, "portal/home.html", context)
