"""The read-only API at /api/v1/: plans, articles and the reference lists, as JSON, for machines.

Reads only what the public pages read (``published()``, the archive's ``PlanFilter``, the
news ``ArticleFilter``); nothing outside ``portal/urls.py`` and the settings imports it.
"""
