"""``notebooks/dataset_tour.ipynb`` runs against an ``extract`` output of the real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO

NOTEBOOK = REPO / "notebooks" / "dataset_tour.ipynb"


def test_the_dataset_tour_runs(small_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("GONGKAI_DATASET", str(small_dataset))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any(str(small_dataset) in o.get("text", "") for o in outputs)
