"""The WSGI application gunicorn serves.

In production the static files are served by their hashed names from the manifest that
``collectstatic`` writes; without it every page would answer 500, so the process refuses to
start instead, naming the command to run. (Checked here, not in an AppConfig: ``collectstatic``
itself must start without the manifest.)
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()


def _require_static_manifest():
    from django.conf import settings
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    if not settings.PRODUCTION or not isinstance(staticfiles_storage, ManifestFilesMixin):
        return
    if not staticfiles_storage.manifest_storage.exists(staticfiles_storage.manifest_name):
        raise ImproperlyConfigured(
            f"The static files are not collected (no {staticfiles_storage.manifest_name} in {settings.STATIC_ROOT}): "
            "run `python manage.py collectstatic --noinput` before starting the server."
        )


_require_static_manifest()
