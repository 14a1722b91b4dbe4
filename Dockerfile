# The Signalfire image: the processor, its rules and seeds; `signalfire worker` or `signalfire replay`.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY stream ./stream
COPY replay ./replay
RUN pip install --no-cache-dir .
COPY rules ./rules
COPY seeds ./seeds
ENTRYPOINT ["signalfire"]
CMD ["--help"]
