"""Reading articles into Documents: metadata, body offsets, boilerplate, and bad inputs."""

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipelines import documents
from pipelines.documents import (
    BinaryDocument,
    Document,
    DocumentError,
    EmptyDocument,
    MalformedDocument,
    Metadata,
    NotEnglishDocument,
    TooLargeDocument,
    UndecodableDocument,
    UnreadableDocument,
    document_from_bytes,
    document_from_text,
    iter_documents,
    read_path,
)

SHARED = Path(__file__).parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
DEV_CASES = SHARED / "data" / "dev-statements" / "cases.jsonl"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
needs_dev = pytest.mark.skipif(not DEV_CASES.is_file(), reason="dev cases not present")

# Enough English article text to pass the language check, reused by the inline cases.
SENTENCE = (
    "Russian Foreign Minister Sergei Lavrov said on Thursday that the United States uses "
    "NATO to keep its allies in line and to control their foreign policy."
)
SECOND = (
    "He added that Moscow remains open to a dialogue with Washington on strategic "
    "stability, but only on the basis of equality and mutual respect."
)

GERMAN = (
    "Der russische Außenminister Sergej Lawrow hat den Vereinigten Staaten vorgeworfen, "
    "die Nato als Werkzeug zur Kontrolle ihrer Mitglieder zu benutzen. Bei einer "
    "Pressekonferenz in Moskau sagte Lawrow am Freitag, Washington brauche das Bündnis nur, "
    "um sich als Anführer des Westens durchzusetzen. Die Bundesregierung wies die Vorwürfe "
    "zurück und betonte, dass Entscheidungen im Bündnis gemeinsam getroffen würden."
)
SPANISH = (
    "El ministro de Asuntos Exteriores de Rusia, Serguéi Lavrov, acusó el viernes a Estados "
    "Unidos de utilizar la OTAN para controlar a sus miembros. En una rueda de prensa en "
    "Moscú, Lavrov afirmó que Washington solo necesita la alianza para imponerse como líder "
    "de Occidente. El Gobierno español rechazó las acusaciones y subrayó que las decisiones "
    "de la alianza se toman de forma conjunta."
)


def article(*header: str, footer: tuple[str, ...] = ()) -> str:
    """Header lines, two article paragraphs, footer lines, separated by blank lines."""
    return "\n\n".join([*header, SENTENCE, SECOND, *footer])


def assert_spans_valid(doc: Document) -> None:
    previous_end = 0
    for start, end in doc.body:
        assert previous_end <= start < end <= len(doc.text)
        piece = doc.text[start:end]
        assert piece == piece.strip(), f"span has surrounding whitespace: {piece!r}"
        previous_end = end


def dev_cases() -> list[dict]:
    if not DEV_CASES.is_file():
        return []
    return [json.loads(line) for line in DEV_CASES.read_text(encoding="utf-8").splitlines()]


# --- public surface ----------------------------------------------------------------------


def test_public_surface_is_pinned():
    assert set(documents.__all__) == {
        "DEFAULT_MAX_BYTES",
        "BinaryDocument",
        "Document",
        "DocumentError",
        "EmptyDocument",
        "MalformedDocument",
        "Metadata",
        "NotEnglishDocument",
        "TooLargeDocument",
        "UndecodableDocument",
        "UnreadableDocument",
        "document_from_bytes",
        "document_from_text",
        "document_id",
        "iter_documents",
        "read_path",
    }
    assert documents.DEFAULT_MAX_BYTES == 2_000_000


def test_one_exception_tree_under_value_error():
    assert issubclass(DocumentError, ValueError)
    for error in (
        EmptyDocument,
        BinaryDocument,
        TooLargeDocument,
        UndecodableDocument,
        NotEnglishDocument,
        MalformedDocument,
        UnreadableDocument,
    ):
        assert issubclass(error, DocumentError)
        assert error.__name__ in documents.__doc__


def test_document_is_frozen_and_closed():
    doc = document_from_text(article())
    with pytest.raises(ValidationError):
        doc.title = "changed"
    with pytest.raises(ValidationError):
        Document(**doc.model_dump(), extra_field=1)


