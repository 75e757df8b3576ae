"""The analyst's client: the graph from a notebook, as pydantic models and pandas DataFrames.

    dg = Diplograph.local()                          # in-process, on the embedded store
    dg = Diplograph.remote("http://127.0.0.1:8000")  # over HTTP, to `diplograph serve`

    dg.who("criticizes", "Japan-US alliance").to_frame()
    dg.statements(speaker="Lavrov", date_from="2020-01-01").to_frame()
    dg.timeline("Lavrov").to_frame()
    dg.graph(around="Lavrov")                        # a networkx MultiDiGraph
    dg.plot_stance_graph(around="Lavrov")            # a matplotlib Figure
    dg.export("graphml", "seeds.graphml")            # local only

Both kinds answer the same questions with the same models: a remote client reads the
service's JSON into the models app/query.py returns in-process. Lists are fetched whole,
page after page; pass `limit` to stop early. Names are resolved as the service resolves
them (an id, else an exact name or alias, else a partial match).

Exceptions:
    app.query.NotFound (LookupError)   no entity by that name or id (a 404 from a service)
    app.query.BadQuery (ValueError)    a parameter out of range (a 422 from a service)
    app.questions.QuestionNotUnderstood (ValueError)   `ask` with a question in no known form
    ClientError (RuntimeError)         the service failed or cannot be reached, or a remote
                                       client was asked for something only a local one does
    stores.StoreError                  the local store failed (passes through)
"""

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar
from urllib.parse import quote

import networkx as nx
import pandas as pd
from pydantic import BaseModel, Field

from app import plots
from app.ask import DEFAULT_ASK_LIMIT, AskAnswer, answer_question
from app.config import get_settings
from app.export import ExportFormat, ExportReport, Progress, export_graph
from app.query import MAX_LIMIT, STATEMENTS_PER_SPEAKER, BadQuery, NotFound, QueryService
from app.questions import QuestionNotUnderstood
from app.schemas import HealthView, NeighborsView, Paged, SpeakerSummary, WhoAnswer
from graph_schema import Label, Stance
from stores.base import EntityLink, EntityRecord, StatementRecord, name_key

if TYPE_CHECKING:
    import httpx
    from matplotlib.figure import Figure
    from spacy.language import Language

    from stores import GraphStore

__all__ = [
    "ClientError",
    "Diplograph",
    "EntityTable",
    "IngestResult",
    "NeighborTable",
    "StatementTable",
    "Timeline",
    "WhoTable",
]

DateLike = dt.date | str
StanceLike = Stance | str
T = TypeVar("T")


class ClientError(RuntimeError):
    """The service failed or cannot be reached, or the operation needs a local client."""


# ---------------------------------------------------------------------- result models


class StatementTable(BaseModel):
    """Statements, newest first, and how many matched in all."""

    data: list[StatementRecord]
    count: int = Field(ge=0, description="How many statements match (data may hold fewer).")

    def to_frame(self) -> pd.DataFrame:
        """One row per statement; stance and mention columns hold lists of entity names."""
        rows = [
            {
                "statement_id": st.id,
                "date": st.date,
                "speaker": st.speaker.name,
                "speaker_id": st.speaker.id,
                "speaker_type": st.speaker.type.value,
                "role": st.role,
                "kind": st.kind,
                "quote": st.quote,
                **{
                    stance.value: [r.target.name for r in st.relations if r.stance is stance]
                    for stance in Stance
                },
                "mentions": [m.name for m in st.mentions],
                "outlets": sorted({s.outlet for s in st.sources if s.outlet}),
                "sources": len(st.sources),
            }
            for st in self.data
        ]
        columns = [
            "statement_id",
            "date",
            "speaker",
            "speaker_id",
            "speaker_type",
            "role",
            "kind",
            "quote",
            *(stance.value for stance in Stance),
            "mentions",
            "outlets",
            "sources",
        ]
        return _with_dates(pd.DataFrame(rows, columns=columns), "date")


