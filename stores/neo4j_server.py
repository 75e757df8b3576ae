"""Run a local Neo4j Community server (with Neo4j Browser) assembled from Maven Central.

`ops/neo4j/pom.xml` names the jars; Maven resolves them once into a jar cache, and
`assemble` lays out a Neo4j home around them. The server is one detached `java` process
whose pid is kept in `<home>/run/neo4j.pid`; no Docker and no Neo4j download are needed.

    Neo4jServerError (RuntimeError)   java or mvn missing, assembly, start or stop failed

Run as `python -m stores.neo4j_server start|stop|status` (see `main`).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

__all__ = [
    "Neo4jServerError",
    "ServerConfig",
    "ServerStatus",
    "assemble",
    "default_jar_cache",
    "neo4j_version",
    "start",
    "status",
    "stop",
]

POM = Path(__file__).resolve().parents[1] / "ops" / "neo4j" / "pom.xml"
SERVER_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
HEAP_INITIAL, HEAP_MAX, PAGECACHE = "512m", "1g", "256m"
# The flags of the official neo4j.conf, which only the bootloader applies; we start the
# server class directly. AlwaysPreTouch is left out: it slows start for no gain here.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)
HOME_DIRS = ("lib", "conf", "data", "logs", "run", "plugins", "import")
LOG_TAIL_LINES = 20

# Servers started by this process, so that their exit is reaped (no zombie looks alive).
_children: dict[int, subprocess.Popen[bytes]] = {}


class Neo4jServerError(RuntimeError):
    """The local Neo4j server could not be assembled, started, reached or stopped."""


def default_jar_cache() -> Path:
    """The per-user folder where the Maven-resolved Neo4j jars are kept between assemblies."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "diplograph" / "neo4j-jars"


@dataclass(frozen=True)
class ServerConfig:
    """Where a local server lives and how it is reached.

    `password` is set for the `neo4j` user on the first start of a home only.
    `settings` are extra neo4j.conf entries; they override the generated ones.
    """

    home: Path
    password: str
    user: str = "neo4j"
    bolt_port: int = 7687
    http_port: int = 7474
    host: str = "127.0.0.1"
    jar_cache: Path = field(default_factory=default_jar_cache)
    settings: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # The JVM runs with home as its working directory: every path must be absolute.
        object.__setattr__(self, "home", Path(self.home).expanduser().resolve())
        object.__setattr__(self, "jar_cache", Path(self.jar_cache).expanduser().resolve())

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/browser/"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"


@dataclass(frozen=True)
class ServerStatus:
    """What `status` found: `running` means the process is up and Bolt answered."""

    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    version: str | None


