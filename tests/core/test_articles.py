"""Article parsing: text files with a date marker, JSON lines, and the reasons bad input is refused."""

from datetime import date

import pytest

from stream.core.articles import MAX_ARTICLE_BYTES, article_from_json, article_from_text
from stream.errors import BadArticle


def test_text_with_date_marker() -> None:
    a = article_from_text(b" date 2024-02-01 Troops withdrew from the town of Mindat overnight.")
    assert a.published == date(2024, 2, 1)
    assert a.id == article_from_text(b" date 2024-02-01 Troops withdrew from the town of Mindat overnight.").id


def test_text_without_marker_takes_its_latest_written_date() -> None:
    a = article_from_text(b"Fighting since 3 January 2024 went on.\nPosted on February 9, 2024 by a reporter.")
    assert a.published == date(2024, 2, 9)


def test_json_article_keeps_its_fields_and_ignores_others() -> None:
    a = article_from_json(b'{"id": "x1", "url": "https://n.example/1", "source": "Outlet", "title": "T",'
                          b' "published": "2024-05-01T10:00:00Z", "text": "Clashes continued near Loikaw today.",'
                          b' "extra": [1, 2]}')
    assert (a.id, a.source, a.published) == ("x1", "Outlet", date(2024, 5, 1))


@pytest.mark.parametrize(("raw", "reason"), [
    (b'{"text": "unfinished', "not valid JSON: Unterminated string starting at at column 10"),
    (b'{"title": "no body"}', "missing 'text': every article needs its text"),
    (b'{"text": 42}', "'text' must be a string, not int"),
    (b'{"text": "   "}', "'text' is empty or shorter than 20 characters"),
    (b'["a", "list"]', "a JSON article must be an object, not list"),
    (b'{"text": "Clashes continued near Loikaw today.", "published": "last week"}',
     "'published' is not an ISO date: 'last week'"),
    (b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', "binary content: NUL bytes are not text"),
    (b'{"text": "caf\xe9 au lait in Loikaw today"}', "not UTF-8 text: invalid byte at offset 13"),
    (b'\x01\x02\x03\x1b[0m\x04\x05\x06\x07\x08\x1f', "binary content: 10 control characters in the first 4 KiB"),

    # Python converts at most 4,300 digits to an int: json.loads raised ValueError, which no door caught.
    (b'{"n": ' + b"9" * 5_000 + b', "text": "Clashes continued near Loikaw today."}',
     "not an article: it holds a number of more than 4,300 digits"),
    (b'{"text": "Clashes continued near Loikaw today.", "id": -' + b"1" * 4_301 + b'}',
     "not an article: it holds a number of more than 4,300 digits"),
])
def test_bad_json_articles_say_why(raw: bytes, reason: str) -> None:
    with pytest.raises(BadArticle) as caught:
        article_from_json(raw)
    assert str(caught.value) == reason


def test_oversized_article_is_refused() -> None:
    raw = b'{"text": "' + b"a" * MAX_ARTICLE_BYTES + b'"}'
    with pytest.raises(BadArticle, match=r"^too large: 1,000,012 bytes \(the limit is 1,000,000\)$"):
        article_from_json(raw)


def test_a_few_control_characters_and_layout_whitespace_are_still_text() -> None:
    raw = b"Clashes continued\tnear Loikaw\r\n\f\vtoday, the outlet said." + b"\x1b" * 8
    assert article_from_text(raw).text.endswith("\x1b" * 8)
    with pytest.raises(BadArticle, match="9 control characters"):
        article_from_text(raw + b"\x1b")


def test_an_article_without_a_date_is_read_against_the_day_it_was_received(gazetteer) -> None:
    from stream.core.extract import extract

    raw = b'{"id": "undated", "text": "Soldiers shot dead 12 villagers in Kawlin township on Tuesday, residents said."}'
    article = article_from_json(raw, received=date(2024, 3, 8))
    [event] = [e for e in extract(article, gazetteer) if e.type == "casualties"]
    assert (event.event_date, event.date_anchor) == (date(2024, 3, 5), "received")  # the Tuesday before


def test_a_received_day_on_the_line_wins_and_a_published_date_is_kept(gazetteer) -> None:
    line = b'{"text": "Soldiers shot dead 12 villagers in Kawlin.", "received": "2024-01-02"}'
    assert article_from_json(line, received=date(2024, 3, 8)).received == date(2024, 1, 2)
    dated = article_from_json(b'{"text": "Soldiers shot dead 12 villagers.", "published": "2024-02-01"}',
                              received=date(2024, 3, 8))
    assert (dated.published, dated.received) == (date(2024, 2, 1), date(2024, 3, 8))


def test_the_kafka_decode_refuses_a_number_of_thousands_of_digits_as_the_door_does() -> None:
    from stream.kafka.steps import decode_article

    with pytest.raises(BadArticle, match="^not an article: it holds a number of more than 4,300 digits$"):
        decode_article(b'{"schema": 1, "n": ' + b"9" * 5_000 + b', "text": "Clashes continued near Loikaw today."}')
