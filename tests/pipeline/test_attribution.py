"""Attribution on real texts from ../shared: cues, role nouns, pronouns, institutions."""

import datetime as dt

from conftest import SHARED, dev_case, relations, speakers


def quote_speaker(extraction, start_of_quote: str) -> str:
    return next(
        st.speaker.name for st in extraction.statements if st.quote.startswith(start_of_quote)
    )


def test_according_to_names_the_speaker(run) -> None:
    found = run(dev_case("dev015")["text"])
    assert quote_speaker(found, "the Abraham Accords are") == "Péter Szijjártó"


def test_citing_names_the_speaker_not_the_agency(run) -> None:
    found = run(dev_case("dev013")["text"])
    assert "Dmitry Peskov" in speakers(found)
    assert "Interfax" not in " ".join(speakers(found))


def test_a_pronoun_before_the_name_looks_ahead(run) -> None:
    found = run(dev_case("dev007")["text"])
    assert quote_speaker(found, "Now we see how NATO") == "Maria Zakharova"


def test_role_noun_after_an_according_to(run) -> None:
    found = run(dev_case("dev007")["text"])
    assert quote_speaker(found, "As we can see, NATO") == "Maria Zakharova"


def test_a_country_in_the_lead_is_its_official(run) -> None:
    found = run(dev_case("dev002")["text"])
    assert "China" not in speakers(found)
    assert quote_speaker(found, "accused the Philippines") == "Mao Ning"


def test_institution_speaks(run) -> None:
    found = run(dev_case("dev023")["text"])
    assert "French Foreign Ministry" in speakers(found)


def test_news_agencies_are_not_speakers(run) -> None:
    found = run(
        "Czechia and China signed an agreement today to increase trade in 1983 by 50 "
        "percent compared with last year, the official Czechoslovak news agency Ceteka said today."
    )
    assert not speakers(found)


def test_quote_spans_point_into_the_original_text(run) -> None:
    text = (SHARED / "seeds" / "001_fd3a4b927d9528c0.txt").read_text(encoding="utf-8")
    found = run(text)
    assert len(found.statements) >= 6
    for st in found.statements:
        assert text[st.span[0] : st.span[1]] == st.quote
        if st.cue:
            assert text[st.cue[0] : st.cue[1]].isalpha()


def test_offices_at_the_time(run) -> None:
    # The same words about "the foreign minister" name whoever held the office that day.
    from pipelines.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    lavrov = gaz.lookup("Sergey Lavrov")
    assert lavrov is not None
    import datetime as dt

    assert gaz.office_on(lavrov.id, dt.date(2019, 2, 21)).role == "Foreign Minister"
    assert gaz.office_on(lavrov.id, dt.date(2000, 1, 1)).role != "Foreign Minister"


def test_they_is_not_a_common_noun_read_as_an_alliance(run) -> None:
    # "Western media saw that the deal was aimed at China … However, they did mention
    # regional security concerns": "the deal" names the pact, which does not speak.
    found = run(dev_case("dev017")["text"])
    assert not {"AUKUS", "Trilateral Defense Agreement"} & speakers(found)


def test_a_conjoined_clause_with_the_speakers_quoted_words_is_theirs(run) -> None:
    # "Zelensky said … that these agreements suspended the conflict only for a while, but
    # then the alleged Russian side moved on to "full-scale aggression.""
    found = run(dev_case("dev028")["text"])
    quotes = [st.quote for st in found.statements if st.speaker.name == "Volodymyr Zelensky"]
    assert any(q.startswith("these agreements") and "aggression" in q for q in quotes)


def test_directives_are_cues(run) -> None:
    # "Blinken pressed for Russia to extend the deal"
    found = run(dev_case("dev013")["text"])
    cues = {found_text(st) for st in found.statements if st.speaker.name == "Antony Blinken"}
    assert "pressed" in cues


def found_text(statement) -> str | None:
    text = dev_case("dev013")["text"]
    return text[statement.cue[0] : statement.cue[1]] if statement.cue else None


def test_an_unnamed_official_speaks_for_the_country_named_with_them(run) -> None:
    # PLOVER-GSR SUPPORT example: no person is named, so the official's country speaks.
    found = run(
        "A top U.S. official today praised Haiti's efforts to improve its record on human "
        "rights and said it was an important partner for the United States."
    )
    assert speakers(found) == {"United States"}
    assert ("United States", "supports", "Haiti") in relations(found)


def test_a_role_noun_with_a_country_prefers_a_person_of_that_country(run) -> None:
    # "… Barnaby Joyce also said that Macron should "move on." Biden sought to take damage
    # control … The US leader acknowledged there was a miscommunication": Biden, not Joyce.
    found = run(dev_case("dev008")["text"])
    said = {st.speaker.name for st in found.statements if "miscommunication" in st.quote}
    assert said == {"Joe Biden"}


def test_a_cue_in_a_by_phrase_speaks_for_the_clause_subject(run) -> None:
    # "Ryabkov responded by saying that while the collapse of New START will cause …"
    found = run(dev_case("dev006")["text"])
    cues = {
        dev_case("dev006")["text"][st.cue[0] : st.cue[1]]
        for st in found.statements
        if st.speaker.name == "Sergey Ryabkov" and st.cue
    }
    assert "saying" in cues


def test_a_claim_through_a_to_infinitive_is_a_statement(run) -> None:
    # "The German government then claimed to have evidence of his poisoning with a nerve
    # agent from the Novichok group."
    found = run(dev_case("dev020")["text"])
    claims = [st for st in found.statements if st.quote.startswith("to have evidence")]
    assert [st.speaker.name for st in claims] == ["German Government"]


def test_a_surname_the_ner_missed_is_the_person_named_before(run) -> None:
    # Written for this test (no sentence in ../shared/data has the case): the NER tags no
    # entity on the lone "Çavuşoğlu", which named no speaker before.
    found = run(
        "Governments must honour old treaties, minister says\n\n"
        "Foreign Minister Mevlüt Çavuşoğlu said on Monday that governments must honour the "
        "agreements their predecessors signed.\n\n"
        "Çavuşoğlu said it was wrong for any new government to walk away from a treaty its "
        "country had ratified."
    )
    quotes = {st.quote: st.speaker.name for st in found.statements}
    assert (
        quotes.get(
            "it was wrong for any new government to walk away from a treaty its country had "
            "ratified"
        )
        == "Mevlüt Çavuşoğlu"
    )


def test_a_title_inside_a_persons_name_is_no_role(run) -> None:
    # "Amir" in the name is not the title emir: the office comes from the gazetteer, and
    # "the minister" later finds him through it.
    found = run(
        "Iran's foreign minister said Sunday that Tehran would not halt enrichment. "
        "Hossein Amir-Abdollahian told reporters that the United States had betrayed the "
        "deal.\n\nThe minister also criticized European countries for their silence.",
        published="2023-06-04",
    )
    roles = {st.role for st in found.statements if st.speaker.name == "Hossein Amir-Abdollahian"}
    assert roles == {"Foreign Minister"}
    assert quote_speaker(found, "criticized European") == "Hossein Amir-Abdollahian"


def test_a_speaker_named_without_a_title_holds_the_office_of_that_day(run) -> None:
    # The gazetteer's latest office (Norway's finance minister, 2025) is not his in 2023.
    found = run(
        "Jens Stoltenberg called on Moscow to reconsider its decision on Tuesday.",
        published="2023-02-22",
    )
    (statement,) = found.statements
    assert statement.role == "Secretary-General"
    assert statement.speaks_for is None


def test_a_persons_title_is_theirs_not_their_bodys(run) -> None:
    found = run(
        "Matthew Miller, the State Department spokesman, told reporters that Washington "
        "remained ready to talk.",
        published="2023-02-22",
    )
    (statement,) = found.statements
    assert (statement.role, statement.speaks_for.name) == ("Spokesperson", "United States")


def test_an_unnamed_spokesman_for_a_body_speaks_for_it(run) -> None:
    found = run(
        "A spokesman for the North Korean foreign ministry said Pyongyang would respond to "
        "the growing military cooperation between Washington, Tokyo and Seoul.",
        published="2023-03-17",
    )
    (statement,) = found.statements
    assert (statement.speaker.name, statement.speaks_for.name) == (
        "North Korean Foreign Ministry",
        "North Korea",
    )


def test_a_finished_quote_keeps_its_cue_before_when_the_next_cue_reports_its_own(run) -> None:
    found = run(
        'Kenyan President William Ruto said: "We want the Black Sea Grain Initiative '
        'restored." He said Kenya wanted the talks to resume.',
        published="2023-07-28",
    )
    quotes = {st.quote for st in found.statements}
    assert quotes == {
        "We want the Black Sea Grain Initiative restored.",
        "Kenya wanted the talks to resume",
    }


def test_according_to_ends_where_the_parser_glued_the_subject_on(run) -> None:
    # The parser reads "Russia's withdrawal" as an apposition to the source; no comma
    # closes it, so it starts what was said. A real apposition stays with the source.
    for text in (
        "According to Ukrainian Foreign Minister Dmytro Kuleba, Russia's withdrawal from the "
        "deal was a crime.",
        "According to Dmytro Kuleba, Ukraine's foreign minister, Russia's withdrawal from the "
        "deal was a crime.",
    ):
        (statement,) = run(text, published="2023-07-28").statements
        assert statement.quote == "Russia's withdrawal from the deal was a crime"


