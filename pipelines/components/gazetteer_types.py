"""dg_gazetteer_types: gives the gazetteer's entities their types back after the NER.

dg_gazetteer sets them under labels the NER knows (see STAND_INS there), so that the NER
needs no new actions; from here on an entity with a gazetteer id carries its gazetteer
type ("Country", "Treaty", …) as its label again.
"""

from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.factory("dg_gazetteer_types")
def make_gazetteer_types(nlp: Language, name: str) -> "GazetteerTypes":
    # The types of the very patterns dg_gazetteer matches (shared, so added ones count).
    return GazetteerTypes(nlp.get_pipe("dg_gazetteer").types)  # type: ignore[attr-defined]


class GazetteerTypes:
    """Relabels entities that carry a gazetteer id with that entity's type."""

    def __init__(self, types: Mapping[str, str]) -> None:
        self.types = types  # entity id -> label

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [self._typed(ent) for ent in doc.ents]
        return doc

    def _typed(self, ent: Span) -> Span:
        label = self.types.get(ent.ent_id_) if ent.ent_id_ else None
        if label is None:
            return ent  # the NER's own
        return Span(ent.doc, ent.start, ent.end, label=label, kb_id=ent.kb_id, span_id=ent.id)
