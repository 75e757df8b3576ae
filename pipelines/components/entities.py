"""dg_entities: links spaCy's entities and our gazetteer matches to canonical entities.

Runs after `ner` (and after the gazetteer entity ruler that runs before it). Writes every
mention to `doc.spans["dg_mentions"]` (label = entity type, kb_id = canonical id) and the
entities themselves to `doc._.dg_entities`. What it adds beyond the gazetteer:
- persons the gazetteer lacks, merged within the document ("Sergey Lavrov" … "Lavrov"), and
  surnames the NER missed of persons named before, and unknown proper names that are the
  subject of a reporting verb ("Rinkevics said", with the fuller name written earlier);
- demonyms and hyphenated pairs ("Russian-Japanese") as country mentions;
- stripped apostrophes ("Japans", "Moscows") read as the place they name;
- treaties by pattern ("the … Treaty", "the 1956 Declaration", "a peace treaty between A and B",
  "a trilateral defense agreement between A, B and C"), year-only references resolved to a
  gazetteer treaty whose parties the text mentions, accession protocols by their country
  ("the protocol of Finland's accession to NATO");
- not a country: a capital named as a place ("a conference in Rome"), a country name in
  lower case ("all states");
- bilateral alliances ("A's alliance with B", "an alliance with B" led by A, "A … an ally of B").
"""

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph_schema import Label
from pipelines.gazetteer import PLACE_ID, Gazetteer, default_gazetteer
from pipelines.lexicon import Lexicon, default_lexicon
from pipelines.statements import Entity

MENTIONS_KEY = "dg_mentions"

# NER labels a lone surname the model did not know may carry ("Zakharova" as a body).
SURNAME_LABELS = {"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"}
FAITHS = {"islam", "christianity", "judaism", "hinduism", "buddhism", "sikhism", "catholicism"}
# Lower-case words inside names ("Abdulaziz bin Salman", "Ursula von der Leyen").
NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "von", "van", "der", "de", "da", "di", "la"}
PATRONYMIC = {"bin", "ibn", "bint", "ben"}
TREATY_HEADS = {
    "treaty", "treaties", "agreement", "agreements", "accord", "accords", "convention",
    "declaration", "protocol", "communique", "communiqué", "communiques", "communiqués",
    "pact", "charter", "memorandum", "deal", "initiative", "act",
}  # fmt: skip
# Lower-case heads that make a treaty only with a year or named parties ("the 1960 treaty").
GENERIC_TREATY_HEADS = {"treaty", "declaration", "agreement", "accord", "pact", "deal"}
ALLIANCE_NOUNS = {"alliance", "ally", "allies", "partnership"}
COURT_NOUNS = {"court", "tribunal"}
# Words that make a body a state's: "the Mexican Senate", "the Philippine Coast Guard".
STATE_BODY_WORDS = {
    "senate", "parliament", "congress", "assembly", "government", "ministry", "army", "navy",
    "forces", "guard", "police", "embassy", "mission", "cabinet", "presidency", "military",
    "council",
}  # fmt: skip
DEFINITE = {"the", "this", "that", "aforementioned", "said"}
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PLACE_PREPS = {"in", "at"}
MEETING_NOUNS = {"talk", "talks", "summit", "conference", "meeting", "negotiation", "forum"}
# Who speaks from a capital for its government: "officials in Kyiv said".
PEOPLE_THERE = frozenset({"official", "diplomat", "leader"})
OFFICIAL_KINDS = frozenset({"senior", "top", "government", "other", "military", "security"})
# Who rules a place: "the junta in Niger", "the regime in Minsk" stand for the country.
RULING_NOUNS = frozenset({"junta", "regime", "government", "authorities", "leadership", "rulers"})
# Capitalised words of bodies, never of a person's name.
ORG_WORDS = {
    "ministry", "office", "council", "government", "department", "committee", "agency",
    "embassy", "parliament", "party", "commission", "administration", "bureau", "service",
    "court", "cabinet", "army", "forces", "police", "union", "assembly", "senate", "congress",
    "presidency", "secretariat", "mission", "delegation", "authority", "authorities",
}  # fmt: skip
# Words of a body's name, which may hold a possessive ("Tigray People's Liberation Front").
BODY_NAME_WORDS = ORG_WORDS | {"front", "movement", "liberation", "army", "league", "alliance"}
NEWS_AGENCY_HINTS = {
    "agency", "news", "newspaper", "daily", "times", "post", "tv", "radio", "journal", "gazette",
    "herald", "tribune", "telegraph", "chronicle", "broadcasting", "television",
}  # fmt: skip

if not Doc.has_extension("dg_entities"):
    Doc.set_extension("dg_entities", default=None)


@Language.factory("dg_entities")
def make_entity_linker(nlp: Language, name: str) -> "EntityLinker":
    return EntityLinker(default_gazetteer(), default_lexicon())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


