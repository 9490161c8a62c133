"""Bounded loopback load test of the API: POST /api/v1/assess next to GET /healthz.

Run: .venv/bin/python benchmarks/load.py [--workers 2] [--seconds 8] [--rate 500]

Starts `neurodiff serve` on 127.0.0.1 (a free port), then for each endpoint:
1. ceiling: as many requests as --connections keep-alive connections can make in
   --seconds (wrk when installed — `apt-get install wrk` — else a raw-socket asyncio
   client); GET /healthz is the framework's own ceiling, measured in the same run;
2. fixed rate: requests sent on a schedule of --rate per second for --seconds over a pool
   of connections; latency from the scheduled send time (no coordinated omission).
Every phase is bounded (default total under a minute). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASE = (Path(__file__).resolve().parents[1] / "examples" / "ms-case.json").read_bytes()
CASE = json.dumps(json.loads(CASE)).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request_bytes(method: str, path: str, body: bytes | None) -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + (body or b"")


async def exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"content-length: (\d+)", head, re.IGNORECASE)
    await reader.readexactly(int(length.group(1)) if length else 0)
    return status


async def ceiling_asyncio(port: int, request: bytes, seconds: float, connections: int) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            await exchange(reader, writer, request)
            done += 1
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return done / (time.perf_counter() - start)


def ceiling_wrk(
    port: int, method: str, path: str, body: bytes | None, seconds: float, connections: int
) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "{method}"\n')
        if body is not None:
            script.write(f"wrk.body = {json.dumps(body.decode())}\n")
            script.write('wrk.headers["Content-Type"] = "application/json"\n')
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(script.name).unlink()
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    assert match, output
    return float(match.group(1))


async def fixed_rate(
    port: int, request: bytes, seconds: float, rate: int, pool: int
) -> tuple[list[float], int]:
    connections = [await asyncio.open_connection("127.0.0.1", port) for _ in range(pool)]
    free: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for connection in connections:
        free.put_nowait(connection)
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter() + 0.05

    async def one(scheduled: float) -> None:
        nonlocal errors
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        connection = await free.get()
        status = await exchange(*connection, request)
        latencies.append(time.perf_counter() - scheduled)
        errors += status >= 400
        free.put_nowait(connection)

    await asyncio.gather(*(one(start + i / rate) for i in range(int(seconds * rate))))
    for _, writer in connections:
        writer.close()
    return latencies, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "neurodiff",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tool = "wrk" if shutil.which("wrk") else "asyncio raw sockets"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        time.sleep(1.0)
        warm = request_bytes("POST", "/api/v1/assess", CASE)
        asyncio.run(ceiling_asyncio(port, warm, 2.0, 4))  # every worker loads the model
        print(
            f"uvicorn with {args.workers} worker(s) on loopback; ceilings by {tool}, "
            f"{args.connections} connections; {args.seconds:g} s per phase"
        )
        ceilings = {}
        for name, method, path, body in (
            ("GET /healthz", "GET", "/healthz", None),
            ("POST /api/v1/assess", "POST", "/api/v1/assess", CASE),
        ):
            if tool == "wrk":
                rps = ceiling_wrk(port, method, path, body, args.seconds, args.connections)
            else:
                request = request_bytes(method, path, body)
                rps = asyncio.run(ceiling_asyncio(port, request, args.seconds, args.connections))
            ceilings[name] = rps
            latencies, errors = asyncio.run(
                fixed_rate(port, request_bytes(method, path, body), args.seconds, args.rate, 64)
            )
            print(
                f"{name:<20s} ceiling {rps:7.0f} req/s | at {args.rate} req/s: p50 "
                f"{percentile(latencies, 0.5) * 1e3:6.2f} ms, p99 "
                f"{percentile(latencies, 0.99) * 1e3:6.2f} ms, {errors} errors of {len(latencies)}"
            )
        ratio = ceilings["GET /healthz"] / ceilings["POST /api/v1/assess"]
        print(f"assess ceiling is 1/{ratio:.2f} of the healthz ceiling (target: within 2x)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