def test_id_is_derived_from_the_original_text():
    text = article("Lavrov: US uses NATO to control its members")
    first, again = document_from_text(text), document_from_text(text, title="Other")
    assert re.fullmatch(r"doc:[0-9a-f]{16}", first.id)
    assert first.id == documents.document_id(text)
    assert first.id == again.id
    assert document_from_text(text + " ").id != first.id
    assert first.text == text


# --- the seeds -----------------------------------------------------------------------------


@needs_seeds
def test_seed_000_metadata_and_body():
    [doc] = read_path(SEEDS / "000_39ab569dd2834ae6.txt")
    assert doc.published == dt.date(2019, 2, 22)
    assert doc.url == "http://tass.com/world/1045905"
    assert doc.outlet == "TASS"
    assert doc.title == (
        "JAPAN'S PRO-US STANCE STANDS IN THE WAY OF DEVELOPING RELATIONS WITH RUSSIA, SAYS LAVROV"
    )
    assert doc.source_file == "000_39ab569dd2834ae6.txt"
    assert_spans_valid(doc)
    paragraphs = doc.paragraphs
    assert paragraphs[0].startswith("Japans pro-American stance stands in the way")
    assert paragraphs[-1].endswith('difficulty level.".')
    body = "\n".join(paragraphs)
    for boilerplate in ("AVRASYA", "EURASIAN STUDIES", "22.02.2019", "http://", "Kaynak"):
        assert boilerplate not in body
    # The sentence broken by a blank line is one paragraph.
    assert "but we are\n\ncommitted to move" in paragraphs[-1]
    assert len(paragraphs) == 6


@needs_seeds
def test_seed_001_dateline_is_metadata_not_body():
    [doc] = read_path(SEEDS / "001_fd3a4b927d9528c0.txt")
    assert doc.published == dt.date(2019, 2, 21)
    assert doc.outlet == "TASS"
    assert doc.url is None
    assert doc.title is None
    assert_spans_valid(doc)
    assert doc.paragraphs[0].startswith("Japan’s pro-American stance")
    assert doc.text.index("Japan’s") == doc.body[0][0]
    assert len(doc.body) == 6


@needs_seeds
def test_seed_004_takes_the_date_from_its_sidecar():
    [doc] = read_path(SEEDS / "004_8ee0e154b89151c2.txt")
    assert doc.title == "Lavrov: US uses NATO to control its members"
    assert doc.published == dt.date(2022, 1, 14)
    assert_spans_valid(doc)
    assert doc.paragraphs[0].startswith("Russian Foreign Minister Sergei Lavrov said today")
    assert not any("HomeWorld" in paragraph for paragraph in doc.paragraphs)


@needs_seeds
def test_same_story_from_two_outlets_gets_two_ids_and_reading_twice_one():
    first = [doc.id for _, doc in iter_documents([SEEDS])]
    again = [doc.id for _, doc in iter_documents([SEEDS])]
    assert first == again
    assert len(set(first)) == 3


@needs_seeds
def test_folder_is_read_sorted_without_sidecars():
    results = list(iter_documents([SEEDS]))
    assert [path.name for path, _ in results] == [
        "000_39ab569dd2834ae6.txt",
        "001_fd3a4b927d9528c0.txt",
        "004_8ee0e154b89151c2.txt",
    ]
    assert all(isinstance(item, Document) for _, item in results)


# --- the dev texts ---------------------------------------------------------------------------


@needs_dev
@pytest.mark.parametrize("case", dev_cases(), ids=lambda case: case["case_id"])
def test_dev_text_keeps_every_article_sentence(case):
    doc = document_from_text(case["text"], url=case["url"])
    assert_spans_valid(doc)
    assert doc.url == case["url"]
    assert doc.outlet
    sentence_end = re.compile(r"[.!?…][\"'”’»)\]]*$")
    pos = 0
    for raw in doc.text.splitlines(keepends=True):
        line = raw.strip()
        if len(line.split()) > 8 and sentence_end.search(line):
            line_end = pos + len(raw.rstrip())
            assert any(start < line_end <= end for start, end in doc.body), line
        pos += len(raw)


