"""dg_stance: stance relations (criticizes / supports) from a statement's speaker to targets.

Every relation names the rule that made it, its evidence sentence and a confidence.
Rules, applied to the statement's content and its cue verb (lists in data/lexicon.json):

- cue_verb: the reporting verb itself judges its object: "X condemned Y", "X accused Y of",
  "X welcomed Y" (critical_verbs / supportive_verbs). Confidence 0.9.
- said_attitude: the cue's object (or a noun in the statement) is an attitude (concern,
  support, pleasure, opposition …)
  and its phrase names the target: "expressed pleasure in seeing Taiwan's actions",
  "voiced firm opposition to U.S. arms sales". 0.8.
- speaker_verb: a critical or supportive verb inside the statement whose subject is the
  speaker's side ("I", "we", the speaker's country, "he"/"she" in a person's reported
  speech): "China firmly opposes X". 0.8.
- told_to_stop: whoever is told to stop, cease or end something is criticized: "the United
  States needs to stop encouraging war", "we call on Beijing to desist from …", "requested
  that Canada rescind its move". 0.75.
- told_to_comply: whoever is told to respect, abide by, comply with or honour something is
  failing to, and is criticized: "asks Russia to respect Kazakhstan's sovereignty", "called
  on Kyiv to abide by the ceasefire". 0.65.
- leaves: a treaty, alliance or body the speaker's side withdraws from, quits, suspends its
  participation in or will not ratify is opposed: "Poland said it would quit the Ottawa
  Convention", "Turkey said it would not ratify the Istanbul Convention". 0.75.
- joins: a treaty, alliance or body the speaker's side ratifies, signs, joins or accedes to
  is supported: "the Senate ratified the Escazú Agreement", "Finland voted to join NATO".
  0.7.
- acts_against: what the speaker's side does or urges "against" someone is aimed at them,
  and so is whom it curbs, deters or counters: "called on the UN to act against Khalifa
  Haftar", "we will take measures against X", "urged Xi to rein in North Korea". 0.7.
- told_to_start: whoever needs, must or should start, begin, resume or return to something
  has not: "the European Union needs to start talking about peace", "the United Kingdom
  must return to negotiations". Only under a modal: urging a friend to start talks is no
  criticism. 0.6.
- manner: a critical manner adverb (the adverb of a negative word: "hypocritically",
  "stubbornly") judges the subject of its verb: "Robert Malley hypocritically says …". 0.65.
- prevented: what the speaker will not allow or prevents is criticized: "he 'will not
  allow a repetition of the Minsk agreements'", "prevent a repeat of X"; where what would
  happen is harm to it, it is supported: "we can't allow the Good Friday Agreement … to
  become a casualty of Brexit". 0.7.
- recourse: whoever moves on, turns or resorts to a harmful act is criticized: "the Russian
  side moved on to 'full-scale aggression'". 0.7.
- negative_act: a verb of a harmful act (negative_predicates: abandon, violate, impose,
  undermine …, or a verb with its object: "turned its back on", "broke its promises") makes
  its agent a target: "the White House abandoned the treaty". 0.7.
- concern: words of concern or regret (concerned, worried, regret …) target what they are
  about: "Moscow is concerned that Japan has become an ally of the US"; concern raised
  targets what raises it: "Iran's continuing enrichment activities, it's raising concerns";
  concern at the loss of X supports X: "the collapse of New START will cause deep regret".
  0.75.
- evaluation: an evaluative word (negative_words / positive_words) targets the subject it
  is said of ("X is a threat", "X is not up to the task", "X is the source of instability",
  "X is to blame") or the entities inside its own phrase ("the threat of X"). Topic nouns
  (problem, issue …) target only what their "including / with / from" phrase names
  ("problems, including Japan prioritizing a military alliance with the US"), not the topic
  of an "of" phrase ("the problem of the treaty"). 0.65.
- commitment: a treaty that must or should be concluded or signed, or that is to be kept,
  saved, restored or respected, is supported: "a peace treaty must be concluded", "the
  steps needed to restore the JCPOA". 0.7.

Negation ("not", "never", "did not oppose") flips an evaluative word and cancels a cue verb
or act. Hedges ("may", "reportedly") lower the confidence by 40%. Never a target: the
speaker, the country and bodies the speaker speaks for, anything inside a clause where the
speaker reports another party's words ("The US has declared Russia 'a key adversary'"), the
victim of an act ("Russia's invasion of Ukraine"), whom a claim or lie is about, who is
supplied, the sides of "tensions between A and B", a treaty named only as a time ("before
the JCPOA"), a topic ("remarks regarding Taiwan"), and what someone is pressed "for X to
do". Praise that is only hoped for or demanded ("Japan should show respect") supports no
one; the words of a name ("Organization for Security and Cooperation") praise no one; a
harsh word for the speaker's own measure ("implementing EU sanctions") and the speaker's
side's acts "if …" take no stance. "Nothing justifies X" condemns X. Where a phrase names
both an alliance or treaty and countries, the alliance or treaty is the target.

A word of feeling said of its subject ("Chile remains committed to dialogue", "we are
grateful to Japan") praises no one but whom it is felt toward, and only when the speaker's
side feels it; whom a directive urges ("urged Japan to uphold relations") is not praised by
it. An act named with "by" is aimed at who did it ("the ruling by the ICJ"), the rulers "in"
a country stand for it ("the junta in Niger"), and "his country", "our government" or "the
Trump administration" in an official's words are the speaker's side.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.symbols import ADV, VERB
from spacy.tokens import Doc, Span, Token

from graph_schema import Label, Stance
from pipelines.components.attribution import (
    ENVOYS,
    HYPOTHETICAL,
    NAMING_VERBS,
    REFUSAL_VERBS,
    StatementSpan,
    infinitive_verb,
    posted_to,
    set_off,
)
from pipelines.components.entities import (
    ALLIANCE_NOUNS,
    MENTIONS_KEY,
    QUOTE_MARKS,
    RULING_NOUNS,
    STATE_BODY_WORDS,
    TREATY_HEADS,
)
from pipelines.gazetteer import Gazetteer, default_gazetteer
from pipelines.lexicon import Lexicon, default_lexicon

CONCERN_WORDS = {
    "concern", "concerned", "worry", "worried", "alarmed", "regret", "disappointed",
    "disappointment", "dismay", "outrage", "protest", "condemnation", "opposition",
    "disturbed", "troubled", "dismayed", "appalled", "shocked", "outraged", "angered",
    "representations", "demarche", "démarche",  # "lodged solemn representations with X"
}  # fmt: skip
# Words that judge only as what the speaker expresses: "expressed criticism of X"
# criticizes X, but "the criticism of X is unfair" defends X.
SAID_ATTITUDES = {"criticism": Stance.CRITICIZES, "rejection": Stance.CRITICIZES}
# Feelings conveyed to someone: "expressed concern to Premier Li about X" is about X.
CONVEYED = {"concern", "worry", "regret", "disappointment", "dismay", "alarm"}  # not protests
# Prepositions whose object is who an act is done to, not who does it.
# ("in" names a place.)
RECIPIENT_PREPS = {
    "to", "on", "against", "for", "toward", "towards", "at", "upon", "into", "in", "from",
}  # fmt: skip
# Words that make praise a wish or a demand: "Japan should show respect", "hopefully".
EXHORTING = {"should", "must", "need", "ought", "hopefully"}
# What two sides do to each other: "tensions between A and B" aim at neither ("collusion
# between A and B" implicates both).
MUTUAL_NOUNS = {
    "tension", "escalation", "conflict", "war", "fighting", "clash", "dispute", "hostility",
    "confrontation", "standoff", "rivalry", "talk", "negotiation", "dialogue", "meeting",
}  # fmt: skip
# Prepositions of what an attitude is about when the parser hangs them on its verb
# ("expressed anger over X", "expressed solidarity with X").
ABOUT_PREPS = {"over", "about", "at", "with"}
# Prepositions that name a topic, never an actor: "remarks made by X regarding Taiwan".
TOPIC_PREPS = {"regarding", "concerning"}
# Verbs whose object receives what is given: "supplying Ukraine" aims at the supplier.
GIVING_VERBS = {"supply", "arm", "provide", "give", "send", "deliver", "grant", "equip"}
# Verbs of getting what another gives: "received support from Rwanda".
RECEIVING_VERBS = {"receive", "get", "gain", "win", "enjoy", "seek", "obtain", "secure"}
# Giving help: what the speaker's side gives "to" someone supports them.
AIDING_VERBS = GIVING_VERBS | {"pledge", "allocate", "donate", "offer", "transfer", "approve"}
# A state the speaker's side recognises is supported: "Spain recognised Palestine".
RECOGNISING_VERBS = {"recognise", "recognize"}
# Verbs of showing what one is told to show: "should demonstrate full respect for X".
SHOWING_VERBS = {"show", "demonstrate", "display"}
# What one is recognised as to rule: "recognize Castillo as Peru's lawful leader".
RULER_NOUNS = {"leader", "president", "ruler", "head", "government", "representative"}
# What giving helps with: "500 million euros in military aid", "more tanks", "a grant".
AID_NOUNS = {
    "aid", "assistance", "support", "help", "relief", "weapon", "arm", "tank", "missile",
    "ammunition", "munition", "jet", "equipment", "fund", "funding", "grant", "loan", "money",
    "euro", "dollar", "package", "vaccine", "food",
}  # fmt: skip
# Violent acts: whoever does them is criticized only if an actor ("troops"), not an event.
VIOLENT_VERBS = {"kill", "murder", "massacre", "shell", "bomb", "shoot"}
ARMED_NOUNS = {
    "troop", "force", "army", "soldier", "militant", "police", "regime", "government",
    "military", "militia", "fighter", "rebel", "jet", "drone", "gunman",
}  # fmt: skip
# Verbs of words alone: their subject spoke, and did not do "the move" named after.
SAYING_VERBS = {
    "say", "tell", "add", "note", "stress", "explain", "state", "comment", "remark", "reply",
    "respond", "write", "tweet", "argue", "insist",
}  # fmt: skip
# Acts a text names again by a common noun: "condemned the decision".
ACT_NOUNS = {
    "decision", "move", "step", "measure", "action", "announcement", "plan", "act", "incident",
    "attack", "provocation", "strike", "raid",
}  # fmt: skip
# Nouns of whatever brings about what their "of" phrase names: "the source of instability".
SOURCE_NOUNS = {
    "source", "cause", "root", "driver", "engine", "epicenter", "epicentre", "hotbed",
    "sponsor", "instigator", "origin", "breeding", "fountainhead", "architect", "perpetrator",
}  # fmt: skip
# Nouns that name a country named before: "the country", "the Gulf state".
COUNTRY_NOUNS = {"country", "nation"}
STATE_NOUNS = {"state", "kingdom", "republic", "emirate"}
# Prepositions of time: what they name dates something ("before the JCPOA").
TIME_PREPS = {"before", "after", "since", "until", "during"}
# Words someone said: what rejects them is aimed at who said them.
CLAIMS = {
    "accusation", "allegation", "claim", "charge", "remark", "comment", "statement",
    "assertion", "characterization", "characterisation", "rhetoric", "insinuation", "word",
}  # fmt: skip
CHARGES = {"accusation", "allegation", "charge", "insinuation"}
# Acts done to what their "of" phrase names: "Russia's invasion of Ukraine" does not
# criticize Ukraine, "the detention of President Bazoum" not Bazoum, "Russia's violation of
# the INF Treaty" not the treaty.
VICTIM_NOUNS = {
    "invasion", "occupation", "annexation", "bombing", "bombardment", "shelling", "killing",
    "massacre", "murder", "assassination", "detention", "arrest", "abduction", "kidnapping",
    "persecution", "oppression", "suppression", "repression", "blockade", "siege",
    "encirclement", "containment", "isolation", "harassment", "intimidation", "exploitation",
    "subjugation", "destruction", "demonization", "vilification", "slander", "smearing",
    "torture", "execution", "expulsion", "deportation", "starvation", "genocide", "targeting",
    "violation", "breach", "undermining", "erosion", "dismantling", "dismantlement",
    "weakening", "abrogation", "sabotage", "circumvention", "punishment", "removal", "ouster",
    "overthrow", "impeachment", "dismissal", "toppling",
}  # fmt: skip
# Words whose "about" phrase names whom they are about, not a target.
TALK_NOUNS = CLAIMS | VICTIM_NOUNS | {"lie"}
# Prepositions that name where something is: "the situation in the Taiwan Strait".
PLACE_PREPS = {"in", "at", "near", "around", "across", "along", "inside"}
# Prepositions after a topic noun that name its cause: "problems including X", "… with X".
CAUSE_PREPS = {"including", "with", "from", "by", "like", "such"}
# What a speaker calls their own state: "our country", "his government".
OWN_STATE_NOUNS = {"country", "nation", "government", "state", "people"}
# Places one is told to leave: "leave the reef", "vacate the occupied territory".
OCCUPIED_PLACES = {
    "reef", "shoal", "island", "territory", "area", "zone", "region", "waters", "country",
    "land", "base", "town", "city", "village", "border",
}  # fmt: skip
# Verbs of leaving or dropping a treaty, alliance or body.
# What ties a state to a treaty or body, to be withdrawn: "withdrew its ratification of X".
TIES_TO_AN_INSTRUMENT = {
    "participation", "membership", "ratification", "signature", "commitment", "obligation",
    "adherence",
}  # fmt: skip
# Words for the bodies one can leave: "quit the bloc".
BODY_NOUNS = {"bloc", "union", "organization", "organisation", "body", "group", "council"}
EXIT_VERBS = {
    "withdraw", "leave", "quit", "exit", "abandon", "renounce", "scrap", "suspend", "freeze",
    "pull out", "tear up", "denounce", "abrogate", "revoke", "rescind", "terminate", "ditch",
    "back out",
}  # fmt: skip
# Verbs of binding oneself to one: negated, they refuse it ("would not ratify").
BINDING_VERBS = {"ratify", "sign", "join", "accede", "rejoin", "implement"}
# Curbing someone: "rein in North Korea", "counter China's coercion", "deter Russia".
CURBING_VERBS = {"rein", "curb", "restrain", "deter", "counter"}
# Ties one state cuts with another: "severed diplomatic relations with Morocco".
TIE_NOUNS = {"relation", "relations", "tie", "ties", "relationship"}
SEVERING_VERBS = {"sever", "cut", "break", "suspend", "downgrade", "freeze", "rupture"}
DECIDING_VERBS = {"decide", "vote", "resolve"}
# Acts done "against" someone: hostile when the speaker's side does or urges them.
AGAINST_ACTS = {
    "act", "action", "measure", "step", "stance", "sanction", "retaliation", "countermeasure",
    "retaliate", "move",
}  # fmt: skip
# Prepositions naming whom a feeling is toward: "grateful to Japan", "pleased with X".
FELT_TOWARD = {"to", "with", "toward", "towards"}
COMMIT_VERBS = {
    "conclude", "sign", "ratify", "implement", "respect", "honor", "honour", "preserve",
    "extend", "keep", "observe", "uphold", "reach", "resume", "restore", "save", "abide",
}  # fmt: skip
MODALS = {"must", "should", "need", "ought", "have"}
# Verbs that say what something is taken for: "regards X as a threat", "sees X as a partner".
# Verbs that condemn what they name as something: "denounced the ruling as interference".
CONDEMNING_VERBS = {"denounce", "condemn"}
# A state's own bodies, named by its name or its leader's: "the Mexican Senate", "the Trump
# administration".
STATE_BODY_NOUNS = STATE_BODY_WORDS | {"administration", "legislature"}
REGARD_VERBS = NAMING_VERBS | CONDEMNING_VERBS | {
    "regard", "see", "view", "consider", "perceive", "treat", "brand", "hail", "praise",
}  # fmt: skip
# What a country seeks in joining a body: "Sweden's NATO membership bid" is about Sweden.
MEMBERSHIP_NOUNS = {"membership", "accession", "bid", "application", "candidacy", "entry"}
# Verbs of wishing: what the speaker wants kept or concluded, they support.
WISH_VERBS = {"want", "wish", "hope", "expect", "like"}
LIKENING_VERBS = {"liken", "compare", "equate"}
# What one is owed by whoever wronged one ("demanded an apology from X"), and asking for it.
OWED_NOUNS = {"apology", "explanation", "clarification", "retraction"}
DEMANDING_VERBS = {"demand", "seek", "ask", "request", "expect"}
# Words of accountability: "responsible for the crisis" blames, "responsible for security"
# names a duty, and "a responsible power" (no "for") praises.
ACCOUNTABLE = {"responsible", "accountable", "responsibility"}
# Harms one is held responsible for, though not judgements themselves ("the deaths").
HARM_NOUNS = {"death", "suffering", "displacement", "famine", "destruction", "escalation",
              "breakdown", "collapse", "failure", "demise", "loss"}  # fmt: skip
# Where one drives things: "pushing the region towards war", "dragging Europe into conflict".
HARM_DESTINATIONS = {
    "war", "conflict", "crisis", "brink", "abyss", "catastrophe", "disaster", "confrontation",
    "escalation", "chaos", "collapse", "deadlock", "impasse", "violence", "bloodshed",
}  # fmt: skip
DRIVING_VERBS = {"push", "drag", "lead", "drive", "plunge", "steer", "move", "bring", "tip"}
# Wars one wages or prepares: "Azerbaijan was preparing a new war against Armenia".
WAGING_VERBS = {"wage", "prepare", "plan", "launch", "start", "unleash", "provoke"}
# Whoever the blame "lies with" is blamed: "the responsibility lies with the United States".
BLAME_NOUNS = {"responsibility", "blame", "fault", "onus"}
# Verbs of going on with something: told not to, one is told to stop.
GOING_ON_VERBS = {"repeat", "continue", "resume", "persist"}
# Verbs of excusing: what nothing excuses is condemned ("nothing justifies the attacks").
EXCUSING_VERBS = {"justify", "excuse", "warrant", "legitimize", "legitimise", "condone"}
# Verbs that say what something comes to: "Israel's actions amounted to genocide".
AMOUNT_VERBS = {"amount", "equate", "equal", "boil"}
# What says whose someone is: "Niger's ambassador", "the Swedish ambassador".
OWNER_DEPS = {"poss", "amod", "compound"}
# Where a pronoun names a target rather than an actor of its own clause ("accusing it of").
OBJECT_DEPS = {"poss", "dobj", "pobj", "dative"}
COLLECTIVE = {Label.COUNTRY.value, Label.ORGANIZATION.value, Label.ALLIANCE.value}
SPECIFIC = {Label.ALLIANCE, Label.TREATY}
# Prepositions through which a critical or supportive verb names its target.
AIMED_PREPS = {
    "at", "against", "with", "by", "of", "over", "about", "toward", "towards", "on", "to",
    "behind",
}  # fmt: skip
TRANSPARENT = {"conj", "cc", "appos", "compound", "flat", "punct", "det", "nmod", "amod"}
# Clauses inside a phrase: what they hold is further from the phrase head than its own parts.
CLAUSES = {"acl", "relcl", "ccomp", "xcomp", "advcl"}
ATTITUDE_PREPS = {"for", "to", "with", "in", "over", "about", "at", "toward", "towards", "of", "on"}
CONFIDENCE = {
    "cue_verb": 0.9,
    "said_attitude": 0.8,
    "speaker_verb": 0.8,
    "told_to_stop": 0.75,
    "told_to_comply": 0.65,
    "acts_against": 0.7,
    "leaves": 0.75,
    "joins": 0.7,
    "told_to_start": 0.6,
    "concern": 0.75,
    "negative_act": 0.7,
    "commitment": 0.7,
    "evaluation": 0.65,
    "manner": 0.65,
    "prevented": 0.7,
    "recourse": 0.7,
}

if not Span.has_extension("dg_relations"):
    Span.set_extension("dg_relations", default=None)
if not Doc.has_extension("dg_relations"):
    Doc.set_extension("dg_relations", default=None)


@dataclass(frozen=True)
class FoundRelation:
    stance: Stance
    target_id: str
    evidence: str
    confidence: float
    rule: str


@Language.factory("dg_stance")
def make_stance(nlp: Language, name: str) -> "StanceFinder":
    return StanceFinder(default_lexicon(), default_gazetteer())


class StanceFinder:
    """Adds relations to every statement of `doc._.dg_statements`; see the module docstring."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.harms = lexicon.negative_words | VICTIM_NOUNS  # what a share in is complicity
        # Besides verbs and adverbs, only these words (or an evaluative phrase's start)
        # can set off a rule of _token_rules.
        self.rule_words = (
            CONCERN_WORDS
            | ACCOUNTABLE
            | BLAME_NOUNS
            | COMMIT_VERBS
            | lexicon.preserving_verbs
            | lexicon.negative_words
            | lexicon.positive_words
            | AGAINST_ACTS
            | AIDING_VERBS
            | RECOGNISING_VERBS
            | OWED_NOUNS
            | TIE_NOUNS
        )
        # Every beginning of an evaluative phrase ("n", "no", "not", "not ", …).
        phrases = (*lexicon.negative_phrases, *lexicon.positive_phrases)
        self.phrase_prefixes = {p[:n] for p in phrases for n in range(1, len(p) + 1)}

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(MENTIONS_KEY, []))  # each read makes new Span objects
        mentions: dict[int, Span] = {}
        for span in spans:
            for i in range(span.start, span.end):
                mentions.setdefault(i, span)
        entities = doc._.dg_entities or {}
        self._entities = entities
        self._spans = sorted(spans, key=lambda s: s.start)
        doc._.dg_relations = [
            self.relations(doc, st, mentions, entities) for st in (doc._.dg_statements or [])
        ]
        return doc

    def relations(
        self, doc: Doc, st: StatementSpan, mentions: dict[int, Span], entities: dict
    ) -> list[FoundRelation]:
        content = doc.char_span(st.start, st.end, alignment_mode="expand")
        if content is None:
            return []
        # Token indices, not ranges: asked for every token of the content.
        nested = {i for s, e in st.nested for i in range(s, e)}
        # What something is likened to is a comparison, not a target: "likening Israel's
        # actions to a time when Hitler decided to kill the Jews".
        cue_words = [doc[st.cue_i]] if st.cue_i is not None else []
        nested |= {
            t.i
            for verb in (*cue_words, *content)
            if verb.lemma_ in LIKENING_VERBS
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("to", "with")
            for t in p.subtree
        }
        excluded = {st.speaker_id, st.speaks_for}
        if st.source is not None:
            # What names the speaker describes them ("the EU's top diplomat"): never a
            # target, but for where an envoy is posted ("ambassador to the United States").
            named = doc.char_span(*st.source, alignment_mode="expand") or ()
            within = {t.i for t in named}
            excluded |= {
                mentions[t.i].kb_id_ for t in named if t.i in mentions and not posted_to(t, within)
            }
        speaker = entities.get(st.speaker_id)
        if speaker is not None and speaker.country:
            excluded.add(speaker.country)
        # "NATO stands with Ukraine" in its Secretary-General's words is his own stance.
        excluded |= self.gaz.bodies.get(st.speaker_id, frozenset())
        self._speaker_side = {e for e in excluded if e}
        # "The United States, Japan, New Zealand and Australia shared concerns", in a US
        # statement: who acts with the speaker's side is not what it criticizes (though "China
        # and Australia have no historical grievances" speaks well of Australia).
        allies = {
            mentions[c.i].kb_id_
            for t in content
            if t.i in mentions
            and mentions[t.i].kb_id_ in self._speaker_side
            and t.dep_ in ("nsubj", "nsubjpass")
            for c in t.conjuncts
            if c.i in mentions
        }
        # The speaker's own country's institutions are not targets either ("the Iranian
        # Foreign Ministry" in its spokesman's words). Its persons may be: opposition.
        excluded |= {
            i
            for i, e in entities.items()
            if e.type == Label.ORGANIZATION and e.country in self._speaker_side
        }
        self._reported_person = (
            st.kind == "reported" and speaker is not None and speaker.type == Label.PERSON
        )
        # "China's foreign ministry said it firmly opposes …": "it" is the body itself.
        self._reported_body = (
            st.kind == "reported" and speaker is not None and speaker.type.value in COLLECTIVE
        )
        self._mentions = mentions
        self._entities = entities

        def targets(tokens) -> list[str]:
            tokens = [t for t in tokens if t.i not in nested]
            inside = {t.i for t in tokens}
            found: dict[str, int] = {}  # entity id -> how deep in the phrase it sits
            for tok in tokens:
                if _joining_whom(tok):
                    continue  # "its NATO membership bid" is about who joins, not NATO
                if _envoy_named(tok, mentions, entities):
                    continue  # "Nicaragua's ambassador, Mr Campbell": his country is meant
                if _title_of_a_person(tok, mentions, entities):
                    continue  # "Czech Senate Speaker Milos Vystrcil": the man, not the Senate
                span = mentions.get(tok.i) or self._antecedent(tok)
                if span is not None and span.kb_id_ not in excluded and not _a_side(tok):
                    depth = _depth(tok, inside)
                    found[span.kb_id_] = min(depth, found.get(span.kb_id_, depth))
            return _closest(found, entities)

        candidates: list[tuple[Stance, str, Token, str]] = []
        cue = doc[st.cue_i] if st.cue_i is not None else None
        self._cue = cue
        self._urged = cue is not None and cue.lemma_.lower() in self.lex.directive_verbs
        if cue is not None and cue.lemma_ in LIKENING_VERBS and self._likened_to_harm(cue):
            # "likening Israel's actions to a time when Hitler decided to kill the Jews"
            likened = [c for c in cue.children if c.dep_ == "dobj"]
            for target in targets(_agents(likened)):
                candidates.append((Stance.CRITICIZES, target, cue, "evaluation"))
        if cue is not None and not _negated(cue, self.lex):
            stance = self._cue_stance(cue)
            if stance is not None:
                objects = _objects(cue, self.lex)
                if cue.lemma_.lower() == "summon":
                    # "summoned Niger's ambassador Brah Mohamane": a protest to his country.
                    owners = [g for o in objects for g in o.children if g.dep_ in OWNER_DEPS]
                    objects = owners or objects
                aimed = targets(_agents(objects))
                for claim in (c for c in cue.children if c.dep_ == "dobj" and not aimed):
                    # "Belgrade rejected the claim": the claim made just before, by another.
                    if claim.lemma_ in CLAIMS and _pointing(claim) and not _claimants(claim):
                        maker = self._actor_before(claim, said=True)
                        aimed = [maker.kb_id_] if maker is not None else []
                for target in aimed:
                    candidates.append((stance, target, cue, "cue_verb"))
            for noun in (c for c in cue.children if c.dep_ == "dobj"):
                # "expressed concern over X", "voiced support for X": the said attitude
                # is toward what its phrase names.
                attitude = self._polarity(noun, None) or SAID_ATTITUDES.get(noun.lemma_.lower())
                if attitude is not None and not _negated(noun, self.lex):
                    for phrase in _attitude_phrases(noun):
                        for target in targets(phrase):
                            candidates.append((attitude, target, cue, "said_attitude"))
        # What the speaker is concerned about is reported, not evaluated again inside.
        words = [(t, t.lower_, t.lemma_.lower(), t.pos) for t in content]  # read once
        concerns = {
            i
            for t, lower, lemma, _ in words
            if lower in CONCERN_WORDS or lemma in CONCERN_WORDS
            for c in t.children
            if c.dep_ in ("ccomp", "prep", "xcomp", "agent")
            for i in range(c.left_edge.i, c.right_edge.i + 1)
        }
        for token, lower, lemma, pos in words:
            if token.i in nested or not self._may_judge(token, lower, lemma, pos):
                continue
            if token.i in mentions and (
                lower in self.lex.positive_words or lemma in self.lex.positive_words
            ):
                continue  # a word of a name: "the Organization for Security and Cooperation"
            rules = self._token_rules(token, lower, lemma, targets)
            if token.i in concerns:
                rules = [r for r in rules if r[3] == "concern"]
            candidates.extend(rules)
        criticized_ally = [c for c in candidates if c[0] == Stance.CRITICIZES and c[1] in allies]
        return _resolve([c for c in candidates if c not in criticized_ally], self.lex)

    def _may_judge(self, token: Token, lower: str, lemma: str, pos: int) -> bool:
        """Whether any rule of _token_rules can apply to the token: most words are passed
        over without reading their other attributes."""
        if pos in (VERB, ADV) or lower in self.rule_words or lemma in self.rule_words:
            return True
        return lower in self.phrase_prefixes and _phrase_at(token, self.lex) is not None

    def _antecedent(self, pronoun: Token) -> Span | None:
        """What "it" or "its" as an object or possessor names: the nearest country,
        organization or alliance before it, in its sentence or the one before ("lashed out
        at Pakistan, accusing it of …", "if Moscow follows through on its threat"). A
        person or treaty in between is a closer antecedent: then nothing."""
        country = _the_country(pronoun)
        if pronoun.dep_ not in OBJECT_DEPS and not country:
            return None
        if _the_act(pronoun) and not any(t.i in self._mentions for t in pronoun.subtree):
            return self._actor_before(pronoun)
        person = pronoun.lower_ in ("him", "her") and pronoun.dep_ in ("dobj", "pobj")
        if pronoun.lower_ not in ("it", "its") and not country and not person:
            return None
        sent = pronoun.sent
        start = pronoun.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        before = [s for s in self._spans if start <= s.start and s.end <= pronoun.i]
        if person:
            # "criticized Israel Katz, accusing him of …": the other person named before.
            others = [
                s
                for s in before
                if s.label_ == Label.PERSON.value and s.kb_id_ not in self._speaker_side
            ]
            return max(others, key=lambda s: s.end) if others else None
        if country:
            # "the country's claims": the nearest other country named before.
            before = [
                s
                for s in before
                if s.label_ == Label.COUNTRY.value and s.kb_id_ not in self._speaker_side
            ]
        if not before:
            return None
        nearest = max(before, key=lambda s: s.end)
        return nearest if nearest.label_ in COLLECTIVE else None

    def _actor_before(self, act: Token, *, said: bool = False) -> Span | None:
        """Who did "the decision" condemned: the subject of a sentence just before (or of
        this one, before the act) that names a state, body or person other than the
        speaker's side ("Russia withdrew from the deal. Guterres condemned the decision"),
        that of the main clause first ("Lithuania has allowed Taiwan to open an office").
        With said, who said "the claim" rejected: the subject of a verb of saying or
        accusing ("Kurti accused Serbia of …. Belgrade rejected the claim")."""
        sent = act.sent
        start = act.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        words = SAYING_VERBS | self.lex.critical_verbs
        actors = [
            s
            for s in self._spans
            if start <= s.start
            and s.end <= act.i
            # the subject, or what names it: "Russian forces installed fences"
            and (subject := _subject_named(s.root)) is not None
            # who acted, not who spoke; or, with said, who spoke
            and (subject.head.lemma_.lower() in words) == said
            and s.kb_id_ not in self._speaker_side
            and s.label_ in COLLECTIVE | {Label.PERSON.value}
        ]
        main = [s for s in actors if _in_main_clause(s.root)] or actors
        return max(main, key=lambda s: s.end) if main else None

    def _cue_stance(self, cue: Token) -> Stance | None:
        lemma = self.lex.verb_lemma(cue)
        if lemma in self.lex.critical_verbs:
            return Stance.CRITICIZES
        if lemma in self.lex.supportive_verbs:
            # "stand up against US bullying": a supportive verb aimed against its target.
            direct = any(c.dep_ in ("dobj", "dative") for c in cue.children)
            against = any(c.dep_ == "prep" and c.lower_ == "against" for c in cue.children)
            return Stance.CRITICIZES if against and not direct else Stance.SUPPORTS
        return None

    def _likened_to_harm(self, verb: Token) -> bool:
        """What the verb likens its object to holds a harmful act or a negative word."""
        to = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "with")]
        # "to a time 'when Hitler decided to …'", the "when" clause hung on the verb
        after = [c for c in verb.children if c.dep_ == "advcl" and to and c.i > to[0].i]
        compared = [t for p in (*to, *after) for t in p.subtree]
        return any(
            t.lower_ in self.lex.negative_words or (t.pos_ == "VERB" and self.lex.harmful_act(t))
            for t in compared
        )

    def _token_rules(
        self, token: Token, lower: str, lemma: str, targets
    ) -> list[tuple[Stance, str, Token, str]]:
        out: list[tuple[Stance, str, Token, str]] = []
        pos = token.pos_  # read once: asked by most rules
        negation: list[bool] = []

        def negated() -> bool:
            # It walks the token's children and heads: only where a rule's words matched.
            if not negation:
                negation.append(_negated(token, self.lex))
            return negation[0]

        if (
            pos == "VERB"
            and (stance := self._cue_stance(token)) is not None
            and not negated()
            and self._speaker_acts(token)
        ):
            # "China firmly opposes X", "we welcome X": the speaker's own critical or
            # supportive verb inside what they said; not said of whom it is urged on ("urged
            # Japan to uphold China-Japan relations" praises no Japan).
            urged_on = {t.i for t in self._urged_on(token) for t in t.subtree}
            urged_ids = {self._mentions[i].kb_id_ for i in urged_on if i in self._mentions}
            for target in targets(_agents(_objects(token, self.lex))):
                if target not in urged_ids:
                    out.append((stance, target, token, "speaker_verb"))
        stopping = (lemma in self.lex.cessation_verbs or _leaves_a_place(token)) and not negated()
        # "asks China not to repeat similar violations": told not to go on is told to stop.
        stopping = stopping or (lemma in GOING_ON_VERBS and negated())
        if stopping and pos == "VERB":
            # "The US needs to stop encouraging war", "we call on Beijing to desist from":
            # whoever is told to stop is criticized.
            for target in targets(_agents(self._told_to_stop(token))):
                out.append((Stance.CRITICIZES, target, token, "told_to_stop"))
        severed = lemma in TIE_NOUNS and token.dep_ == "dobj" and pos == "NOUN"
        severed = severed and token.head.lemma_.lower() in SEVERING_VERBS
        if severed and _done(token.head) and not negated() and self._speaker_acts(token.head):
            # "Algeria has severed diplomatic relations with Morocco", "cut ties with X"
            partners = [*_under_preps(token, {"with"}), *_under_preps(token.head, {"with"})]
            for target in targets(partners):
                out.append((Stance.CRITICIZES, target, token, "acts_against"))
        if (lemma in CURBING_VERBS or lemma in AGAINST_ACTS) and not negated():
            for target in targets(self._acted_against(token, lemma, pos)):
                out.append((Stance.CRITICIZES, target, token, "acts_against"))
        if lemma in self.lex.compliance_verbs and pos == "VERB" and not negated():
            # "asks Russia to respect Kazakhstan's sovereignty", "Kyiv must abide by the
            # ceasefire": whoever is told to respect something is failing to.
            for target in targets(_agents(self._told_to_stop(token))):
                out.append((Stance.CRITICIZES, target, token, "told_to_comply"))
        shown = token.dep_ == "dobj" and token.head.lemma_.lower() in SHOWING_VERBS
        if lemma == "respect" and pos == "NOUN" and shown and not negated():
            # "Ethiopia should demonstrate full respect for Somalia's sovereignty"
            for target in targets(_agents(self._told_to_stop(token.head))):
                out.append((Stance.CRITICIZES, target, token, "told_to_comply"))
        owed = lemma in OWED_NOUNS and pos == "NOUN" and token.dep_ == "dobj"
        if owed and token.head.lemma_.lower() in DEMANDING_VERBS and not negated():
            # "demanded a public apology from Milei": whoever owes it is at fault.
            owers = [
                g
                for c in (*token.children, *token.head.children)
                if c.dep_ == "prep" and c.lower_ == "from"
                for g in c.children
            ]
            for target in targets(owers):
                out.append((Stance.CRITICIZES, target, token, "told_to_comply"))
        # "must return to negotiations", not "must return a helicopter" (giving back)
        returning = lemma != "return" or any(c.lower_ == "to" for c in token.children)
        if lemma in self.lex.start_verbs and pos == "VERB" and returning and not negated():
            # "the European Union needs to start talking about peace": it has not.
            for target in targets(_agents(self._told_to_stop(token, directed=False))):
                out.append((Stance.CRITICIZES, target, token, "told_to_start"))
        manner = token.dep_ == "advmod" and token.head.pos_ in ("VERB", "AUX")
        manner = manner and pos == "ADV" and self.lex.adverb_judgement(lower)
        if manner and not _negated(token.head, self.lex):
            # "Malley hypocritically says …", "the DPP has been stubbornly counting on …"
            for target in targets(_agents(_subjects(token.head))):
                out.append((Stance.CRITICIZES, target, token, "manner"))
        refused = (lemma in self.lex.prevent_verbs and not negated()) or (
            lemma in self.lex.permit_verbs and negated()
        )
        if refused and pos == "VERB" and self._speaker_acts(token):
            # "I will not allow the Minsk agreements to be repeated", "prevent a repeat of
            # X": what the speaker keeps from happening is criticized. Where what would
            # happen is harm to it ("will not allow X to become a casualty"), X is protected.
            clauses = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]
            # The parser may hang "to become …" under the object's relative clause.
            clauses += [
                t
                for t in token.subtree
                if t.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in t.children)
            ]
            harm = any(self._harmful(t) for c in clauses for t in c.subtree)
            objects = [c for c in token.children if c.dep_ == "dobj"] + [
                g for c in clauses for g in c.children if g.dep_ in ("nsubj", "nsubjpass")
            ]
            stance = Stance.SUPPORTS if harm else Stance.CRITICIZES
            for target in targets(_agents(objects)):
                out.append((stance, target, token, "prevented"))
        if lemma in self.lex.recourse_verbs and pos == "VERB" and not negated():
            # "the Russian side moved on to full-scale aggression", "resorted to threats"
            acts = [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in ("to", "into", "toward", "towards")
                for g in c.children
                if g.dep_ == "pobj" and self._polarity(g, None) == Stance.CRITICIZES
            ]
            if acts:
                for target in targets(_agents(_subjects(token))):
                    out.append((Stance.CRITICIZES, target, token, "recourse"))
        blamed = lemma == "blame" and token.dep_ == "xcomp" and token.head.lemma_ == "be"
        if blamed and not negated():
            # "Russia was to blame for the crisis": the subject is blamed.
            for target in targets(_agents(_subjects(token.head))):
                out.append((Stance.CRITICIZES, target, token, "evaluation"))
        lies = token.dep_ == "nsubj" and token.head.lemma_ in ("lie", "rest")
        blames = lies and self._for_harm(token) is not False
        if lemma in BLAME_NOUNS and blames and not _negated(token.head, self.lex):
            # "the responsibility lies entirely with the United States"
            for target in targets(_under_preps(token.head, {"with", "on", "upon"})):
                out.append((Stance.CRITICIZES, target, token, "evaluation"))
        if pos == "VERB" and lemma in RECOGNISING_VERBS | AIDING_VERBS:
            out.extend(self._helped(token, lemma, negated, targets))
        if lemma in DRIVING_VERBS and pos == "VERB" and not negated() and _toward_harm(token):
            # "the United States was pushing the region towards war": whoever drives it there.
            for target in targets(_agents(_subjects(token))):
                out.append((Stance.CRITICIZES, target, token, "negative_act"))
        waged = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() == "war"]
        if lemma in WAGING_VERBS and pos == "VERB" and waged and not negated():
            # "Azerbaijan was preparing a new war against Armenia"
            for target in targets(_agents(_subjects(token))):
                out.append((Stance.CRITICIZES, target, token, "negative_act"))
        if lemma == "do" and negated() and any(c.lower_ == "enough" for c in token.children):
            # "Sweden had not done enough", "the West is not doing enough": found wanting.
            for target in targets(_agents(_subjects(token))):
                out.append((Stance.CRITICIZES, target, token, "evaluation"))
        if lemma in EXCUSING_VERBS and pos == "VERB" and negated():
            # "nothing justifies the attacks by Hamas", "cannot justify X": X is condemned.
            for target in targets(_agents(_objects(token, self.lex))):
                out.append((Stance.CRITICIZES, target, token, "evaluation"))
        leaving = pos == "VERB" and self._leaves(token, lemma, negated)
        if leaving and self._speaker_acts(token):
            # "we will withdraw from the Paris Agreement", "it would not ratify the Istanbul
            # Convention", "freeze its participation in the CSTO": the speaker's side turns
            # its back on the instrument itself.
            for target in targets(_left(token)):
                if self._is_instrument(target):
                    out.append((Stance.CRITICIZES, target, token, "leaves"))
        elif lemma in BINDING_VERBS and pos == "VERB" and not negated() and not _has_modal(token):
            if self._speaker_acts(token) and not _conditional(token):
                # "the Senate ratified the Escazú Agreement", "Finland voted to join NATO":
                # the speaker's side binds itself to the instrument.
                for target in targets(_left(token)):
                    if self._is_instrument(target):
                        out.append((Stance.SUPPORTS, target, token, "joins"))
        elif pos == "VERB" and self.lex.harmful_act(token) and not negated():
            doers = _subjects(token)
            if lemma in VIOLENT_VERBS:
                # "killed by Azerbaijani troops", not "killed by the crash of flight MH17"
                doers = [d for d in doers if d.i in self._mentions or d.lemma_ in ARMED_NOUNS]
            for target in targets(_agents(doers)):
                out.append((Stance.CRITICIZES, target, token, "negative_act"))
        if lower in CONCERN_WORDS or lemma in CONCERN_WORDS:
            complements = [
                c
                for c in token.children
                if c.dep_ in ("ccomp", "prep", "xcomp", "pobj", "agent")  # "concerned by X"
                or (c.dep_ == "dobj" and pos == "VERB")  # "I regret the announcement"
            ]
            complements = [
                c
                for c in complements
                if not (c.lower_ == "to" and lemma in CONVEYED)  # to whom it was expressed
            ]
            stance = Stance.SUPPORTS if negated() else Stance.CRITICIZES
            if not negated():
                for target in targets(t for c in complements for t in _outside_places(c)):
                    out.append((stance, target, token, "concern"))
            raiser = token.head
            raised = token.dep_ == "dobj" and raiser.lemma_.lower() in self.lex.provoking_verbs
            if raised and not _negated(raiser, self.lex):
                # "Iran's continuing enrichment activities, it's raising concerns": what
                # raises concern is criticized (with a subject left of a resumptive "it").
                causes = [_dislocated(s) or s for s in _subjects(raiser)]
                for cause in causes:
                    # Regret at "the collapse of New START" is regret at its loss.
                    lost = cause.lemma_.lower() in self.lex.loss_nouns
                    stance = Stance.SUPPORTS if lost else Stance.CRITICIZES
                    for target in targets(_agents([cause])):
                        out.append((stance, target, token, "concern"))
            return out
        phrase_start = _phrase_at(token, self.lex)
        polarity = self._polarity(token, phrase_start)
        if polarity is not None and lower in self.lex.topic_nouns and not negated():
            # "problems, including X": X is at fault; "the problem of X" only names a topic.
            for target in targets(_under_preps(token, CAUSE_PREPS)):
                out.append((polarity, target, token, "evaluation"))
        elif (
            polarity is not None
            and token.dep_ == "amod"
            and token.head.lemma_ in self.lex.topic_nouns
        ):
            pass  # "Taiwan is the most dangerous issue": a topic judged, not who it is about
        elif polarity is not None:
            if negated() and phrase_start is None:
                polarity = Stance.CRITICIZES if polarity == Stance.SUPPORTS else None
            if polarity == Stance.CRITICIZES and not self._own_measure(token):
                # A phrase is judged at its head: "has [no right] to interfere" at "right".
                judged = _phrase_head(token, phrase_start) if phrase_start else token
                for target in targets(_evaluated(judged)):
                    out.append((polarity, target, token, "evaluation"))
            elif polarity == Stance.SUPPORTS and self._felt(token):
                # "Chile remains committed to dialogue", "we are grateful to Japan": the
                # subject's own feeling; whom it is felt toward is supported by the speaker
                # only when the speaker's side feels it.
                if self._speaker_acts(token.head if token.dep_ != "ROOT" else token):
                    for target in targets(_under_preps(token, FELT_TOWARD)):
                        out.append((polarity, target, token, "evaluation"))
            elif (
                polarity == Stance.SUPPORTS
                and not _exhorted(token)
                and not _received(token)
                and not self._stopped(token)
            ):
                # Praise is said of something ("X is a reliable partner") or of an
                # instrument; a friendly word near a country name is not support for it.
                said_of = _evaluated(token, own_phrase=False)
                for target in targets(t for t in said_of if _heads_phrase(t)):
                    out.append((polarity, target, token, "evaluation"))
                for target in targets(_agents([token])):
                    if self._is_instrument(target):
                        out.append((polarity, target, token, "evaluation"))
        keeping = lemma in self.lex.preserving_verbs
        urged = self._urged
        # "we want the initiative restored", "hoped the treaty would be extended"; the parser
        # makes the treaty of "want X restored" the subject (only a treaty is a target here).
        wished = token.dep_ in ("ccomp", "xcomp", "oprd") and token.head.lemma_ in WISH_VERBS
        undergoes = ("nsubjpass", "dobj", "nsubj") if wished else ("nsubjpass", "dobj")
        committed = _has_modal(token) or urged or wished
        bound = keeping or (lemma in COMMIT_VERBS and committed)
        if bound and not negated() and not _conditional(token):
            for child in token.children:
                if child.dep_ in undergoes:
                    for target in targets(child.subtree):
                        if self._is_instrument(target) and target.startswith("treaty:"):
                            out.append((Stance.SUPPORTS, target, token, "commitment"))
        attitude = lemma in self.lex.speech_nouns or lemma in self.lex.attitude_nouns
        # "cease support to the M23", "end its support for X": support to be stopped
        owned = attitude and (self._held_by_another(token) or self._stopped(token))
        if pos == "NOUN" and polarity is not None and not negated() and attitude and not owned:
            # "pay tribute to our friends in Bahrain", "support for X", "gratitude to X".
            for phrase in _attitude_phrases(token):
                for target in targets(phrase):
                    out.append((polarity, target, token, "said_attitude"))
        return out

    def _told_to_stop(self, verb: Token, *, directed: bool = True) -> list[Token]:
        """Who must stop: the subject under a modal ("X must stop"), or the object of a
        directive cue or verb ("urged X to end …"), or the subject of its clause ("requested
        that Canada rescind its move"). With directed=False, only the modal counts: friends
        are urged to start things too."""
        while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i:
            verb = verb.head  # "asks China to respect X and not repeat …": as the first verb
        head = verb.head if verb.dep_ in ("xcomp", "conj", "ccomp") else verb
        directive = directed and head.lemma_.lower() in self.lex.directive_verbs
        if verb.dep_ == "xcomp" and directive:
            return [c for c in head.children if c.dep_ in ("dobj", "pobj")] or [
                g for c in head.children if c.dep_ == "prep" for g in c.children
            ]
        if verb.dep_ == "ccomp" and directive:
            return _subjects(verb)
        # "said Japan should apologize": a modal in what was said.
        modal = _has_modal(verb) or (verb.dep_ == "xcomp" and head.lemma_ in ("need", "have"))
        return _subjects(head if verb.dep_ == "xcomp" else verb) if modal else []

    def _speaker_acts(self, verb: Token) -> bool:
        """The verb's subject is the speaker: "I", "we", or the speaker's own country; not
        in a condition ("… would be dragged into fire if Japan supports X")."""
        if _supposed(verb):
            return False
        if verb.dep_ == "conj" and infinitive_verb(verb) and not infinitive_verb(verb.head):
            return False  # "we most need it - and all to tear up an agreement": misjoined
        cue = self._cue
        if cue is not None and verb.dep_ == "xcomp" and verb.head == cue:
            # "urged the EU to support X": what the speaker urges is the speaker's stance.
            return cue.lemma_.lower() in self.lex.directive_verbs
        text = verb.head
        if cue is not None and verb.dep_ == "acl" and text.dep_ == "dobj" and text.head == cue:
            # "issued a statement condemning X": the statement's words are the speaker's.
            return text.lemma_.lower() in self.lex.speech_nouns
        subjects = _subjects(verb)
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            # "the Greek government's commitment to stand by Cyprus": its owner acts.
            subjects += [c for c in verb.head.children if c.dep_ == "poss"]
        for subject in subjects:
            if subject.lower_ in ("i", "we"):
                return True
            if subject.lower_ in ("he", "she") and self._reported_person:
                return True  # "Zelensky said he will not allow …"
            if subject.lower_ in ("it", "they") and self._reported_body:
                return True  # "Russia and China said they opposed …": the bodies themselves
            if self._own_country(subject):
                return True
            span = self._mentions.get(subject.i)
            if span is not None and span.kb_id_ in self._speaker_side:
                return True
            entity = self._entities.get(span.kb_id_) if span is not None else None
            body = entity is not None and entity.type == Label.ORGANIZATION
            if body and entity is not None and entity.country in self._speaker_side:
                return True  # "the Mexican Senate" in its foreign minister's words
        return False

    def _acted_against(self, token: Token, lemma: str, pos: str) -> list[Token]:
        """Whom the speaker's side acts against, or urges another to: whom it curbs, deters or
        counters ("urged Xi to rein in North Korea", "we must counter China's coercion"), and
        what a hostile act is "against" ("called on the UN to act against Khalifa Haftar", "we
        will take measures against X")."""
        if lemma in CURBING_VERBS and pos == "VERB":
            if not (self._speaker_acts(token) or self._urged_on(token)):
                return []
            # "rein in X": X parsed under "in"
            curbed = [c for c in token.children if c.dep_ == "dobj"] + [
                g for c in token.children if c.dep_ == "prt" for g in c.children
            ]
            return list(_agents(curbed))
        if lemma not in AGAINST_ACTS:
            return []
        verb = token if pos == "VERB" else token.head
        if not (self._speaker_acts(verb) or self._urged_on(verb)):
            return []
        # The parser hangs the "against" on the noun or on its verb ("take measures").
        aimed = [*_under_preps(token, {"against"})]
        if verb is not token and token.dep_ == "dobj":
            aimed += _under_preps(verb, {"against"})
        return aimed

    def _helped(
        self, verb: Token, lemma: str, negated: Callable[[], bool], targets
    ) -> list[tuple[Stance, str, Token, str]]:
        """A state the speaker's side recognises (named as the object itself, not "the
        Georgian breakaway region"): "Spain recognised the State of Palestine"; not
        recognising it criticizes. Whom the speaker's side gives help: "the Netherlands
        pledged 500 million euros in military aid to Ukraine"."""
        if not self._speaker_acts(verb):
            return []
        out: list[tuple[Stance, str, Token, str]] = []
        if lemma in RECOGNISING_VERBS:
            recognised = [c for c in verb.children if c.dep_ == "dobj" and c.i in self._mentions]
            stance = Stance.CRITICIZES if negated() else Stance.SUPPORTS
            # "continues to recognize Castillo as Peru's lawful leader": a person recognised
            # as what rules.
            as_ruler = any(
                c.dep_ == "prep"
                and c.lower_ == "as"
                and any(g.lemma_ in RULER_NOUNS for g in c.children)
                for c in verb.children
            )
            for target in targets(recognised):
                entity = self._entities.get(target)
                person = entity is not None and entity.type == Label.PERSON and as_ruler
                if entity is not None and (entity.type == Label.COUNTRY or person):
                    out.append((stance, target, verb, "speaker_verb"))
        if lemma in AIDING_VERBS and not negated():
            for target in targets(_recipients(verb)):
                out.append((Stance.SUPPORTS, target, verb, "speaker_verb"))
        return out

    def _urged_on(self, verb: Token) -> list[Token]:
        """Whom a directive urges to do what the verb says: "urged Japan to uphold …"."""
        if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in self.lex.directive_verbs:
            return []
        return [c for c in verb.head.children if c.dep_ in ("dobj", "dative")]

    def _own_country(self, noun: Token) -> bool:
        """ "our country", and "his country" in a person's reported words: the speaker's;
        "the Trump administration" in a US official's."""
        if noun.lemma_.lower() in STATE_BODY_NOUNS:
            # "the Trump administration", "the Greek government" in a Greek minister's words,
            # "Finland's parliament" in its prime minister's
            for leader in (c for c in noun.children if c.dep_ in ("compound", "poss", "amod")):
                span = self._mentions.get(leader.i)
                entity = self._entities.get(span.kb_id_) if span is not None else None
                side = entity is not None and {entity.id, entity.country} & self._speaker_side
                if side:
                    return True
        if noun.lemma_.lower() not in OWN_STATE_NOUNS:
            return False
        owners = {c.lower_ for c in noun.children if c.dep_ == "poss"}
        return bool(owners & {"our", "my"}) or (
            bool(owners & {"his", "her"}) and self._reported_person
        )

    def _leaves(self, verb: Token, lemma: str, negated: Callable[[], bool]) -> bool:
        """A verb of leaving or dropping an instrument ("withdraw from", "quit", "suspend
        participation in", "hold in abeyance"), or of binding to one, negated ("would not
        ratify")."""
        if negated():
            return lemma in BINDING_VERBS
        # "hold the treaty in abeyance"; "holds the treaty in high regard" leaves nothing
        abeyance = lemma == "hold" and any(t.lower_ == "abeyance" for t in verb.subtree)
        # "will pull out of the Open Skies Treaty", "tear up the deal": with its particle
        particles = {
            f"{lemma} {c.lower_}"
            for c in verb.children
            if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("out", "up"))
        }
        exits = lemma in EXIT_VERBS or self.lex.verb_lemma(verb) in EXIT_VERBS
        return abeyance or exits or bool(particles & EXIT_VERBS)

    def _felt(self, word: Token) -> bool:
        """A word of feeling said of its subject ("remains committed", "we are grateful"),
        not one that qualifies a noun ("a committed partner")."""
        predicative = word.dep_ in ("acomp", "oprd", "xcomp") or word.dep_ == "ROOT"
        return predicative and word.lower_ in self.lex.feeling_words

    def _own_measure(self, word: Token) -> bool:
        """A harsh word for what the speaker's side does itself: "Lithuania was only
        implementing EU sanctions" does not condemn the EU."""
        noun = word.head if word.dep_ in ("amod", "compound") else word
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ != "VERB" or self._cue_stance(verb) is not None:
            return False
        if verb.lemma_.lower() in REGARD_VERBS:
            return False  # "branded Lai a separatist": what another is called, not done
        return self._speaker_acts(verb)

    def _held_by_another(self, noun: Token) -> bool:
        """An attitude someone else holds: "the Taliban, for its support of X" (a pronoun
        owner outside a verb's object), "Iran's support for X"; not "our support", nor
        "expressed his support for X", where the speaker holds it."""
        for owner in (c for c in noun.children if c.dep_ == "poss"):
            if owner.lower_ in ("our", "my"):
                return False
            span = self._mentions.get(owner.i)
            if span is not None:
                return span.kb_id_ not in self._speaker_side
            return owner.pos_ == "PRON" and noun.dep_ != "dobj"
        # "the M23 has received support from Rwanda": Rwanda's, for whoever receives it.
        given_by = any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children)
        return _received(noun) or given_by

    def _stopped(self, word: Token) -> bool:
        """What someone is to stop: "cease support to the M23"."""
        return word.dep_ == "dobj" and word.head.lemma_.lower() in self.lex.cessation_verbs

    def _harmful(self, token: Token) -> bool:
        """A word of harm: "casualty", "collapse" (as a noun) or a harmful act."""
        if token.pos_ == "VERB":
            return self.lex.harmful_act(token)
        return self._polarity(token, None) == Stance.CRITICIZES

    def _for_harm(self, word: Token) -> bool | None:
        """Whether what a word of responsibility is "for" is a harm ("responsible for the
        attack", not "for security"); None without a "for"."""
        accounted = [g for c in word.children if c.lower_ == "for" for g in c.subtree]
        if not accounted:
            return None
        # A harmful act named as a noun counts too: "the attack", "the breach".
        acts = self.lex.negative_predicates
        return any(
            self._harmful(t) or t.lemma_.lower() in acts or t.lemma_.lower() in HARM_NOUNS
            for t in accounted
        )

    def _is_instrument(self, entity_id: str) -> bool:
        return entity_id.startswith(("treaty:", "alliance:", "org:"))

    def _polarity(self, token: Token, phrase: str | None) -> Stance | None:
        if phrase is not None:
            return Stance.CRITICIZES if phrase in self.lex.negative_phrases else Stance.SUPPORTS
        if token.pos_ not in ("NOUN", "ADJ", "PROPN") and token.tag_ != "VBN":
            return None
        if token.tag_ == "VBN" and any(c.dep_ == "dobj" for c in token.children):
            return None  # a verb, not a judgement: "the council had failed Syria"
        word = token.lemma_.lower()
        if word in ACCOUNTABLE:
            if token.head.lemma_ == "hold" and token.dep_ in ("acomp", "oprd", "xcomp"):
                return Stance.CRITICIZES  # "Russia must be held accountable"
            if token.head.lemma_ == "bear" and token.dep_ == "dobj" and not _for_any(token):
                return Stance.CRITICIZES  # "EU officials also bear responsibility"
            harmful = self._for_harm(token)
            if harmful is not None:
                return Stance.CRITICIZES if harmful else None
        if word in self.lex.negative_words or token.lower_ in self.lex.negative_words:
            return Stance.CRITICIZES
        if word in self.lex.positive_words or token.lower_ in self.lex.positive_words:
            # "a partner in the massacre": a share in a harm is complicity.
            harms = self.harms
            shares = [g for c in token.children if c.lower_ == "in" for g in c.children]
            if any(self._harmful(g) or g.lemma_.lower() in harms for g in shares):
                return Stance.CRITICIZES
            return Stance.SUPPORTS
        return None


