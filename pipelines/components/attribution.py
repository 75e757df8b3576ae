"""dg_attribution: finds statements (direct quotes and reported speech) and their speakers.

Writes `doc._.dg_statements`, a list of StatementSpan in text order. How a statement is found:
1. Direct quotes come from quotation marks, not sentences (a quote may cover several
   sentences; “ … " mixed marks occur). A quote's cue is a reporting verb outside quotes
   right after it (`…," he said.`) or before it in its sentence (`Lavrov said: "…"`), or
   the colon of a transcript line (`Koro Bessho: "…"`); the part of a quote resumed after
   its cue (`"…," the ministry said, "…"`) has the same cue. A quote with no cue continues
   the previous speaker when it follows that speaker's statement in the same or the next
   paragraph. Short fragments (fewer than MIN_QUOTE_WORDS words) are citations inside a
   sentence, not statements.
2. Reported speech: a reporting verb outside quotes with a subject and a clausal
   complement (`X said that …`; a clause conjoined after it that quotes the speaker's
   words belongs to it), a critical or supportive verb with an object (`X condemned Y`,
   `X took aim at Y`), a directive with what it urges (`X pressed for Y to extend …`),
   and `according to X, …` (unless a named speaker's own cue is in the sentence: `Xi told
   Biden that …, according to a readout`). A verb of saying used for an act ("continues
   its occupation", "held talks", "raised tariffs") reports nothing.
3. Reporting verbs inside a statement (in a quote, or in its complement) belong to that
   statement: a person quoted by the speaker is not a speaker of their own here.
Speakers are resolved from the verb's subject: a named entity; a pronoun or a role noun
("the minister", "the spokeswoman", "Russia's top diplomat") to the last compatible person,
one of the country the role noun names first ("the US leader"); an unnamed official with no
such person ("a top U.S. official") to the body named with them; an institution ("the
Foreign Ministry") to an Organization of the country named with it, or of the country that
acts just before; "his spokesperson" to him; "the
Biden administration" to his country's government. A pronoun after a quote prefers the
last speaker to a person named in passing (in a subordinate clause or in another's words).
"""

import bisect
import functools
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph_schema import Label
from pipelines.components.entities import BODY_NAME_WORDS, MENTIONS_KEY, ORG_WORDS, slug
from pipelines.gazetteer import Gazetteer, RoleNoun, default_gazetteer
from pipelines.lexicon import Lexicon, default_lexicon
from pipelines.statements import Entity

MIN_QUOTE_WORDS = 5
SPEAKER_TYPES = {Label.PERSON, Label.COUNTRY, Label.ORGANIZATION, Label.ALLIANCE}
# Dependencies through which a subject-less verb hangs from a clause with a subject.
CLAUSE_LINKS = {"pcomp", "pobj", "prep", "xcomp", "acl", "advmod", "acomp", "advcl"}
HYPOTHETICAL = {"will", "would", "could", "might", "may", "shall", "'ll", "wo"}
MEDIA_WORDS = {"agency", "newspaper", "news", "daily", "broadcaster", "television", "tv", "radio",
               "outlet", "media", "reporters", "journalists", "wire"}  # fmt: skip
# Reporting verbs whose object is not what was said ("told reporters", "asked him").
NO_OBJECT_CUES = {"say", "tell", "add", "ask", "call", "inform", "assure", "thank", "report"}
# Verbs of saying that are also verbs of doing: with a thing as object they name an act
# ("continues its occupation", "extended the deal", "raised tariffs", "observe a truce").
ACTING_CUES = {
    "continue", "maintain", "extend", "raise", "post", "observe", "add", "issue", "hold",
    "offer", "rule",
}  # fmt: skip
# Verbs of an event that moves someone to speak: "prompting Russia to vow …".
PROMPTING_VERBS = {"prompt", "spur", "lead", "drive", "push", "provoke", "trigger"}
# Words for a body that a name beside them names, not a person.
NAMED_BODY_WORDS = BODY_NAME_WORDS | {"group", "organization", "organisation", "militia"}
# People who speak about a body without speaking for it: "government critics".
OUTSIDE_VOICES = {
    "critic", "opponent", "protester", "protestor", "demonstrator", "analyst", "observer",
    "commentator", "activist", "rival", "detractor",
}  # fmt: skip
# Verbs whose object, whatever it is, is what they make known.
ANNOUNCING_CUES = {"announce", "confirm"}
# Verbs that report only with a clause of holding to account: "Syria holds Israel
# responsible", "holds that …" ("held talks", "holds uranium", "must be held accountable"
# say nothing).
CLAUSE_CUES = {"hold"}
# A state's diplomats: what is said to them is said to the state, and recalling them is an act.
ENVOYS = {
    "ambassador", "envoy", "diplomat", "consul", "attache", "attaché", "emissary", "charge",
    "chargé", "affaires", "d'affaires",
}  # fmt: skip
OPENING = "“«„"
CLOSING = "”»"
# The only characters find_quotes acts on: it jumps from one to the next.
QUOTE_EVENTS = re.compile(r'[\n“«„”»"]')

if not Doc.has_extension("dg_statements"):
    Doc.set_extension("dg_statements", default=None)
if not Doc.has_extension("dg_home"):
    # The country the story is told from (its dateline's), set before the pipeline runs.
    Doc.set_extension("dg_home", default=None)


@dataclass
class StatementSpan:
    """One statement found in a Doc: who, what (character span), and the cue that says so."""

    speaker_id: str
    start: int  # content, character offsets into doc.text
    end: int
    kind: str  # "direct" or "reported"
    cue_i: int | None
    role: str | None = None
    speaks_for: str | None = None
    date_text: str | None = None
    source: tuple[int, int] | None = None  # characters of the speaker's words in the text
    # Token ranges inside the content that report someone else's words (excluded from stance).
    nested: list[tuple[int, int]] = field(default_factory=list)


