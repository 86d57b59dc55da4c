"""Who was expected to issue a communication plan for a year, and who did.

Expected for year Y: the People's Committee of every unit of the locality tree of Y (the
units in force on 1 January of Y: provinces, districts until the 2025 reform, communes),
and the agencies an administrator marks ``expected_plan`` (a province's departments).

A unit is covered when a published plan on the CCHC topic, issued by it or for its
locality, has a period that includes Y. A marked agency's plans cover that agency, not the
locality it sits in, and a department's plan, marked or not, never stands for the province's own.

Three queries whatever the size (units, marked agencies, plans), kept for the content
version: a publication or a withdrawal is seen at once. The country's figures are kept per
province, so a publication makes only its own province's counted again.
"""

import datetime
from dataclasses import dataclass, field

from plans.models import Agency, Locality, Plan
from plans.models.locality import under_paths
from publishing.cache import shown
from publishing.remember import remember, remember_each

AGENCY_LEVEL = 0  # the level column of a marked agency's row
LEVEL_LABELS = {AGENCY_LEVEL: "Sở, ban, ngành", **dict(Locality.Level.choices)}


def tree_date(year):
    """The day whose units make up the tree of ``year``: a 2025 plan was issued by the units of
    early 2025 (districts included), a 2026 one by the merged provinces and new communes."""
    return datetime.date(year, 1, 1)


@dataclass(frozen=True)
class IssuedPlan:
    slug: str
    number: str
    issue_date: datetime.date | None


@dataclass(frozen=True)
class UnitRow:
    """One expected unit: a locality's People's Committee or a marked agency."""

    name: str
    level: int  # Locality.Level, or AGENCY_LEVEL
    parent_name: str
    path: str
    slug: str
    plan: IssuedPlan | None

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level]

    @property
    def covered(self):
        return self.plan is not None


@dataclass
class AreaRow:
    """A province in the country-wide view: how many of its expected units published."""

    name: str
    slug: str
    path: str
    expected: int = 0
    covered: int = 0

    @property
    def share(self):
        return self.covered / self.expected if self.expected else 0.0


@dataclass
class Coverage:
    year: int
    units: list = field(default_factory=list)  # UnitRow, every expected unit inside the area

    @property
    def expected(self):
        return len(self.units)

    @property
    def covered(self):
        return sum(1 for unit in self.units if unit.covered)

    @property
    def share(self):
        return self.covered / self.expected if self.expected else 0.0

    def missing(self):
        return [unit for unit in self.units if not unit.covered]

    def by_province(self):
        """One row per province of the year's tree, in name order."""
        rows = {unit.path: AreaRow(unit.name, unit.slug, unit.path)
                for unit in self.units if unit.level == Locality.Level.PROVINCE}
        for unit in self.units:
            row = rows.get(unit.path.split("/", 1)[0] + "/")
            if row is not None:
                row.expected += 1
                row.covered += unit.covered
        return sorted(rows.values(), key=lambda row: row.name)


@dataclass
class NationalCoverage:
    """The whole country's coverage, one row per province: what the country-wide pages show, kept
    small (the 10,000 unit rows behind it would cost more to fetch from the cache than to count)."""

    year: int
    provinces: list  # AreaRow

    @property
    def expected(self):
        return sum(row.expected for row in self.provinces)

    @property
    def covered(self):
        return sum(row.covered for row in self.provinces)

    @property
    def share(self):
        return self.covered / self.expected if self.expected else 0.0

    def by_province(self):
        return self.provinces


def coverage(year, area=None):
    """The expected units of ``year`` inside ``area`` (a Locality), each with the plan that covers
    it; for the whole country (``area`` None) a ``NationalCoverage``. A former unit's area is read
    through its successor's lineage: the 2024 coverage of today's Thanh Hóa lists the districts
    and communes of 2024."""
    if area is None:
        return NationalCoverage(year, _province_rows(year))
    return remember(f"coverage:{year}:{area.path}", lambda: _coverage(year, area.lineage_paths),
                    scopes=shown("plans", area.lineage_paths))


