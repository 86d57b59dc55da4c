"""Synthetic plans: who issues them, when, with which number, parts and search text.

Each plan is issued by the People's Committee ("UBND …") of a unit in force on its
issue date: a plan for 2024 (even one signed in December 2023) belongs to the
three-level tree before the reform, a plan of the second half of 2025 or for 2026
to today's provinces and communes. Numbers restart every year for each issuer.
"""

import datetime
from dataclasses import dataclass
from string import Formatter
from zoneinfo import ZoneInfo

from django.utils import timezone

from bench.seed import content
from plans.localities import REFORM_DATE
from plans.models import Agency, Assignment, Channel, ContentGroup, Locality, Plan, normalise_number
from plans.services import plain_text  # the same text refresh_search_text reads from HTML
from publishing.text import fold, slugify_vi

PREFIX = "seed-"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# More units published their plans online year after year.
YEAR_WEIGHTS = {2017: 6, 2018: 7, 2019: 8, 2020: 9, 2021: 10, 2022: 11, 2023: 12, 2024: 12, 2025: 13, 2026: 12}
# Share of the 2025 plans that today's units issued after 1 July 2025 for the rest of the year.
SECOND_HALF_2025 = 0.3
# Plans are mostly signed early in the year; some in December of the year before.
MONTH_WEIGHTS = [30, 20, 15, 8, 5, 4, 3, 3, 3, 3, 3, 3]
PREVIOUS_DECEMBER = 0.1
YEARS = list(YEAR_WEIGHTS)
TOPICS, TOPIC_WEIGHTS = list(content.TOPIC_WEIGHTS), list(content.TOPIC_WEIGHTS.values())
MULTI_YEAR_SHARE = 0.08  # of the plans of 2021 and 2026: "giai đoạn 2021 - 2025", "2026 - 2030"
LEVEL_WEIGHTS = {Locality.Level.PROVINCE: 3, Locality.Level.DISTRICT: 17, Locality.Level.COMMUNE: 80}
# Numbers a unit reaches per day of the year, by level: a province signs many more documents.
NUMBERS_PER_DAY = {Locality.Level.PROVINCE: 0.9, Locality.Level.DISTRICT: 0.5, Locality.Level.COMMUNE: 0.2}
STEERING_COMMITTEE = 0.05  # "KH-BCĐ": signed by the reform steering committee
UNNUMBERED = 0.01
DRAFTS = 0.05
# Plans and articles whose date would fall after now - 1h are spread over this last stretch before it.
RECENT_SPREAD_SECONDS = 3 * 24 * 3600

PLAN_COLUMNS = [
    "id", "agency_id", "locality_id", "number", "number_key", "issue_date", "issue_year", "period_start",
    "period_end", "title", "topic", "purposes", "requirements", "audiences", "legal_basis_notes",
    "reporting_schedule", "signer_name", "signer_position", "slug", "search_text", "created_at", "updated_at",
    "status", "published_at", "withdrawn_reason",
]
AGENCY_COLUMNS = ["id", "name", "kind", "locality_id", "parent_id", "slug"]
GROUP_COLUMNS = ["plan_id", "position", "title", "body"]
ASSIGNMENT_COLUMNS = ["plan_id", "position", "agency_id", "is_lead", "responsibilities"]
CHANNEL_COLUMNS = ["plan_id", "channel_id"]


class FoldedTemplate:
    """A text template and its folded, tag-free form, so folding happens once per template.

    Folding is character by character, so folding a filled template equals filling the
    folded template with folded values.
    """

    def __init__(self, text, rich=False):
        self.text = text
        self.folded = fold(plain_text(text) if rich else text)

    def fill(self, values, folded_values):
        return self.text.format(**values), self.folded.format(**folded_values)


def slug_template(text):
    """``"{Unit} ban hành … năm {year}"`` → ``"{Unit}-ban-hanh-…-nam-{year}"``."""
    parts = []
    for literal, field, _spec, _conversion in Formatter().parse(text):
        parts += [slugify_vi(literal)] if literal else []
        parts += ["{" + field + "}"] if field else []
    return "-".join(part for part in parts if part)


@dataclass
class Unit:
    """A Locality row with the names the generator writes."""

    id: int
    path: str
    name: str
    short_name: str
    level: int
    slug: str
    era: str  # "old" before the 2025 reform, "new" from it
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    parent: "Unit | None" = None

    @property
    def running(self):
        """The name inside a sentence: "Huyện Càng Long" → "huyện Càng Long"."""
        return self.name[:1].lower() + self.name[1:]

    def covers_month(self, first, last):
        return (self.valid_from is None or self.valid_from <= first) and (
            self.valid_until is None or self.valid_until >= last
        )


