"""Persian labels for the domain's codes: the one place the UI, PDFs and exports read them."""

from __future__ import annotations

from enum import StrEnum

from shahrtrain_desktop.models.enums import (
    ActionStatus,
    AssessmentKind,
    AttendanceStatus,
    CertificateStatus,
    DeliveryMode,
    DocumentKind,
    Education,
    EnrolmentStatus,
    EvaluationTarget,
    Gender,
    NeedSource,
    NeedStatus,
    OfferingStatus,
    OrgUnitKind,
    OutcomeResult,
    PersonCategory,
    Priority,
    Role,
    VisitStatus,
)

LABELS: dict[StrEnum, str] = {
    OrgUnitKind.MUNICIPALITY: "شهرداری",
    OrgUnitKind.CITY_COUNCIL: "شورای اسلامی شهر",
    OrgUnitKind.GOVERNORATE: "استانداری",
    OrgUnitKind.OTHER: "سایر",
    Gender.MALE: "مرد",
    Gender.FEMALE: "زن",
    PersonCategory.MAYOR: "شهردار",
    PersonCategory.COUNCIL_MEMBER: "عضو شورا",
    PersonCategory.STAFF: "کارمند",
    PersonCategory.OTHER: "سایر",
    Education.BELOW_DIPLOMA: "زیر دیپلم",
    Education.DIPLOMA: "دیپلم",
    Education.ASSOCIATE: "کاردانی",
    Education.BACHELOR: "کارشناسی",
    Education.MASTER: "کارشناسی ارشد",
    Education.DOCTORATE: "دکتری",
    DocumentKind.NOTICE: "ابلاغیه",
    DocumentKind.MUNICIPALITY_REQUEST: "درخواست شهرداری",
    DocumentKind.RESOLUTION: "مصوبه",
    DocumentKind.OTHER: "سایر",
    NeedSource.NOTICE: "ابلاغیه",
    NeedSource.MUNICIPALITY_REQUEST: "درخواست شهرداری",
    NeedSource.SURVEY: "پیمایش",
    NeedSource.SUPERVISION: "یافتهٔ نظارت",
    NeedStatus.NEW: "جدید",
    NeedStatus.ACCEPTED: "پذیرفته",
    NeedStatus.PLANNED: "برنامه‌ریزی‌شده",
    NeedStatus.REJECTED: "ردشده",
    Priority.HIGH: "زیاد",
    Priority.MEDIUM: "متوسط",
    Priority.LOW: "کم",
    DeliveryMode.IN_PERSON: "حضوری",
    DeliveryMode.ONLINE: "مجازی",
    DeliveryMode.BLENDED: "ترکیبی",
    OfferingStatus.DRAFT: "پیش‌نویس",
    OfferingStatus.APPROVED: "مصوب",
    OfferingStatus.OPEN: "در حال ثبت‌نام",
    OfferingStatus.RUNNING: "در حال برگزاری",
    OfferingStatus.FINISHED: "پایان‌یافته",
    OfferingStatus.CLOSED: "بسته‌شده",
    OfferingStatus.CANCELLED: "لغوشده",
    EnrolmentStatus.ENROLLED: "ثبت‌نام‌شده",
    EnrolmentStatus.WAITING: "فهرست انتظار",
    EnrolmentStatus.WITHDRAWN: "انصراف",
    AttendanceStatus.PRESENT: "حاضر",
    AttendanceStatus.ABSENT: "غایب",
    AttendanceStatus.LATE: "با تأخیر",
    AttendanceStatus.EXCUSED: "غیبت موجه",
    AssessmentKind.PRE_TEST: "پیش‌آزمون",
    AssessmentKind.POST_TEST: "پس‌آزمون",
    AssessmentKind.FINAL: "نمرهٔ نهایی",
    OutcomeResult.PASSED: "قبول",
    OutcomeResult.FAILED: "مردود",
    EvaluationTarget.COURSE: "دوره",
    EvaluationTarget.INSTRUCTOR: "مدرس",
    CertificateStatus.CANDIDATE: "نامزد صدور",
    CertificateStatus.REVIEWED: "بررسی‌شده",
    CertificateStatus.APPROVED: "تأییدشده",
    CertificateStatus.ISSUED: "صادرشده",
    CertificateStatus.REVOKED: "ابطال‌شده",
    VisitStatus.PLANNED: "برنامه‌ریزی‌شده",
    VisitStatus.DONE: "انجام‌شده",
    VisitStatus.CANCELLED: "لغوشده",
    ActionStatus.OPEN: "باز",
    ActionStatus.DONE: "انجام‌شده",
    Role.ADMIN: "مدیر سامانه",
    Role.OFFICER: "کارشناس آموزش",
    Role.APPROVER: "تأییدکننده",
    Role.SUPERVISOR: "ناظر",
}


def label(value: StrEnum | None) -> str:
    """The Persian label of a code; '' for None."""
    if value is None:
        return ""
    return LABELS.get(value, str(value))


def label_of(enum_cls: type[StrEnum], raw: str | None) -> str:
    """Label for a raw stored value (as read by a Core query)."""
    if raw is None:
        return ""
    return label(enum_cls(raw))
