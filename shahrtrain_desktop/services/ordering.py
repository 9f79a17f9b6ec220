"""Reordering a settings list (checklist items, questionnaire items) one step at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class Ordered(Protocol):
    id: int
    sort_order: int


T = TypeVar("T", bound=Ordered)


def move_in_order(items: Sequence[T], item_id: int, step: int) -> T | None:
    """Move the item ``step`` places up (negative) or down; the ends stay put. Renumbers
    ``sort_order`` 1… where it changed; returns the item moved, or None if it is not listed."""
    ordered = list(items)
    index = next((i for i, item in enumerate(ordered) if item.id == item_id), None)
    if index is None:
        return None
    moved = ordered.pop(index)
    ordered.insert(max(0, min(len(ordered), index + step)), moved)
    for number, item in enumerate(ordered, start=1):
        if item.sort_order != number:
            item.sort_order = number
    return moved