class WhoTable(WhoAnswer):
    """Who took a stance on a target: every speaker, with the statements that show it."""

    def to_frame(self) -> pd.DataFrame:
        """One row per speaker and statement, with the evidence sentence of the stance."""
        targets = {t.id for t in self.targets}
        rows = []
        for summary in self.speakers:
            for st in summary.statements:
                relation = next(
                    (r for r in st.relations if r.stance is self.stance and r.target.id in targets),
                    None,
                )
                rows.append(
                    {
                        "speaker": summary.speaker.name,
                        "speaker_id": summary.speaker.id,
                        "speaker_type": summary.speaker.type.value,
                        "statements": summary.count,
                        "date": st.date,
                        "target": relation.target.name if relation else None,
                        "quote": st.quote,
                        "evidence": relation.evidence if relation else None,
                        "confidence": relation.confidence if relation else None,
                        "outlets": sorted({s.outlet for s in st.sources if s.outlet}),
                        "statement_id": st.id,
                    }
                )
        columns = [
            "speaker",
            "speaker_id",
            "speaker_type",
            "statements",
            "date",
            "target",
            "quote",
            "evidence",
            "confidence",
            "outlets",
            "statement_id",
        ]
        return _with_dates(pd.DataFrame(rows, columns=columns), "date")


class EntityTable(BaseModel):
    """Entities, best match first, and how many matched in all."""

    data: list[EntityRecord]
    count: int = Field(ge=0)

    def to_frame(self) -> pd.DataFrame:
        """One row per entity; its other properties (country, role, year...) as columns."""
        rows = [
            {"id": e.id, "name": e.name, "type": e.type.value, "aliases": e.aliases, **e.properties}
            for e in self.data
        ]
        return pd.DataFrame(rows, columns=_columns(rows, ["id", "name", "type", "aliases"]))


class NeighborTable(NeighborsView):
    """An entity and the entities linked to it, most frequent first."""

    def to_frame(self) -> pd.DataFrame:
        """One row per linked entity and kind of link."""
        rows = [
            {
                "id": n.entity.id,
                "name": n.entity.name,
                "type": n.entity.type.value,
                "relation": n.relation,
                "direction": n.direction,
                "count": n.count,
            }
            for n in self.neighbors
        ]
        return pd.DataFrame(rows, columns=["id", "name", "type", "relation", "direction", "count"])


class Timeline(BaseModel):
    """What an entity said over time, and the stances others took on it."""

    entity: EntityLink
    events: list[plots.TimelineEvent]

    def to_frame(self) -> pd.DataFrame:
        """One row per event, oldest first (undated last)."""
        rows = [
            {
                "date": e.date,
                "role": e.role,
                "speaker": e.speaker.name,
                "stance": e.stance.value if e.stance else None,
                "target": e.target.name if e.target else None,
                "quote": e.quote,
                "outlets": e.outlets,
                "statement_id": e.statement_id,
                "speaker_id": e.speaker.id,
                "target_id": e.target.id if e.target else None,
            }
            for e in self.events
        ]
        columns = [
            "date",
            "role",
            "speaker",
            "stance",
            "target",
            "quote",
            "outlets",
            "statement_id",
            "speaker_id",
            "target_id",
        ]
        return _with_dates(pd.DataFrame(rows, columns=columns), "date")


class IngestResult(BaseModel):
    """What a local ingest read and added."""

    read: int = Field(description="Documents read from the files.")
    skipped: list[str] = Field(description="Files or records that could not be read, and why.")
    documents: int = Field(description="New documents stored.")
    unchanged: int = Field(description="Documents already in the store.")
    reprints: int
    statements: int
    nodes_added: int
    relationships_added: int


# ---------------------------------------------------------------------- the client


