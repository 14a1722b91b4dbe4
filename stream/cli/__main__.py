"""``python -m stream.cli``: the signalfire command."""

from stream.cli.main import main

main()
