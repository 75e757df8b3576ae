"""The evaluation's own scoring functions, on small hand-made inputs with known answers.

No spaCy model is loaded: spans, codes and extractions are built by hand.
"""

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from evaluation.attribution import (
    Quote,
    Tokens,
    exact_scores,
    overlap_scores,
    predicted_quotes,
    score_documents,
)
from evaluation.dev_statements import load_scorer, score_outputs
from evaluation.event_stance import (
    ActorCodes,
    Triple,
    load_actor_codes,
    petrarch_triples,
    phrase_words,
    plover_triples,
    predicted_key,
    predicted_triples,
    score_dataset,
    score_triples,
)
from evaluation.metrics import PRF
from graph_schema import Label, Stance
from pipelines.statements import (
    DocumentInfo,
    Entity,
    EntityRef,
    Extraction,
    Relation,
    Statement,
)

DATA = Path(__file__).parents[2].parent / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="shared data not present")

# ---------------------------------------------------------------------------------------
# PRF
# ---------------------------------------------------------------------------------------


def test_prf_from_counts_gives_the_usual_scores():
    prf = PRF.from_counts(tp=3, fp=1, fn=2)
    assert (prf.predicted, prf.gold) == (4, 5)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.6)
    assert prf.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_prf_counts_matches_on_each_side():
    prf = PRF(predicted=4, gold=10, matched_predicted=4, matched_gold=2)
    assert prf.precision == 1.0
    assert prf.recall == pytest.approx(0.2)


def test_prf_is_zero_without_predictions_or_gold():
    assert PRF().f1 == 0.0
    assert PRF(predicted=3).precision == 0.0
    assert PRF(gold=3).recall == 0.0


def test_prfs_add_up_to_a_micro_average():
    total = PRF.from_counts(1, 0, 1) + PRF.from_counts(0, 2, 0)
    assert (total.matched_predicted, total.predicted, total.gold) == (1, 3, 2)
    assert total.precision == pytest.approx(1 / 3)
    assert total.recall == pytest.approx(0.5)


def test_prf_rejects_more_matches_than_items():
    with pytest.raises(ValidationError):
        PRF(predicted=1, matched_predicted=2)


def test_a_dumped_prf_reads_back():
    prf = PRF.from_counts(2, 1, 1)
    assert PRF.model_validate(json.loads(prf.model_dump_json())) == prf


# ---------------------------------------------------------------------------------------
# Attribution spans
# ---------------------------------------------------------------------------------------

TEXT = 'He said "we agree," adding that the talks went well. Smith denied it.'


def span_of(text: str, words: str) -> tuple[int, int]:
    """Character span of `words` in `text`, not inside another word."""
    found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    assert found, words
    return found.span()


def test_character_spans_become_token_spans_without_edge_punctuation():
    tokens = Tokens(TEXT)
    # He said " we agree , " adding ...: tokens 0 1 2 3 4 5 6 7
    assert tokens.span(*span_of(TEXT, "said")) == (1, 2)
    assert tokens.span(*span_of(TEXT, '"we agree,"')) == (3, 5)
    assert tokens.span(*span_of(TEXT, "we agree")) == (3, 5)
    assert tokens.span(4, 6) == (1, 2)  # "ai" of "said": a token touched counts whole
    comma = TEXT.index('," ')
    assert tokens.span(comma, comma + 3) is None  # punctuation only


def quote(cue=None, source=None, content=None) -> Quote:
    return Quote(
        cue=(span_of(TEXT, cue),) if cue else (),
        sources=(span_of(TEXT, source),) if source else (),
        contents=(span_of(TEXT, content),) if content else (),
    )


def scores(predicted, gold):
    tokens = Tokens(TEXT)
    p = [tokens.quote(q) for q in predicted]
    g = [tokens.quote(q) for q in gold]
    return exact_scores(p, g), overlap_scores(p, g)


GOLD = [
    quote(cue="said", source="He", content='"we agree,"'),
    quote(cue="denied", source="Smith", content="it"),
    quote(source="He", content="the talks went well"),  # no cue
]


