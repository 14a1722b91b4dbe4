# The Signalfire image: the processor, with its default rules, example feeds and seed articles inside the package;
# `signalfire worker`, `signalfire serve` or `signalfire replay`. One image for every service of docker-compose.yml.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY stream ./stream
COPY replay ./replay
RUN pip install --no-cache-dir .
# The store, feeds' state and RocksDB tables of a container live here, on a volume when compose gives one.
WORKDIR /data
ENTRYPOINT ["signalfire"]
CMD ["--help"]