def _phrase_head(first: Token, phrase: str) -> Token:
    """The word of a multi-word phrase starting at `first` that the rest hangs from."""
    words = first.doc[first.i : first.i + len(phrase.split())]
    return next((t for t in words if not first.i <= t.head.i < words.end), first)


# Any quotation mark a phrase may be quoted with: single marks, guillemets and the parser's
# own ``/'' besides the double marks of the entity linker.
PHRASE_QUOTE_MARKS = QUOTE_MARKS | {"‘", "’", "«", "»", "``", "''"}


def _phrase_at(token: Token, lex: Lexicon) -> str | None:
    """A multi-word evaluative phrase ("not up to the task") starting at this token."""
    candidates = lex.phrases_starting(token.text)
    # A phrase can start here only if it starts with the token ("co…" is mostly "could").
    if not any(phrase.startswith(token.lower_) for phrase in candidates):
        return None
    # Quotation marks inside do not break a phrase: 'will pay a "heavy price"'.
    doc = token.doc
    words = [t for t in doc[token.i : token.i + 9] if t.text not in PHRASE_QUOTE_MARKS][:6]
    spaced = [
        t.text
        + (
            " "
            if t.whitespace_ or (t.i + 1 < len(doc) and doc[t.i + 1].text in PHRASE_QUOTE_MARKS)
            else ""
        )
        for t in words
    ]
    text = re.sub(r"\s+", " ", "".join(spaced)).lower()
    for phrase in candidates:
        # The phrase ends at a word boundary: "a step backward." but not "backwardness".
        if text.startswith(phrase) and not text[len(phrase) : len(phrase) + 1].isalnum():
            return phrase
    return None


