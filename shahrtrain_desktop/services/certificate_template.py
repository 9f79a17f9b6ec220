"""The certificate template as the office's settings describe it, and editing it.

Office name, province, logo, title, the two signatories (name, title, signature image) and the
wording of the body; a value missing or broken in settings falls back to the default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from shahrtrain_desktop.certificates import BodyWording, OfficeTemplate, Signatory
from shahrtrain_desktop.persian import normalize_text
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.permissions import Permission, require

WORDING = "certificate.wording"  # BodyWording fields edited in settings (a JSON object)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def office_template(session: Session) -> OfficeTemplate:
    """The certificate template as the office's settings describe it."""
    signatories: list[Signatory] = []
    stored = settings.get_setting(session, settings.SIGNATORIES)
    for item in stored if isinstance(stored, list) else []:
        if isinstance(item, dict):
            signatories.append(
                Signatory(
                    _text(item.get("name")),
                    _text(item.get("title")),
                    _text(item.get("signature_path")) or None,
                )
            )
    base = OfficeTemplate()
    return OfficeTemplate(
        province=_text(settings.get_setting(session, settings.OFFICE_PROVINCE)),
        office_name=_text(settings.get_setting(session, settings.OFFICE_NAME)) or base.office_name,
        logo_path=_text(settings.get_setting(session, settings.OFFICE_LOGO)) or None,
        signatories=tuple(signatories[:2]) or base.signatories,
        title=_text(settings.get_setting(session, settings.CERTIFICATE_TITLE)) or base.title,
        wording=wording_from(settings.get_setting(session, WORDING)),
    )


def wording_from(stored: Any) -> BodyWording:
    """Settings' wording over the defaults; unknown keys and non-text values are ignored."""
    defaults = BodyWording()
    if not isinstance(stored, dict):
        return defaults
    values = {
        name: value
        for name, value in stored.items()
        if name in {f.name for f in fields(BodyWording)} and isinstance(value, str)
    }
    return replace(defaults, **values)


# -- editing the template ---------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateSettings:
    """What the template dialog edits; text is normalised on the way in."""

    title: str
    wording: dict[str, str]
    signatories: list[dict[str, str]]
    logo_path: str


def template_settings(session: Session) -> TemplateSettings:
    template = office_template(session)
    return TemplateSettings(
        title=template.title,
        wording={f.name: getattr(template.wording, f.name) for f in fields(BodyWording)},
        signatories=[
            {
                "name": s.name,
                "title": s.title,
                "signature_path": str(s.signature_image_path or ""),
            }
            for s in template.signatories
        ],
        logo_path=str(template.logo_path or ""),
    )


def template_from(values: TemplateSettings, base: OfficeTemplate) -> OfficeTemplate:
    """The template *values* describe, over the office's other settings (for the preview)."""
    return replace(
        base,
        title=normalize_text(values.title) or base.title,
        wording=wording_from(values.wording),
        signatories=tuple(
            Signatory(
                normalize_text(s.get("name")),
                normalize_text(s.get("title")),
                s.get("signature_path") or None,
            )
            for s in values.signatories[:2]
        )
        or base.signatories,
        logo_path=values.logo_path or None,
    )


def save_template(session: Session, values: TemplateSettings) -> None:
    require(session, Permission.MANAGE_SETTINGS)
    settings.set_setting(session, settings.CERTIFICATE_TITLE, normalize_text(values.title))
    defaults = BodyWording()
    changed = {
        name: text
        for name, text in ((k, v.strip()) for k, v in values.wording.items())
        if text and text != getattr(defaults, name, None)
    }
    settings.set_setting(session, WORDING, changed)
    settings.set_setting(
        session,
        settings.SIGNATORIES,
        [
            {
                "name": normalize_text(s.get("name")),
                "title": normalize_text(s.get("title")),
                "signature_path": (s.get("signature_path") or "").strip(),
            }
            for s in values.signatories[:2]
        ],
    )
    settings.set_setting(session, settings.OFFICE_LOGO, values.logo_path.strip())
