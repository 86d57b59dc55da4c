"""The workflow log moved from the project app to the publishing kernel without moving a row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from publishing.models import Transition

BEFORE_THE_MOVE = [("portal", "0002_roles")]


@pytest.mark.django_db(transaction=True)
def test_workflow_log_written_before_the_move_is_read_by_the_kernel_after_it():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_THE_MOVE).apps
    content_types = old_apps.get_model("contenttypes", "ContentType")
    old_transition_type, _ = content_types.objects.get_or_create(app_label="portal", model="transition")
    locality_type = content_types.objects.get_or_create(app_label="plans", model="locality")[0]
    logged = old_apps.get_model("portal", "Transition").objects.create(
        content_type=locality_type, object_id=7, from_status="draft", to_status="submitted", action="submit",
        comment="Kính trình",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Transition.objects.get(pk=logged.pk)
    assert (moved.comment, moved.object_id, moved.to_status) == ("Kính trình", 7, "submitted")
    renamed = content_types.objects.get(pk=old_transition_type.pk)
    assert renamed.app_label == "publishing"
    assert not content_types.objects.filter(app_label="portal", model="transition").exists()