def _negated(token: Token, lex: Lexicon) -> bool:
    """Negated itself, through the verb it is said with ("is not a partner"), or through
    the verb its clause is the complement of ("will not help the Philippines build trust");
    a verb of saying does not pass its negation on. A verb of refusing negates what it
    governs ("refused to back the aid package")."""
    heads = [token]
    node = token
    if node.dep_ == "amod" and node.head.i != node.i:
        node = node.head  # "was not a reliable partner": the adjective's noun is negated
        heads.append(node)
    if node.dep_ in ("attr", "acomp", "dobj", "oprd", "xcomp") and node.head.i != node.i:
        heads.append(node.head)
    if node.dep_ == "pobj" and node.head.lower_ == "as":
        heads.append(node.head.head)  # "does not view Russia as a threat"
    clause = heads[-1]
    # "has never stopped carrying out hostile actions": not stopping is going on, so the
    # negation of a verb of stopping does not reach what it governs.
    stopping = clause.dep_ == "xcomp" and clause.head.lemma_.lower() in lex.cessation_verbs
    said = clause.head.lemma_.lower() in lex.cue_verbs
    if clause.dep_ in ("ccomp", "xcomp") and not said and not stopping:
        heads.append(clause.head)
    if any(h.dep_ == "xcomp" and h.head.lemma_.lower() in REFUSAL_VERBS for h in heads):
        return True
    for head in heads:
        for child in head.children:
            if child.dep_ == "neg" or (child.lower_ in lex.negations and child.i < token.i):
                return True
            if child.lower_ in ("longer", "more") and any(g.dep_ == "neg" for g in child.children):
                return True  # "is no longer welcome"
    return False


