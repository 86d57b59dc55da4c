from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch tuyên truyền CCHC"

    def ready(self):
        from plans import access
        from plans.models import (
            Agency,
            Assignment,
            Attachment,
            Channel,
            ContentGroup,
            Locality,
            Plan,
            Result,
            Target,
        )
        from publishing.access import register_scope
        from publishing.cache import invalidated_by
        from publishing.notices import register_approvers

        # Every row a public page shows: saving or deleting one invalidates the cached pages.
        invalidated_by(Plan, Agency, Channel, Locality, through=[Plan.channels.through, Plan.legal_basis_plans.through])
        invalidated_by(ContentGroup, Assignment, Target, Result, Attachment, owner="plan")
        register_scope(Plan, access.plan_scope)
        register_scope(Agency, access.agency_scope)
        register_scope(Locality, access.locality_scope)
        register_approvers(Plan, access.approvers_of_plan)
