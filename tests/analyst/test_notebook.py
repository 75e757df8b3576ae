"""notebooks/analyst.ipynb runs top to bottom (as in CI, on a clean machine), and is kept in
git without outputs.

The notebook is executed with nbclient in a kernel of this interpreter, from its own folder,
with its graph in a temporary folder (DIPLOGRAPH_NOTEBOOK_DATA_DIR).
"""

import base64
import io
from pathlib import Path

import nbformat
import numpy as np
import pytest
from matplotlib.image import imread

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "analyst.ipynb"
CELL_TIMEOUT = 600


def test_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbclient import NotebookClient

    # The kernel inherits this environment: the notebook's graph goes to a temporary folder.
    monkeypatch.setenv("DIPLOGRAPH_NOTEBOOK_DATA_DIR", str(tmp_path / "graph"))
    monkeypatch.delenv("DIPLOGRAPH_DATA_DIR", raising=False)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error

    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    text = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for output in outputs
    )
    assert "Sergey Lavrov criticized the Japan-US alliance" in text
    pictures = [
        base64.b64decode(output["data"]["image/png"])
        for output in outputs
        if "image/png" in output.get("data", {})
    ]
    assert len(pictures) >= 3, "the timeline and the two stance graphs are shown"
    for png in pictures:
        image = imread(io.BytesIO(png), format="png")
        assert image.shape[0] >= 300 and image.shape[1] >= 600
        assert np.unique(image.reshape(-1, image.shape[-1]), axis=0).shape[0] > 50
    exports = tmp_path / "graph" / "exports"
    assert {"seeds.graphml", "seeds.json", "csv", "timeline.png", "stance-graph.svg"} <= {
        path.name for path in exports.iterdir()
    }