DEV_DATES_IN_TEXT = {
    "dev001": dt.date(2020, 10, 28),  # "Added On October 28, 2020"
    "dev004": None,  # a photo caption "… in Tehran on March 4, 2023" is not the date
    "dev006": dt.date(2023, 1, 26),  # caption "… Sputnik International, 1920, 26.01.2023"
    "dev009": dt.date(2022, 11, 16),  # "Nov 16, 2022, 12:00 PM"
    "dev018": dt.date(2024, 4, 11),  # "Source: 2024-04-11"
    "dev025": dt.date(2024, 10, 7),  # "Updated October. 07, 2024 09:48"
    "dev028": dt.date(2022, 8, 24),  # "24 августа 2022, 06:26"
    "dev029": None,  # "NEW DELHI:" dateline carries no date
}


@needs_dev
@pytest.mark.parametrize("case_id", sorted(DEV_DATES_IN_TEXT))
def test_dev_text_dates_found_in_the_header(case_id):
    [case] = [case for case in dev_cases() if case["case_id"] == case_id]
    assert document_from_text(case["text"]).published == DEV_DATES_IN_TEXT[case_id]


@needs_dev
def test_dev_text_titles_and_outlets():
    by_id = {case["case_id"]: case for case in dev_cases()}

    def doc(case_id: str) -> Document:
        return document_from_text(by_id[case_id]["text"], url=by_id[case_id]["url"])

    assert doc("dev009").title == "US acting hypocritically over nuclear negotiations"
    assert doc("dev009").outlet == "Mehr News Agency"
    assert doc("dev003").outlet == "Taiwan News"
    assert doc("dev006").outlet == "Sputnik"
    assert doc("dev002").outlet == "mb.com.ph"
    assert doc("dev002").published == dt.date(2024, 6, 3)  # from /2024/6/3/ in the URL
    assert doc("dev025").title is None  # "한국어" is a language link, not a title
    assert doc("dev015").paragraphs[0].endswith("peace to the Middle East.")
    assert doc("dev013").paragraphs[-1].endswith("leading grain exporters.")


# --- metadata rules on small texts --------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date 2019-02-21", dt.date(2019, 2, 21)),
        ("22.02.2019", dt.date(2019, 2, 22)),
        ("**-** 22.02.2019", dt.date(2019, 2, 22)),
        ("Russian News Agency (22 February 2019)", dt.date(2019, 2, 22)),
        ("Added On October 28, 2020", dt.date(2020, 10, 28)),
        ("Source: 2024-04-11", dt.date(2024, 4, 11)),
        ("Updated October. 07, 2024", dt.date(2024, 10, 7)),
        ("Published: 12 March 2023 14:05", dt.date(2023, 3, 12)),
        ("Nov 16, 2022, 12:00 PM", dt.date(2022, 11, 16)),
        ("Minister Lavrov and his guest in Moscow on March 4, 2023", None),
        ("03.04.2019", dt.date(2019, 4, 3)),  # day first
    ],
)
def test_header_date_lines(line, expected):
    doc = document_from_text(article("Lavrov: US uses NATO to control its members", line))
    assert doc.published == expected
    assert line not in "\n".join(doc.paragraphs)


def test_trailing_date_line_is_read_and_dropped():
    doc = document_from_text(article(footer=("Published: 12 March 2023",)))
    assert doc.published == dt.date(2023, 3, 12)
    assert doc.paragraphs == [SENTENCE, SECOND]


def test_dates_in_article_sentences_are_not_publication_dates():
    text = f"On February 21, 2019, Lavrov spoke in Moscow. {SENTENCE}\n\n{SECOND}"
    assert document_from_text(text).published is None