def test_a_countrys_words_are_not_given_to_an_official_named_paragraphs_later(run) -> None:
    text = (
        "The Kremlin said on Thursday the step was needed to mirror the position of the "
        "United States.\n\nUS Secretary of State Antony Blinken called it a mistake.\n\n"
        "Analysts were divided.\n\nMarkets were calm.\n\n"
        "Deputy Foreign Minister Sergei Ryabkov said Russia would not resume testing."
    )
    found = run(text, published="2023-11-02")
    assert quote_speaker(found, "the step was needed") == "Russia"


def test_a_participle_after_a_subordinate_clause_is_the_main_subjects(run) -> None:
    found = run(
        "India on Saturday hit back at Pakistan after Prime Minister Shehbaz Sharif raked up "
        "the Kashmir issue at the UN General Assembly, accusing Islamabad of harbouring "
        "terrorists.",
        published="2022-09-25",
    )
    assert quote_speaker(found, "accusing Islamabad") == "India"


def test_a_date_in_the_speakers_own_participle_dates_the_statement(run) -> None:
    found = run(
        "Pakistan's Prime Minister Shehbaz Sharif said on Friday that talks were needed.\n\n"
        "External Affairs Minister S Jaishankar, speaking on September 24, said India was "
        "committed to the UN Charter.",
        published="2022-09-25",
    )
    dates = {st.speaker.name: st.date for st in found.statements}
    assert dates["S. Jaishankar"] == dt.date(2022, 9, 24)
    assert dates["Shehbaz Sharif"] == dt.date(2022, 9, 23)


def test_conjoined_speakers_each_say_it(run) -> None:
    found = run(
        "Russian Foreign Minister Sergey Lavrov and his Chinese counterpart Wang Yi on Monday "
        "condemned the AUKUS pact.",
        published="2023-07-31",
    )
    assert relations(found) == {
        ("Sergey Lavrov", "criticizes", "AUKUS"),
        ("Wang Yi", "criticizes", "AUKUS"),
    }
    assert {st.date for st in found.statements} == {dt.date(2023, 7, 31)}


def test_a_leading_citing_is_a_reason_and_a_negated_cue_says_nothing(run) -> None:
    # GUM (Wikinews) sentence: "Citing privacy rules" opens no quote, "have not said" says
    # nothing, and the ambassador's "says" after them is found.
    found = run(
        "Citing privacy rules, U.S. officials have not said why the team was initially denied "
        "visas, but Afghan Ambassador Hamdullah Mohib says there were concerns they would "
        "attempt to remain in the United States or in Canada after the contest."
    )
    assert [(st.speaker.name, st.quote[:22]) for st in found.statements] == [
        ("Hamdullah Mohib", "there were concerns th")
    ]


def test_a_cue_the_parser_left_without_a_subject_takes_the_name_just_before(run) -> None:
    found = run(
        "Speaking in the parents' defense, Tom Molomby, SC, said that, as the parents came from "
        "India, they should be declared not guilty."
    )
    (statement,) = found.statements
    assert statement.speaker.name == "Tom Molomby"
    assert statement.quote.startswith("as the parents came")


def test_what_was_said_in_a_statement_that_is_the_content(run) -> None:
    found = run(
        "Steve Whitmore, a representative for the sheriff's office, told LA Weekly in a "
        "statement that the case was being dealt with as grand theft."
    )
    (statement,) = found.statements
    assert statement.quote == "the case was being dealt with as grand theft"


def test_junior_diplomats_and_commissioners_have_roles(run) -> None:
    found = run(
        "Exercising India's right of reply, first secretary Mijito Vinito said the accusations "
        "were false. European Commissioner Thierry Breton said the rules would apply.",
        published="2022-09-25",
    )
    roles = {st.speaker.name: st.role for st in found.statements}
    assert roles == {"Mijito Vinito": "Diplomat", "Thierry Breton": "Commissioner"}


def test_courtesy_titles_long_roles_and_host_countries(run) -> None:
    found = run(
        "Ghana's Minister of Foreign Affairs, Shirley Ayorkor Botchwey, backed Kenya's "
        "position. Ms Botchwey said the African Union stood united.\n\n"
        "The EU ambassador to Kenya, Henriette Geiger, defended the rules. Russian Ambassador "
        "to the United States Anatoly Antonov said Washington was wrong.",
        published="2023-06-13",
    )
    seen = {
        (st.speaker.name, st.role, st.speaks_for.name if st.speaks_for else None)
        for st in found.statements
    }
    assert seen == {
        ("Shirley Ayorkor Botchwey", "Foreign Minister", "Ghana"),  # also "Ms Botchwey"
        ("Henriette Geiger", "Ambassador", None),  # posted to Kenya, speaks for the EU
        ("Anatoly Antonov", "Ambassador", "Russia"),
    }


def test_a_speech_noun_with_an_owner_reports_their_words(run) -> None:
    # dev025 shape: Kim's remarks are his statement, inside Yoon's story.
    found = run(
        "Regarding North Korea's leader Kim Jong Un's recent remarks that North Korea is a "
        "nuclear-armed state, South Korean President Yoon Suk Yeol asserted that the claim "
        "was false.",
        published="2024-10-06",
    )
    said = {(st.speaker.name, st.quote) for st in found.statements}
    assert ("Kim Jong Un", "North Korea is a nuclear-armed state") in said
    assert ("Yoon Suk Yeol", "the claim was false") in said


def test_a_role_that_only_qualifies_another_is_not_the_speakers(run) -> None:
    # dev026 wording: "Chinese Foreign Minister spokesperson" is a spokesperson.
    found = run(
        '"It aims to stoke confrontation," said Zhao Lijian, Chinese Foreign Minister '
        "spokesperson.",
        published="2021-02-19",
    )
    assert [st.role for st in found.statements] == ["Spokesperson"]


def test_according_to_a_statement_from_a_body(run) -> None:
    found = run(
        "According to a statement from the European Commission, the bloc will look for ways "
        "to support Kyiv without Hungary's consent.",
        published="2023-12-15",
    )
    assert [st.speaker.name for st in found.statements] == ["European Commission"]


def test_the_title_a_person_was_introduced_with_finds_them_again(run) -> None:
    # "the secretary" is Manalo, introduced as Foreign Secretary, not the spokesperson
    # quoted in between.
    found = run(
        "Philippine Foreign Secretary Enrique Manalo summoned the Chinese envoy. "
        '"The Philippines must stop," Chinese spokesperson Gan Yu said.\n\n'
        "The secretary said Manila would not be intimidated.",
        published="2024-03-24",
    )
    assert quote_speaker(found, "Manila would not") == "Enrique Manalo"


def test_a_vague_title_keeps_the_known_office(run) -> None:
    found = run(
        "Secretary Antony Blinken said Washington stood with Manila.", published="2024-03-24"
    )
    assert [st.role for st in found.statements] == ["Foreign Minister"]


def test_he_after_an_apposed_subject_is_that_person(run) -> None:
    found = run(
        "Ministry spokesman Esmaeil Baghaei told a news conference in Tehran that it was a "
        "mistake.\n\nSaudi Arabia's foreign minister, Prince Faisal bin Farhan, called for "
        "restraint. He told reporters in Riyadh that the kingdom rejected any escalation.",
        published="2024-10-08",
    )
    assert quote_speaker(found, "the kingdom rejected") == "Faisal bin Farhan"


def test_a_possessor_is_not_the_speaker(run) -> None:
    found = run(
        "Putin's foreign policy adviser Yuri Ushakov said separately that Moscow was ready to "
        "discuss the New START treaty with Washington.",
        published="2022-12-20",
    )
    assert [st.speaker.name for st in found.statements] == ["Yuri Ushakov"]


def test_according_to_an_envoy_keeps_the_country_they_speak_for(run) -> None:
    # The "to" of "according to" holds the whole source: only an envoy's own "to/in"
    # phrase names where they are posted.
    found = run(
        "According to Kenyan ambassador Peter Kamau, Kenya was open to talks.",
        published="2023-06-13",
    )
    assert [st.speaks_for.name for st in found.statements if st.speaks_for] == ["Kenya"]


def test_quoted_as_saying_is_the_one_quoted_not_the_agency(run) -> None:
    found = run(
        '"We have strong doubts that the new shield will make anyone more secure," Russian '
        "Security Council Secretary Nikolai Patrushev was quoted as saying by Interfax. "
        "Ryabkov was cited as saying that the treaty was dead."
    )
    assert quote_speaker(found, "We have strong doubts") == "Nikolai Patrushev"
    assert quote_speaker(found, "the treaty was dead") == "Sergey Ryabkov"


def test_unnamed_officials_speak_for_their_country(run) -> None:
    found = run(
        "A senior Chinese official said the sanctions were a gross interference. "
        "Iranian diplomats said the United States had violated the nuclear deal."
    )
    assert speakers(found) == {"China", "Iran"}
    assert ("Iran", "criticizes", "United States") in relations(found)