@Language.factory("dg_attribution")
def make_attribution(nlp: Language, name: str) -> "Attribution":
    return Attribution(default_gazetteer(), default_lexicon())


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (without the marks); a paragraph end closes a quote."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for event in QUOTE_EVENTS.finditer(text):
        i, ch = event.start(), event.group()
        if open_at is not None and (
            (text.startswith("\n\n", i) and not _sentence_runs_on(text, i))
            or (ch == "\n" and text[i - 1 : i] in ".!?")
        ):
            spans.append((open_at, i))
            open_at = None
        elif ch in OPENING:
            if open_at is not None:
                spans.append((open_at, i))
            open_at = i + 1
        elif ch in CLOSING or ch == '"':
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
            elif ch == '"':
                open_at = i + 1
            else:
                # A closing mark whose opening one was lost: the quote ran from the start
                # of its paragraph ("It is time to pay tribute … future,” he stressed.").
                start = text.rfind("\n", 0, i) + 1
                if text[start:i].strip() and not any(q[0] <= start < q[1] for q in spans):
                    spans.append((start, i))
    if open_at is not None:
        spans.append((open_at, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _sentence_runs_on(text: str, i: int) -> bool:
    """A blank line inside a sentence: no closing punctuation before, lower case after."""
    before = text[:i].rstrip()[-1:]
    after = text[i:].lstrip()[:1]
    return before not in '.!?:;"”' and after.islower()


class Attribution:
    """Finds statements and speakers; see the module docstring."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gaz = gazetteer
        self.lex = lexicon
        self.title_words = _title_words(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        state = _DocState(doc, self.gaz)
        spans = (doc.char_span(s, e, alignment_mode="expand") for s, e in find_quotes(state.text))
        state.set_quotes([span for span in spans if span is not None])
        # Find first, resolve after: speakers must be resolved in text order, so that
        # "the diplomat added" after "According to Zakharova" finds her.
        found = [c for q in state.quoted if (c := self._quoted(q, state)) is not None]
        for sent in doc.sents:
            found.extend(self._reported(sent, state.openers_in(sent.start, sent.end), state))
            found.extend(self._claims(sent, state))
        found.sort(key=lambda c: c.position)
        statements: list[StatementSpan] = []
        for candidate in found:
            statement = self._resolve(candidate, state, statements)
            if statement is not None:
                statements.append(statement)
                statements.extend(self._co_speakers(candidate, statement, state))
        statements = _country_openings(statements, state)
        statements.sort(key=lambda s: s.start)
        doc._.dg_statements = _drop_contained(statements)
        doc._.dg_entities = state.entities
        return doc

    def _resolve(
        self, candidate: "_Candidate", state: "_DocState", before: list[StatementSpan]
    ) -> StatementSpan | None:
        content, cue = candidate.content, candidate.cue
        if cue is None:  # a quote with no cue continues the previous speaker
            previous = max(before, key=lambda s: s.end, default=None)
            if previous is None or state.paragraph_gap(previous.end, content.start_char) > 1:
                return None
            return StatementSpan(
                speaker_id=previous.speaker_id,
                start=content.start_char,
                end=content.end_char,
                kind="direct",
                cue_i=None,
                role=previous.role,
                speaks_for=previous.speaks_for,
                date_text=previous.date_text,
                nested=self._nested(content, state),
            )
        if candidate.source is not None:
            speaker = self._resolve_noun(candidate.source, state)
        else:
            speaker = self._speaker_of(cue, state)
        if speaker is None:
            return None
        return self._statement(speaker, content, cue, candidate.kind, state)

    def _co_speakers(
        self, candidate: "_Candidate", first: StatementSpan, state: "_DocState"
    ) -> list[StatementSpan]:
        """ "The United States and France backed …": each conjoined subject says it too."""
        cue = candidate.cue
        subject = _speaking_subject(cue) if cue is not None and candidate.source is None else None
        if cue is None or subject is None:
            return []
        # A subject that the parser made the conjunct of something else ("a truce between
        # Armenia and Azerbaijan, Kazakhstan's spokesman told …") shares the cue with nobody.
        conjuncts = list(subject.conjuncts) if subject.dep_ != "conj" else []
        if _names_a_group(subject):
            # "In it, the three countries urged …" after "Chile, Peru and Ecuador issued a
            # joint statement": each of them (the first is the statement's own speaker).
            conjuncts += state.group_before(subject)[1:]
        if subject.tag_ in ("NNS", "NNPS"):
            # "the foreign ministers of France, Germany and Italy condemned": each country's.
            owners = [g for c in subject.children if c.lower_ == "of" for g in c.children]
            conjuncts += [c for owner in owners for c in owner.conjuncts]
        out: list[StatementSpan] = []
        role = self.gaz.roles.get(subject.lower_)
        titled = role is not None and role.kind == "person"
        for conjunct in conjuncts:
            named = state.entity_in(conjunct)
            speaks = named is not None and named.type in (Label.PERSON, Label.COUNTRY)
            if titled and conjunct.i < subject.right_edge.i and not speaks:
                continue  # "Minister of Interior, Community Development and …": his title
            speaker = self._resolve_noun(conjunct, state)
            if speaker is not None and speaker.entity.id not in (
                first.speaker_id,
                first.speaks_for,
            ):
                out.append(self._statement(speaker, candidate.content, cue, candidate.kind, state))
        return out

    # -- direct quotes ----------------------------------------------------------------------

    def _quoted(self, quote: Span, state: "_DocState") -> "_Candidate | None":
        words = [t for t in quote if t.is_alpha]
        if not _starts_sentence(quote):
            # '"This aggression," the ministry said, "is part of a policy …"': the quote goes
            # on after its cue; else a phrase quoted inside a sentence, which reported
            # speech covers.
            cue = self._resumed_by(quote, state)
            return None if cue is None else _Candidate("direct", quote, cue, position=quote.start)
        cue = self._cue_after(quote, state)
        # A short quote is a phrase, unless it opens the sentence and its cue follows it:
        # '"The statements are populist," Lavrov said.'
        opens = quote.start - 1 <= quote[0].sent.start and cue is not None and len(words) > 1
        if len(words) < MIN_QUOTE_WORDS and not opens:
            return None
        if (
            cue is not None
            and _ends_sentence(quote)
            and any(c.dep_ == "ccomp" for c in cue.children)
        ):
            # '"… restored." He said Kenya wanted …': a finished quote, then a cue that
            # reports words of its own, not the quote's.
            cue = None
        if cue is not None and _ends_sentence(quote) and _introduced(quote):
            # 'The presidency defended the arrest, stating, "… free." However, López Obrador
            # fired back': the cue before the finished quote is its own.
            cue = self._cue_before(quote, state) or cue
        cue = cue or self._cue_before(quote, state) or _name_colon(quote)
        if cue is not None:
            state.used_cues.add(cue.i)
            return _Candidate("direct", quote, cue, position=cue.i)
        if _inside_sentence(quote):
            return None
        return _Candidate("direct", quote, None, position=quote.start)

    def _resumed_by(self, quote: Span, state: "_DocState") -> Token | None:
        """The cue between the first part of a quote and this, its continuation in the same
        sentence: the quote before it ends a few words back, with a cue already used."""
        doc = quote.doc
        before = [q for q in state.quoted if q.end <= quote.start]
        if not before or quote.start - before[-1].end > RESUMING_GAP:
            return None
        between = doc[before[-1].end : quote.start]
        if "\n" in between.text or any(t.text in (".", "!", "?") for t in between):
            return None
        cue = next((t for t in between if t.i in state.used_cues), None)
        # '"…," the ministry said in a statement that condemned "the ongoing war …"': the
        # second quote is what the verb between says.
        own = [
            t
            for t in between
            if cue is not None
            and t.i > cue.i
            and t.pos_ == "VERB"
            and self._reports(t)
            and t.left_edge.i <= quote.start <= t.right_edge.i
        ]
        return own[-1] if own else cue

    def _cue_after(self, quote: Span, state: "_DocState") -> Token | None:
        doc = quote.doc
        i = quote.end
        while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and "\n\n" not in doc[i].text:
            if "\n" in doc[i].text_with_ws and _ends_sentence(quote):
                return None  # a finished quote, then a new line: the next line is not its cue
            i += 1
        window = []
        while i < len(doc) and not state.in_quote(i) and "\n\n" not in doc[i].text:
            window.append(doc[i])
            if doc[i].text in (".", "!", "?") or len(window) > 12:
                break
            i += 1
        return self._first_cue(window)

    def _cue_before(self, quote: Span, state: "_DocState") -> Token | None:
        sent_start = quote[0].sent.start
        window = [t for t in quote.doc[sent_start : quote.start] if not state.in_quote(t.i)][-25:]
        return self._first_cue(reversed(window))

    def _first_cue(self, tokens) -> Token | None:
        for token in tokens:
            is_verb = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
            if is_verb and self._reports(token):
                return token
        return None

    def _reports(self, verb: Token) -> bool:
        """A reporting verb used to report: "he continued", not "Japan continues to …"."""
        lemma = self.lex.verb_lemma(verb)
        if lemma not in self.lex.cue_verbs and not _reads_out(verb):
            return False
        if any(
            c.dep_ in ("prt", "advmod") and c.lower_ in ("ahead", "forward") for c in verb.children
        ):
            return False  # "pressed ahead to implement the deal": an act, not words
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
            return False  # "Russia is to blame": a judgement, not Russia's words
        if lemma == "summon" and _own_envoy(verb):
            return False  # "summoned its ambassador for consultations": no protest
        if lemma == "recall" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ENVOYS for c in verb.children
        ):
            return False  # "Jordan recalled its ambassador": an act, not a memory told
        takes_infinitive = any(
            c.dep_ == "xcomp" and not (c.tag_ == "VBG" and lemma in GERUND_CUES)
            for c in verb.children
        )
        if takes_infinitive and lemma not in self.lex.infinitive_cues:
            return False
        return not self._does_to_object(verb, lemma)

    def _words(self, noun: Token) -> bool:
        """A noun of what was said ("concern", "congratulations", whose lemma is singular)."""
        return noun.lemma_.lower() in self.lex.speech_nouns or noun.lower_ in self.lex.speech_nouns

    def _does_to_object(self, verb: Token, lemma: str) -> bool:
        """A verb of saying used for an act: "India continues its occupation", "Russia
        extended the deal", "Moscow raised tariffs", "held talks"; not "raised concerns",
        "told reporters" or "described X as illegal", nor a verb that also has a clause of
        what was said."""
        if lemma not in ACTING_CUES:
            return False
        children = list(verb.children)
        if lemma in CLAUSE_CUES:
            return not any(_holds_to_account(c) for c in children if c.dep_ == "ccomp")
        if any(c.dep_ == "ccomp" for c in children):
            return False
        return any(
            c.dep_ == "dobj"
            and c.i > verb.i  # not a word of the quote before: '"…aggression," it continued'
            and c.pos_ == "NOUN"
            and not self._words(c)
            and c.lemma_ not in ISSUED_TEXTS  # "issued a note of protest"
            and c.lemma_.lower() not in self.lex.topic_nouns
            for c in children
        )

    # -- reported speech --------------------------------------------------------------------

    def _reported(self, sent: Span, openers: list[int], state: "_DocState") -> list["_Candidate"]:
        """Reported speech opened by the tokens at `openers` (in the sentence, in order)."""
        out = []
        for i in openers:
            token = sent.doc[i]
            if token.i in state.used_cues or state.in_quote(token.i) or state.in_content(token):
                continue
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                found = self._according_to(token, sent)
            elif (
                token.lower_ == "citing"
                and token.i > token.head.i  # "Citing privacy rules, officials …": a reason
                and any(c.dep_ == "dobj" for c in token.children)
            ):
                found = self._according_to(token, sent)  # "…, the agency reported, citing X"
            elif token.tag_.startswith("VB") and self._reports(token):
                found = self._reporting_clause(token, state)
            else:
                found = None
            if found is not None:
                state.used_cues.add(token.i)
                state.content_tokens.update(range(found.content.start, found.content.end))
                out.append(found)
        return out

    def _claims(self, sent: Span, state: "_DocState") -> list["_Candidate"]:
        """Words reported through a speech noun and its owner: "Kim Jong Un's recent remarks
        that North Korea is a nuclear-armed state", "his allegation that Beijing …"."""
        out = []
        first = bisect.bisect_left(state.claim_nouns, sent.start)
        for i in state.claim_nouns[first : bisect.bisect_left(state.claim_nouns, sent.end)]:
            noun = sent.doc[i]
            if noun.pos_ != "NOUN":
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            clause = next(iter(_that_clauses(noun)), None)
            if owner is None or clause is None or state.in_quote(noun.i) or state.in_content(noun):
                continue
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
            content = sent.doc[words[0].i : words[-1].i + 1]
            state.content_tokens.update(range(content.start, content.end))
            out.append(_Candidate("reported", content, noun, position=noun.i, source=owner))
        return out

    def _reporting_clause(self, verb: Token, state: "_DocState") -> "_Candidate | None":
        lemma = self.lex.verb_lemma(verb)
        # A conjunct shares its head's auxiliary ("will appeal … and denounce the
        # interference"), and an infinitive hangs on its head's ("will appeal … to defend").
        joined = verb.dep_ == "conj" and not _has_aux(verb)
        infinitive = verb.dep_ in ("advcl", "xcomp") and infinitive_verb(verb)
        shared = verb.head if joined or infinitive else verb
        if any(
            c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in (*verb.children, *shared.children)
        ):
            return None  # "… the United States will accuse Russia": not said yet
        if any(c.dep_ == "neg" for c in verb.children):
            return None  # "officials have not said why …": nothing was said
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_VERBS:
            return None  # "refused to back the aid package": nothing was backed or said
        if self._what_a_call_says(verb, state):
            return None
        directive = lemma in self.lex.directive_verbs
        infinitive = directive or lemma in self.lex.infinitive_claims  # "claimed to have …"
        if lemma in self.lex.infinitive_claims and any(c.dep_ == "neg" for c in verb.children):
            return None  # "an independent who does not claim to belong to either camp"
        gerund = lemma in GERUND_CUES  # "denied operating a militia"
        complement = [
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            or (infinitive and c.dep_ == "xcomp" and c.i > verb.i)
            or (gerund and c.dep_ == "xcomp" and c.tag_ == "VBG")
        ] or _said_in(verb, self.lex)
        evaluative = lemma in self.lex.critical_verbs or lemma in self.lex.supportive_verbs
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prep", "dative")]
        # "confirmed Moscow's commitment", "expressed concern over …": a said object; one
        # only "issued" says something when the text tells what ("a statement condemning X").
        said_object = lemma not in NO_OBJECT_CUES and any(
            c.dep_ == "dobj"
            and c.tag_ not in ("WDT", "WP")  # "a statement which he announced": said before
            # "announced the new alliance", "confirmed the meeting": what is announced is said
            # (not a photo caption's "Biden and Sunak announce the next stage …")
            and (
                self._words(c)
                or (lemma == "issue" and c.lemma_ in ISSUED_TEXTS)
                or (lemma in ANNOUNCING_CUES and verb.tag_ != "VBP")
            )
            # "issued a statement condemning X", "issued a note of protest"
            and (lemma != "issue" or any(self._tells_what(g) for g in c.children))
            for c in verb.children
        )
        unasked = not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        if complement and lemma in ASKING_VERBS and _asks(complement) and unasked:
            return None  # "When asked if New START would be extended": the reporter's question
        if lemma in ASKING_VERBS and verb.tag_ == "VBN" and unasked:
            return None  # "When asked for comments, X told …": asked, not asking
        if complement:
            start = min(c.left_edge.i for c in complement)
            end = max(c.right_edge.i for c in complement) + 1
            roots = {c.i for c in complement}
            dated = _date_after(verb, self.lex)
            if dated is not None and start <= dated.start <= start + 1 and dated.end < end:
                # "said on Monday his country …": the day is the saying's, not the content's.
                start = max(start, dated.end)
            while start < end - 1 and (
                (verb.doc[start].dep_ == "mark" and verb.doc[start].head.i in roots)
                or _misparsed_that(verb.doc[start], roots)
                or verb.doc[start].is_punct
            ):
                start += 1  # "said that, as …": the content starts after "that" and commas
            for clause in _quoting_conjuncts(verb, end, state):
                end = clause.right_edge.i + 1
            for other in self._other_reports(complement):
                # "said X, while the Chinese embassy said Y": Y is the embassy's own.
                end = min(end, other.left_edge.i)
            while end > start + 1 and (
                verb.doc[end - 1].is_punct or verb.doc[end - 1].lower_ in LINKING_WORDS
            ):
                end -= 1
        elif quoted := _quoted_saying(verb):
            # '"…", the Chinese Foreign Ministry quoted Wang saying.': all before the comma.
            start, end = quoted
        elif split := _said_clause_split(verb):
            # "Joseph Wu said Castro, who took office …, and her government had …", parsed
            # as a second subject of "said" and a conjoined verb: what follows "said".
            start, end = split
        elif (evaluative or said_object) and objects and not self._own_words(verb):
            start = verb.i
            end = max(c.right_edge.i for c in objects) + 1
        elif lemma in NAMING_VERBS and (named := _named_as(verb)):
            # "called the expansion of NATO a mistake", "described the sanctions as illegal":
            # what is named and what it is called.
            start = min(t.left_edge.i for t in named)
            end = max(t.right_edge.i for t in named) + 1
        elif directive and (urged := _urged_clause(verb)) is not None:
            start, end = urged.left_edge.i, urged.right_edge.i + 1  # "pressed for X to extend"
        elif directive and (called_on := _called_on_to(verb)) is not None:
            start, end = called_on  # "called on Japan … to show", the clause parsed apart
        elif directive and (demanded := _called_for(verb) or self._urged_thing(verb)):
            start, end = demanded.left_edge.i, demanded.right_edge.i + 1  # "called for talks"
        elif verb.dep_ == "parataxis" and verb.head.i < verb.i and not objects and not complement:
            # '"…," Sheinbaum said, as Mexico faced …', parsed as "said" beside the clause
            # it follows: that clause, up to the speaker's name.
            name = _subject(verb)
            start = verb.head.left_edge.i
            end = name.left_edge.i if name is not None else verb.i
            while end > start + 1 and verb.doc[end - 1].is_punct:
                end -= 1
            if end <= start:
                return None
        elif (comma := _trailing_cue(verb)) is not None:
            # "The United States will pull out of the treaty, Secretary of State Mike Pompeo
            # announced.", the cue parsed as a relative clause of the last noun: all before.
            start, end = verb.sent.start, comma
        elif _as_noted(verb) and all(lemma.endswith(" " + o.lower_) for o in objects):
            # "As Kremlin spokesman Dmitry Peskov noted, Russia will not …", "as X put it":
            # the clause the "as" clause hangs on, after it.
            start, end = verb.right_edge.i + 1, verb.head.right_edge.i + 1
            while start < end and verb.doc[start].is_punct:
                start += 1
            while end > start + 1 and verb.doc[end - 1].is_punct:
                end -= 1
        elif verb.dep_ == "parataxis" and verb.head.i > verb.i and not objects:
            # "X said India's involvement … 'is well known'", parsed as "said" beside the
            # clause it reports: what follows the cue, to the end of that clause.
            start, end = verb.i + 1, verb.head.right_edge.i + 1
        else:
            return None
        subject = _speaking_subject(verb)
        if _is_passive_or_question(verb) or subject is None or self._carrier(subject, state):
            return None
        return _Candidate("reported", verb.doc[start:end], verb, position=verb.i)

    def _tells_what(self, modifier: Token) -> bool:
        """A modifier of an issued text that tells what it says: a clause ("condemning X",
        "that …") or what kind of words it holds ("of protest")."""
        if modifier.dep_ in ("acl", "ccomp"):
            return True
        kinds = (g for g in modifier.children if g.dep_ == "pobj")
        return modifier.dep_ == "prep" and modifier.lower_ == "of" and any(map(self._words, kinds))

    def _own_words(self, verb: Token) -> bool:
        """A verb whose object is only the speaker's own words: "Lula has stood by his
        words", "defended his remarks on Monday" say nothing new."""
        lemma = self.lex.verb_lemma(verb)
        particle = lemma.split()[1] if " " in lemma else None
        nouns = [c for c in verb.children if c.dep_ == "dobj"] + [
            g
            for c in verb.children
            if c.dep_ in ("prep", "agent") and c.lower_ == particle
            for g in c.children
            if g.dep_ == "pobj"
        ]
        return bool(nouns) and all(
            n.lower_ in CLAIM_NOUNS  # not "lodged its protest", "expressed his concern"
            and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in n.children)
            and not any(c.dep_ in ("prep", "acl") for c in n.children)  # "… about Israel"
            for n in nouns
        )

    def _what_a_call_says(self, verb: Token, state: "_DocState") -> bool:
        """A verb inside what a call or an accusation says, not what its subject does:
        "rejected Western calls to condemn Russia" (the infinitive on the noun or, as the
        parser may hang it, on the verb), "denies Congo's accusations that it backs the ADF"."""
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if verb.dep_ == "acl":
            return infinitive or verb.head.i in state.claim_nouns
        if verb.dep_ != "advcl" or not infinitive or verb.left_edge.i == 0:
            return False
        called = verb.doc[verb.left_edge.i - 1]
        return (
            called.dep_ == "dobj"
            and called.head.i == verb.head.i
            and called.lemma_.lower() in self.lex.speech_nouns
        )

    def _urged_thing(self, verb: Token) -> Token | None:
        """What a directive asks for as its object: "urged a humanitarian truce", "demanded
        the release of …"; not whom it urges ("urged the parties", "urged Japan")."""
        if verb.lemma_.lower() not in DEMANDING_VERBS:
            return None
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN" and not child.ent_type_:
                actor = child.lemma_.lower() in ACTOR_NOUNS or child.lower_ in self.gaz.roles
                return None if actor else child
        return None

    def _carrier(self, subject: Token, state: "_DocState") -> bool:
        """A news outlet as the subject ("…, The Wall Street Journal reported"): it carries
        the words; the speech act inside them has its own speaker."""
        span = state.mention_at.get(subject.i)
        phrase = state.phrase(subject)
        if any(t.lower_ in MEDIA_WORDS for t in phrase):
            return True  # "Radio Liberty's Kyrgyz Service reports that X said …"
        if self.lex.verb_lemma(subject.head) == "report" and self.gaz.is_agency(subject.text):
            return True  # '"…," said the ministry's statement, AP reported'

        words = " ".join(t.text for t in phrase if not t.is_punct)
        return span is None and (self.gaz.is_outlet(words) or self.gaz.is_outlet(subject.text))

    def _according_to(self, token: Token, sent: Span) -> "_Candidate | None":
        source = _according_source(token)
        if source is None:
            return None
        doc = token.doc
        end = max(t.i for t in token.subtree) + 1
        for appos in (t for t in source.subtree if t.dep_ == "appos"):
            nested = {t.i for a in appos.children if a.dep_ == "appos" for t in a.subtree}
            own = [t.i for t in appos.subtree if t.i not in nested and not t.is_punct]
            after = max(own) + 1
            if after < len(doc) and not doc[after].is_punct:
                # "According to X, Russia's withdrawal … was a crime": no comma closes the
                # "apposition", so it is the subject of what X said, as the parser missed.
                end = min(end, appos.left_edge.i)
        phrase = doc[token.left_edge.i : end]
        clause: Iterable[Token] = sent
        if token.head.dep_ == "relcl":
            # "the strike in which, according to X, jets fired …": what X said is the
            # relative clause, not the sentence around it.
            relative = {t.i for c in token.head.children if _relative_word(c) for t in c.subtree}
            clause = [t for t in token.head.subtree if t.i not in relative]
        rest = [t for t in clause if not (phrase.start <= t.i < phrase.end) and not t.is_punct]
        if not rest or any(self._named_report(t, token) for t in rest):
            # "Xi told Biden that …, according to a readout": the readout is where the
            # report comes from; the speaker is who told.
            return None
        content = sent.doc[rest[0].i : rest[-1].i + 1]
        return _Candidate("reported", content, token, position=token.i, source=source)

    def _named_report(self, verb: Token, according: Token) -> bool:
        """A verb reporting the words of a named subject: "Xi told Biden that …"; not a
        clause the according-to phrase is part of ("According to X, Hungary's position
        remains …; Budapest will not support …", the first clause parsed as the object)."""
        named = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children)
        said = any(
            c.dep_ == "ccomp" and not c.left_edge.i <= according.i <= c.right_edge.i
            for c in verb.children
        )
        return named and said and verb.tag_.startswith("VB") and self._reports(verb)

    def _other_reports(self, complement: list[Token]) -> list[Token]:
        """Clauses inside what was said that report another speaker's words with their own
        subject and cue: "…, while the Chinese embassy said …"."""
        return [
            t
            for c in complement
            for t in c.subtree
            if t.dep_ in ("advcl", "conj")
            and t.tag_.startswith("VB")
            and self._reports(t)
            # Says something: "said they were …", not "threatened the country".
            and any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
            and any(
                s.dep_ == "nsubj" and s.lower_ not in ("he", "she", "i", "we") for s in t.children
            )
            # A conjunct's "and" hangs on the first clause; an adverbial one has its "while".
            and (t.dep_ == "conj" or any(m.lower_ in LINKING_WORDS for m in t.children))
        ]

    # -- speakers ---------------------------------------------------------------------------

    def _speaker_of(self, verb: Token, state: "_DocState") -> "_Speaker | None":
        subject = _speaking_subject(verb)
        if subject is None:
            return None
        gender = self.lex.pronoun_genders.get(subject.lower_)
        if gender is not None and verb.lemma_.lower() in GOING_ON_CUES:
            # "… he added" goes on from someone who spoke, not from a man named in between
            # ("Nelson Mandela was the South African president who …").
            return state.antecedent(subject, None, None, self.lex, gender=gender, said=True)
        return self._resolve_noun(subject, state)

    def _resolve_noun(self, noun: Token, state: "_DocState") -> "_Speaker | None":
        if noun.lemma_.lower() in OUTSIDE_VOICES:
            return None  # "government critics accused him": not the government
        if (text := _text_of_part(noun)) is not None:
            noun = text  # '"…," part of the statement read': the statement's words
        if _names_a_group(noun) and (group := state.group_before(noun)):
            return self._resolve_noun(group[0], state)
        if noun.lemma_.lower() in KIN_NOUNS:
            # "the brother of President Assad", "Kim's sister": not Assad, not Kim; a name in
            # apposition ("Syria's ally Russia") is who speaks; no name, nobody known.
            names = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
            if not names and after is not None and after.i in state.mention_at:
                names = [after]  # "Syria's ally Russia accused …", parsed as two subjects
            return self._resolve_noun(names[0], state) if names else None
        phrase = state.phrase(noun)
        # "the official CTK news agency said": media carry, not speak; but "the statement
        # published by the Saudi Press Agency" is its issuer's.
        carried = {t.i for c in noun.children if c.dep_ == "acl" for t in c.subtree}
        if noun.lemma_.lower() not in ISSUED_TEXTS:
            carried = set()
        if any(t.lower_ in MEDIA_WORDS for t in phrase if t.i not in carried):
            return None
        entity = state.entity_in(noun)
        unknown = entity is None or entity.id not in self.gaz.entities
        if unknown and (defined := _defined_acronym(noun)) is not None:
            return self._resolve_noun(defined, state)  # "MoFA said" after "The Ministry … (MoFA)"
        titled = state.outside_names(phrase)
        role = self._role_in(titled, noun)
        person_head = role is not None and role.kind == "person" and noun.lower_ in role.phrase
        leader = entity.country if entity is not None and entity.type == Label.PERSON else None
        if (
            leader
            and role is not None
            and role.kind == "institution"
            and noun.lower_ in role.phrase
        ):
            # "The Biden administration said": the government of his country, not the man.
            return state.institution(role, self.gaz.entities.get(leader))
        if entity is not None and entity.type == Label.PERSON and role and role.kind != "person":
            # "Matthew Miller, the State Department spokesman": his title, not the body's.
            role = _role_from(titled, self.gaz)
        if entity is not None and entity.type in SPEAKER_TYPES:
            if entity.type == Label.COUNTRY and role is not None and role.kind == "institution":
                return state.institution(role, entity)
            other = self._other_countrys_body(entity, role, phrase, state)
            if role is not None and other is not None:
                # "the Georgian foreign office": Georgia's, not the body the gazetteer gives
                # that title (Britain's).
                return state.institution(role, other)
            if role is not None and self._generic_body(entity, role, phrase, state):
                # "the Foreign Office" in a story from Islamabad: Pakistan's, by the context.
                contextual = state.institution(role, None)
                if contextual.country is not None:
                    return contextual
                if entity.country is None and (body := self._body_of_actor(role, noun, state)):
                    return body
            if entity.type != Label.PERSON and person_head:
                # "the Foreign Ministry official", "the EU's top diplomat": a person of that
                # body, named before (or just after).
                body_of = entity.id if entity.type == Label.COUNTRY else entity.country
                if _indefinite(noun) and _vague(role):
                    # "an official from the North Korean foreign ministry": nobody named.
                    return state.speaker(entity, None, phrase)
                # "Estonia's foreign minister said" in a lead names its minister later; "a
                # spokesperson from the Ministry of Commerce" is not the spokesperson of
                # another ministry named paragraphs later: for a ministry, its own sentence.
                ahead = not state.generic_body(entity)
                named = state.antecedent(noun, role, body_of, self.lex, ahead=ahead)
                if named is None and (_indefinite(noun) or not _vague(role)):
                    # "a top U.S. official said", "Qatar's foreign minister said" (named
                    # nowhere): an unnamed official speaks for the body.
                    if not _indefinite(noun) and role is not None:
                        state.unnamed_offices.append((noun.idx, role, body_of))
                    return state.speaker(entity, None, phrase)
                return state.titled(named, role, phrase) if named is not None else None
            return state.speaker(entity, role, phrase)
        if entity is None and role is None and (body := self._demonym_body(noun, phrase, state)):
            return body
        if noun.lemma_.lower() in ISSUED_TEXTS and not _indefinite(noun) and entity is None:
            # '"…," the statement said': whoever issued a statement before, else whoever
            # spoke just before.
            issuer = state.issuer_before(noun) or state.collective_before(noun)
            return issuer or self._publisher_before(noun, state) or state.last_speaker(noun)
        peoples = noun.tag_ == "NNPS" and noun.ent_type_ == "NORP" and entity is None
        if noun.lower_ in self.lex.pronoun_genders or peoples:
            # "the Europeans", a people of no one state: like "they"
            gender = self.lex.pronoun_genders.get(noun.lower_)
            if gender is None:  # "it", "they": a state or body named as a subject just before
                return (
                    self._text_issuer_before(noun, state)
                    or state.collective_before(noun)
                    or state.last_speaker(noun, collective=True)
                )
            return state.antecedent(noun, None, None, self.lex, gender=gender)
        if role is None:
            return self._unnamed_officials(noun, phrase, state)
        country = state.country_in(phrase)
        if role.kind == "institution":
            body = state.institution(role, country)
            if body.country or body.entity.id in self.gaz.entities:
                return body
            return self._body_of_actor(role, noun, state) or body
        if country is not None and _unnamed(noun) and _vague(role):
            return state.speaker(country, None, phrase)  # "a senior Chinese official said"
        if role.role in AIDE_ROLES:
            # "Guterres was concerned about …, his spokesperson said": the aide speaks for
            # whom "his" names.
            employer = self._employer(noun, state)
            if employer is not None:
                return state.speaker(employer.entity, None, phrase)
        named = state.antecedent(noun, role, country.id if country else None, self.lex)
        if named is None and country is not None and (_unnamed(noun) or not _vague(role)):
            # "a senior Chinese official said", "Iranian diplomats said": unnamed officials
            # speak for their country.
            if not _unnamed(noun):
                state.unnamed_offices.append((noun.idx, role, country.id))
            return state.speaker(country, None, phrase)
        if named is None and role.role in AIDE_ROLES:
            return self._unnamed_aide(noun, titled, state)
        return state.titled(named, role, phrase) if named is not None else None

    def _unnamed_aide(
        self, noun: Token, titled: list[Token], state: "_DocState"
    ) -> "_Speaker | None":
        """ "a foreign ministry spokesperson said" with no country: the body of the story's
        country; "the spokesperson said" after it: that body again."""
        body = _role_from(titled, self.gaz, kind="institution")
        if body is not None and _unnamed(noun):
            # Only with a country: bodies of no known country would all be one node.
            return state.institution(body, None) if state.last_country() else None
        last = state.last_speaker(noun, collective=True)
        if not _unnamed(noun) and last is not None and last.entity.type == Label.ORGANIZATION:
            return last
        return None

    def _publisher_before(self, noun: Token, state: "_DocState") -> "_Speaker | None":
        """Who issued the text that "the statement said" quotes, in one of the few sentences
        before: "The Chinese Foreign Ministry's spokesperson issued remarks on Saturday."."""
        sentences = [noun.sent]
        while len(sentences) < PUBLISHER_REACH and sentences[-1].start > 0:
            sentences.append(noun.doc[sentences[-1].start - 1].sent)
        for sent in sentences:
            for verb in sent:
                if verb.i >= noun.i or verb.lemma_.lower() not in PUBLISHING_VERBS:
                    continue
                if not any(c.dep_ == "dobj" and self._issued(c) for c in verb.children):
                    continue
                subject = _subject(verb)
                if subject is not None and subject.lemma_.lower() not in ISSUED_TEXTS:
                    return self._resolve_noun(subject, state)
        return None

    def _text_issuer_before(self, pronoun: Token, state: "_DocState") -> "_Speaker | None":
        """ "It said" after "General Jula's statement … cited recent gains": "it" is the
        statement, so its issuer speaks; only where a statement is the subject just before."""
        if pronoun.lower_ != "it" or pronoun.sent.start == 0:
            return None
        before = pronoun.doc[pronoun.sent.start - 1].sent
        for noun in before:
            if noun.dep_ == "nsubj" and noun.lemma_.lower() in ISSUED_TEXTS:
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                return self._resolve_noun(owner, state) if owner is not None else None
        return None

    def _issued(self, noun: Token) -> bool:
        """A text one issues: "a statement", "remarks", "a communique"."""
        return noun.lemma_.lower() in ISSUED_TEXTS or self._words(noun)

    def _body_of_actor(self, role: RoleNoun, noun: Token, state: "_DocState") -> "_Speaker | None":
        """A body named by its title alone, in a story that has named no country for it: of
        the country that acts just before ("Mali expelled the ambassador, the government
        said"); None if no country acts there (the caller keeps the bare title then)."""
        # '"Greece rejects the claims," a Foreign Ministry announcement said': the country
        # of the quote before counts too.
        actor = state.collective_before(noun, quoted=True)
        if actor is not None and actor.entity.type == Label.COUNTRY:
            return state.institution(role, actor.entity)
        return None

    def _employer(self, aide: Token, state: "_DocState") -> "_Speaker | None":
        """Whom "his" or "her" in "his spokesperson" names: the person before it."""
        owner = next((c for c in aide.children if c.dep_ == "poss"), None)
        gender = self.lex.pronoun_genders.get(owner.lower_) if owner is not None else None
        if owner is None or gender is None:
            return None
        return state.antecedent(owner, None, None, self.lex, gender=gender)

    def _other_countrys_body(
        self, entity: Entity, role: RoleNoun | None, phrase: list[Token], state: "_DocState"
    ) -> Entity | None:
        """The country a body's phrase names, when the gazetteer gives the body another."""
        if role is None or role.kind != "institution" or entity.type != Label.ORGANIZATION:
            return None
        own = state.entity_tokens.get(entity.id, set())
        named = state.country_in([t for t in phrase if t.i not in own])
        mismatch = named is not None and entity.country and named.id != entity.country
        return named if mismatch else None

    def _generic_body(
        self, entity: Entity, role: RoleNoun, phrase: list[Token], state: "_DocState"
    ) -> bool:
        """A body named only by its generic title ("the Foreign Office"), which the gazetteer
        gives one country (Britain's) though every country has one."""
        own = state.entity_tokens.get(entity.id, set())
        named = state.country_in([t for t in phrase if t.i not in own])  # "Pakistan's …"
        # "External Affairs" is India's alone: a word no other country's body name uses.
        shared = all(self.title_words.get(w, 0) > 1 for w in entity.name.lower().split())
        generic = shared and state.generic_body(entity)
        return role.kind == "institution" and generic and named is None

    def _unnamed_officials(
        self, noun: Token, phrase: list[Token], state: "_DocState"
    ) -> "_Speaker | None":
        """ "Chinese officials said", "officials in Beijing said": officials of a country,
        never one person named before."""
        role = self.gaz.roles.get(noun.lemma_.lower())
        if noun.tag_ not in ("NNS", "NNPS") or role is None or role.kind != "person":
            return None
        country = state.country_in(phrase)
        if country is not None:
            return state.speaker(country, None, phrase) if _unnamed(noun) else None
        # "(the) EU foreign ministers said": the body's; "the ministers said" after them.
        body = state.body_in(phrase)
        if body is not None:
            return state.speaker(body, None, phrase)
        last = state.last_speaker(noun, collective=True)
        definite = any(c.lower_ == "the" for c in noun.children)
        if definite and last is not None and last.entity.type in BODY_TYPES:
            return last
        return None

    def _demonym_body(
        self, noun: Token, phrase: list[Token], state: "_DocState"
    ) -> "_Speaker | None":
        """A body no list names, with its country's adjective: "the Iraqi ministerial
        council said" is Iraq's Ministerial Council."""
        if noun.lower_ not in ORG_WORDS or _indefinite(noun):
            return None
        before = [t for t in phrase if t.i < noun.i and t.dep_ in ("amod", "compound", "nmod")]
        for i, word in enumerate(before):
            country = self.gaz.country_of_demonym(word.text)
            if country is not None:
                words = [t.text for t in before[i + 1 :]] + [noun.text]
                name = " ".join(words)
                role = RoleNoun(phrase=name.lower(), role=name.title(), kind="institution")
                return state.institution(role, country)
        return None

    def _role_in(self, phrase: list[Token], head: Token | None = None) -> RoleNoun | None:
        """The role a phrase names; the longest one holding the head noun wins ("the Foreign
        Ministry official" is an official, not the ministry)."""
        words = [t.lower_ for t in phrase]
        at = [t.i for t in phrase]
        best: RoleNoun | None = None
        title: RoleNoun | None = None  # a title written before the head name
        modifier: RoleNoun | None = None  # a role that only qualifies another noun
        for n in (4, 3, 2, 1):
            for i in range(len(words) - n + 1):
                role = self.gaz.roles.get(" ".join(words[i : i + n]))
                if role is None:
                    continue
                if head is not None and at[i] <= head.i <= at[i + n - 1]:
                    return role  # "Minister of Foreign Affairs" around its head "Minister"
                last = phrase[i + n - 1]
                if last.dep_ == "compound" and head is not None and last.head.i == head.i:
                    # "Foreign Minister Péter Szijjártó, following a meeting with Chairman
                    # of …": his title, not a word of what follows his name.
                    title = title or role
                elif last.dep_ == "compound":
                    # "Chinese Foreign Minister spokesperson": the spokesperson's title.
                    modifier = modifier or role
                elif best is None:
                    best = role
        return title or best or modifier

    # -- building ---------------------------------------------------------------------------

    def _statement(
        self, speaker: "_Speaker", content: Span, cue: Token, kind: str, state: "_DocState"
    ) -> StatementSpan:
        state.remember(speaker, cue)
        cited = cue.lower_ in ("according", "citing")
        subject = _according_source(cue) if cited else _subject(cue)
        source = None
        if subject is not None:
            # Never the content's words: the parser can hang the content on the source
            # ("According to X, Russia's withdrawal … was a crime").
            # Conjoined speakers included: "The Foreign Ministry and Foreign Minister Sergey
            # Lavrov condemned …" names both.
            named = [*state.phrase(subject), *(t for c in subject.conjuncts for t in c.subtree)]
            words = sorted(
                (t for t in named if not t.is_punct and not content.start <= t.i < content.end),
                key=lambda t: t.i,
            ) or [subject]
            source = (words[0].idx, words[-1].idx + len(words[-1]))
        return StatementSpan(
            source=source,
            speaker_id=speaker.entity.id,
            start=content.start_char,
            end=content.end_char,
            kind=kind,
            cue_i=cue.i,
            role=speaker.said_role,
            speaks_for=speaker.said_country,
            date_text=_date_of(cue, self.lex),
            nested=self._nested(
                content,
                state,
                cue,
                own=self._own_side(speaker),
                # "Stoltenberg said he supported …": in reported speech, he is the speaker.
                himself=kind == "reported" and speaker.entity.type == Label.PERSON,
                # "Russia and China said they opposed …": so are they.
                themselves=kind == "reported" and _several(_subject(cue)),
            ),
        )

    def _own_side(self, speaker: "_Speaker") -> set[str | None]:
        """The speaker, their country, and the bodies they have held office in (NATO for
        its Secretary-General)."""
        return {
            speaker.entity.id,
            speaker.country,
            *self.gaz.bodies.get(speaker.entity.id, frozenset()),
        }

    def _nested(
        self,
        content: Span,
        state: "_DocState",
        cue: Token | None = None,
        own: set[str | None] | None = None,
        himself: bool = False,
        themselves: bool = False,
    ) -> list[tuple[int, int]]:
        """Clauses inside the content that report another party's words; the speaker's own
        side ("Kerry said that the United States welcomes …") is no other party."""
        out = []
        urging = cue is not None and cue.lemma_.lower() in self.lex.directive_verbs
        for i in state.openers_in(content.start, content.end):  # only verbs can report
            token = content.doc[i]
            if token == cue or (urging and token.head == cue):
                continue  # what the speaker urges ("pressed for Russia to extend …")
            saying = token.lemma_.lower() in self.lex.reporting_verbs
            if token.tag_.startswith("VB") and saying and self._reports(token):
                subject = _subject(token) or _governing_subject(token)
                other = subject is not None and self._is_other_party(
                    subject, state, own or set(), himself, themselves
                )
                if subject is not None and other:
                    # Their words, not themselves: "it is strange for the United States to
                    # demand …" still judges the United States.
                    start = token.left_edge.i
                    if start <= subject.i < token.i:
                        start = subject.right_edge.i + 1
                    out.append((start, token.right_edge.i + 1))
        first = bisect.bisect_left(state.claim_nouns, content.start)
        for i in state.claim_nouns[first : bisect.bisect_left(state.claim_nouns, content.end)]:
            # "the US claim about violation … by Iran": what another party claims.
            noun = content.doc[i]
            owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
            if any(self._is_other_party(o, state, own or set(), himself) for o in owners):
                for part in noun.children:
                    if part.dep_ in ("ccomp", "acl", "relcl") or part.lower_ == "about":
                        out.append((part.left_edge.i, part.right_edge.i + 1))
        return out

    def _is_other_party(
        self,
        subject: Token,
        state: "_DocState",
        own: set[str | None],
        himself: bool,
        themselves: bool = False,
    ) -> bool:
        """A subject that names someone who can speak, other than "I", "we" or the
        speaker's own side (and "he", "she" or "they" where that is the speaker)."""
        if subject.lower_ in ("he", "she", "his", "her"):
            return not himself  # "his remarks that …": his words, unless he is the speaker
        if subject.lower_ == "they":
            return not themselves
        entity = state.entity_in(subject)
        return entity is not None and entity.type in SPEAKER_TYPES and entity.id not in own


