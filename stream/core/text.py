"""Text folded once for the many patterns that read it in lower case, and the substring tests before them."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, reduce
from operator import or_
from typing import ClassVar, NamedTuple


def fold(text: str) -> str:
    """The text in lower case, letter for letter, so that offsets into it hold in ``text``.

    Patterns compiled without re.I and run on folded text are two to four times faster. The rare
    letter whose lower case is longer ("İ") is kept as it is.
    """
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return folded


# Latin letters with their accents, for patterns that read names: "Tillabéri", "Michoacán", "BOGOTÁ". Capitals are
# ASCII's and Latin-1's; letters add Latin Extended-A's, both cases ("Łódź").
UPPER = "A-ZÀ-ÖØ-Þ"
LETTERS = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"


def contains_any(text: str, parts: tuple[str, ...]) -> bool:
    """True when ``text`` holds one of ``parts``: the cheap test before a pattern that needs one of them.

    A loop, not any() over a generator: a third faster, and every finder asks it of every sentence.
    """
    for part in parts:
        if part in text:
            return True
    return False


_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """Literal words as one regular-expression alternation, written as a trie: "t(?:en|wo|h(?:ree|irty))".

    The engine tests the alternatives of a group one by one; as a trie it reads each letter once, not
    once per word. A word that continues another is tried first, so the longest wins, as it does in a
    list sorted longest first.
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: _Trie) -> str:
    alternatives = [re.escape(char) + _branches(rest) for char, rest in node.items() if char]
    if "" not in node:
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{'|'.join(alternatives)})?" if alternatives else ""


_ASCII_BYTES = bytes(range(0x80))


def ascii_alike(text: str) -> bool:
    """True when a pattern matches ``text`` alike in ASCII and in Unicode mode.

    ``str.isascii`` costs nothing: the string knows. Other text is looked at once, and remembered.
    """
    return text.isascii() or _no_unicode_words(text)


@lru_cache(maxsize=4096)
def _no_unicode_words(text: str) -> bool:
    # The characters beyond ASCII, as what is left of the text's UTF-8 once its ASCII bytes are deleted: a
    # pattern's scan for them costs two to ten times as much. A lone surrogate passes through as itself.
    beyond = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return not any(c.isalnum() or c.isspace() for c in set(beyond))


