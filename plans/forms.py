"""Form fields the plan admin shares."""

from django import forms

from plans.models import plain_number


class PlainDecimalField(forms.DecimalField):
    """Shows a stored decimal as people write it: ``11`` rather than ``11.00``, ``12.5`` rather than ``12.50``."""

    def prepare_value(self, value):
        if value in self.empty_values or isinstance(value, str):
            return value  # what the user typed, shown back as typed
        return plain_number(value)
