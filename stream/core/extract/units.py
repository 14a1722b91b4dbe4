"""Posts taken by the name of the unit that held them: "the base of Light Infantry Battalion 542", "LIB 355 camp"."""

from __future__ import annotations

from typing import NamedTuple

from stream.core.records import Place
from stream.core.text import Regex

# What a unit holds. A hill's or a forward base's kind words stay with it: "the LIB 542 hill outpost".
_POST = (r"(?i:(?:hilltop\s+|hill\s+|forward\s+|main\s+|company\s+|tactical\s+)?"
         r"(?:base|camp|headquarters|outpost|garrison|compound|barracks|command|post|position))\b")
# A unit by its number, as armies and the news name them: "Light Infantry Battalion (LIB) 542", "IB 275",
# "Light Infantry Battalion (563)", "the 22nd Infantry Division", "the First Brigade". A number is what makes it
# one unit: "a Light Infantry Battalion camp" names no site of its own.
_UNIT = (r"(?:(?:Light\s+)?Infantry\s+(?:Battalion|Regiment)|Battalion|LIB|IB)\s*(?:\((?:LIB|IB)\)\s*)?"
         r"(?:\(\d{1,4}\)|\d{1,4})(?![\d,.]\d)"
         r"|\d{1,3}(?:st|nd|rd|th)\s+(?:(?:Light\s+)?Infantry\s+|Mechani[sz]ed\s+|Armou?red\s+|Motori[sz]ed\s+)?"
         r"(?:Division|Brigade|Battalion|Regiment)"
         r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+(?:Infantry\s+)?(?:Division|Brigade)")
# Whose unit it was: "the junta's", "the military council's", "SAC", "the army's".
_OWNER = (r"(?:(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w-]+['’]s\s+"
          r"|(?:the\s+)?(?:junta|regime|army|military|SAC|SAF|enemy|government)\s+)?")
# The site right after a verb of taking: "the headquarters of the junta's LIB 543", "LIB 355 camp", "the Light
# Infantry Battalion (LIB) 268, the remaining regime outpost".
_UNIT_SITE = Regex(rf"\s*(?:the\s+|a\s+|an\s+)?(?:(?P<post_of>{_POST})\s+of\s+{_OWNER}(?P<unit_of>{_UNIT})"
                   rf"|{_OWNER}(?P<unit>{_UNIT})(?:\s+(?P<post>{_POST}))?)")

# Where the site stands from the town, as the story says it: "a few kilometres east of the town of X", "near X".
_SIDE_OF = Regex(r"\s*,?\s*(?:(?:about|some|around|nearly|roughly|just)\s+)?(?:(?:a\s+few|[\w.-]+)\s+"
                 r"(?:km|kilomet(?:er|re)s?|miles?)\s+)?(?P<side>(?i:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|"
                 r"near|close\s+to|outside))\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:town|village|city)\s+of\s+)?$")


class UnitPost(NamedTuple):
    """A numbered unit's post as the story names it, the unit as one key however it is spelled, and where it ends."""

    name: str
    unit: str
    end: int


def unit_site(text: str, start: int) -> UnitPost | None:
    """The site named after ``start`` by the unit that held it, as the story writes the unit ("LIB 355 camp"); None
    where no numbered unit's site stands there."""
    m = _UNIT_SITE.match(text, start)
    if m is None:
        return None
    unit, post = (m["unit_of"], m["post_of"]) if m["unit_of"] else (m["unit"], m["post"])
    name = f"{_spaced(unit)} {_spaced(post).lower()}" if post else _spaced(unit)
    return UnitPost(name, _unit_key(unit), m.end())


def _unit_key(unit: str) -> str:
    """One unit however it is spelled: "Light Infantry Battalion (LIB) 542", "LIB 542" and "Light Infantry Battalion
    (542)" are LIB542; "the 22nd Infantry Division" is ID22."""
    words = [word for word in unit.split() if not (word.startswith("(") and word[1:-1].isalpha())]
    letters = "".join(word if word.isupper() else word[0] for word in words if word.isalpha())
    return letters + "".join(ch for ch in unit if ch.isdigit())


def site_by(post: UnitPost, town: Place, spelled: str, between: str) -> Place:
    """The post, placed at the town it stands by, and named with it as the story spells the town and says where the
    post stands from it ("near", "east of"): a desk reads which base and where, and the town is not said to have
    changed hands. Its code is the unit's at the town, so that other stories' names for the post corroborate it."""
    site = post.name
    if spelled.lower() in site.lower():
        name = site
    else:
        side = _SIDE_OF.match(between)
        name = f"{site} {_spaced(side['side']).lower()} {spelled}" if side else f"{site}, {spelled}"
    return Place(name=name, precision="facility", admin1=town.admin1, country=town.country, lat=town.lat,
                 lon=town.lon, code=f"{town.code or spelled.lower()}/{post.unit}")


def is_unit_post(place: Place) -> bool:
    """Whether the place is a numbered unit's post, as ``site_by`` makes them."""
    return place.code is not None and "/" in place.code


def _spaced(words: str) -> str:
    return " ".join(words.split())
