#!/usr/bin/env python3
"""A three-node OpenSearch cluster on loopback ports for the tests and for development (standard library only).

Each node is a JVM of its own (ClusterNode.java on OpenSearch Runner, built by Maven into target/), with its pid in
<dir>/node-N/pid, so a test can stop, kill, pause (SIGSTOP) or restart one node. The cluster's settings are kept in
<dir>/cluster.json; the data live in <dir>, a temporary folder unless one is given.

    cluster.py build                          compile the node and fetch its jars (Maven, cached in ~/.m2)
    cluster.py start [--dir D] [--port 9250]  start three nodes in the background, wait for green, print the URL
    cluster.py run [--port 9200]              the same in the foreground; Ctrl-C stops it and removes its data
    cluster.py stop --dir D [--clean]         stop every node (and remove D)
    cluster.py node stop|kill|start|pause|resume N --dir D
    cluster.py health --dir D
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
MAIN = "govcms.opensearch.ClusterNode"
NODES = 3
DEFAULT_HEAP = "512m"  # three nodes on a 2-core, 24 GB machine: 1.5 GB of heap in all, room for the page cache
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
    "-Dio.netty.noUnsafe=true",
    "-Dio.netty.noKeySetOptimization=true",
    "-Dio.netty.recycler.maxCapacityPerThread=0",
    "-Dlog4j.shutdownHookEnabled=false",
    "-Dlog4j2.disable.jmx=true",
    "-Djava.locale.providers=SPI,COMPAT",
]


def log(message: str) -> None:
    print(f"opensearch: {message}", file=sys.stderr, flush=True)


# -- building ---------------------------------------------------------------------------------------


def _sources_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted([HERE / "pom.xml", *(HERE / "src").rglob("*.java")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build() -> None:
    """Compile the node and copy its jars to target/lib, unless nothing changed since the last build."""
    stamp = TARGET / "built.sha256"
    wanted = _sources_hash()
    if stamp.exists() and stamp.read_text() == wanted and (TARGET / "lib").is_dir():
        return
    log("building the node with Maven (downloads are cached in ~/.m2)")
    subprocess.run(["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "compile", "dependency:copy-dependencies"], check=True)
    stamp.write_text(wanted)


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else "java"


# -- the cluster ------------------------------------------------------------------------------------


class Cluster:
    """A cluster started by this module, found again from its folder."""

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self.config = json.loads((self.dir / "cluster.json").read_text())

    @classmethod
    def create(cls, directory: str | Path, http_port: int, transport_port: int, heap: str, name: str) -> Cluster:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        config = {
            "name": name,
            "http_ports": [http_port + i for i in range(NODES)],
            "transport_ports": [transport_port + i for i in range(NODES)],
            "heap": heap,
        }
        (directory / "cluster.json").write_text(json.dumps(config, indent=2))
        return cls(directory)

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.config["http_ports"]]

    @property
    def url(self) -> str:
        return ",".join(self.urls)

    def node_dir(self, n: int) -> Path:
        return self.dir / f"node-{n}"

    def pid(self, n: int) -> int | None:
        try:
            pid = int((self.node_dir(n) / "pid").read_text())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        return pid

    # -- one node

    def start_node(self, n: int) -> None:
        if self.pid(n):
            return
        home = self.node_dir(n)
        home.mkdir(parents=True, exist_ok=True)
        heap = self.config["heap"]
        classpath = f"{TARGET / 'classes'}{os.pathsep}{TARGET / 'lib' / '*'}"
        command = [java(), f"-Xms{heap}", f"-Xmx{heap}", *JVM_OPTIONS, "-cp", classpath, MAIN]
        command += [str(home), self.config["name"], str(n), str(self.config["http_ports"][n - 1])]
        command += [",".join(str(p) for p in self.config["transport_ports"])]
        with open(home / "console.log", "ab") as console:
            process = subprocess.Popen(
                command, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        (home / "pid").write_text(str(process.pid))

    def stop_node(self, n: int, kill: bool = False, timeout: float = 30) -> None:
        """Stop node n: SIGTERM (a clean shutdown) or, with kill, SIGKILL (a crash)."""
        pid = self.pid(n)
        if not pid:
            return
        os.kill(pid, signal.SIGCONT)  # a paused node cannot shut down
        os.kill(pid, signal.SIGKILL if kill else signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pid(n) and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.1)
        if self.pid(n):
            os.kill(pid, signal.SIGKILL)
            while self.pid(n):
                _reap(pid)
                time.sleep(0.1)
        (self.node_dir(n) / "pid").unlink(missing_ok=True)

    def pause_node(self, n: int) -> None:
        os.kill(self._running(n), signal.SIGSTOP)

    def resume_node(self, n: int) -> None:
        os.kill(self._running(n), signal.SIGCONT)

    def _running(self, n: int) -> int:
        pid = self.pid(n)
        if not pid:
            raise RuntimeError(f"node-{n} is not running")
        return pid

    # -- all nodes

    def start(self, timeout: float = 240) -> None:
        for n in range(1, NODES + 1):
            self.start_node(n)
        self.wait_for("green", NODES, timeout)

    def stop(self) -> None:
        for n in range(1, NODES + 1):
            pid = self.pid(n)
            if pid:
                os.kill(pid, signal.SIGCONT)
                os.kill(pid, signal.SIGTERM)
        for n in range(1, NODES + 1):
            self.stop_node(n)

    def health(self, timeout: float = 2) -> dict | None:
        """The cluster's health from the first node that answers, or None."""
        for n, url in enumerate(self.urls, start=1):
            if not self.pid(n):
                continue
            try:
                with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as response:
                    return json.load(response)
            except (OSError, urllib.error.URLError, ValueError):
                continue
        return None

    def wait_for(self, status: str = "green", nodes: int = NODES, timeout: float = 120) -> dict:
        """Wait until the cluster has `nodes` nodes and is `status` (green, or yellow meaning yellow or better)."""
        wanted = {"green": {"green"}, "yellow": {"yellow", "green"}}[status]
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = self.health()
            if last and last.get("status") in wanted and last.get("number_of_nodes") == nodes:
                if not last.get("relocating_shards") and not last.get("initializing_shards"):
                    return last
            for n in range(1, NODES + 1):
                if (self.node_dir(n) / "pid").exists() and not self.pid(n):
                    raise RuntimeError(f"node-{n} exited; see {self.node_dir(n) / 'console.log'}")
            time.sleep(0.5)
        raise TimeoutError(f"the cluster is not {status} with {nodes} nodes after {timeout:.0f}s: {last}")