def _has_modal(verb: Token) -> bool:
    perfect = verb.tag_ == "VBN"  # "have begun reforming": done, not "have to begin"
    return any(
        c.dep_ == "aux" and c.lower_ in MODALS and not (perfect and c.lemma_ == "have")
        for c in verb.children
    ) or any(c.lower_ in MODALS for c in verb.head.children if verb.dep_ == "xcomp")


def _subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    subjects += [
        g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
    ]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subjects(verb.head)
    if not subjects and verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
        governing = verb.head.head
        done_by = [c for c in governing.children if c.dep_ == "dobj"]
        if verb.head.lower_ in ("for", "of") and done_by:
            return done_by  # "condemned the US for imposing sanctions": the US imposes
        return _subjects(governing)  # "X played a role by exploiting …": X exploits
    if not subjects and verb.lemma_ == "be":
        # A copula the parser left without a subject ("the Quad group 'cobbled together' by
        # the US … is a tool"): the nearest subject to its left in the sentence.
        for token in reversed(verb.doc[verb.sent.start : verb.i]):
            if token.dep_ in ("nsubj", "nsubjpass"):
                return [token]
        # "According to X, Russia's withdrawal … was a crime", parsed as an apposition to X:
        # the phrase that ends just before the copula is its subject.
        for token in verb.doc[verb.sent.start : verb.i]:
            if token.dep_ == "appos" and token.right_edge.i == verb.i - 1:
                return [token]
    return subjects


