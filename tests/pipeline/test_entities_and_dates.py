"""Entity linking and statement dates on real texts from ../shared."""

import datetime as dt

from conftest import SHARED, dev_case, relations

from pipelines.dates import resolve_date, weekday_anchored_date


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


def test_an_unknown_treaty_keeps_the_name_after_its_head_word(run) -> None:
    # Not in the gazetteer: the name is "Treaty of Zarovia", not the bare word "Treaty".
    found = run(
        "Russian Foreign Minister Sergey Lavrov said on Monday that Moscow backed the Treaty "
        "of Zarovia.",
        published="2023-05-08",
    )
    assert entity_names(found, "Treaty") == {"Treaty of Zarovia"}
    assert ("Sergey Lavrov", "supports", "Treaty of Zarovia") in relations(found)


def test_weekdays_resolve_against_the_publication_date() -> None:
    friday = dt.date(2022, 1, 14)
    assert resolve_date("Friday", friday) == friday
    assert resolve_date("last Friday", friday) == friday - dt.timedelta(days=7)
    assert resolve_date("on Thursday", dt.date(2019, 2, 22)) == dt.date(2019, 2, 21)
    assert resolve_date("yesterday", friday) == dt.date(2022, 1, 13)
    assert resolve_date("Thursday", None) is None
    assert resolve_date("October 19, 1956", None) == dt.date(1956, 10, 19)


def test_statement_date_from_the_story(run) -> None:
    found = run(dev_case("dev001")["text"])
    assert found.document.published == dt.date(2020, 10, 28)
    assert found.statements[0].date == dt.date(2020, 10, 27)  # "made the remarks on Tuesday"


def mentioned(extraction, type_: str) -> set[str]:
    return {m.name for st in extraction.statements for m in st.mentions if m.type.value == type_}


def test_background_sentences_frame_the_statement_before_them(run) -> None:
    # "Iran and the P4+1 group of countries, Russia, China, Britain, France and Germany,
    # have held … talks" follows Borrell's last statement and names no speaker of its own.
    found = run(dev_case("dev005")["text"])
    assert {"Russia", "China", "United Kingdom", "France", "Germany"} <= mentioned(found, "Country")


def test_the_lead_frames_the_first_statement(run) -> None:
    # The Outer Space Treaty is named in the opening paragraphs, before Sullivan speaks.
    found = run(dev_case("dev021")["text"])
    assert "Outer Space Treaty" in mentioned(found, "Treaty")
    assert "Japan" in mentioned(found, "Country")


def test_a_capital_named_as_a_place_is_not_its_country(run) -> None:
    # "Speaking … at the international conference in Rome, Macron was pressed …"
    found = run(dev_case("dev008")["text"])
    assert "Italy" not in mentioned(found, "Country")


def test_a_country_name_in_lower_case_is_a_common_word(run) -> None:
    # "We call on all peace-loving states to ratify the treaty", "signed by 60 states"
    found = run(dev_case("dev012")["text"])
    assert "United States" not in mentioned(found, "Country")


def test_names_match_with_a_typographic_apostrophe(run) -> None:
    # "intimidation by the People’s Republic of China" is China, not the Republic of China.
    found = run(dev_case("dev027")["text"])
    assert "Taiwan" not in mentioned(found, "Country")
    assert "China" in mentioned(found, "Country")


def test_an_accession_protocol_described_by_its_country(run) -> None:
    # "Blinken greeted her delivery from Turkey of the ratified protocol of Finland's
    # accession to NATO": the gazetteer's accession protocol, and what was greeted.
    found = run(dev_case("dev024")["text"])
    name = "Protocol to the North Atlantic Treaty on the Accession of the Republic of Finland"
    assert name in entity_names(found, "Treaty")
    assert ("Antony Blinken", "supports", name) in relations(found)
    assert ("Antony Blinken", "supports", "Finland") not in relations(found)


def test_a_weekday_with_its_date_gives_the_year() -> None:
    # dev003 has no publication date: "told lawmakers on Thursday (June 22)", and mentions
    # 2021, 2002 and 2024; June 22 fell on a Thursday in 2023.
    text = dev_case("dev003")["text"]
    assert weekday_anchored_date(text) == dt.date(2023, 6, 22)
    assert weekday_anchored_date("on Friday, May 31, 2024") is None  # a full date is read as such
    assert weekday_anchored_date("on Thursday (June 22)") is None  # no year to start from


