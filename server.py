"""Start Bowtie on eventlet: `python server.py [--db PATH] [--host H] [--port N]`.

Also: `python server.py backup PATH` writes a consistent copy of the live
database (SQLite's online backup) while the server keeps running.

This is the only module that imports eventlet; the `workshop` package runs
unchanged under threads (see create_app's async_mode).
"""
import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import errno  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import socket  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402

from eventlet import tpool, websocket, wsgi  # noqa: E402

from workshop import create_app  # noqa: E402
from workshop.collector import Collector  # noqa: E402
from workshop.config import Config, ConfigError  # noqa: E402
from workshop.heap_trim import trimmer  # noqa: E402
from workshop.store import StorageUnfit  # noqa: E402
from workshop.ws_mask import unmask  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="server.py", description="Bowtie workshop server")
    parser.add_argument("--db", help="SQLite file (env BOWTIE_DB, default ./bowtie.db)")
    parser.add_argument("--host", help="address to listen on (env BOWTIE_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (env BOWTIE_PORT, default 5000)")
    sub = parser.add_subparsers(dest="verb")
    backup = sub.add_parser("backup", help="copy the live database consistently to PATH")
    backup.add_argument("path")
    return parser.parse_args(argv)


def configure(args: argparse.Namespace) -> Config:
    config = Config.from_env()
    changes = {k: v for k, v in (("db_path", args.db), ("host", args.host), ("port", args.port)) if v is not None}
    return replace(config, **changes)


def backup(config: Config, path: str) -> None:
    """Copy the live database to PATH while the server keeps writing.

    One backup step over the whole file reads one consistent snapshot (WAL lets
    writers go on meanwhile); a stepwise copy would restart on every write and
    might never finish under load. The copy is written to a temporary file
    beside PATH, checked, then renamed into place, so PATH is either the
    previous backup or a complete new one."""
    if not os.path.exists(config.db_path):
        sys.exit(f"no database at {config.db_path}")
    refuse_live_target(config.db_path, path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, partial = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".partial")
    os.close(fd)
    try:
        check = copy_checked(config.db_path, partial)
        if check != "ok":
            sys.exit(f"backup of {config.db_path} failed its integrity check: {check}")
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    print(f"backup of {config.db_path} written to {path} (integrity: {check})")


def refuse_live_target(db_path: str, path: str) -> None:
    """Replacing the live file (or its -wal or -shm) under a running server
    corrupts it: the next start finds it malformed (issue 13, item 8)."""
    target = os.path.realpath(path)
    for live in (db_path, f"{db_path}-wal", f"{db_path}-shm", f"{db_path}-journal"):
        same = os.path.realpath(live) == target
        if not same and os.path.exists(live) and os.path.exists(path):
            same = os.path.samefile(live, path)
        if same:
            sys.exit(f"refusing to write the backup over the live database's own file {live}: choose another path")


def copy_checked(db_path: str, partial: str) -> str:
    """SQLite's online backup of DB_PATH into PARTIAL; return its integrity check."""
    source = sqlite3.connect(db_path, timeout=30)
    target = sqlite3.connect(partial)
    try:
        source.execute("PRAGMA busy_timeout = 30000")
        source.backup(target, pages=-1)
        return target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
        source.close()


# Descriptors beyond the connections: the database and its -wal and -shm, the
# listener, the log, the thread pool's pipes, a Redis connection.
DESCRIPTOR_HEADROOM = 64
# The longest pause before trying accept() again while descriptors run out.
ACCEPT_BACKOFF_MAX = 1.0


