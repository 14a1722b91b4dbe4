"""The Kafka runtime: faust agents and tables over topics, running the same pure core as the embedded one."""