@pytest.mark.parametrize(
    ("lead", "outlet", "place"),
    [
        ("MOSCOW, February 21. /TASS/. ", "TASS", "MOSCOW"),
        ("BEIJING, Oct. 5 (Xinhua) -- ", "Xinhua", "BEIJING"),
        ("MOSCOW (Sputnik) - ", "Sputnik", "MOSCOW"),
        ("TAIPEI (Taiwan News) — ", "Taiwan News", "TAIPEI"),
        ("TEHRAN, Nov. 16 (MNA) – ", "Mehr News Agency", "TEHRAN"),
        ("NEW DELHI: ", None, "NEW DELHI"),
        ("ISTANBUL – ", None, "ISTANBUL"),
    ],
)
def test_datelines_give_the_outlet_and_leave_the_body(lead, outlet, place):
    text = lead + SENTENCE + "\n\n" + SECOND
    doc = document_from_text(text)
    assert doc.outlet == outlet
    assert doc.dateline == place
    assert doc.paragraphs[0] == SENTENCE
    assert doc.body[0][0] == len(lead)


def test_dateline_day_takes_its_year_from_the_sidecar_or_url():
    text = "MOSCOW, February 21. /TASS/. " + SENTENCE + "\n\n" + SECOND
    assert document_from_text(text).published is None  # no year anywhere: no guess
    dated = Metadata(published=dt.date(2019, 2, 22))
    assert document_from_text(text, fallback=dated).published == dt.date(2019, 2, 21)
    in_january = Metadata(published=dt.date(2020, 1, 2))
    assert document_from_text(text, fallback=in_january).published == dt.date(2019, 2, 21)
    url = "https://example.org/2019/02/23/lavrov"
    assert document_from_text(text, url=url).published == dt.date(2019, 2, 21)


@pytest.mark.parametrize(
    "first",
    [
        "NATO allies met in Brussels on Thursday to discuss the war in Ukraine and Russia.",
        "NATO-Russia relations are at their lowest point since the end of the Cold War.",
        "ASEAN–China talks on a code of conduct in the South China Sea resumed on Monday.",
    ],
)
def test_words_in_capitals_at_a_sentence_start_are_not_a_dateline(first):
    doc = document_from_text(first + "\n\n" + SECOND)
    assert doc.paragraphs == [first, SECOND]
    assert doc.outlet is None
    assert doc.dateline is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("http://tass.com/world/1045905", "TASS"),
        ("https://en.mehrnews.com/news/193732/x", "Mehr News Agency"),
        ("https://www.dawn.com/news/1285952/x", "dawn.com"),
    ],
)
def test_trailing_url_line_gives_url_and_outlet(url, outlet):
    doc = document_from_text(article(footer=(url, "Kaynak/Source:")))
    assert doc.url == url
    assert doc.outlet == outlet
    assert doc.paragraphs == [SENTENCE, SECOND]


def test_date_in_url_path_is_the_last_resort():
    text = article()
    assert document_from_text(text, url="https://x.org/2020/09/04/a").published == dt.date(
        2020, 9, 4
    )
    assert document_from_text(text, url="https://x.org/20230126/a").published == dt.date(
        2023, 1, 26
    )
    assert document_from_text(text, url="https://x.org/a/202306308154").published is None
    header_dated = article("Source: 2024-04-11")
    assert document_from_text(header_dated, url="https://x.org/2020/09/04/a").published == (
        dt.date(2024, 4, 11)
    )


@pytest.mark.parametrize(
    ("header", "title"),
    [
        (
            ("## JAPAN'S STANCE STANDS IN THE WAY, SAYS LAVROV",),
            "JAPAN'S STANCE STANDS IN THE WAY, SAYS LAVROV",
        ),
        (
            ("Lavrov: US uses NATO to control its members",),
            "Lavrov: US uses NATO to control its members",
        ),
        (
            ("HomeWorldLavrov: US uses NATO to control its members",),
            "Lavrov: US uses NATO to control its members",
        ),
        (
            (
                "Nov 16, 2022, 12:00 PM",
                "Iran FM:",
                "US acting hypocritically",
                "US acting hypocritically",
            ),
            "US acting hypocritically",
        ),
        (
            ("AVRASYA", "CENTER FOR", "Is NATO still needed in Europe?"),
            "Is NATO still needed in Europe?",
        ),
        (("Updated October. 07, 2024 09:48", "한국어"), None),
        ((), None),
    ],
)
def test_title_rules(header, title):
    doc = document_from_text(article(*header))
    assert doc.title == title
    assert doc.paragraphs == [SENTENCE, SECOND]


