from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project's own app: settings, root URLs, home page, roles, the demo loaders."""

    name = "portal"
    verbose_name = "Cổng thông tin"
