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
    "direction_reason",
    "missing_table",
    "foreign_entity",
    "procurement",
    "unit",
    "change_sum",
    "item_changes",
    "restated",
    "basic_uses",
)


_ordered: set[str] | None = None  # the rule ids when the registry was last put in order


def load_rules() -> None:
    """Import every rule module (registering its rules) once, and keep the registry in the
    order of ``RULE_MODULES`` (then of definition), whichever module was imported first: the
    order of findings and checks must not depend on what else a process imported before."""
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    from gongkai.validate.registry import REGISTRY

    global _ordered
    if _ordered == set(REGISTRY):
        return  # ordered already (a rule replaced in place keeps its place)
    rank = {f"{__name__}.{name}": i for i, name in enumerate(RULE_MODULES)}
    ordered = sorted(REGISTRY.items(), key=lambda item: rank.get(item[1].check.__module__, len(rank)))
    REGISTRY.clear()
    REGISTRY.update(ordered)
    _ordered = set(REGISTRY)
