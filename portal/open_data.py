"""What machines and crawlers read first: /robots.txt, /favicon.ico, and /du-lieu-mo/, the page that
explains the portal's open data (feeds, downloads, sitemap, API) and its licence."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from plans.models import Plan
from plans.selectors import channels, plan_years
from publishing.cache import cache_if_canonical
from publishing.links import absolute_url


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawl the public pages; not the admin, previews, private files or lists that only re-sort."""
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: {reverse('admin:index')}",
        # Previews of drafts and scheduled items need a staff sign-in, and are marked noindex too.
        f"Disallow: {reverse('plans:preview', kwargs={'pk': 0}).removesuffix('0/')}",
        f"Disallow: {reverse('news:preview', kwargs={'pk': 0}).removesuffix('0/')}",
        # A plan's files are served only through its published page (plans:attachment-download),
        # never from the upload folder, where drafts' files lie too.
        f"Disallow: /{settings.MEDIA_URL.strip('/')}/plans/",
        "Disallow: /healthz",
        # The same lists in another order, and searches (any words a reader typed): endless addresses, no new page.
        "Disallow: /*?*sort=",
        "Disallow: /*?*q=",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: the site's icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def _example(name, **params):
    url = reverse(name)
    return url + (f"?{urlencode(params)}" if params else "")


@require_safe
def open_data(request):
    """Vietnamese explanation of the data, its licence, each address with a working example."""
    plan = Plan.objects.published().only("slug").order_by("-published_at", "-id").first()
    # Examples that answer something on this portal: the newest year, the first channel.
    years, channel = plan_years(), next(iter(channels()), None)
    filtered = {"year": years[0]} if years else {}
    if channel:
        filtered["channel"] = channel
    context = {
        "licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
        "site_url": settings.SITE_URL,
        "plan_record_url": reverse("plans:record", kwargs={"slug": plan.slug}) if plan else None,
        "csv_url": _example("plans:data-csv", **filtered),
        "json_url": _example("plans:data-json", **filtered),
        "plan_feed_url": _example("plans:feed", **filtered),
        "news_feed_url": _example("news:feed"),
        # The API is another app's: its addresses by name, without importing it.
        "api_root": reverse("api:api-root"),
        "api_schema": reverse("api:schema"),
        "api_browser": reverse("api:swagger-ui"),
    }
    return cache_if_canonical(request, render(request, "portal/open_data.html", context))


# The JSON Schemas of the downloads, kept in the repository and served as they are.
SCHEMAS = settings.BASE_DIR / "docs" / "schemas"
SCHEMA_NAMES = ("plans-download", "plan-record")


@require_safe
@cache_control(max_age=3600, public=True)
def schema(request, name):
    if name not in SCHEMA_NAMES:
        raise Http404("Không có lược đồ này.")
    return HttpResponse((SCHEMAS / f"{name}.schema.json").read_bytes(), content_type="application/schema+json")
