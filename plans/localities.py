"""Build and upsert the administrative units (``Locality`` rows) from official lists.

Three sources, always imported together:

* today's units, in force from 1 July 2025: the installed ``vietnam-provinces``
  package (2025.10.1), 34 provinces and 3,321 communes directly under them;
* the pre-reform units, in force until 30 June 2025: ``data/localities_pre2025.json``
  (63 provinces, 696 districts, 10,051 communes, converted once from
  ``vietnam-provinces`` 0.6.0 by ``scripts/convert_pre2025_localities.py``) and
  ``data/province_successors_2025.json`` (former province -> today's province);
* ``data/historical_localities.json``: a few older units written by hand (Quận 9).

``path`` is the natural key: ``N01/``, ``N01/N00070/`` for today's tree,
``O62/O611/O23515/`` for the pre-2025 tree, ``O79/H-quan-9/`` for hand-written
units. Rows missing from the data are never deleted (plans may point at them),
and a successor is only written where the data names one, so a successor set
by hand on a district or commune survives a re-import. The rows are written in bulk, which
sends no signal: an import that changes anything invalidates the cached pages and lookups
itself (``publishing.cache.invalidate``).

Slugs are computed from the data alone, in a fixed order (today's provinces,
today's communes, former provinces, former districts, former communes, hand
fixture; each by code), so they do not depend on which rows already exist. Only
slugs held by rows that are not in the data (added by hand) are avoided. The
first free candidate wins:

1. the short name ("da-nang", "cang-long"); a bare number takes the full name
   ("quan-9", "phuong-1"), never "9";
2. the full name ("huyen-cang-long", "xa-tan-thanh");
3. the full name and the parent's short name ("xa-tan-thanh-tan-chau");
4. for units no longer in force, (1) or (3) with "-truoc-2025";
5. the last candidate with the GSO code appended.

Former provinces skip (2): a former province whose short name is taken by
today's unit is "<short name>-truoc-2025" ("quang-ngai-truoc-2025",
"da-nang-truoc-2025"), because "tinh-quang-ngai" would not tell a reader which of
the two Quảng Ngãi provinces the address means.
"""

import datetime
import json
import time
from dataclasses import dataclass
from pathlib import Path

import vietnam_provinces
from django.db import transaction

from plans.models import Locality
from publishing.cache import invalidate
from publishing.text import slugify_vi

DATA_DIR = Path(__file__).resolve().parent / "data"
REFORM_DATE = datetime.date(2025, 7, 1)
PRE2025_UNTIL = datetime.date(2025, 6, 30)
BATCH_SIZE = 500
CODE_WIDTH = {Locality.Level.PROVINCE: 2, Locality.Level.DISTRICT: 3, Locality.Level.COMMUNE: 5}
OLD_SUFFIX = "-truoc-2025"

Kind = Locality.Kind
# One table per level: "Thành phố" is a central city at level 1 but a city
# under a province at level 2.
PREFIXES = {
    Locality.Level.PROVINCE: [("Tỉnh", Kind.PROVINCE), ("Thành phố", Kind.CENTRAL_CITY)],
    Locality.Level.DISTRICT: [
        ("Huyện", Kind.RURAL_DISTRICT), ("Quận", Kind.URBAN_DISTRICT),
        ("Thị xã", Kind.DISTRICT_TOWN), ("Thành phố", Kind.PROVINCIAL_CITY),
    ],
    Locality.Level.COMMUNE: [
        ("Xã", Kind.COMMUNE), ("Phường", Kind.WARD), ("Thị trấn", Kind.TOWNSHIP), ("Đặc khu", Kind.SPECIAL_ZONE),
    ],
}
# division_type in the 2025.10.1 data is precise, so today's kinds come from it.
CURRENT_KINDS = {
    "tỉnh": Kind.PROVINCE, "thành phố trung ương": Kind.CENTRAL_CITY,
    "xã": Kind.COMMUNE, "phường": Kind.WARD, "đặc khu": Kind.SPECIAL_ZONE,
}
PREFIX_OF_KIND = {kind: prefix for table in PREFIXES.values() for prefix, kind in table}

# Fields the import owns, compared to decide whether an existing row changes.
SYNCED_FIELDS = ["name", "short_name", "kind", "level", "code", "parent_id", "valid_from", "valid_until", "slug"]


@dataclass
class Unit:
    """One desired ``Locality`` row, before it is written."""

    path: str
    name: str
    short_name: str
    kind: str
    level: int
    code: str
    parent_path: str | None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    successor_path: str | None = None
    slug: str = ""

    @property
    def depth(self):
        return self.path.count("/")


@dataclass
class ImportResult:
    """Counts for the command's one-line summary."""

    created: int
    updated: int
    unchanged: int
    seconds: float

    def __str__(self):
        return (
            f"Địa bàn hành chính: {self.created} tạo mới, {self.updated} cập nhật, "
            f"{self.unchanged} không đổi ({self.seconds:.1f} giây)."
        )


