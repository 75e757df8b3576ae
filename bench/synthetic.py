"""A deterministic synthetic graph with the shape of real diplomatic news, as GraphBatch rows.

Entities are real ones from the project's gazetteer (pipelines/data), so ids, names and
aliases look exactly like the pipeline's: `country:RUS`, `person:sergey-lavrov`,
`treaty:new-start`, `org:...`; statements and documents get content-like ids
(`statement:<16 hex>`, `doc:<16 hex>`). Rows are built with the pipeline's own row model
(pipelines.graph_rows.entity_node, stores.base.NodeRow/RelRow), with the properties
graph_rows writes, so both stores see what a real ingest would give them.

The shape (defaults of `Shape`, from the issue and from the dev set's counts):
- ~200 countries, 5,000 persons, 300 treaties, 40 organizations and 10 alliances;
- each statement has a speaker (85 % persons, Zipf s=0.8 over them; else a country or an
  organization), 0-2 stances (70 % criticizes) on targets drawn Zipf s=1.0 over all
  entities in a fixed random popularity order (the dev set's most criticized target, the
  United States, takes 11 of 86 relations: Zipf s=1 over ~5,500 entities gives the top one
  ~11 %), 0-3 mentions drawn the same way;
- statements come 1-5 to a document (reported in it with a span); 10 % of documents have a
  reprint in another outlet (REPRINT_OF, and REPORTED_IN from the same statements);
- dates are uniform over 20 years (2005-01-01 .. 2024-12-31); outlets Zipf over ~40 names.

The same (statements, seed, shape) always gives the same rows, whatever the batch size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from graph_schema import ALLOWED_PATTERNS, Label, RelType, Stance
from pipelines.gazetteer import Gazetteer, default_gazetteer
from pipelines.graph_rows import entity_node
from pipelines.statements import Entity
from stores.base import GraphBatch, NodeRow, RelRow

START = dt.date(2005, 1, 1)
YEARS = 20
MINHASH_VALUES = 128  # pipelines.dedup.NUM_PERM

_VERBS = ("criticized", "condemned", "welcomed", "praised", "warned", "urged", "rejected")
_WORDS = (
    "the", "policy", "of", "undermines", "regional", "security", "and", "stability", "we",
    "call", "on", "to", "respect", "international", "law", "dialogue", "cooperation",
    "sovereignty", "sanctions", "agreement", "talks", "partners", "negotiations", "escalation",
    "measures", "commitments", "obligations", "peace", "military", "economic",
)  # fmt: skip
_OUTLET_WORDS = ("Global", "Daily", "Eastern", "Western", "Pacific", "Atlantic", "Northern")
_OUTLET_KINDS = ("Times", "Herald", "Post", "News Agency", "Courier", "Observer", "Tribune")


@dataclass(frozen=True)
class Shape:
    """How many entities of each kind, and how skewed the choices are."""

    countries: int = 200
    persons: int = 5000
    treaties: int = 300
    organizations: int = 40
    alliances: int = 10
    outlets: int = 40
    target_zipf: float = 1.0
    speaker_zipf: float = 0.8
    outlet_zipf: float = 1.0
    person_speaker_share: float = 0.85
    criticizes_share: float = 0.7
    reprint_share: float = 0.1
    max_statements_per_document: int = 5
    years: int = YEARS
    start: dt.date = START


@dataclass
class Tally:
    """What was generated so far (filled in as batches are produced)."""

    statements: int = 0
    documents: int = 0
    nodes: int = 0
    relationships: int = 0
    by_rel_type: Counter[str] = field(default_factory=Counter)
    target_hits: Counter[str] = field(default_factory=Counter)  # stance relations per target
    first_date: dt.date | None = None
    last_date: dt.date | None = None


class SyntheticGraph:
    """`entity_batch()` then `statement_batches(n)`; or `batches(n)` for both, in order."""

    def __init__(
        self,
        statements: int,
        *,
        seed: int = 0,
        shape: Shape | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.statements = statements
        self.seed = seed
        self.shape = shape or Shape()
        self._gaz = gazetteer
        self.tally = Tally()

    # ------------------------------------------------------------------ entities

    @cached_property
    def entities(self) -> dict[Label, list[Entity]]:
        """The entities used, by label, each list in a seed-fixed order."""
        gaz = self._gaz or default_gazetteer()
        rng = random.Random(f"{self.seed}:entities")
        shape = self.shape
        wanted = {
            Label.COUNTRY: shape.countries,
            Label.PERSON: shape.persons,
            Label.TREATY: shape.treaties,
            Label.ORGANIZATION: shape.organizations,
            Label.ALLIANCE: shape.alliances,
        }
        chosen: dict[Label, list[Entity]] = {}
        for label, n in wanted.items():
            pool = sorted((e for e in gaz.entities.values() if e.type is label), key=lambda e: e.id)
            chosen[label] = rng.sample(pool, min(n, len(pool)))
        # Links to entities left out would dangle (the pipeline drops them too).
        ids = {e.id for group in chosen.values() for e in group}
        return {
            label: [
                e.model_copy(
                    update={
                        "country": e.country if e.country in ids else None,
                        "parties": tuple(p for p in e.parties if p in ids),
                    }
                )
                for e in group
            ]
            for label, group in chosen.items()
        }

    @cached_property
    def targets_by_rank(self) -> list[Entity]:
        """Every entity, most popular target first (a fixed random order)."""
        pool = [e for group in self.entities.values() for e in group]
        random.Random(f"{self.seed}:popularity").shuffle(pool)
        return pool

    @cached_property
    def outlets(self) -> list[str]:
        """Outlet names ("Global Times", "Daily Herald", ...), as many as the shape says."""
        names = [f"{word} {kind}" for kind in _OUTLET_KINDS for word in _OUTLET_WORDS]
        return random.Random(f"{self.seed}:outlets").sample(names, self.shape.outlets)

    def entity_batch(self) -> GraphBatch:
        """Every entity node, with SPEAKS_FOR and PARTY_TO links (as graph_rows writes them)."""
        batch = GraphBatch()
        labels = {e.id: e.type for group in self.entities.values() for e in group}
        party_labels, party_of_labels = ALLOWED_PATTERNS[RelType.PARTY_TO]
        for group in self.entities.values():
            for entity in group:
                batch.nodes.append(entity_node(entity))
        for group in self.entities.values():
            for entity in group:
                if entity.country and entity.type in (Label.PERSON, Label.ORGANIZATION):
                    props = {"role": entity.role} if entity.role else {}
                    batch.rels.append(
                        RelRow(
                            type=RelType.SPEAKS_FOR,
                            start=entity.id,
                            end=entity.country,
                            props=props,
                        )
                    )
                for party in entity.parties:
                    # The gazetteer names alliances as parties to some treaties (NATO to
                    # the North Atlantic Treaty), a pattern graph_schema does not allow.
                    if labels[party] in party_labels and entity.type in party_of_labels:
                        batch.rels.append(RelRow(type=RelType.PARTY_TO, start=party, end=entity.id))
        self._count(batch)
        return batch

    # ------------------------------------------------------------------ statements

    def statement_batches(self, statements_per_batch: int = 1000) -> Iterator[GraphBatch]:
        """Documents with their statements and links, about statements_per_batch a batch."""
        shape = self.shape
        rng = random.Random(f"{self.seed}:statements")
        persons = self.entities[Label.PERSON]
        other_speakers = [
            *self.entities[Label.COUNTRY],
            *self.entities[Label.ORGANIZATION],
            *self.entities[Label.ALLIANCE],
        ]
        person_cw = _zipf_cum_weights(len(persons), shape.speaker_zipf)
        other_cw = _zipf_cum_weights(len(other_speakers), shape.speaker_zipf)
        targets = self.targets_by_rank
        target_cw = _zipf_cum_weights(len(targets), shape.target_zipf)
        outlets = self.outlets
        outlet_cw = _zipf_cum_weights(len(outlets), shape.outlet_zipf)
        days = (shape.start.replace(year=shape.start.year + shape.years) - shape.start).days

        batch = GraphBatch()
        in_batch = 0
        made = 0
        doc_number = 0
        while made < self.statements:
            doc_number += 1
            n = min(rng.randint(1, shape.max_statements_per_document), self.statements - made)
            published = shape.start + dt.timedelta(days=rng.randrange(days))
            outlet = rng.choices(outlets, cum_weights=outlet_cw)[0]
            doc_id = _hex_id("doc", self.seed, "doc", doc_number)
            documents = [(doc_id, outlet, published)]
            if rng.random() < shape.reprint_share:
                other = rng.choices(outlets, cum_weights=outlet_cw)[0]
                documents.append(
                    (_hex_id("doc", self.seed, "reprint", doc_number), other, published)
                )
            for number, (did, name, day) in enumerate(documents):
                batch.nodes.append(_document_row(rng, did, name, day, doc_number, number))
            if len(documents) > 1:
                batch.rels.append(
                    RelRow(type=RelType.REPRINT_OF, start=documents[1][0], end=doc_id)
                )
            offset = rng.randrange(200, 600)
            for _ in range(n):
                made += 1
                if rng.random() < shape.person_speaker_share:
                    speaker = rng.choices(persons, cum_weights=person_cw)[0]
                else:
                    speaker = rng.choices(other_speakers, cum_weights=other_cw)[0]
                st_id = _hex_id("statement", self.seed, "statement", made)
                quote = _quote(rng)
                batch.nodes.append(
                    NodeRow(
                        label=Label.STATEMENT,
                        id=st_id,
                        props={
                            "quote": quote,
                            "date": published.isoformat(),
                            "kind": "direct" if rng.random() < 0.6 else "reported",
                            **({"role": speaker.role} if speaker.role else {}),
                        },
                    )
                )
                batch.rels.append(RelRow(type=RelType.SAID, start=speaker.id, end=st_id))
                span = {"span_start": offset, "span_end": offset + len(quote)}
                offset += len(quote) + rng.randrange(50, 400)
                for did, _, _ in documents:
                    batch.rels.append(
                        RelRow(type=RelType.REPORTED_IN, start=st_id, end=did, props=span)
                    )
                stances = rng.choices((0, 1, 2), weights=(15, 75, 10))[0]
                chosen: set[str] = {speaker.id}
                for target in rng.choices(targets, cum_weights=target_cw, k=stances):
                    if target.id in chosen:
                        continue
                    chosen.add(target.id)
                    crit = rng.random() < shape.criticizes_share
                    stance = Stance.CRITICIZES if crit else Stance.SUPPORTS
                    batch.rels.append(
                        RelRow(
                            type=stance.rel_type,
                            start=st_id,
                            end=target.id,
                            props={
                                "evidence": quote[:120],
                                "confidence": round(0.5 + rng.random() / 2, 2),
                                "rule": "speaker_verb" if crit else "support_verb",
                            },
                        )
                    )
                    self.tally.target_hits[target.id] += 1
                mentions = rng.choices((0, 1, 2, 3), weights=(30, 35, 25, 10))[0]
                for mentioned in rng.choices(targets, cum_weights=target_cw, k=mentions):
                    if mentioned.id in chosen:
                        continue
                    chosen.add(mentioned.id)
                    batch.rels.append(RelRow(type=RelType.MENTIONS, start=st_id, end=mentioned.id))
                self._note_date(published)
                in_batch += 1
            self.tally.statements = made
            self.tally.documents += len(documents)
            if in_batch >= statements_per_batch:
                self._count(batch)
                yield batch
                batch, in_batch = GraphBatch(), 0
        if batch.nodes or batch.rels:
            self._count(batch)
            yield batch

    def batches(self, statements_per_batch: int = 1000) -> Iterator[GraphBatch]:
        """The entity batch, then the statement batches."""
        yield self.entity_batch()
        yield from self.statement_batches(statements_per_batch)

    # ------------------------------------------------------------------ bookkeeping

    def _count(self, batch: GraphBatch) -> None:
        self.tally.nodes += len(batch.nodes)
        self.tally.relationships += len(batch.rels)
        self.tally.by_rel_type.update(rel.type.value for rel in batch.rels)

    def _note_date(self, day: dt.date) -> None:
        tally = self.tally
        if tally.first_date is None or day < tally.first_date:
            tally.first_date = day
        if tally.last_date is None or day > tally.last_date:
            tally.last_date = day


def _zipf_cum_weights(n: int, s: float) -> list[float]:
    """Cumulative weights of ranks 1..n under Zipf's law with exponent s (for rng.choices)."""
    return list(itertools.accumulate(1 / rank**s for rank in range(1, n + 1)))


