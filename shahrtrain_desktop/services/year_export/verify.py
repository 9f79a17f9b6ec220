"""Check an end-of-year export offline: every file listed, every hash and size, no extra file,
and the Ed25519 signature of the manifest. Names what is wrong, in Persian.

The signature is checked with a public key the verifier supplies (the office's key as the
central organisation holds it) or, failing that, with the key inside the zip — which proves the
files are as signed but not who signed them; the report says which key was used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from shahrtrain_desktop.certificates import signing
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.year_export.build import FORMAT, MANIFEST, PUBLIC_KEY, SIGNATURE


@dataclass
class ExportCheck:
    path: Path
    problems: list[str] = field(default_factory=list)
    checked_files: int = 0
    manifest: dict[str, Any] | None = None
    key_source: str = ""  # "external" or "embedded"
    key_id: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.manifest is not None

    def summary(self) -> str:
        if self.ok:
            assert self.manifest is not None
            whose = "کلید عمومی ارائه‌شده" if self.key_source == "external" else "کلید درون بسته"
            year = to_persian_digits(self.manifest.get("year"))
            files = to_persian_digits(self.checked_files)
            return (
                f"بستهٔ سال {year} دفتر {self.manifest.get('office_code')} سالم است: "
                f"{files} پرونده و امضا (با {whose}، شناسهٔ {self.key_id}) درست است."
            )
        return "بسته معتبر نیست: " + "؛ ".join(self.problems)


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    return archive.read(name)


def verify_export(path: Path, public_key_pem: bytes | None = None) -> ExportCheck:
    check = ExportCheck(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        check.problems.append(f"پرونده zip خوانا نیست ({error}).")
        return check
    with archive:
        names = set(archive.namelist())
        for required in (MANIFEST, SIGNATURE):
            if required not in names:
                check.problems.append(f"پروندهٔ «{required}» در بسته نیست.")
        if check.problems:
            return check
        try:
            manifest_bytes = _read(archive, MANIFEST)
            manifest = json.loads(manifest_bytes.decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise ValueError("format")
            files = manifest["files"]
        except (zipfile.BadZipFile, zlib.error, ValueError, KeyError, UnicodeDecodeError):
            check.problems.append("فهرست پرونده‌ها (manifest.json) خراب یا دست‌کاری شده است.")
            return check
        check.manifest = manifest
        _check_signature(check, archive, manifest, manifest_bytes, public_key_pem)
        listed = set()
        for entry in files:
            name = str(entry.get("path", ""))
            listed.add(name)
            if name not in names:
                check.problems.append(f"پروندهٔ «{name}» در بسته نیست.")
                continue
            try:
                data = _read(archive, name)
            except (zipfile.BadZipFile, zlib.error, OSError):
                check.problems.append(f"پروندهٔ «{name}» خراب است (بایت‌هایی از آن تغییر کرده).")
                continue
            if len(data) != entry.get("size") or hashlib.sha256(data).hexdigest() != entry.get(
                "sha256"
            ):
                check.problems.append(f"محتوای پروندهٔ «{name}» تغییر کرده است (hash نادرست).")
                continue
            check.checked_files += 1
        for extra in sorted(names - listed - {MANIFEST, SIGNATURE}):
            check.problems.append(f"پروندهٔ اضافهٔ «{extra}» در فهرست امضاشده نیست.")
    return check


def _check_signature(
    check: ExportCheck,
    archive: zipfile.ZipFile,
    manifest: dict[str, Any],
    manifest_bytes: bytes,
    public_key_pem: bytes | None,
) -> None:
    try:
        signature = base64.b64decode(_read(archive, SIGNATURE).strip(), validate=True)
    except (zipfile.BadZipFile, zlib.error, binascii.Error, ValueError):
        check.problems.append("پروندهٔ امضا (manifest.sig) خراب است.")
        return
    if public_key_pem is not None:
        check.key_source = "external"
        pem = public_key_pem
    else:
        check.key_source = "embedded"
        try:
            pem = _read(archive, str(manifest.get("public_key_file") or PUBLIC_KEY))
        except (KeyError, zipfile.BadZipFile, zlib.error):
            check.problems.append("کلید عمومی دفتر در بسته نیست و کلیدی هم ارائه نشده است.")
            return
    try:
        key = signing.load_public_key(pem)
    except signing.SigningKeyError as error:
        check.problems.append(str(error))
        return
    check.key_id = signing.key_id_of(key)
    try:
        key.verify(signature, manifest_bytes)
    except InvalidSignature:
        check.problems.append(
            "امضای فهرست پرونده‌ها معتبر نیست: بسته پس از امضا تغییر کرده یا با کلید دیگری "
            "امضا شده است."
        )
