"""Every setting Bowtie reads, from the environment, with safe defaults.

Nothing else in the code base reads ``os.environ``: pass a mapping to
``Config.from_env`` in tests instead of patching the process environment.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

# Shorter secrets can be guessed; an empty one (a file cut short by a full disk) forges every token.
MIN_SECRET_BYTES = 32


class ConfigError(Exception):
    """A setting Bowtie refuses to start with; the message says what to do."""


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


WS_COMPRESSION_MODES = ("on", "stateless", "off")


def _choice(value: str, name: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``; anything else stops the start-up rather than silently meaning the default."""
    chosen = value.strip().lower()
    if chosen not in choices:
        raise ConfigError(f"{name}={value!r}: use one of {', '.join(choices)}")
    return chosen


@dataclass(frozen=True)
class Config:
    db_path: str = "./bowtie.db"
    host: str = "127.0.0.1"
    port: int = 5000
    secret_key: str = ""
    # Socket.IO origins allowed to connect; empty means "the app's own origin only".
    allowed_origins: tuple[str, ...] = ()
    public_url: str = ""  # base of join links when the LAN address differs from Host
    group_size: int = 5
    token_max_age: int = 14 * 24 * 3600  # seconds a participant token stays valid
    max_message_bytes: int = 64 * 1024
    # Packets one long-polling POST may carry: a client on polling sends everything it
    # queued in one POST (a quick facilitator, a laptop flushing offline work), and
    # python-engineio's default of 16 dropped the whole POST unacknowledged.
    max_packets_per_poll: int = 200
    admin_token: str = ""
    admin_session_hours: float = 12.0  # a browser's admin login lasts this long
    message_queue: str = ""  # e.g. redis://127.0.0.1:6379/0 for several workers
    synchronous: str = "FULL"  # SQLite durability: FULL survives a power cut
    max_connections: int = 10_000  # eventlet's WSGI server accepts 1,024 otherwise
    # Open connections one client address may hold: a venue's NAT puts a thousand
    # laptops behind one address, a script opening sockets by the thousand is stopped.
    connections_per_address: int = 2_000
    request_wait: float = 10.0  # seconds a connection may stay silent before its next HTTP request
    join_attempts_per_minute: int = 20  # wrong codes per client address before each is slowed
    wrong_code_wait: float = 1.0  # seconds added to the answer of each wrong code past that
    # Reverse proxies in front of Bowtie whose X-Forwarded-For/-Proto to believe (0: none).
    trusted_proxies: int = 0
    tls_cert: str = ""  # PEM certificate (chain): server.py then serves HTTPS
    tls_key: str = ""
    events_per_second: float = 20.0  # per socket, sustained (bursts allowed)
    event_burst: int = 60
    # Per person, across all their sockets: ten sockets must not buy ten times the pace.
    person_events_per_second: float = 30.0
    person_event_burst: int = 90
    # Seconds a Socket.IO session may stay connected without joining or facilitating.
    join_grace: float = 30.0
    max_backlog: int = 2000  # messages queued for one slow connection before it is dropped
    # Seconds between two `vote:progress` to facilitators (0: after every dot); see realtime/pacer.py.
    vote_progress_interval: float = 0.25
    # Seconds between two `room:changed` to the room views (0: after every change).
    room_interval: float = 0.5
    # Seconds between two `presence:diff` to facilitators (0: after every change); see realtime/presence_diff.py.
    presence_interval: float = 0.25
    # New identities (joins without a token; see realtime/join_throttle.py): per client
    # address, a whole room behind one venue NAT arriving within a minute; per browser,
    # one, then one more per this many seconds. 0 turns either off.
    joins_per_address_per_minute: int = 300
    browser_join_interval: float = 20.0
    # permessage-deflate, which every browser offers: "on" (eventlet keeps a compressor
    # per connection), "stateless" (each message compressed alone, nothing kept between
    # messages) or "off" (declined). See docs/performance.md for the figures.
    ws_compression: str = "stateless"
    # Freeze what survives each full garbage collection, thawing after as many connections
    # closed as are open (workshop/collector.py): full collections stop walking the room.
    gc_freeze: bool = True
    # Seconds between two hand-backs of freed memory to the system (workshop/heap_trim.py; 0: never).
    heap_trim_seconds: float = 10.0
    # Engine.IO's heartbeat, in seconds: a ping every `ping_interval` after the last pong, and
    # a connection whose pong has not been handled `ping_timeout` after its ping is closed.
    # A connection's pong is read in order with its own events (one at a time, above), so in
    # a storm it waits behind them: 20 s, the library's default, closed clients whose five
    # dots took 15 s (docs/performance.md). The price: a laptop that vanishes without closing
    # its connection is noticed after up to 85 s instead of 45.
    ping_interval: float = 25.0
    ping_timeout: float = 60.0
    log_level: str = "INFO"
    testing: bool = False
    # The benchmark's event-loop probe and its route (workshop/loop_lag.py); never on in use.
    loop_lag_probe: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Config":
        env = os.environ if env is None else env
        origins = tuple(o.strip() for o in env.get("BOWTIE_ALLOWED_ORIGINS", "").split(",") if o.strip())
        config = cls(
            db_path=env.get("BOWTIE_DB", cls.db_path),
            host=env.get("BOWTIE_HOST", cls.host),
            port=int(env.get("BOWTIE_PORT", cls.port)),
            secret_key=env.get("BOWTIE_SECRET", ""),
            allowed_origins=origins,
            public_url=env.get("BOWTIE_PUBLIC_URL", "").rstrip("/"),
            group_size=int(env.get("BOWTIE_GROUP_SIZE", cls.group_size)),
            token_max_age=int(env.get("BOWTIE_TOKEN_MAX_AGE", cls.token_max_age)),
            max_packets_per_poll=int(env.get("BOWTIE_MAX_PACKETS_PER_POLL", cls.max_packets_per_poll)),
            admin_token=env.get("BOWTIE_ADMIN_TOKEN", ""),
            admin_session_hours=float(env.get("BOWTIE_ADMIN_SESSION_HOURS", cls.admin_session_hours)),
            message_queue=env.get("BOWTIE_MESSAGE_QUEUE", ""),
            synchronous=env.get("BOWTIE_SYNCHRONOUS", cls.synchronous).upper(),
            max_connections=int(env.get("BOWTIE_MAX_CONNECTIONS", cls.max_connections)),
            connections_per_address=int(env.get("BOWTIE_CONNECTIONS_PER_ADDRESS", cls.connections_per_address)),
            request_wait=float(env.get("BOWTIE_REQUEST_WAIT", cls.request_wait)),
            join_attempts_per_minute=int(env.get("BOWTIE_JOIN_ATTEMPTS_PER_MINUTE", cls.join_attempts_per_minute)),
            wrong_code_wait=float(env.get("BOWTIE_WRONG_CODE_WAIT", cls.wrong_code_wait)),
            trusted_proxies=int(env.get("BOWTIE_TRUSTED_PROXIES", cls.trusted_proxies)),
            tls_cert=env.get("BOWTIE_TLS_CERT", ""),
            tls_key=env.get("BOWTIE_TLS_KEY", ""),
            events_per_second=float(env.get("BOWTIE_EVENTS_PER_SECOND", cls.events_per_second)),
            event_burst=int(env.get("BOWTIE_EVENT_BURST", cls.event_burst)),
            person_events_per_second=float(env.get("BOWTIE_PERSON_EVENTS_PER_SECOND", cls.person_events_per_second)),
            person_event_burst=int(env.get("BOWTIE_PERSON_EVENT_BURST", cls.person_event_burst)),
            join_grace=float(env.get("BOWTIE_JOIN_GRACE", cls.join_grace)),
            max_backlog=int(env.get("BOWTIE_MAX_BACKLOG", cls.max_backlog)),
            vote_progress_interval=float(env.get("BOWTIE_VOTE_PROGRESS_INTERVAL", cls.vote_progress_interval)),
            room_interval=float(env.get("BOWTIE_ROOM_INTERVAL", cls.room_interval)),
            presence_interval=float(env.get("BOWTIE_PRESENCE_INTERVAL", cls.presence_interval)),
            joins_per_address_per_minute=int(env.get("BOWTIE_JOINS_PER_ADDRESS_PER_MINUTE",
                                                     cls.joins_per_address_per_minute)),
            browser_join_interval=float(env.get("BOWTIE_BROWSER_JOIN_INTERVAL", cls.browser_join_interval)),
            ws_compression=_choice(env.get("BOWTIE_WS_COMPRESSION", cls.ws_compression), "BOWTIE_WS_COMPRESSION",
                                   WS_COMPRESSION_MODES),
            gc_freeze=_bool(env.get("BOWTIE_GC_FREEZE", "1")),
            heap_trim_seconds=float(env.get("BOWTIE_HEAP_TRIM_SECONDS", cls.heap_trim_seconds)),
            ping_interval=float(env.get("BOWTIE_PING_INTERVAL", cls.ping_interval)),
            ping_timeout=float(env.get("BOWTIE_PING_TIMEOUT", cls.ping_timeout)),
            log_level=env.get("BOWTIE_LOG_LEVEL", cls.log_level).upper(),
            testing=_bool(env.get("BOWTIE_TESTING", "0")),
            loop_lag_probe=_bool(env.get("BOWTIE_LOOP_LAG_PROBE", "0")),
        )
        return replace(config, **overrides) if overrides else config

    @property
    def https(self) -> bool:
        """Whether people reach Bowtie over HTTPS (served here, or by a proxy in front)."""
        return bool(self.tls_cert) or self.public_url.startswith("https://")

    @property
    def origins(self) -> tuple[str, ...]:
        """Origins allowed to open Socket.IO connections besides the page's own."""
        public = urlsplit(self.public_url)
        own = (f"{public.scheme}://{public.netloc}",) if public.netloc else ()
        return tuple(dict.fromkeys(own + self.allowed_origins))

    @property
    def public_host(self) -> str:
        """The Host people's browsers send (from BOWTIE_PUBLIC_URL), or "" if unknown."""
        return urlsplit(self.public_url).netloc.lower()

    def with_secret(self) -> "Config":
        """Fill in the signing secret: from the environment, else a file kept beside
        the database so that participant tokens survive a restart. A secret too
        short to be safe stops the start-up."""
        if self.secret_key:
            _check_secret(self.secret_key, "BOWTIE_SECRET")
            return self
        if self.db_path == ":memory:":
            return replace(self, secret_key=secrets.token_urlsafe(32))
        path = Path(self.db_path).with_suffix(".secret")
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _write_secret(path, secrets.token_urlsafe(32))
        secret = path.read_text().strip()
        _check_secret(secret, str(path))
        return replace(self, secret_key=secret)


def _check_secret(secret: str, source: str) -> None:
    size = len(secret.encode())
    if size < MIN_SECRET_BYTES:
        hint = ("set a longer one" if source == "BOWTIE_SECRET" else
                "delete the file to have a new one made (participants will need to join again)")
        raise ConfigError(f"the signing secret in {source} is {size} bytes, under the {MIN_SECRET_BYTES} bytes "
                          f"needed to keep tokens from being forged: {hint}")


def _write_secret(path: Path, secret: str) -> None:
    """Write the whole secret or nothing: a private temporary file, synced, then
    linked into place. A link, unlike a rename, never replaces a file: when
    several workers start at once the first one's secret is everyone's."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w") as f:
            f.write(secret)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        os.unlink(temporary)