@dataclass
class _Candidate:
    """A statement found but not yet given a speaker."""

    kind: str
    content: Span
    cue: Token | None
    position: int  # token index that orders resolution
    source: Token | None = None  # the noun naming the speaker, when not the cue's subject


@dataclass
class _Speaker:
    entity: Entity
    role: str | None  # as the text names it, else the gazetteer's latest: for matching
    country: str | None
    # What the text itself says. A statement carries only these, so that extract fills in
    # the office held on the statement's date, not the gazetteer's latest one.
    said_role: str | None = None
    said_country: str | None = None
    title: str | None = None  # the role's words in the text ("foreign secretary")


class _DocState:
    """What attribution knows while it walks one Doc: mentions, speakers so far, quotes."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy joins every token again on each access
        self.gaz = gaz
        self.entities: dict[str, Entity] = dict(doc._.dg_entities or {})
        self.mention_at: dict[int, Span] = {}
        for span in doc.spans.get(MENTIONS_KEY, []):
            for i in range(span.start, span.end):
                self.mention_at.setdefault(i, span)
        self.quoted: list[Span] = []
        self.quoted_tokens: set[int] = set()
        # Which tokens each entity's mentions cover (the mentions do not change).
        self.mention_order = sorted(self.mention_at.items())
        self.entity_tokens: dict[str, set[int]] = {}
        for i, span in self.mention_at.items():
            self.entity_tokens.setdefault(span.kb_id_, set()).add(i)
        self.openers = _possible_openers(doc)
        self.claim_nouns = _claim_nouns(doc)
        self.used_cues: set[int] = set()
        self.content_tokens: set[int] = set()  # inside reported speech found so far
        self.speakers: list[tuple[int, _Speaker]] = []  # (token index, speaker)
        # (character offset, role, country id) of offices that spoke with no name given
        self.unnamed_offices: list[tuple[int, RoleNoun, str | None]] = []
        self.known: dict[str, _Speaker] = {}  # person id -> role and country seen in the text
        self.issuers: list[tuple[int, _Speaker]] = []  # speakers who said it in a statement
        self.home: str | None = doc._.dg_home  # country id of the dateline, if any

    def set_quotes(self, quoted: list[Span]) -> None:
        self.quoted = quoted
        # in_quote is asked for nearly every token: a set, not a walk over the quotes.
        self.quoted_tokens = {i for q in quoted for i in range(q.start, q.end)}

    def openers_in(self, start: int, end: int) -> list[int]:
        """The tokens from `start` to `end` (indices) that can open reported speech."""
        first = bisect.bisect_left(self.openers, start)
        return self.openers[first : bisect.bisect_left(self.openers, end, first)]

    def in_quote(self, i: int) -> bool:
        """Whether the token at index `i` is inside a quote."""
        return i in self.quoted_tokens

    def in_content(self, token: Token) -> bool:
        return token.i in self.content_tokens

    def paragraph_gap(self, end_char: int, start_char: int) -> int:
        return self.text[end_char:start_char].count("\n\n")

    def entity_in(self, noun: Token) -> Entity | None:
        """The entity a subject names: a person anywhere in its phrase first ("China's
        Foreign Ministry spokesperson Mao Ning"), else what its head and compounds name."""
        near = [noun, *[c for c in noun.children if c.dep_ in ("compound", "appos", "poss")]]
        near += [  # "the government of Japan", "a spokesman for the foreign ministry",
            # "a statement from the European Commission"
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "from")
            for g in c.children
        ]
        if noun.lemma_.lower() in ISSUED_TEXTS:
            near += [  # "the statement signed by Patrick Muyaya"
                g
                for c in noun.children
                if c.dep_ == "acl"
                for a in c.children
                if a.dep_ == "agent"
                for g in a.children
            ]
        found = [self.entities.get(s.kb_id_) for t in near if (s := self.mention_at.get(t.i))]
        clauses = {t.i for c in noun.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
        phrase = [t for t in noun.subtree if t.i not in clauses and t.i - noun.i < 12]
        head = self.mention_at.get(noun.i)
        if head is not None and head.label_ == Label.PERSON.value:
            persons = [self.entities.get(head.kb_id_)]  # "Putin's adviser Yuri Ushakov"
        else:
            # Not a possessor: "Putin's spokesman" is the spokesman, not Putin, and "the Trump
            # administration's ambassador" is the ambassador.
            owners = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
            persons = [
                self.entities.get(s.kb_id_)
                for t in phrase
                if (s := self.mention_at.get(t.i)) is not None
                and s.label_ == Label.PERSON.value
                and s.root.dep_ != "poss"
                and t.i not in owners
                # "the people of the Trump administration": his administration's, not his
                and not (
                    s.root.dep_ == "compound"
                    and s.root.head.i != noun.i
                    and s.root.head.pos_ == "NOUN"
                )
            ]
        for entity in [*persons, *found]:
            if entity is not None:
                return entity
        return None

    def phrase(self, noun: Token) -> list[Token]:
        """The noun phrase around a subject: modifiers, compounds, appositions, of-phrases."""
        keep = ("compound", "amod", "poss", "appos", "nmod", "prep", "pobj", "det", "case", "punct")
        # Not what a relative clause says of them: "Duterte, who has been a staunch
        # supporter of China," does not speak for China.
        # Nor what they do: "Josep Borrell condemning Milei's remarks" (but "the Prime
        # Minister appointed by Libya's House" is his office, and "a diplomat representing
        # Indonesia" speaks for it).
        clauses = {
            t.i
            for c in noun.subtree
            if c.dep_ == "relcl"
            or (c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_ != "represent")
            for t in c.subtree
        }
        # Nor a conjunct's words: "Finnish President Alexander Stubb and Swedish Prime
        # Minister Ulf Kristersson" is no prime minister.
        clauses |= {t.i for c in noun.children if c.dep_ == "conj" for t in c.subtree}
        out = []
        for token in [*noun.subtree, *_second_subject(noun)]:
            represented = token.dep_ == "dobj" and token.head.lemma_ == "represent"
            kept = token.i == noun.i or token.dep_ in keep or token.dep_ == "nsubj" or represented
            if kept and token.i not in clauses and not self.in_quote(token.i):
                out.append(token)
        return out

    def outside_names(self, phrase: list[Token]) -> list[Token]:
        """The phrase without the words of a named person's own name: "Amir" in "Hossein
        Amir-Abdollahian" is part of a name, not the title emir."""
        out = []
        for token in phrase:
            span = self.mention_at.get(token.i)
            person = span is not None and span.label_ == Label.PERSON.value
            entity = self.entities.get(span.kb_id_) if person and span is not None else None
            if entity is None or token.lower_ not in _name_words(entity.name):
                out.append(token)
        return out

    def country_in(self, phrase: list[Token]) -> Entity | None:
        for token in phrase:
            span = self.mention_at.get(token.i)
            entity = self.entities.get(span.kb_id_) if span is not None else None
            if entity is not None and entity.type == Label.COUNTRY:
                return entity
            if entity is not None and entity.country:
                # "Foreign Office spokesperson X" in a story from Islamabad is Pakistan's.
                context = self.last_country() if self.generic_body(entity) else None
                country_id = context or entity.country
                return self.entities.get(country_id) or self.gaz.entities.get(country_id)
        return None

    def generic_body(self, entity: Entity) -> bool:
        """A body the gazetteer names by a title many countries use ("Foreign Office",
        "Ministry of Defence"); not one only a country's own uses ("State Department")."""
        name = entity.name.lower()
        role = self.gaz.roles.get(name)
        shared = any(word in name.split() for word in ("ministry", "office"))
        institution = role is not None and role.kind == "institution"
        return entity.type == Label.ORGANIZATION and institution and shared

    def speaker(self, entity: Entity, role: RoleNoun | None, phrase: list[Token]) -> _Speaker:
        known = self.known.get(entity.id)
        own = self.entity_tokens.get(entity.id, set())
        # "the EU ambassador to Kenya": the country posted to is not the one spoken for.
        within = {t.i for t in phrase}
        country = self.country_in(
            [t for t in phrase if t.i not in own and not posted_to(t, within)]
        )
        untitled = role is None and country is None and entity.type == Label.PERSON
        if untitled and known is None:
            # "Koro Bessho: “…”" after "the Japanese Ambassador … Koro Bessho": the title he
            # was first named with.
            role, country = self._first_title(entity, within)
        unknown = entity.id not in self.gaz.entities and (known is None or not known.country)
        if untitled and role is None and country is None and unknown:
            role, country = self._unnamed_office_before(phrase)
        # A generic title ("the official") does not replace an office the gazetteer knows:
        # that one is more exact.
        generic = role is not None and role.role.lower() in VAGUE_TITLES
        if role is not None and not (generic and entity.id in self.gaz.offices):
            said_role: str | None = role.role
        else:
            said_role = known.said_role if known else None
        said_country = country.id if country else (known.said_country if known else None)
        if entity.type == Label.COUNTRY:
            said_country = entity.id
        role_name = said_role or (known.role if known else entity.role)
        country_id = said_country or (known.country if known else entity.country)
        if country_id is None and entity.type == Label.PERSON and role_name in HOME_ROLES:
            # "HANOI (VNA) - Spokesperson Pham Thu Hang said": a government title with no
            # country, in a story datelined in a capital, is that country's.
            country_id = said_country = self.home
        speaker = _Speaker(
            entity=entity,
            role=role_name,
            country=country_id,
            said_role=said_role,
            said_country=said_country,
            title=role.phrase if role else (known.title if known else None),
        )
        self.known[entity.id] = speaker
        return speaker

    def titled(self, named: _Speaker, role: RoleNoun | None, phrase: list[Token]) -> _Speaker:
        """The person a title refers to, with the title's office and country when nothing
        gave them theirs: "Ireland's Foreign Affairs Minister has warned …" then "Simon
        Coveney said": he speaks for Ireland from then on."""
        if named.country or named.entity.type != Label.PERSON or self.country_in(phrase) is None:
            return named
        return self.speaker(named.entity, role, phrase)

    def _unnamed_office_before(self, phrase: list[Token]) -> tuple[RoleNoun | None, Entity | None]:
        """The office of "the Sudanese defense minister said", spoken for by no named person,
        for a person no list knows and the text names with no title soon after ("Yassin
        Ibrahim announced …" in the next paragraph)."""
        at = phrase[0].idx if phrase else 0
        for idx, role, country_id in reversed(self.unnamed_offices):
            if idx < at and self.paragraph_gap(idx, at) <= OPENING_REACH:
                country = self.gaz.entities.get(country_id) if country_id else None
                return role, country
        return None, None

    def _first_title(
        self, entity: Entity, elsewhere: set[int]
    ) -> tuple[RoleNoun | None, Entity | None]:
        """The role and country the phrase of the person's first mention (not `elsewhere`)
        gives them."""
        mentions = (s for _, s in self.mention_order if s.kb_id_ == entity.id)
        first = next((s for s in mentions if s.start not in elsewhere), None)
        if first is None:
            return None, None
        # What stands before the name and its own apposition ("Pham Thu Hang, the ministry's
        # spokesperson"), not a conjunct: "the president of Brazil, the leftist Lula da
        # Silva, and his Argentine counterpart" is not Argentine.
        apposed = {t.i for a in first.root.children if a.dep_ == "appos" for t in a.subtree}
        phrase = [t for t in self.phrase(first.root) if t.i < first.start or t.i in apposed]
        within = {t.i for t in phrase}
        country = self.country_in([t for t in phrase if not posted_to(t, within)])
        if country is not None and _name_posted(first.root):
            country = None  # "Ambassador to US Ebrahim Rasool": the country posted to
        return _role_from(self.outside_names(phrase), self.gaz), country

    def institution(self, role: RoleNoun, country: Entity | None) -> _Speaker:
        if country is None:
            # "the ministry" after "the Russian Foreign Ministry": the body named before.
            for _, earlier in reversed(self.speakers):
                named = earlier.entity
                if named.type == Label.ORGANIZATION and role.role.lower() in named.name.lower():
                    return earlier
            country_id = self.last_country()
            country = self.gaz.entities.get(country_id) if country_id else None
        name = f"{self._adjective(country)} {role.role}".strip() if country else role.role
        known = self.gaz.lookup(name)
        if known is not None:
            entity = known
        else:
            code = country.id.split(":")[-1].lower() if country else "unknown"
            entity = Entity(
                id=f"org:{code}-{slug(role.role)}",
                name=name,
                type=Label.ORGANIZATION,
                country=country.id if country else None,
            )
        self.entities[entity.id] = entity
        country_id = country.id if country else None
        return _Speaker(entity=entity, role=None, country=country_id, said_country=country_id)

    def _adjective(self, country: Entity) -> str:
        return self.gaz.demonym_of.get(country.id, country.name)

    def group_before(self, noun: Token) -> list[Token]:
        """The countries of the last list that was a subject before `noun`, in its sentence
        or the one before ("Chile, Peru and Ecuador issued …"); empty if none."""
        start = noun.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for i in range(noun.i - 1, start - 1, -1):
            head = self.doc[i]
            if head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            members = self._listed_before(head) + _listed(head)
            spans = [self.mention_at.get(t.i) for t in members]
            kinds = [self.entities.get(s.kb_id_) if s is not None else None for s in spans]
            countries = {e.id for e in kinds if e is not None}
            if len(countries) > 1 and all(e is not None and e.type == Label.COUNTRY for e in kinds):
                # One token per country: "BAMAKO — Mali, …", the dateline's capital parsed
                # as the subject with the list in apposition, is Mali twice.
                first: dict[str, Token] = {}
                for token, entity in zip(members, kinds, strict=True):
                    first.setdefault(entity.id if entity else "", token)
                return list(first.values())
        return []

    def _listed_before(self, last: Token) -> list[Token]:
        """The names listed before a subject that ends the list, as written ("Mali, Burkina
        Faso, and Niger issued …", parsed with only "Niger" as the subject)."""
        out: list[Token] = []
        i = last.i - 1
        while i >= last.sent.start:
            token = self.doc[i]
            span = self.mention_at.get(i)
            if token.text == "," or token.lower_ == "and":
                i -= 1
            elif span is not None and i < last.i - 1:
                out.insert(0, self.doc[span.start])
                i = span.start - 1
            else:
                break
        return out

    def body_in(self, tokens: Iterable[Token]) -> Entity | None:
        """The first organization or alliance the tokens mention."""
        for token in tokens:
            span = self.mention_at.get(token.i)
            entity = self.entities.get(span.kb_id_) if span is not None else None
            if entity is not None and entity.type in BODY_TYPES:
                return entity
        return None

    def last_country(self) -> str | None:
        """The country of the last speaker that has one, else the dateline's."""
        for _, speaker in reversed(self.speakers):
            if speaker.country:
                return speaker.country
        return self.home

    def collective_before(self, noun: Token, *, quoted: bool = False) -> "_Speaker | None":
        """The nearest country, organization or alliance that is a subject before `noun`,
        in its sentence or the one before ("While the EU has called for dialog, it …");
        inside quotes too if `quoted`."""
        start = noun.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for i in range(noun.i - 1, start - 1, -1):
            span = self.mention_at.get(i)
            if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if self.in_quote(i) and not quoted:
                continue
            if i in self.content_tokens and not quoted:
                continue  # "Colombia will appeal …, it said": not the words' own subject
            if span.text.islower():
                continue  # "the deal" read as the alliance it names does not speak
            entity = self.entities.get(span.kb_id_)
            if entity is not None and entity.type in SPEAKER_TYPES - {Label.PERSON}:
                return self.speaker(entity, None, [])
        return None

    def last_speaker(
        self, before: Token, *, person: bool = False, collective: bool = False
    ) -> _Speaker | None:
        """The last speaker before a token: any, or only a person, or only a state or body
        ("they" is never one person)."""
        for i, speaker in reversed(self.speakers):
            is_person = speaker.entity.type == Label.PERSON
            if i < before.i and not (person and not is_person) and not (collective and is_person):
                return speaker
        return None

    def antecedent(
        self,
        noun: Token,
        role: RoleNoun | None,
        country: str | None,
        lex: Lexicon,
        *,
        gender: str | None = None,
        ahead: bool = True,
        said: bool = False,
    ) -> _Speaker | None:
        """The last person before `noun` (outside quotes) compatible with a role/country/gender.

        Speakers are preferred to persons only mentioned; with no antecedent, an indefinite
        role noun ("a spokesperson says …") looks ahead to the next named person (with
        ahead=False, only in its own sentence).
        """
        candidates = self._persons_before(noun, prefer_speakers=gender is None or said)
        if gender is not None:
            # "… who minister Mélanie Joly described as … '…,' she told reporters": a person
            # known to be a "she", a subject since the sentence before, comes first.
            recent = self._subjects_since(
                noun.doc[noun.sent.start - 1].sent.start if noun.sent.start else 0, noun.i
            )
            known = [
                c
                for c in candidates
                if c.entity.id in recent and self.gaz.genders.get(c.entity.id) == gender
            ]
            candidates = known + [c for c in candidates if c not in known]
        if role is not None:
            # "the spokesperson": someone who spoke or whose office is known, not any name
            # mentioned in passing ("Communique", a word the NER took for a person).
            spoke = {s.entity.id for _, s in self.speakers}
            candidates = [c for c in candidates if c.role or c.entity.id in spoke]
        if country is not None:
            # "The US leader": a person known to be of that country first, before one
            # whose country is unknown.
            for speaker in candidates:
                if speaker.country == country and self._compatible(speaker, role, country, gender):
                    return speaker
        for speaker in candidates:
            if self._compatible(speaker, role, country, gender):
                return speaker
        if role is not None or gender is not None:  # "she said" before her name comes
            # "the spokesperson added" refers back; "a spokesperson says" and "Estonia's
            # foreign minister said" may name their person in a later sentence.
            ahead = ahead and (gender is not None or not _refers_back(noun))
            reach = 80 if ahead else noun.sent.end - noun.i
            for speaker in self._persons_after(noun, limit=reach):
                if self._compatible(speaker, role, country, gender):
                    return speaker
        return None

    def _subjects_since(self, start: int, end: int) -> set[str]:
        """The persons named as a subject between two tokens, outside quotes."""
        return {
            span.kb_id_
            for i, span in self.mention_order
            if start <= i < end
            and not self.in_quote(i)
            and span.label_ == Label.PERSON.value
            and span.root.dep_ in ("nsubj", "nsubjpass")
        }

    def _persons_before(self, noun: Token, *, prefer_speakers: bool) -> list[_Speaker]:
        """Persons before `noun`, best antecedent first. A role noun ("the minister") takes
        the last speaker before any person only mentioned; a pronoun takes the most recent
        person, a grammatical subject before one mentioned in passing."""
        ranked: dict[str, tuple[int, _Speaker]] = {}

        def offer(score: int, speaker: _Speaker) -> None:
            old = ranked.get(speaker.entity.id)
            if old is None or score > old[0]:
                ranked[speaker.entity.id] = (score, speaker)

        for i, speaker in self.speakers:
            if i < noun.i:
                offer(i + (10_000 if prefer_speakers else 0), speaker)
        for i, span in self.mention_order:
            if i >= noun.i or self.in_quote(i) or span.label_ != Label.PERSON.value:
                continue
            entity = self.entities.get(span.kb_id_)
            if entity is not None:
                root = span.root
                # "Saudi Arabia's foreign minister, Prince Faisal, called …": the apposition
                # names the subject too.
                subject = root.dep_ in ("nsubj", "nsubjpass") or (
                    root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
                )
                score = i if subject and not _subordinate(root) else i - 40
                if i in self.content_tokens:
                    # Named in what someone else said ("Vucic said … as long as Kurti remains
                    # in power"): after every speaker, so "he added" stays with Vucic.
                    score -= 10_000
                offer(score, self._described(entity, span))
        order = sorted(ranked.values(), key=lambda pair: pair[0], reverse=True)
        return [speaker for _, speaker in order]

    def _persons_after(self, noun: Token, limit: int) -> list[_Speaker]:
        """Persons named after the noun, outside its own clause: in "the minister praised X",
        X is not the minister."""
        out = []
        clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
        for i in range(noun.i + 1, min(len(self.doc), noun.i + limit)):
            span = self.mention_at.get(i)
            if span is not None and clause is not None and _object_of(span.root, clause):
                continue
            if span is not None and span.label_ == Label.PERSON.value and span.start == i:
                entity = self.entities.get(span.kb_id_)
                if entity is not None and not _names_a_body(span):
                    out.append(self._described(entity, span))
        return out

    def _described(self, entity: Entity, span: Span) -> _Speaker:
        if entity.id in self.known:
            return self.known[entity.id]
        head = span.root
        phrase = self.phrase(head)
        role = _role_from(self.outside_names(phrase), self.gaz)
        return self.speaker(entity, role, phrase)

    def _compatible(
        self, speaker: _Speaker, role: RoleNoun | None, country: str | None, gender: str | None
    ) -> bool:
        if speaker.entity.type != Label.PERSON:
            return False
        if country and speaker.country and speaker.country != country:
            return False
        if gender and self.gaz.genders.get(speaker.entity.id, gender) != gender:
            return False
        if role is not None and speaker.role:
            wanted = set(role.role.lower().split()) - {"deputy", "the"}
            # The office, and the title the text gave it: "the secretary" is the foreign
            # minister introduced as "Foreign Secretary Enrique Manalo".
            have = set(speaker.role.lower().split()) | set((speaker.title or "").split())
            # "the Canadian foreign minister" is not the prime minister: what sets an office
            # apart from others of its kind must match, not only "minister".
            marks = wanted - TITLE_HEADS
            return bool((marks or wanted) & have) or role.role.lower() in GENERIC_ROLES
        return True

    def remember(self, speaker: _Speaker, cue: Token) -> None:
        self.speakers.append((cue.i, speaker))
        self.entities[speaker.entity.id] = speaker.entity
        # "X said in a statement that …" (words in a clause; not "rejected … in a note")
        said_in = [g for c in cue.children if c.dep_ == "prep" for g in c.children]
        worded = any(c.dep_ == "ccomp" for c in cue.children) and any(map(_in_a_text, said_in))
        if worded or any(_in_a_text(t) for t in cue.sent if t.i < cue.i):
            # "In a statement carried by KCNA, an official … claimed": its issuer.
            self.issuers.append((cue.i, speaker))

    def issuer_before(self, noun: Token) -> _Speaker | None:
        """Who issued the statement a later '"…," the statement said' goes on quoting."""
        return next((s for i, s in reversed(self.issuers) if i < noun.i), None)


# Whoever is named "… for X" with these is posted to X, not X's voice.
ENVOY_NOUNS = frozenset({"envoy", "representative", "coordinator", "rapporteur", "mediator"})


def posted_to(token: Token, phrase: Collection[int]) -> bool:
    """Inside a "to/in …" phrase of an envoy within the phrase (token indices) that names
    the speaker: "ambassador to Kenya", "envoy in Moscow". The walk stays in the phrase:
    the "to" of "according to …" holds the whole phrase."""
    while token.i in phrase:
        if token.dep_ == "prep" and token.lower_ in ("to", "in", "at"):
            return True
        if token.dep_ == "prep" and token.lower_ == "for" and token.head.lower_ in ENVOY_NOUNS:
            return True  # "UN special envoy for Syria Geir Pedersen"; not "Minister for …"
        if token.head.i == token.i:  # spaCy makes a new Token per access: compare indices
            return False
        token = token.head
    return False


def _name_posted(name: Token) -> bool:
    """A name parsed as the object of an envoy's "to": "Ambassador to US Ebrahim Rasool",
    where the country posted to reads as a word of the name."""
    to = name.head
    envoy = to.head.lemma_.lower()
    posted = to.lower_ in ("to", "in") and (envoy in ENVOYS or envoy in ENVOY_NOUNS)
    return name.dep_ == "pobj" and posted


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\w']+", name.lower()))


def _role_from(phrase: list[Token], gaz: Gazetteer, kind: str = "person") -> RoleNoun | None:
    """The longest role of that kind the phrase names: a person's title, or with
    kind="institution" a body's ("foreign ministry" in "a foreign ministry spokesperson")."""
    words = [t.lower_ for t in phrase]
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            role = gaz.roles.get(" ".join(words[i : i + n]))
            if role is not None and role.kind == kind:
                return role
    return None


def _claim_nouns(doc: Doc) -> list[int]:
    """Indices of the speech nouns that can report words ("remarks", "claim"), read for the
    whole Doc at once (to_array), like the openers."""
    strings = doc.vocab.strings
    wanted = {strings[word] for word in CLAIM_NOUNS}  # lower-case forms: hashes as stored
    return [i for i, lower in enumerate(doc.to_array("LOWER").tolist()) if lower in wanted]


def _possible_openers(doc: Doc) -> list[int]:
    """Indices of the tokens that can open reported speech: "according", "citing" and
    verbs (tag VB…). Read for the whole Doc at once (to_array): no Token object is made
    for the others."""
    strings = doc.vocab.strings
    rows = doc.to_array(["LOWER", "TAG"]).tolist()
    verb_tags = {tag for tag in {tag for _, tag in rows} if strings[tag].startswith("VB")}
    words = {strings["according"], strings["citing"]}  # string hashes, as in the array
    return [i for i, (lower, tag) in enumerate(rows) if lower in words or tag in verb_tags]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head  # "said Stoltenberg, who added: …"
            text = verb.doc[child.i - 1] if child.i > 0 else None
            if child.lower_ in ("which", "that") and text is not None and _in_a_text(text):
                # "the ministry said in a statement that condemned …", the relative clause
                # read as what was said: the statement's issuer.
                issuer = text.head.head
                return _subject(issuer) if issuer.i != verb.i else None
            return child
    inverted = _after_quote(verb) and verb.tag_ != "VBG"  # '"…," analysed Haavisto.'
    for child in verb.children:
        if inverted and child.dep_ == "dobj" and child.i > verb.i and _names_one(child):
            # The parser took the name after the verb for its object; '"…," tweeted the
            # Saudi foreign ministry'.
            return child
        if inverted and child.dep_ == "dobj" and _reads_out(verb):
            return child  # '"…," read a statement of the ministry'

        if child.dep_ == "advmod" and child.is_title and _relative_follows(child):
            return child  # "Bathily, who announced …, said": a name tagged an adverb
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        verb.dep_ in ("advcl", "conj")
        and before is not None
        and before.pos_ == "PROPN"
        and before.dep_ == "conj"
        and before.head.i < before.i
    ):
        # "Greece recalled its ambassador on Monday and France accused Turkey …": the parser
        # joined "France" to "Monday"; it is the subject of the verb right after it.
        return before
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT":
        # "Aso, who is also …, called on Japan …": the parser made the main verb a modifier
        # of its subject (a finite past tense never modifies a noun).
        return verb.head
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.i < verb.i and child.ent_type_ == "DATE":
            # "Pakistan Tuesday condemned …" (wire style): the parser made the day the head
            # and the name its compound.
            named = [c for c in child.lefts if c.dep_ == "compound" and c.ent_type_]
            if named:
                return named[-1]
    # "…, and added that …": a conjoined verb shares its subject.
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        head = verb.head
        if verb.tag_ == "VBG" and head.dep_ == "advcl" and _subordinated(head):
            # "India hit back after Sharif raked up Kashmir, accusing Islamabad …": the
            # participle after the "after …" clause is the main clause's (India's).
            head = head.head
        return _subject(head)
    return None


