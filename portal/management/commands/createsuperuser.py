"""Django's createsuperuser, with the password validators applied to DJANGO_SUPERUSER_PASSWORD too.

Django checks a typed password, but with ``--noinput`` it takes the environment's password as
it is: ``12345678`` would become the superuser's password.
"""

import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

PASSWORD_VARIABLE = "DJANGO_SUPERUSER_PASSWORD"


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get(PASSWORD_VARIABLE)
        if not options["interactive"] and password is not None:
            self.validate_environment_password(password, options)
        return super().handle(*args, **options)

    def validate_environment_password(self, password, options):
        """Refuse the password before anything is created, judged against the user's name and
        e-mail as they will be saved (from the options, or the environment as Django reads them)."""
        names = (self.UserModel.USERNAME_FIELD, *self.UserModel.REQUIRED_FIELDS)
        values = {name: options.get(name) or os.environ.get(f"DJANGO_SUPERUSER_{name.upper()}") for name in names}
        user = self.UserModel(**{name: value for name, value in values.items() if value})
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(f"{PASSWORD_VARIABLE}: {' '.join(error.messages)}") from None
