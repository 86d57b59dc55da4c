import datetime

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import date as format_date
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView

from plans.coverage import implementation
from plans.models import Assignment, Attachment, Plan, Result
from publishing.access import scoped
from publishing.cache import cache_if_canonical
from publishing.history import last_public_change, published_revision_dates
from publishing.jsonld import script_json
from publishing.links import absolute_url
from publishing.remember import remember


class PlanDetailView(DetailView):
    """The public page of a published plan, in the order of the signed document."""

    template_name = "plans/plan_detail.html"

    def get_queryset(self):
        return self.with_page_parts(Plan.objects.public())

    @staticmethod
    def with_page_parts(plans):
        # A withdrawn plan's address still answers, with the notice and the reason.
        return plans.select_related("agency", "locality__parent__parent").prefetch_related(
            "channels", "content_groups", "targets", "attachments",
            Prefetch("assignments", queryset=Assignment.objects.select_related("agency")),
            Prefetch("results", queryset=Result.objects.select_related("target")),
        )

    @staticmethod
    def with_links(plan):
        """``plan`` with the plans its page names (``linked_plans``) and the units implementing it."""
        plan.public_revisions = published_revision_dates(plan)
        plan.basis_plans, plan.implementing = linked_plans(plan)
        plan.implementation = implementation(plan, plan.implementing)
        return plan

    def get_object(self, queryset=None):
        """The plan with everything its page shows, kept in the cache for the content version.

        Eight queries the first time after a change, none after: every reader, staff
        included, sees the same public page. A publication, a withdrawal or an edit of
        anything shown bumps the content version; a scheduled one ends its life.
        """
        slug = self.kwargs[self.slug_url_kwarg]

        def compute():
            plan = self.get_queryset().filter(slug=slug).first()
            return self.with_links(plan) if plan is not None else None

        plan = remember(f"plan-page:{slug}", compute, scopes=lambda plan: plan and plan.shown_scopes())
        if plan is None:
            raise Http404("Không có kế hoạch này.")
        return plan

    def get_context_data(self, **kwargs):
        plan = self.object
        basis_plans = plan.basis_plans
        return super().get_context_data(
            plan_url=absolute_url(plan.get_absolute_url()),
            basis_plans=basis_plans,
            implementing_plans=plan.implementing,
            implementation=plan.implementation,
            province=province_of(plan.locality),
            downloads=downloads_of(plan),
            targets_have_deadline=any(target.deadline for target in plan.targets.all()),
            summary=summary_of(plan),
            jsonld=script_json(legislation_of(plan, basis_plans)),
            last_updated=last_public_change(plan),
            published_revisions=plan.public_revisions,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return cache_if_canonical(
            self.request, response, path=self.object.get_absolute_url(), scopes=self.object.shown_scopes(),
        )


@method_decorator([never_cache, staff_member_required], name="dispatch")
class PlanPreviewView(PlanDetailView):
    """A plan of the user's scope, draft, submitted or scheduled, as readers will see it.

    Scoped as in the admin: another unit's plan is a 404, whatever its id. Never cached,
    never through the public page cache, and marked ``noindex``.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("plans.change_plan"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.with_page_parts(scoped(Plan.objects.all(), self.request.user))

    def get_object(self, queryset=None):
        return self.with_links(get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"]))

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        return DetailView.render_to_response(self, context, **response_kwargs)


def linked_plans(plan):
    """(the published plans ``plan`` implements, the published plans implementing it), newest
    first, in one query: a draft cited as a basis, or implementing this plan, must not leak its title."""
    published = Plan.objects.published()
    links = list(
        Plan.legal_basis_plans.through.objects
        .filter(Q(from_plan=plan, to_plan__in=published) | Q(to_plan=plan, from_plan__in=published))
        .select_related("from_plan__agency", "to_plan__agency")
    )

    def newest_first(plans):
        return sorted(plans, key=lambda linked: (linked.issue_date or datetime.date.min, linked.pk), reverse=True)

    return (newest_first(link.to_plan for link in links if link.from_plan_id == plan.pk),
            newest_first(link.from_plan for link in links if link.to_plan_id == plan.pk))


def province_of(locality):
    """The top of the unit's tree (the unit itself for a province)."""
    return ([locality, *locality.ancestors_nearest_first()])[-1]


def downloads_of(plan):
    """The plan's files: signed originals first, otherwise in the order the officer set."""
    return sorted(plan.attachments.all(), key=lambda attachment: not attachment.is_signed_original)


def summary_of(plan):
    """One Vietnamese sentence naming the plan's kind, year, number, date, issuer and place.

    It reads the way plans are cited: "Kế hoạch truyền thông về kiểm soát thủ tục hành
    chính năm 2020 số 100/KH-UBND ngày 09/01/2020 của UBND tỉnh Kon Tum, ...".
    """
    topic = plan.get_topic_display()
    kind = "Kế hoạch" if plan.topic == Plan.Topic.OTHER else f"Kế hoạch {topic[:1].lower()}{topic[1:]}"
    number = f" số {plan.number}" if plan.number else ""
    dated = f" ngày {format_date(plan.issue_date, 'd/m/Y')}" if plan.issue_date else ""
    year = f" năm {plan.period_label}" if plan.year_known else ""
    return (
        f"{kind}{year}{number}{dated} của {plan.agency.name}, "
        f"trên địa bàn {plan.locality.display_name}."
    )


def legislation_of(plan, basis_plans):
    """schema.org ``Legislation`` describing the plan, for search engines."""
    issuer = {"@type": "GovernmentOrganization", "name": plan.agency.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": plan.title,
        "legislationType": "Kế hoạch",
        "legislationJurisdiction": plan.locality.display_name,
        "inLanguage": "vi",
        "author": issuer,
        "publisher": issuer,
        "url": absolute_url(plan.get_absolute_url()),
    }
    if plan.year_known:
        # ISO 8601: one year, or an interval for a plan over two years. No year stated: none given.
        data["temporalCoverage"] = (
            f"{plan.period_start}/{plan.period_end}" if plan.period_end != plan.period_start else str(plan.period_start)
        )
    if plan.number:
        data["legislationIdentifier"] = plan.number
    if plan.issue_date:
        data["datePublished"] = data["legislationDate"] = plan.issue_date.isoformat()
    if basis_plans:
        data["isBasedOn"] = [absolute_url(basis.get_absolute_url()) for basis in basis_plans]
    return data


def download_attachment(request, slug, pk):
    """Serve a published plan's file under its original name; drafts' files stay private."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("plan"), pk=pk, plan__slug=slug, plan__in=Plan.objects.public()
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
