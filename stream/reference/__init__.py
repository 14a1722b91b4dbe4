"""Shipped reference data (gazetteers, world places, actors) loaded into the core's types, with their cache."""