def test_the_officials_are_no_one_named_before(run) -> None:
    found = run(
        "Chinese Foreign Minister Wang Yi met Antony Blinken in Beijing on Monday. "
        "The officials said the talks were useful."
    )
    assert "Wang Yi" not in speakers(found)


def test_that_clause_after_a_phone_call_is_what_was_told(run) -> None:
    found = run(
        "Erdogan told US President Joe Biden in a phone call on Sunday that Turkey wanted "
        "to buy new jets."
    )
    assert quote_speaker(found, "Turkey wanted") == "Recep Tayyip Erdoğan"


def test_a_name_the_model_does_not_know_still_speaks(run) -> None:
    found = run(
        "Sven Mikser of Estonia, Edgars Rinkevics of Latvia and Linas Linkevicius of Lithuania "
        'thanked Washington.\n\n"I think that the whole international order is under '
        "attack,\" Rinkevics said. Pakistan's Foreign Office spokesperson Asim Iftikhar Ahmad "
        "said the Indian minister had distorted history. Reuters said the vote was delayed. "
        "The official recalled that the vote was delayed, reports Prensa Latina."
    )
    assert quote_speaker(found, "I think that the whole") == "Edgars Rinkēvičs"
    assert quote_speaker(found, "the Indian minister") == "Asim Iftikhar Ahmad"
    assert not {"Reuters", "Prensa Latina"} & speakers(found)


def test_a_short_quote_opening_its_sentence_is_direct_speech(run) -> None:
    found = run('"The statements are populist," Lavrov said.')
    assert [(st.kind, st.quote) for st in found.statements] == [
        ("direct", "The statements are populist")
    ]


def test_reported_speech_keeps_the_quote_it_opens_closed(run) -> None:
    found = run('Lavrov said the statements were "populist and absurd".')
    assert found.statements[0].quote == 'the statements were "populist and absurd"'


def test_a_headline_verb_is_not_part_of_a_name(run) -> None:
    found = run(
        "Vucic Blames Kosovo, EU for Spike in Tensions\n\nSerbian President Aleksandar Vucic "
        'on Monday accused Kosovo of provoking tensions. "Pristina is doing everything to '
        'provoke a conflict," Vucic said.'
    )
    assert speakers(found) == {"Aleksandar Vučić"}


def test_a_name_after_a_title_is_a_person_even_if_the_model_says_body(run) -> None:
    found = run(
        'Turkish Foreign Ministry spokesman Tanju Bilgic said on Monday: "The statements '
        'of the Greek minister are populist and unrealistic claims."\n\nHe underlined that '
        "Greece prefers tensions over dialogue."
    )
    assert {(st.speaker.name, st.speaker.type.value) for st in found.statements} == {
        ("Tanju Bilgic", "Person")
    }
    assert len(found.statements) == 2


def test_titles_are_not_names_of_unknown_speakers(run) -> None:
    found = run(
        "Foreign Ministers from Lithuania, Latvia and Estonia have warned that the talks "
        'could weaken the alliance. "The decision is justified," Duma Speaker Vyacheslav '
        "Volodin said."
    )
    assert "Foreign Ministers" not in speakers(found)
    assert "Speaker" not in speakers(found)


def test_a_second_speaker_after_while_has_their_own_statement(run) -> None:
    found = run(
        'The Russian embassy said the remarks were "regrettable", while the Chinese embassy '
        'said they were "baseless accusations".'
    )
    assert quote_speaker(found, "the remarks were") == "Russian Embassy"
    assert quote_speaker(found, "they were") == "Chinese Embassy"
    assert "Chinese" not in found.statements[0].quote


def test_an_administration_that_owns_the_title_is_not_the_speaker(run) -> None:
    found = run(
        "The Trump administration's new US ambassador to the United Nations, Nikki Haley, "
        "strongly denounced Russia."
    )
    assert speakers(found) == {"Nikki Haley"}


def test_denials_issued_statements_and_calls_for_something_are_statements(run) -> None:
    found = run(
        "China has denied operating a militia in the South China Sea. The African Union "
        'issued a statement on Thursday. "The chairperson challenges the military to release '
        'the president," the statement said. Lavrov called for an end to the blockade.'
    )
    assert quote_speaker(found, "operating a militia") == "China"
    assert quote_speaker(found, "The chairperson challenges") == "African Union"
    assert quote_speaker(found, "an end to the blockade") == "Sergey Lavrov"


def test_a_relative_clause_does_not_describe_whom_the_speaker_speaks_for(run) -> None:
    found = run(
        "Philippine President Rodrigo Duterte, who has been a staunch supporter of China, "
        "said the incident was regrettable. The spokesman of the ministry, who met Antony "
        "Blinken on Monday, said the talks were useful."
    )
    assert [(st.speaker.name, st.speaks_for and st.speaks_for.name) for st in found.statements] == [
        ("Rodrigo Duterte", "Philippines")
    ]


def test_a_generic_body_belongs_to_the_country_of_the_story(run) -> None:
    found = run(
        "Pakistani Prime Minister Shehbaz Sharif said the talks failed. The Foreign Office "
        "said the remarks were baseless. Foreign Office spokesperson Mumtaz Zahra Baloch said "
        "India had distorted history."
    )
    assert {st.speaks_for.name for st in found.statements if st.speaks_for} == {"Pakistan"}
    alone = run("The Foreign Office said the remarks were baseless.")
    assert alone.statements[0].speaks_for.name == "United Kingdom"


def test_a_surname_that_is_also_a_word_finds_the_person(run) -> None:
    found = run(
        'U.S. State Department spokesperson Ned Price spoke on Monday. "Russia must stop the '
        'war now," Price said.'
    )
    assert quote_speaker(found, "Russia must stop") == "Ned Price"


def test_the_reporters_question_is_not_a_statement(run) -> None:
    found = run(
        "When asked if there was any hope that New START would be extended, Russian Foreign "
        "Ministry official Vladimir Yermakov said the prospects were dim."
    )
    assert [st.quote for st in found.statements] == ["the prospects were dim"]


def test_they_is_never_one_person(run) -> None:
    found = run(
        "State Department spokesperson Ned Price said the talks were useful. They warned "
        "Moscow that it would pay a price."
    )
    assert [st.speaker.name for st in found.statements] == ["Ned Price"]


def test_an_office_named_nowhere_speaks_for_its_country(run) -> None:
    found = run("Qatar's foreign minister blamed Saudi Arabia for the crisis.")
    assert relations(found) == {("Qatar", "criticizes", "Saudi Arabia")}
    vague = run("The Chinese official said the talks were useful.")
    assert not vague.statements


def test_a_lead_opening_with_a_quote_under_a_heading(run) -> None:
    found = run(
        "In his first trip to Asia, Blinken warns China against coercion\n"
        '"China uses coercion and aggression to erode autonomy in Hong Kong," U.S. Secretary '
        "of State Antony Blinken said at a news conference in Tokyo."
    )
    assert quote_speaker(found, "China uses coercion") == "Antony Blinken"


def test_the_lead_after_a_dateline_keeps_its_subject(run) -> None:
    found = run(
        "Pakistan rejects Jaishankar's irresponsible assertions: FO\n\nISLAMABAD: Pakistan on "
        "Saturday firmly rejected the irresponsible assertions made by the Indian External "
        "Affairs Minister S. Jaishankar, saying the remarks were aimed at deflecting attention."
    )
    assert quote_speaker(found, "the remarks were aimed") == "Pakistan"
    assert ("Pakistan", "criticizes", "India") in relations(found)
    assert "Indian External Affairs" not in {t for _, _, t in relations(found)}


def test_said_beside_the_clause_it_reports(run) -> None:
    found = run(
        "Responding to media queries, the Spokesperson of the Ministry of Foreign Affairs, "
        "Ambassador Tahir Andrabi, said India's documented involvement in promoting terrorist "
        'activities in the region, particularly in Pakistan, "is well known".'
    )
    assert quote_speaker(found, "India's documented involvement") == "Tahir Andrabi"


def test_a_newspaper_that_reports_is_no_speaker(run) -> None:
    found = run(
        "Russian President Vladimir Putin announced Tuesday that he would suspend the treaty, "
        "The Wall Street Journal reported."
    )
    assert speakers(found) == {"Vladimir Putin"}


def test_the_importance_stressed_is_a_statement(run) -> None:
    found = run("French President Emmanuel Macron stressed the importance of the INF Treaty.")
    assert speakers(found) == {"Emmanuel Macron"}


def test_a_surname_in_the_headline_takes_the_full_name_given_later(run) -> None:
    found = run(
        "Varadkar regrets protocol row\n\nThe Prime Minister of Ireland, Leo Varadkar, admitted "
        "the protocol had problems. Varadkar said the EU would be flexible."
    )
    assert speakers(found) == {"Leo Varadkar"}


def test_an_honorific_and_first_name_find_the_gulf_minister(run) -> None:
    found = run(
        "Qatar's foreign minister, Sheikh Mohammed bin Abdulrahman al-Thani, said the blockade "
        'was illegal. "We will not surrender to the pressure," Sheikh Mohammed said.'
    )
    assert len(speakers(found)) == 1


