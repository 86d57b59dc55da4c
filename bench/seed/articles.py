"""Synthetic news: each article reports on one to three published plans of one area."""

import datetime

from django.utils import timezone

from bench.seed import content
from bench.seed.plans import DRAFTS, PREFIX, RECENT_SPREAD_SECONDS, slug_template
from news.models import Article, Category
from plans.models import Plan
from publishing.text import slugify_vi

ARTICLE_COLUMNS = [
    "id", "title", "slug", "summary", "body", "cover_image", "cover_caption", "cover_alt", "author", "source",
    "category_id", "locality_id", "featured", "view_count", "created_at", "updated_at", "status", "published_at",
    "withdrawn_reason",
]
LINK_COLUMNS = ["article_id", "plan_id"]
EXTRA_PLANS = [0, 1, 2]
EXTRA_PLAN_WEIGHTS = [50, 30, 20]
# Plans next to each other, sorted by locality path, are of the same area.
NEIGHBOURHOOD = 6
FEATURED = 0.01
MAX_DELAY_DAYS = 300  # articles report on a plan from its publication to the year's end
SLUG_LENGTH = 180
CATEGORY_WEIGHTS = {  # by the topic of the plan reported on
    Plan.Topic.REFORM: {"cai-cach-hanh-chinh": 45, "hoat-dong-dia-phuong": 35, "chuyen-doi-so": 12, "kiem-soat-tthc": 8},
    Plan.Topic.PROCEDURE_CONTROL: {"kiem-soat-tthc": 60, "cai-cach-hanh-chinh": 20, "hoat-dong-dia-phuong": 20},
    Plan.Topic.OTHER: {"chuyen-doi-so": 60, "hoat-dong-dia-phuong": 40},
}


class ArticleGenerator:
    """Builds ``count`` articles about ``plans`` and writes them and their links with ``writer``."""

    def __init__(self, rng, writer, progress):
        self.rng, self.writer, self.progress = rng, writer, progress
        self.now = timezone.now()
        categories = {category.slug: category.pk for category in Category.objects.all()}
        titles = {}
        for slug, text in content.ARTICLE_TITLES:
            if slug in categories:
                titles.setdefault(categories[slug], []).append((text, slug_template(text)))
        # Any other category takes the reform titles, so every category gets articles.
        for category_id in categories.values():
            titles.setdefault(category_id, [(text, slug_template(text)) for _, text in content.ARTICLE_TITLES[:5]])
        self.titles = titles
        self.category_weights = {
            topic: ([categories[slug] for slug in weights if slug in categories] or list(categories.values()),
                    [weight for slug, weight in weights.items() if slug in categories] or None)
            for topic, weights in CATEGORY_WEIGHTS.items()
        }
        self.unit_slugs = {}

    def generate(self, count, plans):
        if not count:
            return
        if not plans:
            raise ValueError("Articles need published plans to report on.")
        plans = sorted(plans, key=lambda plan: (plan.unit.path, plan.year, plan.id))
        first_id = self.writer.reserve_ids(Article, count)
        chunk = self.writer.batch_size * 4
        for start in range(0, count, chunk):
            size = min(chunk, count - start)
            articles, links = [], []
            for article_id in range(first_id + start, first_id + start + size):
                articles.append(self._article(article_id, plans, links))
            self.writer.write(Article, ARTICLE_COLUMNS, articles)
            self.writer.write(Article.plans.through, LINK_COLUMNS, links)
            self.progress("articles", start + size, count, len(links))

    def _article(self, article_id, plans, links):
        rng = self.rng
        index = rng.randrange(len(plans))
        plan = plans[index]
        linked = {index}
        for _ in range(rng.choices(EXTRA_PLANS, weights=EXTRA_PLAN_WEIGHTS)[0]):
            neighbour = min(max(index + rng.randint(-NEIGHBOURHOOD, NEIGHBOURHOOD), 0), len(plans) - 1)
            linked.add(neighbour)
        links += [(article_id, plans[i].id) for i in sorted(linked)]

        unit = plan.unit
        values = {"Unit": unit.name, "unit": unit.running, "year": plan.year, "prev": plan.year - 1, "number": plan.number}
        category_ids, weights = self.category_weights.get(plan.topic, self.category_weights[Plan.Topic.REFORM])
        category_id = rng.choices(category_ids, weights=weights)[0]
        title, title_slug = rng.choice(self.titles[category_id])
        summaries = content.ARTICLE_SUMMARIES if plan.number else content.ARTICLE_SUMMARIES[1:]
        body = "".join(f"<p>{text.format(**values)}</p>" for text in rng.sample(content.ARTICLE_PARAGRAPHS, 3))
        slug_values = {"Unit": self._unit_slug(unit), "unit": self._unit_slug(unit), "year": plan.year}
        slug = f"{PREFIX}{title_slug.format(**slug_values)[:SLUG_LENGTH].rstrip('-')}-{article_id}"

        draft = rng.random() < DRAFTS
        published_at = None
        if not draft:
            delay = datetime.timedelta(minutes=rng.randrange(MAX_DELAY_DAYS * 24 * 60))
            published_at = plan.published_at + delay
            latest = self.now - datetime.timedelta(hours=1)
            if published_at > latest:
                # Not all at one instant (a recent plan's articles would otherwise share ``latest``):
                # spread over the last days, still after the plan's publication and in the past.
                room = max(int((latest - plan.published_at).total_seconds()), 0)
                published_at = latest - datetime.timedelta(seconds=rng.randrange(min(room, RECENT_SPREAD_SECONDS) + 1))
        created_at = published_at or self.now
        return (
            article_id, title.format(**values), slug, rng.choice(summaries).format(**values), body, "", "", "",
            rng.choice(content.AUTHORS), rng.choice(content.ARTICLE_SOURCES).format(**values), category_id, unit.id,
            not draft and rng.random() < FEATURED, 0 if draft else int(rng.paretovariate(1.2) * 40),
            created_at, created_at, Article.Status.DRAFT if draft else Article.Status.PUBLISHED, published_at, "",
        )

    def _unit_slug(self, unit):
        if unit.id not in self.unit_slugs:
            self.unit_slugs[unit.id] = slugify_vi(unit.name)
        return self.unit_slugs[unit.id]
