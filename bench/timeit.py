"""Times commands against each other: runs them in turn, round after round
(so a burst of load on the machine hits all of them alike), and reports
for each the median wall time, the range, CPU time and peak memory (the
child's maximum resident set, from wait4), with the ratio to a reference
command. Standard library only.

usage:
  timeit.py --title T --runs R [--once NAME ...] [--reference NAME]
            [--markdown FILE] [--tsv FILE] NAME=COMMAND ...

COMMAND is split like a shell would split it (no pipes, no globs) and run
with its output discarded. A command that exits non-zero stops the run:
a failing tool has no time. --once NAME runs that command in the first
round only (for peers that take minutes a run).
"""

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    """(wall seconds, user+sys seconds, peak RSS bytes) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        # tonghop exits 1 when the findings hold an error: still a run.
        sys.exit(f"command failed ({proc.returncode}): {shlex.join(argv)}\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--title", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--once", action="append", default=[])
    ap.add_argument("--reference", default=None, help="ratios are NAME's median over this one's")
    ap.add_argument("--markdown", default=None)
    ap.add_argument("--tsv", default=None)
    ap.add_argument("--count", action="append", default=[],
                    help="NAME=UNITS: add a column of milliseconds per unit")
    ap.add_argument("commands", nargs="+")
    a = ap.parse_args()
    cmds = []
    for spec in a.commands:
        name, _, cmd = spec.partition("=")
        cmds.append((name, shlex.split(cmd)))
    results = {name: [] for name, _ in cmds}
    load_before = os.getloadavg()
    for rnd in range(a.runs):
        for name, argv in cmds:
            if name in a.once and rnd > 0:
                continue
            w, cpu, rss = run_once(argv)
            results[name].append((w, cpu, rss))
            print(f"  {a.title} round {rnd + 1}: {name} {w:.3f} s, cpu {cpu:.2f} s, "
                  f"{rss / 1e6:.0f} MB", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    counts = {k: int(v) for k, v in (c.split("=", 1) for c in a.count)}
    ref = a.reference or cmds[0][0]
    ref_median = statistics.median(w for w, _, _ in results[ref])
    lines = [
        f"#### {a.title}",
        "",
        f"load average before {load_before[0]:.2f} / after {load_after[0]:.2f} (1 min); "
        f"runs per command: {a.runs} (alternating)"
        + (f", once: {', '.join(a.once)}" if a.once else ""),
        "",
        f"| command | median wall s | min–max s | median CPU s | peak RSS MB | median / {ref} |"
        + (" wall ms per unit | CPU ms per unit |" if counts else ""),
        "|---|---|---|---|---|---|" + ("---|---|" if counts else ""),
    ]
    for name, _ in cmds:
        rs = results[name]
        walls = [w for w, _, _ in rs]
        med = statistics.median(walls)
        cpu = statistics.median(c for _, c, _ in rs)
        rss = max(r for _, _, r in rs)
        lines.append(
            f"| {name} | {med:.3f} | {min(walls):.3f}–{max(walls):.3f} | {cpu:.2f} | "
            f"{rss / 1e6:.0f} | {med / ref_median:.2f}× |"
            + (f" {med * 1e3 / counts[name]:.3f} | {cpu * 1e3 / counts[name]:.3f} |"
               if name in counts else (" | |" if counts else ""))
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if a.markdown:
        with open(a.markdown, "a", encoding="utf-8") as f:
            f.write(text + "\n")
    if a.tsv:
        new = not os.path.exists(a.tsv)
        with open(a.tsv, "a", encoding="utf-8") as f:
            if new:
                f.write("set\tcommand\trun\twall_s\tcpu_s\tpeak_rss_bytes\tload1_before\n")
            for name, _ in cmds:
                for i, (w, cpu, rss) in enumerate(results[name]):
                    f.write(f"{a.title}\t{name}\t{i + 1}\t{w:.4f}\t{cpu:.3f}\t{rss}\t{load_before[0]:.2f}\n")


if __name__ == "__main__":
    main()