def test_exact_match_of_a_perfect_prediction():
    exact, overlap = scores(GOLD, GOLD)
    for part in ("cue", "sources", "contents"):
        assert exact[part].f1 == 1.0, part
        assert overlap[part].f1 == 1.0, part
    assert exact["cue"].gold == 2  # the cue-less gold quote is not a cue to find


def test_exact_match_counts_each_part_on_its_own():
    predicted = [
        quote(cue="said", source="He", content="we agree"),  # all right
        quote(cue="denied", source="Smith denied", content="it"),  # source too long
        quote(cue="adding", source="He", content="the talks"),  # no such cue, content short
    ]
    exact, _ = scores(predicted, GOLD)
    # cue: 2 of 3 predicted right; the 2 gold cues found (the third gold quote has none)
    assert (exact["cue"].matched_predicted, exact["cue"].predicted) == (2, 3)
    assert (exact["cue"].matched_gold, exact["cue"].gold) == (2, 2)
    # sources: quote 1 right; quote 3 is paired with the cue-less gold quote through its
    # overlapping contents, and has its source
    assert (exact["sources"].matched_predicted, exact["sources"].predicted) == (2, 3)
    assert (exact["sources"].matched_gold, exact["sources"].gold) == (2, 3)
    # contents: quotes 1 and 2 right
    assert (exact["contents"].matched_predicted, exact["contents"].matched_gold) == (2, 2)
    assert exact["contents"].precision == pytest.approx(2 / 3)
    assert exact["contents"].recall == pytest.approx(2 / 3)


def test_without_a_cue_quotes_are_paired_by_their_contents():
    predicted = [quote(source="He", content="the talks went well")]
    exact, _ = scores(predicted, GOLD)
    assert exact["cue"].predicted == 0
    assert exact["sources"].matched_gold == 1
    assert exact["contents"].matched_gold == 1


def test_source_needs_the_cues_to_overlap():
    predicted = [quote(cue="denied", source="He", content="we agree")]
    exact, _ = scores(predicted, GOLD)
    assert exact["sources"].matched_predicted == 0
    assert exact["contents"].matched_predicted == 0


def test_token_overlap_counts_shared_tokens():
    predicted = [quote(cue="said", source="He said", content="agree")]
    _, overlap = scores(predicted, GOLD[:1])
    assert overlap["cue"].f1 == 1.0
    # source: predicted He+said (2 tokens), gold He (1): 1 shared
    assert overlap["sources"].precision == pytest.approx(0.5)
    assert overlap["sources"].recall == 1.0
    # content: predicted "agree" (1), gold "we agree" (2): 1 shared
    assert overlap["contents"].precision == 1.0
    assert overlap["contents"].recall == pytest.approx(0.5)


def test_token_overlap_never_counts_a_token_more_often_than_annotated():
    gold = [quote(cue="said", source="He", content="we agree")]
    predicted = [quote(source="He", content="we"), quote(source="He", content="agree")]
    _, overlap = scores(predicted, gold)
    assert overlap["sources"].matched_predicted == 1  # "He" is gold once
    assert overlap["sources"].precision == pytest.approx(0.5)
    assert overlap["sources"].recall == 1.0
    assert overlap["contents"].f1 == 1.0


def test_scores_sum_over_documents():
    other = "Officials said nothing."
    doc2_gold = [Quote(cue=(span_of(other, "said"),), sources=(span_of(other, "Officials"),))]
    result = score_documents([(TEXT, GOLD, GOLD), (other, [], doc2_gold)])
    assert (result["cue"].exact.matched_gold, result["cue"].exact.gold) == (2, 3)
    assert result["cue"].exact.precision == 1.0
    assert result["source"].overlap.recall == pytest.approx(3 / 4)


def test_statements_become_predicted_quotes():
    extraction = make_extraction(
        [
            statement(REF_LAVROV, span=(10, 20), cue=(5, 9), source=(0, 4)),
            statement(REF_RUSSIA, span=(30, 40)),
        ]
    )
    assert predicted_quotes(extraction) == [
        Quote(cue=((5, 9),), sources=((0, 4),), contents=((10, 20),)),
        Quote(cue=(), sources=(), contents=((30, 40),)),
    ]