def raise_descriptor_limit(config: Config) -> int:
    """Raise the soft open-file limit towards the connections allowed (the usual
    soft limit of 1,024 made accept() fail at ~1,000 idle sockets and the server
    exit: issue 13, item 1). Refuse to start when even the hard limit leaves
    fewer than half the configured connections."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = config.max_connections + DESCRIPTOR_HEADROOM
    ceiling = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
    if ceiling > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, hard))
        soft = ceiling
    if soft - DESCRIPTOR_HEADROOM < config.max_connections // 2:
        raise ConfigError(f"the open-file limit is {soft} (hard limit {hard}), far too few for "
                          f"BOWTIE_MAX_CONNECTIONS={config.max_connections}: raise it (ulimit -n, or "
                          f"LimitNOFILE= under systemd) or lower BOWTIE_MAX_CONNECTIONS")
    return soft


class PatientListener:
    """The listening socket, except that running out of descriptors (EMFILE,
    ENFILE) pauses accepting instead of ending eventlet's accept loop, and with
    it the server. The waiting connection stays in the kernel's backlog and is
    accepted once an open connection closes."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._log = logging.getLogger("bowtie.server")

    def accept(self):
        pause = 0.05
        while True:
            try:
                return self._sock.accept()
            except OSError as exc:
                if exc.errno not in (errno.EMFILE, errno.ENFILE):
                    raise
                self._log.warning("out of file descriptors (%s): not accepting for %.2f s", exc.strerror, pause)
                eventlet.sleep(pause)
                pause = min(pause * 2, ACCEPT_BACKOFF_MAX)

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def watch_collections(threshold: float = 0.05) -> None:
    """Log every garbage collection that holds the event loop longer than ``threshold`` s."""
    started = {}

    def timer(phase: str, info: dict) -> None:
        if phase == "start":
            started["at"] = time.perf_counter()
        elif "at" in started:
            took = time.perf_counter() - started.pop("at")
            if took > threshold:
                logging.getLogger("bowtie.gc").warning("garbage collection of generation %s held the loop %.0f ms",
                                                       info.get("generation"), took * 1000)
    gc.callbacks.append(timer)


def trim_heap_every(seconds: float) -> None:
    """Give freed memory back to the system every ``seconds`` (workshop/heap_trim.py)."""
    trim = trimmer()
    if seconds <= 0 or trim is None:
        return

    def trimming() -> None:
        while True:
            eventlet.sleep(seconds)
            trim()
    eventlet.spawn(trimming)


class Doorman:
    """Counts the open connections of each client address (connection presence,
    the one thing kept only in memory)."""

    def __init__(self, per_address: int):
        self.per_address = per_address
        self.open: dict[str, int] = {}

    def admit(self, address: str) -> bool:
        count = self.open.get(address, 0)
        if count >= self.per_address:
            return False
        self.open[address] = count + 1
        return True

    def leave(self, address: str) -> None:
        count = self.open.pop(address, 1) - 1
        if count > 0:
            self.open[address] = count


def protocol_for(config: Config, collector: Collector | None = None) -> type:
    """eventlet's HTTP protocol, closing at once a connection past its address's share,
    and telling the collector (BOWTIE_GC_FREEZE) of every connection it served.

    Every connection holds one green thread of a pool of BOWTIE_MAX_CONNECTIONS:
    without a share per address, one laptop opening idle sockets by the thousand
    filled the pool and no newcomer could connect. Behind a trusted proxy every
    connection comes from the proxy, so the share is the proxy's to enforce."""
    doorman = Doorman(config.connections_per_address)

    class Protocol(wsgi.HttpProtocol):
        def handle(self):
            if config.trusted_proxies:
                return self.served()
            address = self.client_address[0]
            if not doorman.admit(address):
                self.close_connection = True
                return None
            try:
                return self.served()
            finally:
                doorman.leave(address)

        def served(self):
            if collector is None:
                return super().handle()
            collector.connection_opened()
            try:
                return super().handle()
            finally:
                collector.connection_closed()

    return Protocol


def websocket_compression(app, mode: str):
    """The WSGI app, with the browser's offer of permessage-deflate passed on as
    BOWTIE_WS_COMPRESSION allows.

    eventlet's websocket (which python-engineio uses here) accepts any offer and
    then keeps a zlib compressor, ~256 KB at its defaults, for every connection
    and a decompressor for what the client compresses. Neither python-engineio
    nor eventlet has a setting for it, but the negotiation reads only the
    client's `Sec-WebSocket-Extensions` header: "off" removes the offer (the
    handshake declines it), "stateless" adds the two `no_context_takeover`
    parameters to it, which RFC 7692 lets a server impose, so that each message
    is compressed alone and nothing stays allocated between messages."""
    if mode == "on":
        return app

    def negotiated(environ, start_response):
        offer = environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        if offer and mode == "stateless":
            environ["HTTP_SEC_WEBSOCKET_EXTENSIONS"] = without_context_takeover(offer)
        return app(environ, start_response)
    return negotiated


