"""POST /documents: one article in, its statements out (and into the graph).

The body is either JSON `{"text": ..., "title"?, "url"?, "outlet"?, "published"?}` or the
raw article as text/plain (UTF-8; metadata then comes from the query string or the text).
A body over DIPLOGRAPH_MAX_BODY_BYTES is refused with 413 before it is read in full: first
by its Content-Length, then by counting while reading (for chunked bodies).
"""

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.deps import ApiKeyDep, NlpDep, ResourcesDep, SettingsDep, StoreDep
from pipelines.documents import (
    Document,
    MalformedDocument,
    TooLargeDocument,
    UndecodableDocument,
    document_from_bytes,
    document_from_text,
)
from pipelines.statements import DocumentInfo, Statement

router = APIRouter(tags=["documents"])

JSON_TYPE = "application/json"
TEXT_TYPE = "text/plain"


class DocumentIn(BaseModel):
    """An article sent as JSON; fields other than these are ignored."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(description="The article text.")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = Field(default=None, description="YYYY-MM-DD")


class IngestedDocument(BaseModel):
    """What was read from one posted article, and what it added to the graph."""

    document: DocumentInfo
    created: bool = Field(
        description="False when the same text was stored before: nothing changed (status 200)."
    )
    reprint_of: str | None = Field(
        default=None,
        description="The id of the stored document whose story this one reprints, if any.",
    )
    statements: list[Statement] = Field(description="The statements extracted from it.")
    nodes_added: int
    relationships_added: int
    warnings: list[str] = Field(default_factory=list)


_REQUEST_BODY = {
    "required": True,
    "content": {
        JSON_TYPE: {"schema": DocumentIn.model_json_schema()},
        TEXT_TYPE: {"schema": {"type": "string", "description": "The article, UTF-8."}},
    },
}


async def read_body(request: Request, settings: SettingsDep) -> bytes:
    """The request body, refused (TooLargeDocument) as soon as it is over the limit."""
    limit = settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST, detail="Invalid Content-Length header"
            ) from None
        if size > limit:
            raise _too_large(f"{size} bytes", limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(f"more than {limit} bytes", limit)
    return bytes(body)


def _too_large(size: str, limit: int) -> TooLargeDocument:
    return TooLargeDocument(f"{size} is over the {limit}-byte limit; send a single article")


async def posted_document(
    request: Request,
    settings: SettingsDep,
    body: Annotated[bytes, Depends(read_body)],
    title: Annotated[str | None, Query(description="For text/plain bodies.")] = None,
    url: Annotated[str | None, Query(description="For text/plain bodies.")] = None,
    outlet: Annotated[str | None, Query(description="For text/plain bodies.")] = None,
    published: Annotated[dt.date | None, Query(description="For text/plain bodies.")] = None,
) -> Document:
    """The posted article as a Document (raises a DocumentError if it cannot be one)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = settings.max_body_bytes
    if media_type == JSON_TYPE:
        try:
            payload = json.loads(body)
        except UnicodeDecodeError as exc:
            raise UndecodableDocument(f"not valid UTF-8 at byte {exc.start}") from exc
        except json.JSONDecodeError as exc:
            raise MalformedDocument(
                f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
            ) from exc
        try:
            fields = DocumentIn.model_validate(payload)
        except ValidationError as exc:
            raise RequestValidationError(
                [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
            ) from exc
        return document_from_text(
            fields.text,
            title=fields.title,
            url=fields.url,
            outlet=fields.outlet,
            published=fields.published,
            max_bytes=limit,
        )
    if media_type in (TEXT_TYPE, ""):
        return document_from_bytes(
            body, title=title, url=url, outlet=outlet, published=published, max_bytes=limit
        )
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        detail=f"Unsupported content type {media_type!r}; send {JSON_TYPE} or {TEXT_TYPE}",
    )


PostedDocumentDep = Annotated[Document, Depends(posted_document)]


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    response_model=IngestedDocument,
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        200: {"description": "The same text was already stored; nothing changed"},
        400: {"description": "Not a readable article (empty, binary, not UTF-8, bad JSON)"},
        401: {"description": "Missing or invalid API key"},
        413: {"description": "Body over DIPLOGRAPH_MAX_BODY_BYTES"},
        415: {"description": "Neither JSON nor plain text"},
        422: {"description": "Not English, or a JSON field of the wrong type"},
    },
)
def post_document(
    _: ApiKeyDep,
    document: PostedDocumentDep,
    store: StoreDep,
    nlp: NlpDep,
    resources: ResourcesDep,
    settings: SettingsDep,
    response: Response,
) -> IngestedDocument:
    """Extract the article's statements and merge them into the graph.

    201 when the article is new; 200 when the same text is already stored (the statements
    are extracted again, and nothing is written).
    """
    from pipelines.extract import extract  # with the NLP pipeline: loaded on first use
    from pipelines.ingest import ingest

    with resources.write_lock:
        report = ingest([document], store, nlp)
        if report.documents:
            resources.answers(settings).clear()  # answers given before may have changed
        if report.extractions:
            extraction = report.extractions[0]
        else:
            extraction = next(extract(nlp, [document]))
            response.status_code = status.HTTP_200_OK
    return IngestedDocument(
        document=extraction.document,
        created=bool(report.documents),
        reprint_of=report.reprint_of.get(document.id),
        statements=list(extraction.statements),
        nodes_added=report.nodes_added,
        relationships_added=report.relationships_added,
        warnings=list(extraction.warnings),
    )