# ---------------------------------------------------------------------------------------
# CAMEO codes and actor keys
# ---------------------------------------------------------------------------------------

CODES = ActorCodes(
    organizations={
        phrase_words("United Nations"): "IGOUNO",
        phrase_words("U.N."): "IGOUNO",
        phrase_words("Arab League"): "IGOMEAARL",
        phrase_words("NATO"): "IGOWSTNAT",
        phrase_words("North Atlantic Treaty Organization"): "IGOWSTNAT",
        phrase_words("Amnesty International"): "NGOHRIAMN",
        phrase_words("Kofi Annan"): "IGOUNO",
    },
    sectors=frozenset({"GOV", "MIL", "BUS", "HRI"}),
)


def test_phrase_words_ignore_case_dots_apostrophes_and_a_leading_the():
    assert phrase_words("the U.N.") == ("un",)
    assert phrase_words("The Arab League's envoy") == ("arab", "leagues", "envoy")


@pytest.mark.parametrize(
    ("code", "text", "key"),
    [
        ("USA", None, "USA"),
        ("USAGOV", None, "USA"),
        ("PSEGZA", None, "PSE"),
        ("JAP", "Japan", "JPN"),  # old CAMEO code
        ("ITL", "Italy", "ITA"),
        ("IGOUNOMIL", None, "IGOUNO"),  # UN peacekeepers: sector removed
        ("IGOEUREEC", None, "IGOEUREEC"),  # EEC is not a sector
        ("IGOUNOBUSMIL", None, "IGOUNO"),
        ("IGO", "Arab League Secretary-General Chedli Klibi", "IGOMEAARL"),
        ("IGO", "U.N. war crimes court", "IGOUNO"),
        ("IGO", "Amnesty International", "NGOHRIAMN"),
        ("IGO", "NATO  peacekeeping troops", "IGOWSTNAT"),
        ("NGO", "human rights group", "?NGO:human rights group"),
        ("---MIL", None, "?---MIL"),
        (None, "someone", "?no code:someone"),
    ],
)
def test_gold_codes_become_country_or_organisation_keys(code, text, key):
    assert CODES.gold_key(code, text) == key


def test_one_word_organisation_names_match_inside_a_name_only_when_capitalised():
    assert CODES.organization(["UN envoy"]) == "IGOUNO"
    assert CODES.organization(["NATO peacekeepers"]) == "IGOWSTNAT"
    assert CODES.organization(["the nato of the south"]) is None
    assert CODES.organization(["UN envoy"], partial=False) is None


LAVROV = Entity(
    id="person:sergey-lavrov", name="Sergey Lavrov", type=Label.PERSON, country="country:RUS"
)
NOBODY = Entity(id="person:jane-doe", name="Jane Doe", type=Label.PERSON)
ANNAN = Entity(id="person:kofi-annan", name="Kofi Annan", type=Label.PERSON)
NATO = Entity(
    id="org:nato",
    name="NATO",
    type=Label.ALLIANCE,
    aliases=("North Atlantic Treaty Organization",),
)
MFA = Entity(
    id="org:russian-mfa",
    name="Russian Foreign Ministry",
    type=Label.ORGANIZATION,
    country="country:RUS",
)
CLUB = Entity(id="org:chess-club", name="Chess Club", type=Label.ORGANIZATION)
TREATY = Entity(id="treaty:new-start", name="New START", type=Label.TREATY)
RUSSIA = Entity(id="country:RUS", name="Russia", type=Label.COUNTRY)
USA = Entity(id="country:USA", name="United States", type=Label.COUNTRY)
ENTITIES = {e.id: e for e in (LAVROV, NOBODY, ANNAN, NATO, MFA, CLUB, TREATY, RUSSIA, USA)}


def ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, name=entity.name, type=entity.type)


REF_LAVROV, REF_RUSSIA, REF_USA, REF_NATO = ref(LAVROV), ref(RUSSIA), ref(USA), ref(NATO)