def test_statement_date_from_a_weekday_with_its_date(run) -> None:
    found = run(dev_case("dev003")["text"])
    first = next(st for st in found.statements if st.speaker.name == "Olaf Scholz")
    assert first.date == dt.date(2023, 6, 22)


def test_a_bilateral_agreement_named_by_its_parties(run) -> None:
    # Written for this test (no sentence in ../shared/data has the case).
    found = run(
        "Washington welcomes China-Japan agreement on a maritime hotline\n\n"
        "Washington: The US has welcomed a three-point agreement reached by China and Japan "
        "on contacts between their coast guards."
    )
    assert "China–Japan agreement" in entity_names(found, "Treaty")


def test_a_date_on_the_occasion_dates_the_statement(run) -> None:
    for said, day in (
        ("said in a statement on Feb. 28", dt.date(2023, 2, 28)),
        ("told a news conference on Monday", dt.date(2023, 3, 13)),
        ("said at a briefing on Tuesday", dt.date(2023, 3, 14)),
    ):
        found = run(
            f"Russian Foreign Minister Sergey Lavrov {said} that NATO was a threat.",
            published="2023-03-15",
        )
        assert [st.date for st in found.statements] == [day], said


def test_a_hostile_name_for_a_country_is_that_country(run) -> None:
    found = run(
        '"The Zionist regime should know that any aggression will be a grave mistake," '
        "Iranian foreign ministry spokesman Esmaeil Baghaei told a news conference.",
        published="2024-10-08",
    )
    assert ("Esmaeil Baqaei", "criticizes", "Israel") in relations(found)


def test_the_bloc_is_the_union_of_states_named_before(run) -> None:
    found = run(
        "The European Union imposed new sanctions on Monday. Russian Foreign Minister Sergey "
        "Lavrov said the bloc was a threat to Russia.",
        published="2023-07-11",
    )
    assert relations(found) == {("Sergey Lavrov", "criticizes", "European Union")}
    alone = run("Russian Foreign Minister Sergey Lavrov said the bloc was a threat to Russia.")
    assert relations(alone) == set()  # no union named before: nothing to stand for


def test_a_place_named_after_a_country_is_no_mention_of_it(run) -> None:
    found = run(
        "Lavrov said the situation in the South China Sea and the Indian Ocean was tense, and "
        "that New Mexico, British Columbia and Northern Ireland were far away."
    )
    assert not {m.name for st in found.statements for m in st.mentions}


def test_a_hyphenated_pair_of_countries_mentions_both(run) -> None:
    found = run("Wang Wenbin said the U.S.-Japan relationship should not harm third parties.")
    assert {m.name for st in found.statements for m in st.mentions} >= {"United States", "Japan"}


def test_a_treaty_described_after_its_name_is_that_treaty(run) -> None:
    found = run(
        "Maas said he wanted to make sure that the Joint Comprehensive Plan of Action (JCPOA) "
        "nuclear deal can still be supported."
    )
    treaties = {m.name for st in found.statements for m in st.mentions if m.type.value == "Treaty"}
    assert treaties == {"Joint Comprehensive Plan of Action"}


def test_a_month_is_no_day_and_no_other_days_date(run) -> None:
    found = run(
        "MOSCOW, July 16 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Monday that "
        "Russia was ready to discuss arms control.\n\nDuring his state of the union address in "
        "March, Russian President Vladimir Putin said Russia had developed new weapons.",
        published=dt.date(2018, 7, 16),
    )
    dates = {st.speaker.name: st.date for st in found.statements}
    assert dates == {"Sergey Lavrov": dt.date(2018, 7, 16), "Vladimir Putin": None}


def test_a_day_right_after_the_cue_dates_the_saying_not_the_content(run) -> None:
    # The parser hangs "on Monday" on what was said; the day is the saying's.
    found = run(
        "The Latvian ambassador should leave Russia within two weeks, the Russian Foreign "
        "Ministry said Friday.\n\nLatvian Foreign Minister Edgars Rinkevics said on Monday his "
        "country recalled its ambassador from Russia.",
        published="2023-01-27",
    )
    assert [(st.date, st.quote) for st in found.statements][1] == (
        dt.date(2023, 1, 23),
        "his country recalled its ambassador from Russia",
    )
    assert found.statements[0].date == dt.date(2023, 1, 27)