def test_an_unnamed_official_is_not_a_leader_named_nearby(run) -> None:
    found = run(
        "North Korea expressed anger on Tuesday over the drills, saying North Korean leader Kim "
        "Jong Un would respond. An official from the North Korean foreign ministry claimed the "
        "drills were a rehearsal for invasion."
    )
    assert "Kim Jong Un" not in speakers(found)


def test_a_long_title_does_not_eat_the_name_after_it(run) -> None:
    found = run(
        "EU High Representative for Foreign Affairs Federica Mogherini said the deal must be "
        "preserved."
    )
    assert speakers(found) == {"Federica Mogherini"}


def test_a_social_network_is_never_a_person(run) -> None:
    found = run(
        '"The escalation is a tragic chapter," Anwar Gargash, UAE minister of state for foreign '
        "affairs, wrote on Twitter.\nQatar's foreign minister rejected what he described as "
        '"interference" in his country\'s foreign policy.\nSheikh Mohammed bin Abdulrahman '
        "Al-Thani said no one gave Arab nations the right to blockade his country."
    )
    assert "Twitter" not in speakers(found)


def test_a_joint_statement_of_countries_stays_theirs(run) -> None:
    found = run(
        "Germany, France and Italy said the 2015 Paris climate agreement cannot be "
        "renegotiated. French President Emmanuel Macron said the deal was irreversible."
    )
    assert quote_speaker(found, "the 2015 Paris") == "Germany"
    assert {st.speaker.name for st in found.statements if st.quote.startswith("the 2015")} == {
        "Germany",
        "France",
        "Italy",
    }


def test_pressing_ahead_is_an_act_not_words(run) -> None:
    found = run(
        "The United Nations, Turkey and Ukraine pressed ahead to implement the Black Sea "
        "grain deal."
    )
    assert not found.statements


def test_the_statement_said_is_its_issuers(run) -> None:
    found = run(
        "In a statement carried by KCNA, an official from the North Korean foreign ministry "
        "claimed the drill would violate an agreement.\n\nThe statement came one day after "
        "officials in Washington said the allies would skip the exercise.\n\n"
        '"The U.S. announcing plans for a joint air exercise is a declaration of '
        'confrontation," the statement said.'
    )
    assert quote_speaker(found, "The U.S. announcing") == "North Korean Foreign Ministry"


def test_a_title_opening_the_sentence_is_not_part_of_the_name(run) -> None:
    # The NER takes "Spokesperson Mumtaz Zahra Baloch" for one name, or for a body.
    for title in ("Spokesperson", "Ambassador"):
        found = run(f"{title} Mumtaz Zahra Baloch said the talks had failed.")
        assert [st.speaker.name for st in found.statements] == ["Mumtaz Zahra Baloch"]
        assert found.statements[0].speaker.type.value == "Person"


def test_continuing_an_act_is_not_speech(run) -> None:
    found = run("Russia continues its blockade of the ports, President Zelensky said.")
    assert [st.speaker.name for st in found.statements] == ["Volodymyr Zelensky"]
    assert ("Volodymyr Zelensky", "criticizes", "Russia") in relations(found)


def test_his_spokesperson_speaks_for_him(run) -> None:
    found = run(
        "UN Secretary-General Antonio Guterres was deeply concerned about Russia's decision "
        "to withdraw from the grain deal, his spokesperson said."
    )
    assert relations(found) == {("António Guterres", "criticizes", "Russia")}


def test_a_readout_is_where_a_named_speakers_words_come_from(run) -> None:
    found = run(
        "Chinese President Xi Jinping told U.S. President Joe Biden that Washington should "
        "stop arming Taiwan, according to a readout from Beijing."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Xi Jinping", "Washington should stop arming Taiwan")
    ]


def test_a_quote_resumed_after_its_cue_is_the_same_speakers(run) -> None:
    found = run(
        '"This blatant aggression," the Syrian Foreign Ministry said, "is part of a systematic '
        'policy." "We will not accept this," Lavrov said. "the deal is dead" was on a banner.'
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Syrian Foreign Ministry", "This blatant aggression"),
        ("Syrian Foreign Ministry", "is part of a systematic policy."),
        ("Sergey Lavrov", "We will not accept this"),
    ]


def test_a_word_of_the_quote_is_not_the_object_of_its_cue(run) -> None:
    # The parser makes "aggression" the object of "continued": still a report of words.
    found = run(
        "The Syrian Foreign Ministry issued a statement on Monday.\n\n"
        '"This blatant aggression," the statement continued, "is part of a systematic policy '
        'pursued by Israel."'
    )
    assert {st.speaker.name for st in found.statements} == {"Syrian Foreign Ministry"}


def test_said_before_a_name_is_no_part_of_it(run) -> None:
    found = run(
        '"We are extremely disappointed over the lack of progress," said Ali Mohamed, chairman '
        "of the African group."
    )
    assert [st.speaker.name for st in found.statements] == ["Ali Mohamed"]


def test_issuing_a_statement_that_condemns(run) -> None:
    found = run(
        "United Nations Secretary-General Antonio Guterres issued a statement condemning the "
        "Israeli strikes. The Syrian Foreign Ministry issued a statement on Monday."
    )
    assert relations(found) == {("António Guterres", "criticizes", "Israel")}
    assert len(found.statements) == 1  # a statement issued, its words not given


def test_an_unnamed_spokesperson_of_a_body_speaks_for_it(run) -> None:
    found = run(
        'BEIJING -- China on Monday criticized Japan\'s plan. "We firmly oppose this," a '
        'foreign ministry spokesperson said. "Japan must stop," the spokesperson said.'
    )
    assert [st.speaker.name for st in found.statements][1:] == ["Chinese Foreign Ministry"] * 2
    # With no country anywhere, "a foreign ministry" is nobody's: no statement.
    alone = run('"We strongly condemn this," a foreign ministry spokesperson said.')
    assert not alone.statements


def test_he_after_a_quote_is_not_someone_named_in_passing(run) -> None:
    # Named in a subordinate clause, or inside what another speaker said.
    for text, speaker in (
        (
            "Russian President Vladimir Putin spoke on Tuesday, one day after President Joe "
            'Biden visited Kyiv. "They want to inflict a strategic defeat on us," he added.',
            "Vladimir Putin",
        ),
        (
            "Finnish Foreign Minister Pekka Haavisto said Turkish Foreign Minister Mevlut "
            'Cavusoglu confirmed the talks. "My understanding is that talks will resume," he '
            "told.",
            "Pekka Haavisto",
        ),
        (
            "Lavrov spoke on Monday. Antony Blinken met Wang Yi in Beijing on Tuesday. He said "
            "the talks were useful.",
            "Antony Blinken",
        ),
    ):
        assert run(text).statements[-1].speaker.name == speaker, text


def test_a_low_opening_quote_mark_opens_a_quote(run) -> None:
    found = run(
        "„They don't want to form the Community of Serb Municipalities,\" Serbian President "
        "Aleksandar Vucic said."
    )
    assert [(st.speaker.name, st.kind) for st in found.statements] == [
        ("Aleksandar Vučić", "direct")
    ]


def test_more_ways_of_reporting(run) -> None:
    found = run(
        "At the forum, Lavrov iterated that Ukraine may have found some acceptable principles. "
        "Politico quoted Kosovo Prime Minister Albin Kurti as saying that Serbia protects "
        "Radoicic."
    )
    assert [st.speaker.name for st in found.statements] == ["Sergey Lavrov", "Albin Kurti"]


def test_a_transcript_line_names_its_speaker_before_a_colon(run) -> None:
    found = run(
        "Japanese Ambassador Koro Bessho attended the meeting on Monday.\n\nKoro Bessho: “We "
        "welcome the swift adoption of the statement. We will not accept the reckless behavior "
        'of North Korea.”\n\nThe result: "a clear defeat for the government," it said.'
    )
    assert [(st.speaker.name, st.kind) for st in found.statements][0] == ("Koro Bessho", "direct")
    assert ("Koro Bessho", "criticizes", "North Korea") in relations(found)
    assert "a clear defeat for the government" not in {st.quote for st in found.statements}


def test_a_speaker_keeps_the_title_of_the_first_mention(run) -> None:
    found = run(
        "Japanese Ambassador Koro Bessho attended the meeting on Monday. Bessho said the "
        "behavior of North Korea was unacceptable."
    )
    [statement] = found.statements
    assert (statement.role, statement.speaks_for and statement.speaks_for.name) == (
        "Ambassador",
        "Japan",
    )


def test_a_leaders_administration_is_the_government(run) -> None:
    found = run("The Biden administration said it is working with the State Department.")
    [statement] = found.statements
    assert statement.speaker.type.value == "Organization"
    assert statement.speaks_for.name == "United States"


def test_a_relative_clause_before_the_cue(run) -> None:
    # The parser makes "called" a modifier of "Taro Aso", and hangs "to show" on "called".
    found = run(
        "Former Japanese Prime Minister Taro Aso, who is also the vice president of Japan's "
        "ruling party, called on Japan and the United States to show readiness to fight."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Taro Aso", "on Japan and the United States to show readiness to fight")
    ]


