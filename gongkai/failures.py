"""A part of the pipeline that failed on one document, kept so the rest of it is still reported.

A table reader, text matcher or rule that raises on one document must not cost the
document: ``attempt`` runs the part, and when it raises an ``Exception`` records a
``StageFailure`` instead. ``failure_finding`` turns each failure into one ``internal``
finding (severity ``warning``) whose Chinese message names the stage, the table, page
or rule concerned, and the exception. ``KeyboardInterrupt`` and ``SystemExit`` are not
``Exception``s and always propagate; so do ``MemoryError`` (the process, not the part, is
in trouble) and gongkai's own errors (``GongkaiError``: an unreadable input, a limit),
which end the document on purpose.
With ``reraise`` (``Settings.debug``, the CLI's ``--debug``) every failure propagates, so
developers get the traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from gongkai.errors import GongkaiError
from gongkai.schemas.records import Evidence, Finding

T = TypeVar("T")

INTERNAL = "internal"

# stage → (what gongkai was doing, ``{where}`` filled in; what is missing from the report)
STAGES: dict[str, tuple[str, str]] = {
    "classify": ("识别文件类型、年度和部门", "文件按“其他”类处理，年度和部门未识别"),
    "text_matcher": ("读取{where}", "其中的数字未计入"),
    "binding": ("把正文数字组合为比率、占比、增减和合计陈述", "正文数字照常列出，但这些陈述未核对"),
    "recognize_tables": ("识别标准表格", "各标准表的数字未计入，是否缺表也未核对"),
    "table_reader": ("读取{where}", "该表的数字未计入"),
    "score_tables": ("读取绩效评分表", "评分表的数字未计入"),
    "funds_table": ("读取项目资金表", "资金表的数字未计入"),
    "rule": ("执行规则 {where}", "该规则的核对没有结果"),
}

# Rules that judge what a document lacks: after these stages failed, the absence is unknown,
# so the rules are not run (their findings would accuse the document of gongkai's failure).
UNFOUNDED_AFTER: dict[str, tuple[str, ...]] = {"recognize_tables": ("missing_table",)}


@dataclass(frozen=True, slots=True)
class StageFailure:
    """One part of the pipeline that raised on this document.

    ``stage`` is a key of ``STAGES`` (the finding's rule id is ``internal.<stage>``);
    ``where`` names the part (``第9页《支出预算总表》``, ``第3页的一段正文``, a rule id);
    ``page`` and ``evidence`` place it when it has a place; ``error_type`` and ``detail``
    are the exception's class name and message.
    """

    stage: str
    where: str
    page: int | None
    error_type: str
    detail: str
    evidence: Evidence | None = None

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"unknown stage {self.stage!r}")

    @property
    def rule(self) -> str:
        """The rule id of the finding it becomes: ``internal.<stage>``."""
        return f"{INTERNAL}.{self.stage}"

    @property
    def message(self) -> str:
        """The Chinese sentence of the finding: stage, place, exception and what is missing."""
        doing, missing = STAGES[self.stage]
        error = f"{self.error_type}: {self.detail}" if self.detail else self.error_type
        return f"{doing.format(where=self.where)}时内部出错（{error}），{missing}；其余内容照常核对。"


def unfounded_rules(failures: list[StageFailure]) -> tuple[str, ...]:
    """The rule ids (prefixes) not to run on a document with these failures."""
    return tuple(dict.fromkeys(rule for f in failures for rule in UNFOUNDED_AFTER.get(f.stage, ())))


def failure_finding(failure: StageFailure) -> Finding:
    """The ``internal`` finding reporting one failure."""
    return Finding(
        rule=failure.rule,
        category=INTERNAL,
        severity="warning",
        message=failure.message,
        evidence=(failure.evidence,) if failure.evidence is not None else (),
    )


def attempt(
    call: Callable[[], T],
    failures: list[StageFailure],
    stage: str,
    *,
    where: str = "",
    page: int | None = None,
    evidence: Evidence | None = None,
    reraise: bool = False,
) -> T | None:
    """``call()``, or ``None`` with a ``StageFailure`` appended to ``failures`` when it raises.

    Only ``Exception``s are caught, never a ``GongkaiError`` or ``MemoryError``; with
    ``reraise`` nothing is.
    """
    try:
        return call()
    except (GongkaiError, MemoryError):
        raise
    except Exception as exc:
        if reraise:
            raise
        detail = " ".join(str(exc).split())
        failures.append(StageFailure(stage, where, page, type(exc).__name__, detail[:200], evidence))
        return None
