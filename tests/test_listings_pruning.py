"""Id queries leave out joins nothing needs, and return exactly the same ids in the same order."""

from __future__ import annotations

import pytest

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.demo import generate_demo
from shahrtrain_desktop.services.listings import stages
from shahrtrain_desktop.services.listings.base import Filters, ids_query

SPECS = [stages.NEEDS, stages.PEOPLE, stages.OUTCOMES, stages.CERTIFICATES, stages.SUPERVISION]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
@pytest.mark.parametrize("text", ["", "علی", "00"])
def test_pruned_query_returns_the_same_ids_in_the_same_order(
    db: Database, spec: stages.ListingSpec, text: str
) -> None:
    generate_demo(db, people=300, seed=2)
    filters = Filters(text=text)
    pruned = ids_query(spec, filters)
    full = ids_query(spec, filters, prune=False)
    with db.engine.connect() as conn:
        assert list(conn.scalars(pruned)) == list(conn.scalars(full))


def test_certificate_ids_in_default_order_need_no_join() -> None:
    sql = str(ids_query(stages.CERTIFICATES, Filters()))
    assert "JOIN" not in sql
    searched = str(ids_query(stages.CERTIFICATES, Filters(text="علی")))
    assert "JOIN person" in searched and "JOIN course" not in searched