def test_a_body_named_by_its_title_is_the_acting_countrys(run) -> None:
    found = run("Mali on Monday expelled the French ambassador, the government said.")
    assert [(st.speaker.name, st.speaks_for.name) for st in found.statements] == [
        ("Malian Government", "Mali")
    ]


def test_words_offered_or_called_for(run) -> None:
    found = run(
        "Chinese Foreign Minister Wang Yi offered whole-hearted congratulations to the two "
        "countries. UN Secretary-General Antonio Guterres reiterated his call for an immediate "
        "humanitarian ceasefire. Russia offered a deal to Ukraine."
    )
    assert [st.speaker.name for st in found.statements] == ["Wang Yi", "António Guterres"]


def test_hit_back_and_put_it_introduce_quotes(run) -> None:
    found = run(
        "Serbian President Aleksandar Vucic said he has no relationship with Albin Kurti, and "
        "the Kosovo leader hit back: \"When he speaks, I don't intervene. Whenever I speak, he "
        'complains."\n\n'
        "Nigeria's envoy Nkiruka Maduekwe put it even more bluntly: \"This is an insult to the "
        'developing world."'
    )
    direct = [(st.speaker.name, st.quote) for st in found.statements if st.kind == "direct"]
    assert direct == [
        ("Albin Kurti", "When he speaks, I don't intervene. Whenever I speak, he complains."),
        ("Nkiruka Maduekwe", "This is an insult to the developing world."),
    ]


def test_a_spokesperson_of_one_body_is_not_one_named_later_for_another(run) -> None:
    found = run(
        "China is firmly opposed to the new export control measures, a spokesperson from the "
        "Ministry of Commerce said.\n\nThe spokesperson added that the U.S. move severely "
        "undermines market rules.\n\nThe weaponization of trade issues will not stop China's "
        "development, China's Foreign Ministry Spokesperson Mao Ning said on Saturday."
    )
    assert [st.speaker.name for st in found.statements] == [
        "Ministry of Commerce",
        "Ministry of Commerce",
        "Mao Ning",
    ]


def test_an_announcement_of_a_body_takes_the_country_of_its_quote(run) -> None:
    found = run(
        'Greek Prime Minister Kyriakos Mitsotakis spoke on Monday. "Greece once again rejects '
        'the Turkish unilateral claims in total," a Foreign Ministry announcement said.'
    )
    assert [(st.speaker.name, st.speaks_for.name) for st in found.statements] == [
        ("Greek Foreign Ministry", "Greece")
    ]


def test_a_name_after_the_cue_the_parser_takes_for_its_object(run) -> None:
    found = run(
        'Finnish Foreign Minister Pekka Haavisto spoke on Monday. "I am sure that the '
        'statement reflects the fact that we have made progress with Turkey," analysed Haavisto.'
    )
    assert [st.speaker.name for st in found.statements] == ["Pekka Haavisto"]


def test_the_title_of_a_first_mention_is_what_stands_before_the_name(run) -> None:
    found = run(
        "The president of Brazil, the leftist Luiz Inácio Lula da Silva, and his Argentine "
        'counterpart, Javier Milei, have not yet spoken. "I have not spoken with the president '
        'of Argentina because I believe he has to apologize," Lula said.'
    )
    [statement] = found.statements
    assert statement.speaks_for.name == "Brazil"
    apposed = run(
        "Pham Thu Hang, spokesperson of the Vietnamese Foreign Ministry, spoke on Thursday. "
        "Hang said China must respect Vietnam's sovereignty."
    )
    [statement] = apposed.statements
    assert (statement.role, statement.speaks_for.name) == ("Spokesperson", "Vietnam")


def test_the_statement_said_is_whoever_issued_it_before(run) -> None:
    # The NER takes "Communique" in the title for a person: no spokesperson is that.
    found = run(
        "China reacts sharply to G7 leaders' Communique\n\n"
        "The Chinese Foreign Ministry's spokesperson issued remarks on Saturday night.\n\n"
        "The statement said, \"Despite China's serious concerns, the G7 used issues concerning "
        'China to smear and attack China."\n\n'
        'It said, "Gone are the days when a handful of Western countries can just meddle in '
        "other countries' internal affairs.\""
    )
    assert [st.speaker.name for st in found.statements] == ["Chinese Foreign Ministry"] * 2
    assert ("Chinese Foreign Ministry", "criticizes", "G7") in relations(found)


def test_a_lead_names_the_title_and_a_later_sentence_the_person(run) -> None:
    # "Estonia's foreign minister said" in the lead; "the spokesperson added" refers back.
    found = run(
        "Estonia's foreign minister said Wednesday that NATO has about three or four years to "
        "strengthen its defenses.\n\nForeign Minister Margus Tsahkna told reporters in Warsaw "
        "that Russia was rebuilding its army."
    )
    assert [st.speaker.name for st in found.statements] == ["Margus Tsahkna"] * 2


def test_a_wire_style_day_between_subject_and_verb(run) -> None:
    # "Pakistan Tuesday condemned": the parser heads the subject with the day.
    found = run(
        "Pakistan Tuesday strongly condemned the drone strike on a wedding party.",
        published="2024-03-14",
    )
    assert [(st.speaker.name, st.date) for st in found.statements] == [
        ("Pakistan", dt.date(2024, 3, 12))
    ]


def test_a_name_set_off_after_a_title_of_a_country(run) -> None:
    # The NER calls the name a body, and the parser hangs it on the country.
    found = run(
        '"We will never accept this," stressed the president of Colombia, Gustavo Petro, in '
        "a televised address."
    )
    assert [(st.speaker.name, st.role, st.speaks_for.name) for st in found.statements] == [
        ("Gustavo Petro", "President", "Colombia")
    ]


def test_officials_of_several_countries_speak_for_each(run) -> None:
    found = run(
        "In a joint statement, the foreign ministers of France, Germany and Italy condemned "
        "the attack. The ambassadors of Canada and Mexico said the tariffs were unjustified."
    )
    assert [st.speaker.name for st in found.statements] == [
        "France",
        "Germany",
        "Italy",
        "Canada",
        "Mexico",
    ]


def test_a_government_title_with_no_country_is_the_datelines(run) -> None:
    found = run(
        "ISLAMABAD: The Foreign Office on Thursday rejected the remarks. Spokesperson Dr "
        "Muhammad Faisal said the claims were baseless."
    )
    assert [(st.speaker.name, st.speaks_for.name) for st in found.statements] == [
        ("Pakistani Foreign Office", "Pakistan"),
        ("Muhammad Faisal", "Pakistan"),
    ]
    # Without a dateline nothing tells; an envoy is posted abroad, never the dateline's.
    assert (
        run("Foreign Minister Hugh Todd said the order was violated.").statements[0].speaks_for
        is None
    )
    envoy = run("HANOI, March 3 (VNA) - Ambassador Jane Doe said the drills were a concern.")
    assert envoy.statements[0].speaks_for is None


def test_an_envoy_for_a_country_does_not_speak_for_it(run) -> None:
    found = run(
        "UN special envoy for Syria Geir Pedersen said the talks had stalled. Russian special "
        "envoy for Syria Alexander Lavrentiev said the talks had stalled."
    )
    assert [(st.speaker.name, st.speaks_for and st.speaks_for.name) for st in found.statements] == [
        ("Geir Pedersen", None),
        ("Alexander Lavrentiev", "Russia"),
    ]


def test_what_a_directive_asks_for_by_its_object(run) -> None:
    found = run(
        "Guterres has also urged a humanitarian truce in Gaza. Russia demanded the release of "
        "its citizens. Josep Borrell stressed the urgent need for a ceasefire. The minister "
        "urged the parties to show restraint."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("António Guterres", "a humanitarian truce"),
        ("Russia", "the release of its citizens"),
        ("Josep Borrell", "stressed the urgent need for a ceasefire"),
    ]


def test_when_asked_the_speaker_is_asked_not_asking(run) -> None:
    found = run(
        "When asked for comments, spokesperson Mao Ning told a daily news briefing that the "
        "Dutch export controls violate international trade rules."
    )
    assert [st.quote for st in found.statements] == [
        "the Dutch export controls violate international trade rules"
    ]


def test_he_added_goes_on_from_a_speaker_not_a_man_named_in_between(run) -> None:
    found = run(
        '"He is not a statesman," UN envoy Hans Grundberg said. Nelson Mandela was the South '
        'African president who led the country out of apartheid. "But how will he unite '
        'Yemen? He cannot," he added.'
    )
    assert [st.speaker.name for st in found.statements] == ["Hans Grundberg", "Hans Grundberg"]


def test_ministers_of_a_body_speak_for_it_and_the_ministers_again(run) -> None:
    found = run(
        "ASEAN foreign ministers on Friday condemned the lack of progress in Myanmar. The "
        "ministers said they were deeply disappointed by the junta. The EU foreign ministers "
        "said Russia must withdraw its troops."
    )
    assert [st.speaker.name for st in found.statements] == ["ASEAN", "ASEAN", "European Union"]


