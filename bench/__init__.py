"""``make bench``: the benchmark driver (``run.py``), the synthetic archive it measures
(``seed/``, written by ``manage.py seed_benchmark``) and the pages it measures (``pages.py``)."""

# A reader's browser: the article page counts the views of readers, not of bots.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) cchc-bench"
