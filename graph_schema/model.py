"""The graph model shared by every store: labels, relationship types, keys, allowed patterns.

Pure data. Stores read it instead of spelling labels by hand, and the Cypher schema file
(constraints.cypher) is checked against it by a test.
"""

from enum import StrEnum

SCHEMA_VERSION = 1


class Label(StrEnum):
    DOCUMENT = "Document"
    STATEMENT = "Statement"
    PERSON = "Person"
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    TREATY = "Treaty"
    ALLIANCE = "Alliance"


class RelType(StrEnum):
    SAID = "SAID"  # speaker -> Statement
    REPORTED_IN = "REPORTED_IN"  # Statement -> Document (one per reprint)
    CRITICIZES = "CRITICIZES"  # Statement -> target entity
    SUPPORTS = "SUPPORTS"  # Statement -> target entity
    MENTIONS = "MENTIONS"  # Statement -> entity
    SPEAKS_FOR = "SPEAKS_FOR"  # Person/Organization -> Country
    REPRINT_OF = "REPRINT_OF"  # Document -> the first Document of its story
    PARTY_TO = "PARTY_TO"  # Country/Organization -> Treaty/Alliance


class Stance(StrEnum):
    CRITICIZES = "criticizes"
    SUPPORTS = "supports"

    @property
    def rel_type(self) -> RelType:
        return RelType[self.name]


# Entity labels: the node types a speaker, target or mention can have.
ENTITY_LABELS: tuple[Label, ...] = (
    Label.PERSON,
    Label.COUNTRY,
    Label.ORGANIZATION,
    Label.TREATY,
    Label.ALLIANCE,
)
SPEAKER_LABELS: tuple[Label, ...] = (
    Label.PERSON,
    Label.COUNTRY,
    Label.ORGANIZATION,
    Label.ALLIANCE,
)

# Second label carried by every entity node, so an id can be looked up without its type.
ENTITY_SUPERLABEL = "Entity"

# Every node of every label is keyed by the same property; ids are content-derived strings.
KEY_PROPERTY = "id"

# Properties searched by entity look-up and indexed full-text in Neo4j.
SEARCH_PROPERTIES = ("name", "aliases")

# (start labels, relationship, end labels): the only patterns a store accepts.
ALLOWED_PATTERNS: dict[RelType, tuple[tuple[Label, ...], tuple[Label, ...]]] = {
    RelType.SAID: (SPEAKER_LABELS, (Label.STATEMENT,)),
    RelType.REPORTED_IN: ((Label.STATEMENT,), (Label.DOCUMENT,)),
    RelType.CRITICIZES: ((Label.STATEMENT,), ENTITY_LABELS),
    RelType.SUPPORTS: ((Label.STATEMENT,), ENTITY_LABELS),
    RelType.MENTIONS: ((Label.STATEMENT,), ENTITY_LABELS),
    RelType.SPEAKS_FOR: ((Label.PERSON, Label.ORGANIZATION), (Label.COUNTRY,)),
    RelType.REPRINT_OF: ((Label.DOCUMENT,), (Label.DOCUMENT,)),
    RelType.PARTY_TO: (
        (Label.COUNTRY, Label.ORGANIZATION, Label.ALLIANCE),  # NATO is party to treaties
        (Label.TREATY, Label.ALLIANCE, Label.ORGANIZATION),
    ),
}