class EntityLinker:
    """Finds canonical entities for a Doc's names; see the module docstring."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gaz = gazetteer
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        found = _Mentions(doc)
        self._link_ents(doc, found)
        self._link_tokens(doc, found)
        self._link_treaty_patterns(doc, found)
        self._link_alliances(doc, found)
        self._link_blocs(doc, found)
        self._link_courts(doc, found)
        doc.spans[MENTIONS_KEY] = found.spans()
        doc._.dg_entities = found.entities
        return doc

    # -- named entities ------------------------------------------------------------------

    def _link_ents(self, doc: Doc, found: "_Mentions") -> None:
        unknown: list[tuple[Span, str]] = []
        nicknamed: set[int] = set()
        for span, text in _nicknamed_names(doc, self._titled_word):
            # 'Ferdinand "Bongbong" Marcos Jr.', which the NER splits at the quotes.
            found.add(span, self.gaz.lookup(text) or self._person(text, found))
            nicknamed.update(range(span.start, span.end))
        for ent in doc.ents:
            if ent.start in nicknamed or ent.end - 1 in nicknamed:
                continue
            if ent.ent_id_ == PLACE_ID:  # "the South China Sea": a place, not China
                found.places.update(range(ent.start, ent.end))
                continue
            if ent.label_ == "PERSON" and not ent.ent_id_ and _with_article(ent):
                # No one is named with an article: "the Troika claimed" is a body that
                # speaks, "the new Bill" a thing.
                if self._unknown_speaker(ent.root, found):
                    found.add(ent, _unknown_body(ent.text))
                continue

            written = ent.text  # a span joins its tokens again on each access
            if ent.ent_id_ and ent.ent_id_ in self.gaz.entities:
                entity = self.gaz.entities[ent.ent_id_]
                common = self._common_word(written, entity)
                if self._first_name_of_another(ent, entity):
                    # "Abdoulaye Bathily": the gazetteer's Souley Abdoulaye by surname, but
                    # here a first name of someone the gazetteer does not know.
                    end = ent.end + 1
                    while end < len(doc) and doc[end].tag_ == "NNP" and not doc[end].ent_type_:
                        end += 1
                    name = Span(doc, ent.start, end, label="PERSON")
                    unknown.append((name, _clean_name(name.text)))
                elif not common and not self._capital_as_place(ent, written):
                    found.add(ent, entity)
                continue
            text = _clean_name(written)
            if self.gaz.is_outlet(text) or _looks_like_agency(text):
                continue
            known = self.gaz.lookup(text) or self._apostrophe_stripped(text)
            if known is not None and ent.label_ in ("GPE", "LOC") and _acronym_only(text, known):
                known = None  # "Guam", a place, is not the GUAM organization
            # A gazetteer person only where the NER saw a person ("Jordan" the country).
            fits = known is not None and not (known.type == Label.PERSON and ent.label_ != "PERSON")
            if fits and ent.label_ in ("PERSON", "GPE", "LOC", "ORG", "NORP", "FAC"):
                found.add(ent, known)
                continue
            unknown.append((ent, text))
        # Persons first, so that a surname the NER mislabels ("Lavrov" as ORG) finds its person.
        # "spokesman Tanju Bilgic", which the NER took for a body, is a person too.
        unknown = [
            (
                Span(doc, ent.start, ent.end, label="PERSON") if self._titled_person(ent) else ent,
                text,
            )
            for ent, text in unknown
        ]
        # "Ana Cecilia Gervasi, Peru's foreign minister, announced", the name read as places:
        # a person by the title set off after it.
        unknown = [
            (apposed, _clean_name(apposed.text))
            if (apposed := self._apposed_name(ent))
            else (ent, text)
            for ent, text in unknown
        ]
        for ent, text in unknown:
            people = self.gaz.country_of_demonym(text) if ent.label_ == "PERSON" else None
            if people is not None:
                found.add(ent, people)  # "Azerbaijani troops", which the NER calls a person
            elif ent.label_ == "PERSON" and _body_words(ent):
                # "the Sudan Liberation Movement", which the NER calls a person: a body.
                found.add(ent, _unknown_body(text))
            elif ent.label_ == "PERSON":
                name = self._name_of(ent)
                found.add(name, self._person(_clean_name(name.text), found, name.start))
        for ent, text in unknown:
            # A lone surname the NER may call anything ("Zakharova" as ORG): the one person
            # of the gazetteer with that surname, unless the text names another.
            # "Bali" (a place), "May" (a month), "Islam" (a faith): no one's surname.
            named = ent.label_ in SURNAME_LABELS and text.lower() not in FAITHS
            one_word = len(ent) == 1 or " " not in text  # "Díaz-Canel" is three tokens
            if named and one_word and found.person_named(text) is None:
                person = self.gaz.person_by_surname(text)
                if person is not None:
                    found.add(ent, person)
        for ent, text in unknown:
            if ent.label_ == "PERSON" or found.covers(ent[0]):
                continue
            demonym = self.gaz.country_of_demonym(text) is not None  # "Israeli" names no one
            person = (
                found.person_named(text, ent.start)
                if ent.label_ in ("ORG", "GPE", "NORP") and not demonym
                else None
            )
            # "Russian-Japanese", and "U.S.-Japan" which the NER may call a body
            countries = self._countries_in_adjectives(ent) if person is None else []
            if person is not None:
                found.add(ent, person)
            elif (envoy_of := self._envoy_title(ent)) is not None:
                # "the Canadian Charge d'Affaires", which the NER calls a body: a title of
                # Canada's, no body and no name.
                found.add(ent, envoy_of)
            elif ent.label_ == "NORP" or len(countries) > 1 or demonym:
                # "the Ugandan foreign minister", the demonym read as a body: the country
                for country in countries:
                    found.add(ent, country)
            elif ent.label_ in ("ORG", "LAW", "EVENT", "WORK_OF_ART"):
                if _treaty_like(ent):
                    found.add(ent, self._pattern_treaty(text, doc))
                elif (
                    ent.label_ == "ORG"
                    and _proper_name(ent)
                    and not _in_compound_adjective(ent)
                    and not self._title_part(ent)
                    and text.lower() not in FAITHS  # "enemies of Islam": a faith, no body
                ):
                    found.add(ent, _unknown_body(text, self._country_first(text)))

    def _name_of(self, ent: Span) -> Span:
        """The name in a span the NER calls a person, its edges mended."""
        doc = ent.doc
        owner = next((t.i for t in ent if t.tag_ == "POS" and t.i > ent.start), None)
        body = owner is not None and any(t.lower_ in BODY_NAME_WORDS for t in ent)
        if owner is not None and not body:  # "Tigray People's Liberation Front" stays
            # "Hammad's Benghazi-based government": the name ends at the possessive.
            ent = Span(doc, ent.start, owner, label="PERSON")
        while ent.start > 0 and ent[0].lower_ in NAME_PARTICLES and ent[0].is_lower:
            before = doc[ent.start - 1]
            if not _name_word(before) or self._titled_word(before):
                break
            # "Prince Abdulaziz bin Salman", which the NER cuts to "bin Salman".
            ent = Span(doc, ent.start - 1, ent.end, label="PERSON")
        while len(ent) > 1 and self._titled_word(ent[0]):
            # "Spokesperson Asim Andrabi said" opening a sentence: the title is no name.
            ent = ent[1:]
        if len(ent) > 1 and self._headline_verb(ent[-1].text):
            # "Vucic Blames Kosovo" in a title-case headline: the verb is no name.
            ent = ent[:-1]
        return ent

    def _first_name_of_another(self, ent: Span, entity: Entity) -> bool:
        """A person's surname matched alone, followed by a capitalised name the text goes on
        with: the first name of another person ("Abdoulaye Bathily")."""
        if entity.type != Label.PERSON or len(ent) != 1 or ent.end >= len(ent.doc):
            return False
        after = ent.doc[ent.end]
        named = after.tag_ == "NNP" and after.is_title and not after.ent_type_
        return named and not self._titled_word(after) and not self._headline_verb(after.text)

    def _title_part(self, ent: Span) -> bool:
        """Words of a title the NER took for a body: "External Affairs" in "the Indian
        External Affairs Minister" (no word of a body, and a person's title right after)."""
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        role = self.gaz.roles.get(after.lower_) if after is not None else None
        bodies = any(t.lower_ in ORG_WORDS for t in ent)
        return role is not None and role.kind == "person" and not bodies

    def _country_first(self, name: str) -> str | None:
        """The country a state body's name opens with: "the Mexican Senate" is Mexico's (not
        "the American Civil Liberties Union", which is no state's)."""
        words = _strip_determiners(name).split()
        if not STATE_BODY_WORDS & {w.lower() for w in words}:
            return None
        for n in (2, 1):  # "South African", then "Mexican"
            country = self.gaz.country_of_demonym(" ".join(words[:n])) if len(words) > n else None
            if country is not None:
                return country.id
        return None

    def _envoy_title(self, ent: Span) -> Entity | None:
        """The country of a span that is a demonym and a person's title: "the Canadian
        Charge d'Affaires", "Japanese Ambassador"."""
        words = [t for t in ent if t.lower_ != "the"]
        if len(words) < 2 or ent.label_ != "ORG":
            return None
        country = self.gaz.country_of_demonym(words[0].text)
        title = " ".join(t.lower_ for t in words[1:]).replace(" '", "'")
        role = self.gaz.roles.get(title)
        return country if role is not None and role.kind == "person" else None

    def _apposed_name(self, ent: Span) -> Span | None:
        """A name the NER took for a place or body, with a person's title in apposition after
        it ("Gervasi, Peru's foreign minister,"): the whole name, as a person."""
        root = ent.root
        if ent.label_ not in ("GPE", "LOC", "ORG", "NORP") or root.pos_ != "PROPN":
            return None
        titled = any(
            c.dep_ == "appos" and (role := self.gaz.roles.get(c.lower_)) and role.kind == "person"
            for c in root.children
        )
        if not titled:
            return None
        doc, start = root.doc, root.i
        while start > 0 and (
            (doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN")
            # "Jens-Frederik": a hyphen inside the first name
            or (doc[start - 1].text == "-" and start > 1 and doc[start - 2].pos_ == "PROPN")
        ):
            start -= 1
        return Span(doc, start, root.i + 1, label="PERSON")

    def _titled_person(self, ent: Span) -> bool:
        """A name right after a person's title ("spokesman Tanju Bilgic", or "Spokesperson
        Asim Andrabi" opening a sentence, title included), no body's words."""
        if ent.label_ != "ORG":
            return False
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if len(ent) > 2 and ent[0].is_title and ent[0].lower_ in self.gaz.roles:
            before, ent = ent[0], ent[1:]
        role = self.gaz.roles.get(before.lower_) if before is not None else None
        bodies = any(t.lower_ in ORG_WORDS for t in ent)
        titled = (role is not None and role.kind == "person") or self._set_off_after_title(ent)
        return titled and not bodies and ent[0].is_title

    def _set_off_after_title(self, ent: Span) -> bool:
        """A name set off by a comma after a person's title: "the president of Colombia,
        Gustavo Petro," (the parser may hang it on the country)."""
        root = ent.root
        if root.dep_ != "appos" or ent.start == 0 or ent.doc[ent.start - 1].text != ",":
            return False
        head = root.head
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
        role = self.gaz.roles.get(head.lower_)
        return role is not None and role.kind == "person"

    def _fuller_name(self, known: Entity, text: str) -> bool:
        """A person the text first named by surname alone, now named in full."""
        unknown = known.id not in self.gaz.entities
        return unknown and " " not in known.name and len(text.split()) > 1

    def _headline_verb(self, word: str) -> bool:
        """A capitalised verb of saying or judging ("Blames", "Slams", "Says")."""
        if not word.istitle() or not word.endswith("s"):
            return False
        stems = {word[:-1].lower(), word[:-2].lower()}  # "Blames" -> blame, "Pushes" -> push
        verbs = self.lex.cue_verbs | self.lex.negative_predicates
        return bool(stems & verbs)

    def _common_word(self, written: str, entity: Entity) -> bool:
        """A country's or person's name written in lower case is a common word ("all
        states", "fine china"), not the name."""
        return written.islower() and entity.type in (Label.COUNTRY, Label.PERSON)

    def _capital_as_place(self, ent: Span, written: str) -> bool:
        """A capital named as where something happens ("a conference in Rome", "the Vienna
        talks") is a place; as an actor ("Washington said", "Beijing's plan") it names
        its government."""
        if not self.gaz.is_capital(written):
            return False
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
            # "the regime in Minsk", "officials in Kyiv": who rules or speaks there; not
            # "relief officials in Nairobi", whose kind says they are not its government
            holder = root.head.head
            kinds = {c.lemma_.lower() for c in holder.children if c.dep_ in ("amod", "compound")}
            official = holder.lemma_.lower() in PEOPLE_THERE and kinds <= OFFICIAL_KINDS
            return not (holder.lemma_.lower() in RULING_NOUNS or official)
        return root.dep_ == "compound" and root.head.lemma_.lower() in MEETING_NOUNS

    def _apostrophe_stripped(self, text: str) -> Entity | None:
        # "Japans", "Moscows": a place name with its apostrophe lost reads as a plural or PERSON.
        if len(text) > 4 and text.endswith("s"):
            known = self.gaz.lookup(text[:-1])
            if known is not None and known.type != Label.PERSON:
                return known
        return None

    def _countries_in_adjectives(self, span: Span) -> list[Entity]:
        out = []
        for part in re.split(r"[-–/]", span.text):
            country = self.gaz.country_of_demonym(part.strip()) or self.gaz.lookup(part.strip())
            if country is not None and country.type == Label.COUNTRY:
                out.append(country)
        return out

    def _person(self, text: str, found: "_Mentions", at: int | None = None) -> Entity:
        text = HONORIFIC.sub("", text) or text  # "Ms Botchwey" is Shirley Ayorkor Botchwey
        known = found.person_named(text, at)
        if known is not None and self._fuller_name(known, text):
            # "Varadkar regrets …" in the headline, then "Leo Varadkar": the full name.
            fuller = Entity(
                id=f"person:{slug(text)}",
                name=text,
                type=Label.PERSON,
                aliases=(known.name, *known.aliases),
            )
            found.rename(known.id, fuller)
            return fuller
        if known is not None:
            found.add_alias(known.id, text)
            return found.entities[known.id]
        if " " not in text:
            person = self.gaz.person_by_surname(text)
            if person is not None:
                return person
        else:
            person = self._spelled_otherwise(text)
            if person is not None:
                return person
        return Entity(id=f"person:{slug(text)}", name=text, type=Label.PERSON)

    def _spelled_otherwise(self, text: str) -> Entity | None:
        """The gazetteer's person with this first name and a surname one letter apart
        ("Nikol Pashinian" for Nikol Pashinyan); None unless exactly one."""
        words = text.split()
        found = {
            person.id: person
            for person in self.gaz.persons_spelled_like(words[-1])
            if _plain(person.name.split()[0]) == _plain(words[0])
            and _same_name(words[-1], person.name.split()[-1])
        }
        return next(iter(found.values())) if len(found) == 1 else None

    # -- single tokens: demonyms and bare country words the NER missed ------------------

    def _link_tokens(self, doc: Doc, found: "_Mentions") -> None:
        # Title-case or upper-case tokens only, read for the whole Doc at once (to_array).
        capitalised = numpy.flatnonzero(doc.to_array(["IS_TITLE", "IS_UPPER"]).any(axis=1))
        for i in capitalised.tolist():
            if i in found.by_token or i in found.places:  # covered: no Token object needed
                continue
            token = doc[i]
            if token.tag_ in ("JJ", "NNP", "NNPS", "NNS"):
                country = self.gaz.country_of_demonym(token.text)
                if country is None and token.tag_ in ("NNP", "NNPS", "NNS"):
                    country = self._apostrophe_stripped(token.text)
                if country is not None:
                    found.add(doc[token.i : token.i + 1], country)
                    continue
            if (
                token.tag_ in ("NNP", "NNPS")
                and token.is_title
                and len(token) > 3
                and token.dep_ != "compound"
                and not _with_article(doc[i : i + 1])
            ):
                # A surname the NER missed ("Çavuşoğlu said …") of a person named before;
                # not a modifier ("the Harper government" is a government).
                person = found.person_named(token.text, token.i)
                if person is not None and person.id.startswith("person:"):
                    found.add(doc[token.i : token.i + 1], person)
                elif person is None and self._unknown_speaker(token, found):
                    self._add_speaker_name(token, found)
                elif person is None and (last := self._unknown_target(token)) is not None:
                    self._add_speaker_name(last, found, alone=False)
            elif token.is_title and (
                (token.tag_ == "NN" and token.dep_ == "nsubj") or token.tag_ in ("RB", "JJ")
            ):
                # "Price said": a surname that is also a word, of a person named before;
                # "Bathily warned", "Bathily, who …", tagged an adverb.
                person = found.person_named(token.text, token.i)
                if person is not None and person.id.startswith("person:"):
                    found.add(doc[token.i : token.i + 1], person)

    def _unknown_speaker(self, token: Token, found: "_Mentions") -> bool:
        """A proper name nobody linked as the subject of a reporting verb: "Rinkevics said",
        "spokesperson Asim Iftikhar Ahmad said" (names the NER model does not know); not a
        title before a known name ("Duma Speaker Vyacheslav Volodin")."""
        head = token.head
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        # A title with its holder's name after it or under it ("High Representative for
        # Foreign Affairs Federica Mogherini").
        # A name in apposition counts ("Secretary-General, Antonio Guterres,"); a country
        # in a title set off after the name does not ("Maxime Prevot, … of Belgium,").
        apposed_after = {t.i for c in token.children if c.dep_ == "appos" for t in c.subtree}
        named_after = (after is not None and found.covers(after)) or any(
            found.covers(t) and (t.i not in apposed_after or _person_at(t, found))
            for t in token.subtree
            if t.i > token.i
        )
        # "The Turkish Foreign Ministry's spokesperson, Oncu Keceli, said": the name set off
        # after the title that is the subject.
        role = self.gaz.roles.get(head.lower_) if token.dep_ == "appos" else None
        apposed = role is not None and role.kind == "person" and head.dep_ == "nsubj"
        subject = token if not apposed else head
        return (
            (token.dep_ == "nsubj" or apposed)
            and not named_after
            and subject.head.pos_ == "VERB"
            and self.lex.verb_lemma(subject.head) in self.lex.cue_verbs
            and not self._titled_word(token)
            and not self.gaz.is_outlet(token.text)  # "Reuters said": a news agency carries
        )

    def _titled_word(self, token: Token) -> bool:
        """A capitalised word that is a title or a body ("Spokesman", "Ministry"), no name."""
        word = token.lower_
        words = {word, word[:-1] if word.endswith("s") else word}  # "Ministers" is a title
        return any(w in self.gaz.roles or w in ORG_WORDS or w in self.lex.cue_verbs for w in words)

    def _unknown_target(self, token: Token) -> Token | None:
        """The last word of a proper name nobody linked, whom a critical or supportive verb
        is aimed at: "accused Abdoulaye Bathily of …" (a name the NER model does not know;
        the parser may make its first word the object)."""
        head = token.head
        if token.dep_ != "dobj" or head.pos_ != "VERB" or self._titled_word(token):
            return None
        lemma = self.lex.verb_lemma(head)
        if lemma not in self.lex.critical_verbs and lemma not in self.lex.supportive_verbs:
            return None
        doc, last = token.doc, token
        # Any capitalised word after it, whatever its tag: "Bathily" is tagged an adverb.
        while last.i + 1 < len(doc) and _name_word(doc[last.i + 1]):
            last = doc[last.i + 1]
        return None if self.gaz.is_outlet(doc[token.i : last.i + 1].text) else last

    def _add_speaker_name(self, token: Token, found: "_Mentions", *, alone: bool = True) -> None:
        """The name ending at the token: its capitalised compounds before it, or where a
        surname alone, the fuller form of the name written earlier ("Edgars Rinkevics");
        unless `alone`, a single word that was never written in full is no name."""
        doc = token.doc
        start = _name_start(token, self._titled_word, found)
        known = self.gaz.person_by_surname(token.text) if start == token.i else None
        if known is not None:  # "Lavrov objected …", which the NER left untagged
            found.add(doc[token.i : token.i + 1], known)
            return
        if start == token.i:
            for earlier in (t for t in doc[: token.i] if t.text == token.text):
                if (first := _name_start(earlier, self._titled_word, None)) < earlier.i:
                    name = doc[first : earlier.i + 1].text
                    break
            else:
                if token.i == token.sent.start or not alone:
                    return  # "Head of the agency said": any word is capitalised there
                name = token.text
        else:
            name = doc[start : token.i + 1].text
        if self.gaz.is_outlet(name) or _looks_like_agency(name):
            return  # "reports Prensa Latina": an agency carries the words
        span = doc[start : token.i + 1]
        known = self.gaz.lookup(name)
        if known is not None and known.type != Label.PERSON:
            found.add(span, known)  # "Delhi has asked …" after "New Delhi:": India
            return
        # "accused the Sudan Liberation Movement of …": a body, not a person.
        person = None if _body_words(span) else self._person(name, found, span.start)
        found.add(span, person or _unknown_body(name))

    # -- treaties by pattern --------------------------------------------------------------

    def _link_treaty_patterns(self, doc: Doc, found: "_Mentions") -> None:
        for token in _tokens_named(doc, TREATY_HEADS):
            if found.covers(token):
                continue
            accession = self._accession_treaty(token, found)
            if accession is not None:
                phrase = [t for t in token.subtree if t.dep_ not in ("det", "relcl", "amod")]
                found.add(doc[min(t.i for t in phrase) : max(t.i for t in phrase) + 1], accession)
                continue
            span = _treaty_phrase(token)
            if span is None:
                continue
            named = [found.entity_at(t) for t in span if found.covers(t)]
            if any(e is not None and e.type == Label.TREATY for e in named):
                continue  # "the Joint Comprehensive Plan of Action (JCPOA) nuclear deal"
            entity = self._pattern_treaty(span.text, doc, span=span, found=found)
            if entity is not None:
                found.add(span, entity)

    def _accession_treaty(self, head: Token, found: "_Mentions") -> Entity | None:
        """ "the protocol of Finland's accession to NATO": the gazetteer's accession
        instrument for the country its "of/on … accession" phrase names."""
        phrase = [
            t for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "on")
            for t in c.subtree
        ]  # fmt: skip
        if not any(t.lemma_.lower() == "accession" for t in phrase):
            return None
        countries = [e for t in phrase if (e := found.entity_at(t)) and e.type == Label.COUNTRY]
        for country in countries:
            names = [n.lower() for n in (country.name, *country.aliases) if len(n) > 3]
            for treaty in self._accession_treaties:
                if any(n in treaty.name.lower() for n in names):
                    return treaty
        return None

    @functools.cached_property
    def _accession_treaties(self) -> list[Entity]:
        # The gazetteer has thousands of entities: scan them once, not per mention.
        return self.gaz.treaties_named("accession")

    def _pattern_treaty(
        self,
        text: str,
        doc: Doc,
        *,
        span: Span | None = None,
        found: "_Mentions | None" = None,
    ) -> Entity | None:
        text = _strip_determiners(_clean_name(text))
        known = self.gaz.lookup(text)
        if known is not None:
            return known
        year = re.search(r"\b(1[6-9]\d\d|20\d\d)\b", text)
        head = text.split()[-1].lower() if text.split() else ""
        if span is not None and found is not None:
            parties = self._treaty_parties(span, found)
            if len(parties) == 2 and head in GENERIC_TREATY_HEADS:
                return self._bilateral(parties, head, span)
            if len(parties) > 2 and head in GENERIC_TREATY_HEADS:
                # "a trilateral defense agreement between the US, the UK and Australia"
                codes = "-".join(sorted(p.id.split(":")[-1].lower() for p in parties))
                return Entity(
                    id=f"treaty:{slug(text)}-{codes}",
                    name=_title(text),
                    type=Label.TREATY,
                    parties=tuple(p.id for p in parties),
                )
            if year and head in GENERIC_TREATY_HEADS:
                return self._treaty_by_year(int(year.group()), head, found)
            if head in GENERIC_TREATY_HEADS and not text[0].isupper():
                # "the peace treaty", "the agreement": the instrument named before.
                return found.last_of_kind(head) or found.last_instrument(span)
            if not any(w[0].isupper() for w in text.split()):
                return None
            if _headline(span):
                return None  # "Pashinian Vows Peace Deal": every word of a headline is capitalised
        if len(text.split()) < 2:
            return None  # "Treaty" alone names no treaty
        return Entity(id=f"treaty:{slug(text)}", name=_title(text), type=Label.TREATY)

    def _treaty_parties(self, span: Span, found: "_Mentions") -> list[Entity]:
        parties: list[Entity] = []
        head = span.root
        # "a peace treaty between Russia and Japan"
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                for tok in prep.subtree:
                    if tok.dep_ not in ("pobj", "conj", "compound"):
                        continue  # "between Russian President Putin and …" names persons
                    entity = found.entity_at(tok)
                    if entity and entity.type == Label.COUNTRY and entity not in parties:
                        parties.append(entity)
        # "the Russia-Japan peace treaty"
        for tok in span:
            entity = found.entity_at(tok)
            if entity and entity.type == Label.COUNTRY and entity not in parties:
                parties.append(entity)
        return parties

    def _bilateral(self, parties: list[Entity], head: str, span: Span) -> Entity:
        first, second = sorted(parties, key=lambda e: e.id)
        # "peace treaty" in "the Russia-Japan peace treaty"; no party ("China-Japan agreement").
        kind = " ".join(
            t.lower_ for t in span if t.i >= span.root.i - 1 and t.is_alpha and not t.ent_type_
        )
        kind = kind if kind.endswith(head) else head
        code = "-".join(p.id.split(":")[-1] for p in (first, second))
        name = f"{_short(first)}–{_short(second)} {kind}"
        aliases = _pair_names(first, second, kind)
        return Entity(
            id=f"treaty:{slug(kind)}-{code.lower()}",
            name=name,
            type=Label.TREATY,
            aliases=tuple(aliases),
            parties=(first.id, second.id),
        )

    def _treaty_by_year(self, year: int, head: str, found: "_Mentions") -> Entity | None:
        mentioned = {e.id for e in found.entities.values() if e.type == Label.COUNTRY}
        candidates = [
            e
            for e in self.gaz.entities.values()
            if e.type == Label.TREATY and e.year == year and set(e.parties) & mentioned
        ]
        if not candidates:
            return None
        # Prefer the instrument whose parties the text mentions most, then its kind.
        return max(
            candidates,
            key=lambda e: (len(set(e.parties) & mentioned), head in e.name.lower(), e.id),
        )

    # -- "the bloc" -----------------------------------------------------------------------

    def _link_blocs(self, doc: Doc, found: "_Mentions") -> None:
        """ "The EU imposed sanctions … the bloc": the union of states named before."""
        for token in _tokens_named(doc, {"bloc"}):
            if not found.covers(token) and _definite(token):
                known = found.last_named(_is_bloc)
                if known is not None:
                    found.add(_noun_phrase(token), known)

    def _link_courts(self, doc: Doc, found: "_Mentions") -> None:
        """ "The International Court of Justice ordered … welcomed the court's orders": the
        court named before."""
        for token in _tokens_named(doc, COURT_NOUNS):
            if not found.covers(token) and _definite(token) and token.tag_ == "NN":
                known = found.last_named(_is_court, before=token.i)
                if known is not None:
                    found.add(_noun_phrase(token), known)

    # -- bilateral alliances --------------------------------------------------------------

    def _link_alliances(self, doc: Doc, found: "_Mentions") -> None:
        for token in _tokens_named(doc, ALLIANCE_NOUNS):
            if found.covers(token):
                continue
            partner = _partner_of(token, found)
            member = _member_of(token, found)
            if member is None and partner is None and token.lower_ == "alliance":
                # "the (aforementioned) alliance": the alliance named before.
                known = _definite(token) and found.last_named(_is_alliance)
                if known:
                    found.add(_noun_phrase(token), known)
                continue
            if member is not None and partner is None:
                # "Japan's alliance with a country that …": the alliance of Japan named before.
                known = found.last_named(functools.partial(_allied, member.id))
                if known is not None:
                    found.add(_noun_phrase(token), known)
                continue
            if partner is None or member is None or partner.id == member.id:
                continue
            if partner.type != Label.COUNTRY or member.type != Label.COUNTRY:
                continue
            first, second = sorted((member, partner), key=lambda e: e.id)
            code = f"{first.id.split(':')[-1]}-{second.id.split(':')[-1]}"
            entity = Entity(
                id=f"alliance:{code.lower()}",
                name=f"{_short(first)}-{_short(second)} alliance",
                type=Label.ALLIANCE,
                aliases=tuple(_pair_names(first, second, "alliance")),
                parties=(first.id, second.id),
            )
            found.add(_noun_phrase(token), entity)