def _agents(heads: list[Token]):
    """Tokens under the heads, leaving out phrases that name who something is done to."""
    for head in heads:
        if head.dep_ == "prep" and head.lower_ in RECIPIENT_PREPS:
            continue
        yield from _without_recipients(head)


def _outside_places(token: Token):
    """The token's subtree without the places named in it: concern about "the situation in
    the Taiwan Strait" is not concern about Taiwan."""
    yield token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS and child.head.pos_ == "NOUN":
            continue
        yield from _outside_places(child)


def _without_recipients(token: Token):
    yield token
    victim_of = token.pos_ == "NOUN" and token.lemma_.lower() in VICTIM_NOUNS
    giving = token.pos_ == "VERB" and token.lemma_.lower() in GIVING_VERBS
    talk_about = token.lemma_.lower() in TALK_NOUNS
    ruling = token.pos_ == "NOUN" and token.lemma_.lower() in RULING_NOUNS
    for child in token.children:
        if ruling and child.dep_ == "prep" and child.lower_ == "in":
            yield from _without_recipients(child)  # "the junta in Niger" is Niger's rulers
            continue
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            continue
        if victim_of and child.dep_ == "prep" and child.lower_ == "of":
            continue
        if victim_of and child.dep_ in ("appos", "conj") and not _joined_by_word(token):
            continue  # "the expulsion of South Africa's Ambassador …, Mr. Ebrahim Rasool"
        if victim_of and child.dep_ == "poss" and child.ent_type_.lower() == "person":
            continue  # "Glas' detention" befell Glas; "Russia's invasion" is Russia's act
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
            continue  # "remarks made by X regarding Taiwan": a topic, not who acts
        if talk_about and child.dep_ == "prep" and child.lower_ == "about":
            continue  # "statements full of lies about Erdoğan": whom they are about
        if giving and child.dep_ in ("dobj", "dative"):
            continue  # "supplying the Armed Forces of Ukraine": who receives, not who acts
        if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
            continue  # "stronger than before the JCPOA": a time, not a target
        if child.dep_ in ("relcl", "advcl"):
            continue
        if child.dep_ == "acl" and any(a.lower_ == "to" for a in child.children):
            continue  # "any attempt to compare the Ukraine crisis with …": what is attempted
        yield from _without_recipients(child)


