"""Signalfire: sourced conflict events from news, stateful alert rules, notifications."""

__version__ = "0.1.0"
