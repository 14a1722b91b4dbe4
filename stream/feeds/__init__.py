"""Articles from news feeds: polite fetching, full text, de-duplication and wire copies told apart."""
