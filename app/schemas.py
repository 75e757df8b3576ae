"""What the API and the CLI answer: list envelopes and the views QueryService builds.

Entities and statements are shown as the store records themselves (stores.base): they are
already plain, documented models, and a copy would only drift from them.
"""

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from graph_schema import Stance
from stores.base import EntityLink, EntityRecord, Neighbor, StatementRecord

T = TypeVar("T")

EntityView = EntityRecord
StatementView = StatementRecord

__all__ = [
    "EntityView",
    "HealthView",
    "NeighborsView",
    "Paged",
    "SpeakerSummary",
    "StatementView",
    "StatementsPage",
    "WhoAnswer",
]


class Paged(BaseModel, Generic[T]):
    """One page of a list, with the total it was cut from."""

    data: list[T] = Field(description="The items on this page.")
    count: int = Field(description="How many items match in total, across all pages.", ge=0)
    limit: int = Field(description="The most items a page holds.", ge=1)
    offset: int = Field(description="How many matching items come before this page.", ge=0)


class StatementsPage(Paged[StatementRecord]):
    """One page of statements, newest first, with the dates of all that match."""

    first_date: dt.date | None = Field(
        default=None, description="Date of the earliest dated statement matching, on any page."
    )
    last_date: dt.date | None = Field(
        default=None, description="Date of the latest dated statement matching, on any page."
    )


class SpeakerSummary(BaseModel):
    """One speaker who took the stance, with its newest statements showing it."""

    speaker: EntityLink = Field(description="The person, country or organization speaking.")
    count: int = Field(description="How many of its statements take the stance.", ge=1)
    first_date: dt.date | None = Field(description="Date of its earliest dated statement.")
    last_date: dt.date | None = Field(description="Date of its latest dated statement.")
    statements: list[StatementRecord] = Field(
        description=(
            "Its newest statements taking the stance (at most statements_per_speaker; "
            "`count` has them all), each with every source reporting it."
        )
    )


class WhoAnswer(BaseModel):
    """Who criticized (or supported) a target: speakers ranked by how often they did."""

    stance: Stance | None = Field(
        description="The stance asked about; null for who mentioned the target (/ask only)."
    )
    target_query: str = Field(description="The target as asked: a name, an alias or an id.")
    targets: list[EntityLink] = Field(
        description="The entities the target resolved to; empty when nothing matched."
    )
    speakers: list[SpeakerSummary] = Field(
        description="Speakers on this page: most statements first, then most recent."
    )
    total_speakers: int = Field(description="How many speakers there are in total.", ge=0)
    limit: int = Field(description="The most speakers a page holds.", ge=1)
    offset: int = Field(description="How many speakers come before this page.", ge=0)


class NeighborsView(BaseModel):
    """An entity and the entities linked to it through statements or structure."""

    entity: EntityRecord = Field(description="The entity asked about.")
    neighbors: list[Neighbor] = Field(
        description="Linked entities with the kind of link and how often, most frequent first."
    )


class HealthView(BaseModel):
    """The store is reachable, and how much it holds."""

    status: Literal["ok"] = Field(default="ok", description="Always 'ok' when answered.")
    store: str = Field(description="The store kind: 'embedded' or 'neo4j'.")
    nodes: int = Field(description="Number of nodes.", ge=0)
    relationships: int = Field(description="Number of relationships.", ge=0)
    by_label: dict[str, int] = Field(description="Number of nodes per label.")
