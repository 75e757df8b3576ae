"""Quote attribution on the GUM Wikinews documents, scored the way BBC Citron scores PARC 3.0.

Each document `text` goes through `document_from_text(text)` and one batched `extract`.
Every Statement is one predicted quote: cue = `Statement.cue` (the reporting verb), sources
= [`Statement.source`] (the words naming the speaker), contents = [`Statement.span`]. Every
gold attribution is one gold quote with its `cue`, `sources` and `contents` span lists.

Method (after bbc/citron, citron/metrics.py and scripts/evaluate; no code copied)
    Spans are compared as token spans: character offsets become the first and last token
    they touch (tokens: runs of letters/digits, or single other characters). Citron uses
    spaCy tokens; a plain regex keeps the scorer independent of the model under test.

    Exact match, per document, summed over documents (micro):
      * cue: a predicted quote is correct when its cue equals the cue of some gold quote;
        a gold quote is found when some predicted quote has its cue.
      * source: a predicted quote is correct when some gold quote's cue overlaps its cue
        and the two source span lists are equal; a gold quote is found likewise.
      * content: as source, with the content span lists.
      precision = correct predicted quotes / predicted quotes, recall = found gold quotes /
      gold quotes.
    Token overlap, per document, summed: the number of predicted tokens that are also gold
    tokens (of the same part: cue, sources or contents), over all predicted tokens
    (precision) and over all gold tokens (recall).

Where this differs from Citron, and why
    * GUM has gold quotes without a cue (45 of 247: "Image: United States Navy.", colon
      attributions) and our statements may lack one; Citron's quotes always have a cue.
      Such quotes are left out of the cue figures (nothing to find, nothing claimed), and
      for source/content a pair of quotes is anchored by overlapping contents when either
      has no cue. A gold cue of several spans ("tweeted ... said") is a span list and must
      be matched as a whole, like sources and contents.
    * Span lists are compared as sorted lists (Citron compares them in order).
    * Punctuation-only tokens at the edges of a span are dropped before comparing: GUM
      contents keep quotation marks and the final comma or stop, and whether they are in
      the span does not change who said what. (Citron compares raw token spans.)
    * Overlap counts each token at most as many times as the other side covers it
      (multiset intersection). Citron sums overlaps over all predicted x gold pairs, which
      is the same when the spans on each side are disjoint, but can exceed 1.0 when two
      quotes share a source ("he said ..., he added ...").
    * Spans "overlap" when they share a token (Citron also counts spans that only touch).
    * Precision and recall count matches on their own side (Citron counts true positives
      on the predicted side for both, which differs only when one prediction matches
      several gold quotes).
"""

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from spacy.language import Language

from evaluation.metrics import PRF
from pipelines.documents import DocumentError, document_from_text
from pipelines.extract import extract
from pipelines.statements import Extraction

GUM = Path("attribution") / "gum_news_attribution.jsonl"
PARTS = ("cue", "sources", "contents")
TOKEN = re.compile(r"[^\W_]+|\S", re.UNICODE)

CharSpan = tuple[int, int]
TokenSpan = tuple[int, int]  # first token index, last token index + 1


@dataclass(frozen=True)
class Quote:
    """One attribution as character spans: cue, sources and contents (each a span list)."""

    cue: tuple[CharSpan, ...] = ()
    sources: tuple[CharSpan, ...] = ()
    contents: tuple[CharSpan, ...] = ()


@dataclass(frozen=True)
class TokenQuote:
    """One attribution as sorted token spans, edge punctuation removed."""

    cue: tuple[TokenSpan, ...]
    sources: tuple[TokenSpan, ...]
    contents: tuple[TokenSpan, ...]

    def part(self, name: str) -> tuple[TokenSpan, ...]:
        return getattr(self, name)


