"""Why the extractor reported what it did: per event, the words it read, its place, date and flags."""

from __future__ import annotations

from collections.abc import Iterable

from stream.core.extract.findings import clause_before
from stream.core.extract.framing import background_words, denial_words, hypothetical_words
from stream.core.extract.kinds import KINDS, Kinds, type_of
from stream.core.records import Article, EventBase


def explain_event(event: EventBase, kinds: Kinds = KINDS) -> list[str]:
    """Lines for one event: what, from which words, where, when, and why any flag is set."""
    ev = event.evidence
    what = kinds[type_of(event)].label(event)
    lines = [f"{what}  [{event.id}]"]
    if ev.trigger is not None and ev.trigger_start is not None and ev.trigger_end is not None:
        marked = f"{ev.sentence[:ev.trigger_start]}[[{ev.trigger}]]{ev.sentence[ev.trigger_end:]}"
        lines.append(f"  words:   {marked.strip()}")
    else:
        lines.append(f"  words:   {ev.sentence.strip()}")
    if event.place:
        p = event.place
        where = ", ".join(x for x in (p.admin1, p.country) if x)
        lines.append(f"  place:   {p.name} ({p.precision or 'unresolved'}{', ' + where if where else ''})"
                     f"{' named in the sentence' if p.name in ev.sentence else ' carried from earlier sentences'}")
    anchor = {"published": "", "received": ", read against the day received", "none": ", no date to read against"}
    lines.append(f"  date:    {event.event_date or 'unknown'} (precision {event.date_precision}"
                 f"{anchor[event.date_anchor]})")
    clause = clause_before(ev.sentence, ev.trigger_start or 0)
    flags = []
    if event.cumulative:
        reason = background_words(ev.sentence)
        flags.append(f"cumulative ({repr(reason) if reason else 'a total or tally, not one incident'})")
    if event.negated:
        flags.append(f"negated ({denial_words(clause)!r})")
    if event.hypothetical:
        flags.append(f"hypothetical ({hypothetical_words(clause)!r})")
    if event.historical:
        told = next((d for d in event.doubts if d.startswith("told as history")), None)
        why = told or f"dated {event.event_date}, well before the article's news"
        flags.append(f"historical ({why})")
    lines.append(f"  flags:   {', '.join(flags) if flags else 'new incident'}")
    trust = "; ".join(event.confidence_reasons) or "nothing lowered it"
    lines.append(f"  trust:   {event.confidence:.2f} ({trust})")
    lines.append(f"  source:  {event.source or event.article_id}, {event.extractor_version}")
    return lines


def explain_article(article: Article, events: Iterable[EventBase], kinds: Kinds = KINDS) -> str:
    """The explanation of every event of one article, as plain text."""
    out = [f"# {article.id}" + (f" ({article.source})" if article.source else "")]
    events = list(events)
    for event in events:
        out.extend(explain_event(event, kinds))
    if not events:
        out.append("  no events")
    return "\n".join(out) + "\n\n"
