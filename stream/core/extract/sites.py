"""Where an article's news happened: the place it is mostly about, and the villages or posts inside coarse places."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from stream.core.extract.context import SentenceContext
from stream.core.records import Place, PlacePrecision

# A headline says "an airstrike in Kachin"; the body names the village. Places this coarse give way to it.
_COARSE = ("town", "township", "district", "admin1")
# What a site is: a village or a post.
SITES: tuple[PlacePrecision, ...] = ("village", "facility")


@dataclass(frozen=True, slots=True)
class Site:
    """A village or post the article's news happened at, and the places named beside it."""

    place: Place
    beside: frozenset[str]

    def inside(self, area: Place) -> bool:
        if self.place.admin1 != area.admin1:
            return False
        # Within a state any of its sites will do; a town or township must be named with the site.
        return area.precision in ("admin1", "district") or area.name in self.beside


def story_sites(contexts: list[SentenceContext]) -> list[Site]:
    """The villages and posts the article's news happened at, most named first."""
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    beside: dict[str, set[str]] = {}
    for ctx in contexts:
        # A village in a list ("villages such as A, B and C") is one of several, not where the story is.
        local = [m for m in ctx.mentions if m.place.precision in SITES and not m.listed]
        if not local or ctx.background or ctx.historical:
            continue
        for m in local:
            counts[m.place.name] += 1
            places.setdefault(m.place.name, m.place)
            beside.setdefault(m.place.name, set()).update(o.place.name for o in ctx.mentions)
    return [Site(places[name], frozenset(beside[name])) for name, _ in counts.most_common()]


def refined(place: Place | None, ctx: SentenceContext, sites: list[Site],
            into: tuple[PlacePrecision, ...] = SITES) -> Place | None:
    """The article's site inside a coarse place: the one the story is at, else the one it names most. Only a site of
    the precisions ``into`` names: people flee homes, not the army camp or the hill a story tells of."""
    if place is None or place.precision not in _COARSE or not into:
        return place
    here = [Site(p, frozenset(m.place.name for m in ctx.mentions) | {p.name})
            for p in (ctx.place, ctx.carried) if p and p.precision in into]
    return next((site.place for site in (*here, *sites) if site.inside(place) and site.place.precision in into),
                place)


def main_place(contexts: list[SentenceContext]) -> Place | None:
    """The place the article is mostly about: its most named town or township."""
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for ctx in contexts:
        for m in ctx.mentions:
            if m.place.precision in ("town", "township", "village", "district"):
                counts[m.place.name] += 1
                places.setdefault(m.place.name, m.place)
    if counts:
        return places[counts.most_common(1)[0][0]]
    admin = [m.place for ctx in contexts for m in ctx.mentions if m.place.precision == "admin1"]
    return admin[0] if admin else None
