"""Production drill (issue 18 §1): the real stack, started on this machine (loopback only) and exercised through the
public API.

    python ops/prod_drill.py          # `make prod-drill`; exit code 1 on any deviation

What runs, all under the drill's control and stopped at the end:
- PostgreSQL: a primary (``initdb`` into a temporary folder) and a streaming replica of it (``pg_basebackup -R``),
  each on its own port, started with ``pg_ctl`` from the machine's PostgreSQL installation;
- Redis (``redis-server`` on its own port) as the Celery broker and the shared cache;
- two gunicorn servers (``ANJU_DEBUG=0``, production settings) sharing one data folder;
- a Celery worker and Celery beat; an SMTP sink (aiosmtpd, in this process) as the mail server.

Then, through the API: (1) a session and a token from server A work on server B, a photo uploaded on A downloads on
B; (2) with a 1-minute first-response target the worker's SLA sweep sends the warning and the escalation (at the
sink, and in the supervisor's inbox); (3) the worker is killed with SIGKILL in the middle of a sweep and started
again: no notification twice, no e-mail lost, an e-mail twice only if it was in flight at the kill (same
Message-ID); (4) reports read from the replica (its ``pg_stat_activity`` and the app's log say so) while a user who
just wrote reads from the primary, on the other server too; (5) with the replica stopped reports fall back to the
primary with a warning in the log; (6) everything stops cleanly; a summary, and the exit code.

Ports: ``DRILL_PORT`` (default 8841) and the next three (server B, SMTP, Redis); ``DRILL_PG_PORT`` (default 5442)
and the next one (replica). Folders: ``DRILL_DIR`` (default ``<repo>/var/prod-drill``) for the app's data and the
logs; PostgreSQL's folders live in a temporary folder readable by the ``postgres`` user.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import email
import email.header
import glob
import hashlib
import http.cookiejar
import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parents[1]
REPO = BACKEND.parent
PORT_A = int(os.environ.get("DRILL_PORT", "8841"))
PORT_B, SMTP_PORT, REDIS_PORT = PORT_A + 1, PORT_A + 2, PORT_A + 3
PG_PRIMARY = int(os.environ.get("DRILL_PG_PORT", "5442"))
PG_REPLICA = PG_PRIMARY + 1
DATABASE = "anju_drill"
DRILL_DIR = Path(os.environ.get("DRILL_DIR") or REPO / "var" / "prod-drill").resolve()
PASSWORD = "drill-" + secrets.token_urlsafe(12)
METRICS_TOKEN = secrets.token_urlsafe(24)
SWEEP_SECONDS = 5
EMAIL_LEASE_SECONDS = 15
BATCH = 16  # orders whose SLA steps the killed sweep is working on
SMTP_DELAY = 0.12  # the sink answers slowly, so a sweep takes a few seconds and the kill lands inside it
STARTED = time.monotonic()


def say(text: str) -> None:
    sys.stdout.write(f"[{time.monotonic() - STARTED:6.1f}s] {text}\n")
    sys.stdout.flush()


# --- Outcome ---------------------------------------------------------------------------------------------------------


class Outcome:
    def __init__(self) -> None:
        self.rows: list[tuple[str, bool, str]] = []

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.rows.append((name, bool(ok), detail))
        say(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
        return bool(ok)

    @property
    def failed(self) -> list[tuple[str, bool, str]]:
        return [row for row in self.rows if not row[1]]


OUT = Outcome()


# --- Processes -------------------------------------------------------------------------------------------------------


class Stack:
    """Every process the drill starts, stopped in reverse order however the drill ends."""

    def __init__(self, root: Path, pg_root: Path) -> None:
        self.root = root
        self.pg_root = pg_root
        self.logs = root / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.pg_started: list[Path] = []
        self.pg_bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))[-1])

    # PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
    def pg(self, *command: str, check: bool = True, capture: bool = False) -> str:
        argv = [str(self.pg_bin / command[0]), *command[1:]]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        result = subprocess.run(argv, check=check, capture_output=True, text=True, cwd=self.pg_root)  # noqa: S603
        if result.returncode != 0 and not check:
            return result.stderr
        return result.stdout if capture else ""

    def sql(self, port: int, query: str, database: str = DATABASE) -> str:
        return self.pg(
            "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-Atc", query, capture=True
        ).strip()

    def start_postgres(self) -> None:
        primary, replica = self.pg_root / "primary", self.pg_root / "replica"
        self.pg("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")
        self._pg_ctl_start(primary, PG_PRIMARY, "wal_level=replica", "max_wal_senders=5", "fsync=off")
        self.pg("createdb", "-h", "127.0.0.1", "-p", str(PG_PRIMARY), "-U", "postgres", DATABASE)
        self.pg(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PRIMARY),
            "-U",
            "postgres",
            "-D",
            str(replica),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        self._pg_ctl_start(replica, PG_REPLICA, "hot_standby=on", "fsync=off")

    def _pg_ctl_start(self, data: Path, port: int, *options: str) -> None:
        settings = " ".join(
            [f"-p {port}", "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={self.pg_root}"]
            + [f"-c {option}" for option in options]
        )
        self.pg(
            "pg_ctl", "-D", str(data), "-o", settings, "-l", str(self.pg_root / f"{data.name}.log"), "-w", "-t", "60", "start"
        )
        self.pg_started.append(data)

    def stop_postgres(self, data: Path) -> bool:
        if data not in self.pg_started:
            return True
        self.pg_started.remove(data)
        return not self.pg("pg_ctl", "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop", check=False).strip()

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the process's life
        proc = subprocess.Popen(argv, cwd=BACKEND, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
        self.procs[name] = proc
        return proc

    def stop(self, name: str, timeout: float = 30) -> int | None:
        proc = self.procs.pop(name, None)
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return -9
        return proc.returncode

    def log_text(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def json_lines(self, name: str) -> list[dict[str, Any]]:
        lines = []
        for line in self.log_text(name).splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):
                    lines.append(json.loads(line))
        return lines

    def teardown(self) -> None:
        for name in list(self.procs)[::-1]:
            self.stop(name, timeout=15)
        for data in list(self.pg_started)[::-1]:
            self.stop_postgres(data)


# --- SMTP sink -------------------------------------------------------------------------------------------------------


class Sink:
    """Every message the app hands to the mail server: (Message-ID, recipients, subject)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, tuple[str, ...], str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd calls it by this name
        # A mail server takes a message when it answers 250; a sender killed before that answer has sent nothing.
        await asyncio.sleep(SMTP_DELAY)
        transport = getattr(server, "transport", None)
        if transport is None or transport.is_closing():
            return "451 Connection lost before the message was accepted"
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(message.get("Subject", ""))))
        with self.lock:
            self.messages.append((message.get("Message-ID", ""), tuple(envelope.rcpt_tos), subject))
        return "250 Message accepted for delivery"

    def snapshot(self) -> list[tuple[str, tuple[str, ...], str]]:
        with self.lock:
            return list(self.messages)


