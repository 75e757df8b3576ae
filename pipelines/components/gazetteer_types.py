"""dg_gazetteer_types: gives the gazetteer's entities their types back after the NER.

dg_gazetteer sets them under labels the NER knows (see STAND_INS there), so that the NER
needs no new actions; from here on an entity with a gazetteer id carries its gazetteer
type ("Country", "Treaty", …) as its label again.
"""

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipelines.gazetteer import Gazetteer, default_gazetteer


@Language.factory("dg_gazetteer_types")
def make_gazetteer_types(nlp: Language, name: str) -> "GazetteerTypes":
    return GazetteerTypes(default_gazetteer())


class GazetteerTypes:
    """Relabels entities that carry a gazetteer id with that entity's type."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [self._typed(ent) for ent in doc.ents]
        return doc

    def _typed(self, ent: Span) -> Span:
        entity = self.gaz.entities.get(ent.ent_id_) if ent.ent_id_ else None
        if entity is None:
            return ent  # the NER's own
        label = entity.type.value
        return Span(ent.doc, ent.start, ent.end, label=label, kb_id=ent.kb_id, span_id=ent.id)