def test_a_named_speaker_who_countered_is_the_speaker_of_an_according_to(run) -> None:
    found = run(
        "Russian ambassador Alexei Zinoviev countered that the sanctions were illegal, according "
        "to a statement from the Russian embassy."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Alexei Zinoviev", "the sanctions were illegal")
    ]


def test_it_said_after_a_statement_is_its_issuer(run) -> None:
    found = run(
        "General Birhanu Jula's statement, issued on the army's channel, cited recent gains. It "
        "said there could be no ceasefire unless Fano left the towns."
    )
    assert [st.speaker.name for st in found.statements] == ["Birhanu Jula"]


def test_the_three_countries_and_they_refer_back_to_a_list_of_countries(run) -> None:
    found = run(
        "Chile, Peru and Ecuador issued a joint statement on Monday. In it, the three countries "
        "urged Bolivia to respect the vote. Argentina and Uruguay proposed talks. They said "
        "Paraguay must stop the blockade. The talks between Russia and Ukraine stalled. They "
        "said nothing new."
    )
    assert [st.speaker.name for st in found.statements] == [
        "Chile",
        "Peru",
        "Ecuador",
        "Argentina",
        "Uruguay",
    ]


def test_a_that_parsed_as_an_object_still_opens_the_content(run) -> None:
    found = run("Erdogan told reporters aboard his plane that Sweden had not done enough.")
    assert [st.quote for st in found.statements] == ["Sweden had not done enough"]


def test_whose_call_or_relative_speaks_is_not_the_speaker(run) -> None:
    found = run(
        "Brazil and South Africa have rejected Western calls to condemn Russia's invasion. "
        "The brother of Syrian President Bashar al-Assad condemned Turkey on Monday. Greece "
        "recalled its ambassador on Monday and France accused Turkey of provocation."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Brazil", "rejected Western calls"),
        ("South Africa", "rejected Western calls"),
        ("France", "accused Turkey of provocation"),
    ]
    assert relations(found) == {("France", "criticizes", "Turkey")}


def test_a_cue_after_its_words_with_an_as_clause_after_it(run) -> None:
    found = run(
        'The sanctions were "completely unjustified", Mexican President Claudia Sheinbaum said, '
        "as Mexico faced a second trade dispute with Washington. Mediators are working to "
        "broker a truce between Armenia and Azerbaijan, Kazakhstan's foreign ministry "
        "spokesman Aibek Smadiyarov told reporters Tuesday."
    )
    assert [(st.speaker.name, st.quote[:30]) for st in found.statements] == [
        ("Claudia Sheinbaum", 'The sanctions were "completely'),
        ("Aibek Smadiyarov", "Mediators are working to broke"),
    ]


def test_an_aide_still_speaks_for_the_office_served(run) -> None:
    found = run(
        "A Kremlin aide said the talks had failed. The adviser to the Iranian supreme leader "
        "said the talks had failed."
    )
    assert [st.speaker.name for st in found.statements] == ["Russia", "Iran"]


def test_an_ally_named_after_the_word_speaks(run) -> None:
    found = run("Syria's ally Russia accused Turkey of aggression.")
    assert relations(found) == {("Russia", "criticizes", "Turkey")}


def test_a_statement_that_reads_and_the_text_that_names_its_issuer(run) -> None:
    found = run(
        'The U.S. decision "has no legal effect because it contradicts UN resolutions," read a '
        "statement of the Algerian Foreign Ministry.\n\n"
        '"We will not accept this aggression by Rwanda," said the statement signed by Patrick '
        "Muyaya, the government spokesman."
    )
    assert [(st.speaker.name, st.quote[:24]) for st in found.statements] == [
        ("Algerian Foreign Ministry", 'The U.S. decision "has n'),
        ("Patrick Muyaya", "We will not accept this "),
    ]


def test_naming_verbs_with_quoted_or_misparsed_complements(run) -> None:
    found = run(
        "In a statement, the Ministry of External Affairs termed Canada's allegations "
        '"absurd" and "motivated". Algeria on Saturday called Washington\'s recognition of '
        'Moroccan sovereignty over Western Sahara "illegal."'
    )
    assert [st.speaker.name for st in found.statements] == [
        "Ministry of External Affairs",
        "Algeria",
    ]
    assert relations(found) == {
        ("Ministry of External Affairs", "criticizes", "Canada"),
        ("Algeria", "criticizes", "United States"),
    }


def test_a_news_service_carries_the_words_of_whom_it_reports(run) -> None:
    found = run(
        "Radio Liberty's Kyrgyz Service reports that Kyrgyz Vice Premier Tokon Mamytov said on "
        "January 12 that the incident was planned in advance by the Tajik side.",
        published="2014-01-13",
    )
    [statement] = found.statements
    assert (statement.speaker.name, str(statement.date)) == ("Tokon Mamytov", "2014-01-12")
    assert statement.quote.startswith("the incident was planned")


def test_as_someone_noted_reports_the_clause_after_it(run) -> None:
    found = run(
        "As Kremlin spokesman Dmitry Peskov noted, Russia will not take part in the summit. "
        "As the war dragged on, Russia said it would not negotiate."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Dmitry Peskov", "Russia will not take part in the summit"),
        ("Russia", "it would not negotiate"),
    ]


def test_a_titled_ministry_name_used_by_one_country_keeps_its_country(run) -> None:
    # "Ministry of External Affairs" is India's own name, not a title every country uses:
    # a Canadian speaker just before does not make it Canada's.
    found = run(
        "Canada's accusation that India may have been involved in the killing has triggered "
        "a spat, Prime Minister Justin Trudeau said. In a statement, the Ministry of External "
        "Affairs said the allegations were absurd."
    )
    assert [st.speaker.name for st in found.statements] == [
        "Justin Trudeau",
        "Ministry of External Affairs",
    ]
    assert found.statements[1].speaks_for.name == "India"


def test_she_is_the_woman_named_as_a_subject_just_before(run) -> None:
    found = run(
        "The expulsions came after the killing of Sikh leader Hardeep Singh Nijjar. Canada "
        "said it had kicked out an Indian diplomat, who foreign affairs minister Mélanie Joly "
        'described as the head of Indian intelligence. "Today we are acting by expelling a key '
        'diplomat," she told reporters.'
    )
    assert found.statements[-1].speaker.name == "Mélanie Joly"


def test_a_person_in_the_name_of_a_government_is_not_its_people(run) -> None:
    found = run(
        "At the height of cynicism, the terrorists and immoral people of the Trump "
        "administration accuse the country of sponsoring that scourge."
    )
    assert speakers(found) == {"American Government"}


def test_the_statement_read_after_one_said_in_a_statement(run) -> None:
    found = run(
        "Egypt's foreign ministry spokesperson Ahmed Abu Zeid said in a statement on Sunday "
        "that the office of the Ethiopian council of ministers highlighted that Ethiopia is "
        'committed to the declaration.\n\n"Ethiopian officials stressed they are committed '
        "not to harming Egypt's water share,\" the statement read."
    )
    assert [st.speaker.name for st in found.statements] == ["Ahmed Abu Zeid", "Ahmed Abu Zeid"]


def test_according_to_inside_a_relative_clause_reports_that_clause(run) -> None:
    found = run(
        "Thirteen people were killed in the strike in which, according to Iran's ambassador, "
        "Israeli jets fired six missiles."
    )
    assert [st.quote for st in found.statements] == ["Israeli jets fired six missiles"]


def test_a_hyphenated_surname_alone_is_the_person(run) -> None:
    found = run("Díaz-Canel said Cuba had been a victim of the blockade.")
    assert speakers(found) == {"Miguel Díaz-Canel"}


def test_an_apposition_parsed_as_a_second_subject_gives_title_and_country(run) -> None:
    found = run(
        "Following Hayashi's speech, Lim Soo-suk, the spokesperson of Seoul's foreign "
        "ministry issued a statement calling for an immediate retraction of the remarks."
    )
    [statement] = found.statements
    assert (statement.speaker.name, statement.role, statement.speaks_for.name) == (
        "Lim Soo-suk",
        "Spokesperson",
        "South Korea",
    )


def test_described_as_hung_on_the_object_s_own_clause(run) -> None:
    found = run(
        "Government spokesman Zoltán Kovács described a Country Report on Hungary published "
        'by the European Commission as "political".'
    )
    assert [st.speaker.name for st in found.statements] == ["Zoltán Kovács"]


def test_each_conjoined_speaker_keeps_its_own_title(run) -> None:
    found = run(
        "Finnish President Alexander Stubb and Swedish Prime Minister Ulf Kristersson welcomed "
        "Turkey's ratification of Sweden's NATO membership. The Foreign Ministry and Foreign "
        "Minister Sergey Lavrov condemned the sanctions."
    )
    assert [(st.speaker.name, st.role) for st in found.statements] == [
        ("Alexander Stubb", "President"),
        ("Ulf Kristersson", "Prime Minister"),
        ("Russian Foreign Ministry", None),
        ("Sergey Lavrov", "Foreign Minister"),
    ]
    # A conjoined speaker is named with the speaker, never a target of the same words.
    assert ("Russian Foreign Ministry", "criticizes", "Sergey Lavrov") not in relations(found)