# --- HTTP ------------------------------------------------------------------------------------------------------------


class Api:
    """A client of one server: cookies (a browser session) or a token; JSON in and out."""

    def __init__(self, port: int, *, token: str = "", jar: http.cookiejar.CookieJar | None = None) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.token = token
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def on(self, port: int) -> Api:
        """The same credentials against another server."""
        return Api(port, token=self.token, jar=self.jar)

    def call(
        self, method: str, path: str, body: Any = None, *, raw: bytes | None = None, content_type: str = "", request_id: str = ""
    ) -> tuple[int, Any, dict[str, str]]:
        headers = {"Accept": "application/json", "Accept-Language": "en"}
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif content_type:
            headers["Content-Type"] = content_type
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        csrf = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        if csrf and method not in ("GET", "HEAD"):
            headers["X-CSRFToken"] = csrf
        if request_id:
            headers["X-Request-ID"] = request_id
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)  # noqa: S310 - loopback
        try:
            with self.opener.open(request, timeout=30) as response:
                payload = response.read()
                status, response_headers = response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            payload, status, response_headers = error.read(), error.code, dict(error.headers)
        kind = response_headers.get("Content-Type", "")
        return status, (json.loads(payload) if "json" in kind and payload else payload), response_headers

    def get(self, path: str, **kwargs: Any) -> tuple[int, Any]:
        status, body, _headers = self.call("GET", path, **kwargs)
        return status, body

    def post(self, path: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        status, body, _headers = self.call("POST", path, body if body is not None else {}, **kwargs)
        return status, body


def wait_for(what: str, probe: Callable[[], Any], timeout: float, every: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError, urllib.error.URLError, ConnectionError):
            value = probe()
            if value:
                return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(every)


def token_for(port: int, username: str) -> str:
    status, body = Api(port).post("/api/v1/auth/token/", {"username": username, "password": PASSWORD, "name": "drill"})
    if status != 200:
        raise RuntimeError(f"token for {username}: HTTP {status} {body}")
    return str(body["token"])


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def multipart(fields: dict[str, str], file_field: str, filename: str, content: bytes, content_type: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# --- The drill -------------------------------------------------------------------------------------------------------


class Drill:
    def __init__(self, stack: Stack, sink: Sink) -> None:
        self.stack = stack
        self.sink = sink
        self.env = self._env()
        self.db: Any = None

    def _env(self) -> dict[str, str]:
        key = base64.b64encode(secrets.token_bytes(32)).decode()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANJU_")}
        env.update(
            {
                "ANJU_DEBUG": "0",
                "ANJU_SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback: no TLS proxy in front
                "ANJU_SECURE_COOKIES": "0",
                "ANJU_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "ANJU_SECRET_KEY": secrets.token_urlsafe(50),
                "ANJU_PII_KEYS": f"k1:{key}",
                "ANJU_PII_ACTIVE_KEY": "k1",
                "ANJU_PII_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
                "ANJU_DATA_DIR": str(self.stack.root / "data"),
                "ANJU_DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PRIMARY}/{DATABASE}",
                "ANJU_DATABASE_REPLICA_URL": (
                    f"postgres://postgres@127.0.0.1:{PG_REPLICA}/{DATABASE}?application_name=anju-replica-reader"
                ),
                "ANJU_CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
                "ANJU_CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
                "ANJU_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "ANJU_EMAIL_HOST": "127.0.0.1",
                "ANJU_EMAIL_PORT": str(SMTP_PORT),
                "ANJU_EMAIL_FROM": "anju@drill.example",
                "ANJU_SLA_SWEEP_SECONDS": str(SWEEP_SECONDS),
                "ANJU_EMAIL_OUTBOX_SECONDS": str(SWEEP_SECONDS),
                "ANJU_EMAIL_LEASE_SECONDS": str(EMAIL_LEASE_SECONDS),
                "ANJU_METRICS_TOKEN": METRICS_TOKEN,
                "ANJU_METRICS_DIR": str(self.stack.root / "metrics"),
                "ANJU_DEMO_PASSWORD": PASSWORD,
                "ANJU_LOG_LEVEL": "INFO",
            }
        )
        return env

    # -- set-up --

    def start(self) -> None:
        root = self.stack.root
        for folder in ("data", "metrics"):
            shutil.rmtree(root / folder, ignore_errors=True)
            (root / folder).mkdir(parents=True)
        say("PostgreSQL: primary and streaming replica")
        self.stack.start_postgres()
        OUT.check("replica streams from the primary", self.stack.sql(PG_REPLICA, "SELECT pg_is_in_recovery()") == "t")
        if not shutil.which("redis-server"):
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.stack.start(
            "redis",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            self.env,
        )
        say("migrate and seed (minimal demo set)")
        python = sys.executable
        for args in (["migrate", "--noinput", "-v", "0"], ["seed_demo", "--minimal"]):
            subprocess.run([python, "manage.py", *args], cwd=BACKEND, env=self.env, check=True, capture_output=True)  # noqa: S603
        import psycopg

        self.db = psycopg.connect(f"host=127.0.0.1 port={PG_PRIMARY} user=postgres dbname={DATABASE}", autocommit=True)
        say("gunicorn A and B, Celery worker and beat")
        for name, port in (("web-a", PORT_A), ("web-b", PORT_B)):
            self.stack.start(
                name,
                [python, "-m", "gunicorn", "config.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "60"],
                self.env,
            )
        self.start_worker()
        self.stack.start(
            "beat",
            [python, "-m", "celery", "-A", "config", "beat", "-l", "INFO", "-s", str(root / "data" / "beat-schedule")],
            self.env,
        )
        for port in (PORT_A, PORT_B):
            wait_for(f"server :{port}", lambda port=port: Api(port).get("/api/v1/health/")[0] == 200, 60)

        def ready() -> tuple[int, Any] | None:
            answer = Api(PORT_B).get("/api/v1/ready/")
            return answer if answer[0] == 200 else None

        status, body = wait_for("readiness (the first SLA sweep)", ready, 60)
        OUT.check("ready: database, migrations, broker, sweep heartbeat", status == 200, json.dumps(body))

    def start_worker(self) -> None:
        self.stack.start(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "-l",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"drill-{uuid.uuid4().hex[:6]}@%h",
            ],
            self.env,
        )

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self.db.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    # -- 1. two servers share sessions, tokens and uploads --

    def step_sessions_and_uploads(self) -> None:
        say("1. session and token from A on B; photo uploaded on A, downloaded on B")
        browser = Api(PORT_A)
        browser.get("/api/v1/auth/csrf/")
        status, _body = browser.post("/api/v1/auth/login/", {"username": "supervisor", "password": PASSWORD})
        OUT.check("sign in on A", status == 200, f"HTTP {status}")
        status, me = browser.on(PORT_B).get("/api/v1/auth/me/")
        OUT.check("A's session cookie works on B", status == 200 and me.get("username") == "supervisor", f"HTTP {status}")

        self.agent = Api(PORT_A, token=token_for(PORT_A, "agent"))
        status, me = self.agent.on(PORT_B).get("/api/v1/auth/me/")
        OUT.check("A's API token works on B", status == 200 and me.get("username") == "agent", f"HTTP {status}")

        order = self.create_order(self.agent, "生产演练：照片上传")
        photo = png_bytes()
        body, kind = multipart({"stage": "report"}, "file", "leak.png", photo, "image/png")
        status, attachment, _ = self.agent.call(
            "POST", f"/api/v1/work-orders/{order['id']}/attachments/", raw=body, content_type=kind
        )
        OUT.check("photo uploaded on A", status == 201, f"HTTP {status} {attachment if status != 201 else ''}")
        if status == 201:
            status, data = self.agent.on(PORT_B).get(f"/api/v1/work-order-files/{attachment['id']}/")
            same = status == 200 and hashlib.sha256(data).hexdigest() == hashlib.sha256(photo).hexdigest()
            OUT.check(
                "the same photo downloads on B", same, f"HTTP {status}, {len(data) if isinstance(data, bytes) else 0} bytes"
            )

    def create_order(self, api: Api, description: str) -> dict[str, Any]:
        if not hasattr(self, "order_body"):
            _status, owners = api.get("/api/v1/ownerships/?page_size=1")
            owner = owners["results"][0]
            _status, categories = api.get("/api/v1/work-order-categories/?page_size=200")
            rows = categories["results"] if isinstance(categories, dict) else categories
            water = next(c for c in rows if c["code"] == "water_supply")
            self.order_body = {"type": "repair", "unit": owner["unit"], "customer": owner["customer"], "category": water["id"]}
        status, order = api.post("/api/v1/work-orders/", {**self.order_body, "description": description})
        if status != 201:
            raise RuntimeError(f"work order not created: HTTP {status} {order}")
        return dict(order)

    # -- 2 and 3. SLA warnings and escalations by the worker; SIGKILL in the middle of a sweep --

    def step_sla_and_kill(self) -> None:
        say("2. a 1-minute first-response target: warning and escalation by the worker's sweep")
        admin = Api(PORT_A, token=token_for(PORT_A, "admin"))
        _status, users = admin.get("/api/v1/users/?page_size=100")
        ids = {u["username"]: u["id"] for u in users["results"]}
        for username in ("supervisor", "agent", "manager"):
            status, _ = admin.call("PATCH", f"/api/v1/users/{ids[username]}/", {"email": f"{username}@drill.example"})[:2]
            if status != 200:
                raise RuntimeError(f"e-mail of {username}: HTTP {status}")
        project = self.order_body_project()
        policy = {
            "order_type": "repair",
            "priority": "normal",
            "project": project,
            "respond_minutes": 1,
            "resolve_minutes": 60,
            "around_the_clock": True,
        }
        status, body = admin.post("/api/v1/sla/policies/", policy)
        OUT.check(
            "1-minute first-response policy for the drill project",
            status == 201,
            f"HTTP {status} {body if status != 201 else ''}",
        )

        servers = [self.agent, self.agent.on(PORT_B)]
        orders = [self.create_order(servers[i % 2], f"生产演练：一分钟响应 {i + 1}") for i in range(BATCH)]
        first = orders[0]
        say(f"   {BATCH} orders created on A and B; the first is {first['number']}")
        clocks = [
            row[0]
            for row in self.query(
                "SELECT c.id FROM sla_slaclock c WHERE c.work_order_id = ANY(%s) AND c.target = 'respond'",
                [o["id"] for o in orders],
            )
        ]
        OUT.check("each order has its first-response clock", len(clocks) == BATCH, f"{len(clocks)} clocks")

        def logged(*percents: int) -> int:
            return int(
                self.query(
                    "SELECT count(*) FROM sla_escalationlog l JOIN sla_escalationstep s ON s.id = l.step_id "
                    "WHERE l.clock_id = ANY(%s) AND s.at_percent = ANY(%s)",
                    clocks,
                    list(percents),
                )[0][0]
            )

        # 3. Kill the worker while the breach sweep is half-way through the batch.
        say("3. SIGKILL to the worker in the middle of the breach sweep")
        wait_for("the breach sweep to start", lambda: logged(100) > 0, 150, every=0.05)
        at_kill = logged(100)
        worker = self.stack.procs["worker"]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        self.stack.procs.pop("worker")
        in_flight = {row[0] for row in self.query("SELECT id FROM notifications_notification WHERE email_status = 'sending'")}
        OUT.check("the kill landed inside a sweep", 0 < at_kill < BATCH, f"{at_kill} of {BATCH} breach steps done at the kill")
        self.start_worker()

        expected_steps = 2 * BATCH  # warning (80 %) and breach (100 %) per clock; the 4-hour step is far away
        wait_for("every warning and breach step", lambda: logged(80, 100) == expected_steps, 90)
        wait_for(
            "the e-mail outbox to empty",
            lambda: (
                self.query("SELECT count(*) FROM notifications_notification WHERE email_status IN ('pending', 'sending')")[0][0]
                == 0
            ),
            EMAIL_LEASE_SECONDS + 4 * SWEEP_SECONDS + 30,
        )
        rows = self.query(
            "SELECT l.clock_id, l.step_id, l.notified FROM sla_escalationlog l JOIN sla_escalationstep s ON s.id = l.step_id "
            "WHERE l.clock_id = ANY(%s) AND s.at_percent IN (80, 100)",
            clocks,
        )
        OUT.check(
            "every step fired once and told someone",
            len(rows) == expected_steps and all(r[2] > 0 for r in rows),
            f"{len(rows)} steps, {sum(1 for r in rows if r[2] == 0)} told nobody",
        )
        notifications = self.query(
            "SELECT n.id, n.dedupe_key, n.recipient_id, n.email_status FROM notifications_notification n "
            "WHERE n.kind LIKE 'sla.%%' AND n.email_status <> ''"
        )
        keys = Counter((n[1], n[2]) for n in notifications)
        OUT.check("no notification twice", all(v == 1 for v in keys.values()), f"{len(notifications)} notifications")
        OUT.check("every e-mail sent", all(n[3] == "sent" for n in notifications), f"{Counter(n[3] for n in notifications)}")
        domain = "drill.example"
        received = Counter(m[0] for m in self.sink.snapshot())
        missing = [n[0] for n in notifications if received[f"<anju-notification-{n[0]}@{domain}>"] == 0]
        twice = {
            int(mid.split("-")[-1].split("@")[0]) for mid, count in received.items() if count > 1 and "anju-notification-" in mid
        }
        OUT.check(
            "no e-mail lost", not missing, f"missing for notifications {missing[:10]}" if missing else f"{len(received)} distinct"
        )
        OUT.check(
            "no e-mail twice, except one in flight at the kill (same Message-ID)",
            twice <= in_flight,
            f"twice: {sorted(twice)}, in flight at the kill: {sorted(in_flight)}",
        )

        supervisor = Api(PORT_B, token=token_for(PORT_B, "supervisor"))
        self.supervisor = supervisor
        _status, inbox = supervisor.get("/api/v1/notifications/?page_size=100")
        titles = [n["title"] for n in inbox["results"] if first["number"] in n["title"]]
        OUT.check("the supervisor's inbox shows the warning and the escalation of the first order", len(titles) == 2, str(titles))
        subjects = [m[2] for m in self.sink.snapshot() if first["number"] in m[2] and "supervisor@drill.example" in m[1]]
        OUT.check("the supervisor's e-mails arrived at the mail server", len(set(subjects)) == 2, str(sorted(set(subjects))))

    def order_body_project(self) -> int:
        _status, unit = self.agent.get(f"/api/v1/units/{self.order_body['unit']}/")
        return int(unit["project"])

    # -- 4 and 5. reports from the replica; read-your-writes; the replica stopped --

    def report(self, api: Api, request_id: str) -> int:
        return api.call("GET", "/api/v1/dashboard/", request_id=request_id)[0]

    def alias_of(self, request_id: str) -> str:
        for name in ("web-a", "web-b"):
            for line in self.stack.json_lines(name):
                if line.get("request_id") == request_id and "db_alias" in line:
                    return str(line["db_alias"])
        return "?"

    def step_replica(self) -> None:
        say("4. reports read from the replica; a writer reads its writes from the primary")
        manager = Api(PORT_A, token=token_for(PORT_A, "manager"))
        before = self.replica_reads()
        status = self.report(manager, "drill-report-replica")
        OUT.check("a report answers", status == 200, f"HTTP {status}")
        OUT.check(
            "it read from the replica (app log)",
            self.alias_of("drill-report-replica") == "replica",
            self.alias_of("drill-report-replica"),
        )
        after = self.replica_reads()
        OUT.check("the replica served it (its pg_stat_database)", after > before, f"{after - before} transactions on the replica")

        writer = self.supervisor.on(PORT_A)
        status, _ = writer.post("/api/v1/notifications/read-all/")
        OUT.check("a write on A", status == 200, f"HTTP {status}")
        status = self.report(writer.on(PORT_B), "drill-report-pinned")
        OUT.check(
            "the writer's next report, on B, reads from the primary",
            status == 200 and self.alias_of("drill-report-pinned") == "default",
            self.alias_of("drill-report-pinned"),
        )
        status = self.report(manager.on(PORT_B), "drill-report-other")
        OUT.check(
            "someone else's report still reads from the replica",
            self.alias_of("drill-report-other") == "replica",
            self.alias_of("drill-report-other"),
        )

        say("5. the replica stopped: reports fall back to the primary")
        OUT.check("replica stopped", self.stack.stop_postgres(self.stack.pg_root / "replica"))
        for port, rid in ((PORT_A, "drill-report-fallback-a"), (PORT_B, "drill-report-fallback-b")):
            status = self.report(manager.on(port), rid)
            OUT.check(f"report on :{port} still answers", status == 200, f"HTTP {status}")
            OUT.check(f"... from the primary (:{port})", self.alias_of(rid) == "default", self.alias_of(rid))
        warned = any(
            "read replica unavailable" in line.get("message", "") for n in ("web-a", "web-b") for line in self.stack.json_lines(n)
        )
        OUT.check("a warning in the log", warned)
        OUT.check("ready without the replica", Api(PORT_A).get("/api/v1/ready/")[0] == 200)

    def replica_reads(self) -> int:
        """Transactions the replica has served to the app's connections (named anju-replica-reader)."""
        readers = self.stack.sql(
            PG_REPLICA, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'anju-replica-reader'"
        )
        if int(readers or 0) == 0:
            return 0
        total = self.stack.sql(
            PG_REPLICA, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
        )
        return int(total or 0)

    # -- metrics, then 6. stop --

    def step_metrics(self) -> None:
        say("metrics: requests, queries, Celery tasks, the sweep, the outbox")
        api = Api(PORT_A)
        status, _body, _ = api.call("GET", "/api/v1/metrics/")
        OUT.check("metrics refuse a scraper without the token", status == 401, f"HTTP {status}")
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT_A}/api/v1/metrics/", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            text = response.read().decode()
        for needle in (
            'anju_http_request_duration_seconds_count{method="POST",route="work-order-list",status="201"}',
            "anju_http_request_queries_count",
            'anju_celery_task_runs_total{outcome="success",task="anju.sla.tasks.sweep_sla"}',
            'anju_job_duration_seconds_count{job="sla-sweep"}',
            'anju_job_items_total{job="sla-sweep"}',
            'anju_outbox_backlog{queue="email"} 0.0',
        ):
            OUT.check(f"metric {needle.split('{')[0]}", needle in text, needle)

    def stop(self) -> None:
        say("6. clean stop")
        for name in ("web-a", "web-b", "beat", "worker", "redis"):
            code = self.stack.stop(name)
            OUT.check(f"{name} stopped cleanly", code in (0, None), f"exit {code}")
        if self.db is not None:
            self.db.close()
        OUT.check("primary stopped cleanly", self.stack.stop_postgres(self.stack.pg_root / "primary"))


def main() -> int:
    from aiosmtpd.controller import Controller

    DRILL_DIR.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(DRILL_DIR / "logs", ignore_errors=True)
    pg_root = Path(tempfile.mkdtemp(prefix="anju-drill-pg-"))
    pg_root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(pg_root, "postgres", "postgres")
    stack = Stack(DRILL_DIR, pg_root)
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    drill = Drill(stack, sink)
    try:
        drill.start()
        drill.step_sessions_and_uploads()
        drill.step_sla_and_kill()
        drill.step_replica()
        drill.step_metrics()
        drill.stop()
    except Exception as error:  # noqa: BLE001 - any failure is a deviation, reported with the logs' folder
        OUT.check("drill ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        stack.teardown()
        controller.stop()
        shutil.rmtree(pg_root, ignore_errors=True)
    elapsed = time.monotonic() - STARTED
    OUT.check("within 5 minutes", elapsed <= 300, f"{elapsed:.0f}s")
    failed = OUT.failed
    say(f"summary: {len(OUT.rows) - len(failed)} passed, {len(failed)} failed  (logs: {stack.logs})")
    for name, _ok, detail in failed:
        say(f"  deviation: {name}: {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
