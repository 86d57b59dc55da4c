from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from plans.models import Attachment, Plan


class PlanDetailView(DetailView):
    template_name = "plans/plan_detail.html"

    def get_queryset(self):
        return Plan.objects.published().select_related("agency", "locality__parent__parent").prefetch_related(
            "channels", "content_groups", "targets", "attachments", "assignments__agency",
            # A draft cited as a basis must not leak its title.
            Prefetch("legal_basis_plans", queryset=Plan.objects.published()),
        )


def download_attachment(request, slug, pk):
    """Serve a published plan's file under its original name; drafts' files stay private."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("plan"), pk=pk, plan__slug=slug, plan__in=Plan.objects.published()
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.download_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
