#!/usr/bin/env python3
"""The load test's report (scripts/load/load-test.sh): reads OUT/results.jsonl (vegeta encode --to=json)
and OUT/replicas.tsv, writes OUT/report.txt and OUT/report.html (and each chart alone, OUT/latency.svg,
OUT/throughput.svg, OUT/replicas.svg, to put in a document), and exits 1 when a request got a 5xx or
no answer, or when the p95 of all requests is above P95_MAX_MS.

Usage: report.py OUT START END USERS THINK DURATION P95_MAX_MS   (START, END: the attack's epoch seconds)
"""
import datetime
import html
import json
import math
import re
import sys

BUCKET = 5  # seconds per point of the charts


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def endpoint(result):
    path = re.sub(r"^https?://[^/]+", "", result["url"]).split("?")[0]
    return f'{result["method"]} {re.sub(r"/[0-9]+(?=/|$)", "/{id}", path)}'


def epoch(timestamp):
    # vegeta writes RFC 3339 with nanoseconds; Python's parser takes microseconds
    ts = re.sub(r"(\.\d{6})\d+", r"\1", timestamp).replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(ts).timestamp()


def summary(rows, seconds):
    lat = sorted(r["latency"] / 1e6 for r in rows)
    codes = [r["code"] for r in rows]
    return {
        "requests": len(rows), "rate": len(rows) / seconds if seconds else 0,
        "p50": percentile(lat, 50), "p95": percentile(lat, 95), "p99": percentile(lat, 99),
        "max": lat[-1] if lat else float("nan"),
        "2xx": sum(200 <= c < 300 for c in codes), "4xx": sum(400 <= c < 500 for c in codes),
        "5xx": sum(c >= 500 for c in codes), "no answer": sum(c == 0 for c in codes),
    }


