"""The one search key of a person: what the registry's search-as-you-type matches against."""

from __future__ import annotations

from functools import lru_cache

from shahrtrain_desktop.persian import search_key


@lru_cache(maxsize=65_536)
def _name_key(first_name: str, last_name: str) -> str:
    # Names repeat a lot (imports, demo data); folding is the costly part.
    return search_key(f"{first_name} {last_name}")


def person_search_key(
    first_name: str, last_name: str, national_code: str, mobile: str | None
) -> str:
    """Folded full name, then the national code and the mobile, separated by spaces.

    The registry folds the typed query with ``persian.search_key`` and looks for it in this key,
    so «اسماعیلی پور»، «اسماعیلی‌پور» and «اسماعيلي‌پور» all find the same person, and so does
    part of a code or a mobile number.
    """
    return f"{_name_key(first_name, last_name)} {national_code} {mobile or ''}".rstrip()
