"""Settings: limits, the PDF backend and rule selection, validated in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

PDF_BACKENDS = ("pdfium", "plumber")
LIMITS = ("max_bytes", "max_pages", "timeout_seconds", "max_inflated_bytes", "max_chars", "max_line_chars", "max_cells", "max_page_items")


@dataclass(frozen=True)
class Settings:
    """How gongkai reads and checks a file.

    ``max_bytes``, ``max_pages``, ``timeout_seconds`` and the content limits bound the
    work one file may cause (``0`` means no limit): ``max_inflated_bytes`` the bytes a
    DOCX/XLSX may inflate to (checked before a part is read), ``max_chars`` the characters
    of text, ``max_line_chars`` the characters of one line or paragraph, ``max_cells`` the
    table cells, ``max_page_items`` the characters or drawn objects of one PDF page (checked
    before they are read). ``pdf_backend`` picks the PDF reader; ``rules`` and
    ``skip_rules`` select validation rules by id prefix (``"rate"`` selects every
    ``rate.*`` rule). A part of the pipeline (a table reader, a text matcher, a rule)
    that fails on a document becomes one ``internal`` finding and the rest is still
    reported; ``debug`` re-raises the exception instead, for its traceback.
    """

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 2000
    timeout_seconds: float = 300.0
    max_inflated_bytes: int = 256 * 1024 * 1024
    max_chars: int = 10_000_000
    max_line_chars: int = 100_000
    max_cells: int = 100_000
    max_page_items: int = 100_000
    pdf_backend: str = "pdfium"
    rules: tuple[str, ...] = ()
    skip_rules: tuple[str, ...] = ()
    debug: bool = False

    def __post_init__(self) -> None:
        if self.pdf_backend not in PDF_BACKENDS:
            raise ValueError(f"pdf_backend must be one of {PDF_BACKENDS}, not {self.pdf_backend!r}")
        for name in LIMITS:
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @classmethod
    def resolve(cls, value: Settings | dict[str, Any] | None = None, **overrides: Any) -> Settings:
        """Settings from ``None`` (defaults), a dict or an instance, with keyword overrides."""
        if value is None:
            base = cls()
        elif isinstance(value, Settings):
            base = value
        elif isinstance(value, dict):
            known = {f.name for f in fields(cls)}
            unknown = set(value) - known
            if unknown:
                raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
            base = cls(**value)
        else:
            raise TypeError(f"cannot make Settings from {type(value).__name__}")
        overrides = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **overrides) if overrides else base

    def rule_selected(self, rule_id: str) -> bool:
        """Whether a rule id passes the ``rules``/``skip_rules`` prefixes."""
        if self.rules and not any(_matches(rule_id, p) for p in self.rules):
            return False
        return not self.skipped(rule_id)

    def skipped(self, rule_id: str) -> bool:
        """Whether ``skip_rules`` names the id or a prefix of it (``internal`` skips every ``internal.*``)."""
        return any(_matches(rule_id, p) for p in self.skip_rules)


def _matches(rule_id: str, prefix: str) -> bool:
    return rule_id == prefix or rule_id.startswith(prefix + ".")