class Diplograph:
    """The graph for analysts; make one with `Diplograph.local()` or `Diplograph.remote(url)`."""

    def __init__(self, backend: "_Backend") -> None:
        """Use `Diplograph.local` or `Diplograph.remote`."""
        self._backend = backend

    @classmethod
    def local(cls, data_dir: Path | str | None = None) -> "Diplograph":
        """A client on the embedded store under data_dir (default: DIPLOGRAPH_DATA_DIR)."""
        from stores import open_store

        folder = Path(data_dir) if data_dir is not None else get_settings().data_dir
        return cls(_LocalBackend(open_store("embedded", data_dir=folder)))

    @classmethod
    def remote(
        cls, base_url: str, *, api_key: str | None = None, timeout: float = 30.0
    ) -> "Diplograph":
        """A client of a running service (`diplograph serve`) at base_url."""
        import httpx

        headers = {"X-API-Key": api_key} if api_key else {}
        http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)
        return cls(_RemoteBackend(http))

    @property
    def kind(self) -> Literal["local", "remote"]:
        """'local' (in-process store) or 'remote' (HTTP)."""
        return self._backend.kind

    def close(self) -> None:
        """Close the store or the HTTP connection; the client cannot be used after."""
        self._backend.close()

    def __enter__(self) -> "Diplograph":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Diplograph {self.kind} {self._backend.where}>"

    # ------------------------------------------------------------------ reads

    def health(self) -> HealthView:
        """The store's kind and how many nodes and relationships it holds."""
        return self._backend.health()

    def entity(self, name_or_id: str, type: Label | str | None = None) -> EntityRecord:
        """The entity a name, an alias or an id stands for (the best match); NotFound if none."""
        label = Label(type) if type is not None else None
        found = [e for e in self._backend.resolve(name_or_id) if label is None or e.type is label]
        if not found:
            kind = f"{label.value.lower()} " if label else ""
            raise NotFound(f"No {kind}entity named {name_or_id!r}")
        return found[0]

    def search(
        self, q: str | None = None, type: Label | str | None = None, limit: int | None = 50
    ) -> EntityTable:
        """Entities whose name or an alias contains q, best first (all entities without q)."""
        label = Label(type) if type is not None else None
        data, count = _collect(
            lambda size, start: self._backend.search(q, label, size, start), limit
        )
        return EntityTable(data=data, count=count)

    def statements(
        self,
        *,
        speaker: str | None = None,
        target: str | None = None,
        stance: StanceLike | None = None,
        mention: str | None = None,
        mention_type: Label | str | None = None,
        date_from: DateLike | None = None,
        date_to: DateLike | None = None,
        outlet: str | None = None,
        with_officials: bool = False,
        limit: int | None = None,
    ) -> StatementTable:
        """Statements newest first; speaker, target and mention are names or ids.

        A target is an entity the statement takes a stance on (of `stance`, if given); a
        mention is one it names or takes a stance on. With with_officials, a country as
        speaker stands also for those who speak for it. All matching statements unless limit.
        """
        filters = {
            "speaker": speaker,
            "target": target,
            "stance": _stance(stance) if stance is not None else None,
            "mention": mention,
            "mention_type": Label(mention_type) if mention_type is not None else None,
            "date_from": _date(date_from),
            "date_to": _date(date_to),
            "outlet": outlet,
            "with_officials": with_officials,
        }
        data, count = _collect(
            lambda size, start: self._backend.statements(filters, size, start), limit
        )
        return StatementTable(data=data, count=count)

    def who(
        self,
        stance: StanceLike,
        target: str,
        *,
        date_from: DateLike | None = None,
        date_to: DateLike | None = None,
        statements_per_speaker: int = STATEMENTS_PER_SPEAKER,
    ) -> WhoTable:
        """Every speaker who took the stance on the target, most statements first, each with
        its newest statements (at most statements_per_speaker; its count has them all)."""
        wanted = _stance(stance)
        first: WhoAnswer | None = None
        speakers: list[SpeakerSummary] = []
        while first is None or len(speakers) < first.total_speakers:
            page = self._backend.who(
                wanted,
                target,
                _date(date_from),
                _date(date_to),
                MAX_LIMIT,
                len(speakers),
                statements_per_speaker,
            )
            first = first or page
            speakers.extend(page.speakers)
            if not page.speakers:
                break
        fields = first.model_dump(exclude={"speakers", "limit", "offset"})
        return WhoTable(speakers=speakers, limit=max(len(speakers), 1), offset=0, **fields)

    def ask(self, question: str, limit: int = DEFAULT_ASK_LIMIT) -> AskAnswer:
        """A question in plain English (as `GET /ask` and `diplograph ask` answer it)."""
        return self._backend.ask(question, limit)

    def neighbors(self, entity: str, limit: int = 50) -> NeighborTable:
        """Entities linked to this one (a name or an id), most frequent first."""
        found = self.entity(entity)
        view = self._backend.neighbors(found.id, limit)
        return NeighborTable.model_validate(view.model_dump())

    def timeline(self, entity: str) -> Timeline:
        """What the entity (a name or an id) said, and the stances taken on it, by date."""
        found = self.entity(entity)
        events = plots.timeline_events(found.id, self._statements_of(found.id))
        return Timeline(entity=_link(found), events=events)

    def graph(self, around: str | None = None, *, depth: int = 1) -> nx.MultiDiGraph:
        """Who took a stance on whom, as a networkx MultiDiGraph (see plots.stance_graph).

        Around an entity (a name or an id): the entities within `depth` stances of it
        (1 or 2); without one, the whole graph.
        """
        if around is None:
            return plots.stance_graph(self.statements().data)
        found = self.entity(around)
        return plots.stance_graph_around(_link(found), self._statements_of, depth)

    # ------------------------------------------------------------------ pictures

    def plot_stance_graph(
        self,
        around: str | None = None,
        *,
        depth: int = 1,
        max_nodes: int = plots.DEFAULT_MAX_NODES,
        title: str | None = None,
    ) -> "Figure":
        """A picture of who took a stance on whom (around an entity, or the whole graph).

        Save it with `figure.savefig("graph.png")` or `plots.render(figure, "svg")`.
        """
        center = _link(self.entity(around)) if around is not None else None
        graph = self.graph(center.id if center else None, depth=depth)
        return plots.draw_stance_graph(graph, center=center, title=title, max_nodes=max_nodes)

    def plot_timeline(self, entity: str, *, title: str | None = None) -> "Figure":
        """A picture of the entity's stances (and those taken on it) over time."""
        timeline = self.timeline(entity)
        return plots.draw_timeline(timeline.entity, timeline.events, title=title)

    # ------------------------------------------------------------------ local only

    def ingest(self, *paths: Path | str) -> IngestResult:
        """Read articles (files or folders), extract their statements and store them."""
        return self._local("ingest").ingest([Path(p) for p in paths])

    def export(
        self, fmt: ExportFormat, output: Path | str, *, progress: Progress | None = None
    ) -> ExportReport:
        """Write the whole graph as graphml, csv (a folder) or json (see app/export.py)."""
        return export_graph(self._local("export").store, fmt, Path(output), progress=progress)

    # ------------------------------------------------------------------ helpers

    def _statements_of(self, entity_id: str) -> list[StatementRecord]:
        said = self.statements(speaker=entity_id).data
        about = self.statements(target=entity_id).data
        return said + about

    def _local(self, what: str) -> "_LocalBackend":
        if not isinstance(self._backend, _LocalBackend):
            raise ClientError(
                f"{what} works on a local store only: use Diplograph.local(data_dir), "
                f"or run `diplograph {what}` where the service's data lives"
            )
        return self._backend


