"""make bench-peer: Anju against django-helpdesk 2.6.1 (the open-source Django helpdesk a customer would otherwise
pick), in the same run, on the same machine, with the same load client.

1. The peer gets its own virtual environment under BENCH_PEER_DIR (default var/bench-peer): ``django-helpdesk==2.6.1``
   and gunicorn from the package index pip is configured with; a minimal site (``benchmarks/peer/peersite``).
2. Both are seeded with the same data shape (``benchmarks/peer/shape.py``): BENCH_ORDERS orders / tickets (default
   100,000) over 20 projects / queues, ~30 % unfinished, 1-5 follow-ups each, two years, the same Chinese keywords
   at ~5 % each. Anju's data set lives in BENCH_PEER_DIR/anju (SQLite); reused between runs of the same size.
3. Both are served the same way: gunicorn, 2 sync workers, DEBUG off, persistent connections, SQLite in WAL mode
   with IMMEDIATE transactions. On SQLite Anju's scheduler runs beside it as in the embedded mode (only its
   write-ahead-log checkpoint job; the peer's requests checkpoint themselves, SQLite's default).
4. The same closed-loop client for both runs each operation at concurrency 1 and 8: BENCH_REQUESTS responses per cell
   (default 2,000) or BENCH_SECONDS (default 30) if that comes first, after a warm-up (BENCH_WARM_UP responses,
   default 40, at least three per connection); it checks every status and prints p50 / p95 / p99 and the peer / Anju
   ratio (above 1: Anju is faster); the whole matrix runs BENCH_ROUNDS times (default 2). Before each run the bench
   waits until the machine is idle (the requests still in flight when the last run stopped finish first). The client
   is ``wrk`` (Debian's package; one thread, one connection per concurrent user, a generated Lua script giving each
   request its path, body and a fresh ``Idempotency-Key``): a C client takes little of the two cores the servers
   share with it. Without ``wrk`` on the PATH, or with BENCH_CLIENT=python, Python threads (one ``http.client``
   connection each) do the same; they take a rate-dependent share of the cores, so the faster system pays more for
   them. Results go to BENCH_PEER_DIR/results-<database>.json. Numbers are read, never asserted.
5. The raw-SQL floor of the list and the search (``floor``): the minimal SQL each answer needs — the page of 25
   joined to the project it shows plus an exact ``COUNT(*)`` — run directly against Anju's database, in this process,
   with the same loop (concurrency 1 and 8, one connection per thread, BENCH_REQUESTS executions or BENCH_SECONDS after
   the warm-up).
   The search floor uses the same predicate as Anju (on SQLite the FTS5 trigram match for terms of three characters
   or more, then ``LIKE``; ``UPPER(…) LIKE UPPER(…)`` on PostgreSQL, which its trigram indexes serve).
6. PostgreSQL: ``ANJU_DATABASE_URL`` for Anju and ``PEER_DATABASE_URL`` for the peer (two databases that exist on
   the same server; ``make bench-peer-postgres`` creates them); SQLite files in BENCH_PEER_DIR otherwise.
7. ``BENCH_SYSTEMS=anju`` measures Anju and the floor only (the list's floor bound at a size the peer takes an hour to
   seed, e.g. 1,000,000 orders); no ratio is printed then. ``BENCH_TRACE=1`` writes each server's access log with
   every response's service time (BENCH_PEER_DIR/<system>-access.log: time, method, path, status, seconds) and the
   checkpoint job's log at DEBUG (anju-scheduler.log: how long each last pass held the writers), to find a stall.

Operations (peer → Anju):
- ``list``    open tickets of one queue, first 25 (DataTables JSON) → unfinished orders of one project, first 25
- ``screen``  a ticket's page with its follow-ups → ``GET /work-orders/<id>/?include=follow_ups,timeline,sla``
- ``search``  keyword search, all statuses, first 25 newest → ``?q=<kw>&page_size=25``
- ``create``  ``POST /helpdesk/api/tickets/`` → ``POST /work-orders/`` (a repair, fresh Idempotency-Key)
"""

# ruff: noqa: T201, S311, S603, PLR0911, PLR0917 - a command-line report; seeded pseudo-random choices; runs the tools it builds
from __future__ import annotations

