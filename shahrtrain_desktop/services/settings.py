"""Office profile and preferences, stored as JSON values in the ``setting`` table."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Setting
from shahrtrain_desktop.services.permissions import Permission, require

OFFICE_PROVINCE = "office.province"
OFFICE_NAME = "office.name"
OFFICE_CODE = "office.code"
OFFICE_LOGO = "office.logo_path"
SIGNATORIES = "certificate.signatories"
CERTIFICATE_NUMBER_FORMAT = "certificate.number_format"
CERTIFICATE_TITLE = "certificate.title"
PASS_MIN_ATTENDANCE_PCT = "pass.min_attendance_pct"
PASS_MIN_SCORE = "pass.min_score"
MIN_HOURS_STAFF = "coverage.min_hours_staff"
MIN_HOURS_MANAGERS = "coverage.min_hours_managers"
REQUIRE_EXECUTIVE_APPROVAL = "approvals.require_executive"
REQUIRE_STEERING_APPROVAL = "approvals.require_steering"
FOLLOW_UP_MONTHS = "outcomes.follow_up_months"

DEFAULTS: dict[str, Any] = {
    OFFICE_PROVINCE: "قزوین",
    OFFICE_NAME: "دفتر امور شهری و شوراهای استانداری قزوین",
    OFFICE_CODE: "QZ",
    OFFICE_LOGO: "",
    SIGNATORIES: [
        {"name": "", "title": "مدیرکل دفتر امور شهری و شوراها", "signature_path": ""},
        {"name": "", "title": "معاون هماهنگی امور عمرانی استانداری", "signature_path": ""},
    ],
    CERTIFICATE_NUMBER_FORMAT: "{year}-{office}-{serial:06d}",
    CERTIFICATE_TITLE: "گواهی‌نامهٔ پایان دورهٔ آموزشی",
    PASS_MIN_ATTENDANCE_PCT: 80,
    PASS_MIN_SCORE: 12,
    MIN_HOURS_STAFF: 40,
    MIN_HOURS_MANAGERS: 60,
    REQUIRE_EXECUTIVE_APPROVAL: True,
    REQUIRE_STEERING_APPROVAL: True,
    FOLLOW_UP_MONTHS: 3,
}


def get_setting(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row.value)


def set_setting(session: Session, key: str, value: Any) -> None:
    encoded = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded


def save_settings(session: Session, values: dict[str, Any]) -> None:
    """Store office settings on behalf of the acting user, who must be allowed to (checked
    afresh in the database)."""
    require(session, Permission.MANAGE_SETTINGS)
    for key, value in values.items():
        set_setting(session, key, value)
    session.flush()


def all_settings(session: Session) -> dict[str, Any]:
    stored = {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
    return {**DEFAULTS, **stored}
