"""Replay: seeds, JSONL archives and folders of articles, run through the pipeline in event-time order."""
