"""Extraction: ``extract(article, gazetteer) -> list[Event]``, pure and deterministic."""

from __future__ import annotations

from typing import cast

from stream.core.extract.actors import ROLE_WORDS, Actors
from stream.core.extract.build import EXTRACTOR_VERSION, Story, record
from stream.core.extract.context import article_contexts
from stream.core.extract.findings import Found, of_the_story_s_violence
from stream.core.extract.kinds import KINDS, Kinds
from stream.core.extract.passes import PASSES
from stream.core.extract.repeats import merge_repeats_by_place, one_toll_a_region_day
from stream.core.places import Gazetteer
from stream.core.records import Article, Event, EventBase
from stream.core.text import cue_bits, lowered


def extract(article: Article, gazetteer: Gazetteer, actors: Actors = ROLE_WORDS) -> list[Event]:
    """Every sourced fact the article reports, flagged when it is background, denied or hypothetical."""
    # KINDS makes the records of the Event union and no others: kinds.py checks it at import.
    return cast(list[Event], extract_kinds(article, gazetteer, actors, KINDS))


def extract_kinds(article: Article, gazetteer: Gazetteer, actors: Actors, kinds: Kinds) -> list[EventBase]:
    """The facts of every kind of the table: each kind's finder on each sentence, the passes, then records."""
    contexts = article_contexts(article, gazetteer)
    finders = [(kind.find, kind.cues) for kind in kinds.values()]
    found: Found = []
    for ctx in contexts:
        held = cue_bits(lowered(ctx.sentence.text))  # the lists of cues the sentence holds, read once for all kinds
        if ctx.sentence.text[:1] == "(" and ctx.timeline.list_opened_by(ctx.index):
            held = -1  # an item of a list its opening line tells of ("captured the following:"): its cues are there
        for find, cues in finders:
            if cues is not None and not held & cues.bit:
                continue  # the finder would say so itself, after a call and a fold: most sentences hold no cue
            for finding in find(ctx, actors):  # most sentences have none: no generator made for them
                found.append((ctx, finding))
    found = of_the_story_s_violence(contexts, found)
    for clean in PASSES:
        found = clean(found, kinds)
    story = Story.of(article, contexts, gazetteer, found, kinds)
    records = [record(story, ctx, finding, kinds[finding.type]) for ctx, finding in found]
    return one_toll_a_region_day(merge_repeats_by_place(records, kinds))


__all__ = ["EXTRACTOR_VERSION", "extract", "extract_kinds"]
