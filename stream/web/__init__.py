"""The web side of the embedded service: an HTTP API for desks, and health and metrics for operators."""