def neo4j_version() -> str:
    """The Neo4j version that ops/neo4j/pom.xml pins."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ET.parse(_pom()).getroot().findtext("m:properties/m:neo4j.version", None, namespace)
    if not version:
        raise Neo4jServerError(f"{POM} has no <neo4j.version> property")
    return version


def assemble(config: ServerConfig) -> Path:
    """Lay out a Neo4j home (jars, neo4j.conf, empty folders) and return its path.

    Resolves the jars with Maven only when the jar cache lacks them; safe to repeat.
    """
    for name in HOME_DIRS:
        (config.home / name).mkdir(parents=True, exist_ok=True)
    _install_jars(_resolve_jars(config.jar_cache), config.home / "lib")
    _write_conf(config)
    return config.home


def start(config: ServerConfig, timeout: float = 120.0) -> ServerStatus:
    """Start the server in the background and return once Bolt answers `RETURN 1`.

    A server already running in this home is reused. Raises Neo4jServerError, with the
    end of the server log, if the server exits or is not ready within `timeout` seconds.
    """
    pid = _running_pid(config)
    launched = pid is None
    if pid is None:
        assemble(config)
        _check_ports_free(config)
        _set_initial_password(config)
        pid = _launch(config)
    try:
        version = _wait_until_ready(config, pid, timeout)
    except Neo4jServerError:
        if launched:
            _terminate(pid, timeout=30.0)
            config.pid_file.unlink(missing_ok=True)
        raise
    return ServerStatus(True, pid, config.bolt_uri, config.browser_url, version)


def stop(config: ServerConfig, timeout: float = 60.0) -> None:
    """Stop the server of this home: SIGTERM, then SIGKILL after `timeout` seconds.

    Does nothing when no server runs.
    """
    pid = _running_pid(config)
    if pid is not None:
        _terminate(pid, timeout)
    config.pid_file.unlink(missing_ok=True)


def status(config: ServerConfig) -> ServerStatus:
    """Report whether the server of this home runs and answers on Bolt."""
    pid = _running_pid(config)
    version = _probe(config) if pid is not None else None
    return ServerStatus(version is not None, pid, config.bolt_uri, config.browser_url, version)


def _pom() -> Path:
    if not POM.is_file():
        raise Neo4jServerError(f"{POM} is missing: run from a diplograph source checkout")
    return POM


def _tool(name: str) -> str:
    if name == "java" and os.environ.get("JAVA_HOME"):
        java = Path(os.environ["JAVA_HOME"]) / "bin" / "java"
        if not java.is_file():
            raise Neo4jServerError(f"JAVA_HOME is set but {java} does not exist")
        return str(java)
    found = shutil.which(name)
    if found is None:
        raise Neo4jServerError(f"{name} is not on PATH: install it to run a local Neo4j server")
    return found


def _run(command: list[str], failure: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise Neo4jServerError(f"{failure}:\n{_tail(result.stdout + result.stderr)}")


def _resolve_jars(jar_cache: Path) -> Path:
    """Return the cache folder holding every jar of the pom, running Maven if it is absent."""
    pom = _pom()
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()[:12]
    target = jar_cache / f"neo4j-{neo4j_version()}-{digest}"
    if (target / ".complete").is_file():
        return target
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        _tool("mvn"), "-q", "-B", "-Dstyle.color=never", "-f", str(pom),
        "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={partial}",
    ]  # fmt: skip
    _run(command, f"mvn could not resolve the Neo4j jars of {pom}")
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    (target / ".complete").touch()
    return target


def _install_jars(source: Path, lib: Path) -> None:
    """Make lib hold exactly the jars of source, hard-linked when the filesystem allows."""
    jars = sorted(source.glob("*.jar"))
    if sorted(jar.name for jar in lib.glob("*.jar")) == [jar.name for jar in jars]:
        return
    shutil.rmtree(lib)
    lib.mkdir()
    for jar in jars:
        try:
            os.link(jar, lib / jar.name)
        except OSError:
            shutil.copy2(jar, lib / jar.name)


def _write_conf(config: ServerConfig) -> None:
    settings = {
        "server.default_listen_address": config.host,
        "server.default_advertised_address": config.host,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"{config.host}:{config.bolt_port}",
        # Advertised ports go into the discovery document that the Browser connects with.
        "server.bolt.advertised_address": f"{config.host}:{config.bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"{config.host}:{config.http_port}",
        "server.http.advertised_address": f"{config.host}:{config.http_port}",
        "server.https.enabled": "false",
        "server.http_enabled_modules": "TRANSACTIONAL_ENDPOINTS,UNMANAGED_EXTENSIONS,BROWSER,"
        "QUERY_API_ENDPOINTS",
        "dbms.security.auth_enabled": "true",
        "server.directories.data": "data",
        "server.directories.logs": "logs",
        "server.directories.run": "run",
        "server.directories.plugins": "plugins",
        "server.directories.import": "import",
        # Read only by Neo4j's own launcher; kept so the file tells the truth (see _launch).
        "server.memory.heap.initial_size": HEAP_INITIAL,
        "server.memory.heap.max_size": HEAP_MAX,
        "server.memory.pagecache.size": PAGECACHE,
        "db.tx_log.preallocate": "false",
        "dbms.usage_report.enabled": "false",
        # Netty's default 5 s quiet period made every stop take 10 s longer.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    }
    settings.update(config.settings)
    lines = ["# Written by stores/neo4j_server.py on every start: edit ServerConfig instead."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    (config.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _classpath(config: ServerConfig) -> str:
    return os.pathsep.join(str(config.home / name / "*") for name in ("plugins", "conf", "lib"))


def free_ports(count: int) -> list[int]:
    """`count` distinct ports free on 127.0.0.1 now (for a throw-away server).

    Every probe stays bound until all are chosen: probing one port at a time lets the
    system hand out the same port twice (Bolt and HTTP then collide at start).
    """
    with contextlib.ExitStack() as probes:
        ports = []
        for _ in range(count):
            probe = probes.enter_context(socket.socket())
            probe.bind(("127.0.0.1", 0))
            ports.append(int(probe.getsockname()[1]))
        return ports


def _check_ports_free(config: ServerConfig) -> None:
    """Refuse to start when another process listens on our ports.

    Otherwise a foreign server that accepts the same password could pass for ours.
    """
    for name, port in (("Bolt", config.bolt_port), ("HTTP", config.http_port)):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((config.host, port))
            except OSError as exc:
                raise Neo4jServerError(
                    f"{name} port {config.host}:{port} is already in use ({exc.strerror}): "
                    "stop the other server or choose another port"
                ) from exc


def _set_initial_password(config: ServerConfig) -> None:
    """Set the neo4j user's password, which only takes effect before the first start."""
    if (config.home / "data" / "databases" / "system").exists():
        return
    if config.password.startswith("-"):
        # neo4j-admin would read it as an option and fail with a confusing message.
        raise Neo4jServerError("NEO4J_PASSWORD must not start with '-'; choose another one")
    command = [
        _tool("java"), "-cp", _classpath(config), ADMIN_CLASS,
        "dbms", "set-initial-password", config.password,
    ]  # fmt: skip
    env = {**os.environ, "NEO4J_HOME": str(config.home), "NEO4J_CONF": str(config.home / "conf")}
    _run(command, "neo4j-admin dbms set-initial-password failed", env=env)


