"""Entity linking and statement dates on real texts from ../shared."""

import datetime as dt

from conftest import SHARED, dev_case

from pipelines.dates import resolve_date


def entity_names(extraction, type_: str) -> set[str]:
    return {e.name for e in extraction.entities if e.type.value == type_}


def test_apostrophe_lost_places_are_still_places(run) -> None:
    text = (SHARED / "seeds" / "000_39ab569dd2834ae6.txt").read_text(encoding="utf-8")
    found = run(text)
    mentioned = {m.name for st in found.statements for m in st.mentions}
    assert {"Japan", "Russia"} <= mentioned
    assert not any(name.endswith("s") and name[:-1] in mentioned for name in mentioned)


def test_a_treaty_named_by_year_is_the_one_its_parties_suggest(run) -> None:
    text = (SHARED / "seeds" / "004_8ee0e154b89151c2.txt").read_text(encoding="utf-8")
    found = run(text, published="2022-01-14")
    treaties = {e.id: e for e in found.entities if e.type.value == "Treaty"}
    assert "treaty:us-japan-security-treaty" in treaties  # "the 1960 treaty"
    assert "treaty:soviet-japanese-declaration-1956" in treaties  # "the 1956 Declaration"


def test_gazetteer_treaties_from_news_aliases(run) -> None:
    found = run(dev_case("dev005")["text"])
    assert "Joint Comprehensive Plan of Action" in entity_names(found, "Treaty")


def test_weekdays_resolve_against_the_publication_date() -> None:
    friday = dt.date(2022, 1, 14)
    assert resolve_date("Friday", friday) == friday
    assert resolve_date("on Thursday", dt.date(2019, 2, 22)) == dt.date(2019, 2, 21)
    assert resolve_date("yesterday", friday) == dt.date(2022, 1, 13)
    assert resolve_date("Thursday", None) is None
    assert resolve_date("October 19, 1956", None) == dt.date(1956, 10, 19)


def test_statement_date_from_the_story(run) -> None:
    found = run(dev_case("dev001")["text"])
    assert found.document.published == dt.date(2020, 10, 28)
    assert found.statements[0].date == dt.date(2020, 10, 27)  # "made the remarks on Tuesday"
