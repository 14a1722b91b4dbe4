"""Small builders for tests: articles, events and a synthetic corpus written for the tests."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from stream.core.extract import extract
from stream.core.ids import content_id
from stream.core.places import Gazetteer
from stream.core.records import (
    Article,
    Casualties,
    Displacement,
    EventBase,
    Evidence,
    Place,
    Side,
    TerritorySeized,
)
from stream.reference.actors import default_actors

KAWLIN = Place(name="Kawlin", admin1="Sagaing", country="Myanmar", code="MMR005024701", precision="town")
LOIKAW = Place(name="Loikaw", admin1="Kayah", country="Myanmar", code="MMR002001701", precision="town")


def article(text: str, published: str | None = "2024-03-04", id: str | None = None, **fields: Any) -> Article:
    return Article(id=id or content_id("art", text), text=text,
                   published=date.fromisoformat(published) if published else None, **fields)


def events_in(text: str, gazetteer: Gazetteer, published: str | None = "2025-06-13",
              **fields: Any) -> list[EventBase]:
    """The facts a story of ``published`` tells as done: what the wire-copy tests read."""
    return [e for e in extract(article(text, published, **fields), gazetteer, default_actors()) if not e.negated]


def dead_in(text: str, gazetteer: Gazetteer, **fields: Any) -> list[Casualties]:
    """The dead a desk would count in a story: neither running totals nor history."""
    return [e for e in events_in(text, gazetteer, **fields) if isinstance(e, Casualties) and e.killed
            and not e.cumulative and not e.historical]


def tolls_in(text: str, gazetteer: Gazetteer, **fields: Any) -> list[int | None]:
    """The figure of each toll ``dead_in`` finds, in the order told."""
    return [e.killed for e in dead_in(text, gazetteer, **fields)]


def dated_dead(text: str, gazetteer: Gazetteer, published: str) -> list[tuple[int | None, date | None]]:
    """Each toll a desk would count in a story of ``published``, with its day."""
    return [(e.killed, e.event_date) for e in dead_in(text, gazetteer, published=published)]


def takings_in(text: str, gazetteer: Gazetteer, published: str | None = "2026-11-24",
               **fields: Any) -> list[TerritorySeized]:
    """The places a story tells as taken in its news: neither history nor denied."""
    return [e for e in events_in(text, gazetteer, published, **fields)
            if isinstance(e, TerritorySeized) and e.is_incident]


def places_taken(text: str, gazetteer: Gazetteer, published: str | None = "2026-11-24") -> list[str]:
    """The names of the places ``takings_in`` finds, in the order told."""
    return [e.place.name for e in takings_in(text, gazetteer, published) if e.place]


def sites_doubted(text: str, gazetteer: Gazetteer) -> list[tuple[str, bool]]:
    """Each place taken, and whether the precision gate holds it as where a site taken stands rather than the place."""
    return [(e.place.name, any("where the site taken stands" in d for d in e.doubts))
            for e in takings_in(text, gazetteer) if e.place]


def fled_in(text: str, gazetteer: Gazetteer, published: str = "2026-11-24") -> list[tuple[int | None, bool]]:
    """Each figure of the displaced a story gives, and whether it is a stock rather than a flight of the news."""
    return [(e.displaced, e.cumulative) for e in events_in(text, gazetteer, published) if isinstance(e, Displacement)]


def flights_in(text: str, gazetteer: Gazetteer, published: str = "2026-11-24") -> list[int | None]:
    """The figure of each flight of the news a story tells: ``fled_in`` without the stocks."""
    return [figure for figure, stock in fled_in(text, gazetteer, published) if not stock]


def _base(article_id: str, when: str, place: Place | None, n: int, **flags: Any) -> dict[str, Any]:
    sentence = f"test sentence {n}"
    return dict(id=f"ev-{article_id}-{n}", article_id=article_id, source=flags.pop("source", None),
                event_date=date.fromisoformat(when), place=place, extractor_version="test",
                evidence=Evidence(article_id=article_id, sentence=sentence, start=0, end=len(sentence)), **flags)


def seized(article_id: str, when: str, place: Place | None = KAWLIN, side: Side = "resistance", n: int = 0,
           **flags: Any) -> TerritorySeized:
    return TerritorySeized(**_base(article_id, when, place, n, **flags), side=side)


def killed(article_id: str, when: str, count: int, place: Place | None = KAWLIN, side: Side = "military",
           n: int = 0, **flags: Any) -> Casualties:
    return Casualties(**_base(article_id, when, place, n, **flags), killed=count, side=side)


def displaced(article_id: str, when: str, count: int, place: Place | None = KAWLIN, n: int = 0,
              **flags: Any) -> Displacement:
    return Displacement(**_base(article_id, when, place, n, **flags), displaced=count)


TOWNS = [("Kawlin", "Sagaing"), ("Tamu", "Sagaing"), ("Mindat", "Chin"), ("Hakha", "Chin"), ("Loikaw", "Kayah"),
         ("Demoso", "Kayah"), ("Lashio", "Shan"), ("Kutkai", "Shan"), ("Hpakant", "Kachin"), ("Myitkyina", "Kachin"),
         ("Maungdaw", "Rakhine"), ("Gangaw", "Magway"), ("Falam", "Chin"), ("Kalay", "Sagaing")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_corpus(n: int, seed: int = 7, start: date = date(2023, 1, 2)) -> list[dict[str, Any]]:
    """``n`` articles in the grammar of war reporting, with background totals mixed in; deterministic."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        town, region = rng.choice(TOWNS)
        day = rng.choice(WEEKDAYS)
        sentences = [
            f"Fighting broke out near {town} in {region} on {day}, residents said.",
        ]
        kind = rng.randrange(5)
        if kind == 0:
            side = rng.choice(["Resistance fighters", "Junta troops"])
            sentences.append(f"{side} seized the town of {town} on {day} after two days of fighting.")
        elif kind == 1:
            sentences.append(f"At least {rng.randint(2, 25)} soldiers were killed in the clash on {day}.")
        elif kind == 2:
            sentences.append(f"About {rng.choice([800, 4000, 12000, 25000])} people fled their homes in "
                             f"{town} Township on {day}.")
        elif kind == 3:
            sentences.append(f"The military carried out airstrikes on a village near {town} on {day}, "
                             f"killing {rng.randint(1, 9)} civilians.")
        else:
            sentences.append("Local groups said the situation remained tense.")
        if rng.random() < 0.3:
            sentences.append(f"Security forces have killed more than {rng.randint(300, 4000)} civilians since the "
                             f"coup, according to a monitoring group.")
        published = start + timedelta(days=i // 4)
        out.append({"id": f"syn-{i:05d}", "source": f"outlet-{i % 7}", "published": published.isoformat(),
                    "title": f"Report {i}", "text": " ".join(sentences)})
    return out


def past_corpus(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``synthetic_corpus`` of ``n`` articles ending yesterday, however large: an article dated after the day
    it was received is a dead letter, so benchmarks of large corpora need every date in the past."""
    return synthetic_corpus(n, seed, start=date.today() - timedelta(days=n // 4 + 1))


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