class _Mentions:
    """The mentions found so far in one Doc, with the entities they point to."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.items: list[tuple[int, int, str]] = []
        self.entities: dict[str, Entity] = {}
        self.by_token: dict[int, str] = {}
        # Person id -> its name and aliases, the most recently mentioned person last.
        self.persons: dict[str, tuple[str, ...]] = {}
        self.places: set[int] = set()  # tokens of places named after a country

    def add(self, span: Span, entity: Entity | None) -> None:
        if entity is None:
            return
        if entity.id in self.entities:
            entity = _merge(self.entities[entity.id], entity)
        self.entities[entity.id] = entity
        self.items.append((span.start, span.end, entity.id))
        if entity.type == Label.PERSON:
            self.persons.pop(entity.id, None)
            self.persons[entity.id] = (entity.name, *entity.aliases)
        for i in range(span.start, span.end):
            self.by_token.setdefault(i, entity.id)

    def rename(self, old_id: str, entity: Entity) -> None:
        """Point every mention of one entity at another (the same person, named in full)."""
        self.entities.pop(old_id, None)
        self.persons.pop(old_id, None)
        self.entities[entity.id] = entity
        self.persons[entity.id] = (entity.name, *entity.aliases)
        self.items = [(s, e, entity.id if i == old_id else i) for s, e, i in self.items]
        self.by_token = {k: entity.id if v == old_id else v for k, v in self.by_token.items()}

    def add_alias(self, entity_id: str, alias: str) -> None:
        entity = self.entities[entity_id]
        if alias != entity.name and alias not in entity.aliases:
            self.entities[entity_id] = entity.model_copy(
                update={"aliases": (*entity.aliases, alias)}
            )
            if entity_id in self.persons:  # same place in the order
                self.persons[entity_id] = (entity.name, *entity.aliases, alias)

    def covers(self, token: Token) -> bool:
        return token.i in self.by_token

    def entity_at(self, token: Token) -> Entity | None:
        entity_id = self.by_token.get(token.i)
        return self.entities.get(entity_id) if entity_id else None

    def person_named(self, text: str, before: int | None = None) -> Entity | None:
        """The most recently mentioned person this name can refer to; given the token the
        name stands at, the last one named before it ("Wang's comments" after "Wang Yi
        said", not the "Wang Mei-hua" of the next paragraph)."""
        matches = [i for i, forms in self.persons.items() if _names_person(text, forms)]
        if not matches:
            return None
        if before is not None:
            earlier = [i for start, _, i in self.items if start < before and i in matches]
            if earlier:
                return self.entities[earlier[-1]]
        return self.entities[matches[-1]]

    def last_named(
        self, wanted: Callable[[Entity], bool], before: int | None = None
    ) -> Entity | None:
        """The last entity named (before token `before`, if given) that is what is wanted."""
        for start, _, entity_id in reversed(self.items):
            if (before is None or start < before) and wanted(self.entities[entity_id]):
                return self.entities[entity_id]
        return None

    def last_instrument(self, span: Span) -> Entity | None:
        """For a definite "the agreement/deal/pact": the last treaty or alliance named."""
        determiner = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if determiner not in DEFINITE or len(span) > 2:
            return None
        for _, _, entity_id in reversed(self.items):
            entity = self.entities[entity_id]
            if entity.type in (Label.TREATY, Label.ALLIANCE):
                return entity
        return None

    def last_of_kind(self, head: str) -> Entity | None:
        for _, _, entity_id in reversed(self.items):
            entity = self.entities[entity_id]
            if entity.type == Label.TREATY and head in entity.name.lower():
                return entity
        return None

    def spans(self) -> list[Span]:
        out = []
        for start, end, entity_id in sorted(set(self.items)):
            entity = self.entities[entity_id]
            out.append(Span(self.doc, start, end, label=entity.type.value, kb_id=entity_id))
        return out


QUOTE_MARKS = {'"', "“", "”", "„"}


def _nicknamed_names(doc: Doc, titled) -> list[tuple[Span, str]]:
    """Names with a quoted nickname inside ('Ferdinand "Bongbong" Marcos Jr.'), and the name
    they stand for without it ("Ferdinand Marcos Jr."); `titled` tells a title's words."""

    def named(token: Token) -> bool:
        proper = token.tag_ == "NNP" and token.is_title and token.is_alpha
        return (proper and not titled(token)) or token.lower_ in ("jr.", "sr.")

    out = []
    quotes = [t.i for t in doc if t.text in QUOTE_MARKS]
    for opening, closing in zip(quotes, quotes[1:], strict=False):
        inside = doc[opening + 1 : closing]
        if not 1 <= len(inside) <= 2 or not all(t.is_title for t in inside):
            continue
        start, end = opening, closing + 1
        while start > 0 and named(doc[start - 1]) and doc[start - 1].lower_ not in ("jr.", "sr."):
            start -= 1
        while end < len(doc) and named(doc[end]):
            end += 1
        if start < opening and end > closing + 1:
            name = f"{doc[start:opening].text} {doc[closing + 1 : end].text}"
            out.append((Span(doc, start, end, label="PERSON"), _clean_name(name)))
    return out


def _headline(span: Span) -> bool:
    """A span in a title-case line ("Pashinian Vows Peace Deal With Azerbaijan")."""
    words = [t for t in span.sent if t.is_alpha]
    capitalised = [t for t in words if t.text[0].isupper()]
    return len(words) >= 4 and len(capitalised) >= 0.8 * len(words)


def _acronym_only(text: str, entity: Entity) -> bool:
    """The text names the entity only as a word written like one of its acronyms."""
    forms = (entity.name, *entity.aliases)
    return text not in forms and any(f.isupper() and f == text.upper() for f in forms)


def _name_word(token: Token) -> bool:
    """A capitalised word that can go on a name: not a stop word, number or punctuation."""
    return token.is_title and token.is_alpha and not token.is_stop and not token.ent_type_


def _name_start(token: Token, titled, found: "_Mentions | None") -> int:
    """Where a name ending at the token starts: the capitalised proper nouns right before
    it, up to a title or anything else."""
    start = token.i
    while start > token.sent.start:
        before = token.doc[start - 1]
        linked = found is not None and found.covers(before)
        named = before.tag_ in ("NNP", "NNPS") and before.is_title
        if not named or linked or titled(before):
            break
        start -= 1
    return start


def _is_bloc(entity: Entity) -> bool:
    """An organization or alliance of several member states."""
    return entity.type in (Label.ORGANIZATION, Label.ALLIANCE) and len(entity.parties) > 2


def _is_alliance(entity: Entity) -> bool:
    return entity.type == Label.ALLIANCE


def _allied(member_id: str, entity: Entity) -> bool:
    """An alliance the member is party to."""
    return _is_alliance(entity) and member_id in entity.parties


def _is_court(entity: Entity) -> bool:
    words = set(entity.name.lower().split())
    return entity.type == Label.ORGANIZATION and bool(words & COURT_NOUNS)


def _tokens_named(doc: Doc, words: set[str]) -> list[Token]:
    """The tokens whose lower-case form is one of `words`, in order. to_array reads the
    attribute for the whole Doc at once: no Token object is made for the others."""
    wanted = {doc.vocab.strings[word] for word in words}  # string hashes, as in the array
    return [doc[i] for i, lower in enumerate(doc.to_array("LOWER").tolist()) if lower in wanted]


def _merge(old: Entity, new: Entity) -> Entity:
    aliases = tuple(dict.fromkeys((*old.aliases, *new.aliases)))
    return old.model_copy(update={"aliases": aliases})


def _person_at(token: Token, found: "_Mentions") -> bool:
    entity = found.entity_at(token)
    return entity is not None and entity.type == Label.PERSON


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(' ,.;:"“”')


def _body_words(ent: Span) -> bool:
    """A name with words only a body's name has ("Front", "Movement", "Army", "Party")."""
    return any(t.lower_ in BODY_NAME_WORDS and t.is_title for t in ent[1:])


def _unknown_body(text: str, country: str | None = None) -> Entity:
    """An organization the gazetteer does not know, by the name the text gives it."""
    name = _strip_determiners(text)
    return Entity(id=f"org:{slug(name)}", name=name, type=Label.ORGANIZATION, country=country)


def _strip_determiners(text: str) -> str:
    text = re.sub(r"^(the|a|an|this|that|said|its|their|our|his|her)\s+", "", text, flags=re.I)
    # "The Presidential Council of the [Libyan Government of National Accord]": the NER's
    # body cut where a known name begins ends on its preposition.
    return re.sub(r"\s+(?:of|for|on|and)(?:\s+the)?$", "", text, flags=re.I)


# A courtesy title before a name: not part of whom it names.
HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Madam|Mme|Sir|Dame|Prof|Sheikh|Shaikh|Prince|Princess)\.?\s+(?=[A-Z])"
)