def _relative_word(word: Token) -> bool:
    """The relative pronoun of a clause, or the phrase it heads ("in which")."""
    return any(t.tag_ in ("WDT", "WP", "WP$") for t in word.subtree) and word.i < word.head.i


def _second_subject(noun: Token) -> list[Token]:
    """An apposition the parser made a second subject: "Lim Soo-suk, the spokesperson of
    Seoul's foreign ministry issued …"; its words."""
    if noun.dep_ != "nsubj":
        return []
    doc = noun.doc
    for other in noun.head.children:
        if other.dep_ != "nsubj" or other.i <= noun.i:
            continue
        between = doc[noun.i + 1 : other.left_edge.i]
        names = all(t.is_punct or t.i in {n.i for n in noun.subtree} for t in between)
        if names and any(t.text == "," for t in between):
            return list(other.subtree)
    return []


def _title_words(gaz: Gazetteer) -> dict[str, int]:
    """How many countries name a body of theirs with each word ("foreign": most of them,
    "external": India alone)."""
    countries: dict[str, set[str]] = {}
    for entity in gaz.entities.values():
        if entity.type == Label.ORGANIZATION and entity.country:
            for name in (entity.name, *entity.aliases):
                for word in name.lower().split():
                    countries.setdefault(word, set()).add(entity.country)
    return {word: len(owners) for word, owners in countries.items()}


