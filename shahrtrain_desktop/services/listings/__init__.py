"""The main list of each stage tab, as SQL; Qt-free (see ``base`` for how a listing is read)."""

from __future__ import annotations

from shahrtrain_desktop.services.listings.base import (
    FIRST_PART,
    LATER_PART,
    LTR_KINDS,
    Choice,
    Column,
    Filters,
    Kind,
    ListingSpec,
    available_years,
    conditions,
    fetch_rows,
    format_value,
    ids_query,
    ordered_id_parts,
    ordered_ids,
)
from shahrtrain_desktop.services.listings.stages import (
    CERTIFICATES,
    DELIVERY,
    NEEDS,
    OFFERINGS,
    OUTCOMES,
    PEOPLE,
    SPECS,
    SUPERVISION,
)

__all__ = [
    "CERTIFICATES",
    "DELIVERY",
    "FIRST_PART",
    "LATER_PART",
    "LTR_KINDS",
    "NEEDS",
    "OFFERINGS",
    "OUTCOMES",
    "PEOPLE",
    "SPECS",
    "SUPERVISION",
    "Choice",
    "Column",
    "Filters",
    "Kind",
    "ListingSpec",
    "available_years",
    "conditions",
    "fetch_rows",
    "format_value",
    "ids_query",
    "ordered_id_parts",
    "ordered_ids",
]
