"""The audit trail: every insert, update and delete made through the ORM is recorded in the
same transaction, each row chained to the one before by a SHA-256 hash.

Who acts is read from ``session.info["actor"]`` (set by ``act_as``). Bulk Core inserts (demo
data) bypass the ORM and are recorded as one summary event by their caller.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, select, text
from sqlalchemy.orm import Session, UOWTransaction

from shahrtrain_desktop.models import AuditEvent, Base
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.enums import AuditAction

GENESIS_HASH = "0" * 64
# Secrets and bookkeeping never copied into the trail.
REDACTED_COLUMNS = {"password_hash", "encrypted_private_key"}
SKIPPED_COLUMNS = {"created_at", "updated_at", "version"}


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str


SYSTEM_ACTOR = Actor(None, "system")


def act_as(session: Session, actor: Actor) -> None:
    session.info["actor"] = actor


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return "<bytes>"
    return value


def _columns(obj: Any) -> Iterator[str]:
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key not in SKIPPED_COLUMNS:
            yield attr.key


def _snapshot(obj: Any) -> dict[str, Any]:
    return {
        key: "<redacted>" if key in REDACTED_COLUMNS else _jsonable(getattr(obj, key))
        for key in _columns(obj)
    }


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        redact = key in REDACTED_COLUMNS
        before[key] = "<redacted>" if redact else _jsonable(old)
        after[key] = "<redacted>" if redact else _jsonable(new)
    return before, after


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "at": _jsonable(row["at"]),
        "user_id": row["user_id"],
        "username": row["username"],
        "action": _jsonable(row["action"]),
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "before": row["before"],
        "after": row["after"],
    }


def _chain_head(session: Session) -> str:
    if session.get_bind().dialect.name == "postgresql":
        # Serialise writers across desks so the chain never forks.
        session.execute(text("SELECT pg_advisory_xact_lock(7283401)"))
    head = session.execute(
        select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).scalar_one_or_none()
    return head or GENESIS_HASH


def record_events(session: Session, events: list[dict[str, Any]]) -> None:
    """Append events (dicts with action, entity, entity_id, before, after) to the chain."""
    if not events:
        return
    actor: Actor = session.info.get("actor", SYSTEM_ACTOR)
    prev = _chain_head(session)
    rows = []
    for item in events:
        row = {
            "at": utcnow(),
            "user_id": actor.user_id,
            "username": actor.username,
            "action": item["action"],
            "entity": item["entity"],
            "entity_id": item.get("entity_id"),
            "before": item.get("before"),
            "after": item.get("after"),
        }
        row["prev_hash"] = prev
        row["hash"] = prev = event_hash(prev, _hashed_fields(row))
        rows.append(row)
    session.execute(insert(AuditEvent), rows)


def record(
    session: Session, action: AuditAction, entity: str, entity_id: Any = None, **details: Any
) -> None:
    """Record one event that is not a row change (a log-in, a print run, a bulk import)."""
    after = json.dumps(details, ensure_ascii=False, default=str) if details else None
    event = {"action": action, "entity": entity, "entity_id": _id_text(entity_id), "after": after}
    record_events(session, [event])


def _id_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return "/".join(str(v) for v in value)
    return str(value)


def _identity(obj: Any) -> str | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return _id_text(key[0] if len(key) == 1 else tuple(key))


def _dump(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def _after_flush(session: Session, _flush_context: UOWTransaction) -> None:
    events: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, Base) and not isinstance(obj, AuditEvent):
            events.append(
                {
                    "action": AuditAction.INSERT,
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "after": _dump(_snapshot(obj)),
                }
            )
    for obj in session.dirty:
        if isinstance(obj, Base) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                events.append(
                    {
                        "action": AuditAction.UPDATE,
                        "entity": obj.__tablename__,
                        "entity_id": _identity(obj),
                        "before": _dump(before),
                        "after": _dump(after),
                    }
                )
    for obj in session.deleted:
        if isinstance(obj, Base):
            events.append(
                {
                    "action": AuditAction.DELETE,
                    "entity": obj.__tablename__,
                    "entity_id": _identity(obj),
                    "before": _dump(_snapshot(obj)),
                }
            )
    record_events(session, events)


def install_audit_trail() -> None:
    """Listen on every ORM session (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""


def verify_chain(session: Session, batch: int = 5000) -> ChainCheck:
    """Walk the chain in id order; name the first row that was edited, or whose predecessor
    was removed."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    columns = AuditEvent.__table__.c
    while True:
        rows = (
            session.execute(
                select(AuditEvent.__table__)
                .where(columns.id > last_id)
                .order_by(columns.id)
                .limit(batch)
            )
            .mappings()
            .all()
        )
        if not rows:
            return ChainCheck(True, checked)
        for row in rows:
            if row["prev_hash"] != prev:
                return ChainCheck(
                    False, checked, row["id"], "ردیف پیش از این ردیف حذف یا جابه‌جا شده است."
                )
            if event_hash(prev, _hashed_fields(dict(row))) != row["hash"]:
                return ChainCheck(False, checked, row["id"], "محتوای این ردیف تغییر داده شده است.")
            prev = row["hash"]
            checked += 1
            last_id = row["id"]
