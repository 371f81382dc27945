"""Render a run's results as Markdown into bench/README.md (one block per size)."""

import re


def _fmt(value):
    if value is None:
        return "–"
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    return str(value)


def _ok(flag):
    return "✅" if flag else "❌"


def _target(entry, results):
    targets = entry.get("targets") or {}
    if not targets:
        return ""
    parts = []
    # Targets hold on a cold cache (the real work) unless the issue says warm.
    mode = targets.get("mode", "cold")
    measured = entry.get(mode) or {}
    for key in ("p50", "p95"):
        if key in targets:
            value = measured.get(key)
            ok = value is not None and value <= targets[key]
            parts.append(f"{mode} {key} ≤ {targets[key]} {_ok(ok)}")
    if "warm_p95" in targets:
        value = (entry.get("warm") or {}).get("p95")
        ok = value is not None and value <= targets["warm_p95"]
        parts.append(f"warm p95 ≤ {targets['warm_p95']} {_ok(ok)}")
    if "ratio_to" in targets:
        other = results.get(targets["ratio_to"], {}).get("cold", {})
        mine = entry.get("cold", {})
        if other.get("p50") and mine.get("p50"):
            ratio = mine["p50"] / other["p50"]
            ok = ratio <= targets["max_ratio"]
            parts.append(
                f"≤ {targets['max_ratio']}× page 1: {ratio:.2f}× {'✅' if ok else '❌'}"
            )
    return ", ".join(parts)


def render(report: dict, json_path: str) -> str:
    m = report.get("machine", {})
    size = report["size"]
    lines = [
        f"Run {report['date']} — dataset `{size['name']}` "
        f"({size['jobs']:,} jobs, {size['companies']:,} companies, "
        f"{size['candidates']:,} candidates, {size['applications']:,} applications; "
        f"database `{report['database']}`).",
        "",
        f"Machine: {m.get('nproc')} CPUs ({m.get('cpu', '?')}), {m.get('memory')} "
        f"RAM, PostgreSQL {m.get('postgresql')}, Redis {m.get('redis')}, "
        f"Python {m.get('python')}. gunicorn gthread "
        f"{report['gunicorn']['workers']} workers × {report['gunicorn']['threads']} "
        "threads, on the same machine as the database and the client.",
        "",
        f"Command: `{report['command']}` — raw figures: `{json_path}`"
        + (
            f" (parts merged from earlier runs: {report['merged_from']})."
            if report.get("merged_from")
            else "."
        ),
        "",
        "Latency in ms over HTTP (one client, keep-alive). Cold = app cache flushed "
        "before each request; warm = the same request repeated. q = SQL queries "
        "per request (Server-Timing). Floor = the request's SELECTs replayed "
        "through psycopg2 (p50, ms); ×floor = cold p50 / floor p50. rps = warm, "
        "4 concurrent clients.",
        "",
        "| scenario | cold p50 / p95 / p99 | cold q | warm p50 / p95 / p99 | warm q "
        "| rps | floor | ×floor | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    results = report.get("scenarios", {})
    for entry in results.values():
        if "skipped" in entry:
            lines.append(f"| {entry['title']} | {entry['skipped']} ||||||||")
            continue
        cold = entry.get("cold") or entry.get("write") or {}
        warm = entry.get("warm") or {}
        floor = entry.get("floor") or {}

        def ppp(m):
            return f"{m['p50']} / {m['p95']} / {m['p99']}" if m else "–"

        statuses = ""
        bad = {k: v for k, v in (cold.get("statuses") or {}).items() if k >= "400"}
        bad |= {k: v for k, v in (warm.get("statuses") or {}).items() if k >= "400"}
        if bad:
            statuses = " (HTTP " + ", ".join(f"{k}×{v}" for k, v in bad.items()) + ")"
        label = entry["title"] + (" [write]" if "write" in entry else "") + statuses
        lines.append(
            f"| {label} | {ppp(cold)} | {_fmt(cold.get('queries'))} | {ppp(warm)} "
            f"| {_fmt(warm.get('queries'))} | {_fmt(entry.get('rps'))} "
            f"| {_fmt(floor.get('p50'))} | {_fmt(floor.get('ratio_p50'))} "
            f"| {_target(entry, results)} |"
        )
    for name, why in (report.get("not_measured") or {}).items():
        lines.append(f"| {name} | not measured: {why} ||||||||")
    load = report.get("load")
    if load:
        lines += [
            "",
            f"Load test (Locust headless, {load['users']:,} users, constant "
            f"arrival {load['target_rate']}/s with think time, {load['seconds']} s, "
            f"loopback): **{load['rps']} req/s sustained, {load['failures']} "
            f"errors of {load['requests']:,}, p50 {load['p50']} ms, p95 "
            f"{load['p95']} ms, p99 {load['p99']} ms** (target: no errors, "
            f"p95 ≤ 300 ms: {_ok(load['failures'] == 0 and load['p95'] <= 300)}). "
            f"Load generator's own CPU: "
            f"{100 * load.get('generator_cpu_share', 0):.0f} % of the machine's "
            f"cores ({load.get('generator_cpu_seconds', '?')} s).",
        ]
        server = load.get("server") or {}
        if server:
            lines.append(
                f"The server's own time for the same requests (Server-Timing "
                f"`app`): p50 {server['p50']} ms, p95 {server['p95']} ms, p99 "
                f"{server['p99']} ms; the rest of the client's figure is "
                "connection set-up, queueing and the load generator itself."
            )
        lines += [
            "",
            "| request | n | errors | p50 | p95 | p99 | server p50 / p95 |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, row in load.get("by_name", {}).items():
            own = server.get("by_name", {}).get(name)
            own = f"{own['p50']} / {own['p95']}" if own else "–"
            lines.append(
                f"| {name} | {row['requests']} | {row['failures']} | {row['p50']} "
                f"| {row['p95']} | {row['p99']} | {own} |"
            )
    down = report.get("redis_down")
    if down:
        lines += ["", "Redis stopped (REDIS_URL at a closed port), warm mode:", ""]
        for name, m in down.items():
            lines.append(
                f"- {name}: HTTP {m['statuses']}, p50 {m['p50']} ms, p95 {m['p95']} "
                f"ms, {m['queries']} queries per request"
            )
    return "\n".join(lines)


def update_readme(readme_path: str, report: dict, json_path: str) -> None:
    name = report["size"]["name"]
    start, end = f"<!-- results:{name} -->", f"<!-- /results:{name} -->"
    block = f"{start}\n{render(report, json_path)}\n{end}"
    with open(readme_path) as f:
        text = f.read()
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    with open(readme_path, "w") as f:
        f.write(text)
