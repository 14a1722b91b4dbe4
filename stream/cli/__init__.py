"""The signalfire command line: typer commands over the runtimes, one module per group of commands."""

from stream.cli.main import app, main

__all__ = ["app", "main"]