def _joined_by_word(token: Token) -> bool:
    """Its conjuncts are joined by a word ("the invasion and the occupation"), not only set
    off by a comma, as a name in apposition is that the parser took for a conjunct."""
    return any(c.dep_ == "cc" for c in token.children)


def _objects(verb: Token, lex: Lexicon) -> list[Token]:
    """What a critical or supportive verb is aimed at: its object ("accused X of Y" is aimed
    at X, not at Y), else what its preposition names ("lashed out at X", "sided with X",
    "took aim at X": the object of a verb-object cue is part of the cue), else its clause."""
    # "take aim at X", whose object is the cue's own word; not "called out X" (a particle)
    pair = lex.verb_lemma(verb).split()
    idiom = len(pair) > 1 and any(
        c.dep_ == "dobj" and c.lemma_.lower() == pair[1] for c in verb.children
    )
    critical = verb.lemma_.lower() in lex.critical_verbs
    direct = [c for c in verb.children if c.dep_ in ("dobj", "dative") and not idiom]
    # "took aim at India over the killing": the parser may hang the idiom's "at" on its noun.
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj" and idiom)]
    # "to stand by the Cypriot government", its "by" misparsed as a passive's agent
    active = verb.tag_ != "VBN"
    preps = [
        c
        for h in heads
        for c in h.children
        if (c.dep_ == "prep" or (c.dep_ == "agent" and active)) and c.lower_ in AIMED_PREPS
    ]
    if any(p.lower_ in ("at", "against") for p in preps):
        preps = [p for p in preps if p.lower_ in ("at", "against")]  # not what it was over
    if any(p.lower_ != "to" for p in preps):
        # "complained to the UN over the raids": "to" names whom it was said to.
        preps = [p for p in preps if p.lower_ != "to"]
    aimed = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    if direct:
        # "dismissed the Ukraine-related accusations": aimed at who made them, not at what
        # they are about.
        aimed = [
            o
            for d in direct
            for o in (_claimants(d) if d.lemma_ in CLAIMS else _doer(d, verb, critical))
        ]
        if any(d.lemma_.lower() in RULING_NOUNS for d in direct):
            # "criticized the junta in Niger", the "in" hung on the verb: whose junta.
            aimed += [g for p in verb.children if p.lower_ == "in" for g in p.children]
        return aimed + _second_accused(verb)

    # "warned that talks between X and Y could weaken NATO": aimed at who acts.
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return aimed or [s for c in clauses for s in _subjects(c)] or clauses