def test_another_speaker_without_a_day_is_not_dated_by_the_last_statement(run) -> None:
    found = run(
        "Penny Wong is expected to meet Wang Yi in Beijing on Wednesday.\n\n"
        '"We want to stabilise the relationship," Wong said.\n\n'
        "Kremlin spokesman Dmitry Peskov said on Friday that sanctions had failed.\n\n"
        '"Sanctions will never work," Russian Foreign Minister Sergei Lavrov said.',
        published="2022-12-20",
    )
    assert [(st.speaker.name, st.date) for st in found.statements] == [
        ("Penny Wong", dt.date(2022, 12, 20)),  # not the Wednesday still to come
        ("Dmitry Peskov", dt.date(2022, 12, 16)),
        ("Sergey Lavrov", dt.date(2022, 12, 20)),  # not Peskov's Friday
    ]


def test_a_name_the_ner_misses_as_the_object_of_an_accusation(run) -> None:
    # spaCy tags "Bathily" an adverb; "Abdoulaye" alone is a gazetteer surname of another man.
    found = run(
        "Abdel-Monem Al-Arfi accused Abdoulaye Bathily of seeking to prolong the crisis. "
        "Bathily warned that the situation was dangerous. Bathily, who announced his "
        "resignation, said the leaders were selfish."
    )
    assert ("Abdel-Monem Al-Arfi", "criticizes", "Abdoulaye Bathily") in relations(found)
    assert [st.speaker.name for st in found.statements] == [
        "Abdel-Monem Al-Arfi",
        "Abdoulaye Bathily",
        "Abdoulaye Bathily",
    ]


def test_whom_the_minister_praises_is_not_the_minister(run) -> None:
    assert not run("The minister praised Tamar Kessler for her work.").statements


def test_a_time_with_no_day_gives_no_day(run) -> None:
    found = run(
        "Mali on Monday expelled the French ambassador, the government said.\n\n"
        "Last week, French Foreign Minister Jean-Yves Le Drian told reporters that the junta "
        "was illegitimate.\n\nBrazilian President Luiz Inacio Lula da Silva said late last "
        "month he hoped an agreement could be reached.",
        published="2022-02-01",
    )
    assert [st.date for st in found.statements] == [dt.date(2022, 1, 31), None, None]


def test_an_arabic_name_with_bin_is_whole_and_not_the_fathers(run) -> None:
    found = run(
        "Saudi Arabia's Minister of Energy Prince Abdulaziz bin Salman said on Wednesday he "
        'was in agreement with the deal. "The text provides alternatives," Prince Abdulaziz '
        "told Al Arabiya television."
    )
    assert [st.speaker.name for st in found.statements] == ["Abdulaziz bin Salman"] * 2


def test_a_nickname_in_quotes_inside_a_name(run) -> None:
    found = run(
        'President Ferdinand "Bongbong" Marcos Jr. said on Monday there is still no progress '
        "in the talks with China."
    )
    [statement] = found.statements
    assert (statement.speaker.name, statement.speaks_for.name) == (
        "Ferdinand Marcos Jr.",
        "Philippines",
    )
    assert relations(found) == set()  # no "Marcos Jr" criticized by himself


def test_places_months_and_faiths_are_no_ones_surname(run) -> None:
    found = run(
        "Wang Yi said the G20 in Bali was useful. Albanese said the government, which in May "
        "returned to power, was right. Kim Jong Un said the launch was a prelude to containing "
        "Guam. Erdogan said the enemies of Islam were protected."
    )
    named = {m.name for st in found.statements for m in st.mentions}
    assert not named & {"Abdallah Bali", "Theresa May", "Syed Nazrul Islam", "Islam"}
    assert not any("GUAM" in name for name in named)


