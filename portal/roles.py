"""The four roles, as Django groups with exactly the model permissions each needs.

A data migration creates them (``portal/migrations/0002_roles.py``); where a user
may use them comes from their memberships (``plans.Membership``), see
``plans.access``.
"""

from publishing.roles import ADMINISTRATOR, APPROVER, EDITOR, OFFICER

PLAN_PARTS = ("contentgroup", "assignment", "target", "attachment")


def _crud(model, actions=("add", "change", "delete", "view")):
    return [f"{action}_{model}" for action in actions]


# app label -> codenames, per role.
ROLE_PERMISSIONS = {
    OFFICER: {
        # Drafts of their own agency: no publishing; a never-published draft may be deleted.
        "plans": [*_crud("plan"), *(code for part in PLAN_PARTS for code in _crud(part)),
                  "view_agency", "view_locality", "view_channel"],
    },
    EDITOR: {
        "news": [*_crud("article"), "view_category"],
        "plans": ["view_plan", "view_locality"],
    },
    APPROVER: {
        "plans": [*_crud("plan"), "publish_plan", *(code for part in PLAN_PARTS for code in _crud(part)),
                  "view_agency", "view_locality", "view_channel"],
        "news": [*_crud("article"), "publish_article", "view_category"],
    },
    ADMINISTRATOR: {
        "auth": [*_crud("user"), "view_group"],
        "plans": [*_crud("locality"), *_crud("agency"), *_crud("channel"), *_crud("membership"), "view_plan"],
        "news": [*_crud("category"), "view_article"],
    },
}
