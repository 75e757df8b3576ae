"""Pipeline tests run the real model on real sentences from ../shared (seeds and data)."""

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from pipelines.documents import document_from_text
from pipelines.extract import extract
from pipelines.nlp import load_pipeline
from pipelines.statements import Extraction

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@cache
def dev_case(case_id: str) -> dict:
    with (SHARED / "data" / "dev-statements" / "cases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            case = json.loads(line)
            if case["case_id"] == case_id:
                return case
    raise KeyError(case_id)


@pytest.fixture(scope="session")
def run() -> Callable[..., Extraction]:
    nlp = load_pipeline()

    def run_text(text: str, **meta) -> Extraction:
        return next(extract(nlp, [document_from_text(text, max_bytes=None, **meta)]))

    return run_text


def relations(extraction: Extraction) -> set[tuple[str, str, str]]:
    """(speaker name, stance, target name) of every relation."""
    return {
        (st.speaker.name, rel.stance.value, rel.target.name)
        for st in extraction.statements
        for rel in st.relations
    }


def speakers(extraction: Extraction) -> set[str]:
    return {st.speaker.name for st in extraction.statements}