def test_no_treaty_from_a_headline_or_a_bare_word(run) -> None:
    found = run(
        "Pashinian Vows Peace Deal With Azerbaijan By Year End\n\nArmenian Prime Minister "
        "Nikol Pashinyan said the peace deal was close. Putin said Russia was suspending its "
        "participation in the Treaty on Strategic Offensive Arms."
    )
    assert entity_names(found, "Treaty") == set()


def test_a_name_spelled_another_way_is_the_gazetteers_person(run) -> None:
    found = run(
        "Armenian Prime Minister Nikol Pashinian said Azerbaijan was to blame. Pashinian added "
        "that talks would go on."
    )
    assert [st.speaker.name for st in found.statements] == ["Nikol Pashinyan"] * 2


def test_a_possessive_ends_a_name(run) -> None:
    found = run(
        "In a statement, Hammad's Benghazi-based government expressed its welcome for the "
        "assignment of American diplomat Stephanie Khoury. Albanese said China was a partner."
    )
    names = {m.name for st in found.statements for m in st.mentions} | {
        st.speaker.name for st in found.statements
    }
    assert not any("Benghazi" in name for name in names)
    assert "Anthony Albanese" in names  # a lone surname the NER calls a nationality


def test_a_day_said_in_a_tweet(run) -> None:
    found = run(
        "Cuba condemned the plan.\n\nIn response, President Díaz-Canel said in a tweet on "
        "Thursday that Havana condemns the maneuver of the US administration.",
        published="2021-01-01",
    )
    assert [st.date for st in found.statements][-1] == dt.date(2020, 12, 31)


def test_the_day_of_a_statement_named_with_its_occasion(run) -> None:
    found = run(
        "In a statement released on October 25, 2023, the Russian foreign ministry said the "
        "sanctions were illegal. Lavrov said last Thursday that the talks had failed. The "
        "ministry said in a statement dated March 3 that the claims were false.",
        published="2024-03-14",  # a Thursday
    )
    assert [st.date for st in found.statements] == [
        dt.date(2023, 10, 25),
        dt.date(2024, 3, 7),
        dt.date(2024, 3, 3),
    ]


def test_a_surname_of_several_is_the_one_still_in_office(run) -> None:
    # Siim Kallas was prime minister in 2002-2003; Kaja Kallas holds office.
    found = run('"This is unacceptable," Kallas told reporters in Brussels.')
    assert [st.speaker.name for st in found.statements] == ["Kaja Kallas"]


def test_the_day_of_the_meeting_where_it_was_said(run) -> None:
    found = run(
        '"We will strengthen all-round ties," Lavrov said in a meeting with his Saudi '
        "counterpart on the sidelines of the summit in Kazan on June 11.",
        published="2024-06-13",
    )
    assert [st.date for st in found.statements] == [dt.date(2024, 6, 11)]


def test_the_day_on_the_sidelines_of_a_summit(run) -> None:
    found = run(
        "On the sidelines of the summit in Rome on 12 June, Italian Prime Minister Giorgia "
        "Meloni said Italy backed Ukraine.",
        published="2024-06-14",
    )
    assert [str(st.date) for st in found.statements] == ["2024-06-12"]


def test_late_on_a_day_last_night_and_a_purpose_on_the_day_of_its_act(run) -> None:
    found = run(
        "In a brief statement late on Saturday, the Honduran foreign ministry said it "
        "recognized China. Lavrov said last night that the talks had failed. Marco Rubio took "
        "to X on Friday to describe Ebrahim Rasool as a race-baiting politician. In a "
        "statement on Sunday, Nasser Kanaani condemned last night's airstrikes by the US.",
        published="2023-03-26",  # a Sunday
    )
    assert [str(st.date) for st in found.statements] == [
        "2023-03-25",
        "2023-03-25",
        "2023-03-24",
        "2023-03-26",
    ]


def test_later_in_the_day_is_the_story_s_day_and_that_day_the_day_named_before(run) -> None:
    found = run(
        "Later in the day, Russian Foreign Minister Sergei Lavrov said Moldova was wrong. On "
        "September 1, a commission in Warsaw presented a report. “The Germans invaded "
        "Poland,” Jaroslaw Kaczynski, the head of PiS, said that day.",
        published="2022-10-04",
    )
    assert [str(st.date) for st in found.statements] == ["2022-10-04", "2022-09-01"]
