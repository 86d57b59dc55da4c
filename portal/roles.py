"""The four roles, as Django groups with exactly the model permissions each needs.

A data migration created them (``portal/migrations/0002_roles.py``); a change here
needs a data migration of its own that grants or takes back the difference (as
``0004_results_and_new_agencies.py`` does), because the groups in a running database
only change through migrations. Where a user may use them comes from their
memberships (``plans.Membership``), see ``plans.access``.
"""

from publishing.roles import ADMINISTRATOR, APPROVER, EDITOR, OFFICER

PLAN_PARTS = ("contentgroup", "assignment", "target", "result", "attachment")


def _crud(model, actions=("add", "change", "delete", "view")):
    return [f"{action}_{model}" for action in actions]


# app label -> codenames, per role.
ROLE_PERMISSIONS = {
    OFFICER: {
        # Drafts of their own agency: no publishing; a never-published draft may be deleted.
        # A unit the plan assigns work to may be added, inside their own localities (plans.access).
        "plans": [*_crud("plan"), *(code for part in PLAN_PARTS for code in _crud(part)),
                  "view_agency", "add_agency", "view_locality", "view_channel"],
    },
    EDITOR: {
        "news": [*_crud("article"), "view_category"],
        "plans": ["view_plan", "view_locality"],
    },
    APPROVER: {
        "plans": [*_crud("plan"), "publish_plan", *(code for part in PLAN_PARTS for code in _crud(part)),
                  "view_agency", "add_agency", "view_locality", "view_channel"],
        "news": [*_crud("article"), "publish_article", "view_category"],
    },
    ADMINISTRATOR: {
        "auth": [*_crud("user"), "view_group"],
        "plans": [*_crud("locality"), *_crud("agency"), *_crud("channel"), *_crud("membership"), "view_plan"],
        "news": [*_crud("category"), "view_article"],
    },
}
