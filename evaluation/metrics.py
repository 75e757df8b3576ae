"""Precision, recall and F1 from match counts, shared by the evaluation modules."""

from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field, model_validator


class PRF(BaseModel):
    """How many items were predicted and annotated, and how many of each side matched.

    Precision = matched predictions / predictions; recall = matched gold items / gold items.
    The two matched counts are equal under one-to-one matching (sets of triples); they can
    differ when several predictions may match one gold item (span matching). Scores are 0.0
    when their denominator is 0. PRFs add up, which gives micro-averages.
    """

    model_config = ConfigDict(extra="forbid")

    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0

    @model_validator(mode="before")
    @classmethod
    def _drop_scores(cls, data: Any) -> Any:
        """Accept a dumped PRF: its scores are computed, not stored."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in ("precision", "recall", "f1")}
        return data

    @model_validator(mode="after")
    def _check(self) -> "PRF":
        if not (0 <= self.matched_predicted <= self.predicted):
            raise ValueError(
                f"matched_predicted={self.matched_predicted} must lie in 0..{self.predicted}"
            )
        if not (0 <= self.matched_gold <= self.gold):
            raise ValueError(f"matched_gold={self.matched_gold} must lie in 0..{self.gold}")
        return self

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> "PRF":
        """From true positives, false positives and false negatives (one-to-one matching)."""
        return cls(predicted=tp + fp, gold=tp + fn, matched_predicted=tp, matched_gold=tp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(
            predicted=self.predicted + other.predicted,
            gold=self.gold + other.gold,
            matched_predicted=self.matched_predicted + other.matched_predicted,
            matched_gold=self.matched_gold + other.matched_gold,
        )
