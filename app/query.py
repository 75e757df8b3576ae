"""The read use cases behind both the API and the CLI: one QueryService over a GraphStore.

Names and ids are resolved here, paging is checked here, and answers are the views in
app/schemas.py. Domain errors (mapped to HTTP statuses in app/errors.py):

    NotFound(LookupError)   no entity with that id (404)
    BadQuery(ValueError)    a parameter out of range (422)

Store errors (stores.StoreError, StoreUnavailable) pass through unchanged.
"""

import datetime as dt
import re

from app.schemas import (
    HealthView,
    NeighborsView,
    Paged,
    SpeakerSummary,
    StatementsPage,
    WhoAnswer,
)
from graph_schema import Label, Stance
from stores.base import (
    EntityLink,
    EntityRecord,
    EntityTally,
    GraphStore,
    StatementFilter,
)

MAX_LIMIT = 500
# How many of each speaker's statements a "who" answer carries as evidence, by default and
# at most; the speaker's count covers them all, and /statements pages through the rest.
STATEMENTS_PER_SPEAKER = 5
MAX_STATEMENTS_PER_SPEAKER = 50
# The most entities one name resolves to: a vague name keeps its best-ranked matches.
RESOLVE_LIMIT = 100


class NotFound(LookupError):
    """The entity asked for does not exist."""


class BadQuery(ValueError):
    """A query parameter is out of range or inconsistent."""


