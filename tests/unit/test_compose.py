"""docker-compose.yml and the Dockerfile, checked as files.

Docker cannot run on the machine these tests were written on (nor in CI), so nothing here
builds an image or starts a container: the tests pin the structure that makes `docker
compose up` work (services, ports, healthchecks, start order, required variables) and check
that the variables given to the API are the ones app.config.Settings reads.
"""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.config import Settings

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_PASSWORD = "${NEO4J_PASSWORD:?"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text("utf-8")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's variable substitution for the forms the file uses: ${X:?err}, ${X:-d}, $$."""

    def substitute(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        found = env.get(name, "")
        if op == ":?" and not found:
            raise ValueError(f"required variable {name} is missing a value: {arg}")
        return found or (arg if op == ":-" else "")

    escaped = value.replace("$$", "\0")
    return re.sub(r"\$\{(\w+)(?:(:\?|:-)([^}]*))?\}", substitute, escaped).replace("\0", "$")


def test_services_and_image(compose: dict[str, Any]):
    assert set(compose["services"]) == {"neo4j", "api"}
    assert compose["services"]["neo4j"]["image"] == "neo4j:5.26-community"
    assert compose["services"]["api"]["build"] == "."


def test_neo4j_publishes_browser_and_bolt_and_keeps_data_in_a_named_volume(
    compose: dict[str, Any],
):
    neo4j = compose["services"]["neo4j"]
    assert set(neo4j["ports"]) == {"7474:7474", "7687:7687"}
    [volume] = neo4j["volumes"]
    name, target = volume.split(":")
    assert target == "/data"
    assert name in compose["volumes"]  # named, not a host folder


def test_the_password_is_required_everywhere_it_is_used(compose: dict[str, Any]):
    auth = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    password = compose["services"]["api"]["environment"]["NEO4J_PASSWORD"]
    assert auth.startswith("neo4j/" + REQUIRED_PASSWORD)
    assert password.startswith(REQUIRED_PASSWORD)
    text = (ROOT / "docker-compose.yml").read_text("utf-8")
    uses = re.findall(r"\$\{NEO4J_PASSWORD[^}]*\}", text)
    assert uses and all(use.startswith(REQUIRED_PASSWORD) for use in uses)
    with pytest.raises(ValueError, match="NEO4J_PASSWORD"):
        interpolate(auth, {})
    assert interpolate(auth, {"NEO4J_PASSWORD": "s3cret-pass"}) == "neo4j/s3cret-pass"


def test_neo4j_healthcheck_asks_bolt_with_the_password(compose: dict[str, Any]):
    check = compose["services"]["neo4j"]["healthcheck"]
    kind, command = check["test"]
    assert kind == "CMD-SHELL"
    assert "cypher-shell" in command and "RETURN 1" in command
    # $$ keeps compose from substituting: the container's shell expands NEO4J_AUTH.
    assert interpolate(command, {}).count("${NEO4J_AUTH#neo4j/}") == 1
    assert {"interval", "timeout", "retries", "start_period"} <= set(check)


def test_the_api_waits_for_a_healthy_neo4j_and_has_its_own_healthcheck(
    compose: dict[str, Any], dockerfile: str
):
    api = compose["services"]["api"]
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert api["ports"] == ["8000:8000"]
    command = " ".join(api["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/health" in command
    assert "EXPOSE 8000" in dockerfile


def test_the_api_environment_configures_the_neo4j_store(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
):
    environment = compose["services"]["api"]["environment"]
    env = {"NEO4J_PASSWORD": "s3cret-pass"}
    for name, value in environment.items():
        monkeypatch.setenv(name, interpolate(str(value), env))
    settings = Settings()
    assert settings.store == "neo4j"
    assert settings.neo4j_uri == "bolt://neo4j:7687"  # the neo4j service, by name
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret-pass"
    assert settings.api_key is None  # DIPLOGRAPH_API_KEY left unset means no key


def test_the_dockerfile_installs_the_project_and_the_pinned_model(dockerfile: str):
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.M)
    assert "pip install -e ." in dockerfile
    assert "--require-hashes" in dockerfile and "-r requirements/model.txt" in dockerfile
    assert (ROOT / "requirements" / "model.txt").is_file()
    for folder in ("app", "graph_schema", "pipelines", "stores"):
        assert re.search(rf"^COPY {folder} {folder}$", dockerfile, re.M), folder
    cmd = re.search(r"^CMD (.+)$", dockerfile, re.M)
    assert cmd is not None
    assert yaml.safe_load(cmd.group(1)) == [
        "diplograph",
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "8000",
    ]
    assert re.search(r"^USER (?!root)\w+$", dockerfile, re.M)
