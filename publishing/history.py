"""The revision history of plans and articles (django-reversion).

Every save through the admin, and every workflow step, is a revision: the item with
its followed parts (a plan's content groups, assignments, targets and attachments),
its many-to-many lists, the user and a comment. ``HistoryAdminMixin`` gives the
admin's history, compare and restore pages their scoping and their rules;
``published_revision_dates`` is what the public page reads.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import router
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.utils import timezone
from reversion import create_revision, get_comment, is_registered, set_comment
from reversion.models import Version
from reversion_compare.helpers import html_diff

from publishing.admin import WORKFLOW_FIELDS
from publishing.models import Status

# How a Django-serialized version spells the status of an item saved while published.
PUBLISHED_IN_VERSION = f'"status": "{Status.PUBLISHED}"'


def published_revision_dates(item, limit=5):
    """When ``item`` was saved while it was public, newest first: at most ``limit`` dates, one query.

    A revision counts when its stored copy says "published" and it was saved once
    the publication time had come (edits to a scheduled item were not public yet).
    """
    if item.published_at is None:
        return []
    model = type(item)
    # The content type by join, not by id: no extra query when its cache is cold.
    versions = Version.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        db=router.db_for_write(model),
        object_id=str(item.pk),
        serialized_data__contains=PUBLISHED_IN_VERSION,
        revision__date_created__gte=item.published_at,
    )
    return list(versions.order_by("-revision__date_created").values_list("revision__date_created", flat=True)[:limit])


def last_public_change(item):
    """When the public page last changed: its last save, or its publication if that came later (scheduled)."""
    return max(filter(None, [item.updated_at, item.published_at]))


class HistoryAdminMixin:
    """For a CompareVersionAdmin of a Publishable model: history, compare and restore pages
    that answer 404 outside the user's scope, a restore that brings back content but never
    the workflow state, and no "recover deleted" list (only never-published drafts are
    deleted, and the list would show every unit's)."""

    # Stays as it is now whatever version is restored: a restore brings back content, not publication.
    restore_keeps = WORKFLOW_FIELDS
    # VersionAdmin's list template links to the recover list this admin does not have.
    change_list_template = None

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        dropped = {f"{info}_recoverlist", f"{info}_recover"}
        return [url for url in super().get_urls() if getattr(url, "name", None) not in dropped]

    def history_view(self, request, object_id, extra_context=None):
        self.get_object(request, unquote(object_id))  # 404 out of scope, before any version is read
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        # reversion-compare fetches the object unscoped: check scope and permission first.
        item = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        return super().compare_view(request, object_id, {"title": f"So sánh phiên bản: {item}", **(extra_context or {})})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show a past version in the change form (GET) and restore it (POST).

        The rights are those of changing the item as it is now (an officer cannot
        restore a published plan); the version must be one of this item's (reversion
        looks it up by object id only, whatever the model).
        """
        item = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(item), pk=version_id)
        others = version.revision.version_set.filter(content_type=version.content_type).exclude(pk=version.pk)
        if others.exists():
            # reversion restores a whole revision: one shared with other items would restore them too.
            raise PermissionDenied
        if "_saveasnew" in request.POST:
            # Would commit the reverted row as is (no form save puts the workflow state back).
            raise PermissionDenied
        # reversion reverts the whole row, workflow fields included, then runs the change form
        # on it in the same transaction; get_object puts these values back on the object that
        # form shows, checks and saves, so the restored row keeps today's state.
        request.history_restore_keeps = (item.pk, {name: getattr(item, name) for name in self.restore_keeps})
        # An outer revision lets us word the comment (reversion's is English); it records
        # nothing by itself, so the reverted rows are versioned once, by the form's save.
        with create_revision(manage_manually=True):
            context = {"title": f"Khôi phục phiên bản: {item}", **(extra_context or {})}
            response = super().revision_view(request, object_id, version_id, context)
            if get_comment():  # set only when the restored version was saved
                saved_at = format_date(timezone.localtime(version.revision.date_created), "d/m/Y H:i")
                set_comment(f"Khôi phục phiên bản lưu lúc {saved_at}.")
        return response

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        kept = getattr(request, "history_restore_keeps", None)
        if obj is not None and kept and kept[0] == obj.pk:
            for name, value in kept[1].items():
                setattr(obj, name, value)
        return obj

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        # reversion-compare skips lists of unversioned models (a plan's channels), though
        # each version stores their ids: show what was added and removed.
        for field in obj._meta.many_to_many:
            if is_registered(field.related_model) or field.name in (self.compare_exclude or ()):
                continue
            before, after = (set(version.field_dict.get(field.attname) or ()) for version in (version1, version2))
            if before == after:
                continue
            diff.append({"field": field, "is_related": True, "follow": True, "diff": render_to_string(
                "reversion-compare/compare_generic_many_to_many.html",
                {"change_info": list_change_info(field.related_model, before, after)},
            )})
        # reversion-compare calls a foreign key changed whenever anything else changed
        # (it compares whole versions): keep those whose id did change.
        diff = [entry for entry in diff if not same_foreign_key(entry["field"], version1, version2)]
        for entry in diff:
            # A part list (a reverse relation) has no verbose name of its own: name it by its model.
            field = entry["field"]
            entry["label"] = getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
        return diff, has_unfollowed_fields

    def compare_ManyToOneRel(self, obj_compare):
        """A followed part list (content groups...): each changed part with the diff of its changed fields."""
        change_info = obj_compare.get_m2o_change_info()
        changed = [
            (new, part_field_diffs(old, new, type(obj_compare.obj))) for old, new in change_info["changed_items"]
        ]
        return render_to_string("reversion-compare/compare_parts.html", {"change_info": change_info, "changed": changed})


def same_foreign_key(field, version1, version2):
    if not (field.concrete and field.many_to_one):
        return False
    return version1.field_dict.get(field.attname) == version2.field_dict.get(field.attname)


def list_change_info(model, before, after):
    """What reversion-compare's list template shows, for two sets of ids of ``model``."""
    names = {row.pk: str(row) for row in model._base_manager.filter(pk__in=before | after)}

    def named(pks):
        return sorted(names.get(pk, f"#{pk}") for pk in pks)

    return {"removed_items": named(before - after), "added_items": named(after - before), "same_items": named(before & after)}


def part_field_diffs(old, new, parent_model):
    """(label, html diff) for each field of a part that differs between two of its versions."""
    before, after = old._object_version.object, new._object_version.object
    rows = []
    for field in old._model._meta.concrete_fields:
        if field.primary_key or field.related_model is parent_model:
            continue
        if field.value_from_object(before) != field.value_from_object(after):
            rows.append((field.verbose_name, html_diff(_shown(before, field), _shown(after, field))))
    return rows


def _shown(obj, field):
    if field.is_relation:
        try:
            return str(getattr(obj, field.name) or "")
        except ObjectDoesNotExist:
            return ""
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    value = field.value_from_object(obj)
    return "" if value is None else str(value)
