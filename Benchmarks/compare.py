#!/usr/bin/env python3
"""odernn against its peers (JAX, PyTorch) on the DESIGN §1.8 rows, in one go.

Alternates, round after round and thread count after thread count, `odernn bench --json`
(and, with --baseline, a second odernn binary: before/after) with the peers' scripts in
../shared/peers (bench_jax.py --variant scan, bench_torch.py --variant eager, and for the LSTM
also --variant nn.LSTM), each process pinned with taskset (one thread: CPU 0; two: CPUs 0,1).
Prints each row's medians over the rounds and the ratios odernn ÷ best peer and ÷ torch eager.
A benchmark, not a test: nothing here passes or fails.

    python3 Benchmarks/compare.py --odernn .build/release/odernn [--baseline OLD_BINARY]
        [--rounds 3] [--threads 1,2] [--peers ../shared/peers] [--venv ~/.cache/odernn-peers]
        [--repetitions 20] [--markdown]

The peers' environment is built once by ../shared/peers/setup.sh (about 6 GB, outside the
repository). Only Python's standard library is used here.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

# odernn row -> (peer cell, peer mode), the peers' names for the same work.
ROWS = {
    "antisymmetric-euler-train": ("anti", "train"),
    "dense-rk4-train": ("rk4", "train"),
    "lstm-train": ("lstm", "train"),
    "antisymmetric-euler-infer": ("anti", "infer"),
    "dense-rk4-infer": ("rk4", "infer"),
}


def pin(threads):
    return ["taskset", "-c", "0" if threads == 1 else "0,1"]


def run(cmd):
    """stdout of cmd, or None (with the error on stderr) when it fails."""
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=1800)
        return out.stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        err = getattr(e, "stderr", "") or ""
        print(f"compare: {' '.join(cmd)} failed: {e} {err.strip()[-300:]}", file=sys.stderr)
        return None


def odernn_rows(binary, threads, repetitions, rows):
    """{row: median} from one `odernn bench --json` run of the given rows."""
    help_text = run([binary, "bench", "--help"]) or ""
    cmd = pin(threads) + [binary, "bench", "--json", "--threads", str(threads), "--repetitions", str(repetitions)]
    if "--exact" in help_text:
        cmd.append("--exact")
    for r in rows:
        cmd += ["--only", r]
    out = run(cmd)
    if out is None:
        return {}, None
    data = json.loads(out)
    return {r["name"]: r["median"] for r in data["rows"] if r["name"] in rows}, data.get("blasCore")


def peer(python, peers, script, cell, mode, variant, threads, steps):
    cmd = pin(threads) + [python, os.path.join(peers, script), "--cell", cell, "--mode", mode,
                          "--variant", variant, "--threads", str(threads), "--steps", str(steps)]
    out = run(cmd)
    if out is None:
        return None
    for line in out.splitlines():
        if line.startswith("RESULT "):
            r = json.loads(line[len("RESULT "):])
            return r.get("steps_per_s") if mode == "train" else r.get("seq_per_s")
    return None


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def report(samples, rows, threads_list, binaries, baseline, core, rounds, markdown, out):
    """The table of medians over the rounds so far, and the ratios."""
    def med(th, row, who):
        v = samples.get((th, row, who))
        return statistics.median(v) if v else None

    def fmt(x, ratio=False):
        if x is None:
            return "–"
        return f"{x:.2f}×" if ratio else (f"{x:,.0f}" if x >= 100 else f"{x:.1f}")

    names = binaries + ["jax", "torch", "nn.LSTM"]
    header = ["threads", "row"] + names + ["÷ best peer", "÷ torch eager"]
    if baseline:
        header += ["before ÷ best peer", "before ÷ torch eager"]
    lines = []
    for th in threads_list:
        for row in rows:
            m = {w: med(th, row, w) for w in names}
            best = max((m[w] for w in ("jax", "torch", "nn.LSTM") if m[w] is not None), default=None)

            def ratio(who, to):
                return m[who] / to if m[who] is not None and to else None

            cells = [str(th), row] + [fmt(m[w]) for w in names]
            cells += [fmt(ratio("odernn", best), True), fmt(ratio("odernn", m["torch"]), True)]
            if baseline:
                cells += [fmt(ratio("before", best), True), fmt(ratio("before", m["torch"]), True)]
            lines.append(cells)

    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs; odernn BLAS core: {core}; "
          f"{rounds} alternating rounds, medians; train rows steps/s, infer rows sequences/s", file=out)
    if markdown:
        print("| " + " | ".join(header) + " |", file=out)
        print("|" + "---|" * len(header), file=out)
        for cells in lines:
            print("| " + " | ".join(cells) + " |", file=out)
    else:
        widths = [max(len(h), *(len(c[i]) for c in lines)) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)), file=out)
        for cells in lines:
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths)), file=out)
    out.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--odernn", default=os.path.join(here, "..", ".build", "release", "odernn"))
    ap.add_argument("--baseline", help="a second odernn binary (before), measured alternately too")
    ap.add_argument("--peers", default=os.path.join(here, "..", "..", "shared", "peers"))
    ap.add_argument("--venv", default=os.environ.get("PEERS_VENV", os.path.expanduser("~/.cache/odernn-peers")))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repetitions", type=int, default=20, help="odernn's timed repetitions per row")
    ap.add_argument("--steps", type=int, default=20, help="the peers' timed steps per run")
    ap.add_argument("--rows", default=",".join(ROWS), help="comma-separated row names")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    a = ap.parse_args()

    python = os.path.join(a.venv, "bin", "python")
    rows = [r for r in a.rows.split(",") if r in ROWS]
    threads_list = [int(t) for t in a.threads.split(",")]
    binaries = [("odernn", a.odernn)] + ([("before", a.baseline)] if a.baseline else [])
    peers = [("jax", "bench_jax.py", "scan"), ("torch", "bench_torch.py", "eager")]
    # samples[(threads, row, who)] = [value per round]
    samples = {}
    core = None

    def add(th, row, who, value):
        if value is not None:
            samples.setdefault((th, row, who), []).append(value)

    for rnd in range(1, a.rounds + 1):
        for th in threads_list:
            print(f"compare: round {rnd}/{a.rounds}, {th} thread(s)", file=sys.stderr, flush=True)
            for who, binary in binaries:
                values, c = odernn_rows(binary, th, a.repetitions, rows)
                core = core or c
                for row, v in values.items():
                    add(th, row, who, v)
            for row in rows:
                cell, mode = ROWS[row]
                for who, script, variant in peers:
                    add(th, row, who, peer(python, a.peers, script, cell, mode, variant, th, a.steps))
                if cell == "lstm":
                    add(th, row, "nn.LSTM", peer(python, a.peers, "bench_torch.py", cell, mode, "nn.LSTM", th, a.steps))
        if rnd < a.rounds:  # a partial table, in case the run is cut short
            report(samples, rows, threads_list, [w for w, _ in binaries], bool(a.baseline), core, rnd, a.markdown, sys.stderr)

    report(samples, rows, threads_list, [w for w, _ in binaries], bool(a.baseline), core, a.rounds, a.markdown, sys.stdout)
    raw = {f"{th}|{row}|{who}": v for (th, row, who), v in sorted(samples.items())}
    print("raw: " + json.dumps(raw), file=sys.stderr)


if __name__ == "__main__":
    main()
