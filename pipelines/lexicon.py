"""Word lists for attribution and stance (pipelines/data/lexicon.json), loaded once."""

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from spacy.tokens import Token

LEXICON_FILE = Path(__file__).parent / "data" / "lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    reporting_verbs: frozenset[str]
    directive_verbs: frozenset[str]  # take a to-infinitive as their content ("urged X to …")
    infinitive_claims: frozenset[str]  # report through a to-infinitive ("claimed to have …",
    # "summoned the envoy to lodge a protest")
    according_to: tuple[str, ...]
    critical_verbs: frozenset[str]
    supportive_verbs: frozenset[str]
    negative_predicates: frozenset[str]
    negative_words: frozenset[str]
    positive_words: frozenset[str]
    hedges: frozenset[str]
    cessation_verbs: frozenset[
        str
    ]  # what one is told to stop doing ("must stop", "urged X to end")
    preserving_verbs: frozenset[str]  # keeping an instrument alive ("restore the JCPOA")
    # what one is told to respect or abide by, which one is not doing ("urged Kyiv to abide by
    # the ceasefire")
    compliance_verbs: frozenset[str]
    start_verbs: frozenset[str]  # what one is told to start doing ("needs to start talking")
    recourse_verbs: frozenset[str]  # one moves on or resorts to an act ("moved on to aggression")
    permit_verbs: frozenset[str]  # what one will not allow ("will not allow a repetition of X")
    prevent_verbs: frozenset[str]  # what one prevents ("prevent a repeat of X")
    loss_nouns: frozenset[str]  # the loss of something ("the collapse of New START")
    provoking_verbs: frozenset[str]  # what raises concern ("X is raising concerns")
    grading_adverbs: frozenset[str]  # adverbs of degree, not judgement ("harshly criticized")
    speech_nouns: frozenset[str]  # objects that are what was said ("expressed concern")
    attitude_nouns: frozenset[str]  # an attitude paid to someone ("pay tribute to X")
    # what the subject itself feels or is bound to ('Chile remains committed to …'): said of
    # it, these praise no one but whom it is felt toward
    feeling_words: frozenset[str]
    topic_nouns: frozenset[str]
    negations: frozenset[str]
    pronoun_genders: dict[str, str | None]
    weekdays: tuple[str, ...]

    @cached_property  # asked for every verb: build the union once
    def cue_verbs(self) -> frozenset[str]:
        """Verbs that report a position: saying, urging, criticizing or supporting."""
        saying = self.reporting_verbs | self.directive_verbs
        return saying | self.critical_verbs | self.supportive_verbs

    @cached_property
    def infinitive_cues(self) -> frozenset[str]:
        """Cue verbs that report through a to-infinitive ("urged X to …", "claimed to …")."""
        return self.directive_verbs | self.infinitive_claims

    def verb_lemma(self, verb: Token) -> str:
        """The verb's lemma, or with its object, particle or preposition where the pair is
        one cue ("take aim", "hit out", "disagree with")."""
        lemma = verb.lemma_.lower()
        for child in verb.children:
            # "to stand by X", whose "by" the parser may read as a passive's agent
            paired = child.dep_ in ("dobj", "prt", "prep", "advmod", "agent")
            if paired and f"{lemma} {child.lemma_.lower()}" in self.cue_verbs:
                return f"{lemma} {child.lemma_.lower()}"
        return lemma

    def harmful_act(self, verb: Token) -> bool:
        """A verb of a harmful act ("violated"), alone or with its object ("turned its back
        on", "broke its promises")."""
        lemma = verb.lemma_.lower()
        if lemma in self.negative_predicates:
            return True
        return any(
            c.dep_ == "dobj" and f"{lemma} {c.lemma_.lower()}" in self.negative_predicates
            for c in verb.children
        )

    def adverb_judgement(self, adverb: str) -> bool:
        """A critical manner adverb ("hypocritically", "stubbornly", "irresponsibly"): the
        adverb of a negative adjective, unless it only grades ("harshly criticized")."""
        word = adverb.lower()
        if not word.endswith("ly") or word in self.grading_adverbs:
            return False
        forms = {word[:-2], word[:-1] + "e" if word.endswith("bly") else ""}
        if word.endswith("ily"):
            forms.add(word[:-3] + "y")
        return bool(forms & self.negative_words)

    @cached_property
    def negative_phrases(self) -> tuple[str, ...]:
        return tuple(w for w in self.negative_words if " " in w)

    @cached_property
    def positive_phrases(self) -> tuple[str, ...]:
        return tuple(w for w in self.positive_words if " " in w)

    def phrases_starting(self, word: str) -> tuple[str, ...]:
        """The evaluative phrases (negative ones first) that can start at a token: those
        sharing its first two characters (a one-letter token: itself and a space)."""
        return self._phrases_by_start.get(_start_key(word), ())

    @cached_property
    def _phrases_by_start(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for phrase in (*self.negative_phrases, *self.positive_phrases):
            found.setdefault(phrase[:2], []).append(phrase)
        return {key: tuple(phrases) for key, phrases in found.items()}


def _start_key(word: str) -> str:
    word = word.lower()
    return word[:2] if len(word) > 1 else word + " "


@cache
def default_lexicon() -> Lexicon:
    raw = json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    return Lexicon(
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        directive_verbs=frozenset(raw["directive_verbs"]),
        infinitive_claims=frozenset(raw["infinitive_claims"]),
        according_to=tuple(raw["according_to"]),
        critical_verbs=frozenset(raw["critical_verbs"]),
        supportive_verbs=frozenset(raw["supportive_verbs"]),
        negative_predicates=frozenset(raw["negative_predicates"]),
        negative_words=frozenset(raw["negative_words"]),
        positive_words=frozenset(raw["positive_words"]),
        hedges=frozenset(raw["hedges"]),
        speech_nouns=frozenset(raw["speech_nouns"]),
        attitude_nouns=frozenset(raw["attitude_nouns"]),
        preserving_verbs=frozenset(raw["preserving_verbs"]),
        cessation_verbs=frozenset(raw["cessation_verbs"]),
        compliance_verbs=frozenset(raw["compliance_verbs"]),
        start_verbs=frozenset(raw["start_verbs"]),
        grading_adverbs=frozenset(raw["grading_adverbs"]),
        provoking_verbs=frozenset(raw["provoking_verbs"]),
        loss_nouns=frozenset(raw["loss_nouns"]),
        recourse_verbs=frozenset(raw["recourse_verbs"]),
        permit_verbs=frozenset(raw["permit_verbs"]),
        prevent_verbs=frozenset(raw["prevent_verbs"]),
        feeling_words=frozenset(raw["feeling_words"]),
        topic_nouns=frozenset(raw["topic_nouns"]),
        negations=frozenset(raw["negations"]),
        pronoun_genders=raw["pronouns"],
        weekdays=tuple(raw["weekday_names"]),
    )