def test_a_that_clause_misparsed_as_relative_on_the_occasion(run) -> None:
    found = run(
        "The Chinese embassy in Manila said in a post on X that the Philippines had intruded "
        "into Chinese waters. Pakistan's foreign office spokesperson Mumtaz Zahra Baloch said at "
        "a weekly briefing that India's remarks were irresponsible. Lavrov said in the statement "
        "that he made on Monday."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("Chinese Embassy", "the Philippines had intruded into Chinese waters"),
        ("Mumtaz Zahra Baloch", "India's remarks were irresponsible"),
    ]


def test_a_name_set_off_after_the_subject_s_title_the_ner_missed(run) -> None:
    found = run(
        "The Turkish Foreign Ministry's spokesperson, Oncu Keceli, said Ankara condemned it."
    )
    [statement] = found.statements
    assert (statement.speaker.name, statement.role, statement.speaks_for.name) == (
        "Oncu Keceli",
        "Spokesperson",
        "Turkey",
    )


def test_it_said_after_words_with_a_subject_and_a_cue_still_to_come(run) -> None:
    # "Colombia" is the subject of what "it" said, and "will appeal … to defend … and
    # denounce" says nothing yet: "it" is the ministry that spoke before.
    found = run(
        '"These accusations are of the utmost seriousness," the Colombian Foreign Ministry said '
        "in a statement.\n\nColombia will appeal to international bodies to defend its "
        "sovereignty and denounce the interference in the country's internal affairs, it said."
        '\n\nIn a post on social media, Petro said "I am not a drug trafficker."'
    )
    assert [st.speaker.name for st in found.statements] == [
        "Colombian Foreign Ministry",
        "Colombian Foreign Ministry",
        "Gustavo Petro",
    ]


def test_an_agency_that_reported_a_statement_carries_it(run) -> None:
    found = run(
        'ISLAMABAD - "Terrorists are using Afghan soil with impunity to carry out activities '
        'inside Pakistan," said the Foreign Ministry statement that was unusually harsh in its '
        "language, AP reported."
    )
    assert [st.speaker.name for st in found.statements] == ["Pakistani Foreign Office"]


def test_a_name_read_as_places_is_a_person_by_the_title_after_it(run) -> None:
    found = run(
        "Ana Cecilia Gervasi, Peru's foreign minister, announced later on Tuesday that safe "
        "passage had been formally approved."
    )
    [statement] = found.statements
    assert (statement.speaker.name, statement.role, statement.speaks_for.name) == (
        "Ana Cecilia Gervasi",
        "Foreign Minister",
        "Peru",
    )


def test_a_court_rules_and_a_ruler_rules_nothing(run) -> None:
    found = run(
        "Bolivia cannot force Chile to negotiate, the International Court of Justice ruled on "
        "Monday. Putin has ruled Russia since 2000."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("International Court of Justice", "Bolivia cannot force Chile to negotiate")
    ]


def test_a_title_with_a_country_names_the_person_after_it(run) -> None:
    # The person is unknown to the gazetteer: the title that refers to him gives his office
    # and country for all he says.
    found = run(
        "Ireland's Foreign Affairs Minister has warned his British counterpart that the bill "
        "will breach international law. Simon Coveney said the new bill marks a low point. "
        "Mr Coveney expressed his concern after a phone call."
    )
    assert {(st.speaker.name, st.role, st.speaks_for.name) for st in found.statements} == {
        ("Simon Coveney", "Foreign Minister", "Ireland")
    }


def test_a_name_the_ner_missed_with_a_long_title_after_it_speaks(run) -> None:
    # The country in the title set off after the name is no name of the speaker's own, so
    # the unknown name is who speaks; a name in apposition to a title still is the title's.
    found = run(
        "“Belgium regrets the decision of Rwanda to cut off diplomatic relations,” Maxime "
        "Prevot, deputy prime minister and minister of foreign affairs, European affairs and "
        "development cooperation of Belgium, said on social media. “This is disproportionate "
        "and shows that they prefer not to engage in dialogue,” he said. Later, United Nations "
        "Secretary-General, Antonio Guterres, issued a statement condemning the strikes."
    )
    assert [(st.speaker.name, st.speaks_for and st.speaks_for.name) for st in found.statements] == [
        ("Maxime Prevot", "Belgium"),
        ("Maxime Prevot", "Belgium"),
        ("António Guterres", None),
    ]


def test_recalling_an_ambassador_is_an_act_not_a_memory(run) -> None:
    found = run(
        "The last time Jordan recalled its ambassador to Israel was 2019. Foreign Minister "
        "Ayman Safadi recalled that the two countries signed a peace treaty in 1994."
    )
    assert [st.quote for st in found.statements] == [
        "the two countries signed a peace treaty in 1994"
    ]


def test_according_to_before_a_clause_the_parser_made_an_object(run) -> None:
    found = run(
        "Hungarian Foreign Minister Péter Szijjártó said Hungary will not help. According to "
        "Szijjártó, Hungary's position remains unchanged; Budapest will not support the "
        'European aspirations of Kyiv while it "violates European and international law."'
    )
    assert [st.quote[:35] for st in found.statements] == [
        "Hungary will not help",
        "Hungary's position remains unchange",
    ]


def test_the_title_before_a_name_wins_over_a_title_in_what_follows_the_name(run) -> None:
    found = run(
        "Hungarian Foreign Minister Péter Szijjártó, following a meeting with Chairman of the "
        "Transcarpathian Hungarian Cultural Association, stated that Hungary will not help."
    )
    assert [(st.speaker.name, st.role) for st in found.statements] == [
        ("Péter Szijjártó", "Foreign Minister")
    ]


def test_an_envoy_speaks_for_the_state_that_sent_him_not_the_one_he_is_posted_to(run) -> None:
    found = run(
        "Ambassador to US Ebrahim Rasool no longer welcome\n\n"
        "Rasool claimed that Trump is leading a global white supremacist movement."
    )
    [statement] = found.statements
    assert statement.speaks_for.name == "South Africa"


def test_a_foreign_minister_named_by_title_is_not_the_prime_minister_named_before(run) -> None:
    found = run(
        "India expelled a Canadian diplomat after allegations from Canadian Prime Minister "
        "Justin Trudeau. Canada expelled an Indian official on Monday, the Canadian foreign "
        "minister said."
    )
    assert [st.speaker.name for st in found.statements] == ["Canada"]


def test_what_a_speaker_is_doing_gives_no_country_but_his_appointment_does(run) -> None:
    found = run(
        "Spain recalled its envoy after Argentine President Javier Milei's insult. The European "
        "Union also stepped into the row, its foreign policy chief Josep Borrell condemning "
        "Milei's remarks. Osama Hammad, the Prime Minister appointed by Libya's House of "
        "Representatives, has blamed the UN envoy for the failure."
    )
    countries = {st.speaker.name: st.speaks_for and st.speaks_for.name for st in found.statements}
    assert countries["Josep Borrell"] is None
    assert countries["Osama Hammad"] == "Libya"


def test_a_finished_quote_after_its_cue_is_not_the_next_sentence_s(run) -> None:
    found = run(
        "Ecuador's presidency defended the decision to arrest Glas, stating in a statement, "
        '"Ecuador is a sovereign nation and we are not going to allow any criminal to stay '
        'free." However, López Obrador fired back, calling the detention an "authoritarian '
        'act".'
    )
    assert [st.speaker.name for st in found.statements][:2] == [
        "Ecuadorian Presidency",
        "Ecuadorian Presidency",
    ]


def test_a_country_in_the_lead_is_not_a_later_person_of_no_office(run) -> None:
    found = run(
        "Mexico broke off ties with Ecuador, with Mexico denouncing the raid as an outrage "
        'against international law.\n\n"This is not possible, this is crazy," Roberto '
        "Canseco, head of the Mexican consular section in Quito, told local press while "
        "standing outside the embassy."
    )
    assert [(st.speaker.name, st.quote[:20]) for st in found.statements] == [
        ("Mexico", "denouncing the raid "),
        ("Roberto Canseco", "This is not possible"),
    ]


def test_a_body_no_list_names_speaks_for_the_country_of_its_adjective(run) -> None:
    found = run(
        '"Türkiye disregards Iraq\'s demands to stop the violations," the Iraqi ministerial '
        'council said in a statement. "We consider the Canadian ambassador persona non '
        'grata," tweeted the Saudi foreign ministry.'
    )
    assert [(st.speaker.name, st.speaks_for.name) for st in found.statements] == [
        ("Iraqi Ministerial Council", "Iraq"),
        ("Saudi Foreign Ministry", "Saudi Arabia"),
    ]


def test_part_of_a_statement_and_a_press_release_are_their_issuer_s(run) -> None:
    found = run(
        'In a statement, the Tanzanian Foreign Ministry said it would respond. "The Kenyan '
        'government summoned our ambassador in Nairobi to ask for explanations," part of the '
        "statement read. The press release stated that Tanzania would defend its farmers."
    )
    assert [st.speaker.name for st in found.statements] == ["Tanzanian Foreign Ministry"] * 3


