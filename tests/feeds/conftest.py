"""The local news site, served for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.feeds.site import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())
