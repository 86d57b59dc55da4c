from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def partial(name, **context):
    """The Jinja2 template ``name`` rendered with ``context`` (see ``publishing.partials``); Jinja2
    has escaped what it put in, so the result goes in as it is."""
    return mark_safe(engines["jinja2"].get_template(name).render(context))  # noqa: S308
