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
        from plans.tally import keep_tallies
        from publishing.access import register_scope
        from publishing.cache import invalidated_by
        from publishing.notices import register_approvers

        # Before invalidated_by: see keep_tallies().
        keep_tallies()
        # Every row a public page shows: saving or deleting one invalidates the cached pages.
        invalidated_by(Agency, Channel, Locality)  # reference lists: a change reaches every page
        invalidated_by(
            Plan, through=[Plan.channels.through, Plan.legal_basis_plans.through], scopes=Plan.written_scopes,
        )
        invalidated_by(ContentGroup, Assignment, Target, Result, Attachment, owner="plan")
        register_scope(Plan, access.plan_scope)
        register_scope(Agency, access.agency_scope)
        register_scope(Locality, access.locality_scope)
        register_approvers(Plan, access.approvers_of_plan)
