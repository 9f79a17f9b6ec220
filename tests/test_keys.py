"""The office signing key: made once, private half encrypted, its secret only on this desk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from shahrtrain_desktop.certificates.payload import PayloadFields
from shahrtrain_desktop.certificates.signing import key_id_of, parse_and_verify, sign_payload
from shahrtrain_desktop.models import SigningKey
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.keys import (
    OfficeKeyError,
    create_office_key,
    ensure_office_key,
    load_private_key,
    public_keys,
    secret_path,
)

FIELDS = PayloadFields("1405-QZ-000001", "0012345679", "3001", date(2026, 11, 20), 20.0, 17.5)


def _key_id(db: Database) -> str:
    with db.session() as session:
        return ensure_office_key(session).key_id


def test_made_once_and_reused(db: Database) -> None:
    first = _key_id(db)
    assert _key_id(db) == first
    with db.session() as session:
        assert len(session.scalars(select(SigningKey)).all()) == 1


def test_private_key_is_encrypted_and_its_secret_lives_in_a_private_file(
    db: Database, isolated_home: Path
) -> None:
    key_id = _key_id(db)
    secret = secret_path(key_id)
    assert secret.parent == isolated_home / "keys"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert secret.parent.stat().st_mode & 0o777 == 0o700
    with db.session() as session:
        row = session.scalars(select(SigningKey)).one()
        stored = bytes(row.encrypted_private_key)
        raw = load_private_key(session).private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
    assert stored.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert raw not in stored and secret.read_bytes() not in stored
    with pytest.raises(TypeError):  # no password, no key
        serialization.load_pem_private_key(stored, password=None)


def test_signs_what_public_keys_verify(db: Database) -> None:
    with db.session() as session:
        key_id = ensure_office_key(session).key_id
        qr = sign_payload(FIELDS, load_private_key(session))
        keys = public_keys(session)
    assert set(keys) == {key_id}
    assert parse_and_verify(qr, keys).number == FIELDS.number


def test_retired_keys_still_verify(db: Database) -> None:
    with db.session() as session:
        old = ensure_office_key(session)
        old_qr = sign_payload(FIELDS, load_private_key(session))
        old.active = False
        new = create_office_key(session)
        assert key_id_of(load_private_key(session).public_key()) == new.key_id
        keys = public_keys(session)
    assert set(keys) == {old.key_id, new.key_id}
    assert parse_and_verify(old_qr, keys).national_code == FIELDS.national_code


def test_without_the_secret_file_signing_is_refused_in_persian(db: Database) -> None:
    key_id = _key_id(db)
    secret_path(key_id).unlink()
    with db.session() as session, pytest.raises(OfficeKeyError, match="رایانه"):
        load_private_key(session)


def test_no_key_yet_is_a_persian_error(db: Database) -> None:
    with db.session() as session, pytest.raises(OfficeKeyError, match="ساخته نشده"):
        load_private_key(session)


def test_a_rolled_back_key_leaves_no_secret_behind(db: Database, isolated_home: Path) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        made = create_office_key(session)
        assert secret_path(made.key_id).exists()
        raise RuntimeError("something later in the same transaction failed")
    assert not list(isolated_home.glob("keys/*.secret"))
    with db.session() as session:
        assert session.scalars(select(SigningKey)).all() == []