def _trailing_cue(verb: Token) -> int | None:
    """The comma before a cue that ends its sentence with a named subject of its own, which
    the parser hung on the noun before as a relative clause; None otherwise."""
    if verb.dep_ != "relcl" or verb.sent.start == verb.left_edge.i:
        return None
    subject = _subject(verb)
    named = subject is not None and subject.pos_ == "PROPN" and subject.tag_ != "WP"
    comma = verb.doc[verb.left_edge.i - 1]
    last = verb.right_edge.i + 1 >= verb.sent.end - 1  # only its final stop after it
    return comma.i if named and comma.text == "," and last else None


def infinitive_verb(verb: Token) -> bool:
    """A verb with its "to": "to defend", "to tear up"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _as_noted(verb: Token) -> bool:
    """A cue in an "as X noted" clause before the words it reports."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i > verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    )


def _reads_out(verb: Token) -> bool:
    """ "Read" said of an issued text: "the statement read", "read a statement of X"."""
    return verb.lemma_.lower() == "read" and any(
        c.dep_ in ("nsubj", "dobj") and (c.lemma_.lower() in ISSUED_TEXTS or _text_of_part(c))
        for c in verb.children
    )


def _text_of_part(noun: Token) -> Token | None:
    """The issued text a part of it belongs to: "part of the statement"."""
    if noun.lemma_.lower() not in PART_NOUNS:
        return None
    texts = [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.lemma_.lower() in ISSUED_TEXTS
    ]
    return texts[0] if texts else None