def _reap(pid: int) -> None:
    """Collect a node started by this very process once it has exited (no zombie left behind)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


# -- command line -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A three-node OpenSearch cluster on 127.0.0.1.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build")
    for name in ("start", "run"):
        p = sub.add_parser(name)
        p.add_argument("--dir", help="data folder (default: a new temporary folder)")
        p.add_argument("--port", type=int, default=9250 if name == "start" else 9200, help="HTTP port of node 1")
        p.add_argument("--transport-port", type=int, help="transport port of node 1 (default: HTTP port + 100)")
        p.add_argument("--heap", default=os.environ.get("GOVCMS_OPENSEARCH_HEAP", DEFAULT_HEAP))
        p.add_argument("--name", default="govcms")
    p = sub.add_parser("stop")
    p.add_argument("--dir", required=True)
    p.add_argument("--clean", action="store_true", help="remove the data folder")
    p = sub.add_parser("node")
    p.add_argument("action", choices=["stop", "kill", "start", "pause", "resume"])
    p.add_argument("number", type=int, choices=range(1, NODES + 1))
    p.add_argument("--dir", required=True)
    p = sub.add_parser("health")
    p.add_argument("--dir", required=True)
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            build()
        elif args.command in ("start", "run"):
            build()
            directory = Path(args.dir or tempfile.mkdtemp(prefix="govcms-opensearch-"))
            cluster = Cluster.create(directory, args.port, args.transport_port or args.port + 100, args.heap, args.name)
            log(f"starting {NODES} nodes in {directory} (heap {args.heap} each)")
            started = time.monotonic()
            try:
                cluster.start()
            except BaseException:
                cluster.stop()
                raise
            log(f"green in {time.monotonic() - started:.0f}s at {cluster.url}")
            print(cluster.url if args.command == "start" else f"OPENSEARCH_URL={cluster.url}", flush=True)
            if args.command == "run":
                stop = lambda *_: (_ for _ in ()).throw(KeyboardInterrupt)  # noqa: E731
                signal.signal(signal.SIGTERM, stop)
                try:
                    while True:
                        time.sleep(3600)
                except KeyboardInterrupt:
                    log("stopping")
                finally:
                    cluster.stop()
                    if not args.dir:
                        shutil.rmtree(directory, ignore_errors=True)
        elif args.command == "stop":
            if (Path(args.dir) / "cluster.json").exists():
                Cluster(args.dir).stop()
            if args.clean:
                shutil.rmtree(args.dir, ignore_errors=True)
        elif args.command == "node":
            cluster = Cluster(args.dir)
            action = {
                "stop": cluster.stop_node,
                "kill": lambda n: cluster.stop_node(n, kill=True),
                "start": cluster.start_node,
                "pause": cluster.pause_node,
                "resume": cluster.resume_node,
            }[args.action]
            action(args.number)
        elif args.command == "health":
            print(json.dumps(Cluster(args.dir).health(), indent=2))
    except (subprocess.CalledProcessError, RuntimeError, TimeoutError, OSError) as exc:
        log(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
