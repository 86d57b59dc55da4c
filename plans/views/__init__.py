from plans.views.archive import plan_list
from plans.views.detail import PlanDetailView, PlanPreviewView, download_attachment

__all__ = ["PlanDetailView", "PlanPreviewView", "download_attachment", "plan_list"]
