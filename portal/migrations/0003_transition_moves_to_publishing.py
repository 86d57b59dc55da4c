"""Transition now belongs to the publishing kernel: it leaves this app's state, its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_roles")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Transition")]),
    ]
