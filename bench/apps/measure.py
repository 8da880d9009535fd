#!/usr/bin/env python3
"""One job of a real application under vine against its Linux build.

Runs the two commands alternately (interleaving keeps a change in machine
load from favouring one side), after one untimed warm-up run each, and
prints the median wall time and the median peak memory (max RSS, from
wait4 of the process itself) of each side and their ratios.

usage: measure.py --name NAME --cwd DIR [--stdin FILE] [--runs N]
                  --windows 'vine prog.exe ARGS' --linux 'prog ARGS'
"""
import argparse
import os
import shlex
import statistics
import subprocess
import time


def run_once(command, cwd, stdin_path):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdin=stdin,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        if stdin_path:
            stdin.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, process.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--cwd", default=".")
    parser.add_argument("--stdin")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--windows", required=True)
    parser.add_argument("--linux", required=True)
    args = parser.parse_args()
    sides = {"vine": shlex.split(args.windows), "native": shlex.split(args.linux)}
    times = {side: [] for side in sides}
    peaks = {side: [] for side in sides}
    statuses = {}
    for side, command in sides.items():  # warm-up: page cache, vine's server
        statuses[side] = run_once(command, args.cwd, args.stdin)[2]
    for _ in range(args.runs):
        for side, command in sides.items():
            elapsed, peak, _ = run_once(command, args.cwd, args.stdin)
            times[side].append(elapsed)
            peaks[side].append(peak)
    median_time = {side: statistics.median(times[side]) for side in sides}
    median_peak = {side: statistics.median(peaks[side]) for side in sides}
    note = "" if statuses["vine"] == statuses["native"] else \
        f" (exit statuses differ: vine {statuses['vine']}, native {statuses['native']})"
    print(f"| {args.name} | {median_time['vine'] * 1000:.1f} ms | {median_time['native'] * 1000:.1f} ms | "
          f"{median_time['vine'] / median_time['native']:.2f}x | {median_peak['vine'] / 1024:.1f} MB | "
          f"{median_peak['native'] / 1024:.1f} MB | {median_peak['vine'] / median_peak['native']:.2f}x |{note}")


if __name__ == "__main__":
    main()
