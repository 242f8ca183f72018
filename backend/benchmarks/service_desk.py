"""make bench: the service desk under load, through the production server.

Seeds BENCH_ORDERS work orders (default 100,000) with customers and units into the configured database
(ANJU_DATABASE_URL, default SQLite in var/bench), serves the API with gunicorn (2 workers) and measures, at
concurrency 1 and 8: the work-order list (one project + status, first page of 20), a keyword search, detail,
create and dispatch suggestions. Writes p50/p95/p99, throughput, errors and SQL statements per request to
var/bench/results-<vendor>.json and prints a table with the targets of issue 4. Nothing here is a test:
numbers are read, not asserted.
"""

# ruff: noqa: T201, S311 - a command-line report that prints and draws seeded pseudo-random test data
from __future__ import annotations

import datetime
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
BACKEND = HERE.parent
REPO = BACKEND.parent
DATA_DIR = Path(os.environ.get("ANJU_DATA_DIR") or REPO / "var" / "bench")
ORDERS = int(os.environ.get("BENCH_ORDERS", "100000"))
PORT = int(os.environ.get("BENCH_PORT", "8799"))
REQUESTS_C1 = int(os.environ.get("BENCH_REQUESTS", "200"))
# Load phase (security target L1): BENCH_LOAD_CLIENTS clients for BENCH_LOAD_SECONDS, half lists and half details.
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "0"))
LOAD_CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "16"))
PASSWORD = "bench-password-2026"  # noqa: S105 - a throw-away database

# p95 targets in ms at concurrency 1 / 8 (issue 4).
TARGETS = {"list": (50, 150), "search": (150, 400), "detail": (40, 120), "create": (40, 150), "suggestions": (100, None)}


def django_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ANJU_DATA_DIR=str(DATA_DIR),
        ANJU_DEBUG="0",
        ANJU_SECURE_SSL_REDIRECT="0",
        ANJU_SECURE_COOKIES="0",
        ANJU_HSTS_SECONDS="0",
        ANJU_ALLOWED_HOSTS="127.0.0.1,localhost",
        ANJU_DEMO_PASSWORD=PASSWORD,
        ANJU_LOG_LEVEL="WARNING",
        ANJU_BENCH_QUERY_COUNT="1",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def prepare() -> dict[str, Any]:
    """Migrate, seed the demo set, then bulk-create orders up to BENCH_ORDERS (reused between runs)."""
    os.environ.update(django_env())
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(BACKEND))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from anju.accounts.models import User
    from anju.customers.models import UnitOwnership
    from anju.workorders.choices import Priority, Status
    from anju.workorders.models import Category, WorkOrder

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    have = WorkOrder.objects.count()
    if have < ORDERS:
        rng = random.Random(7)
        owned = list(
            UnitOwnership.objects.select_related("unit").values_list(
                "unit_id", "unit__building_id", "unit__project_id", "customer_id"
            )
        )
        categories = list(Category.objects.filter(parent__isnull=False).values_list("id", flat=True))
        techs = list(User.objects.filter(username__in=["tech", "tech2"]).values_list("id", flat=True))
        statuses = [s.value for s in Status]
        words = ["渗水", "漏水", "开裂", "空鼓", "堵塞", "不亮", "松动", "异响", "发霉", "脱落"]
        places = ["厨房", "卫生间", "客厅", "主卧", "次卧", "阳台", "入户门", "外墙"]
        start = datetime.datetime(2024, 7, 1, tzinfo=datetime.UTC)
        created_field = WorkOrder._meta.get_field("created_at")
        created_field.auto_now_add = False  # type: ignore[attr-defined]  # keep the spread creation times below
        batch = []
        for index in range(have, ORDERS):
            unit, building, project, customer = owned[index % len(owned)]
            status = statuses[index % len(statuses)]
            created = start + datetime.timedelta(minutes=index * 7)
            batch.append(
                WorkOrder(
                    number=f"BX{created:%Y%m%d}-B{index:07d}",
                    type="repair",
                    status=status,
                    project_id=project,
                    building_id=building,
                    unit_id=unit,
                    customer_id=customer,
                    category_id=rng.choice(categories),
                    priority=rng.choice(list(Priority.values)),
                    description=f"{rng.choice(places)}{rng.choice(words)}，请尽快处理（{index}）",
                    assignee_id=None if status == Status.PENDING_DISPATCH else rng.choice(techs),
                    in_warranty=rng.random() < 0.7,
                    warranty_item="electrical_plumbing",
                    created_at=created,
                )
            )
            if len(batch) == 5000:
                WorkOrder.objects.bulk_create(batch)
                batch = []
                print(f"  seeded {index + 1:,} / {ORDERS:,} orders", flush=True)
        WorkOrder.objects.bulk_create(batch)
        created_field.auto_now_add = True  # type: ignore[attr-defined]
    with connection.cursor() as cursor:  # fresh planner statistics after the bulk load
        cursor.execute("ANALYZE")
    sample = list(WorkOrder.objects.filter(project__code="P001").values_list("id", flat=True)[:2000])
    pending = list(
        WorkOrder.objects.filter(project__code="P001", status=Status.PENDING_DISPATCH).values_list("id", flat=True)[:500]
    )
    from anju.properties.models import Project

    project = Project.objects.get(code="P001")
    owner = UnitOwnership.objects.filter(unit__project=project).select_related("unit").first()
    assert owner is not None
    water = Category.objects.get(code="water_supply")
    return {
        "vendor": connection.vendor,
        "orders": WorkOrder.objects.count(),
        "project": project.pk,
        "sample": sample,
        "pending": pending,
        "create_body": {
            "type": "repair",
            "unit": owner.unit_id,
            "customer": owner.customer_id,
            "category": water.pk,
            "description": "压测新建工单",
        },
    }