class Regex:
    """A compiled pattern that runs in ASCII mode where that cannot change a match: far fewer instructions.

    On a str pattern, ``\\b``, ``\\w``, ``\\d`` and re.I ask Unicode's tables about each character
    through function calls; in ASCII mode each is an inline table lookup. The two modes differ only on
    characters beyond ASCII that are letters, digits or spaces, and on the information separators
    \\x1c-\\x1f, which an Article never holds (records.py turns them into spaces). News text holds
    curly quotes and dashes, which both modes read alike: such text runs in ASCII mode too.
    """

    __slots__ = ("pattern", "flags", "_ascii", "_unicode")
    # Each method picks the mode itself: a shared helper would cost a call on every search.

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._ascii = re.compile(pattern, flags | re.ASCII)
        self._unicode: re.Pattern[str] | None = None  # compiled at the first text that needs it

    def _unicode_pattern(self) -> re.Pattern[str]:
        if self._unicode is None:
            self._unicode = re.compile(self.pattern, self.flags)
        return self._unicode

    def on(self, text: str) -> re.Pattern[str]:
        """The compiled pattern for ``text`` and its parts: for a loop matching in one text many times."""
        return self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.findall(text, pos, endpos)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.split(text, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        pattern = self._ascii if text.isascii() or _no_unicode_words(text) else self._unicode_pattern()
        return pattern.sub(repl, text, count)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"


_ANY_DIGIT = Regex(r"\d")


def has_digit(text: str) -> bool:
    """``Regex(r"\\d").search(text) is not None``, three times faster: a loop of substring tests, each a scan in C,
    where the pattern tests every character through a call. Only text with letters or digits beyond ASCII, whose
    digits the pattern reads in Unicode mode (Myanmar's "၁၂"), is left to it. Most sentences hold no digit."""
    for digit in "0123456789":
        if digit in text:
            return True
    return not ascii_alike(text) and _ANY_DIGIT.search(text) is not None


class WordRegex(Regex):
    """``\\b(?:body)``, where every alternative of ``body`` opens on a word character (after any look-behind): every
    match opens a word.

    The engine tries a pattern opening on ``\\b`` at every character of a text, entering it to test the boundary.
    A match after the text's first character follows a character no word holds: searched as ``\\W`` and the body,
    the engine skips the letters in C and enters the pattern only after a space or a stop (a third fewer
    instructions). ``search`` and ``finditer`` find the same matches, with the same groups.
    """

    __slots__ = ("_after",)

    def __init__(self, body: str, flags: int = 0) -> None:
        super().__init__(rf"\b(?:{body})", flags)
        self._after = Regex(rf"\W(?:{body})", flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._next(self.on(text), self._after.on(text), text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        whole, after = self.on(text), self._after.on(text)
        while (found := self._next(whole, after, text, pos, endpos)) is not None:
            yield found
            pos = found.end()  # never empty: a match holds a word character

    @staticmethod
    def _next(whole: re.Pattern[str], after: re.Pattern[str], text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """The first match at or after ``pos``: at ``pos`` itself, else one character past a non-word character."""
        found = whole.match(text, pos, endpos)
        if found is None:
            before = after.search(text, pos, endpos)
            found = whole.match(text, before.start() + 1, endpos) if before else None
        return found


class Gated(NamedTuple):
    """Patterns with the substrings every match of them holds: where none stands in a text, none is run.

    A pattern that starts with a word boundary is tried at every letter of the text; a substring
    test runs at C speed. A test samples each pattern to check its stems leave out no match.
    """

    patterns: tuple[Regex, ...]
    stems: tuple[str, ...]

    def where(self, text: str) -> tuple[Regex, ...]:
        """The patterns worth running on ``text``: all of them, or none."""
        return self.patterns if contains_any(text, self.stems) else ()

    def search(self, text: str) -> re.Match[str] | None:
        """The first pattern's first match in ``text``, then the next pattern's."""
        if contains_any(text, self.stems):
            for pattern in self.patterns:
                found = pattern.search(text)
                if found:
                    return found
        return None


class Cues:
    """Words one of which every sentence a finder reports holds ("kill", "injur", "pulled out"), or every match of a
    gate's patterns: the test before them.

    Tested list by list, the finders' and the local-place gates scan a sentence once a cue, a hundred times.
    Here every list is tested at once: a cue without a space lies inside one of the text's space-separated
    words, and the lists a word holds a cue of are remembered (news repeats its words), so a text holds the
    lists its words do. A cue with a space ("pulled out") is looked for in the text only where a word holds its
    longest word. The lists are bits of one number: each text's is an OR over its words', in C.
    """

    _in_words: ClassVar[list[tuple[int, str]]] = []  # (bit, cue): a cue without a space, and its list's bit
    _phrases: ClassVar[list[tuple[int, int, str, str]]] = []  # (own bit, list's bit, cue, its longest word)
    _phrase_bits: ClassVar[int] = 0
    # A phrase's own bit -> (its list's bit, the phrase): a text's phrase bits are read one by one, not every phrase.
    _phrase_of: ClassVar[dict[int, tuple[int, str]]] = {}
    _bits: ClassVar[int] = 0  # bits given out, to lists and phrases alike
    # Every list's stems as one pattern, compiled when the first word is read: two dozen lists are made at import,
    # and compiling the growing pattern again for each took a twentieth of a second at every start.
    _any: ClassVar[re.Pattern[str] | None] = None
    # Each stem -> the bits of every cue it opens on ("killed" -> the lists of "kill" and of "killed"), built with it.
    _opening: ClassVar[dict[str, int]] = {}

    def __init__(self, *words: str) -> None:
        self.words = words
        cls = type(self)
        self.bit = cls._take_bit()
        for word in words:
            parts = word.split()
            if parts == [word]:
                cls._in_words.append((self.bit, word))
            else:
                own = cls._take_bit()
                cls._phrases.append((own, self.bit, word, max(parts, key=len)))
                cls._phrase_of[own] = (self.bit, word)
                cls._phrase_bits |= own
        cls._any = None
        _WORD_BITS.clear()
        cue_bits.cache_clear()

    @classmethod
    def any_stem(cls) -> re.Pattern[str]:
        """One pattern for every stem of every list: a word it finds nothing in holds no cue."""
        if cls._any is None:
            stems = {cue for _, cue in cls._in_words} | {longest for _, _, _, longest in cls._phrases}
            cls._any = re.compile(alternation(sorted(stems)))
            cls._opening = {stem: cls._bits_opening(stem) for stem in stems}
        return cls._any

    @classmethod
    def _bits_opening(cls, stem: str) -> int:
        """The bits of the cues ``stem`` opens on, itself among them: a list's cue, or a phrase's longest word."""
        bits = 0
        for bit, cue in cls._in_words:
            if stem.startswith(cue):
                bits |= bit
        for own, _, _, longest in cls._phrases:
            if stem.startswith(longest):
                bits |= own
        return bits

    @classmethod
    def _take_bit(cls) -> int:
        bit = 1 << cls._bits
        cls._bits += 1
        return bit

    def held_by(self, text: str) -> bool:
        """True when ``text`` holds one of the words, as a substring: ``contains_any(text, self.words)``."""
        return bool(cue_bits(text) & self.bit)

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __repr__(self) -> str:
        return f"Cues{self.words!r}"


class _WordBits(dict[str, int]):
    """The bits of every word read so far: a dict looked up in C, without an LRU's bookkeeping on each hit (a
    third of the cost of a sentence's lookups). Emptied when it grows past 65,536 words: a stream meets new names
    without end."""

    def __missing__(self, word: str) -> int:
        if len(self) >= 65536:
            self.clear()
        bits = self[word] = _word_bits(word)
        return bits


_WORD_BITS = _WordBits()


def _word_bits(word: str) -> int:
    """The bits of the lists one of whose cues ``word`` holds, and of the phrases whose longest word it holds.

    The stems' pattern finds, at each place of the word where a stem starts, the longest one there (it is written
    as a trie, longest first); the cues found there are that stem's openings. A scan from each such place, where a
    substring test of each of the 260 stems cost half a percent of extraction's instructions (a stream's new words,
    names most of them, each pass through here).
    """
    stems = Cues.any_stem()
    found = stems.search(word)
    if found is None:
        return 0  # most words hold no cue
    opening = Cues._opening
    bits = 0
    while found is not None:
        bits |= opening[found.group()]
        found = stems.search(word, found.start() + 1)
    return bits


@lru_cache(maxsize=256)
def cue_bits(text: str) -> int:
    """The bits of the lists of cues ``text`` holds (``Cues.bit``): each finder asks of the same sentence."""
    bits = reduce(or_, map(_WORD_BITS.__getitem__, text.split()), 0)
    # Only the phrases whose longest word the text holds, lowest bit first: two texts in three hold one or two of
    # the two dozen, where a loop over them all tests each.
    pending = bits & Cues._phrase_bits
    while pending:
        own = pending & -pending
        pending ^= own
        list_bit, cue = Cues._phrase_of[own]
        if not bits & list_bit and cue in text:
            bits |= list_bit
    return bits


@lru_cache(maxsize=256)
def lowered(sentence: str) -> str:
    """``fold``, remembered: several finders and the framing test read each sentence in lower case.

    Folding text with curly quotes costs five times a substring scan.
    """
    return fold(sentence)


class SentenceGate(NamedTuple):
    """``Gated`` for the folded text of a whole sentence: its stems are read with the finders' cues (``Cues``).

    The bits of a sentence's cues are read once (``cue_bits``, remembered for the sentence) and answer every gate
    asked of it, where ``Gated`` scans the sentence once a stem: thirty times for the causes of death no violence
    makes. Another text (a clause, a slice) would have its words read afresh: give those to ``Gated``.
    """

    patterns: tuple[Regex, ...]
    cues: Cues

    @classmethod
    def of(cls, gated: Gated) -> SentenceGate:
        return cls(gated.patterns, Cues(*gated.stems))

    def where(self, low: str) -> tuple[Regex, ...]:
        """The patterns worth running on the folded sentence ``low``: all of them, or none."""
        return self.patterns if cue_bits(low) & self.cues.bit else ()

    def search(self, low: str) -> re.Match[str] | None:
        """The first pattern's first match in ``low``, then the next pattern's."""
        for pattern in self.where(low):
            found = pattern.search(low)
            if found:
                return found
        return None