def split_name(name, level):
    """``("Huyện Càng Long", 2)`` → ``("huyen", "Càng Long")``; the kind comes from the prefix."""
    for prefix, kind in PREFIXES[level]:
        if name.startswith(prefix + " "):
            return kind, name[len(prefix) + 1:]
    raise ValueError(f"No known kind prefix in {name!r} (level {level})")


def pad(code, level):
    return str(code).zfill(CODE_WIDTH[level])


def _load_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def current_units():
    """Today's tree: 34 provinces and their communes, valid from 1 July 2025."""
    data = _load_json(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH)
    provinces, communes = [], []
    for item in sorted(data, key=lambda p: p["code"]):
        kind = CURRENT_KINDS[item["division_type"]]
        name = " ".join(item["name"].split())
        prefix = PREFIX_OF_KIND[kind]
        # The package drops "Tỉnh" but keeps "Thành phố": restore the official name.
        if not name.startswith(prefix + " "):
            name = f"{prefix} {name}"
        code = pad(item["code"], Locality.Level.PROVINCE)
        province = Unit(
            path=f"N{code}/", name=name, short_name=name[len(prefix) + 1:], kind=kind,
            level=Locality.Level.PROVINCE, code=code, parent_path=None, valid_from=REFORM_DATE,
        )
        provinces.append(province)
        for ward in item["wards"]:
            kind = CURRENT_KINDS[ward["division_type"]]
            # Some names have doubled spaces ("Xã  Phú Hữu").
            name = " ".join(ward["name"].split())
            prefix = PREFIX_OF_KIND[kind]
            if not name.startswith(prefix + " "):
                raise ValueError(f"{name!r} does not start with {prefix!r}")
            code = pad(ward["code"], Locality.Level.COMMUNE)
            communes.append(Unit(
                path=f"{province.path}N{code}/", name=name, short_name=name[len(prefix) + 1:], kind=kind,
                level=Locality.Level.COMMUNE, code=code, parent_path=province.path, valid_from=REFORM_DATE,
            ))
    return provinces + sorted(communes, key=lambda u: u.code)


def pre2025_units():
    """The pre-reform tree (until 30 June 2025), former provinces pointing at today's."""
    successor_of = {
        former: new for former, _name, new, _new_name in _load_json(DATA_DIR / "province_successors_2025.json")["successors"]
    }
    by_level = {level: [] for level in CODE_WIDTH}

    def add(code, name, level, parent):
        code = pad(code, level)
        kind, short_name = split_name(name, level)
        parent_path = parent.path if parent else None
        unit = Unit(
            path=f"{parent_path or ''}O{code}/", name=name, short_name=short_name, kind=kind,
            level=level, code=code, parent_path=parent_path, valid_until=PRE2025_UNTIL,
        )
        by_level[level].append(unit)
        return unit

    for p_code, p_name, districts in _load_json(DATA_DIR / "localities_pre2025.json")["provinces"]:
        province = add(p_code, p_name, Locality.Level.PROVINCE, None)
        if p_code not in successor_of:
            raise ValueError(f"Former province {p_name} has no successor in province_successors_2025.json")
        province.successor_path = f"N{pad(successor_of[p_code], Locality.Level.PROVINCE)}/"
        for d_code, d_name, communes in districts:
            district = add(d_code, d_name, Locality.Level.DISTRICT, province)
            for c_code, c_name in communes:
                add(c_code, c_name, Locality.Level.COMMUNE, district)
    return [unit for level in sorted(by_level) for unit in sorted(by_level[level], key=lambda u: u.code)]


def historical_units():
    """Hand-written older units (Quận 9 and its Phường Phú Hữu)."""
    units = []
    for item in _load_json(DATA_DIR / "historical_localities.json")["units"]:
        kind, short_name = split_name(item["name"], item["level"])
        if kind != item["kind"]:
            raise ValueError(f"{item['name']!r}: kind {item['kind']!r} does not match its name")
        units.append(Unit(
            path=item["path"], name=item["name"], short_name=short_name, kind=kind, level=item["level"],
            code=item["code"], parent_path=item["parent"],
            valid_from=_date(item["valid_from"]), valid_until=_date(item["valid_until"]),
            successor_path=item["successor"],
        ))
    return sorted(units, key=lambda u: (u.level, u.code))


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def all_units():
    """Every desired row, in the fixed order that decides slug priority."""
    units = current_units() + pre2025_units() + historical_units()
    started = {item["path"]: _date(item["valid_from"]) for item in _load_json(DATA_DIR / "historical_localities.json")["started"]}
    for unit in units:
        if unit.path in started:
            unit.valid_from = started.pop(unit.path)
    if started:
        raise ValueError(f"historical_localities.json starts units that do not exist: {sorted(started)}")
    return units