def _holds_to_account(clause: Token) -> bool:
    """The clause of "holds": "that …", or someone "responsible/accountable" (not "holds 274
    kilograms of uranium enriched to 60 %")."""
    words = {t.lower_ for t in clause.subtree}
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return marked or bool(words & {"responsible", "accountable", "liable"})


def _own_envoy(verb: Token) -> bool:
    """The object is one's own ("its ambassador"), not another country's."""
    return any(
        c.dep_ == "dobj" and any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
        for c in verb.children
    )


def _relative_follows(word: Token) -> bool:
    """ "Bathily, who …": a relative clause about a person follows the word."""
    doc = word.doc
    after = doc[word.i + 1 : word.i + 3]
    return len(after) == 2 and after[0].text == "," and after[1].lower_ in ("who", "whose")


def _names_one(noun: Token) -> bool:
    """A noun that can name who speaks: a name, a body or an office-holder."""
    return noun.pos_ == "PROPN" or noun.lower_ in ORG_WORDS or noun.lower_ in SPEAKING_NOUNS


def _after_quote(verb: Token) -> bool:
    """Right after a closing quotation mark (and its comma): '"…," analysed Haavisto'."""
    doc, i = verb.doc, verb.i - 1
    if i >= 0 and doc[i].text in (",", ".", "!", "?"):
        i -= 1
    return i >= 0 and doc[i].text in ('"', "”", "»", "''")


def _subordinated(verb: Token) -> bool:
    """A clause opened by a subordinator ("after", "when", "as", "while" …)."""
    return any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in verb.children)