# ---------------------------------------------------------------------- backends


class _Backend(Protocol):
    kind: Literal["local", "remote"]
    where: str

    def health(self) -> HealthView: ...
    def resolve(self, name: str) -> list[EntityRecord]: ...
    def search(
        self, q: str | None, type: Label | None, limit: int, offset: int
    ) -> Paged[EntityRecord]: ...
    def statements(
        self, filters: dict[str, Any], limit: int, offset: int
    ) -> Paged[StatementRecord]: ...
    def who(
        self,
        stance: Stance,
        target: str,
        date_from: dt.date | None,
        date_to: dt.date | None,
        limit: int,
        offset: int,
        statements_per_speaker: int,
    ) -> WhoAnswer: ...
    def ask(self, question: str, limit: int) -> AskAnswer: ...
    def neighbors(self, entity_id: str, limit: int) -> NeighborsView: ...
    def close(self) -> None: ...


class _LocalBackend:
    """QueryService on a store opened in this process."""

    kind: Literal["local", "remote"] = "local"

    def __init__(self, store: "GraphStore") -> None:
        self.store = store
        self.query = QueryService(store)
        self.where = str(getattr(store, "path", store.kind))
        self._nlp: Language | None = None

    def health(self) -> HealthView:
        return self.query.health()

    def resolve(self, name: str) -> list[EntityRecord]:
        return self.query.resolve(name)

    def search(
        self, q: str | None, type: Label | None, limit: int, offset: int
    ) -> Paged[EntityRecord]:
        return self.query.search_entities(q, type, limit, offset)

    def statements(
        self, filters: dict[str, Any], limit: int, offset: int
    ) -> Paged[StatementRecord]:
        return self.query.statements(**filters, limit=limit, offset=offset)

    def who(
        self,
        stance: Stance,
        target: str,
        date_from: dt.date | None,
        date_to: dt.date | None,
        limit: int,
        offset: int,
        statements_per_speaker: int,
    ) -> WhoAnswer:
        return self.query.who(
            stance=stance,
            target=target,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
            statements_per_speaker=statements_per_speaker,
        )

    def ask(self, question: str, limit: int) -> AskAnswer:
        return answer_question(self.query, question, limit=limit)

    def neighbors(self, entity_id: str, limit: int) -> NeighborsView:
        return self.query.neighbors(entity_id, limit)

    def ingest(self, paths: list[Path]) -> IngestResult:
        from pipelines.documents import Document, iter_documents
        from pipelines.ingest import ingest

        settings = get_settings()
        skipped: list[str] = []
        read = 0

        def documents() -> Iterator[Document]:
            nonlocal read
            for path, item in iter_documents(paths, max_bytes=settings.max_body_bytes):
                if isinstance(item, Exception):
                    # DocumentErrors name their file (or record) already.
                    named = getattr(item, "source", None)
                    skipped.append(str(item) if named else f"{path}: {item}")
                else:
                    read += 1
                    yield item

        bulk = getattr(self.store, "bulk", None)
        with bulk() if bulk else contextlib.nullcontext():
            report = ingest(documents(), self.store, self.nlp(), keep_extractions=False)
        return IngestResult(
            read=read,
            skipped=skipped,
            **report.model_dump(exclude={"extractions", "reprint_of"}),
        )

    def nlp(self) -> "Language":
        if self._nlp is None:
            from pipelines.nlp import load_pipeline

            self._nlp = load_pipeline(tuple(get_settings().spacy_models))
        return self._nlp

    def close(self) -> None:
        self.store.close()