def test_names_written_in_camel_case_are_not_breadcrumbs():
    doc = document_from_text(article("McDonald and LeBron meet the Kremlin"))
    assert doc.title == "McDonald and LeBron meet the Kremlin"


def test_explicit_arguments_win_over_the_text():
    text = article("Lavrov: US uses NATO", "Source: 2024-04-11", footer=("http://tass.com/w/1",))
    doc = document_from_text(
        text, title="Given", outlet="Given Outlet", published="2020-01-02", url="https://x.org/a"
    )
    assert (doc.title, doc.outlet, doc.published, doc.url) == (
        "Given",
        "Given Outlet",
        dt.date(2020, 1, 2),
        "https://x.org/a",
    )


def test_text_values_win_over_fallback_and_fallback_fills_the_rest():
    fallback = Metadata(
        title="Sidecar title", outlet="Sidecar", published=dt.date(2001, 1, 1), url="https://s.org"
    )
    with_values = article("Lavrov: US uses NATO to control", "Source: 2024-04-11")
    doc = document_from_text(with_values, fallback=fallback)
    assert doc.title == "Lavrov: US uses NATO to control"
    assert doc.published == dt.date(2024, 4, 11)
    assert doc.url == "https://s.org"
    assert doc.outlet == "Sidecar"  # the text names no outlet
    bare = document_from_text(article(), fallback=fallback)
    assert (bare.title, bare.published) == ("Sidecar title", dt.date(2001, 1, 1))


# --- body rules ------------------------------------------------------------------------------


def test_boilerplate_lines_are_dropped():
    text = article(
        "Home > World > Europe",
        "EURASIAN STUDIES",
        "Lavrov: US uses NATO to control its members",
        footer=("Read more", "Share this article", "Follow us on Telegram", "© 2024 Example"),
    )
    doc = document_from_text(text)
    assert doc.paragraphs == [SENTENCE, SECOND]


def test_boilerplate_in_the_middle_is_dropped_but_subheadings_stay():
    text = "\n\n".join(
        [SENTENCE, "Advertisement", "Peace treaty talks to resume", "Related: NATO summit", SECOND]
    )
    assert document_from_text(text).paragraphs == [SENTENCE, "Peace treaty talks to resume", SECOND]


def test_article_sentences_are_never_dropped_even_when_they_look_like_boilerplate():
    looks_like_footer = (
        "Source: diplomats in Brussels said the talks with Moscow would resume next week."
    )
    text = "\n\n".join(["AVRASYA", SENTENCE, SECOND, looks_like_footer])
    assert document_from_text(text).paragraphs == [SENTENCE, SECOND, looks_like_footer]


def test_doubled_captions_are_dropped():
    caption = "Penny Wong with Wang Yi in Bali on Friday. Picture: Johannes P. Christo"
    text = "\n\n".join([SENTENCE, f"{caption}\n{caption}", SECOND])
    assert document_from_text(text).paragraphs == [SENTENCE, SECOND]


def test_sentence_broken_by_a_blank_line_is_one_paragraph():
    text = (
        "Lavrov said the difficulties present a significant obstacle, but we are\n\n"
        "committed to move towards a new level outlined by our president.\n\n" + SECOND
    )
    doc = document_from_text(text)
    assert len(doc.body) == 2
    assert doc.paragraphs[0].endswith("by our president.")
    assert "we are\n\ncommitted" in doc.paragraphs[0]


