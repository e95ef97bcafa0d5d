"""Cross-case analysis in pandas: frames in, frames out, no SQL.

- :mod:`.rollup` - code depths, roll-up to a depth, merging codings into passages (segments)
- :mod:`.matrix` - case/document/participant/attribute x code matrices and grouped tables
- :mod:`.cooccurrence` - code x code co-occurrence (overlap, utterance, window; counts or Jaccard)
- :mod:`.framework` - framework matrices (quotes and summaries per case and code)
- :mod:`.tables` - frequency tables, cross-tabs, row/column %, means by group, half-up rounding
- :mod:`.judgements` - rating profiles, typology portraits, dominant values, judgement tables
- :mod:`.filters` - attribute conditions (``phase=primary``, ``fsm<10``)
- :mod:`.normalise` - value normalisation (one spelling per meaning; numbers out of text)
- :mod:`.quality` - data-quality checks on tables and attribute values

The modules import pandas inside their functions, so importing this package stays cheap.
"""

from __future__ import annotations

from .cooccurrence import MODES as COOCCURRENCE_MODES
from .cooccurrence import cooccurrence
from .filters import Condition, parse_where, select_cases
from .judgements import dominant, judgement_table, rating_profile, sample_mean, typology
from .matrix import (
    MEASURES,
    ROW_KINDS,
    CodingData,
    GroupedTable,
    Selection,
    code_matrix,
    grouped_matrix,
    select,
)
from .normalise import normalise_values, suggest_mapping, to_numbers
from .quality import Issue, check_table, check_values
from .tables import (
    MISSING,
    TOTAL,
    crosstab,
    describe_numbers,
    frequency_table,
    means_table,
    percent_table,
    round_frame,
    round_half_up,
    top_n,
)

__all__ = [
    "COOCCURRENCE_MODES", "MEASURES", "MISSING", "ROW_KINDS", "TOTAL", "CodingData", "Condition", "GroupedTable",
    "Issue", "Selection", "check_table", "check_values", "code_matrix", "cooccurrence", "crosstab",
    "describe_numbers", "dominant", "frequency_table", "grouped_matrix", "judgement_table", "means_table",
    "normalise_values", "parse_where", "percent_table", "rating_profile", "round_frame", "round_half_up",
    "sample_mean", "select", "select_cases", "suggest_mapping", "to_numbers", "top_n", "typology",
]
