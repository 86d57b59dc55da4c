from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        from news.access import approvers_of_article, article_scope
        from news.models import Article, Category
        from news.month_tally import keep_tallies
        from publishing.access import register_scope
        from publishing.cache import invalidated_by
        from publishing.notices import register_approvers

        invalidated_by(Category)
        invalidated_by(Article, through=[Article.plans.through], scopes=Article.written_scopes)
        keep_tallies()  # after invalidated_by: see its docstring
        register_scope(Article, article_scope)
        register_approvers(Article, approvers_of_article)