class Client:
    """One keep-alive HTTP connection with the API token."""

    def __init__(self, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, float, int]:
        payload = json.dumps(body) if body is not None else None
        started = time.perf_counter()
        self.conn.request(method, path, body=payload, headers=self.headers)
        response = self.conn.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        return response.status, elapsed, int(response.getheader("X-Query-Count") or -1)


def login() -> str:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request(
        "POST",
        "/api/v1/auth/token/",
        body=json.dumps({"username": "supervisor", "password": PASSWORD}),
        headers={"Content-Type": "application/json"},
    )
    response = conn.getresponse()
    body = json.loads(response.read())
    if response.status != 200:
        raise SystemExit(f"login failed: {response.status} {body}")
    return str(body["token"])


KEYWORDS = [quote(word) for word in ("渗水", "开裂", "堵塞")]


def scenarios(ctx: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(11)
    project = ctx["project"]
    return {
        "list": lambda: ("GET", f"/api/v1/work-orders/?project={project}&status=in_progress&page_size=20", None),
        "search": lambda: (
            "GET",
            f"/api/v1/work-orders/?project={project}&q={rng.choice(KEYWORDS)}&page_size=20",
            None,
        ),
        "detail": lambda: ("GET", f"/api/v1/work-orders/{rng.choice(ctx['sample'])}/", None),
        "create": lambda: ("POST", "/api/v1/work-orders/", ctx["create_body"]),
        "suggestions": lambda: ("GET", f"/api/v1/work-orders/{rng.choice(ctx['pending'])}/dispatch-suggestions/", None),
    }


def measure(token: str, make: Any, concurrency: int, per_thread: int) -> dict[str, Any]:
    latencies: list[float] = []
    queries: list[int] = []
    errors = 0
    lock = threading.Lock()

    def worker() -> None:
        nonlocal errors
        client = Client(token)
        for _ in range(3):  # warm-up per connection
            client.call(*make())
        mine: list[tuple[int, float, int]] = [client.call(*make()) for _ in range(per_thread)]
        with lock:
            for status, elapsed, count in mine:
                latencies.append(elapsed)
                queries.append(count)
                errors += status >= 400

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 1)

    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "throughput_rps": round(len(latencies) / wall, 1),
        "errors": errors,
        "queries_per_request": max(queries) if queries else None,
    }


