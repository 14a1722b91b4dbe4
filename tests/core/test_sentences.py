"""Sentence splitting: stops, closing quotes, abbreviations, line breaks and paragraphs, with exact spans."""

from stream.core.extract.sentences import split_sentences


def _split(text: str) -> list[tuple[str, int]]:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text  # spans point into the article
    return [(s.text, s.paragraph) for s in sentences]


def test_a_stop_before_a_capital_or_a_digit_ends_a_sentence() -> None:
    assert _split("Troops entered the town. 12 houses burned! Was anyone hurt? Nobody knows.") == [
        ("Troops entered the town.", 0), ("12 houses burned!", 0), ("Was anyone hurt?", 0), ("Nobody knows.", 0)]


def test_a_stop_inside_closing_quotes_ends_the_sentence() -> None:
    # The quote mark after the stop goes with the gap between sentences.
    assert _split('He said: "We took the post." The army denied it.’ Later (“A new front”) opened.') == [
        ('He said: "We took the post.', 0), ("The army denied it.", 0), ("Later (“A new front”) opened.", 0)]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    assert _split("Gen. Min Aung Hlaing met Mr. U Tun at 9 a.m. Monday. Talks failed.") == [
        ("Gen. Min Aung Hlaing met Mr. U Tun at 9 a.m. Monday.", 0), ("Talks failed.", 0)]


def test_a_stop_before_a_lower_case_word_does_not_split() -> None:
    assert _split("The toll rose to 12. according to locals.") == [("The toll rose to 12. according to locals.", 0)]


def test_line_breaks_split_and_blank_lines_start_paragraphs() -> None:
    text = "Fighting in Kachin\nKIA seizes a post\n\n  The KIA said it took the post.\n\n\nlower case line.\nEnd"
    assert _split(text) == [("Fighting in Kachin", 0), ("KIA seizes a post", 1), ("The KIA said it took the post.", 2),
                            ("lower case line.", 3), ("End", 4)]


def test_a_stop_then_a_blank_line_is_one_paragraph_break() -> None:
    assert _split("First.\n\nsecond starts lower.\n\nThird.") == [
        ("First.", 0), ("second starts lower.", 1), ("Third.", 2)]