def _title(text: str) -> str:
    return text if any(c.isupper() for c in text) else text.title()


def _treaty_like(span: Span) -> bool:
    return any(t.lower_ in TREATY_HEADS and t.is_title for t in span) and len(span) > 1


def _with_article(span: Span) -> bool:
    """A one-word name under an article: "the new Bill", "a Rose"."""
    return len(span) == 1 and any(
        c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in span.root.children
    )


def _in_compound_adjective(span: Span) -> bool:
    """The first part of an adjective like "State-sponsored": no organization's name."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].is_lower


def _proper_name(span: Span) -> bool:
    """An organization's name is capitalised ("Association of European Businesses"); the NER
    also returns phrases like "United States' brand new deal", which name no organization."""
    words = [t for t in span if t.is_alpha and not t.is_stop]
    return bool(words) and all(t.text[0].isupper() for t in words)


def _looks_like_agency(text: str) -> bool:
    return any(word in NEWS_AGENCY_HINTS for word in text.lower().split())


@functools.lru_cache(maxsize=16384)  # asked for every capitalised word against every person
def _names_person(name: str, forms: tuple[str, ...]) -> bool:
    """Whether a name can refer to a person known by these forms (name and aliases)."""
    return any(_same_person(name, form) for form in forms)


@functools.lru_cache(maxsize=32768)
def _same_person(name: str, full_name: str) -> bool:
    words, form = name.split(), full_name.split()
    # "Surangel Whipps Jr." is "Whipps": a generational suffix is no surname.
    while len(form) > 1 and form[-1].strip(".,").lower() in NAME_SUFFIXES:
        form = form[:-1]
    if not words or not form:
        return False
    if words == form:
        return True
    if len(words) == 1 and len(form) >= 3 and form[-2].lower() in PATRONYMIC:
        # "Abdulaziz" alone is not "Salman bin Abdulaziz": the last word names the father.
        return _plain(words[0]) == _plain(form[0])
    if len(words) == 1 and len(form) >= 2:
        # One name alone refers back to the full name: "Lavrov", and "Wang" or "Mao" for
        # names written family name first.
        # A typo is forgiven in the surname only: "Israeli" is not Israel Katz.
        return _plain(words[0]) == _plain(form[0]) or _same_name(words[0], form[-1])
    if not _same_name(words[-1], form[-1]):
        return False
    if len(form) == 1:
        return True
    # Transliteration variants of one first name: Sergei/Sergey, Dmitri/Dmitry.
    return words[0][:4].lower() == form[0][:4].lower()


def _same_name(a: str, b: str) -> bool:
    """Equal up to case and diacritics ("Niinisto", "Niinistö"), or one typo apart in a long
    name ("Borrel", "Borrell")."""
    a, b = _plain(a), _plain(b)
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    return _one_edit(a, b)


@functools.lru_cache(maxsize=8192)  # the same few names are compared again and again
def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(a)):
        if a[i] != b[i]:
            rest = a[i + 1 :] if len(a) == len(b) else a[i:]
            return rest == b[i + 1 :]
    return True  # b is a with one more letter at the end


def _treaty_phrase(head: Token) -> Span | None:
    """The noun phrase a treaty head word ends: its compounds, modifiers and determiner."""
    if head.dep_ in ("compound", "amod") and head.head.lower_ not in TREATY_HEADS:
        return None  # "treaty talks": the head noun is something else
    left = head.i
    for child in head.lefts:
        # Not a possessor: "the United States' brand new deal" is a deal of the US.
        if child.dep_ in ("compound", "amod", "nummod", "nmod", "det", "punct", "npadvmod"):
            left = min(left, child.left_edge.i)
    right = head.i + 1
    for child in head.rights:
        # "the Treaty of Zarovia", "the Convention on Cluster Munitions": a named instrument
        # goes on to the capitalised phrase after it.
        named_after = any(t.is_title for t in child.subtree if t.i != child.i)
        if head.is_title and child.dep_ == "prep" and child.lower_ in ("of", "on") and named_after:
            right = child.right_edge.i + 1
            break
    span = head.doc[left:right]
    words = [t for t in span if t.dep_ not in ("det", "poss")]
    has_year = any(re.fullmatch(r"1[6-9]\d\d|20\d\d", t.text) for t in span)
    named = any(t.is_title and t.i != head.i for t in words) or head.is_title
    has_between = any(c.lower_ == "between" for c in head.children)
    if not (has_year or named or has_between or head.lower_ in GENERIC_TREATY_HEADS):
        return None
    while span and span[0].dep_ in ("det", "poss", "punct"):
        span = span[1:]
    return span if len(span) else None


def _pair_names(first: Entity, second: Entity, kind: str) -> list[str]:
    def forms(entity: Entity) -> list[str]:
        short = [a for a in entity.aliases if len(a) <= 4 and a.isupper()]
        return [entity.name, *short]

    names = []
    for a in forms(first):
        for b in forms(second):
            names += [f"{a}-{b} {kind}", f"{b}-{a} {kind}", f"{a}–{b} {kind}", f"{b}–{a} {kind}"]
    return sorted(set(names))


def _short(entity: Entity) -> str:
    short = [a for a in entity.aliases if len(a) <= 3 and a.isupper() and "." not in a]
    return short[0] if short and len(entity.name) > 10 else entity.name


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children) or any(
        c.lower_ == "aforementioned" for c in token.lefts
    )


def _noun_phrase(token: Token) -> Span:
    left = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ != "det"])
    return token.doc[left : token.i + 1]


def _partner_of(token: Token, found: _Mentions) -> Entity | None:
    # "alliance with B", "ally of B", "B-Japan alliance" (the compound side is handled below)
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "of", "between"):
            for tok in prep.subtree:
                entity = found.entity_at(tok)
                if entity is not None and entity.type == Label.COUNTRY:
                    return entity
    countries = _countries_among(token.lefts, found)
    return countries[-1] if len(countries) >= 2 else None


def _member_of(token: Token, found: _Mentions) -> Entity | None:
    countries = _countries_among(token.lefts, found)
    if countries:
        return countries[0]  # "Japan's alliance", "the Japan-US alliance"
    verb = token.head
    while verb.dep_ in ("attr", "dobj", "pobj", "prep", "conj", "appos") and verb.head is not verb:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            entity = found.entity_at(child)
            if entity is not None and entity.type == Label.COUNTRY:
                return entity
    return None


def _countries_among(tokens: Iterable[Token], found: _Mentions) -> list[Entity]:
    out: list[Entity] = []
    for child in tokens:
        for tok in child.subtree:
            entity = found.entity_at(tok)
            if entity is not None and entity.type == Label.COUNTRY and entity not in out:
                out.append(entity)
    return out
