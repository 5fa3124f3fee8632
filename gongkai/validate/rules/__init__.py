"""The rule modules, imported explicitly so that none is silently dropped."""

from __future__ import annotations

import importlib

RULE_MODULES = (
    "rate",
    "share",
    "yoy",
    "zero_denominator",
    "enumeration",
    "balance",
    "part_whole",
    "placeholder",
    "score",
    "grade",
    "score_formula",
    "table_sum",
    "table_balance",
    "cross_table",
    "cross_text_table",
    "direction_word",
    "missing_table",
    "foreign_entity",
    "procurement",
    "unit",
    "change_sum",
)


def load_rules() -> None:
    """Import every rule module (registering its rules) once."""
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