def _second_accused(verb: Token) -> list[Token]:
    """The second object of "accused X of Y and Z of W", which the parser makes a conjunct
    of Y: a name with an "of" right after it ("Washington of Trump-era behaviour")."""
    charges = [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    return [
        c
        for charge in charges
        for c in charge.children
        if c.dep_ == "conj"
        and c.pos_ == "PROPN"
        and c.i + 1 < len(c.doc)
        and c.doc[c.i + 1].lower_ == "of"  # the parser may hang that "of" on Y
    ]


def _doer(act: Token, verb: Token, critical: bool) -> list[Token]:
    """Who did what a noun names, where a "by" phrase names them: "the Essequibo ruling by the
    International Court of Justice" is the court's, not Essequibo's; else the noun itself.
    The parser may hang the "by" on the verb, which, active, has no agent of its own: taken
    there only for a `critical` verb ("we applaud the adoption by the General Assembly … of
    the treaty" praises the treaty)."""
    if any(c.dep_ == "poss" for c in act.children):
        return [act]  # "Russia's attack by drones": the owner did it
    heads = (*act.children, *verb.children) if critical else act.children
    by = [c for c in heads if c.dep_ == "prep" and c.lower_ == "by"]
    named = [g for c in by for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    if not named:
        return [act]
    # "the adoption by the General Assembly of the treaty": and what it acted on.
    acted_on = [g for c in act.children if c.lower_ == "of" for g in c.children]
    return named + acted_on


def _claimants(claim: Token) -> list[Token]:
    """Who made a claim: "Greece's characterization", "US accusations", "the Indian
    allegations", "claims by X", "the statement of the ministers"; an accusation "of"
    something names the charge, not who made it."""
    makers = {"by", "from"} if claim.lemma_ in CHARGES else {"by", "from", "of"}
    return (
        [
            c
            for c in claim.children
            if c.dep_ == "poss"
            or (c.dep_ == "compound" and c.pos_ == "PROPN")
            or (c.dep_ == "amod" and c.is_title)  # "the Indian allegations"
        ]
        + [g for c in claim.children if c.dep_ == "prep" and c.lower_ in makers for g in c.children]
        + [
            g  # "remarks made by Boris Johnson"; not "a statement that … can be made by X"
            for c in claim.children
            if c.dep_ == "acl" and _reduced(c)
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
        ]
    )


def _done(verb: Token) -> bool:
    """An act done or decided, not one threatened or to come: "has severed", "decided to
    cut"; not "threatened to break relations", "will sever"."""
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in verb.children):
        return False
    return verb.dep_ != "xcomp" or verb.head.lemma_.lower() in DECIDING_VERBS


def _under_preps(word: Token, preps: set[str]):
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            phrase = list(child.subtree)
            if not any(t.dep_ == "neg" for t in phrase):  # "commitment of not supporting X"
                yield from phrase


def _dislocated(pronoun: Token) -> Token | None:
    """The noun phrase a resumptive "it" stands for: "Iran's activities, it's raising …"."""
    doc = pronoun.doc
    if pronoun.lower_ not in ("it", "this") or pronoun.i < 2 or doc[pronoun.i - 1].text != ",":
        return None
    noun = doc[pronoun.i - 2]
    return noun if noun.pos_ in ("NOUN", "PROPN") and noun.sent == pronoun.sent else None


def _attitude_phrases(noun: Token) -> list[list[Token]]:
    """Whom an attitude is toward, one phrase per addressee: its own "for/to …" phrase, else
    those of the verb it is the object of ("pay tribute to our friends in Bahrain and
    Israel, as well as to President Trump")."""
    lemma = noun.lemma_.lower()
    if lemma in VICTIM_NOUNS:
        return []  # an act, not an attitude: "condemned the invasion of Ukraine"
    if noun.head.lower_ == "with":
        return []  # "with the support of Germany": whose support it is, not whom it is for
    preps = ATTITUDE_PREPS - {"to"} if lemma in CONVEYED else ATTITUDE_PREPS
    own = list(_under_preps(noun, preps))
    if own:
        return [own]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        # "a show of solidarity with Estonia": the phrase hangs on the show.
        shown = list(_under_preps(noun.head.head, preps - {"of"}))
        if shown:
            return [shown]
    phrases = []
    if noun.dep_ == "dobj":
        # "expressed anger over the drill": what the attitude is about, hung on the verb.
        phrases += [list(c.subtree) for c in noun.head.children if c.lower_ in ABOUT_PREPS]
    if noun.dep_ == "dobj" and lemma not in CONVEYED:
        verb = noun.head
        heads = [verb, *(c for c in verb.children if c.dep_ == "cc")]
        for head in heads:
            for child in head.children:
                if child.dep_ in ("dative", "prep") and child.lower_ in ("to", "toward", "towards"):
                    phrases.append(list(child.subtree))
    return [phrase for phrase in phrases if phrase]


def _evaluated(word: Token, *, own_phrase: bool = True):
    """What an evaluative word is said of: its clause's subject ("X is a threat", "X poses
    threats", "X made provocations", "X played an ignoble role"), the doer an extraposed
    "it" stands for ("it is strange for the United States to demand …"), or its own
    phrase."""
    while word.dep_ == "conj" and word.head.pos_ == word.pos_ and word.head is not word:
        word = word.head  # "was unfortunate and irresponsible": a conjunct shares its place
    if word.dep_ == "pobj" and word.head.lower_ == "of":
        source = word.head.head
        if source.lemma_.lower() in SOURCE_NOUNS and source.dep_ in ("attr", "appos"):
            word = source  # "X is the biggest source of instability": said of X
    if word.dep_ in ("amod", "compound") and word.head.pos_ == "NOUN":
        word = word.head  # an adjective judges its noun, said of whatever the noun is
    prep, verb = word.head, word.head.head
    amounts = prep.lower_ == "to" and verb.lemma_ in AMOUNT_VERBS  # "amounted to genocide"
    behind = prep.lower_ == "behind" and verb.lemma_ == "be"  # "was behind the coup attempt"
    if word.dep_ == "pobj" and (amounts or behind):
        yield from _agents(_subjects(verb))
    as_of = None
    if word.dep_ in ("pobj", "amod", "acomp", "pcomp") and word.head.lower_ == "as":
        # "regards X as a threat", "described X as illegal", "as crossing a red line"
        as_of = word.head.head
    elif word.dep_ == "oprd":
        as_of = word.head  # "called X a mistake", "called X 'extremely regrettable'"
    elif word.dep_ == "appos" and word.head.dep_ == "dobj" and _called(word):
        as_of = word.head.head  # "labelled Taiwan's president a separatist"
    elif word.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i < word.i for c in word.head.children):
        as_of = word.head  # "branded Lai a separatist", parsed as two objects
    if as_of is not None and as_of.pos_ == "NOUN" and as_of.head.pos_ in ("VERB", "ADP"):
        # "referred to Russia's decision as blackmail": "as" hangs on what is named.
        verb = as_of.head.head if as_of.head.pos_ == "ADP" else as_of.head
        if verb.lemma_.lower() in REGARD_VERBS:
            yield from _agents([as_of])
            as_of = None
        elif as_of.lemma_.lower() in {"reputation", "role", "image"} and as_of.dep_ == "dobj":
            # "Canada has a growing reputation as a safe haven for terrorists"
            yield from _agents(_subjects(verb))
            as_of = None
    if as_of is not None and as_of.lemma_.lower() in REGARD_VERBS:
        # "regards the deployment of US missiles as a threat": said of what is regarded.
        named = (
            [c for c in as_of.children if c.dep_ == "dobj"]
            or [
                g
                for c in as_of.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children
            ]
            # "called Washington's recognition … illegal", both parsed as complements
            or [c for c in as_of.children if c.dep_ == "oprd" and c.i < word.i]
        )  # "referred to Russia's decision as blackmail"
        critical = as_of.lemma_.lower() in CONDEMNING_VERBS
        yield from _agents([o for n in named for o in _doer(n, as_of, critical)])
    predicate = word.dep_ in ("attr", "acomp", "oprd", "dobj")
    if predicate or (word.pos_ == "ADJ" and word.dep_ == "ROOT"):
        # "Russia must be held accountable", "X is seen as a threat": a passive's subject.
        subjects = _subjects(word.head) or [c for c in word.head.children if c.dep_ == "nsubjpass"]
        if _pressed_for(word.head):
            subjects = []  # "pressure for Japan to join the sanctions": not done, pressed for
        if any(s.lower_ == "it" for s in subjects):
            subjects += [
                g
                for c in word.head.children
                if c.dep_ in ("advcl", "xcomp", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                for g in c.children
                if g.dep_ == "nsubj"
            ]
        yield from _agents(subjects)
    if own_phrase:
        yield from _agents([word])


def _leaves_a_place(verb: Token) -> bool:
    """ "leave the reef", "vacate the territory", "leave Russia": told to, one is told to stop
    being there; not "leave room for diplomacy"."""
    if verb.lemma_.lower() not in ("leave", "vacate"):
        return False
    left = [c for c in verb.children if c.dep_ == "dobj"]
    return any(c.ent_type_ or c.lemma_.lower() in OCCUPIED_PLACES for c in left)


def _recipients(verb: Token) -> list[Token]:
    """Whom a verb of giving gives help: its indirect object, or "to/for X" on the verb or
    inside what is given ("500 million euros in military aid to Ukraine"); none where what is
    given is no help ("deliver devastating blows to X")."""
    given = [c for c in verb.children if c.dep_ == "dobj"]
    if not any(t.lemma_.lower() in AID_NOUNS for g in given for t in g.subtree):
        return []
    words = [verb, *(t for g in given for t in g.subtree)]
    to = [c for w in words for c in w.children if c.dep_ == "prep" and c.lower_ in ("to", "for")]
    datives = [c for c in verb.children if c.dep_ == "dative"]
    return [t for c in (*datives, *to) for t in c.subtree]


def _toward_harm(verb: Token) -> bool:
    """The verb drives something "towards", "into" or "to" a harm ("towards war")."""
    return any(
        g.lemma_.lower() in HARM_DESTINATIONS
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in ("towards", "toward", "into", "to")
        for g in p.children
        if g.dep_ == "pobj"
    )


def _left(verb: Token) -> list[Token]:
    """What a verb of leaving leaves: its object, what it withdraws "from", or what its
    "participation in", "membership of" or "ratification of" names."""
    left = []
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in TIES_TO_AN_INSTRUMENT:
            left += [g for p in child.children if p.dep_ == "prep" for g in p.subtree]
        elif child.dep_ == "dobj" and not _an_instrument(child):
            continue  # "denounced the Essequibo ruling": a ruling, left by no one
        elif child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("from", "of")):
            left += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "out":  # "pull out of", parsed apart
            left += [t for of in child.children if of.lower_ == "of" for t in of.subtree]
    return left