class _RemoteBackend:
    """The same reads over HTTP, answered by the service's routes."""

    kind: Literal["local", "remote"] = "remote"

    def __init__(self, http: "httpx.Client") -> None:
        self.http = http
        self.where = str(http.base_url)

    def health(self) -> HealthView:
        return HealthView.model_validate(self._get("/health"))

    def resolve(self, name: str) -> list[EntityRecord]:
        # As QueryService.resolve: an id, else exact names and aliases, else partial matches.
        text = name.strip()
        if not text:
            raise BadQuery("Name must not be empty")
        try:
            return [EntityRecord.model_validate(self._get(f"/entities/{quote(text, safe=':')}"))]
        except NotFound:
            pass
        page = self.search(text, None, MAX_LIMIT, 0)
        key = name_key(text)
        exact = [e for e in page.data if key in {name_key(n) for n in (e.name, *e.aliases)}]
        return exact or page.data

    def search(
        self, q: str | None, type: Label | None, limit: int, offset: int
    ) -> Paged[EntityRecord]:
        params = {"q": q, "type": type.value if type else None, "limit": limit, "offset": offset}
        return Paged[EntityRecord].model_validate(self._get("/entities", params))

    def statements(
        self, filters: dict[str, Any], limit: int, offset: int
    ) -> Paged[StatementRecord]:
        params = {**filters, "limit": limit, "offset": offset}
        if params.get("mention_type") is not None:
            # GET /statements has no mention_type: filter here, over every page.
            return self._statements_of_type(params, limit, offset)
        return Paged[StatementRecord].model_validate(self._get("/statements", params))

    def who(
        self,
        stance: Stance,
        target: str,
        date_from: dt.date | None,
        date_to: dt.date | None,
        limit: int,
        offset: int,
        statements_per_speaker: int,
    ) -> WhoAnswer:
        params = {
            "stance": stance.value,
            "target": target,
            "date_from": date_from,
            "date_to": date_to,
            "limit": limit,
            "offset": offset,
            "statements_per_speaker": statements_per_speaker,
        }
        return WhoAnswer.model_validate(self._get("/who", params))

    def ask(self, question: str, limit: int) -> AskAnswer:
        try:
            return AskAnswer.model_validate(self._get("/ask", {"q": question, "limit": limit}))
        except BadQuery as exc:
            # The service's 422 for a question it cannot read: raise what QueryService would.
            prefix = f"Could not understand the question {question.strip()!r}"
            detail = str(exc)
            if not detail.startswith(prefix):
                raise
            why = re.match(r" \((.*)\)\. Ask one of", detail[len(prefix) :])
            raise QuestionNotUnderstood(question, why.group(1) if why else None) from exc

    def neighbors(self, entity_id: str, limit: int) -> NeighborsView:
        path = f"/entities/{quote(entity_id, safe=':')}/neighbors"
        return NeighborsView.model_validate(self._get(path, {"limit": limit}))

    def close(self) -> None:
        self.http.close()

    def _statements_of_type(
        self, params: dict[str, Any], limit: int, offset: int
    ) -> Paged[StatementRecord]:
        wanted = Label(params.pop("mention_type"))
        matching: list[StatementRecord] = []
        seen = 0
        while True:
            page = Paged[StatementRecord].model_validate(
                self._get("/statements", {**params, "limit": MAX_LIMIT, "offset": seen})
            )
            seen += len(page.data)
            matching.extend(
                st
                for st in page.data
                if any(e.type is wanted for e in (*st.mentions, *(r.target for r in st.relations)))
            )
            if not page.data or seen >= page.count:
                break
        return Paged(
            data=matching[offset : offset + limit], count=len(matching), limit=limit, offset=offset
        )

    def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        import httpx

        query = {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in (params or {}).items()
            if v is not None
        }
        try:
            response = self.http.get(path, params=query)
        except httpx.HTTPError as exc:
            raise ClientError(
                f"Cannot reach the diplograph service at {self.where}: {exc}; "
                "start it with `diplograph serve`"
            ) from exc
        if response.status_code == 200:
            return response.json()
        detail = _detail(response)
        if response.status_code == 404:
            raise NotFound(detail)
        if response.status_code == 422:
            raise BadQuery(detail)
        raise ClientError(f"GET {path} failed with {response.status_code}: {detail}")