def _launch(config: ServerConfig) -> int:
    """Start the server JVM detached from this process and record its pid."""
    command = [
        _tool("java"), f"-Xms{HEAP_INITIAL}", f"-Xmx{HEAP_MAX}", *JVM_FLAGS,
        "-cp", _classpath(config), SERVER_CLASS,
        f"--home-dir={config.home}", f"--config-dir={config.home / 'conf'}",
        "--console-mode",  # the user log goes to stdout, hence into console.log
    ]  # fmt: skip
    with config.console_log.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=config.home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _children[process.pid] = process
    config.pid_file.write_text(f"{process.pid}\n", encoding="ascii")
    return process.pid


def _running_pid(config: ServerConfig) -> int | None:
    try:
        pid = int(config.pid_file.read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _alive(pid) else None


def _alive(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    proc = Path("/proc")
    if proc.is_dir():
        # Also guards against a recycled pid that now belongs to another program.
        try:
            return SERVER_CLASS.encode() in (proc / str(pid) / "cmdline").read_bytes()
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _probe(config: ServerConfig) -> str | None:
    """Run `RETURN 1` over Bolt; return the server version, or None if it does not answer."""
    try:
        with (
            neo4j.GraphDatabase.driver(
                config.bolt_uri, auth=(config.user, config.password), connection_timeout=3.0
            ) as driver,
            driver.session() as session,
        ):
            summary = session.run("RETURN 1").consume()
    except AuthError as exc:
        raise Neo4jServerError(
            f"Neo4j at {config.bolt_uri} refused the password of user {config.user!r}: the "
            f"password is set only on the first start of {config.home}; use that one or "
            f"delete {config.home / 'data'} to start afresh"
        ) from exc
    except (DriverError, Neo4jError, OSError):
        return None
    return summary.server.agent.removeprefix("Neo4j/")


def _wait_until_ready(config: ServerConfig, pid: int, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            child = _children.get(pid)
            code = f" with code {child.returncode}" if child is not None else ""
            raise Neo4jServerError(f"Neo4j exited{code} while starting.{_log_excerpt(config)}")
        version = _probe(config)
        if version is not None:
            return version
        time.sleep(0.5)
    raise Neo4jServerError(
        f"Neo4j did not answer on {config.bolt_uri} within {timeout:.0f} s.{_log_excerpt(config)}"
    )


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM lets Neo4j checkpoint and release its store lock; SIGKILL is the last resort."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _alive(pid):
            break
    _children.pop(pid, None)
    if _alive(pid):
        raise Neo4jServerError(f"Neo4j (pid {pid}) survived SIGKILL")


def _log_excerpt(config: ServerConfig) -> str:
    try:
        text = config.console_log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        text = ""
    details = config.home / "logs" / "debug.log"
    return f" Last lines of {config.console_log} (more in {details}):\n{_tail(text)}"


def _tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    # Java stack frames would push the one line that explains the failure out of the tail.
    kept = [line for line in text.rstrip().splitlines() if not line.startswith(("\tat ", "\t..."))]
    return "\n".join(kept[-lines:])


def _config_from_env() -> ServerConfig:
    data_dir = os.environ.get("DIPLOGRAPH_DATA_DIR") or Path.home() / ".local/share/diplograph"
    return ServerConfig(
        home=Path(os.environ.get("NEO4J_HOME_DIR") or Path(data_dir) / "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        bolt_port=int(os.environ.get("NEO4J_BOLT_PORT") or 7687),
        http_port=int(os.environ.get("NEO4J_HTTP_PORT") or 7474),
    )


def _describe(found: ServerStatus, config: ServerConfig) -> str:
    if found.running:
        return (
            f"Neo4j {found.version} running (pid {found.pid}): {found.bolt_uri}, "
            f"Browser at {found.browser_url}"
        )
    if found.pid is not None:
        return f"Neo4j process {found.pid} is up but does not answer on {found.bolt_uri}"
    return f"Neo4j is not running (home {config.home})"


def main(argv: Sequence[str] | None = None) -> int:
    """`start|stop|status` for the server described by the environment; returns the exit code.

    NEO4J_PASSWORD (needed by start and status), NEO4J_HOME_DIR (default
    `${DIPLOGRAPH_DATA_DIR:-~/.local/share/diplograph}/neo4j`), NEO4J_BOLT_PORT, NEO4J_HTTP_PORT.
    `status` exits 3 when the server is not running.
    """
    parser = argparse.ArgumentParser(prog="python -m stores.neo4j_server")
    parser.add_argument("command", choices=("start", "stop", "status"))
    command = parser.parse_args(argv).command
    config = _config_from_env()
    if command != "stop" and not config.password:
        print("error: set NEO4J_PASSWORD (at least 8 characters)", file=sys.stderr)
        return 2
    try:
        if command == "start":
            print(_describe(start(config), config))
        elif command == "stop":
            stop(config)
            print(f"Neo4j stopped (home {config.home})")
        else:
            found = status(config)
            print(_describe(found, config))
            return 0 if found.running else 3
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
