from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from news.models import Article, Category
        from plans.models import Agency, Assignment, Attachment, Channel, ContentGroup, Locality, Plan, Target
        from portal.cache import bump_content_version

        # Any write that can change a public page invalidates the cached pages (portal.cache).
        for model in (Plan, ContentGroup, Assignment, Target, Attachment, Article, Category, Agency, Channel, Locality):
            post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-delete")
        for through in (Plan.channels.through, Plan.legal_basis_plans.through, Article.plans.through):
            m2m_changed.connect(bump_content_version, sender=through, dispatch_uid=f"bump-{through.__name__}")
