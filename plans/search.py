"""Accent-insensitive search over a plan's folded ``search_text``.

On PostgreSQL a query is a full-text match against the words of ``search_text``,
served by the GIN index of migration 0006 (which spells out the same expression):
every query word must begin a word of the plan, and a word written with
punctuation (``11/KH-UBND``) must appear as that sequence. PostgreSQL keeps
statistics on those words, so a common word ("cai cach") walks the archive's order
index and stops after a page, while a rare one reads its few matches off the index.

Elsewhere (SQLite, the embedded default) every query word must be a substring of
``search_text``: slower on a large archive, the same answer for whole words.
"""

import re

from django.db import connections
from django.db.models import BooleanField, F, Func, Value

from publishing.text import fold

# A generated column beside search_text, with its GIN index: plans/migrations/0006_plan_search_words.py.
WORDS_COLUMN = '"search_words"'
TOKEN = re.compile(r"[a-z0-9]+")


def query_words(query, limit):
    """The folded, whitespace-separated words of ``query`` a search uses: the first ``limit``."""
    return fold(query).split()[:limit]


def tsquery(words):
    """A ``to_tsquery`` text for ``words``, or "" when no word has a letter or digit.

    ``cai cach`` → ``cai:* & cach:*``; ``11/kh-ubnd`` → ``11 <-> kh <-> ubnd:*``.
    Only ``[a-z0-9]`` tokens reach it, so no input can inject query syntax.
    """
    terms = []
    for word in words:
        tokens = TOKEN.findall(word)
        if tokens:
            terms.append(" <-> ".join([*tokens[:-1], tokens[-1] + ":*"]))
    return " & ".join(f"({term})" for term in terms)


class WordsMatch(Func):
    """The plan's ``search_words`` match a ``to_tsquery`` text (PostgreSQL only).

    Django does not know the column, so it is reached through ``search_text``: same
    table, whatever alias the query gives it.
    """

    output_field = BooleanField()

    def __init__(self, query):
        super().__init__(F("search_text"), Value(query))

    def as_sql(self, compiler, connection, **extra_context):
        (text_sql, text_params), (query_sql, query_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        column = connection.ops.quote_name("search_text")
        if text_params or not text_sql.endswith(column):
            raise ValueError(f"search_text compiled to an unexpected {text_sql!r}")
        words = text_sql[: -len(column)] + WORDS_COLUMN
        return f"{words} @@ to_tsquery('simple'::regconfig, {query_sql})", query_params


def search(queryset, query, limit):
    """``queryset`` narrowed to plans with the first ``limit`` words of ``query`` (see above)."""
    words = query_words(query, limit)
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        text = tsquery(words)
        return queryset.filter(WordsMatch(text)) if text else queryset.none()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