import base64
import datetime
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
BACKEND = HERE.parent
REPO = BACKEND.parent
PEER_DIR = Path(os.environ.get("BENCH_PEER_DIR") or REPO / "var" / "bench-peer")
ORDERS = int(os.environ.get("BENCH_ORDERS", "100000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
# A cell ends at BENCH_REQUESTS responses or after BENCH_SECONDS, whichever comes first (the peer's search answers
# ~120 times in 30 s at concurrency 8): a p95 read from 200 responses moved by a fifth between two runs of the same
# code — at concurrency 8 that was well under a second of Anju's creates, where one 20 ms stall of the machine is
# already most of the slowest 5 %.
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
# The whole matrix is run BENCH_ROUNDS times (default 2) and every round printed: a cell that one round reads far from
# the other was disturbed (the database's own background work, another process), and the ratio of one round alone
# does not say so.
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "2")))
ANJU_PORT = int(os.environ.get("BENCH_PORT", "8797"))
PEER_PORT = int(os.environ.get("BENCH_PEER_PORT", "8798"))
# Responses before a cell is measured: each of the two workers of each server plans and caches what an operation
# needs on its first requests (PostgreSQL plans a prepared statement afresh for its first five runs on a connection):
# three per connection left ~20 cold screens per Anju worker inside the 300 measured on PostgreSQL (p95 12.8 ms
# against 7.3 warm). The same for both systems.
WARM_UP = int(os.environ.get("BENCH_WARM_UP", "40"))
OPS = [op for op in os.environ.get("BENCH_OPS", "list,screen,search,create").split(",") if op]
PEER_PYTHON = os.environ.get("BENCH_PEER_PYTHON") or sys.executable
CLIENT = os.environ.get("BENCH_CLIENT") or ("wrk" if shutil.which("wrk") else "python")
SYSTEMS = [s for s in ("peer", "anju") if s in os.environ.get("BENCH_SYSTEMS", "peer,anju").split(",")]
TRACE = os.environ.get("BENCH_TRACE") == "1"
PASSWORD = "bench-password-2026"  # noqa: S105 - a throw-away database
UNFINISHED = ["pending_dispatch", "dispatched", "accepted", "in_progress", "on_hold"]
sys.path.insert(0, str(HERE / "peer"))
import shape  # noqa: E402

# --- the peer -------------------------------------------------------------------------------------------------


def peer_env() -> dict[str, str]:
    return {**os.environ, "PEER_DIR": str(PEER_DIR), "DJANGO_SETTINGS_MODULE": "peersite.settings", "BENCH_ORDERS": str(ORDERS)}


