from plans.views.archive import plan_list
from plans.views.detail import PlanDetailView, download_attachment

__all__ = ["PlanDetailView", "download_attachment", "plan_list"]
