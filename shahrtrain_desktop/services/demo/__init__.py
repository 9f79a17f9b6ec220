"""Realistic demo data across all seven stages (``shahrtrain demo``).

Split by stage: ``registry`` (org units, people), ``catalogue`` (courses, instructors, venues),
``plan``/``resources`` (offerings, sessions, approvals), ``needs`` (letters, needs),
``delivery``/``outcomes`` (enrolment, attendance, scores), ``issuing`` (certificates),
``supervision``; ``generator`` runs them in one transaction through ``writer``.
"""

from shahrtrain_desktop.services.demo.context import Cancelled, DemoError
from shahrtrain_desktop.services.demo.generator import Progress, generate_demo
from shahrtrain_desktop.services.demo.summary import DEMO_PASSWORD, DemoSummary

__all__ = ["DEMO_PASSWORD", "Cancelled", "DemoError", "DemoSummary", "Progress", "generate_demo"]