# ---------------------------------------------------------------------- helpers


def _collect(fetch: Callable[[int, int], Paged[T]], limit: int | None) -> tuple[list[T], int]:
    """Items page after page until limit (or all of them), and the total that matched."""
    if limit is not None and limit < 1:
        raise BadQuery(f"Limit must be at least 1, not {limit}")
    items: list[T] = []
    total = 0
    while limit is None or len(items) < limit:
        size = MAX_LIMIT if limit is None else min(MAX_LIMIT, limit - len(items))
        page = fetch(size, len(items))
        items.extend(page.data)
        total = page.count
        if not page.data or len(items) >= total:
            break
    return items, total


def _stance(value: StanceLike) -> Stance:
    if isinstance(value, Stance):
        return value
    try:
        return Stance(value.strip().casefold())
    except ValueError:
        choices = ", ".join(s.value for s in Stance)
        raise BadQuery(f"Unknown stance {value!r}: use one of {choices}") from None


def _date(value: DateLike | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"Dates are YYYY-MM-DD, not {value!r}") from None


def _link(entity: EntityRecord) -> EntityLink:
    return EntityLink(id=entity.id, name=entity.name, type=entity.type)


def _with_dates(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame[column] = pd.to_datetime(frame[column])
    return frame


def _columns(rows: list[dict[str, Any]], first: list[str]) -> list[str]:
    extra = sorted({key for row in rows for key in row} - set(first))
    return first + extra


def _detail(response: "httpx.Response") -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    return str(detail) if detail else response.text.strip()[:200] or response.reason_phrase
