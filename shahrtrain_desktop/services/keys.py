"""The office's Ed25519 signing key: made once at setup, kept encrypted, opened to sign.

The database holds the public key and the private key encrypted (PKCS#8) with a random secret.
The secret itself lives in a file under ``paths.data_dir()/keys/`` readable only by the user, so a
copy of the database (a backup, the end-of-year export, a PostgreSQL dump) cannot sign anything.
Only the desk that made the key can sign with it; every desk can verify with ``public_keys``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.certificates import signing
from shahrtrain_desktop.models import SigningKey
from shahrtrain_desktop.paths import data_dir

SECRET_BYTES = 32


class OfficeKeyError(RuntimeError):
    """The signing key cannot be used on this desk; ``str()`` is a Persian sentence."""


def keys_dir() -> Path:
    path = data_dir() / "keys"
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def secret_path(key_id: str) -> Path:
    return keys_dir() / f"office-{key_id}.secret"


def _write_secret(path: Path, secret: str) -> None:
    # Created with mode 600 from the start (no window in which others could read it), then
    # moved into place so a crash never leaves half a secret.
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _forget_secret_unless_committed(session: Session, path: Path) -> None:
    """Delete the new secret file if the transaction that records its key is rolled back."""
    settled = False

    def on_rollback(_session: Session) -> None:
        nonlocal settled
        if not settled:
            settled = True
            path.unlink(missing_ok=True)

    def on_commit(_session: Session) -> None:
        nonlocal settled
        settled = True

    # Listeners cannot be removed while SQLAlchemy dispatches them; they go with the session.
    event.listen(session, "after_rollback", on_rollback)
    event.listen(session, "after_commit", on_commit)


def active_key(session: Session) -> SigningKey | None:
    return session.scalars(
        select(SigningKey).where(SigningKey.active.is_(True)).order_by(SigningKey.id.desc())
    ).first()


def create_office_key(session: Session) -> SigningKey:
    """Make a new active key (retiring none: call sites decide when to rotate)."""
    private_key = signing.generate_private_key()
    key_id = signing.key_id_of(private_key.public_key())
    secret = secrets.token_urlsafe(SECRET_BYTES)
    path = secret_path(key_id)
    _write_secret(path, secret)
    _forget_secret_unless_committed(session, path)
    row = SigningKey(
        key_id=key_id,
        public_key_pem=signing.public_key_to_pem(private_key.public_key()).decode("ascii"),
        encrypted_private_key=signing.private_key_to_pem(private_key, secret),
        active=True,
    )
    session.add(row)
    session.flush()
    return row


def ensure_office_key(session: Session) -> SigningKey:
    """The office's active signing key, made now if there is none."""
    return active_key(session) or create_office_key(session)


def load_private_key(session: Session) -> Ed25519PrivateKey:
    """Open the active key's private half with the secret kept on this desk."""
    row = active_key(session)
    if row is None:
        raise OfficeKeyError("کلید امضای دفتر ساخته نشده است؛ از بخش تنظیمات آن را بسازید.")
    path = secret_path(row.key_id)
    try:
        secret = path.read_text(encoding="ascii").strip()
    except OSError as error:
        raise OfficeKeyError(
            f"رمز کلید امضا (شناسهٔ {row.key_id}) روی این رایانه نیست؛ گواهی‌نامه را فقط در "
            "رایانه‌ای می‌توان امضا کرد که کلید در آن ساخته شده است."
        ) from error
    try:
        return signing.load_private_key(row.encrypted_private_key, secret)
    except signing.SigningKeyError as error:
        raise OfficeKeyError(str(error)) from error


def public_keys(session: Session) -> dict[str, Ed25519PublicKey]:
    """Every key the office has used, retired ones too (old certificates must still verify)."""
    rows = session.execute(select(SigningKey.key_id, SigningKey.public_key_pem)).all()
    return {
        key_id: signing.load_public_key(pem.encode("ascii"))
        for key_id, pem in sorted(rows, key=lambda row: row[0])
    }
