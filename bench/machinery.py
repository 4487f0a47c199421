"""The machinery of bench/load.py: the servers under test (one server.py, the
floor relay, or a cluster through bench/cluster.sh), the client processes that
run bench/swarm.py, and readings from /proc (memory, CPU, waiting for a CPU).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import swarm as swarm_module  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


# -- small helpers -------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive ports that are free now (the cluster's workers)."""
    for _ in range(100):
        first = free_port()
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[k]


def ms(values: list[float]) -> str:
    if not values:
        return "n=0"
    return (f"n={len(values)} p50={pct(values, 50) * 1000:.1f}ms p95={pct(values, 95) * 1000:.1f}ms "
            f"p99={pct(values, 99) * 1000:.1f}ms max={max(values) * 1000:.1f}ms")


def proc_status(pid: int) -> dict:
    """Resident and peak memory (MB) of a process, from /proc."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def cpu_seconds(pid: int) -> float:
    """The CPU a process has used: in its own code and in the kernel on its behalf."""
    user, kernel = cpu_split(pid)
    return user + kernel


def cpu_split(pid: int) -> tuple[float, float]:
    """The CPU a process has used in its own code, and in the kernel for it (its
    system calls: on loopback, sending a message runs the receiver's TCP too)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) / os.sysconf("SC_CLK_TCK"), int(fields[12]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0, 0.0


def runqueue_wait(pid: int) -> float:
    """Seconds the process's main thread (eventlet's loop) has spent ready to run
    but waiting for a CPU: what other work on the machine costs it."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def pressure(kind: str) -> float:
    """Total microseconds some task waited for cpu or io, machine-wide (PSI)."""
    try:
        line = Path(f"/proc/pressure/{kind}").read_text().splitlines()[0]
        return int(line.rsplit("total=", 1)[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for t in Path(f"/proc/{pid}/task").iterdir()
                for c in (t / "children").read_text().split()]
    except OSError:
        return []


def wait_http(url: str, proc: subprocess.Popen | None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {proc.returncode}")
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.1)  # the port is not open yet
    raise TimeoutError(f"{url} not ready in {timeout}s")


# -- the servers under test ---------------------------------------------------------
class Target:
    """A server (or cluster) under test: its URL and the pids whose memory and CPU we report."""

    def __init__(self, name: str, kind: str):
        self.name, self.kind = name, kind
        self.procs: list[subprocess.Popen] = []
        self.pids: list[int] = []
        self.url = ""
        self.helper_pids: list[int] = []
        self.args_root = ""  # another checkout's server.py (--server-root), for before/after figures
        self.workdir = Path(tempfile.mkdtemp(prefix=f"bowtie-bench-{name.replace(':', '-')}-"))

    def start_bowtie(self, synchronous: str, extra_env: dict) -> "Target":
        port = free_port()
        env = {**os.environ, "BOWTIE_SECRET": "bench" * 8, "BOWTIE_LOG_LEVEL": "WARNING",
               "BOWTIE_SYNCHRONOUS": synchronous, "BOWTIE_DB": str(self.workdir / "bowtie.db"),
               "BOWTIE_PORT": str(port), "BOWTIE_HOST": "127.0.0.1", **extra_env}
        log = open(self.workdir / "server.log", "ab")
        root = Path(self.args_root) if self.args_root else ROOT
        proc = subprocess.Popen([PY, str(root / "server.py")], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        self.pids = [proc.pid]
        self.url = f"http://127.0.0.1:{port}"
        wait_http(self.url, proc)
        return self

    def start_floor(self, step_messages: bool = False) -> "Target":
        """The bare relay; with ``step_messages`` its step change sends what Bowtie's does (bench/floor.py)."""
        port = free_port()
        log = open(self.workdir / "floor.log", "ab")
        options = []
        if step_messages:
            captured = self.workdir / "step-messages.json"
            subprocess.run([PY, str(ROOT / "bench" / "step_messages.py"), str(captured)], cwd=ROOT, check=True,
                           stdout=log, stderr=subprocess.STDOUT)
            options = ["--step-messages", str(captured)]
        proc = subprocess.Popen([PY, str(ROOT / "bench" / "floor.py"), "--port", str(port), *options], cwd=ROOT,
                                stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        self.pids = [proc.pid]
        self.url = f"http://127.0.0.1:{port}"
        wait_http(self.url, proc)
        return self

    def start_cluster(self, workers: int, synchronous: str, extra_env: dict) -> "Target":
        port = free_port()
        env = {**os.environ, "WORKERS": str(workers), "RUN_DIR": str(self.workdir), "PORT": str(port),
               "REDIS_PORT": str(free_port()), "FIRST_PORT": str(free_ports(workers)),
               "BOWTIE_SYNCHRONOUS": synchronous, "BOWTIE_SECRET": "bench" * 8, "BOWTIE_LOG_LEVEL": "WARNING",
               **extra_env}
        log = open(self.workdir / "cluster.log", "ab")
        proc = subprocess.Popen(["bash", str(ROOT / "bench" / "cluster.sh")], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        self.url = f"http://127.0.0.1:{port}"
        wait_http(self.url, proc, timeout=60)
        # Every worker must be up, not just the first nginx sends /healthz to.
        deadline = time.monotonic() + 60
        while len(list(self.workdir.glob("worker-*.pid"))) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        self.pids = [int(p.read_text()) for p in sorted(self.workdir.glob("worker-*.pid"))]
        # Redis and nginx (master and workers) are counted apart: they are the price of scaling out.
        helpers = [int(self.workdir.joinpath(name).read_text().strip()) for name in ("redis.pid", "nginx.pid")
                   if self.workdir.joinpath(name).exists()]
        self.helper_pids = helpers + [c for pid in helpers for c in children(pid)]
        for p in sorted(self.workdir.glob("worker-*.port")):
            wait_http(f"http://127.0.0.1:{p.read_text().strip()}", None)
        return self

    def memory(self) -> dict:
        stats = [proc_status(pid) for pid in self.pids]
        helpers = [proc_status(pid) for pid in self.helper_pids]
        return {"rss_mb": sum(s.get("VmRSS", 0) for s in stats), "peak_mb": sum(s.get("VmHWM", 0) for s in stats),
                "redis_nginx_mb": sum(s.get("VmRSS", 0) for s in helpers)}

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    def kernel_cpu(self) -> float:
        return sum(cpu_split(pid)[1] for pid in self.pids)

    def helper_cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.helper_pids)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                if self.kind == "cluster":
                    os.killpg(proc.pid, signal.SIGTERM)  # cluster.sh's own session: redis, workers, nginx
                else:
                    proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.report_logs()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def report_logs(self) -> None:
        """The servers' complaints (errors, tracebacks, Redis warnings), before their folder goes."""
        for log in sorted(self.workdir.glob("*.log")):
            lines = [line for line in log.read_text(errors="replace").splitlines()
                     if any(word in line for word in ("ERROR", "Error", "Traceback", "WARNING", "# "))]
            if lines:
                shown = lines if len(lines) <= 10 else lines[:5] + ["..."] + lines[-5:]
                print(f"[{self.name}] {log.name}: {len(lines)} complaint lines:", flush=True)
                for line in shown:
                    print(f"    {line}", flush=True)


# -- the client processes ---------------------------------------------------------
class Swarms:
    def __init__(self, url: str, target: str, processes: int, compress: int = 0):
        """``compress``: the clients offer permessage-deflate with that window (bits), as browsers do."""
        ctx = mp.get_context("spawn")
        self.pipes, self.procs = [], []
        for _ in range(processes):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=swarm_module.main, args=(theirs, url, target, compress), daemon=True)
            proc.start()
            self.pipes.append(mine)
            self.procs.append(proc)

    def ask(self, verb: str, args_each: list[dict] | dict, timeout: float = 300) -> list[dict]:
        args_list = args_each if isinstance(args_each, list) else [args_each] * len(self.pipes)
        for pipe, args in zip(self.pipes, args_list):
            pipe.send((verb, args))
        replies = []
        for pipe in self.pipes:
            if not pipe.poll(timeout):
                raise TimeoutError(f"swarm did not answer {verb!r} in {timeout}s")
            replies.append(pipe.recv())
        for reply in replies:
            if "failed" in reply:
                raise RuntimeError(f"swarm {verb}: {reply['failed']}")
        return replies

    def ask_one(self, index: int, verb: str, args: dict, timeout: float = 120) -> dict:
        self.pipes[index].send((verb, args))
        if not self.pipes[index].poll(timeout):
            raise TimeoutError(f"swarm did not answer {verb!r} in {timeout}s")
        return self.pipes[index].recv()

    def cpu(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.procs)

    def close(self) -> None:
        try:
            self.ask("close", {}, timeout=60)
        except Exception:
            pass
        for proc in self.procs:
            proc.join(10)
            if proc.is_alive():
                proc.kill()


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB, Python {platform.python_version()}, {platform.platform()}"


