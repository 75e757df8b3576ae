"""JSON responses written straight from a pydantic model.

FastAPI validates a route's return value against its response_model again and encodes it
in Python; pydantic's own model_dump_json does the same encoding in Rust, about 5 times
faster for a page of statements (bench/queries.py). The big read routes return this and
keep `response_model=` for the OpenAPI schema.
"""

from fastapi.responses import Response
from pydantic import BaseModel


class ModelResponse(Response):
    """A 200 response whose JSON body is the model, as model_dump_json writes it."""

    media_type = "application/json"

    def __init__(self, model: BaseModel) -> None:
        super().__init__(content=model.model_dump_json())