def _quoting_conjuncts(verb: Token, after: int, state: "_DocState") -> list[Token]:
    """Clauses conjoined to the cue after its content that quote the speaker's words: in
    "said that the agreements suspended the conflict, but then the Russian side moved on
    to "full-scale aggression"", the quote marks show whose words the second clause is."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.i >= after
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        and any(state.in_quote(t.i) for t in c.subtree)
    ]


# Verbs that say what the speaker calls something: "called the move a mistake".
NAMING_VERBS = frozenset({
    "call", "describe", "characterize", "characterise", "term", "label", "dub", "portray",
    "refer", "class", "classify", "brand", "explain", "liken",
})  # fmt: skip
# Whose relative or ally speaks is not the one who speaks: "the brother of Assad". (An aide
# or adviser speaks for the office they serve: AIDE_ROLES.)
KIN_NOUNS = frozenset({
    "brother", "sister", "wife", "husband", "son", "daughter", "father", "mother", "cousin",
    "nephew", "niece", "relative", "ally", "friend", "widow",
})  # fmt: skip
# Nouns that refer back to several states: "the three countries", "both nations".
GROUP_NOUNS = frozenset({"country", "nation", "state", "government"})
# Bodies of several states, which groups of officials speak for ("EU foreign ministers").
BODY_TYPES = frozenset({Label.ORGANIZATION, Label.ALLIANCE})
# Office-holders named by a common noun, who may speak after an inverted cue.
SPEAKING_NOUNS = frozenset({"spokesman", "spokesperson", "spokeswoman", "minister", "official"})
# Cues that go on from something already said: "he added", "she continued".
GOING_ON_CUES = frozenset({"add", "continue"})
# Offices of a national government: held with no country named, they are the dateline's.
# (Not envoys, posted abroad, nor officials of international bodies.)
HOME_ROLES = frozenset({
    "Foreign Minister", "Deputy Foreign Minister", "Defense Minister", "Deputy Defense Minister",
    "Prime Minister", "Deputy Prime Minister", "Minister", "Deputy Minister", "Spokesperson",
    "Chief Cabinet Secretary", "Energy Minister", "Environment Minister", "Finance Minister",
    "Interior Minister", "Justice Minister", "Trade Minister", "National Security Adviser",
    "State Secretary", "Vice President", "Chancellor", "Vice Chancellor",
})  # fmt: skip
# Verbs whose "if/whether/why" clause is a question, not a claim.
ASKING_VERBS = {"ask", "wonder", "question", "inquire", "enquire"}
# Texts a body issues, which "say" in its name: '"…," the statement said'.
ISSUED_TEXTS = {
    "statement", "communique", "communiqué", "declaration", "note", "letter", "release",
}  # fmt: skip
# Nouns of a piece of an issued text, whose words are the text's: "part of the statement".
PART_NOUNS = {"part", "excerpt", "extract", "portion", "passage"}
# Cues whose content can be a gerund clause: "denied operating a militia".
GERUND_CUES = {"deny", "admit", "acknowledge"}
# Words that join another speaker's report to the first: "…, while X said …".
LINKING_WORDS = {"while", "whereas", "and", "but"}
# Passive verbs that report another's words: "was quoted/cited as saying".
QUOTING_VERBS = frozenset({"quote", "cite"})


def _misparsed_that(word: Token, roots: set[int]) -> bool:
    """ "told reporters that Sweden had not done enough", with "that" parsed as the object of
    the clause whose own subject follows it: a complementizer all the same."""
    head = word.head
    return (
        word.lower_ == "that"
        and word.dep_ in ("dobj", "pobj")
        and head.i in roots
        and any(c.dep_ == "nsubj" and c.i > word.i for c in head.children)
    )


def _listed(head: Token) -> list[Token]:
    """A subject and the names listed with it, as conjuncts or appositions (the parser may
    make "Burkina Faso" in "Mali, Burkina Faso, and Niger" an apposition)."""
    out, todo = [], [head]
    while todo:
        token = todo.pop(0)
        out.append(token)
        todo += [c for c in token.children if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN"]
    return sorted(out, key=lambda t: t.i)


def _names_a_group(noun: Token) -> bool:
    """ "they", "the three countries", "both nations": several states named before."""
    if noun.lower_ == "they":
        return True
    if noun.lemma_.lower() not in GROUP_NOUNS or noun.tag_ not in ("NNS", "NNPS"):
        return False
    return any(
        c.dep_ == "nummod" or (c.dep_ in ("det", "predet") and c.lower_ in ("the", "both", "all"))
        for c in noun.children
    )


def _several(subject: Token | None) -> bool:
    """A subject naming several speakers: "Russia and China", "the leaders of …"."""
    return subject is not None and (bool(subject.conjuncts) or subject.tag_ in ("NNS", "NNPS"))


def _speaking_subject(verb: Token) -> Token | None:
    """The verb's subject, or for a cue in a "by …ing" phrase the subject of the clause it
    hangs from ("Ryabkov responded by saying that …"), or a person named just before a
    cue the parser left without one."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PROMPTING_VERBS:
        # "…, prompting Russia to vow …": whom the event prompted speaks.
        prompted = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if prompted is not None:
            return prompted
    subject = _subject(verb)
    if subject is None and verb.dep_ == "pcomp" and verb.head.lower_ == "by":
        return _governing_subject(verb)
    if subject is None and verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        # "Patrushev was quoted as saying …": the one quoted, not the agency quoting.
        quoting = verb.head.head
        if quoting.lemma_.lower() in QUOTING_VERBS:
            # "Politico quoted Kurti as saying …": the one quoted is its object.
            quoted = ("nsubjpass", "dobj")
            return next((c for c in quoting.children if c.dep_ in quoted), None)
    if subject is None and not _is_passive_or_question(verb):
        return _person_just_before(verb)
    return subject


def _person_just_before(verb: Token) -> Token | None:
    """ "Speaking in the parents' defense, Tom Molomby, SC, said …": the parser hung the name
    on the participle. A person named in the few words before the cue, with only an
    apposition and commas between, is its subject."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 6) - 1, -1):
        token = doc[i]
        # A name tagged as an adverb ("Bathily warned") is the subject the parser missed;
        # whether it names a person is for the speaker's resolution to find.
        misread = i == verb.i - 1 and token.dep_ == "advmod" and token.is_title
        if token.ent_type_.lower() == "person" or misread:
            between = doc[i + 1 : verb.i]
            apposed = all(t.is_punct or "appos" in (t.dep_, t.head.dep_) for t in between)
            return token if apposed else None  # the name's last word: read from the right
    return None


def _said_in(verb: Token, lex: Lexicon) -> list[Token]:
    """A "that" clause the parser hung on a speech noun or occasion of the cue: "told LA
    Weekly in a statement that the case …", "told Biden in a phone call that …", "told a
    daily news briefing that …"."""
    # An object only as an audience ("told a briefing"): "condemned Vulin's statement that
    # …" reports the condemnation, not the statement's words.
    audiences = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in AUDIENCE_NOUNS]
    nouns = audiences + [
        noun for prep in verb.children if prep.dep_ == "prep" for noun in prep.children
    ]
    # A cue that says nothing else: "said in a post on X that the Philippines had intruded
    # …", where the parser took "that" for a relative pronoun (its object).
    bare = not any(c.dep_ in ("ccomp", "dobj") for c in verb.children)
    return [
        clause
        for noun in nouns
        if noun.lemma_.lower() in lex.speech_nouns or noun.lower_ in OCCASION_NOUNS
        for clause in _that_clauses(noun, loose=bare)
    ]


def _that_clauses(noun: Token, *, loose: bool = False) -> list[Token]:
    """The "that …" clauses a noun governs: "remarks that …", "a statement that …"; with
    loose, also a relative clause opened by a "that" that is not its subject."""
    return [
        clause
        for clause in noun.children
        if (clause.dep_ in ("ccomp", "acl") and any(m.lower_ == "that" for m in clause.children))
        # A clause with its own subject after a "that" the parser took for a relative one.
        or (
            clause.dep_ == "relcl"
            and any(m.lower_ == "that" and m.dep_ == "mark" for m in clause.children)
        )
        or (loose and clause.dep_ == "relcl" and _opened_by_that(clause))
    ]


def _opened_by_that(clause: Token) -> bool:
    """A clause whose first word is "that", not its subject, before a subject of its own, and
    complete without it: "that the Philippines had intruded into Chinese waters", not "that
    he made on Monday" (a relative clause, whose "that" is the object)."""
    first = clause.left_edge
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i for c in clause.children)
    complete = any(
        c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd")
        or (c.dep_ == "prep" and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children))
        for c in clause.children
        if c.i != first.i
    )
    subject = first.dep_ in ("nsubj", "nsubjpass")
    return first.lower_ == "that" and not subject and own_subject and complete


def _defined_acronym(noun: Token) -> Token | None:
    """The head of the phrase an acronym was defined by in parentheses before: "MoFA" after
    "The Ministry of Foreign Affairs of Ethiopia (MoFA)" is that ministry."""
    if not (noun.is_upper or (noun.text[:1].isupper() and sum(c.isupper() for c in noun.text) > 1)):
        return None
    doc = noun.doc
    for token in doc[: noun.i]:
        if token.text == noun.text and token.i > 1 and doc[token.i - 1].text == "(":
            head = token.head
            while head.dep_ in ("pobj", "prep", "compound") and head.head.i != head.i:
                head = head.head
            return head if head.i != token.i and head.pos_ in ("NOUN", "PROPN") else None
    return None


def _quoted_saying(verb: Token) -> tuple[int, int] | None:
    """The words before "…, X quoted Y (as) saying." ending a sentence (token indices)."""
    quoting = verb.head.head if verb.head.lower_ == "as" else verb.head  # "quoted X as saying"
    if verb.lemma_ != "say" or verb.tag_ != "VBG" or quoting.lemma_.lower() not in QUOTING_VERBS:
        return None
    source = _subject(quoting)
    if source is None or verb.right_edge.i + 1 < verb.sent.end - 1:
        return None
    end = source.left_edge.i
    while end > verb.sent.start and verb.doc[end - 1].is_punct:
        end -= 1
    return (verb.sent.start, end) if end > verb.sent.start else None


def _said_clause_split(verb: Token) -> tuple[int, int] | None:
    """A verb of saying with a subject before it and another after it, the clause it
    reports broken into that subject and a conjoined verb: from the second subject to the
    end of the conjunct (token indices)."""
    if verb.lemma_.lower() not in ("say", "tell", "add"):
        return None
    before = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
    verbs = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if not before or not after or not verbs or verbs[0].i < after[0].i:
        return None
    return after[0].left_edge.i, verbs[0].right_edge.i + 1


def _named_as(verb: Token) -> list[Token]:
    """The object and what a naming verb calls it: "called [the move] [a mistake]",
    "described [the sanctions] [as illegal]"; empty where it names nothing."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    complements = [c for c in verb.children if c.dep_ == "oprd"]
    if obj is None and len(complements) == 2:
        # "called [Washington's recognition …] [illegal]", parsed as two complements
        return complements
    if obj is None and verb.lemma_.lower() == "refer":  # "referred to the decision as …"
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
    # What it is called, on the verb or, as the parser often hangs it, on the object.
    around = [*verb.children, *(obj.children if obj is not None else [])]
    # "described a report published by the EC as political": "as" hung on the report's clause
    around += [g for c in around if c.dep_ == "acl" for g in c.children if g.lower_ == "as"]
    called = next(
        (
            c
            for c in around
            if c.dep_ == "oprd"
            or (c.dep_ == "prep" and c.lower_ == "as")
            or (c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_ == "liken")
            # "labelled Taiwan's president a separatist", 'called Lula's words "a serious
            # attack"': no comma, so not an apposition
            or (c.dep_ == "appos" and not set_off(c))
            or (c.dep_ == "dobj" and obj is not None and c.i > obj.i)  # parsed as two objects
            # 'termed the allegations "absurd"': an adjective after its noun is what it is called
            or (c.dep_ == "amod" and obj is not None and c.i > obj.i and c.head == obj)
        ),
        None,
    )
    return [obj, called] if obj is not None and called is not None else []


def set_off(phrase: Token) -> bool:
    """A phrase set off by punctuation before it other than a quotation mark."""
    before = phrase.doc[phrase.left_edge.i - 1]
    return before.is_punct and before.text not in (*OPENING, '"', "'", "``")


def _subordinate(word: Token) -> bool:
    """Inside a clause opened by a subordinator ("one day after Biden visited Kyiv")."""
    while word.dep_ != "ROOT" and word.head.i != word.i:
        if word.dep_ == "advcl" and _subordinated(word):
            return True
        word = word.head
    return False


def _object_of(word: Token, verb: Token) -> bool:
    """Whether the word is the verb's object, directly or through its preposition."""
    if word.dep_ in ("dobj", "dative"):
        return word.head.i == verb.i
    return word.dep_ == "pobj" and word.head.head.i == verb.i


def _refers_back(noun: Token) -> bool:
    """ "the spokesperson", "this official": someone already named."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _indefinite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def _vague(role: RoleNoun | None) -> bool:
    """A title that fits most officials ("the official", "the diplomat")."""
    return role is None or role.role.lower() in VAGUE_TITLES


def _unnamed(noun: Token) -> bool:
    """ "a senior official", "officials", "some diplomats": nobody named before is meant."""
    determiner = next((c.lower_ for c in noun.children if c.dep_ == "det"), None)
    if determiner is None:
        return noun.tag_ in ("NNS", "NNPS")
    return determiner in ("a", "an", "some", "two", "several")


def _urged_clause(verb: Token) -> Token | None:
    """The "for/on …" phrase of a directive that carries a clause ("called on X to end …",
    "pressed for Russia to extend the deal")."""
    for child in verb.children:
        clause = any(t.pos_ == "VERB" for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "upon") and clause:
            return child
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in child.children
        ):
            return child
    return None


def _called_on_to(verb: Token) -> tuple[int, int] | None:
    """ "called on X to do …" with the "to" clause hung on the verb, not on X: from "on" to
    the end of the clause (token indices)."""
    on = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
    if on is None:
        return None
    for clause in verb.children:
        infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
        if clause.dep_ in ("advcl", "xcomp") and clause.i > on.i and infinitive:
            return on.i, clause.right_edge.i + 1
    return None


def _in_a_text(token: Token) -> bool:
    """ "In a statement", "in a communique": words said in an issued text."""
    issued = token.lemma_.lower() in ISSUED_TEXTS
    return issued and token.dep_ == "pobj" and token.head.lower_ == "in"


def _asks(complement: list[Token]) -> bool:
    """A question: "if …", "whether …", "why …"."""
    first = complement[0].left_edge
    return first.lower_ in ("if", "whether") or first.tag_ in ("WRB", "WP", "WDT")


def _called_for(verb: Token) -> Token | None:
    """What a directive asks for by name: "called for the immediate release of Mr Bazoum"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _governing_subject(verb: Token) -> Token | None:
    """The subject of the clause a subject-less verb hangs from ("X came close to declaring")."""
    head = verb
    for _ in range(4):
        if head.dep_ not in CLAUSE_LINKS or head.head is head:
            return None
        head = head.head
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    return None