def test_lines_that_are_sentences_are_paragraphs():
    text = f"Lavrov: US uses NATO\n{SENTENCE}\n{SECOND}\nPeace treaty talks\n{SENTENCE}"
    doc = document_from_text(text)
    assert doc.title == "Lavrov: US uses NATO"
    assert doc.paragraphs == [SENTENCE, SECOND, "Peace treaty talks", SENTENCE]


def test_line_ending_with_a_comma_carries_on():
    text = f"{SENTENCE}\n“We hope to count on his abilities in the future,”\nSzijjártó stressed."
    assert document_from_text(text).paragraphs == [
        SENTENCE,
        "“We hope to count on his abilities in the future,”\nSzijjártó stressed.",
    ]


def test_hard_wrapped_paragraphs_are_joined():
    first = textwrap.fill(f"{SENTENCE} {SECOND}", width=60)
    second = textwrap.fill(f"{SECOND} {SENTENCE}", width=60)
    text = f"Lavrov: US uses NATO\n\n{first}\n\n{second}\n"
    doc = document_from_text(text)
    assert doc.title == "Lavrov: US uses NATO"
    assert doc.paragraphs == [first, second]


def test_glued_link_labels_and_wire_credits_are_trimmed():
    text = f"{SENTENCE}Continue reading\n{SECOND} AFP, REUTERS"
    assert document_from_text(text).paragraphs == [SENTENCE, SECOND]


def test_offsets_point_into_original_text_with_crlf_and_bom():
    raw = ("\ufeff" + article("Lavrov: US uses NATO", "22.02.2019")).replace("\n", "\r\n")
    doc = document_from_bytes(raw.encode("utf-8"))
    assert not doc.text.startswith("\ufeff")
    assert doc.paragraphs == [SENTENCE, SECOND]
    assert doc.published == dt.date(2019, 2, 22)
    assert_spans_valid(doc)


def test_utf16_with_bom_is_decoded():
    doc = document_from_bytes(article().encode("utf-16"))
    assert doc.paragraphs == [SENTENCE, SECOND]


def test_short_text_is_all_body():
    doc = document_from_text("Lavrov criticised the US")
    assert doc.paragraphs == ["Lavrov criticised the US"]


def test_text_with_only_headers_is_empty():
    with pytest.raises(EmptyDocument, match="no article text"):
        document_from_text("## A title here\n\nSource: 2024-04-11")


# --- bad inputs --------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocument, match=r"^empty\.txt: empty"):
        read_path(path)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n  \n")
    with pytest.raises(EmptyDocument, match="only whitespace"):
        read_path(path)
    with pytest.raises(EmptyDocument):
        document_from_text("   \n ")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(1, 9)) * 200,  # control bytes without NUL
    ],
)
def test_binary_bytes(tmp_path, data):
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryDocument, match=r"image\.txt: binary data"):
        read_path(path)


def test_control_characters_in_posted_text():
    with pytest.raises(BinaryDocument):
        document_from_text("abc\x00def " + SENTENCE)


