"""diplograph's graph model: labels, relationship types and keys (see model.py)."""

from graph_schema.model import (
    ALLOWED_PATTERNS,
    ENTITY_LABELS,
    ENTITY_SUPERLABEL,
    KEY_PROPERTY,
    SCHEMA_VERSION,
    SEARCH_PROPERTIES,
    SPEAKER_LABELS,
    Label,
    RelType,
    Stance,
)

__all__ = [
    "ALLOWED_PATTERNS",
    "ENTITY_LABELS",
    "ENTITY_SUPERLABEL",
    "KEY_PROPERTY",
    "SCHEMA_VERSION",
    "SEARCH_PROPERTIES",
    "SPEAKER_LABELS",
    "Label",
    "RelType",
    "Stance",
]
