"""Fuzz every API operation from the OpenAPI schema with Schemathesis (security target I1: no server error).

`make fuzz` runs this: a fresh data folder with seed_demo data (or the database in ANJU_DATABASE_URL), the app under
gunicorn, and `schemathesis run` in positive and negative mode against the OpenAPI schema — once as the system
administrator (every permission, every project) and once anonymously (everything but the public endpoints must
answer 401, never 500). Exit code 1 on any server error; the failing cases are printed with a curl line to
reproduce them. The schema is written by `manage.py spectacular` (the same as /api/v1/schema/, which needs a login
when DEBUG is off) into the data folder.

Before Schemathesis, every run sends the hostile requests of the security review (fuzz/hostile.py: a JSON body
nested 5,000 deep or of 3 MB, decompression-bomb PNGs, dates in year 9999, ids like 1.5, names of zero-width
characters ...): each must be its 4xx in the error shape. ``FUZZ_HOSTILE_ONLY=1`` sends only those (seconds).

Left out on purpose: log-out and revoking a token (they could end the token the run uses), log-in and token (they
would lock the account out after five failures, as designed) and deactivating a user (it could deactivate the
fuzzing administrator itself).

A third run fuzzes the owner API (``/api/v1/owner/``) as a signed-in owner of the demo (the owner cookie and a CSRF
token pair), leaving out signing out (it would end the session the run uses).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import hostile  # fuzz/hostile.py, beside this file

BACKEND = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("FUZZ_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"
EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "15")
SEED = os.environ.get("FUZZ_SEED", "20261127")
# /ready/ answers 503 by design here: the fuzz runs no scheduler, so the SLA sweep's heartbeat is missing.
EXCLUDED = ["--exclude-path-regex", r"^/api/v1/(auth/(logout|login|token|tokens/\{id\})|users/\{id\}/deactivate|ready)/$"]
HOSTILE_ONLY = os.environ.get("FUZZ_HOSTILE_ONLY", "") == "1"
OWNER_ONLY = os.environ.get("FUZZ_OWNER_ONLY", "") == "1"  # only the owner run (for work on the owner API)
OWNER_PATHS = ["--include-path-regex", r"^/api/v1/owner/", "--exclude-path-regex", r"^/api/v1/owner/auth/logout"]
CSRF = "fuzzcsrf0123456789abcdefghijklmn"  # 32 characters: a CSRF secret, sent as the cookie and the header
SCHEMA = Path(os.environ.get("ANJU_DATA_DIR") or BACKEND.parent / "var") / "fuzz-openapi.json"


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BACKEND, check=True)  # noqa: S603 - our own command


def wait_for_server(deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/api/v1/health/", timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def owner_session() -> str:
    """A 30-day session of the demo's showcase owner, opened as the sign-in does (the key printed once)."""
    script = (
        "from anju.core import pii; from anju.customers.models import CustomerMobile; from anju.owners import signin; "
        "m = CustomerMobile.objects.get(blind_index=pii.blind_index('mobile', '13912345678')); "
        "print(signin.open_session(customer=m.customer).key)"
    )
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "shell", "-c", script], cwd=BACKEND, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1]


def token(username: str, password: str) -> str:
    request = urllib.request.Request(  # noqa: S310 - localhost
        f"{BASE}/api/v1/auth/token/",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - localhost
        return str(json.loads(response.read())["token"])


def schemathesis(*extra: str) -> int:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(SCHEMA),
        "--url",
        BASE,
        "--checks",
        "not_a_server_error",
        "--mode",
        "all",
        "--max-examples",
        EXAMPLES,
        "--seed",
        SEED,
        # One worker: with two threads CPython 3.11's ast.parse (hypothesis describing a strategy) once failed with
        # "AST constructor recursion depth mismatch", a runtime error of the tool that fails the run.
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
        *EXCLUDED,
        *extra,
    ]
    return subprocess.run(command, cwd=BACKEND, check=False).returncode  # noqa: S603 - our own command line


def main() -> int:
    password = os.environ.setdefault("ANJU_DEMO_PASSWORD", "anju-fuzz-2026")
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo")
    manage("spectacular", "--format", "openapi-json", "--file", str(SCHEMA))
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=BACKEND,
        start_new_session=True,
    )
    try:
        wait_for_server(time.monotonic() + 60)
        admin = token("admin", password)
        failed = 0 if OWNER_ONLY else hostile.run(BASE, admin, sys.stdout.write)
        if not HOSTILE_ONLY and not OWNER_ONLY:
            failed |= schemathesis("--header", f"Authorization: Token {admin}")
            failed |= schemathesis()  # anonymous: 401s, never a 500
        if not HOSTILE_ONLY:
            cookie = f"anju_owner={owner_session()}; csrftoken={CSRF}"
            failed |= schemathesis("--header", f"Cookie: {cookie}", "--header", f"X-CSRFToken: {CSRF}", *OWNER_PATHS)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    sys.stdout.write("fuzz: no server error\n" if failed == 0 else "fuzz: FAILED (see the cases above)\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
