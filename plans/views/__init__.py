from plans.views.detail import PlanDetailView, download_attachment

__all__ = ["PlanDetailView", "download_attachment"]