def svg_chart(title, unit, series, x_max, y_max=None, step=False, width=900, height=260):
    """A line chart: series is [(name, colour, [(x, y), ...])]; x in seconds from the start."""
    left, right, top, bottom = 60, 160, 30, 40
    w, h = width - left - right, height - top - bottom
    ys = [y for _, _, pts in series for _, y in pts if not math.isnan(y)]
    y_max = y_max or (max(ys) * 1.1 if ys else 1) or 1
    sx = lambda x: left + w * x / (x_max or 1)
    sy = lambda y: top + h - h * min(y, y_max) / y_max
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<text x="{left}" y="18" font-size="14" font-weight="bold">{html.escape(title)}</text>',
           f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="#999"/>']
    for i in range(5):
        y = y_max * i / 4
        out.append(f'<line x1="{left}" x2="{left + w}" y1="{sy(y):.1f}" y2="{sy(y):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">{y:.0f}</text>')
    for i in range(7):
        x = x_max * i / 6
        out.append(f'<text x="{sx(x):.1f}" y="{top + h + 16}" text-anchor="middle">{x:.0f} s</text>')
    out.append(f'<text x="12" y="{top + h / 2}" transform="rotate(-90 12 {top + h / 2})" text-anchor="middle">{html.escape(unit)}</text>')
    for n, (name, colour, pts) in enumerate(series):
        pts = [(x, y) for x, y in pts if not math.isnan(y)]
        if not pts:
            continue
        if step:
            path, prev = [], None
            for x, y in pts:
                if prev is not None:
                    path.append(f"{sx(x):.1f},{sy(prev):.1f}")
                path.append(f"{sx(x):.1f},{sy(y):.1f}")
                prev = y
        else:
            path = [f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts]
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(path)}"/>')
        out.append(f'<line x1="{left + w + 12}" x2="{left + w + 32}" y1="{top + 10 + 18 * n}" y2="{top + 10 + 18 * n}" stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{left + w + 38}" y="{top + 14 + 18 * n}">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    out, start, end, users, think, duration, p95_max = sys.argv[1:8]
    start, end, p95_max = float(start), float(end), float(p95_max)
    with open(f"{out}/results.jsonl") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for r in rows:
        r["t"] = epoch(r["timestamp"]) - start
    seconds = end - start
    replicas = []
    with open(f"{out}/replicas.tsv") as f:
        for line in f:
            t, _, v = line.rstrip("\n").partition("\t")
            if v.strip().isdigit():
                replicas.append((float(t) - start, int(v)))

    by_endpoint = {}
    for r in rows:
        by_endpoint.setdefault(endpoint(r), []).append(r)
    total = summary(rows, seconds)
    lines = [f"{users} users, one request every {think} s each, for {duration} ({seconds:.0f} s measured)", "",
             f"{'endpoint':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
             f"{'2xx':>7}{'4xx':>6}{'5xx':>6}{'no answer':>11}"]
    for name, s in sorted(by_endpoint.items()) + [("all", total)]:
        s = summary(by_endpoint[name], seconds) if name != "all" else s
        lines.append(f"{name:<26}{s['requests']:>9}{s['rate']:>8.1f}{s['p50']:>9.1f}{s['p95']:>9.1f}{s['p99']:>9.1f}"
                     f"{s['max']:>9.1f}{s['2xx']:>7}{s['4xx']:>6}{s['5xx']:>6}{s['no answer']:>11}")
    if replicas:
        changes, last = [], None
        for t, v in replicas:
            if v != last:
                changes.append(f"{v} at {t:+.0f} s")
                last = v
        lines += ["", f"backend ready replicas: {', '.join(changes)} (min {min(v for _, v in replicas)}, "
                      f"max {max(v for _, v in replicas)})"]
    errors = sorted({r["error"] for r in rows if r.get("error")})
    if errors:
        lines += ["", "errors:"] + [f"  {e}" for e in errors[:10]]
    verdict = []
    if total["5xx"] or total["no answer"]:
        verdict.append(f"{total['5xx']} answers 5xx and {total['no answer']} requests without an answer")
    if total["p95"] > p95_max:
        verdict.append(f"p95 {total['p95']:.0f} ms is above {p95_max:.0f} ms")
    lines += ["", "FAILED: " + "; ".join(verdict) if verdict else
              f"passed: no 5xx, every request answered, p95 {total['p95']:.0f} ms <= {p95_max:.0f} ms"]
    text = "\n".join(lines)
    with open(f"{out}/report.txt", "w") as f:
        f.write(text + "\n")
    print(text)

    buckets = {}
    for r in rows:
        buckets.setdefault(int(r["t"] // BUCKET), []).append(r)
    x_max = max(seconds, replicas[-1][0] if replicas else 0)
    pts = lambda fn: [((b + 0.5) * BUCKET, fn(rs)) for b, rs in sorted(buckets.items())]
    lat = lambda p: (lambda rs: percentile(sorted(r["latency"] / 1e6 for r in rs), p))
    charts = [
        svg_chart("Latency through the Ingress", "ms", [
            ("p50", "#1f77b4", pts(lat(50))), ("p95", "#ff7f0e", pts(lat(95))), ("p99", "#d62728", pts(lat(99))),
            (f"target p95 {p95_max:.0f} ms", "#999", [(0, p95_max), (x_max, p95_max)])], x_max),
        svg_chart("Throughput", "requests/s", [
            ("answered 2xx", "#2ca02c", pts(lambda rs: sum(200 <= r["code"] < 300 for r in rs) / BUCKET)),
            ("5xx or no answer", "#d62728", pts(lambda rs: sum(r["code"] >= 500 or r["code"] == 0 for r in rs) / BUCKET))],
            x_max),
    ]
    if replicas:
        charts.append(svg_chart("Backend ready replicas (HPA)", "replicas", [("ready", "#9467bd", replicas)], x_max,
                                y_max=max(v for _, v in replicas) + 1, step=True))
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>TodoApp load test</title></head>"
            "<body style='font-family:sans-serif;max-width:960px;margin:auto'><h1>TodoApp load test</h1>"
            + "".join(f"<div>{c}</div>" for c in charts)
            + f"<h2>Per endpoint</h2><pre>{html.escape(text)}</pre></body></html>")
    with open(f"{out}/report.html", "w") as f:
        f.write(page)
    for name, chart in zip(("latency", "throughput", "replicas"), charts):
        with open(f"{out}/{name}.svg", "w") as f:
            f.write(chart + "\n")
    print(f"report: {out}/report.txt, {out}/report.html")
    sys.exit(1 if verdict else 0)


if __name__ == "__main__":
    main()
