"""Real-world noise: machine-translation artefacts, mixed quote marks, lost apostrophes,
all-caps headlines and very long paragraphs."""

from conftest import SHARED, relations, speakers

SEED_000 = (SHARED / "seeds" / "000_39ab569dd2834ae6.txt").read_text(encoding="utf-8")
SEED_001 = (SHARED / "seeds" / "001_fd3a4b927d9528c0.txt").read_text(encoding="utf-8")
SEED_004 = (SHARED / "seeds" / "004_8ee0e154b89151c2.txt").read_text(encoding="utf-8")


def test_machine_translation_artefacts_are_harmless(run) -> None:
    # 004 has "in the XNUMXst century" inside a quote.
    found = run(SEED_004, published="2022-01-14")
    assert not [e for e in found.entities if "XNUMX" in e.name]
    assert any("XNUMX" in st.quote for st in found.statements)


def test_straight_and_curly_quotes_give_the_same_statements(run) -> None:
    curly = run(SEED_001)  # ’ apostrophes, straight double quotes
    straight = run(SEED_000)  # apostrophes lost ("Japans", "weve")
    assert speakers(curly) == speakers(straight) == {"Sergey Lavrov"}
    assert relations(curly) == relations(straight)


def test_mixed_quote_marks_close_a_quote(run) -> None:
    # 004: “I think this is not a completely honest account … designs," he said.
    found = run(SEED_004, published="2022-01-14")
    honest = next(st for st in found.statements if st.quote.startswith("I think this is"))
    assert honest.quote.endswith("designs")
    assert honest.kind == "direct"


def test_an_all_caps_headline_makes_no_statement_and_no_person(run) -> None:
    found = run(SEED_000)
    title_end = SEED_000.index("SAYS LAVROV") + len("SAYS LAVROV")
    assert all(st.span[0] > title_end for st in found.statements)
    assert {e.name for e in found.entities if e.type.value == "Person"} <= {
        "Sergey Lavrov",
        "Vladimir Putin",
        "Shinzo Abe",
    }


def test_a_very_long_paragraph(run) -> None:
    sentence = (
        'The minister said the sanctions were "an obstacle to dialogue with Tokyo", and '
        "added that Moscow remained ready for talks. "
    )
    text = "Russian Foreign Minister Sergey Lavrov spoke on Monday. " + sentence * 170
    found = run(text, published="2022-03-07")
    assert len(text) > 20_000
    assert speakers(found) == {"Sergey Lavrov"}
    assert len(found.statements) >= 100


def test_a_quote_whose_opening_mark_was_lost_runs_from_its_paragraph_start() -> None:
    from pipelines.components.attribution import find_quotes

    # dev015 lost the opening mark of "It is time to pay tribute … future,”".
    text = "“Opened and closed,” he said.\nIt is time to pay tribute to our friends.”\nHe left."
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "Opened and closed,",
        "It is time to pay tribute to our friends.",
    ]
