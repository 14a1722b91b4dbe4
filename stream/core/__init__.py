"""The pure core: records, extraction, places, rules and detectors. No I/O, no asyncio, no clock."""
