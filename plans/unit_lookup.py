"""Which unit a reader means by a locality parameter, and how the archive names a unit.

A slug or a GSO code names one unit; a name in any spelling names one only if no other unit
bears it, else the archive asks which (``Namesakes``). Lookups are kept in the cache with the
reference lists (``publishing.cache``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from plans.models import Locality
from publishing.remember import remember
from publishing.text import fold, slugify_vi


def locality_label(unit):
    """How the archive names a unit: with the units above it (read them with ``select_related``)
    and, for one no longer in force, the year it ended: "Tỉnh Vĩnh Phúc (trước 2025)"."""
    label = ", ".join(part.name for part in (unit, unit.parent, unit.parent and unit.parent.parent) if part)
    return f"{label} (trước {(unit.valid_until + datetime.timedelta(days=1)).year})" if unit.valid_until else label


# Kinds' words that begin a unit's full-name slug ("xa-vinh-phuc", "thanh-pho-vi-thanh").
KIND_SLUG_PREFIXES = ("tinh", "thanh-pho", "huyen", "quan", "thi-xa", "xa", "phuong", "thi-tran", "dac-khu")
NAMESAKES_SHOWN = 20


@dataclass(frozen=True)
class Namesakes:
    """A locality parameter that names several units: the archive asks which one was meant."""
    units: list  # (label, slug), current units and higher levels first, at most NAMESAKES_SHOWN
    more: int = 0  # how many more match


def find_locality(value):
    """The unit ``value`` means (with its ``label`` and other ``namesakes``), ``Namesakes``, or None.

    A slug or a GSO code is that unit. A name in any spelling, or a folded name nobody has as
    slug ("Vĩnh Phúc", "tinh-binh-dinh"), is a unit only if no other bears it: no guessing."""
    value = (value or "").strip()
    folded = slugify_vi(value)
    if not folded:
        return None
    as_slug = value == folded
    return remember(f"locality-choice:{'slug' if as_slug else 'name'}:{folded}", lambda: _find_locality(folded, as_slug),
                    scopes=())


def _find_locality(folded, as_slug):
    rows = _units_named_like(folded, code=folded if as_slug else None)
    exact = sorted(  # the slug, else the code (held by a unit before and after 2025: today's)
        (unit for unit in rows if as_slug and folded in (unit.slug, unit.code)),
        key=lambda unit: (unit.slug != folded, not unit.is_current()),
    )
    if exact:
        chosen = exact[0]
        name = _name_slug(chosen)
        namesakes = _bearing(rows if name == folded else _units_named_like(name), name)
    else:
        namesakes = _bearing(rows, folded)
        if len(namesakes) > 1:
            shown = namesakes[:NAMESAKES_SHOWN]
            return Namesakes([(locality_label(unit), unit.slug) for unit in shown], len(namesakes) - len(shown))
        if not namesakes:
            return None
        chosen = namesakes[0]
    chosen.label = locality_label(chosen)
    chosen.namesakes = [(locality_label(unit), unit.slug) for unit in namesakes if unit != chosen][:NAMESAKES_SHOWN]
    chosen.lineage_paths  # noqa: B018 - read now, so the cached unit holds it
    return chosen


def _units_named_like(folded, code=None):
    """Units whose slug may come from the name ``folded`` (and the one with ``code``): the slug rule
    (plans/localities.py) starts each slug of a unit named B with B or "<kind>-B", an indexed prefix."""
    bases = {folded, *(folded.removeprefix(f"{kind}-") for kind in KIND_SLUG_PREFIXES if folded.startswith(f"{kind}-"))}
    near = Q(code=code) if code else Q()
    for base in bases:
        near |= Q(slug=base) | Q(slug__startswith=f"{base}-truoc-")
        for kind in KIND_SLUG_PREFIXES:
            near |= Q(slug__startswith=f"{kind}-{base}")
    return list(Locality.objects.select_related("parent__parent").filter(near))


def _bearing(units, folded):
    """The ``units`` whose short or full name is ``folded``, today's and higher levels first."""
    return sorted(
        (unit for unit in units if folded in (_name_slug(unit), slugify_vi(unit.name))),
        key=lambda unit: (not unit.is_current(), unit.level, fold(unit.name), unit.path),
    )


def _name_slug(unit):
    """The short name folded, or the full one for a bare number: "quan-9", never "9"."""
    return slugify_vi(unit.name if unit.short_name.isdigit() else unit.short_name)