def _province_rows(year):
    """One ``AreaRow`` per province of ``year``'s tree, in name order, each kept with its own
    province's scope: a publication in one province counts that province again, not the 10,000
    units of the country (issue #20)."""
    provinces = remember(
        f"coverage:{year}:provinces",
        lambda: list(Locality.objects.current(tree_date(year)).filter(level=Locality.Level.PROVINCE)
                     .values_list("path", flat=True)),
        scopes=(),
    )
    names = {f"coverage:{year}:province:{path}": path for path in provinces}

    def compute(stale):
        paths = [names[name] for name in stale]
        # All of them (the first request of the year, or after a change of units): one pass over the country.
        found = _coverage(year, None if len(paths) == len(names) else paths).by_province()
        by_path = {row.path: row for row in found}
        return {name: by_path.get(names[name]) for name in stale}

    rows = remember_each({name: shown("plans", [path]) for name, path in names.items()}, compute)
    return sorted((row for row in rows.values() if row is not None), key=lambda row: row.name)


def _coverage(year, paths):
    """The ``Coverage`` of the units of ``year``'s tree under ``paths`` (None: the whole country)."""
    units = list(
        Locality.objects.current(tree_date(year)).filter(under_paths(paths))
        .values("pk", "name", "level", "path", "slug", "parent__name").order_by("path")
    )
    known = {unit["pk"] for unit in units}
    agencies = [
        agency for agency in Agency.objects.filter(under_paths(paths, "locality__path"), expected_plan=True)
        .values("pk", "name", "slug", "locality_id", "locality__name", "locality__path").order_by("name")
        if agency["locality_id"] in known
    ]
    # A plan's unit lies inside its issuer's (``Plan.clean``): its unit's path alone says whether
    # it is inside the area, and one condition can use the units' path index (an OR with the
    # issuer's path read the year's plans of the country: 80–120 ms for one province).
    plans = (
        Plan.objects.published().on_topic(Plan.Topic.REFORM).for_year(year)
        .filter(under_paths(paths, "locality__path"))
        .order_by("issue_date", "id")
        .values_list("slug", "number", "issue_date", "locality_id", "agency_id", "agency__locality_id",
                     "agency__expected_plan", "agency__kind")
    )
    by_locality, by_agency = {}, {}
    for slug, number, issued, locality_id, agency_id, agency_locality_id, marked, kind in plans:
        plan = IssuedPlan(slug, number, issued)
        if marked:
            by_agency.setdefault(agency_id, plan)
        elif kind != Agency.Kind.DEPARTMENT:
            # The earliest plan of the year stands for the unit.
            by_locality.setdefault(locality_id, plan)
            by_locality.setdefault(agency_locality_id, plan)
    rows = [
        UnitRow(unit["name"], unit["level"], unit["parent__name"] or "", unit["path"], unit["slug"],
                by_locality.get(unit["pk"]))
        for unit in units
    ]
    rows += [
        UnitRow(agency["name"], AGENCY_LEVEL, agency["locality__name"], agency["locality__path"], agency["slug"],
                by_agency.get(agency["pk"]))
        for agency in agencies
    ]
    return Coverage(year, rows)


def implementation(plan, implementing):
    """For a province or district plan: the units one level below its locality in the plan's
    first year, each with the plan of ``implementing`` (the published plans that name ``plan`` in
    ``legal_basis_plans``) issued by it, and whether that came before the deadline the plan set."""
    if plan.period_start is None or plan.locality.level == Locality.Level.COMMUNE:
        return None
    # One query for both candidate levels: since the 2025 reform a province's next level is the commune.
    below = list(
        Locality.objects.current(tree_date(plan.period_start))
        .filter(path__startswith=plan.locality.path, level__in={plan.locality.level + 1, Locality.Level.COMMUNE})
        .exclude(pk=plan.locality_id).values("pk", "name", "slug", "level").order_by("name")
    )
    next_level = min((unit["level"] for unit in below), default=None)
    children = [unit for unit in below if unit["level"] == next_level]
    rows = []
    for unit in children:
        found = next((p for p in implementing if unit["pk"] in (p.locality_id, p.agency.locality_id)), None)
        rows.append(ImplementationRow(unit["name"], unit["slug"], found, plan.implementation_deadline))
    return rows


@dataclass(frozen=True)
class ImplementationRow:
    name: str
    slug: str
    plan: object  # the implementing Plan, or None
    deadline: datetime.date | None

    @property
    def timeliness(self):
        """"đúng hạn", "trễ hạn", "chưa có" (or "đã ban hành" with no deadline to compare)."""
        if self.plan is None:
            return "chưa có"
        if self.deadline is None or self.plan.issue_date is None:
            return "đã ban hành"
        return "đúng hạn" if self.plan.issue_date <= self.deadline else "trễ hạn"
