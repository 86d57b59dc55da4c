from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Quy trình công bố"


class PortalAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the portal's site (see ``publishing.site``)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "publishing.site.PortalAdminSite"
