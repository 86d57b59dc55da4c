"""A file once accepted survives a failed save.

When an admin form is sent back with an error elsewhere (a missing title, another row, the
plan itself), the browser forgets the file the author picked. An upload that passed its own
checks is therefore kept in private storage (``tmp/uploads/`` of the default storage, never
served: only ``/media/news/`` is) under an unguessable token; the form is shown again with
"Đã chọn: <tên tệp>" and the token in a hidden input, and the next save uses the kept file,
checked again like a fresh upload, without picking it again.

The token is bound to the user who uploaded it: anyone else who sends it gets nothing, as
if no file had been chosen. Only a hash of the token names the stored file, so a listing of
the storage gives no usable token. A kept file is deleted once its form is saved, and any
kept file older than KEPT_UPLOAD_LIFETIME (the longest staff session) is deleted whenever a
new one is kept.
"""

import datetime
import hashlib
import json
import re
import secrets
from pathlib import PurePosixPath

from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.html import format_html

KEPT_UPLOADS_DIR = "tmp/uploads"
KEPT_UPLOAD_LIFETIME = datetime.timedelta(hours=12)
KEPT_SUFFIX = "_kept"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def _stem(token):
    """Where the file kept under ``token`` is (``<stem>``) and its description (``<stem>.json``)."""
    return f"{KEPT_UPLOADS_DIR}/{hashlib.sha256(token.encode()).hexdigest()}"


def keep_upload(upload, *, user_pk):
    """Store ``upload`` for ``user_pk``'s next save; return the token that claims it."""
    purge_expired_uploads()
    token = secrets.token_urlsafe(32)
    stem = _stem(token)
    meta = {
        "user": user_pk,
        "name": PurePosixPath(upload.name).name,
        "content_type": getattr(upload, "content_type", None) or "application/octet-stream",
        "kept_at": timezone.now().isoformat(),
    }
    # The description first: a file without one is a leftover that purging removes.
    default_storage.save(f"{stem}.json", ContentFile(json.dumps(meta).encode()))
    # A copy: given the upload itself, a file system storage would move a large upload's temporary
    # file away from under the form that is about to save it.
    default_storage.save(stem, File(upload, name=upload.name))
    upload.seek(0)
    upload.kept_token = token
    return token


def _meta(stem):
    try:
        with default_storage.open(f"{stem}.json", "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None


def _expired(meta, now):
    try:
        kept_at = datetime.datetime.fromisoformat(meta["kept_at"])
    except (KeyError, TypeError, ValueError):
        return True
    return now - kept_at > KEPT_UPLOAD_LIFETIME


def claim_upload(token, *, user_pk):
    """The file kept under ``token`` for ``user_pk``, as an upload; None for anyone else, or once expired."""
    if not token or not _TOKEN.match(token):
        return None
    stem = _stem(token)
    meta = _meta(stem)
    if meta is None or meta.get("user") != user_pk or _expired(meta, timezone.now()):
        return None
    try:
        handle = default_storage.open(stem, "rb")
    except OSError:
        return None
    upload = UploadedFile(
        handle, name=meta["name"], content_type=meta["content_type"], size=default_storage.size(stem),
    )
    upload.kept_token = token
    return upload


def discard_upload(token):
    """Delete what is kept under ``token`` (its form was saved)."""
    if token and _TOKEN.match(token):
        _delete(_stem(token))


def _delete(stem):
    for name in (stem, f"{stem}.json"):
        try:
            default_storage.delete(name)
        except OSError:
            pass


def purge_expired_uploads():
    """Delete every kept file older than KEPT_UPLOAD_LIFETIME (or whose description cannot be read)."""
    try:
        _folders, files = default_storage.listdir(KEPT_UPLOADS_DIR)
    except (OSError, NotImplementedError):
        return
    now = timezone.now()
    for stem in {f"{KEPT_UPLOADS_DIR}/{name.removesuffix('.json')}" for name in files}:
        meta = _meta(stem)
        if meta is None or _expired(meta, now):
            _delete(stem)


class KeptFileInput(AdminFileWidget):
    """The admin's file input, which also offers the file kept from the last attempt."""

    uploader_pk = None  # set per form: only this user's kept files are claimed
    kept = None  # (token, file name) once the form accepted a file

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None and data.get(name + KEPT_SUFFIX):
            if not hasattr(self, "_claimed"):  # asked again by has_changed() and clean()
                self._claimed = claim_upload(data.get(name + KEPT_SUFFIX), user_pk=self.uploader_pk)
            return self._claimed
        return upload

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and not self.kept

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        token, file_name = self.kept
        return html + format_html(
            '<input type="hidden" name="{}" value="{}">'
            '<p class="kept-upload">Đã chọn: <strong>{}</strong>. Tệp được giữ lại và sẽ lưu cùng biểu mẫu; '
            "chọn tệp khác nếu muốn thay.</p>",
            name + KEPT_SUFFIX, token, file_name,
        )


class KeepsAcceptedUploads:
    """A ModelForm mixin: the files of ``kept_upload_fields`` that pass their checks are kept
    for ``uploader_pk`` (see the module's docstring), and deleted once the form is saved."""

    kept_upload_fields = ()
    uploader_pk = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.kept_upload_fields:
            field = self.fields.get(name)
            if field is not None:
                widget = KeptFileInput(attrs=field.widget.attrs)
                widget.uploader_pk = self.uploader_pk
                field.widget = widget

    def _post_clean(self):
        super()._post_clean()
        for name in self.kept_upload_fields:
            upload = self.cleaned_data.get(name)
            if name in self.fields and name not in self.errors and isinstance(upload, UploadedFile):
                token = getattr(upload, "kept_token", None) or keep_upload(upload, user_pk=self.uploader_pk)
                self.fields[name].widget.kept = (token, PurePosixPath(upload.name).name)

    def _discard_kept(self):
        for name in self.kept_upload_fields:
            kept = self.fields[name].widget.kept if name in self.fields else None
            if kept:
                upload = self.cleaned_data.get(name)
                if upload is not None and not upload.closed:
                    upload.close()
                discard_upload(kept[0])

    def save(self, commit=True):
        instance = super().save(commit)
        if commit:
            self._discard_kept()
        else:
            # The admin saves the object itself (save_model), then calls save_m2m(): the kept file
            # is read when the object is saved, so it goes only after that.
            save_m2m = self.save_m2m

            def save_m2m_then_discard():
                save_m2m()
                self._discard_kept()

            self.save_m2m = save_m2m_then_discard
        return instance


class KeepsUploadsAdminMixin:
    """For a ModelAdmin or an inline: its form keeps the accepted files of ``kept_upload_fields``
    for the user making the request."""

    kept_upload_fields = ()

    def _keeping(self, request, form):
        attributes = {"kept_upload_fields": self.kept_upload_fields, "uploader_pk": request.user.pk}
        return type(form.__name__, (KeepsAcceptedUploads, form), attributes)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = self._keeping(request, kwargs.get("form", self.form))
        return super().get_formset(request, obj, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = self._keeping(request, kwargs.get("form", self.form))
        return super().get_form(request, obj, change, **kwargs)