def load_units():
    units = {
        row[0]: Unit(*row[:6], era="new" if row[6] and row[6] >= REFORM_DATE else "old", valid_from=row[6], valid_until=row[7])
        for row in Locality.objects.order_by("path").values_list(
            "id", "path", "name", "short_name", "level", "slug", "valid_from", "valid_until",
        )
    }
    for unit_id, parent_id in Locality.objects.filter(parent__isnull=False).values_list("id", "parent_id"):
        units[unit_id].parent = units.get(parent_id)
    return units


@dataclass
class PlanDraft:
    """The choices made for one plan before its issuer's agency exists."""

    unit: Unit
    issue_date: datetime.date
    period_start: int
    period_end: int
    topic: str
    title: FoldedTemplate
    published: bool
    assignees: list  # entries of content.ASSIGNEES, the lead unit first


@dataclass
class SeededPlan:
    """What the article generator needs to know about a published plan."""

    id: int
    unit: Unit
    year: int
    number: str
    topic: str
    published_at: datetime.datetime


class PlanGenerator:
    """Builds the rows of ``count`` plans, their issuers and parts, and writes them with ``writer``."""

    def __init__(self, rng, writer, progress):
        self.rng, self.writer, self.progress = rng, writer, progress
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.units = load_units()
        self._candidates = {}
        self.channels = self._load_channels()
        self.titles = {key: [(topic, FoldedTemplate(text)) for topic, text in pool] for key, pool in {
            "year": content.PLAN_TITLES, "second-half": content.SECOND_HALF_TITLES, "period": content.PERIOD_TITLES,
        }.items()}
        self.titles_by_topic = {
            topic: [template for kind, template in self.titles["year"] if kind == topic] for topic in TOPICS
        }
        self.purposes = [FoldedTemplate(text, rich=True) for text in content.PURPOSES]
        self.requirements = [FoldedTemplate(text, rich=True) for text in content.REQUIREMENTS]
        self.audiences = [FoldedTemplate(text) for text in content.AUDIENCES]
        self.schedules = content.REPORTING_SCHEDULES
        self.groups = [(FoldedTemplate(title), FoldedTemplate(body, rich=True)) for title, body in content.CONTENT_GROUPS]
        self.legal_basis_local = FoldedTemplate(content.LEGAL_BASIS_LOCAL)
        self.folded_names = {}
        self.agencies = {}  # (unit id, key) -> (agency id, name, slug)
        self.used_numbers = set()  # (agency id, number key, issue year)
        self.slugs = set()

    def _load_channels(self):
        channels = list(Channel.objects.order_by("position", "name"))
        weights = [content.CHANNEL_WEIGHTS.get(channel.slug, 1) for channel in channels]
        folded = {channel.pk: fold(" ".join([channel.name, *channel.synonym_list])) for channel in channels}
        return channels, weights, folded

    def generate(self, count):
        """Write ``count`` plans with their parts; return the published ones, for the articles."""
        drafts = [self._draft() for _ in range(count)]
        self._create_agencies(drafts)
        first_id = self.writer.reserve_ids(Plan, count)
        published = []
        for start in range(0, count, self.writer.batch_size):
            batch = drafts[start:start + self.writer.batch_size]
            plans, groups, assignments, channels = [], [], [], []
            for plan_id, draft in enumerate(batch, start=first_id + start):
                row, number, published_at = self._plan_row(plan_id, draft, groups, assignments, channels)
                plans.append(row)
                if published_at:
                    published.append(SeededPlan(plan_id, draft.unit, draft.period_start, number, draft.topic, published_at))
            self.writer.write(Plan, PLAN_COLUMNS, plans)
            self.writer.write(ContentGroup, GROUP_COLUMNS, groups)
            self.writer.write(Assignment, ASSIGNMENT_COLUMNS, assignments)
            self.writer.write(Plan.channels.through, CHANNEL_COLUMNS, channels)
            self.progress("plans", start + len(batch), count, len(groups) + len(assignments) + len(channels))
        return published

    # Choosing issuer, dates and title.

    def _draft(self):
        rng = self.rng
        year = min(rng.choices(YEARS, weights=list(YEAR_WEIGHTS.values()))[0], self.today.year)
        period_end, titles = year, "year"
        if year == 2025 and rng.random() < SECOND_HALF_2025:
            titles = "second-half"
            issue_date = datetime.date(2025, 7, 1) + datetime.timedelta(days=rng.randrange(92))
        elif year in (2021, 2026) and rng.random() < MULTI_YEAR_SHARE:
            titles, period_end = "period", year + 4
            issue_date = datetime.date(year, rng.randint(1, 3), rng.randint(1, 28))
        elif rng.random() < PREVIOUS_DECEMBER:
            issue_date = datetime.date(year - 1, 12, rng.randint(10, 31))
        else:
            month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
            issue_date = datetime.date(year, month, rng.randint(1, 28))
        issue_date = min(issue_date, self.today - datetime.timedelta(days=2))
        if titles == "year":  # the topic is drawn first: the pool holds more reform titles than others
            topic = rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]
            title = rng.choice(self.titles_by_topic[topic])
        else:
            topic, title = rng.choice(self.titles[titles])
        unit = self._issuer(issue_date)
        templates = self._assignee_templates(unit)
        return PlanDraft(
            unit=unit, issue_date=issue_date, period_start=year, period_end=period_end, topic=topic, title=title,
            published=rng.random() >= DRAFTS,
            assignees=[templates[0], *rng.sample(templates[1:], rng.randint(2, min(9, len(templates) - 1)))],
        )

    def _issuer(self, issue_date):
        """A unit in force for the whole month of ``issue_date``, at a level chosen by weight."""
        levels = self._units_in_force(issue_date.year, issue_date.month)
        level = self.rng.choices(list(levels), weights=[LEVEL_WEIGHTS.get(level, 1) for level in levels])[0]
        return self.rng.choice(levels[level])

    def _units_in_force(self, year, month):
        key = (year, month)
        if key not in self._candidates:
            first = datetime.date(year, month, 1)
            last = (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
            levels = {}
            for unit in self.units.values():
                if unit.covers_month(first, last):
                    levels.setdefault(unit.level, []).append(unit)
            # A database holding only part of the tree (the tests' few units) still gets plans.
            self._candidates[key] = levels or self._all_levels()
        return self._candidates[key]

    def _all_levels(self):
        levels = {}
        for unit in self.units.values():
            levels.setdefault(unit.level, []).append(unit)
        return levels

    # Issuers and assigned units.

    def _assignee_templates(self, unit):
        return content.ASSIGNEES.get((unit.level, unit.era)) or content.ASSIGNEES.get((unit.level, "old")) or \
            content.ASSIGNEES[(Locality.Level.COMMUNE, "old")]

    def _create_agencies(self, drafts):
        """One "UBND <unit>" per issuing unit and the units its plans assign work to; reuse existing ones."""
        existing = {
            (locality_id, name): (agency_id, slug)
            for agency_id, locality_id, name, slug in Agency.objects.values_list("id", "locality_id", "name", "slug")
        }
        wanted = {}  # (unit id, key) -> (name, kind, parent key, unit)
        for draft in drafts:
            unit = draft.unit
            wanted.setdefault((unit.id, "ubnd"), (f"UBND {unit.running}", Agency.Kind.PEOPLES_COMMITTEE, None, unit))
            for key, name, kind, under_committee, _duty in draft.assignees:
                values = {"unit": unit.running, "short": unit.short_name}
                wanted.setdefault((unit.id, key), (name.format(**values), kind, "ubnd" if under_committee else None, unit))
        new, reused = [], []
        for key, (name, kind, parent, unit) in wanted.items():
            if (unit.id, name) in existing:
                agency_id, slug = existing[(unit.id, name)]
                self.agencies[key] = (agency_id, name, slug)
                reused.append(agency_id)
            else:
                new.append((key, (name, kind, parent, unit)))
        first_id = self.writer.reserve_ids(Agency, len(new)) if new else 0
        for offset, ((unit_id, key), (name, _kind, _parent, unit)) in enumerate(new):
            self.agencies[(unit_id, key)] = (first_id + offset, name, f"{PREFIX}{key}-{unit.slug}"[:255])
        # Reused agencies (the demo's "UBND huyện Càng Long") keep their plans' numbers free.
        self.used_numbers.update(
            Plan.objects.filter(agency_id__in=reused).exclude(number_key="").values_list("agency_id", "number_key", "issue_year")
        )
        rows = [
            (self.agencies[key][0], name, kind, unit.id, self.agencies[(unit.id, parent)][0] if parent else None,
             self.agencies[key][2])
            for key, (name, kind, parent, unit) in new
        ]
        self.writer.write(Agency, AGENCY_COLUMNS, rows)
        self.progress("agencies", len(rows), len(rows), 0)

    # One plan's rows.

    def _plan_row(self, plan_id, draft, groups, assignments, channels):
        rng, unit = self.rng, draft.unit
        agency_id, agency_name, agency_slug = self.agencies[(unit.id, "ubnd")]
        number = self._number(agency_id, unit, draft.issue_date)
        parent = unit.parent or unit
        values = {
            "year": draft.period_start, "prev": draft.period_start - 1, "end": draft.period_end,
            "unit": unit.running, "parent": parent.running,
        }
        folded_values = {**values, "unit": self._fold_name(unit.running), "parent": self._fold_name(parent.running)}
        title, title_folded = draft.title.fill(values, folded_values)
        purposes, purposes_folded = rng.choice(self.purposes).fill(values, folded_values)
        requirements, requirements_folded = rng.choice(self.requirements).fill(values, folded_values)
        audiences, audiences_folded = rng.choice(self.audiences).fill(values, folded_values)
        national = "\n".join(content.LEGAL_BASIS_2021_2030 if draft.period_start >= 2021 else content.LEGAL_BASIS_2011_2020)
        local_basis, local_basis_folded = self.legal_basis_local.fill(values, folded_values)
        folded = [
            fold(number), title_folded, self._fold_name(agency_name), self._fold_name(unit.name),
            self._fold_name(unit.parent.name) if unit.parent else "", purposes_folded, requirements_folded,
            audiences_folded, self._fold_name(national), local_basis_folded,
        ]
        for position, index in enumerate(sorted(rng.sample(range(len(self.groups)), rng.randint(3, 8))), start=1):
            group_title, body = self.groups[index]
            text, text_folded = group_title.fill(values, folded_values)
            body_html, body_folded = body.fill(values, folded_values)
            groups.append((plan_id, position, text, body_html))
            folded += [text_folded, body_folded]
        for channel in self._channels(rng.randint(2, 6)):
            channels.append((plan_id, channel.pk))
            folded.append(self.channels[2][channel.pk])
        for position, (key, _name, _kind, _under, duty) in enumerate(draft.assignees, start=1):
            assignments.append((plan_id, position, self.agencies[(unit.id, key)][0], position == 1, duty))

        published_at = None
        if draft.published:
            signed = datetime.datetime.combine(draft.issue_date, datetime.time(rng.randint(7, 17), rng.randrange(60)), VN)
            published_at = signed + datetime.timedelta(days=rng.randint(0, 20))
            latest = self.now - datetime.timedelta(hours=1)
            if published_at > latest:  # spread over the last days, not all at one instant, still after signing
                room = max(int((latest - signed).total_seconds()), 0)
                published_at = latest - datetime.timedelta(seconds=rng.randrange(min(room, RECENT_SPREAD_SECONDS) + 1))
        created_at = published_at or self.now
        row = (
            plan_id, agency_id, unit.id, number, normalise_number(number), draft.issue_date, draft.issue_date.year,
            draft.period_start, draft.period_end, title, draft.topic, purposes, requirements, audiences,
            f"{national}\n{local_basis}",
            rng.choice(self.schedules).format(year=draft.period_start), self._signer(),
            rng.choice(content.SIGNER_POSITIONS), self._slug(draft.period_start, number, agency_slug),
            " ".join(" ".join(folded).split()), created_at, created_at,
            Plan.Status.PUBLISHED if draft.published else Plan.Status.DRAFT, published_at, "",
        )
        return row, number, published_at

    def _fold_name(self, text):
        if text not in self.folded_names:
            self.folded_names[text] = fold(text)
        return self.folded_names[text]

    def _channels(self, count):
        channels, weights, _ = self.channels
        chosen = set()
        while len(chosen) < min(count, len(channels)):
            chosen.add(self.rng.choices(range(len(channels)), weights=weights)[0])
        return [channels[index] for index in sorted(chosen)]

    def _number(self, agency_id, unit, issue_date):
        """``<n>/KH-UBND``, unique for the issuer in the issue year, growing through the year."""
        rng = self.rng
        if rng.random() < UNNUMBERED:
            return ""
        if rng.random() < STEERING_COMMITTEE:
            n, suffix = rng.randint(1, 12), "KH-BCĐ"
        else:
            day = issue_date.timetuple().tm_yday
            n, suffix = int(day * NUMBERS_PER_DAY.get(unit.level, 0.2) * rng.uniform(0.6, 1.4)) + 1, "KH-UBND"
        while (agency_id, normalise_number(f"{n}/{suffix}"), issue_date.year) in self.used_numbers:
            n += 1
        number = f"{n}/{suffix}"
        self.used_numbers.add((agency_id, normalise_number(number), issue_date.year))
        return number

    def _slug(self, year, number, agency_slug):
        """``seed-2024-15-kh-ubnd-ubnd-cang-long``: as a clerk's plan would read, marked as seeded."""
        agency_part = agency_slug.removeprefix(PREFIX)
        base = PREFIX + slugify_vi(f"{year} {number.replace('/', ' ')} {agency_part}")[:230]
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def _signer(self):
        rng = self.rng
        return f"{rng.choice(content.SURNAMES)} {rng.choice(content.MIDDLE_NAMES)} {rng.choice(content.GIVEN_NAMES)}"

