"""The models that travel from extraction to the store: entities, relations, statements.

Only extract.py builds them from spaCy annotations; everything downstream reads them.
"""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from graph_schema import Label, Stance


class EntityRef(BaseModel):
    """A pointer to a canonical entity, as it appears in a statement."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    type: Label


class Entity(EntityRef):
    """A canonical entity with what the graph stores about it."""

    aliases: tuple[str, ...] = ()
    country: str | None = None  # the country id a person or institution speaks for
    role: str | None = None  # a person's office, e.g. "Foreign Minister"
    year: int | None = None  # a treaty's year
    parties: tuple[str, ...] = ()  # ids of a treaty's or alliance's parties
    wikidata: str | None = None


class Relation(BaseModel):
    """A stance from the statement's speaker to a target, with the sentence that shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stance: Stance
    target: EntityRef
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str  # which documented rule produced it (see pipelines/components/stance.py)


class Statement(BaseModel):
    """One quote or piece of reported speech attributed to one speaker."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    speaker: EntityRef
    role: str | None = None
    speaks_for: EntityRef | None = None
    date: dt.date | None = None
    quote: str
    span: tuple[int, int]  # character offsets into the document's original text
    kind: str  # "direct" (in quotation marks) or "reported"
    cue: tuple[int, int] | None = None  # the reporting verb ("said", "according to")
    source: tuple[int, int] | None = None  # the words naming the speaker ("the minister")
    relations: tuple[Relation, ...] = ()
    mentions: tuple[EntityRef, ...] = ()


class DocumentInfo(BaseModel):
    """The document part of the extraction contract."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    source_file: str | None = None


class Extraction(BaseModel):
    """Everything extracted from one document: the `extract --json` contract plus entities."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: DocumentInfo
    statements: tuple[Statement, ...]
    entities: tuple[Entity, ...] = ()  # every entity a statement refers to, with its details
    warnings: tuple[str, ...] = ()
