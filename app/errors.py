"""Domain errors → HTTP statuses, in one place. `create_app` calls `register_error_handlers`.

    error                                  status  detail
    app.query.NotFound                     404     its message
    app.query.BadQuery                     422     its message
    app.questions.QuestionNotUnderstood    422     its message, listing the understood forms
    pipelines.documents.DocumentError      400     "<what is wrong>: <documents.py's message>"
      TooLargeDocument                     413     "Document too large: ..."
      NotEnglishDocument                   422     "Unsupported language: ..."
    pipelines.nlp.ModelNotInstalled        503     "Language model unavailable: ..."
    stores.StoreUnavailable                503     "Graph store unavailable: ..."
    stores.StoreError                      500     "Graph store error: ..."

NotEnglishDocument is 422, not 200 with no statements: the request is well formed but
cannot be processed (diplograph reads English only), nothing is stored, and a client that
sent the wrong article should be told so rather than see an empty success.

Details are one short sentence-case line, never a traceback; tests pin them, since clients
read them. The most specific class wins (Starlette looks handlers up along the MRO).
"""

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.query import BadQuery, NotFound
from app.questions import QuestionNotUnderstood
from pipelines.documents import (
    BinaryDocument,
    DocumentError,
    EmptyDocument,
    MalformedDocument,
    NotEnglishDocument,
    TooLargeDocument,
    UndecodableDocument,
)
from pipelines.nlp import ModelNotInstalled
from stores.base import StoreError, StoreUnavailable

logger = logging.getLogger("diplograph.api")

# (error class, status, prefix of the detail; None: the message as it is).
ERROR_STATUSES: tuple[tuple[type[Exception], int, str | None], ...] = (
    (NotFound, 404, None),
    (BadQuery, 422, None),
    (QuestionNotUnderstood, 422, None),
    (DocumentError, 400, "Invalid document"),
    (EmptyDocument, 400, "Empty document"),
    (BinaryDocument, 400, "Not a text document"),
    (UndecodableDocument, 400, "Undecodable document"),
    (MalformedDocument, 400, "Malformed document"),
    (TooLargeDocument, 413, "Document too large"),
    (NotEnglishDocument, 422, "Unsupported language"),
    (ModelNotInstalled, 503, "Language model unavailable"),
    (StoreUnavailable, 503, "Graph store unavailable"),
    (StoreError, 500, "Graph store error"),
)
_BY_CLASS = {error: (status, prefix) for error, status, prefix in ERROR_STATUSES}


def error_detail(exc: Exception, prefix: str | None = None) -> str:
    """The one-line, sentence-case message shown for an error."""
    message = " ".join(str(exc).split())
    if prefix:
        return f"{prefix}: {message}" if message else prefix
    return message or type(exc).__name__


def describe_error(exc: Exception) -> tuple[int, str] | None:
    """(status, detail) of a mapped domain error; None for anything else (a bug)."""
    for klass in type(exc).__mro__:
        if klass in _BY_CLASS:
            status, prefix = _BY_CLASS[klass]
            return status, error_detail(exc, prefix)
    return None


def register_error_handlers(app: FastAPI) -> None:
    """Answer every mapped domain error with its status and a `{"detail": ...}` body."""
    for error, _status, _prefix in ERROR_STATUSES:
        app.add_exception_handler(error, _handle)


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    status, detail = describe_error(exc) or (500, error_detail(exc))
    if status >= 500:
        # The server log keeps what the client is not shown.
        logger.error(
            "%s %s -> %s: %s",
            request.method,
            request.url.path,
            status,
            detail,
            exc_info=status == 500,
        )
    return JSONResponse(status_code=status, content={"detail": detail})
