"""The claims-by-sources matrix: one row per claim, one column per source, for tables and heat maps."""

from __future__ import annotations

import pandas as pd

from .result import CompareResult


def claims_matrix(result: CompareResult) -> pd.DataFrame:
    """Rows = claim ids; columns ``status``, ``kind``, ``claim`` then one per source label holding
    ``supports`` / ``adds figure`` (supports the sentence, gives a figure no other source has) /
    ``contradicts`` / ``only source`` or an empty string when the source is silent."""
    labels = [s.label for s in result.sources]
    rows = []
    for claim in result.claims:
        row = {"status": claim.status, "kind": claim.kind, "claim": claim.text}
        for source in result.sources:
            row[source.label] = claim.cells.get(source.index, "")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["status", "kind", "claim", *labels])
    frame.index = pd.Index([c.id for c in result.claims], name="claim_id")
    return frame
