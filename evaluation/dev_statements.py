"""The dev-statements benchmark: our extractions scored by the data set's own scorer.

Each case `text` goes through `document_from_text(text)` alone (no URL, no date, as the
data README asks) and one batched `extract`; each extraction's contract JSON
(`{"document": …, "statements": […]}`) is written to OUTDIR/<case_id>.json, and the
official `dev-statements/score.py` (loaded from its path, not copied) scores that folder:
speakers, relations, treaties and countries micro P/R/F1, date accuracy on the dated
cases, and recall per gold stance. A case whose text cannot be read as a Document gets no
file, which the scorer counts as empty output.
"""

import importlib.util
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field, model_validator
from spacy.language import Language

from evaluation.metrics import PRF
from pipelines.documents import DocumentError, document_from_text
from pipelines.extract import extract

CASES = Path("dev-statements") / "cases.jsonl"
SCORER = Path("dev-statements") / "score.py"


class DateAccuracy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    correct: int
    total: int  # cases with a gold date

    @model_validator(mode="before")
    @classmethod
    def _drop_accuracy(cls, data: Any) -> Any:
        """Accept a dumped DateAccuracy: accuracy is computed, not stored."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k != "accuracy"}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


class DevStatementsScore(BaseModel):
    """The official scorer's figures on our outputs."""

    model_config = ConfigDict(extra="forbid")

    cases: int
    unreadable: list[str]  # case ids whose text document_from_text rejected
    speakers: PRF
    relations: PRF
    treaties: PRF
    countries: PRF
    dates: DateAccuracy
    stance_recall: dict[str, PRF]  # gold stance -> recall of its relations (no precision)


@cache
def load_scorer(path: Path) -> ModuleType:
    """The official score.py as a module (standard library only; importing runs nothing)."""
    spec = importlib.util.spec_from_file_location("dev_statements_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the dev-statements scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_outputs(nlp: Language, cases: Sequence[dict], outdir: Path) -> list[str]:
    """Extract every case and write OUTDIR/<case_id>.json; returns the unreadable case ids."""
    outdir.mkdir(parents=True, exist_ok=True)
    readable, unreadable = [], []
    for case in cases:
        try:
            readable.append((case["case_id"], document_from_text(case["text"])))
        except DocumentError:
            unreadable.append(case["case_id"])
            (outdir / f"{case['case_id']}.json").unlink(missing_ok=True)  # no stale output
    extractions = extract(nlp, (document for _, document in readable))
    for (case_id, _), extraction in zip(readable, extractions, strict=True):
        contract = extraction.model_dump(mode="json", include={"document", "statements"})
        (outdir / f"{case_id}.json").write_text(
            json.dumps(contract, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return unreadable


def score_outputs(scorer: ModuleType, cases: Sequence[dict], outdir: Path) -> DevStatementsScore:
    """Run the official scorer on OUTDIR for these cases (it prints nothing unless verbose)."""
    totals, stance_totals, (correct, dated), _ = scorer.score(list(cases), str(outdir))

    def prf(counts) -> PRF:
        return PRF.from_counts(counts.tp, counts.fp, counts.fn)

    return DevStatementsScore(
        cases=len(cases),
        unreadable=[],
        speakers=prf(totals["speakers"]),
        relations=prf(totals["relations"]),
        treaties=prf(totals["treaties"]),
        countries=prf(totals["countries"]),
        dates=DateAccuracy(correct=correct, total=dated),
        stance_recall={
            stance: PRF(gold=c.tp + c.fn, matched_gold=c.tp) for stance, c in stance_totals.items()
        },
    )


def evaluate_dev_statements(
    nlp: Language, data_dir: Path, outdir: Path, *, limit: int | None = None
) -> DevStatementsScore:
    """Extract the dev-statements cases into OUTDIR and score them with the official scorer."""
    scorer = load_scorer((data_dir / SCORER).resolve())
    cases = scorer.load_cases(str(data_dir / CASES))[:limit]
    unreadable = write_outputs(nlp, cases, outdir)
    return score_outputs(scorer, cases, outdir).model_copy(update={"unreadable": unreadable})
