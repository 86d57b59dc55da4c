from django.shortcuts import render

from plans.models import Plan


def home(request):
    newest_plans = Plan.objects.published().with_listing_relations().order_by("-published_at", "-id")[:10]
    return render(request, "portal/home.html", {"newest_plans": newest_plans})
