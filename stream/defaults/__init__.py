"""What ships inside the package for a desk that starts from nothing: the default rules, example feeds, seeds."""

from __future__ import annotations

from pathlib import Path

# The repository's rules/default.yaml, feeds.example.yaml and seeds/ are links to these, so there is one copy.
HERE = Path(__file__).resolve().parent
RULES = HERE / "rules.yaml"
FEEDS = HERE / "feeds.example.yaml"
SEEDS = HERE / "seeds"
