"""Builders of synthetic input documents for tests (no files from the corpus needed)."""

from tests.builders.pdf_builder import build_pdf

__all__ = ["build_pdf"]
