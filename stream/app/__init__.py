"""Assembling a runtime: the embedded or the Kafka service from the rules in force and a store or a broker, and the
desks the web API serves over each."""
