"""The publishing kernel: what plans and articles share, importing no app of ours.

Publishable items and their workflow, who may see what (a registry each app fills
in), the public-page cache and what invalidates it (a registry too), shared admin
behaviour, revision history, filter fields, pagination, JSON-LD, uploads, rich text
and Vietnamese text helpers. Apps build on it; it never imports them.
"""
