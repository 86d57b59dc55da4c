"""Reads for the archive beyond a queryset method: facet counts and their links."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from plans.models import Locality
from portal.text import fold


@dataclass(frozen=True)
class FacetItem:
    label: str
    count: int
    url: str
    selected: bool = False


def canonical_params(filterset, **changes):
    """The valid parameters of ``filterset`` as strings, with ``changes`` applied (None drops one).

    Links are built from cleaned values, so a facet link never carries a bad
    parameter along, and repeated or unknown parameters disappear.
    """
    cleaned = filterset.cleaned
    params = {}
    for name in filterset.filters:
        value = cleaned.get(name)
        if value in (None, "", False):
            continue
        params[name] = "on" if value is True else value.slug if hasattr(value, "slug") else str(value)
    if params.get("sort") == "newest":
        del params["sort"]
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    return params


def archive_url(params):
    url = reverse("plans:list")
    return f"{url}?{urlencode(params)}" if params else url


def facet_link(filterset, **changes):
    return archive_url(canonical_params(filterset, **changes))


def year_facet(filterset):
    """Years with their plan counts; a 2019–2020 plan counts in both years."""
    counts = Counter()
    rows = filterset.queryset_without("year").order_by().values("period_start", "period_end").annotate(n=Count("pk"))
    for row in rows:
        for year in range(row["period_start"], row["period_end"] + 1):
            counts[year] += row["n"]
    chosen = filterset.selected("year")
    return [
        FacetItem(str(year), count, facet_link(filterset, year=year), year == chosen)
        for year, count in sorted(counts.items(), reverse=True)
    ]


def channel_facet(filterset):
    rows = (
        filterset.queryset_without("channel").order_by()
        .filter(channels__isnull=False)
        .values("channels__slug", "channels__name", "channels__position")
        .annotate(n=Count("pk"))
        .order_by("channels__position", "channels__name")
    )
    chosen = filterset.selected("channel")
    return [
        FacetItem(row["channels__name"], row["n"], facet_link(filterset, channel=row["channels__slug"]),
                  chosen is not None and chosen.slug == row["channels__slug"])
        for row in rows
    ]


def locality_facet(filterset):
    """The units one level below the chosen one (or today's provinces), with plan counts.

    Two queries whatever the size: the plans grouped by locality path, then the
    units those paths fall under. Today's province lists its communes and the
    former provinces merged into it; a former province lists its districts.
    """
    chosen = filterset.selected("locality")
    rows = filterset.queryset_without(None).order_by().values("locality__path").annotate(n=Count("pk"))
    if chosen is None:
        return _province_items(filterset, rows)

    counts = Counter()
    for row in rows:
        child = _child_path(chosen, row["locality__path"])
        if child:
            counts[child] += row["n"]
    units = Locality.objects.filter(path__in=counts)
    return sorted(
        (FacetItem(_unit_label(unit), counts[unit.path], facet_link(filterset, locality=unit.slug)) for unit in units),
        key=lambda item: (item.label.endswith(")"), fold(item.label)),
    )


def _province_items(filterset, rows):
    provinces = list(Locality.objects.filter(level=Locality.Level.PROVINCE))
    by_path = {unit.path: unit for unit in provinces}
    by_pk = {unit.pk: unit for unit in provinces}
    counts = Counter()
    for row in rows:
        province = by_path.get(row["locality__path"].split("/", 1)[0] + "/")
        if province is not None:
            # A former province's plans count under the province that took it over.
            counts[by_pk.get(province.successor_id, province)] += row["n"]
    return sorted(
        (FacetItem(_unit_label(unit), n, facet_link(filterset, locality=unit.slug)) for unit, n in counts.items()),
        key=lambda item: fold(item.label),
    )


def _child_path(chosen, path):
    if path.startswith(chosen.path):
        rest = path[len(chosen.path):]
        return chosen.path + rest.split("/", 1)[0] + "/" if rest else None
    for prefix in chosen.lineage_paths[1:]:
        if path.startswith(prefix):
            return prefix
    return None


def _unit_label(unit):
    if unit.valid_until:
        return f"{unit.name} (đến {unit.valid_until:%d/%m/%Y})"
    return unit.name


def archive_facets(filterset):
    return {
        "years": year_facet(filterset),
        "localities": locality_facet(filterset),
        "channels": channel_facet(filterset),
    }