def test_ten_megabyte_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes((SENTENCE + "\n").encode() * (10_000_000 // len(SENTENCE)))
    with pytest.raises(TooLargeDocument, match=r"big\.txt: \d+ bytes is over the 2000000-byte"):
        read_path(path)


def test_size_limit_is_a_keyword(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(article(), "utf-8")
    with pytest.raises(TooLargeDocument, match="over the 100-byte limit"):
        read_path(path, max_bytes=100)
    assert read_path(path, max_bytes=len(article()))[0].paragraphs == [SENTENCE, SECOND]


def test_size_limit_on_bytes_and_text():
    data = article().encode()
    with pytest.raises(TooLargeDocument):
        document_from_bytes(data, max_bytes=len(data) - 1)
    with pytest.raises(TooLargeDocument):
        document_from_text(article(), max_bytes=10)
    assert document_from_bytes(data, max_bytes=len(data)).paragraphs == [SENTENCE, SECOND]


def test_latin1_bytes_are_refused_with_the_byte_offset(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café diplomacy".encode("latin-1"))
    with pytest.raises(UndecodableDocument) as caught:
        read_path(path)
    message = str(caught.value)
    assert message.startswith("cafe.txt: not valid UTF-8 at byte 3")
    assert "re-save as UTF-8" in message


def test_bom_offset_counts_in_the_reported_byte():
    with pytest.raises(UndecodableDocument, match="at byte 6"):
        document_from_bytes(b"\xef\xbb\xbfCaf\xe9 diplomacy")


@pytest.mark.parametrize("text", [GERMAN, SPANISH])
def test_non_english_article(text):
    with pytest.raises(NotEnglishDocument, match="not English"):
        document_from_text(text)


def test_short_texts_are_not_judged_for_language():
    assert document_from_text("Lawrow kritisiert die Nato scharf").body == [(0, 33)]


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableDocument, match="cannot read the file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(UnreadableDocument):
        read_path(tmp_path)


# --- JSON and JSONL ------------------------------------------------------------------------------


def test_json_record_fields_win_over_the_text(tmp_path):
    path = tmp_path / "one.json"
    record = {
        "text": article("Lavrov: US uses NATO", "Source: 2024-04-11"),
        "title": "Record title",
        "published": "2019-02-21",
        "url": "http://tass.com/world/1045905",
        "case_id": "ignored",
    }
    path.write_text(json.dumps(record), encoding="utf-8")
    [doc] = read_path(path)
    assert doc.title == "Record title"
    assert doc.published == dt.date(2019, 2, 21)
    assert doc.outlet == "TASS"
    assert doc.source_file == "one.json"
    assert doc.text == record["text"]


def test_json_list_reads_every_record(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": SENTENCE}, {"text": SECOND}]), encoding="utf-8")
    assert [doc.paragraphs for doc in read_path(path)] == [[SENTENCE], [SECOND]]


def test_malformed_json_names_file_and_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "text": "hello",\n  "title": \n}', encoding="utf-8")
    with pytest.raises(MalformedDocument, match=r"^bad\.json: invalid JSON at line 4"):
        read_path(path)


def test_json_record_without_text(tmp_path):
    path = tmp_path / "notext.json"
    path.write_text('{"title": "No body"}', encoding="utf-8")
    with pytest.raises(MalformedDocument, match='no "text" field'):
        read_path(path)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": 5}, '"text" must be a string'),
        ({"text": SENTENCE, "title": ["x"]}, '"title" must be a string'),
        ({"text": SENTENCE, "published": "last Tuesday"}, "write it as YYYY-MM-DD"),
        (["just a string"], "typed.json record 1: expected a record object"),
    ],
)
def test_json_record_field_types(tmp_path, record, message):
    path = tmp_path / "typed.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(MalformedDocument, match=re.escape(message)):
        read_path(path)


def test_json_top_level_must_be_record_or_list(tmp_path):
    path = tmp_path / "number.json"
    path.write_text("42", encoding="utf-8")
    with pytest.raises(MalformedDocument, match="list of records"):
        read_path(path)


def test_jsonl_bad_line_is_reported_and_good_lines_still_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": SENTENCE, "url": "http://tass.com/world/1"}),
        '{"text": "broken',
        "",
        json.dumps({"title": "no text"}),
        json.dumps({"text": SECOND, "published": "2020-01-02"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = [item for _, item in iter_documents([path])]
    assert len(results) == 4
    good, broken, no_text, last = results
    assert isinstance(good, Document) and good.outlet == "TASS"
    assert isinstance(broken, MalformedDocument)
    assert str(broken).startswith("batch.jsonl line 2: invalid JSON")
    assert isinstance(no_text, MalformedDocument)
    assert str(no_text).startswith("batch.jsonl line 4:")
    assert isinstance(last, Document) and last.published == dt.date(2020, 1, 2)
    with pytest.raises(MalformedDocument, match="line 2"):
        read_path(path)


def test_jsonl_errors_from_the_text_name_the_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"text": GERMAN}) + "\n" + json.dumps({"text": "  "}) + "\n", encoding="utf-8"
    )
    errors = [item for _, item in iter_documents([path])]
    assert [type(error) for error in errors] == [NotEnglishDocument, EmptyDocument]
    assert str(errors[0]).startswith("mixed.jsonl line 1: not English")
    assert str(errors[1]).startswith("mixed.jsonl line 2: only whitespace")


def test_jsonl_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps({"text": SENTENCE}).encode() + b'\n{"text": "Caf\xe9"}\n')
    results = [item for _, item in iter_documents([path])]
    assert isinstance(results[0], Document)
    assert isinstance(results[1], UndecodableDocument)
    assert str(results[1]).startswith("latin.jsonl line 2: not valid UTF-8 at byte 13")