@pytest.mark.parametrize(
    ("entity", "key"),
    [
        (RUSSIA, "RUS"),
        (LAVROV, "RUS"),  # a person's country
        (ANNAN, "IGOUNO"),  # a person without a country, in the organisation table
        (NOBODY, "?person:jane-doe"),
        (NATO, "IGOWSTNAT"),
        (MFA, "RUS"),  # a national institution speaks for its country
        (CLUB, "?org:chess-club"),
        (TREATY, None),  # not an actor
    ],
)
def test_our_entities_become_actor_keys(entity, key):
    assert predicted_key(ref(entity), ENTITIES, CODES) == key


def test_speaks_for_places_a_speaker_before_their_own_country():
    assert predicted_key(ref(NOBODY), ENTITIES, CODES, speaks_for=REF_NATO) == "IGOWSTNAT"
    assert predicted_key(REF_LAVROV, ENTITIES, CODES, speaks_for=ref(CLUB)) == "RUS"


def statement(speaker: EntityRef, *targets, span=(0, 1), cue=None, source=None, speaks_for=None):
    return Statement(
        id=f"statement:{speaker.id}:{span[0]}",
        speaker=speaker,
        speaks_for=speaks_for,
        quote="x",
        span=span,
        kind="reported",
        cue=cue,
        source=source,
        relations=tuple(
            Relation(stance=stance, target=target, evidence="x", confidence=1.0, rule="test")
            for stance, target in targets
        ),
    )


def make_extraction(statements) -> Extraction:
    return Extraction(
        document=DocumentInfo(id="doc:1", title=None, outlet=None, published=None, url=None),
        statements=tuple(statements),
        entities=tuple(ENTITIES.values()),
    )


def test_predicted_triples_are_deduplicated_and_skip_treaties():
    extraction = make_extraction(
        [
            statement(REF_LAVROV, (Stance.CRITICIZES, REF_USA), (Stance.SUPPORTS, ref(TREATY))),
            statement(ref(MFA), (Stance.CRITICIZES, REF_USA), (Stance.CRITICIZES, REF_NATO)),
        ]
    )
    assert predicted_triples(extraction, CODES) == {
        Triple("RUS", "criticizes", "USA"),
        Triple("RUS", "criticizes", "IGOWSTNAT"),
    }


def test_plover_gold_triples_from_sources_targets_and_reciprocal_events():
    record = {
        "events": [
            {
                "source": [{"code": "PSE", "text": "Arafat"}],
                "target": [{"code": "IRQ", "text": "Iraq"}, {"code": "LBY", "text": "Libya"}],
                "reciprocal": False,
                "stance": "support",
            },
            {
                "source": [{"code": "CZE", "text": "Czechia"}, {"code": "ALB", "text": "Albania"}],
                "target": [],
                "reciprocal": True,
                "stance": "support",
            },
            {
                "source": [{"code": "USA", "text": "US"}],
                "target": [{"code": "RUS", "text": "Russia"}],
                "reciprocal": False,
                "stance": None,
            },
        ]
    }
    assert plover_triples(record, CODES) == {
        Triple("PSE", "supports", "IRQ"),
        Triple("PSE", "supports", "LBY"),
        Triple("CZE", "supports", "ALB"),
        Triple("ALB", "supports", "CZE"),
    }


def test_petrarch_gold_triples_only_for_stance_events():
    record = {
        "expected_events": [
            {"source_code": "USAGOV", "target_code": "RUSMIL", "stance": "criticize"},
            {"source_code": "UKRLEG", "target_code": "IGOEUREEC", "stance": "support"},
            {"source_code": "USA", "target_code": "CHN", "stance": None},
        ]
    }
    assert petrarch_triples(record, CODES) == {
        Triple("USA", "criticizes", "RUS"),
        Triple("UKR", "supports", "IGOEUREEC"),
    }