class QueryService:
    """Read use cases over one store: resolve names, list statements, answer "who"."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def resolve(
        self, name_or_id: str, label: Label | None = None, *, containing: bool = True
    ) -> list[EntityRecord]:
        """The entities a name, an alias or an id stands for (of this label, if given).

        An id gives that entity. A name gives the entities whose name or an alias matches it
        exactly (ignoring case and punctuation); failing that, and unless containing=False,
        those containing it.
        """
        text = name_or_id.strip()
        if not text:
            raise BadQuery("Name must not be empty")
        # Entity ids are "kind:key" (pipelines/graph_rows.py): only such a text can be one.
        entity = self.store.get_entity(text) if ":" in text else None
        if entity is not None and (label is None or entity.type is label):
            return [entity]
        exact = self.store.exact_entities(text, label)[:RESOLVE_LIMIT]
        bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
        if not exact and bare != text:  # "the United States"; "The Hague" stays as typed
            exact = self.store.exact_entities(bare, label)[:RESOLVE_LIMIT]
        if exact or not containing:
            return exact
        return self.store.search_entities(text, label, RESOLVE_LIMIT, 0).items

    def statements(
        self,
        *,
        speaker: str | None = None,
        target: str | None = None,
        stance: Stance | None = None,
        mention: str | None = None,
        mention_type: Label | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        outlet: str | None = None,
        with_officials: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> StatementsPage:
        """Statements newest first; speaker, target and mention are names or ids.

        A target is an entity the statement takes a stance on (of `stance`, if given); a
        mention is one it names or takes a stance on, mention_type the type of such an
        entity. With with_officials, a country as speaker stands also for those who speak
        for it (its ministers, spokespeople and ministries). A name that matches no entity
        gives an empty page.
        """
        _check_paging(limit, offset)
        _check_dates(date_from, date_to)
        speaker_ids = self._speaker_ids(speaker, with_officials)
        target_ids, mention_ids = (self._resolve_ids(name) for name in (target, mention))
        if [] in (speaker_ids, target_ids, mention_ids):
            return StatementsPage(data=[], count=0, limit=limit, offset=offset)
        where = StatementFilter(
            speaker_ids=speaker_ids,
            target_ids=target_ids,
            stance=stance,
            mention_ids=mention_ids,
            mention_type=mention_type,
            date_from=date_from,
            date_to=date_to,
            outlet=outlet or None,
        )
        page = self.store.statements(where, limit, offset)
        return StatementsPage(
            data=page.items,
            count=page.total,
            limit=limit,
            offset=offset,
            first_date=page.first_date,
            last_date=page.last_date,
        )

    def who(
        self,
        *,
        stance: Stance | None,
        target: str,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 20,
        offset: int = 0,
        statements_per_speaker: int = STATEMENTS_PER_SPEAKER,
    ) -> WhoAnswer:
        """Who took this stance on the target (stance None: who mentioned it in any way):
        speakers with their newest statements.

        Speakers are ordered by number of statements, then by latest date; the page is
        over speakers, each carrying up to `statements_per_speaker` of its statements
        (newest first). The store counts, and reads only the statements shown.
        """
        _check_paging(limit, offset)
        _check_dates(date_from, date_to)
        if not 0 <= statements_per_speaker <= MAX_STATEMENTS_PER_SPEAKER:
            raise BadQuery(
                f"statements_per_speaker must be between 0 and {MAX_STATEMENTS_PER_SPEAKER}, "
                f"not {statements_per_speaker}"
            )
        targets = self.resolve(target)
        summaries: list[SpeakerSummary] = []
        total = 0
        if targets:
            ids = [e.id for e in targets]
            where = StatementFilter(
                target_ids=ids if stance is not None else None,
                mention_ids=ids if stance is None else None,
                stance=stance,
                date_from=date_from,
                date_to=date_to,
            )
            tallies = self.store.speakers(where, limit, offset, statements_per_speaker)
            summaries = [
                SpeakerSummary(
                    speaker=tally.speaker,
                    count=tally.count,
                    first_date=tally.first_date,
                    last_date=tally.last_date,
                    statements=tally.newest,
                )
                for tally in tallies.items
            ]
            total = tallies.total
        return WhoAnswer(
            stance=stance,
            target_query=target,
            targets=[EntityLink(id=e.id, name=e.name, type=e.type) for e in targets],
            speakers=summaries,
            total_speakers=total,
            limit=limit,
            offset=offset,
        )

    def named_entities(
        self,
        *,
        speaker: str,
        entity_type: Label,
        stance: Stance | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        with_officials: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> Paged[EntityTally]:
        """Entities of a type the speaker took the stance on (or, without a stance, named
        in any way), with how many of its statements do: most first, then by name. With
        with_officials, a country counts the statements of those who speak for it too.
        """
        _check_paging(limit, offset)
        _check_dates(date_from, date_to)
        speaker_ids = self._speaker_ids(speaker, with_officials)
        if not speaker_ids:
            return Paged(data=[], count=0, limit=limit, offset=offset)
        where = StatementFilter(
            speaker_ids=speaker_ids, stance=stance, date_from=date_from, date_to=date_to
        )
        page = self.store.named_entities(where, stance, entity_type, limit, offset)
        return Paged(data=page.items, count=page.total, limit=limit, offset=offset)

    def entity(self, entity_id: str) -> EntityRecord:
        """One entity by id; NotFound if there is none."""
        entity = self.store.get_entity(entity_id)
        if entity is None:
            raise NotFound(f"No entity with id '{entity_id}'")
        return entity

    def search_entities(
        self, q: str | None, type: Label | None = None, limit: int = 50, offset: int = 0
    ) -> Paged[EntityRecord]:
        """Entities matching q by name or alias, best first; all entities when q is blank."""
        _check_paging(limit, offset)
        text = q.strip() if q else None
        page = self.store.search_entities(text or None, type, limit, offset)
        return Paged(data=page.items, count=page.total, limit=limit, offset=offset)

    def neighbors(self, entity_id: str, limit: int = 50) -> NeighborsView:
        """An entity and the entities linked to it, most frequent first; NotFound if unknown."""
        _check_paging(limit, 0)
        entity = self.entity(entity_id)
        return NeighborsView(entity=entity, neighbors=self.store.neighbors(entity_id, limit))

    def health(self) -> HealthView:
        """The store's kind and size (raises StoreUnavailable if it cannot be reached)."""
        counts = self.store.counts()
        return HealthView(
            store=self.store.kind,
            nodes=counts.nodes,
            relationships=counts.relationships,
            by_label=counts.by_label,
        )

    def _resolve_ids(self, name: str | None) -> list[str] | None:
        return None if name is None else [e.id for e in self.resolve(name)]

    def _speaker_ids(self, name: str | None, with_officials: bool) -> list[str] | None:
        """The speakers a name stands for; with_officials adds who speaks for a country."""
        if name is None:
            return None
        found = self.resolve(name)
        ids = [e.id for e in found]
        countries = [e.id for e in found if e.type is Label.COUNTRY]
        if with_officials and countries:
            ids += [i for i in self.store.speaking_for(countries) if i not in ids]
        return ids


def _check_paging(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(f"Limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise BadQuery(f"Offset must not be negative, not {offset}")


def _check_dates(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from is not None and date_to is not None and date_from > date_to:
        raise BadQuery(f"date_from ({date_from}) is after date_to ({date_to})")