# --- sidecars and folders ------------------------------------------------------------------------


def test_sidecar_fills_what_the_text_lacks(tmp_path):
    (tmp_path / "a.txt").write_text(article("Lavrov: US uses NATO", "22.02.2019"), "utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps(
            {"title": "T", "published": "2001-01-01", "url": "https://x.org/a", "crawler": "x"}
        ),
        "utf-8",
    )
    [doc] = read_path(tmp_path / "a.txt")
    assert doc.title == "Lavrov: US uses NATO"  # the text's own
    assert doc.published == dt.date(2019, 2, 22)  # the text's own
    assert doc.url == "https://x.org/a"  # the sidecar's
    assert doc.outlet == "x.org"


def test_malformed_sidecar_names_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text(article(), "utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": 2019}', "utf-8")
    with pytest.raises(MalformedDocument, match=r"a\.meta\.json: \"published\" is 2019"):
        read_path(tmp_path / "a.txt")
    (tmp_path / "a.meta.json").write_text("{oops", "utf-8")
    with pytest.raises(MalformedDocument, match=r"a\.meta\.json: invalid JSON at line 1"):
        read_path(tmp_path / "a.txt")


def test_folder_walk_reports_errors_and_keeps_going(tmp_path):
    (tmp_path / "b.txt").write_text(article(), "utf-8")
    (tmp_path / "b.meta.json").write_text('{"title": "B"}', "utf-8")
    (tmp_path / "a_empty.txt").write_text("", "utf-8")
    (tmp_path / "notes.md").write_text(article(), "utf-8")
    (tmp_path / ".hidden.txt").write_text(article(), "utf-8")
    nested = tmp_path / "sub"
    nested.mkdir()
    (nested / "c.jsonl").write_text(json.dumps({"text": SECOND}) + "\n", "utf-8")
    results = list(iter_documents([tmp_path, tmp_path / "missing.txt"]))
    names = [path.name for path, _ in results]
    assert names == ["a_empty.txt", "b.txt", "c.jsonl", "missing.txt"]
    kinds = [type(item) for _, item in results]
    assert kinds == [EmptyDocument, Document, Document, UnreadableDocument]
    assert results[1][1].title == "B"
    assert results[2][1].source_file == "c.jsonl"


def test_explicit_file_of_any_extension_is_read_as_text(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(article(), "utf-8")
    assert read_path(path)[0].paragraphs == [SENTENCE, SECOND]


@pytest.mark.parametrize(
    ("lead", "outlet", "place"),
    [
        ("Tokyo, 22 Mar ", None, "Tokyo"),
        ("Madrid, 15 Jun (EFE).- ", "EFE", "Madrid"),
        ("Buenos Aires, May 3 -- ", None, "Buenos Aires"),
    ],
)
def test_a_dateline_place_not_in_capitals_is_known_by_its_date(lead, outlet, place):
    doc = document_from_text(lead + SENTENCE + "\n\n" + SECOND)
    assert (doc.outlet, doc.dateline, doc.paragraphs[0]) == (outlet, place, SENTENCE)


@pytest.mark.parametrize("lead", ["Update: ", "Tokyo, Japan's capital, said "])
def test_a_capitalised_word_without_a_date_is_no_dateline(lead):
    doc = document_from_text(lead + SENTENCE + "\n\n" + SECOND)
    assert doc.dateline is None
    assert doc.paragraphs[0] == lead + SENTENCE