def _according_source(token: Token) -> Token | None:
    if token.lower_ == "citing":
        return next((c for c in token.children if c.dep_ == "dobj"), None)
    to = next((c for c in token.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def _is_passive_or_question(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _ends_sentence(span: Span) -> bool:
    return bool(re.search(r"[.!?…]\W*$", span.text))


def _introduced(quote: Span) -> bool:
    """The quote follows a comma or colon inside its sentence: 'stating, "…"'."""
    doc = quote.doc
    i = quote.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in OPENING or doc[i].text == '"'):
        i -= 1
    return i > quote[0].sent.start and doc[i].text in (",", ":")


def _name_colon(quote: Span) -> Token | None:
    """The colon of a transcript line, 'Koro Bessho: “Japan welcomes …”': a person's name
    opens the line and the colon introduces the quote (the colon stands for the cue)."""
    doc = quote.doc
    i = quote.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in OPENING or doc[i].text == '"'):
        i -= 1
    if i < 1 or doc[i].text != ":" or doc[i - 1].ent_type_.lower() != "person":
        return None
    first = doc[i - 1]
    while first.i > 0 and doc[first.i - 1].ent_type_.lower() == "person":
        first = doc[first.i - 1]
    opens_line = first.i == 0 or "\n" in doc[first.i - 1].text_with_ws
    return doc[i] if opens_line else None


def _starts_sentence(span: Span) -> bool:
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    return first is not None and not first.text[:1].islower()


def _inside_sentence(quote: Span) -> bool:
    """A quote that continues the narrator's sentence on both sides is a citation."""
    doc = quote.doc
    before = doc[quote.start - 2] if quote.start >= 2 else None
    return before is not None and before.is_alpha and not _ends_sentence(quote)


def _date_after(cue: Token, lex: Lexicon) -> Span | None:
    """A day written right after the cue verb: "said on Monday", "said Tuesday", "said today"."""
    doc = cue.doc
    i = cue.i + 1
    if i < len(doc) and doc[i].lower_ == "on":
        i += 1
    if i >= len(doc):
        return None
    first = doc[i]
    if first.lower_ == "last" and i + 1 < len(doc) and _last_day(doc[i + 1], lex):
        return doc[cue.i + 1 : i + 2]  # "said last Thursday", "said last night"
    if first.lower_ in lex.weekdays or first.lower_ in ("today", "yesterday"):
        return doc[cue.i + 1 : i + 1]
    if first.ent_type_ == "DATE" and doc[i - 1].lower_ == "on":
        end = i + 1
        while end < len(doc) and doc[end].ent_type_ == "DATE" and doc[end].ent_iob_ == "I":
            end += 1  # "on Feb. 24", "on March 3, 2023"
        return doc[cue.i + 1 : end]
    return None


def _date_of(cue: Token, lex: Lexicon) -> str | None:
    """The day the cue verb happened, as written ("Thursday", "today", "February 21"), also
    from a participle of its own ("Jaishankar, speaking on September 24, said …")."""
    dated = _date_after(cue, lex)
    if dated is not None:
        # "said on Monday his country …", which the parser hangs on what was said.
        return dated[1:].text if dated[0].lower_ == "on" else dated.text
    participles = [
        c
        for c in cue.children
        if c.dep_ == "advcl" and c.tag_ == "VBG" and not any(g.dep_ == "nsubj" for g in c.children)
    ]
    # "said in a statement on Feb. 28", "told a news conference on Monday", "in a statement
    # released on October 25", "in a statement dated March 3"
    occasions = [
        g
        for c in cue.children
        if c.dep_ in ("prep", "dobj", "dative")
        for n in (c.children if c.dep_ == "prep" else [c])
        if n.lemma_.lower() in OCCASION_NOUNS
        for g in (
            *n.children,
            # "in a statement released on …", "in a brief statement late on Saturday"
            *(a for m in n.children if m.dep_ in ("acl", "amod", "advmod") for a in m.children),
        )
    ]
    for day in occasions:
        if day.ent_type_ == "DATE" and day.dep_ in ("npadvmod", "dobj", "oprd", "tmod"):
            return cue.doc[day.left_edge.i : day.right_edge.i + 1].text
    # "During his address in March", "At a summit in June": a period inside the occasion.
    within = [
        t
        for c in cue.children
        if c.dep_ == "prep" and c.lower_ in ("during", "at")
        for t in c.subtree
        if t.dep_ == "prep" and t.lower_ == "in"
    ]
    # "said in a meeting with his counterpart on the sidelines of the summit on June 11"
    deep = [
        t
        for c in cue.children
        if c.dep_ == "prep"
        for n in c.children
        if n.lemma_.lower() in MEETING_OCCASIONS
        for t in n.subtree
        if t.dep_ == "prep" and t.lower_ == "on" and t.head.i != cue.i
    ]
    # "said late on Friday", "said early on Monday"
    hours = [
        g
        for c in cue.children
        if c.dep_ == "advmod" and c.lower_ in TIMES_OF_DAY
        for g in c.children
    ]
    # "took to X last night to describe …": the purpose is the act's, on the same day.
    of_act = cue.dep_ in ("xcomp", "advcl") and infinitive_verb(cue)
    purpose = [c for c in cue.head.children if c.i < cue.i] if of_act else []
    children = (
        *cue.children,
        *(g for p in participles for g in p.children),
        *occasions,
        *deep,
        *hours,
        *purpose,
    )
    for child in (*children, *within):
        if child.dep_ == "prep" and child.lower_ == "on":
            for tok in child.children:
                if tok.ent_type_ == "DATE" or tok.lower_ in lex.weekdays:
                    return cue.doc[tok.left_edge.i : tok.right_edge.i + 1].text
        if child.dep_ == "prep" and child.lower_ == "in":
            # "in March": a month or a year, kept with its "in" (no day; see PERIOD_PREFIX)
            for tok in child.children:
                if tok.ent_type_ == "DATE":
                    return PERIOD_PREFIX + cue.doc[tok.left_edge.i : tok.right_edge.i + 1].text
        # Not "condemned last night's airstrikes", the possessive misparsed as a time.
        last_night = (
            child.lower_ == "night"
            and any(g.lower_ == "last" for g in child.children)
            and not any(g.dep_ == "case" for g in child.children)
        )
        # "said that day": the day named before it (see extract)
        that_day = child.lower_ == "day" and any(
            g.lower_ in ("that", "same") for g in child.children
        )
        if child.dep_ in ("npadvmod", "tmod", "advmod") and (
            child.lower_ in ("today", "yesterday", "tonight")
            or child.lower_ in lex.weekdays
            or last_night
            or that_day
        ):
            return cue.doc[child.left_edge.i : child.right_edge.i + 1].text  # "last Thursday"
    for child in cue.children:
        if child.dep_ in ("npadvmod", "tmod", "advmod") and _period(child, lex):
            # "Last week, X told reporters", "said late last month": no day is given.
            return PERIOD_PREFIX + cue.doc[child.left_edge.i : child.right_edge.i + 1].text
    return None


def _last_day(word: Token, lex: Lexicon) -> bool:
    """The word after "last" that makes it name a day: "last Thursday", "last night"."""
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    possessive = after is not None and after.tag_ == "POS"  # "last night's airstrikes"
    return (word.lower_ in lex.weekdays or word.lower_ == "night") and not possessive


def _period(word: Token, lex: Lexicon) -> bool:
    """A time that names no day: "last week", "earlier this month", "a day earlier"."""
    words = [t for t in word.subtree]
    dated = any(t.ent_type_ == "DATE" for t in words)
    day = any(t.lower_ in lex.weekdays or t.like_num for t in words)
    # "later in the day", "earlier that day": the day of the story, no span of days
    lowered = {t.lower_ for t in words}
    same_day = "day" in lowered and bool(lowered & {"the", "that", "same"})
    return dated and not day and not same_day and any(t.lower_ in PERIOD_WORDS for t in words)


# Verbs that deny what their infinitive names: "refused to back X" does not back X.
REFUSAL_VERBS = {"refuse", "decline", "fail", "reject"}
# Nouns that report words when someone owns them: "X's remarks that …".
CLAIM_NOUNS = {
    "remark", "remarks", "statement", "statements", "claim", "claims", "assertion",
    "assertions", "comment", "comments", "words", "warning", "warnings", "accusation",
    "accusations", "allegation", "allegations", "insistence", "argument", "arguments",
    "suggestion", "pledge", "pledges", "promise", "promises", "announcement", "declaration",
    "assurance", "assurances", "threat", "threats",
}  # fmt: skip
# Adverbs of the hour a day is named with: "late on Saturday".
TIMES_OF_DAY = {"late", "early"}
# A statement's date text that names a period ("in March"), not a day.
PERIOD_PREFIX = "in "
# Words of a time span or a relative time: "last week", "a day earlier", "at the weekend".
PERIOD_WORDS = {"week", "weekend", "month", "year", "day", "earlier", "ago", "recently"}
# Where words are said: a date on them dates the words.
# Directives whose object may be what is asked for: "urged a truce", "demanded the release".
DEMANDING_VERBS = frozenset({"urge", "demand", "request"})
# Objects that are whom a directive urges, not what it asks for.
ACTOR_NOUNS = frozenset({
    "side", "party", "country", "government", "authority", "leader", "people", "nation",
    "state", "community", "member", "ally", "partner", "world", "region", "neighbour",
    "neighbor", "counterpart", "capital", "everyone", "all",
})  # fmt: skip
# Occasions whose day is the saying's, however deep it is written: "in a meeting … on June 11".
MEETING_OCCASIONS = frozenset({
    "meeting", "summit", "talks", "conference", "call", "visit", "session", "interview",
    "briefing", "sideline",
})  # fmt: skip
# Occasions that are told something: "told a daily news briefing that …".
AUDIENCE_NOUNS = frozenset({"briefing", "conference", "reporters", "meeting", "session"})
OCCASION_NOUNS = {
    "statement", "briefing", "conference", "interview", "speech", "address", "meeting",
    "summit", "session", "talks", "visit", "call", "remarks", "post", "message", "reporters",
    "tweet", "video", "letter", "article",
}  # fmt: skip
SUBORDINATORS = {"after", "before", "when", "while", "as", "since", "because", "once"}

# Titles that fit many offices: they find any earlier person, and name no office of their own.
GENERIC_ROLES = {"official", "diplomat", "leader"}
# The kind of office a title names, apart from what sets it apart ("foreign", "prime").
TITLE_HEADS = {"minister", "secretary", "president", "of", "for", "to", "and"}

# Titles less exact than a known office ("Secretary Blinken" is the Secretary of State).
VAGUE_TITLES = GENERIC_ROLES | {"secretary"}
# How many paragraph breaks may stand between a country's words and its official's name.
OPENING_REACH = 2
# The most tokens between the two parts of a quote its cue splits ('"…," X said, "…"').
RESUMING_GAP = 12
# Verbs of putting out a text, and how many sentences back "the statement said" looks for
# one: "The ministry issued remarks on Saturday. … The statement said, …".
PUBLISHING_VERBS = {"issue", "release", "publish", "post"}
PUBLISHER_REACH = 4
# Roles of those who speak for a person: "his spokesperson said" gives the person's words.
AIDE_ROLES = {"Spokesperson", "Adviser", "Presidential Aide", "Chief of Staff"}


def _country_openings(statements: list[StatementSpan], state: "_DocState") -> list[StatementSpan]:
    """ "China has accused …" then "spokesperson Mao Ning said …": the country's words in the
    lead are its official's, named after them. A country keeps what no official of it says
    later in the story."""
    out = []
    # "Germany, France and Italy said …": a joint statement stays the countries'.
    spans = Counter((st.start, st.end) for st in statements)
    for st in statements:
        entity = state.entities.get(st.speaker_id)
        joint = spans[(st.start, st.end)] > 1
        if entity is not None and entity.type == Label.COUNTRY and not joint:
            later = [
                o
                for o in statements
                if o.start > st.start
                and (o.speaks_for or state.entities[o.speaker_id].country) == entity.id
                and o.speaker_id != entity.id
                # Named soon after: an official four paragraphs on says something else.
                and state.paragraph_gap(st.end, o.start) <= OPENING_REACH
            ]
            # A spokesperson or minister before an institution ("the Chinese embassy"); not
            # a person of no known office ("Roberto Canseco, head of the consular section"),
            # nor one of another office than the lead named ("Spain's foreign minister said"
            # is not the prime minister named next).
            office = _unnamed_office_in(st, state)
            official = next(
                (o for o in later if _office_holder(o, state) and _holds(o, office, state)),
                next(
                    (o for o in later if state.entities[o.speaker_id].type == Label.ORGANIZATION),
                    None,
                ),
            )
            if official is not None:
                st = replace(
                    st,
                    speaker_id=official.speaker_id,
                    role=official.role,
                    speaks_for=official.speaks_for,
                )
        out.append(st)
    return out


def _names_a_body(span: Span) -> bool:
    """A name set beside a word for a body, whatever the NER called it: "the militant group
    Jaish Al Adl"."""
    head = span.root.head
    beside = span.root.dep_ in ("appos", "compound") and head.i != span.root.i
    return beside and head.lemma_.lower() in NAMED_BODY_WORDS


def _unnamed_office_in(st: StatementSpan, state: "_DocState") -> RoleNoun | None:
    """The office that named the statement's speaker without a name, if one did."""
    if st.source is None:
        return None
    start, end = st.source
    return next((role for at, role, _ in state.unnamed_offices if start <= at < end), None)


def _holds(st: StatementSpan, office: RoleNoun | None, state: "_DocState") -> bool:
    """The statement's speaker may hold that office: not another office of its kind (a
    prime minister is not "Spain's foreign minister"); any, when none is asked for."""
    held = st.role or state.entities[st.speaker_id].role
    if office is None or held is None:
        return True
    wanted, have = set(office.role.lower().split()), set(held.lower().split())
    same_kind = bool(wanted & have & TITLE_HEADS)
    return not same_kind or wanted - TITLE_HEADS <= have


def _office_holder(st: StatementSpan, state: "_DocState") -> bool:
    person = state.entities[st.speaker_id]
    return person.type == Label.PERSON and bool(st.role or person.role)


def _drop_contained(statements: list[StatementSpan]) -> list[StatementSpan]:
    """Keeps one statement per stretch of text: of two that mostly overlap (the same quote
    found as a quote and as reported speech), the direct quote, else the longer one."""
    out: list[StatementSpan] = []
    for st in statements:
        clash = next((o for o in out if _overlap(o, st) > 0.5 and not _joint(o, st)), None)
        if clash is None:
            out.append(st)
        elif (st.kind, st.end - st.start) > (clash.kind, clash.end - clash.start):
            out[out.index(clash)] = st
    return out


def _joint(a: StatementSpan, b: StatementSpan) -> bool:
    """The same words through the same cue by two speakers ("Russia and China said …")."""
    return a.cue_i is not None and a.cue_i == b.cue_i and a.speaker_id != b.speaker_id


def _overlap(a: StatementSpan, b: StatementSpan) -> float:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return max(0, shared) / max(1, min(a.end - a.start, b.end - b.start))