def test_triples_match_exactly_and_never_on_an_unresolved_actor():
    gold = {Triple("USA", "criticizes", "RUS"), Triple("?---", "criticizes", "SYR")}
    predicted = {
        Triple("USA", "criticizes", "RUS"),
        Triple("USA", "supports", "RUS"),  # wrong stance
        Triple("?---", "criticizes", "SYR"),  # same unresolved key: still no match
    }
    prf = score_triples(gold, predicted)
    assert (prf.matched_gold, prf.gold, prf.matched_predicted, prf.predicted) == (1, 2, 1, 3)


def test_a_dataset_score_is_micro_over_sentences():
    records = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]
    gold = [{Triple("USA", "criticizes", "RUS")}, set(), {Triple("?---", "supports", "USA")}]
    predicted = [
        {Triple("USA", "criticizes", "RUS")},
        {Triple("FRA", "supports", "DEU")},  # no gold stance: a false positive
        None,  # unreadable: no predictions
    ]
    score = score_dataset("test", records, gold, predicted)
    assert (score.gold_triples, score.gold_unresolved, score.predicted_triples) == (2, 1, 2)
    assert score.score.precision == pytest.approx(0.5)
    assert score.score.recall == pytest.approx(0.5)
    assert score.unreadable == ["c"]
    assert [d.id for d in score.differences] == ["b", "c"]


def test_actor_codes_load_from_the_phoenix_files(tmp_path):
    gazetteers = tmp_path / "gazetteers"
    gazetteers.mkdir()
    actors = [
        {"name": "NATO", "aliases": ["NORTH ATLANTIC TREATY ORGANIZATION"],
         "codes": [{"code": "IGOWSTNAT"}], "has_date_restrictions": False},
        {"name": "SOME SECRETARY GENERAL", "aliases": ["NATO"],
         "codes": [{"code": "IGOXXX", "restriction": ">2000"}], "has_date_restrictions": True},
        {"name": "BARE", "aliases": [], "codes": [{"code": "IGO"}],
         "has_date_restrictions": False},
        {"name": "U.N.", "aliases": [], "codes": [], "has_date_restrictions": False},
    ]  # fmt: skip
    (gazetteers / "international_actors_phoenix.jsonl").write_text(
        "\n".join(json.dumps(a) for a in actors) + "\n"
    )
    (gazetteers / "agents_phoenix.tsv").write_text(
        "phrase\tagent_code\tattach\tauto_plural_in_source\tsource_entry\n"
        "MINISTER\tGOV\tsuffix\tyes\tMINISTER\n"
        "MARINES\tGOVMIL\tsuffix\tyes\tMARINES\n"
    )
    codes = load_actor_codes(tmp_path)
    assert codes.sectors == {"GOV", "MIL"}
    assert codes.organizations == {
        ("nato",): "IGOWSTNAT",  # the undated entry wins
        ("north", "atlantic", "treaty", "organization"): "IGOWSTNAT",
        ("some", "secretary", "general"): "IGOXXX",
    }


# ---------------------------------------------------------------------------------------
# dev-statements glue (the official scorer does the matching)
# ---------------------------------------------------------------------------------------


@needs_data
def test_dev_statements_figures_come_from_the_official_scorer(tmp_path):
    scorer = load_scorer((DATA / "dev-statements" / "score.py").resolve())
    cases = scorer.load_cases(str(DATA / "dev-statements" / "cases.jsonl"))[:4]
    for case in cases:
        (tmp_path / f"{case['case_id']}.json").write_text(
            json.dumps(scorer._perfect_output(case)), encoding="utf-8"
        )
    perfect = score_outputs(scorer, cases, tmp_path)
    assert perfect.cases == 4
    for metric in ("speakers", "relations", "treaties", "countries"):
        assert getattr(perfect, metric).f1 == 1.0, metric
    assert perfect.relations.gold == sum(len(c["gold"]["relations"]) for c in cases)
    assert sum(p.gold for p in perfect.stance_recall.values()) == perfect.relations.gold
    assert all(p.recall == 1.0 for p in perfect.stance_recall.values() if p.gold)

    empty = score_outputs(scorer, cases, tmp_path / "none")
    assert empty.relations.recall == 0.0
    assert empty.speakers.predicted == 0
