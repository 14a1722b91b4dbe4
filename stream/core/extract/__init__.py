"""Extraction: ``extract(article, gazetteer) -> list[Event]``, pure and deterministic."""

from __future__ import annotations

from stream.core.extract.actors import ROLE_WORDS, Actors
from stream.core.extract.airstrikes import find_airstrikes, per_target
from stream.core.extract.build import EXTRACTOR_VERSION, Story, record
from stream.core.extract.casualties import find_casualties
from stream.core.extract.context import article_contexts
from stream.core.extract.displacement import find_displacement
from stream.core.extract.findings import Found
from stream.core.extract.passes import PASSES
from stream.core.extract.repeats import merge_repeats_by_place
from stream.core.extract.territory import find_seizures
from stream.core.places import Gazetteer
from stream.core.records import Article, Event


def extract(article: Article, gazetteer: Gazetteer, actors: Actors = ROLE_WORDS) -> list[Event]:
    """Every sourced fact the article reports, flagged when it is background, denied or hypothetical."""
    contexts = article_contexts(article, gazetteer)
    found: Found = []
    for ctx in contexts:
        text = ctx.sentence.text
        for finding in (*find_seizures(ctx, actors), *find_casualties(text, actors), *find_displacement(text, actors)):
            found.append((ctx, finding))
        found.extend((ctx, strike) for finding in find_airstrikes(text) for strike in per_target(ctx, finding))
    for clean in PASSES:
        found = clean(found)
    story = Story.of(article, contexts, gazetteer)
    return merge_repeats_by_place([record(story, ctx, finding) for ctx, finding in found])


__all__ = ["EXTRACTOR_VERSION", "extract"]
