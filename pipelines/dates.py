"""Resolves the date words a statement's cue carries ("on Thursday", "today", "February 21")
against the document's publication date."""

import calendar
import datetime as dt
import re

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": 1}
RELATIVE_PHRASES = {"last night": 1}


def load_date_parser() -> None:
    """Load dateparser's English data now, with the model: its first parse takes ~130 ms
    (the data is read lazily), later ones ~1 ms."""
    dateparser.parse("21 February 2019", languages=["en"])


def resolve_date(text: str | None, published: dt.date | None) -> dt.date | None:
    """The day `text` names, read relative to `published`; None when it cannot be known."""
    if not text:
        return None
    words = text.lower().replace(",", " ").split()
    if published is not None:
        for word in words:
            if word in RELATIVE_DAYS:
                return published - dt.timedelta(days=RELATIVE_DAYS[word])
        for phrase, days in RELATIVE_PHRASES.items():
            if phrase in " ".join(words):
                return published - dt.timedelta(days=days)
        weekdays = [w for w in words if w in WEEKDAYS]
        if weekdays and len(words) <= 2:
            # "last Thursday" in a Thursday's paper is a week before; "Thursday" is that day.
            before = published - dt.timedelta(days=1) if "last" in words else published
            return last_weekday(WEEKDAYS.index(weekdays[0]), before)
    base = dt.datetime.combine(published, dt.time()) if published else None
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    elif not any(ch.isdigit() and len(w) == 4 for w in words for ch in w[:1]):
        return None  # no year and nothing to take it from
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published:
        return None  # a statement cannot postdate its report
    return day


def last_weekday(weekday: int, on_or_before: dt.date) -> dt.date:
    """The latest date with that weekday (Monday = 0) not after `on_or_before`."""
    return on_or_before - dt.timedelta(days=(on_or_before.weekday() - weekday) % 7)


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_WEEKDAY_DATE = re.compile(  # "Thursday (June 22)", "Friday, May 31" with no year after it
    rf"\b({'|'.join(WEEKDAYS)})\b[\s,(]+({'|'.join(MONTHS)})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def weekday_anchored_date(text: str) -> dt.date | None:
    """A day the text gives as weekday and date without a year ("on Thursday (June 22)"):
    the year in which that date fell on that weekday, the latest one not after the latest
    year the text mentions (a weekday repeats on a date only every 5 to 11 years)."""
    years = [int(y) for y in _YEAR.findall(text)]
    match = _WEEKDAY_DATE.search(text)
    if match is None or not years:
        return None
    weekday = WEEKDAYS.index(match.group(1).lower())
    month, day = MONTHS[match.group(2).lower()], int(match.group(3))
    for year in range(max(years), max(years) - 12, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # February 29 outside a leap year
        if candidate.weekday() == weekday:
            return candidate
    return None