def without_context_takeover(offer: str) -> str:
    """Each permessage-deflate offer in the header, asking both sides to keep no state between messages."""
    offers = []
    for each in offer.split(","):
        name, *params = [part.strip() for part in each.split(";")]
        if name.lower() == "permessage-deflate":
            names = {param.split("=")[0].strip().lower() for param in params}
            params += [p for p in ("server_no_context_takeover", "client_no_context_takeover") if p not in names]
        offers.append("; ".join([name, *params]))
    return ", ".join(offers)


def listen(config: Config):
    """The listening socket: TLS when given a certificate, so that keys and tokens
    do not cross a shared venue network in clear."""
    listener = eventlet.listen((config.host, config.port), backlog=2048)
    # Accepted sockets inherit this: without it Nagle's algorithm holds a small
    # reply (an ack right after a broadcast) until the client's delayed ACK, ~40 ms.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if not config.tls_cert:
        return listener
    for path in filter(None, (config.tls_cert, config.tls_key)):
        if not os.access(path, os.R_OK):
            sys.exit(f"cannot read the TLS file {path} (BOWTIE_TLS_CERT / BOWTIE_TLS_KEY)")
    return eventlet.wrap_ssl(listener, certfile=config.tls_cert, keyfile=config.tls_key or None, server_side=True)


def serve(config: Config) -> None:
    descriptors = raise_descriptor_limit(config)
    # A full collection walks every object (3,000 connections: ~300 MB of them)
    # with the loop stopped for 100-500 ms, and by default one runs every ~1-2 s
    # while the heap grows. Ten times fewer took collect's p99 at 3,000
    # participants from ~300 ms to ~20 ms (docs/performance.md). Cycles are still
    # collected, later. The app's own start-up objects are never garbage: frozen
    # out of every collection.
    gc.set_threshold(700, 10, 100)
    # The store's thread (tpool) gives up the GIL at every SQLite call and must win
    # it back from the event loop; at the default 5 ms switch interval each of a
    # change's dozen statements can wait that long (the convoy effect).
    # Measured in docs/performance.md: 0.5 ms took a vote storm from ~610 to ~850 dots/s.
    sys.setswitchinterval(0.0005)
    # eventlet unmasks what clients send a byte at a time, on the loop (ws_mask.py).
    websocket.RFC6455WebSocket._apply_mask = staticmethod(unmask)
    app = create_app(config, async_mode="eventlet", offload=tpool.execute)
    watch_collections()  # after the start-up checks: a refused start exits without it
    gc.collect()
    gc.freeze()
    collector = Collector().install() if config.gc_freeze else None
    trim_heap_every(config.heap_trim_seconds)
    listener = listen(config)
    host, port = listener.getsockname()[:2]
    scheme = "https" if config.tls_cert else "http"
    print(f"Bowtie serving on {scheme}://{host}:{port} (database {config.db_path}; up to {config.max_connections} "
          f"connections, open-file limit {descriptors})", flush=True)
    # eventlet's WSGI server accepts 1,024 simultaneous connections unless told otherwise.
    # keepalive as a number of seconds: how long eventlet waits for a request line,
    # on a new connection or between two requests; a socket that opens and says
    # nothing is closed then instead of holding its place in the pool for ever.
    wsgi.server(PatientListener(listener), websocket_compression(app, config.ws_compression),
                max_size=config.max_connections, log_output=False, log=logging.getLogger("bowtie.http"),
                keepalive=config.request_wait, socket_timeout=None, protocol=protocol_for(config, collector))


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    # What people wrote is nobody else's to read: the database, its -wal and
    # -shm, the secret and every backup are made 0600 (issue 13, item 10).
    os.umask(0o077)
    try:
        config = configure(args)
        if args.verb == "backup":
            backup(config, args.path)
        else:
            serve(config)
    except (ConfigError, StorageUnfit) as refused:
        sys.exit(f"Bowtie did not start: {refused}")


if __name__ == "__main__":
    main(sys.argv[1:])
