"""Counts the readers of article pages, including those answered from the page cache."""

from news.view_counts import counted_article, fold_views_if_due, record_view


class ArticleViewMiddleware:
    """Counts a reader's view of an article from the answer, wherever it came from (the view, or the
    page cache without running it; news/view_counts.py), then folds the counts if due, once the
    answer has gone out: a WSGI server closes a response after sending it, and a fold of a
    minute's views (a second or more after a busy minute) then delays no reader.

    It reads only the ``article_viewed`` mark ``news.views.article_detail`` leaves on its answer (kept
    with it in the cache): it must stay above any middleware that may answer from the page cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        article_id = counted_article(request, response)
        if article_id is not None:
            record_view(article_id)
            response._resource_closers.append(fold_views_if_due)
        return response