def _own_label(unit):
    """Short name, or the full name when the short one is a bare number ("Quận 9")."""
    return unit.name if unit.short_name.isdigit() else unit.short_name


def slug_candidates(unit, parent):
    """Slugs to try for ``unit``, best first (see the module docstring)."""
    own = slugify_vi(_own_label(unit))
    full = slugify_vi(unit.name)
    former = unit.valid_until is not None
    if parent is None:
        candidates = [own, own + OLD_SUFFIX] if former else [own, full]
    else:
        with_parent = slugify_vi(f"{unit.name} {_own_label(parent)}")
        candidates = [own, full, with_parent]
        if former:
            candidates += [own + OLD_SUFFIX, with_parent + OLD_SUFFIX]
    if unit.code:
        candidates.append(f"{candidates[-1]}-{unit.code}")
    return candidates


def assign_slugs(units, reserved=()):
    """Give each unit the first free candidate slug; ``units`` must be in priority order."""
    taken = set(reserved)
    by_path = {unit.path: unit for unit in units}
    for unit in units:
        candidates = slug_candidates(unit, by_path.get(unit.parent_path))
        slug = next((c for c in candidates if c not in taken), None)
        number = 2
        while slug is None or slug in taken:  # only if two units share a name, parent and code
            slug = f"{candidates[-1]}-{number}"
            number += 1
        unit.slug = slug
        taken.add(slug)
    return units


@transaction.atomic
def import_localities():
    """Create or update every unit and invalidate the cache if any changed; return the counts.

    Running it twice changes nothing.
    """
    started = time.monotonic()
    units = all_units()
    wanted = {unit.path for unit in units}
    if len(wanted) != len(units):
        raise ValueError("Two units in the data share a path")
    existing = {row.path: row for row in Locality.objects.all()}
    assign_slugs(units, reserved={row.slug for path, row in existing.items() if path not in wanted})

    ids = {path: row.pk for path, row in existing.items()}
    rows, changed, created = {}, {}, []
    _release_changed_slugs(units, existing)
    for depth in sorted({unit.depth for unit in units}):
        new_rows = []
        for unit in (u for u in units if u.depth == depth):
            values = _row_values(unit, ids)
            row = existing.get(unit.path)
            if row is None:
                row = Locality(path=unit.path, **values)
                new_rows.append(row)
            elif any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                changed[unit.path] = row
            rows[unit.path] = row
        # Parents first: the next depth needs these ids.
        Locality.objects.bulk_create(new_rows, batch_size=BATCH_SIZE)
        if any(row.pk is None for row in new_rows):  # backends without RETURNING
            fresh = dict(Locality.objects.filter(path__in=[r.path for r in new_rows]).values_list("path", "pk"))
            for row in new_rows:
                row.pk = fresh[row.path]
        ids.update((row.path, row.pk) for row in new_rows)
        created += new_rows

    # Successors point across trees (former province -> today's), so they can
    # only be set once every row has an id.
    successor_rows = []
    for unit in units:
        if unit.successor_path is None:
            continue
        if unit.successor_path not in ids:
            raise ValueError(f"{unit.name}: successor {unit.successor_path} is not a known unit")
        row = rows[unit.path]
        if row.successor_id != ids[unit.successor_path]:
            row.successor_id = ids[unit.successor_path]
            if unit.path in existing:
                changed[unit.path] = row
            else:
                successor_rows.append(row)
    Locality.objects.bulk_update(successor_rows, ["successor"], batch_size=BATCH_SIZE)
    Locality.objects.bulk_update(
        list(changed.values()), [f.removesuffix("_id") for f in SYNCED_FIELDS] + ["successor"], batch_size=BATCH_SIZE
    )
    if created or changed:
        invalidate()
    return ImportResult(
        created=len(created), updated=len(changed),
        unchanged=len(units) - len(created) - len(changed), seconds=time.monotonic() - started,
    )


def _row_values(unit, ids):
    return {
        "name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "level": unit.level,
        "code": unit.code, "parent_id": ids[unit.parent_path] if unit.parent_path else None,
        "valid_from": unit.valid_from, "valid_until": unit.valid_until, "slug": unit.slug,
    }


def _release_changed_slugs(units, existing):
    """Park the slugs that move to another row, so a swap cannot hit the unique index.

    Only happens when the data or the slug rule changes; unique checks are per
    row on PostgreSQL, so two rows exchanging slugs in one UPDATE would fail.
    """
    moving = [existing[u.path] for u in units if u.path in existing and existing[u.path].slug != u.slug]
    for row in moving:
        row.slug = f"tam-{row.pk}-doi-slug"
    Locality.objects.bulk_update(moving, ["slug"], batch_size=BATCH_SIZE)
