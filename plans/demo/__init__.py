from plans.demo.content import DEMO_ATTACHMENT_TITLE
from plans.demo.loader import (
    DemoReport,
    MissingLocalities,
    MissingReferenceData,
    demo_pdf,
    load_demo,
    publish_demo_item,
)

__all__ = [
    "DEMO_ATTACHMENT_TITLE", "DemoReport", "MissingLocalities", "MissingReferenceData", "demo_pdf", "load_demo",
    "publish_demo_item",
]
