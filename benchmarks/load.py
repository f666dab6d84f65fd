"""Load test: the production server under 50 concurrent readers for 60 seconds.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m benchmarks.load [--clients 50] [--seconds 60] [--workers 5]

Builds the PostgreSQL database ``natoip_load`` (migrate, the seed fixture, collectstatic), starts
gunicorn with the deployment settings (DEBUG off, a SECRET_KEY, HTTPS redirects off because
there is no TLS on loopback) bound to 127.0.0.1 only, then runs ``--clients`` threads, each
sending requests over a keep-alive ``http.client`` connection, picking pages from a realistic
mix, until ``--seconds`` have passed. It stops the server, prints requests per second and the
p50 / p95 / p99 latency, overall and per page, and writes ``benchmarks/results/load.md``. Any
error (a status other than the page's expected one, a refused or broken connection, a timeout)
is counted and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpora import POSTGRES_SERVER
from benchmarks.report import write

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULTS_FILE = PROJECT_ROOT / "benchmarks" / "results" / "load.md"
DATABASE = "natoip_load"
HOST = "127.0.0.1"  # loopback only: this never sends traffic anywhere else
TIMEOUT = 30.0  # seconds a single request may take before it counts as an error


def environment(port: int) -> dict[str, str]:
    """The deployment environment, minus TLS (README, "Deployment")."""
    return {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES_SERVER}/{DATABASE}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "true",
        "CSRF_COOKIE_SECURE": "true",
        "CONN_MAX_AGE": "60",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=env, check=True, timeout=600
    )


def prepare_database(env: dict[str, str]) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    manage(env, "migrate", "-v0")
    manage(env, "loaddata", "natoip", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def start_server(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [
            str(gunicorn),
            "natoip.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--backlog",
            "256",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_ROOT,
        env=env,
    )


def wait_until_serving(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/about/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer on {HOST}:{port} within {seconds:.0f} s")


def page_mix(env: dict[str, str]) -> list[tuple[str, str, int]]:
    """(name, path, weight) of what readers request, resolved against the seed data."""
    script = (
        "from articles.models import Article, Quote\n"
        "from entities.models import Event, Person\n"
        "print(Article.objects.order_by('pk').first().get_absolute_url())\n"
        "print(Quote.objects.order_by('pk').first().get_absolute_url())\n"
        "print(Person.objects.filter(quotes__isnull=False).order_by('pk').first().slug)\n"
        "print(Event.objects.summits().filter(mentions__isnull=False).first().slug)\n"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    article, quote, person, summit = out
    return [
        ("home", "/", 14),
        ("timeline", "/timeline/", 10),
        ("timeline, filtered", f"/timeline/?summit={summit}&actor=KR&include=quotes", 6),
        ("article", article, 14),
        ("articles", "/articles/", 5),
        ("quotes", "/quotes/", 8),
        ("quote", quote, 5),
        ("people", "/people/", 5),
        ("person", f"/people/{person}/", 8),
        ("country", "/countries/KR/", 5),
        ("organisation", "/organizations/nato/", 3),
        ("summits", "/summits/", 3),
        ("summit", f"/summits/{summit}/", 4),
        ("search", "/search/?q=nato+summit", 5),
        ("export", "/quotes/?format=csv", 2),
        ("feed", "/timeline/feed/", 2),
        ("stylesheet", "/static/css/site.css", 1),
    ]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[f"{name}: {error}"] += 1
            else:
                self.latencies[name].append(seconds)


def reader(port: int, mix, measured_from: float, deadline: float, tally: Tally, seed: int):
    """One client: requests pages one after another on a keep-alive connection; what it sends
    before ``measured_from`` (the warm-up) is not counted."""
    rng = random.Random(seed)
    names = [(name, path) for name, path, _ in mix]
    weights = [weight for _, _, weight in mix]
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    while time.monotonic() < deadline:
        name, path = rng.choices(names, weights)[0]
        started = time.perf_counter()
        error = None
        try:
            connection.request("GET", path, headers={"Accept-Encoding": "identity"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                error = f"HTTP {response.status}"
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
            connection.close()
        if time.monotonic() >= measured_from or error:
            tally.record(name, time.perf_counter() - started, error)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def row(name: str, values: list[float], errors: int, seconds: float) -> str:
    ms = [v * 1000 for v in values] or [0.0]
    return (
        f"| {name} | {len(values):,} | {errors} | {len(values) / seconds:.1f} "
        f"| {statistics.median(ms):.0f} | {percentile(ms, 0.95):.0f} | {percentile(ms, 0.99):.0f} |"
    )


def report(tally: Tally, mix, seconds: float, args) -> tuple[str, int]:
    everything = [v for values in tally.latencies.values() for v in values]
    errors = sum(tally.errors.values())
    lines = [
        f"- server: gunicorn on {HOST}, {args.workers} workers × {args.threads} threads (gthread),"
        " DEBUG off, PostgreSQL with the seed fixture",
        f"- load: {args.clients} concurrent clients (keep-alive http.client threads on the same"
        f" machine) for {seconds:.0f} s after a {args.warmup:.0f} s warm-up, pages picked at"
        " random with the weights below",
        f"- result: **{len(everything):,} requests, {errors} errors, "
        f"{len(everything) / seconds:.1f} requests/s**",
        "",
        "| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        row("**all**", everything, errors, seconds),
    ]
    for name, _, weight in mix:
        failed = sum(n for key, n in tally.errors.items() if key.startswith(f"{name}:"))
        lines.append(row(f"{name} ({weight})", tally.latencies.get(name, []), failed, seconds))
    if tally.errors:
        lines += ["", "Errors:", ""] + [f"- {key}: {n}" for key, n in sorted(tally.errors.items())]
    return "\n".join(lines) + "\n", errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds not measured")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args(argv)

    env = environment(args.port)
    prepare_database(env)
    mix = page_mix(env)
    server = start_server(env, args.port, args.workers, args.threads)
    try:
        wait_until_serving(args.port)
        tally = Tally()
        started = time.monotonic() + args.warmup
        deadline = started + args.seconds
        readers = [
            threading.Thread(
                target=reader, args=(args.port, mix, started, deadline, tally, n), daemon=True
            )
            for n in range(args.clients)
        ]
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join(args.warmup + args.seconds + TIMEOUT + 10)
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.keep_database:
            drop_database()
    body, errors = report(tally, mix, elapsed, args)
    print(body)
    if args.clients == 50 and args.seconds >= 60:
        write(RESULTS_FILE, "Load test", body)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