def _an_instrument(noun: Token) -> bool:
    """A noun that can name a treaty or body: a name, or a word like "treaty" or "alliance"."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "PROPN" or lemma in TREATY_HEADS or lemma in ALLIANCE_NOUNS | BODY_NOUNS


def _received(word: Token) -> bool:
    """What someone receives from another ("the M23 has received support from Rwanda", "has
    been strongly supported by the United Nations")."""
    by_agent = word.tag_ == "VBN" and any(c.dep_ == "agent" for c in word.children)
    return by_agent or (word.dep_ == "dobj" and word.head.lemma_.lower() in RECEIVING_VERBS)


def _reduced(clause: Token) -> bool:
    """A participle with no subject, auxiliary or "that": "remarks made by X"."""
    bound = ("mark", "aux", "auxpass", "nsubj", "nsubjpass")
    return clause.tag_ == "VBN" and not any(c.dep_ in bound for c in clause.children)


def _called(word: Token) -> bool:
    """An apposition with no comma before it is what its noun is called: "labelled Taiwan's
    president a separatist" (the parser's apposition), 'called Lula's words "a serious
    antisemitic attack"', not "its president, Lai"."""
    return word.left_edge.i > 0 and not set_off(word)


def _supposed(verb: Token) -> bool:
    """A verb in an "if" or "unless" clause: supposed, not done."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children
    )


def _for_any(word: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in word.children)


def _pressed_for(verb: Token) -> bool:
    """A "for X to do" clause: what X is pressed or expected to do, not what X does."""
    children = list(verb.children)
    marked = any(c.dep_ == "mark" and c.lower_ == "for" for c in children)
    return marked and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)


def _exhorted(word: Token) -> bool:
    """Praise that is only hoped for or asked: "hopefully, Japan can show respect", "we hope
    for a more stable relationship with Russia", "X should respect …"."""
    clause = word
    while clause.pos_ != "VERB" and clause.dep_ != "ROOT":
        clause = clause.head
    for verb in (clause, clause.head):
        if any(c.lower_ in EXHORTING for c in verb.children if c.dep_ in ("aux", "advmod")):
            return True
        if verb.lemma_.lower() in WISH_VERBS | {"urge"}:
            return True
    return False


def _the_act(noun: Token) -> bool:
    """ "the decision", "this move", "such steps": an act named before, by its actor."""
    owned = any(c.dep_ == "poss" for c in noun.children)
    return noun.lemma_.lower() in ACT_NOUNS and _pointing(noun) and not owned


def _subject_named(word: Token) -> Token | None:
    """The subject a name is, or names as its modifier when it acts ("Russian forces
    installed fences"; not "an Armenian soldier was killed"); else None."""
    if word.dep_ in ("amod", "compound", "poss") and word.head.pos_ == "NOUN":
        return word.head if word.head.dep_ == "nsubj" else None
    return word if word.dep_ in ("nsubj", "nsubjpass") else None


def _in_main_clause(word: Token) -> bool:
    subject = _subject_named(word)
    return subject is not None and subject.head.dep_ == "ROOT"


def _pointing(noun: Token) -> bool:
    """A noun that points back at one named before: "the decision", "these claims"."""
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    return len(determiners) == 1 and determiners[0] in ("the", "this", "these", "such", "that")


def _the_country(noun: Token) -> bool:
    """ "the country", "the nation", "the neighbouring country", "the Gulf state": a country
    named before, not the speaker's own (a bare "the state" is mostly a government)."""
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    described = any(c.dep_ in ("amod", "compound") for c in noun.children)
    named = noun.lower_ in COUNTRY_NOUNS or (noun.lower_ in STATE_NOUNS and described)
    return named and determiners == ["the"] and noun.pos_ == "NOUN"


def _conditional(verb: Token) -> bool:
    """Kept only on a condition: "will only agree to extend the deal if its conditions are
    met" commits to nothing."""
    for word in (verb, verb.head, verb.head.head):
        for clause in (c for c in word.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                return True
        if word.dep_ not in ("xcomp", "conj"):
            break
    return False


def _heads_phrase(token: Token) -> bool:
    """Not inside a prepositional phrase: "the denuclearization of North Korea is
    indispensable" praises the denuclearization, not North Korea."""
    while token.dep_ in TRANSPARENT | {"poss"} and token.head is not token:
        token = token.head
    return token.dep_ not in ("pobj", "pcomp")


def _depth(token: Token, inside: set[int]) -> int:
    """How many phrases down a token sits within the tokens considered; lists, appositions
    and compounds add no depth ("Iraq and Libya" are equally close), a clause adds two."""
    depth = 0
    while token.head.i != token.i and token.head.i in inside:  # spaCy makes a new Token per access
        if token.dep_ in CLAUSES:
            depth += 2  # "the decision by X to leave T": X decided; T sits in what was decided
        elif token.dep_ not in TRANSPARENT:
            depth += 1
        token = token.head
    return depth


def _a_side(token: Token) -> bool:
    """One of the sides of "the fighting between A and B": no target, whatever is said of the
    fighting (concern, condemnation)."""
    word = token
    for _ in range(6):  # a side sits a few steps under its "between"
        if word.head.i == word.i:
            return False
        if word.dep_ == "pobj" and word.head.lower_ == "between":
            return word.head.head.lemma_ in MUTUAL_NOUNS
        word = word.head
    return False


def _envoy_named(token: Token, mentions: dict[int, Span], entities: dict) -> bool:
    """A diplomat's name beside his title and the country he serves ("Nicaragua's
    ambassador, Mr Francisco Campbell"): what is said to or of him is meant for his country."""
    name = token
    while name.dep_ in ("compound", "flat") and name.head.i != name.i:
        name = name.head
    titles = [c for c in name.children if c.dep_ == "compound" and c.lemma_.lower() in ENVOYS]
    if name.dep_ == "appos" and name.head.lemma_.lower() in ENVOYS:
        titles.append(name.head)
    owners = (c for title in titles for c in title.children if c.dep_ in OWNER_DEPS)
    # A state's envoy only: a UN envoy is a mediator, criticized as himself.
    return any(
        (owner := entities.get(mentions[c.i].kb_id_)) is not None and owner.type == Label.COUNTRY
        for c in owners
        if c.i in mentions and c.i != token.i
    )


def _title_of_a_person(token: Token, mentions: dict[int, Span], entities: dict) -> bool:
    """A body named in the title before a person's name: "Senate" in "Czech Senate Speaker
    Milos Vystrcil"."""
    span = mentions.get(token.i)
    body = entities.get(span.kb_id_) if span is not None else None
    if body is None or body.type != Label.ORGANIZATION or token.dep_ != "compound":
        return False
    name = token
    while name.dep_ == "compound" and name.head.i != name.i:
        name = name.head
    person = mentions.get(name.i)
    owner = entities.get(person.kb_id_) if person is not None else None
    return owner is not None and owner.type == Label.PERSON


def _joining_whom(token: Token) -> bool:
    """A body named as what someone joins, when the joiner is named: "Sweden's NATO
    membership bid", "its EU accession"."""
    chain = [token]
    while chain[-1].dep_ == "compound" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)  # NATO -> membership -> bid
    joining = any(n.lemma_.lower() in MEMBERSHIP_NOUNS for n in chain[1:])
    return joining and any(c.dep_ == "poss" for n in chain[1:] for c in n.children)


def _closest(found: dict[str, int], entities: dict) -> list[str]:
    """The entities nearest the phrase's head: "Canada's announcement that it is leaving
    the Kyoto Protocol" is about Canada; among equals an alliance or treaty wins over the
    countries in it ("Japan prioritizing an alliance with the US")."""
    if not found:
        return []
    nearest = min(found.values())
    ids = [i for i, d in found.items() if d == nearest]
    specific = [i for i in ids if i in entities and entities[i].type in SPECIFIC]
    return specific or ids


def _resolve(candidates, lex: Lexicon) -> list[FoundRelation]:
    """One relation per target: the most confident; opposite stances of equal weight cancel."""
    best: dict[str, FoundRelation] = {}
    sentences: dict[int, tuple[str, bool]] = {}  # start -> evidence, hedged: read once each
    for stance, target, trigger, rule in candidates:
        sentence = trigger.sent
        if sentence.start not in sentences:
            hedged = any(t.lower_ in lex.hedges or t.lemma_ in lex.hedges for t in sentence)
            sentences[sentence.start] = (sentence.text.strip(), hedged)
        evidence, hedged = sentences[sentence.start]
        confidence = CONFIDENCE[rule]
        if hedged:
            confidence *= 0.6
        found = FoundRelation(stance, target, evidence, round(confidence, 2), rule)
        old = best.get(target)
        if old is None or found.confidence > old.confidence:
            best[target] = found
    return list(best.values())