def test_a_un_representative_is_an_office(run) -> None:
    found = run(
        "At a Security Council meeting, Rwanda's UN representative, Ernest Rwamucyo, "
        "regretted that the international community condemned M23."
    )
    [statement] = found.statements
    assert (statement.role, statement.speaks_for.name) == (
        "Permanent Representative to the UN",
        "Rwanda",
    )


def test_the_three_governments_are_each_country_of_a_list_the_parser_broke(run) -> None:
    found = run(
        "Mali, Burkina Faso, Niger recall ambassadors\n\nBAMAKO, April 7 — Mali, Burkina Faso, "
        "and Niger issued a joint statement on Sunday, recalling their ambassadors to Algeria. "
        "The three governments strongly condemned Algeria's actions, stating that the drone "
        "strike disrupted an operation.",
        published="2025-04-07",
    )
    assert [st.speaker.name for st in found.statements] == ["Mali", "Burkina Faso", "Niger"] * 2
    assert {(st.speaker.name, r.target.name) for st in found.statements for r in st.relations} == {
        ("Mali", "Algeria"),
        ("Burkina Faso", "Algeria"),
        ("Niger", "Algeria"),
    }


def test_a_people_of_no_one_state_speaks_like_they(run) -> None:
    found = run(
        "The European Troika said it was concerned. Without mentioning the violations, the "
        "Europeans claimed, “Iran's actions have further hollowed out the JCPOA.”"
    )
    assert [st.speaker.name for st in found.statements] == ["European Troika"] * 2


def test_a_quote_condemned_in_the_statement_the_speaker_issued(run) -> None:
    found = run(
        '"Foreign Minister Ayman Safadi decided to recall Jordan\'s ambassador," the Jordanian '
        'foreign ministry said in a statement that condemned "the ongoing Israeli war that is '
        'killing innocent people in Gaza".'
    )
    assert relations(found) == {("Jordanian Foreign Ministry", "criticizes", "Israel")}


def test_standing_by_one_s_own_words_says_nothing_new(run) -> None:
    found = run(
        "Lula has stood by his words, however, and ordered Meyer back to Brazil. Lula "
        "defended his remarks on Monday. China lodged its protest with Japan."
    )
    assert [(st.speaker.name, st.quote) for st in found.statements] == [
        ("China", "lodged its protest with Japan")
    ]


def test_a_diplomat_representing_a_country_speaks_for_it(run) -> None:
    found = run(
        "“You are not a representation of the Papuan people,” said Silvany Austin Pasaribu, "
        "a young diplomat representing Indonesia when exercising the right of reply."
    )
    assert [st.speaks_for.name for st in found.statements] == ["Indonesia"]


def test_a_capital_named_in_part_after_its_full_name_is_its_country(run) -> None:
    found = run(
        "New Delhi: India has reacted strongly to the new political map released by Nepal. "
        "Delhi has asked the neighbouring country to refrain from unjustified cartographic "
        "assertion."
    )
    assert [st.speaker.name for st in found.statements] == ["India"]


def test_what_is_announced_is_said_but_not_in_a_caption(run) -> None:
    found = run(
        "U.S. President Joe Biden announced the new alliance on Wednesday. The Iraqi "
        "Ministerial Council for National Security announced the decisions after an emergency "
        "meeting. (left to right) Australian prime minister Anthony Albanese and Prime "
        "Minister Rishi Sunak announce the latest stage of the Aukus agreement (Leon Neal/PA)"
    )
    assert [(st.speaker.name, st.speaks_for.name) for st in found.statements] == [
        ("Joe Biden", "United States"),
        ("Iraqi Ministerial Council for National Security", "Iraq"),
    ]


def test_said_with_the_reported_clause_broken_into_a_second_subject(run) -> None:
    found = run(
        "Speaking in Taipei, Taiwan Foreign Minister Joseph Wu said Castro, who took office "
        'early last year, and her government had "always had illusions" about China.'
    )
    [statement] = found.statements
    assert statement.speaker.name == "Joseph Wu"
    assert statement.quote.startswith("Castro, who took office early last year, and her")


def test_critics_of_a_government_are_not_the_government(run) -> None:
    found = run(
        "Solih had sought closer ties with India even as government critics accused him of "
        "compromising the sovereignty of the island nation."
    )
    assert found.statements == ()


def test_an_acronym_defined_in_parentheses_is_the_body_it_names(run) -> None:
    found = run(
        "The Ministry of Foreign Affairs of Ethiopia (MoFA) rejects the irresponsible "
        "statement of the Foreign Minister of Egypt. On its part, Ethiopia remains committed "
        "to a win-win settlement, MoFA said. The paramilitary Rapid Support Forces (RSF) "
        "fought on. The RSF said it welcomed the ceasefire call."
    )
    assert [st.speaker.name for st in found.statements] == [
        "Ethiopian Foreign Ministry",
        "Ethiopian Foreign Ministry",
        "Rapid Support Forces",
    ]


def test_a_note_of_protest_issued_and_a_move_explained_as(run) -> None:
    found = run(
        'Kenya\'s Foreign Cabinet Secretary Amina Mohammed issued a "note of protest". China '
        "issued a statement. The Indian government explained its move as a response to "
        '"growing concern" over Canada\'s activities.'
    )
    assert [(st.speaker.name, st.quote[:20]) for st in found.statements] == [
        ("Amina Mohammed", 'issued a "note of pr'),
        ("Indian Government", "its move as a respon"),
    ]


def test_the_words_before_x_quoted_y_saying_are_y_s(run) -> None:
    found = run(
        "There will be retaliatory measures, Chinese State Councillor Wang Yi said. The Chinese "
        'government will not stand idly by and we will "make him pay a heavy price", the '
        "Chinese Foreign Ministry quoted Wang saying."
    )
    assert [st.speaker.name for st in found.statements] == ["Wang Yi", "Wang Yi"]
    assert found.statements[1].quote.startswith("The Chinese government will not stand idly")


def test_a_surname_alone_after_a_name_with_a_generational_suffix(run) -> None:
    found = run(
        "Palau intends to keep ties with Taiwan, said Palau President Surangel Whipps Jr. "
        "Whipps said Palau appreciates Taiwan's friendship."
    )
    assert {(st.speaker.name, st.speaks_for.name) for st in found.statements} == {
        ("Surangel Whipps Jr", "Palau")
    }


def test_an_unnamed_office_is_the_unknown_person_named_soon_after_it(run) -> None:
    found = run(
        "Sudan severed diplomatic relations with the United Arab Emirates on Tuesday, the "
        "Sudanese defense minister said.\n\nIn a televised speech, Yassin Ibrahim announced "
        "that Sudan was withdrawing its ambassador."
    )
    assert {(st.speaker.name, st.role, st.speaks_for.name) for st in found.statements} == {
        ("Yassin Ibrahim", "Defense Minister", "Sudan")
    }


def test_an_unnamed_office_in_the_lead_is_not_another_office_named_next(run) -> None:
    found = run(
        "For his part, Spain's foreign minister said he “regrets” Algeria's decision to "
        "suspend the treaty.\n\nThe breakdown came after Spanish Prime Minister Pedro Sanchez "
        "defended his recent foreign policy shift to support Morocco."
    )
    assert [st.speaker.name for st in found.statements][0] == "Spain"


def test_a_name_beside_a_word_for_a_group_is_no_speaker_looked_ahead_to(run) -> None:
    found = run(
        "Pakistan recalled its ambassador from Iran on Wednesday after Iran violated its "
        "airspace, a Pakistani foreign ministry spokeswoman said. Iranian missiles targeted "
        "two bases of the militant group Jaish Al Adl."
    )
    assert [st.speaker.name for st in found.statements] == ["Pakistani Foreign Office"]


def test_whom_an_event_prompted_to_speak_speaks(run) -> None:
    found = run(
        "Prague had on Saturday ordered out 18 Russian diplomats, prompting Russia to vow on "
        "Sunday to “force the authors of this provocation to fully understand their "
        "responsibility”."
    )
    assert [st.speaker.name for st in found.statements] == ["Russia"]


def test_an_agency_quoting_a_body_as_saying_and_a_long_title_with_commas(run) -> None:
    found = run(
        "Russia on Sunday expelled 20 Czech diplomats in retaliation for expulsions by Prague, "
        'the RIA news agency quoted the foreign ministry as saying. "We have closed our '
        "borders with Rwanda,\" Burundi's Minister of Interior, Community Development and "
        "Public Security Martin Niteretse was quoted by local media as saying on Thursday."
    )
    assert [st.speaker.name for st in found.statements] == [
        "Russian Foreign Ministry",
        "Martin Niteretse",
    ]


def test_a_statement_an_agency_published_is_its_issuer_s(run) -> None:
    found = run(
        "Saudi Arabia recalled its ambassador to Lebanon on Friday. The kingdom also imposed a "
        "blanket ban on all imports from Lebanon, according to the statement published by the "
        "Saudi Press Agency. Nikonov made a statement that Kazakhstan is a gift, which he "
        "announced on Channel One in mid-December."
    )
    assert [(st.speaker.name, st.quote[:24]) for st in found.statements] == [
        ("Saudi Arabia", "The kingdom also imposed")
    ]
