"""A real ``leadsieve serve`` process on a free port, called over HTTP as a client would, and
the README's REST API example run as written (bash and curl)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import SAMPLE_ICP, World, bearer, seed
from tests.cli.test_cli import EXE

README = Path(__file__).parents[2] / "README.md"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_healthy(base: str, server: subprocess.Popen[str], seconds: float = 60) -> None:
    """Poll /healthz until it answers (bounded); fail with the server's output if it died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"leadsieve serve exited {server.returncode}: {server.communicate()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("leadsieve serve did not answer /healthz in time")


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[str, World]]:
    """``leadsieve serve`` over the seeded store, on a free port; stopped after the test."""
    world = seed(database_url)
    port = free_port()
    assert EXE is not None
    server = subprocess.Popen(
        [EXE, "serve", "--port", str(port)],
        env={**os.environ, "LEADSIEVE_DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, server)
        yield base, world
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
        assert "Traceback" not in output, output


def test_a_served_api_answers_over_http(served: tuple[str, World]) -> None:
    """Over real HTTP: /healthz and /readyz answer, the ICP comes back by slug with Ann's
    key, and a request without a key is a 401 problem."""
    base, world = served
    with httpx.Client(base_url=base, timeout=30) as http:
        assert http.get("/healthz").json()["status"] == "ok"
        assert http.get("/readyz").status_code == 200
        icp = http.get("/v1/icps/b2b-saas", headers=bearer(world.ann))
        assert icp.status_code == 200, icp.text
        assert icp.json()["slug"] == "b2b-saas" and icp.json()["document"]["slug"] == "b2b-saas"
        anonymous = http.get("/v1/icps/b2b-saas")
        assert anonymous.status_code == 401
        assert anonymous.headers["content-type"] == "application/problem+json"


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    """The README's REST API block, run by bash with curl (on a free port, the sample ICP by
    its path): it prints the ICP, then one fit for the one lead, charged 0.5 credits."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## REST API (first routes)", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    port = str(free_port())
    script = block.group(1).replace("8000", port)
    script = script.replace("src/leadsieve/samples/b2b-saas.yaml", str(SAMPLE_ICP))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("LEADSIEVE_DATABASE_URL", None)
    shell = subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the server goes with it below
    )
    try:
        stdout, stderr = shell.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(shell.pid, signal.SIGTERM)  # a server left by a failed step
        shell.wait()
    assert shell.returncode == 0, stderr
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    icp, scored = (json.loads(line) for line in lines)
    assert (icp["slug"], icp["version"], icp["visibility"]) == ("b2b-saas", 1, "workspace")
    assert len(scored["fits"]) == 1 and scored["charged"] == "0.5"
    assert scored["fits"][0]["fit_grade"] in {"A", "B", "C", "D", "DQ"}