def setup_peer() -> dict[str, Any]:
    venv = PEER_DIR / "venv"
    if not (venv / "bin" / "gunicorn").exists():
        print(f"peer: virtual environment in {venv}")
        subprocess.run([PEER_PYTHON, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "django-helpdesk==2.6.1", "gunicorn"], check=True)
    if os.environ.get("PEER_DATABASE_URL"):
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "psycopg[binary]"], check=True)
    python = str(venv / "bin" / "python")
    peer = HERE / "peer"
    subprocess.run([python, "-m", "django", "migrate", "-v0"], check=True, cwd=peer, env=peer_env())
    print(f"peer: seeding {ORDERS:,} tickets (once)")
    out = subprocess.run([python, "seed_peer.py"], check=True, cwd=peer, env=peer_env(), capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- Anju -----------------------------------------------------------------------------------------------------


def anju_env() -> dict[str, str]:
    return {
        **os.environ,
        "ANJU_DATA_DIR": str(PEER_DIR / "anju"),
        "ANJU_DEBUG": "0",
        "ANJU_SECURE_SSL_REDIRECT": "0",
        "ANJU_SECURE_COOKIES": "0",
        "ANJU_HSTS_SECONDS": "0",
        "ANJU_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ANJU_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def setup_anju() -> dict[str, Any]:
    """Migrate and seed (in this process); 20 projects of one city company, a unit per order slot, the orders and
    their follow-ups bulk-created; the user ``bench`` (客服主管) sees all 20 projects."""
    os.environ.update({k: v for k, v in anju_env().items() if k.startswith(("ANJU_", "DJANGO_"))})
    (PEER_DIR / "anju").mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(BACKEND))
    import django

    django.setup()
    from decimal import Decimal

    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, transaction

    from anju.accounts.models import User
    from anju.properties.models import Building, CityCompany, Project, Unit
    from anju.properties.services import set_user_scope
    from anju.workorders.models import Category, WorkOrder, WorkOrderFollowUp

    call_command("migrate", verbosity=0)
    company, _ = CityCompany.objects.get_or_create(code="BENCH", defaults={"name": "压测城市公司"})
    projects = [
        Project.objects.get_or_create(code=f"BP{n + 1:02d}", defaults={"city_company": company, "name": f"项目{n + 1:02d}"})[0]
        for n in range(shape.PROJECTS)
    ]
    user = User.objects.filter(username="bench").first()
    if user is None:
        user = User.objects.create_user(username="bench", password=PASSWORD, display_name="压测主管")
        user.groups.add(Group.objects.get(name="service_supervisor"))
        set_user_scope(actor=None, user=user, all_projects=False, city_companies=[company], projects=[])
    water = Category.objects.get(code="water_supply")
    units = {}
    for project in projects:
        building, _ = Building.objects.get_or_create(project=project, code="1", defaults={"name": "1号楼", "floors_above": 30})
        unit, _ = Unit.objects.get_or_create(
            project=project,
            building=building,
            room_number="101",
            defaults={
                "floor": 1,
                "stack": "01",
                "predicted_gross_area": Decimal("100.00"),
                "predicted_internal_area": Decimal("80.00"),
            },
        )
        units[project.pk] = unit
    if not WorkOrder.objects.filter(number__startswith="BP").exists():
        print(f"anju: seeding {ORDERS:,} orders (once)")
        created_field = WorkOrder._meta.get_field("created_at")
        created_field.auto_now_add = False  # type: ignore[attr-defined]
        rng = random.Random(3)
        batch: list[tuple[WorkOrder, list[str]]] = []

        def flush() -> None:
            with transaction.atomic():
                WorkOrder.objects.bulk_create([o for o, _ in batch])
                WorkOrderFollowUp.objects.bulk_create(
                    [
                        WorkOrderFollowUp(work_order=o, method="phone", content=text, occurred_at=o.created_at, author=user)
                        for o, texts in batch
                        for text in texts
                    ]
                )
            batch.clear()

        for index, row in enumerate(shape.rows(ORDERS)):
            project = projects[row.project]
            unit = units[project.pk]
            order = WorkOrder(
                number=f"BP{index:09d}",
                type="repair",
                status=rng.choice(UNFINISHED) if row.unfinished else "closed",
                project=project,
                building_id=unit.building_id,
                unit=unit,
                category=water,
                title=row.title,
                description=row.description,
                created_at=row.created,
                created_by=user,
            )
            batch.append((order, row.follow_ups))
            if len(batch) == 5000:
                flush()
        if batch:
            flush()
        created_field.auto_now_add = True  # type: ignore[attr-defined]
    with connection.cursor() as cursor:  # every run: the creates of earlier runs added orders and events
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")  # as after a bulk load
    ids = list(
        WorkOrder.objects.filter(number__startswith="BP").order_by("id").values_list("id", flat=True)[:: max(1, ORDERS // 2000)]
    )
    return {
        "projects": [p.pk for p in projects],
        "orders": ids,
        "create": {"type": "repair", "unit": units[projects[0].pk].pk, "category": water.pk, "description": "压测新建工单"},
        "vendor": connection.vendor,
    }


# --- serving and the client ---------------------------------------------------------------------------------------


def serve(name: str, command: list[str], cwd: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    log = open(PEER_DIR / f"{name}.log", "ab")  # noqa: SIM115 - open for the server's whole life
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{name} did not start; see {PEER_DIR / (name + '.log')}")


def gunicorn(venv_bin: Path, app: str, port: int, name: str) -> list[str]:
    command = [str(venv_bin / "gunicorn"), app, "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning"]  # fmt: skip
    if TRACE:  # the same for both: gunicorn writes the line after the response, off the measured time
        log = PEER_DIR / f"{name}-access.log"
        command += ["--access-logfile", str(log), "--access-logformat", "%(t)s %(m)s %(U)s %(s)s %(L)s"]
    return command


class Client:
    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.headers = headers
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method: str, path: str, body: bytes | None = None, extra: dict[str, str] | None = None) -> tuple[int, bytes]:
        try:
            self.conn.request(method, path, body=body, headers={**self.headers, **(extra or {})})
            response = self.conn.getresponse()
            return response.status, response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise


def anju_headers() -> dict[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", ANJU_PORT, timeout=30)
    conn.request("POST", "/api/v1/auth/token/", body=json.dumps({"username": "bench", "password": PASSWORD}),
                 headers={"Content-Type": "application/json"})  # fmt: skip
    response = conn.getresponse()
    body = json.loads(response.read())
    if response.status != 200:
        raise SystemExit(f"Anju login failed: {response.status} {body}")
    return {"Authorization": f"Token {body['token']}", "Accept": "application/json", "Content-Type": "application/json"}


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name] = rest.split(";", 1)[0]
    return jar


def peer_headers() -> dict[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", PEER_PORT, timeout=30)
    conn.request("GET", "/helpdesk/login/")
    response = conn.getresponse()
    jar = _cookies(response)
    response.read()
    form = urlencode({"username": "bench", "password": "bench", "csrfmiddlewaretoken": jar["csrftoken"], "next": "/helpdesk/"})
    conn.request("POST", "/helpdesk/login/", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={jar['csrftoken']}",
        "Referer": f"http://127.0.0.1:{PEER_PORT}/helpdesk/login/"})  # fmt: skip
    response = conn.getresponse()
    jar.update(_cookies(response))
    response.read()
    if "sessionid" not in jar:
        raise SystemExit(f"peer login failed: {response.status}")
    return {
        "Cookie": f"csrftoken={jar['csrftoken']}; sessionid={jar['sessionid']}",
        "X-CSRFToken": jar["csrftoken"],
        "Content-Type": "application/json",
    }


# the first 25 rows, newest first (column 5: created), as the peer's ticket list page asks
DATATABLES_PAGE = "draw=1&start=0&length=25&order%5B0%5D%5Bcolumn%5D=5&order%5B0%5D%5Bdir%5D=desc"


def _datatables(filtering: dict[str, Any], search: str) -> str:
    query = {"filtering": filtering, "sorting": "created", "sortreverse": True, "search_string": search}
    encoded = base64.b64encode(json.dumps(query, ensure_ascii=False).encode()).decode()
    return f"/helpdesk/datatables_ticket_list/{encoded}?{DATATABLES_PAGE}"


def requests_for(
    system: str, op: str, ctx: dict[str, Any], rng: random.Random
) -> tuple[str, str, bytes | None, dict[str, str], int]:
    """(method, path, body, extra headers, expected status) of one request."""
    if system == "anju":
        if op == "list":
            project = rng.choice(ctx["projects"])
            return "GET", f"/api/v1/work-orders/?project={project}&status={','.join(UNFINISHED)}&page_size=25", None, {}, 200
        if op == "screen":
            return "GET", f"/api/v1/work-orders/{rng.choice(ctx['orders'])}/?include=follow_ups,timeline,sla", None, {}, 200
        if op == "search":
            return "GET", f"/api/v1/work-orders/?q={quote(rng.choice(shape.KEYWORDS))}&page_size=25", None, {}, 200
        body = json.dumps(ctx["create"]).encode()
        return "POST", "/api/v1/work-orders/", body, {"Idempotency-Key": uuid.uuid4().hex}, 201
    if op == "list":
        return "GET", _datatables({"queue__id__in": [rng.choice(ctx["queues"])], "status__in": [1, 2]}, ""), None, {}, 200
    if op == "screen":
        return "GET", f"/helpdesk/tickets/{rng.randint(ctx['first'], ctx['first'] + ORDERS - 1)}/", None, {}, 200
    if op == "search":
        return "GET", _datatables({}, rng.choice(shape.KEYWORDS)), None, {}, 200
    body = {"queue": rng.choice(ctx["queues"]), "title": "压测新建工单", "description": "业主来电反映卫生间漏水", "priority": 3,
            "submitter_email": "owner@example.invalid"}  # fmt: skip
    return "POST", "/helpdesk/api/tickets/", json.dumps(body, ensure_ascii=False).encode(), {}, 201


def measure(system: str, op: str, port: int, headers: dict[str, str], ctx: dict[str, Any], concurrency: int) -> dict[str, Any]:
    wait_idle()
    if CLIENT == "wrk":
        return measure_wrk(system, op, port, headers, ctx, concurrency)
    return measure_python(system, op, port, headers, ctx, concurrency)


# wrk's Lua: requests are taken in turn from a list generated here (paths, bodies; a create's Idempotency-Key is made
# per request from a run prefix and a counter); a response whose status is not the expected one is counted; the
# thread stops after LIMIT responses; done() prints one JSON line (latencies in microseconds, wrk's histogram).
WRK_LUA = """
local requests = {%(requests)s}
local expected, limit, key_prefix = %(expected)d, %(limit)d, %(key_prefix)s
local next_request, counter, responses = 1, 0, 0
local threads = {}
bad = 0
function setup(thread) table.insert(threads, thread) end
function request()
  local r = requests[next_request]
  next_request = next_request %% #requests + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  if key_prefix then counter = counter + 1; headers["Idempotency-Key"] = key_prefix .. counter end
  return wrk.format(r[1], r[2], headers, r[3])
end
function response(status, headers, body)
  responses = responses + 1
  if status ~= expected then bad = bad + 1 end
  if responses == limit then wrk.thread:stop(); io.write("LIMIT\\n"); io.flush() end
end
function done(summary, latency, requests_made)
  local wrong = 0
  for _, thread in ipairs(threads) do wrong = wrong + thread:get("bad") end
  local e = summary.errors
  io.write(string.format('{"n": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "wrong": %%d, "socket": %%d}\\n',
    summary.requests, latency:percentile(50), latency:percentile(95), latency:percentile(99), wrong,
    e.connect + e.read + e.write + e.timeout))
end
"""


def _lua(text: str) -> str:
    if "]==]" in text:
        raise ValueError(text)
    return f"[==[{text}]==]"


def _wrk_run(system: str, op: str, port: int, headers: dict[str, str], ctx: dict[str, Any], concurrency: int, limit: int,
             seed: int, seconds: float = 300.0) -> dict[str, Any]:  # fmt: skip
    rng = random.Random(seed)
    rows = []
    expected = 200
    for _ in range(limit + concurrency):
        method, path, body, _extra, expected = requests_for(system, op, ctx, rng)
        rows.append("{" + ", ".join([_lua(method), _lua(path), _lua(body.decode()) if body else "nil"]) + "}")
    creates_anju = system == "anju" and op == "create"
    script = WRK_LUA % {
        "requests": ",\n".join(rows),
        "expected": expected,
        "limit": limit,
        "key_prefix": _lua(f"bench-{uuid.uuid4().hex}-") if creates_anju else "nil",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=PEER_DIR, delete=False) as handle:
        handle.write(script)
    try:
        command = ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--timeout", "120s", "-s", handle.name]
        command += [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
        # wrk runs for its whole duration even after the thread stops; SIGINT ends the wait, and done() reports
        with subprocess.Popen([*command, f"http://127.0.0.1:{port}/"], stdout=subprocess.PIPE, text=True) as wrk:
            lines = []
            for line in wrk.stdout or ():
                if line.strip() == "LIMIT":
                    wrk.send_signal(signal.SIGINT)
                lines.append(line)
        if wrk.returncode:
            raise SystemExit(f"wrk failed ({wrk.returncode}): {''.join(lines)}")
    finally:
        Path(handle.name).unlink()
    return json.loads(lines[-1])


def _cpu_times() -> tuple[int, int]:
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def wait_idle(busy_below: float = 0.15, window: float = 0.5, longest: float = 120.0) -> None:
    """Until the machine is idle (under 15 % of all cores busy over half a second): when a cell ends, its server is
    still answering the requests that were in flight (up to concurrency - 1, each up to seconds for the peer's
    search), and the next cell must not share the cores with them."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        busy0, total0 = _cpu_times()
        time.sleep(window)
        busy1, total1 = _cpu_times()
        if total1 > total0 and (busy1 - busy0) / (total1 - total0) < busy_below:
            return


def measure_wrk(
    system: str, op: str, port: int, headers: dict[str, str], ctx: dict[str, Any], concurrency: int
) -> dict[str, Any]:
    """BENCH_REQUESTS responses (or BENCH_SECONDS) at ``concurrency`` connections after a warm-up run (``WARM_UP``)."""
    _wrk_run(system, op, port, headers, ctx, concurrency, max(WARM_UP, 3 * concurrency), seed=concurrency)
    wait_idle()
    result = _wrk_run(system, op, port, headers, ctx, concurrency, REQUESTS, seed=100 + concurrency, seconds=SECONDS)
    errors = result["wrong"] + result["socket"]
    return {
        "n": result["n"],
        "p50": round(result["p50"] / 1000, 1),
        "p95": round(result["p95"] / 1000, 1),
        "p99": round(result["p99"] / 1000, 1),
        "errors": errors,
        "first_errors": [f"{result['wrong']} unexpected statuses, {result['socket']} socket errors"] if errors else [],
    }


def measure_python(
    system: str, op: str, port: int, headers: dict[str, str], ctx: dict[str, Any], concurrency: int
) -> dict[str, Any]:
    per_thread = max(1, REQUESTS // concurrency)
    warm_up = max(3, -(-WARM_UP // concurrency))  # per connection
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        client = Client(port, headers)
        deadline = float("inf")
        for n in range(per_thread + warm_up):
            if n == warm_up:
                deadline = time.monotonic() + SECONDS
            elif time.monotonic() > deadline:
                break
            method, path, body, extra, expected = requests_for(system, op, ctx, rng)
            started = time.perf_counter()
            try:
                status, _answer = client.call(method, path, body, extra)
            except (http.client.HTTPException, OSError) as exc:
                status = -1
                errors.append(f"{type(exc).__name__}")
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status != expected:
                    errors.append(f"{status} {method} {path[:60]}")
                elif n >= warm_up:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def pct(p: float) -> float | None:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else None

    return {
        "n": len(latencies),
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


# --- the raw-SQL floor ----------------------------------------------------------------------------------------

FLOOR_COLUMNS = (
    "o.id, o.number, o.type, o.status, o.priority, o.title, o.contact_name, o.created_at, o.sla_due_at, p.id, p.code, p.name"
)
FLOOR_FROM = "workorders_workorder o JOIN properties_project p ON p.id = o.project_id"


def floor_statements(op: str, ctx: dict[str, Any], rng: random.Random) -> list[tuple[str, list[Any]]]:
    """The minimal statements of one list or search answer: the page (joined to the project) and the count the answer
    gives — exact for the list, to ``SEARCH_COUNT_CAP`` + 1 matches for a keyword search (its "超过 1000 条")."""
    from anju.core.pagination import SEARCH_COUNT_CAP
    from anju.workorders.search import FTS, _phrase, uses_fts

    if op == "list":
        marks = ", ".join(["%s"] * len(UNFINISHED))
        where = f"o.project_id = %s AND o.status IN ({marks})"
        params: list[Any] = [rng.choice(ctx["projects"]), *UNFINISHED]
    else:
        keyword = rng.choice(shape.KEYWORDS)
        columns = ("o.number", "o.title", "o.description", "o.contact_name")
        if ctx["vendor"] == "postgresql":
            where = "(" + " OR ".join(f"UPPER({c}::text) LIKE UPPER(%s)" for c in columns) + ")"
        else:
            where = "(" + " OR ".join(f"{c} LIKE %s ESCAPE '\\'" for c in columns) + ")"
        params = [f"%{keyword}%"] * len(columns)
        if uses_fts(keyword):
            where = f"o.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s) AND {where}"  # noqa: S608
            params = [_phrase(keyword), *params]
    page = f"SELECT {FLOOR_COLUMNS} FROM {FLOOR_FROM} WHERE {where} ORDER BY o.created_at DESC, o.id DESC LIMIT 25"  # noqa: S608
    count = f"SELECT COUNT(*) FROM workorders_workorder o WHERE {where}"  # noqa: S608
    if op == "search":
        count = f"SELECT COUNT(*) FROM (SELECT 1 FROM workorders_workorder o WHERE {where} LIMIT {SEARCH_COUNT_CAP + 1}) s"  # noqa: S608
    return [(page, params), (count, params)]


def measure_floor(op: str, ctx: dict[str, Any], concurrency: int) -> dict[str, Any]:
    """The same loop as ``measure`` (BENCH_REQUESTS in all or BENCH_SECONDS, three warm-ups per thread), each
    "request" the floor's statements executed and fetched on the thread's own connection."""
    from django.db import connections

    per_thread = max(1, REQUESTS // concurrency)
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        try:
            with connections["default"].cursor() as cursor:
                deadline = float("inf")
                for n in range(per_thread + 3):
                    if n == 3:
                        deadline = time.monotonic() + SECONDS
                    elif time.monotonic() > deadline:
                        break
                    statements = floor_statements(op, ctx, rng)
                    started = time.perf_counter()
                    for sql, params in statements:
                        cursor.execute(sql, params)
                        cursor.fetchall()
                    elapsed = (time.perf_counter() - started) * 1000
                    if n >= 3:
                        with lock:
                            latencies.append(elapsed)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    pick = lambda p: round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else None  # noqa: E731
    return {"n": len(latencies), "p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "errors": 0, "first_errors": []}


def main() -> None:
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    if not SYSTEMS or "anju" not in SYSTEMS:
        raise SystemExit("BENCH_SYSTEMS: peer,anju (default) or anju")
    peer_ctx = setup_peer() if "peer" in SYSTEMS else {}
    anju_ctx = setup_anju()
    peer_bin = PEER_DIR / "venv" / "bin"
    anju_command = gunicorn(Path(sys.executable).parent, "config.wsgi", ANJU_PORT, "anju")
    servers = [serve("anju", anju_command, BACKEND, anju_env(), ANJU_PORT)]
    if "peer" in SYSTEMS:
        peer_command = gunicorn(peer_bin, "peersite.wsgi", PEER_PORT, "peer")
        servers.append(serve("peer", peer_command, HERE / "peer", peer_env(), PEER_PORT))
    if anju_ctx["vendor"] == "sqlite":
        # As the embedded mode runs it (make run): the scheduler beside the web server, here only its job that copies
        # the write-ahead log back off the request path (anju.core.tasks.checkpoint_sqlite). The peer has no such
        # job: its requests checkpoint themselves, SQLite's default.
        command = [sys.executable, "manage.py", "run_scheduler", "--only", "sqlite-checkpoint"]
        log = (PEER_DIR / "anju-scheduler.log").open("wb")
        env = {**anju_env(), "ANJU_LOG_LEVEL": "DEBUG"} if TRACE else anju_env()
        servers.append(subprocess.Popen(command, cwd=BACKEND, env=env, stdout=log, stderr=subprocess.STDOUT))
    try:
        headers = {"anju": anju_headers(), **({"peer": peer_headers()} if "peer" in SYSTEMS else {})}
        ports = {"anju": ANJU_PORT, "peer": PEER_PORT}
        contexts = {"anju": anju_ctx, "peer": peer_ctx}
        results: dict[str, Any] = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "orders": ORDERS,
            "requests_per_cell": REQUESTS,
            "client": CLIENT,
            "database": anju_ctx["vendor"],
            "systems": SYSTEMS,
            "seconds_per_cell": SECONDS,
            "rounds": [],
        }
        for round_number in range(1, ROUNDS + 1):
            if ROUNDS > 1:
                print(f"round {round_number} of {ROUNDS}")
            cells: dict[str, Any] = {}
            results["rounds"].append(cells)
            for op in OPS:
                for concurrency in (1, 8):
                    cell = {}
                    for system in SYSTEMS:
                        cell[system] = measure(system, op, ports[system], headers[system], contexts[system], concurrency)
                    if op in {"list", "search"}:
                        cell["floor"] = measure_floor(op, anju_ctx, concurrency)
                    cells[f"{op} c={concurrency}"] = cell
                    print_cell(op, concurrency, cell)
        suffix = "" if "peer" in SYSTEMS else "-anju"
        path = PEER_DIR / f"results-{anju_ctx['vendor']}{suffix}.json"
        path.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        print(f"results: {path}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def print_cell(op: str, concurrency: int, cell: dict[str, Any]) -> None:
    anju, peer = cell["anju"], cell.get("peer")
    floor = cell.get("floor")
    line = f"{op:7} c={concurrency}  "
    if peer:
        ratio = f"{peer['p95'] / anju['p95']:.1f}x" if peer["p95"] and anju["p95"] else "-"
        line += f"peer p50/p95/p99 {peer['p50']}/{peer['p95']}/{peer['p99']} ms  "
    line += f"anju {anju['p50']}/{anju['p95']}/{anju['p99']} ms"
    if peer:
        line += f"  p95 ratio {ratio}  errors {peer['errors']}/{anju['errors']}"
    else:
        line += f"  errors {anju['errors']}"
    if floor:
        bound = 2 * floor["p95"] + 5 if floor["p95"] is not None else None
        line += f"  floor {floor['p50']}/{floor['p95']}/{floor['p99']} ms"
        line += f" (2 x floor p95 + 5 = {bound:.1f})" if bound else ""
    errors = [c["first_errors"] for c in (peer, anju) if c and c["errors"] and c["first_errors"]]
    print(line + ("  " + "".join(map(str, errors)) if errors else ""))


if __name__ == "__main__":
    main()