class Tokens:
    """Token boundaries of one text, to turn character spans into token spans."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]
        self.is_word = [bool(re.match(r"[^\W_]", text[s:e])) for s, e in found]

    def span(self, start: int, end: int) -> TokenSpan | None:
        """Tokens touched by [start, end), without punctuation-only edge tokens."""
        first = bisect.bisect_right(self.ends, start)  # first token ending after start
        last = bisect.bisect_left(self.starts, end)  # first token starting at/after end
        while first < last and not self.is_word[first]:
            first += 1
        while last > first and not self.is_word[last - 1]:
            last -= 1
        return (first, last) if first < last else None

    def spans(self, spans: Iterable[CharSpan]) -> tuple[TokenSpan, ...]:
        out = (self.span(s, e) for s, e in spans)
        return tuple(sorted({t for t in out if t is not None}))

    def quote(self, quote: Quote) -> TokenQuote:
        return TokenQuote(*(self.spans(getattr(quote, p)) for p in PARTS))


def _overlap(a: Sequence[TokenSpan], b: Sequence[TokenSpan]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _anchored(p: TokenQuote, g: TokenQuote) -> bool:
    """Citron pairs quotes by overlapping cues; without a cue on either side, by contents."""
    if p.cue and g.cue:
        return _overlap(p.cue, g.cue)
    return _overlap(p.contents, g.contents)


def exact_scores(predicted: Sequence[TokenQuote], gold: Sequence[TokenQuote]) -> dict[str, PRF]:
    """Exact-match counts of one document for cue, sources and contents."""
    out = {}
    cued_p = [p for p in predicted if p.cue]
    cued_g = [g for g in gold if g.cue]
    out["cue"] = PRF(
        predicted=len(cued_p),
        gold=len(cued_g),
        matched_predicted=sum(any(p.cue == g.cue for g in cued_g) for p in cued_p),
        matched_gold=sum(any(p.cue == g.cue for p in cued_p) for g in cued_g),
    )
    for part in ("sources", "contents"):

        def same(p: TokenQuote, g: TokenQuote, part: str = part) -> bool:
            return _anchored(p, g) and p.part(part) == g.part(part)

        out[part] = PRF(
            predicted=len(predicted),
            gold=len(gold),
            matched_predicted=sum(any(same(p, g) for g in gold) for p in predicted),
            matched_gold=sum(any(same(p, g) for p in predicted) for g in gold),
        )
    return out


def _token_counts(quotes: Iterable[TokenQuote], part: str) -> Counter[int]:
    counts: Counter[int] = Counter()
    for quote in quotes:
        for start, end in quote.part(part):
            counts.update(range(start, end))
    return counts


def overlap_scores(predicted: Sequence[TokenQuote], gold: Sequence[TokenQuote]) -> dict[str, PRF]:
    """Token-overlap counts of one document for cue, sources and contents."""
    out = {}
    for part in PARTS:
        p, g = _token_counts(predicted, part), _token_counts(gold, part)
        shared = sum((p & g).values())
        out[part] = PRF(
            predicted=sum(p.values()),
            gold=sum(g.values()),
            matched_predicted=shared,
            matched_gold=shared,
        )
    return out


def gold_quotes(record: Mapping) -> list[Quote]:
    """The gold attributions of one GUM document."""

    def spans(items: Iterable[Mapping]) -> tuple[CharSpan, ...]:
        return tuple((int(s["start"]), int(s["end"])) for s in items)

    return [
        Quote(cue=spans(q["cue"]), sources=spans(q["sources"]), contents=spans(q["contents"]))
        for q in record.get("quotes", [])
    ]


def predicted_quotes(extraction: Extraction) -> list[Quote]:
    """Our statements as quotes (cue, source and content spans)."""
    return [
        Quote(
            cue=(st.cue,) if st.cue else (),
            sources=(st.source,) if st.source else (),
            contents=(st.span,),
        )
        for st in extraction.statements
    ]


class SpanScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exact: PRF
    overlap: PRF  # counts are tokens


class AttributionScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: int
    unreadable: list[str]  # doc ids document_from_text rejected (no predictions)
    gold_quotes: int
    gold_quotes_without_cue: int
    predicted_quotes: int
    predicted_quotes_without_cue: int
    cue: SpanScore
    source: SpanScore
    content: SpanScore


def score_documents(
    pairs: Iterable[tuple[str, Sequence[Quote], Sequence[Quote]]],
) -> dict[str, SpanScore]:
    """Micro exact and overlap scores over (text, predicted, gold) documents."""
    exact = {p: PRF() for p in PARTS}
    overlap = {p: PRF() for p in PARTS}
    for text, predicted, gold in pairs:
        tokens = Tokens(text)
        p = [tokens.quote(q) for q in predicted]
        g = [tokens.quote(q) for q in gold]
        for part, prf in exact_scores(p, g).items():
            exact[part] += prf
        for part, prf in overlap_scores(p, g).items():
            overlap[part] += prf
    return {
        name: SpanScore(exact=exact[part], overlap=overlap[part])
        for name, part in (("cue", "cue"), ("source", "sources"), ("content", "contents"))
    }


def evaluate_attribution(
    nlp: Language, data_dir: Path, *, limit: int | None = None
) -> AttributionScore:
    """Cue, source and content spans of our statements against the GUM attributions."""
    lines = (data_dir / GUM).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()][:limit]
    documents, readable, unreadable = [], [], []
    for record in records:
        try:
            documents.append(document_from_text(record["text"]))
            readable.append(record)
        except DocumentError:
            unreadable.append(record["doc_id"])
    predicted: dict[str, list[Quote]] = {
        record["doc_id"]: predicted_quotes(extraction)
        for record, extraction in zip(readable, extract(nlp, documents), strict=True)
    }
    gold = {record["doc_id"]: gold_quotes(record) for record in records}
    scores = score_documents(
        (r["text"], predicted.get(r["doc_id"], []), gold[r["doc_id"]]) for r in records
    )
    all_predicted = [q for qs in predicted.values() for q in qs]
    all_gold = [q for qs in gold.values() for q in qs]
    return AttributionScore(
        documents=len(records),
        unreadable=unreadable,
        gold_quotes=len(all_gold),
        gold_quotes_without_cue=sum(1 for q in all_gold if not q.cue),
        predicted_quotes=len(all_predicted),
        predicted_quotes_without_cue=sum(1 for q in all_predicted if not q.cue),
        **scores,
    )