def load(token: str, ctx: dict[str, Any]) -> dict[str, Any]:
    """LOAD_CLIENTS clients for LOAD_SECONDS, each alternating list and detail; database connections sampled."""
    make = scenarios(ctx)
    samples: dict[str, list[float]] = {"list": [], "detail": []}
    errors = 0
    connections: list[int] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + LOAD_SECONDS

    def worker(offset: int) -> None:
        nonlocal errors
        client = Client(token)
        turn = offset
        while time.perf_counter() < deadline:
            name = ("list", "detail")[turn % 2]
            status, elapsed, _count = client.call(*make[name]())
            with lock:
                samples[name].append(elapsed)
                errors += status >= 400
            turn += 1

    def sample_connections() -> None:
        if ctx["vendor"] != "postgresql":
            return
        import psycopg

        url = os.environ["ANJU_DATABASE_URL"]
        with psycopg.connect(url, autocommit=True) as db:
            while time.perf_counter() < deadline:
                row = db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()
                connections.append(int(row[0]) if row else 0)
                time.sleep(1)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(LOAD_CLIENTS)]
    threads.append(threading.Thread(target=sample_connections))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    def p95(values: list[float]) -> float | None:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1) if ordered else None

    total = sum(len(v) for v in samples.values())
    return {
        "clients": LOAD_CLIENTS,
        "seconds": LOAD_SECONDS,
        "requests": total,
        "throughput_rps": round(total / wall, 1),
        "errors": errors,
        "list_p95_ms": p95(samples["list"]),
        "detail_p95_ms": p95(samples["detail"]),
        "max_db_connections": max(connections) if connections else None,
    }


def main() -> None:
    print(
        f"Preparing {ORDERS:,} work orders in {os.environ.get('ANJU_DATABASE_URL') or 'SQLite (' + str(DATA_DIR) + ')'} …",
        flush=True,
    )
    ctx = prepare()
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=BACKEND,
        env=django_env(),
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/api/v1/health/")
                break
            except OSError:
                time.sleep(0.2)
        token = login()
        results: dict[str, Any] = {
            "date": datetime.date.today().isoformat(),
            "database": ctx["vendor"],
            "orders": ctx["orders"],
            "machine": f"{os.cpu_count()} cores, {sys.platform}",
            "server": "gunicorn, 2 sync workers",
            "scenarios": {},
        }
        for name, make in scenarios(ctx).items():
            one = measure(token, make, 1, REQUESTS_C1)
            rows = [one]
            if TARGETS[name][1] is not None:
                rows.append(measure(token, make, 8, max(REQUESTS_C1 // 4, 20)))
            results["scenarios"][name] = rows
        if LOAD_SECONDS:
            print(f"Load: {LOAD_CLIENTS} clients for {LOAD_SECONDS} s (lists and details) …", flush=True)
            results["load"] = load(token, ctx)
    finally:
        server.terminate()
        server.wait(timeout=10)
    out = DATA_DIR / f"results-{ctx['vendor']}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\n{results['orders']:,} orders · {results['database']} · {results['server']} · {results['machine']}")
    print(f"{'scenario':<12}{'c':>3}{'p50':>8}{'p95':>8}{'p99':>8}{'rps':>8}{'err':>5}{'sql':>5}  target p95")
    for name, rows in results["scenarios"].items():
        for row in rows:
            target = TARGETS[name][0 if row["concurrency"] == 1 else 1]
            verdict = "ok" if target is not None and row["p95_ms"] <= target and not row["errors"] else "MISSED"
            print(
                f"{name:<12}{row['concurrency']:>3}{row['p50_ms']:>8}{row['p95_ms']:>8}{row['p99_ms']:>8}"
                f"{row['throughput_rps']:>8}{row['errors']:>5}{row['queries_per_request']:>5}  ≤ {target} ms {verdict}"
            )
    if "load" in results:
        print(f"\nload: {json.dumps(results['load'])}")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