def _hex_id(prefix: str, seed: int, kind: str, number: int) -> str:
    digest = hashlib.sha256(f"{seed}:{kind}:{number}".encode()).hexdigest()
    return f"{prefix}:{digest[:16]}"


def _quote(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(12, 40))
    return f"We {rng.choice(_VERBS)} " + " ".join(words) + "."


def _document_row(
    rng: random.Random, doc_id: str, outlet: str, published: dt.date, number: int, copy: int
) -> NodeRow:
    slug = outlet.lower().replace(" ", "")
    return NodeRow(
        label=Label.DOCUMENT,
        id=doc_id,
        props={
            "title": f"Story {number}" + (f" (reprint {copy})" if copy else ""),
            "outlet": outlet,
            "published": published.isoformat(),
            "url": f"https://{slug}.example/{published:%Y/%m/%d}/{number}-{copy}",
            "source_file": f"synthetic/{number}-{copy}.txt",
            "minhash": [rng.getrandbits(32) for _ in range(MINHASH_VALUES)],
        },
    )


def zipf_top_share(hits: Counter[str], top: int = 1) -> float:
    """Share of all hits taken by the `top` most hit keys."""
    total = sum(hits.values())
    return sum(n for _, n in hits.most_common(top)) / total if total else 0.0


def sample_targets(graph: SyntheticGraph, k: int, seed: int = 1) -> Sequence[Entity]:
    """k query targets drawn like the statements' targets (users ask about what is in news)."""
    targets = graph.targets_by_rank
    cw = _zipf_cum_weights(len(targets), graph.shape.target_zipf)
    return random.Random(seed).choices(targets, cum_weights=cw, k=k)
