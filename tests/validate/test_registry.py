"""The rule registry: every rule module is listed and registers rules; every rule is well formed,
documented and tested."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import gongkai.validate.rules as rules_package
from gongkai.schemas.records import CATEGORIES, SEVERITIES
from gongkai.validate import REGISTRY
from gongkai.validate.rules import RULE_MODULES, load_rules

load_rules()

RULES_DIR = Path(rules_package.__file__).parent
TESTS_DIR = Path(__file__).parent
RULE_IDS = sorted(REGISTRY)


def _modules_with_rules() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rule_id, rule in REGISTRY.items():
        out.setdefault(rule.check.__module__.rsplit(".", 1)[-1], []).append(rule_id)
    return out


@pytest.mark.parametrize("module", RULE_MODULES)
def test_listed_module_exists_and_registers_rules(module: str) -> None:
    assert importlib.util.find_spec(f"gongkai.validate.rules.{module}") is not None
    assert _modules_with_rules().get(module), f"rules/{module}.py registers no rule"


def test_every_rule_file_is_listed() -> None:
    files = sorted(p.stem for p in RULES_DIR.glob("*.py") if p.name != "__init__.py")
    unlisted = [name for name in files if name not in RULE_MODULES]
    assert unlisted == [], f"rule modules not in RULE_MODULES (their rules never run): {unlisted}"


def test_module_names_are_unique() -> None:
    assert len(set(RULE_MODULES)) == len(RULE_MODULES)


def test_registry_is_not_empty() -> None:
    assert len(REGISTRY) >= 20


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_is_well_formed(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.id == rule_id
    assert re.fullmatch(r"[a-z_]+\.[a-z_]+", rule_id), rule_id
    category = rule_id.split(".", 1)[0]
    assert category == rule.category
    assert category in CATEGORIES
    assert rule.severity in SEVERITIES
    assert rule.doc.strip()
    assert rule.doc == (rule.check.__doc__ or "").strip()


def _test_texts() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(TESTS_DIR.rglob("test_*.py")) if p.name != Path(__file__).name
    )


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_is_mentioned_by_a_test(rule_id: str) -> None:
    assert f'"{rule_id}"' in _test_texts(), f"no test under tests/validate/ mentions {rule_id}"


def test_the_registry_keeps_the_module_order_whatever_was_imported_first() -> None:
    import importlib

    from gongkai.validate import REGISTRY
    from gongkai.validate.rules import RULE_MODULES, load_rules

    load_rules()
    modules = [REGISTRY[rule_id].check.__module__.rsplit(".", 1)[-1] for rule_id in REGISTRY]
    known = [m for m in modules if m in RULE_MODULES]
    assert known == sorted(known, key=RULE_MODULES.index)
    # a rule module imported ahead of the others (a test importing one helper) changes nothing
    importlib.import_module("gongkai.validate.rules.unit")
    load_rules()
    assert [REGISTRY[r].check.__module__.rsplit(".", 1)[-1] for r in REGISTRY] == modules
