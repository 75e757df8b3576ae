"""dg_gazetteer: marks gazetteer names as entities before the NER runs.

One pass with two phrase matchers, doing what two spaCy entity rulers in a row did: names
in any case (overwriting), then exact-case forms (acronyms, short names) only where no
entity is yet, so "US" never cuts into "US-Japan Security Treaty". Longer matches win,
then earlier ones. Entities carry the gazetteer id as their `ent_id_`.

Why not spaCy's EntityRuler: it counts its 12,000 patterns on every Doc (a warning check)
and each of the two rulers set `doc.ents` again; here the entities are set once.

The entities are set under the NER's own label for their type (STAND_INS): the NER keeps
a preset entity whatever its label, but for a label it does not know spaCy adds four
actions to the NER's output layer (our five types took it from 74 to 94 actions, 12 %
more NER time on every text). dg_gazetteer_types gives them their types back after it.
"""

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graph_schema import Label

ID_SEP = "||"  # match keys are "label||entity id", as the EntityRuler's were
# Our entity type -> a label the NER of the English models knows.
STAND_INS = {
    Label.COUNTRY.value: "GPE",
    Label.PERSON.value: "PERSON",
    Label.ORGANIZATION.value: "ORG",
    Label.ALLIANCE.value: "ORG",
    Label.TREATY.value: "LAW",
}

Match = tuple[int, int, int]


@Language.factory("dg_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> "GazetteerRuler":
    return GazetteerRuler(nlp)


class GazetteerRuler:
    """Gazetteer names as entities; patterns come from `add_patterns` (see pipelines.nlp)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab)
        self.labels: dict[int, tuple[str, str]] = {}  # match key -> (label, entity id)
        self.types: dict[str, str] = {}  # entity id -> its label (dg_gazetteer_types reads it)

    def add_patterns(self, patterns: Iterable[dict], *, exact: bool) -> None:
        """Phrase patterns ({"label", "pattern", "id"}), matched in exact case or any case."""
        matcher = self.exact if exact else self.any_case
        for entry in patterns:
            key = f"{entry['label']}{ID_SEP}{entry['id']}"
            self.labels[self.nlp.vocab.strings.add(key)] = (entry["label"], entry["id"])
            self.types[entry["id"]] = entry["label"]
            # Only the tokenizer: the components after this one need not be loaded yet.
            matcher.add(key, [self.nlp.make_doc(entry["pattern"])])

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        new: list[Span] = []
        if len(self.any_case):
            claimed: set[int] = set()
            for key, start, end in _longest_first(self.any_case(doc)):
                if self._lowercase_person(doc, key, start):
                    continue  # '"…," said Ali Mohamed' is not Said Ali Mohamed
                if start not in claimed and end - 1 not in claimed:
                    new.append(self._span(doc, key, start, end))
                    entities = [e for e in entities if not (e.start < end and e.end > start)]
                    claimed.update(range(start, end))
        if len(self.exact):
            covered = {i for e in (*entities, *new) for i in range(e.start, e.end)}
            claimed = set()
            for key, start, end in _longest_first(self.exact(doc)):
                if any(i in covered for i in range(start, end)):
                    continue  # only where no entity is yet
                if start not in claimed and end - 1 not in claimed:
                    new.append(self._span(doc, key, start, end))
                    claimed.update(range(start, end))
        doc.ents = entities + new
        return doc

    def _lowercase_person(self, doc: Doc, key: int, start: int) -> bool:
        """A person's name that starts with a lower-case word: a word of the sentence."""
        return self.labels[key][0] == Label.PERSON.value and doc[start].is_lower

    def _span(self, doc: Doc, key: int, start: int, end: int) -> Span:
        label, entity_id = self.labels[key]
        return Span(doc, start, end, label=STAND_INS.get(label, label), span_id=entity_id)


def _longest_first(matches: list[Match]) -> list[Match]:
    # Built and ordered exactly as spaCy's EntityRuler orders them (a set, then a stable
    # sort), so that a tie between two names of one stretch resolves the same way.
    unique = set([(key, start, end) for key, start, end in matches if start != end])
    return sorted(unique, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
