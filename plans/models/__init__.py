"""Localities, agencies, channels, the plans with their ordered parts, and their tallies, a module each.

Every model stays importable as ``plans.models.<name>`` (old migrations name some of these).
"""

from plans.models.agency import Agency, Membership
from plans.models.channel import Channel, ChannelQuerySet
from plans.models.locality import Locality, LocalityQuerySet
from plans.models.parts import (
    Assignment,
    Attachment,
    ContentGroup,
    PlanPart,
    Result,
    Target,
    attachment_upload_to,
    plain_number,
)
from plans.models.plan import (
    MAX_PLAN_YEAR,
    MAX_SEARCH_WORDS,
    MIN_PLAN_YEAR,
    UNKNOWN_YEAR,
    UNKNOWN_YEAR_LABEL,
    Plan,
    PlanQuerySet,
    normalise_number,
)
from plans.models.tally import ALL_YEARS, NO_YEAR, PlanTally, PlanTallyQuerySet

__all__ = [
    "ALL_YEARS", "MAX_PLAN_YEAR", "MAX_SEARCH_WORDS", "MIN_PLAN_YEAR", "NO_YEAR", "UNKNOWN_YEAR", "UNKNOWN_YEAR_LABEL",
    "Agency", "Assignment", "Attachment", "Channel", "ChannelQuerySet", "ContentGroup", "Locality",
    "LocalityQuerySet", "Membership", "Plan", "PlanPart", "PlanQuerySet", "PlanTally", "PlanTallyQuerySet", "Result",
    "Target", "attachment_upload_to", "normalise_number", "plain_number",
]
