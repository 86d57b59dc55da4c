"""Template tags other apps' pages use to show news: plans stay unaware of articles."""

from django import template

from news.selectors import news_about_plan

register = template.Library()


@register.inclusion_tag("includes/plan_news.html")
def plan_news(plan):
    """The newest published articles about ``plan``, with a link to the rest when there are more."""
    articles, more = news_about_plan(plan)
    return {"plan": plan, "articles": articles, "more_articles": more}
