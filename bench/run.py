"""The screening benchmark (`make bench`): throughput and peak memory of `netra screen`.

Generates seeded synthetic posts into bench/out/ (gitignored): a realistic stream where 15% of
the ~200-character posts name an official and an act, and a dense stream where every post does.
Runs `netra screen` (the hybrid: rules and learned scorer) as a child process with one and two
workers on 200,000 realistic posts, one worker on 50,000 dense posts, two workers on 1,000,000,
and times `analyze()` on long news texts. Prints figures; asserts nothing. Targets: >= 20,000
posts/s realistic and >= 8,000 posts/s dense with one worker, and peak memory that does not grow
with the input.

    .venv/bin/python bench/run.py [--posts 200000] [--big 1000000] [--skip-big] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import news_article, posts, repeated, write_jsonl  # noqa: E402

OUT = BENCH_DIR / "out"
SEED = 20241127  # Pilkada 2024 voting day
TARGET_POSTS_PER_S = 20_000
TARGET_DENSE_POSTS_PER_S = 8_000
DENSE_POSTS = 50_000
SAMPLE_EVERY_S = 0.05
NETRA = Path(sys.executable).with_name("netra")


@dataclass(frozen=True, slots=True)
class Run:
    label: str
    posts: int
    workers: int
    wall_s: float
    max_process_rss_mb: float  # largest single process (os.wait4 ru_maxrss, includes workers)
    peak_tree_rss_mb: float  # sampled sum over the parent and its workers
    cpu_s: float  # user + system time of the parent and its workers
    summary: str  # the command's own summary line from standard error

    @property
    def rate(self) -> float:
        return self.posts / self.wall_s


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(pid: int) -> int:
    return _rss_kb(pid) + sum(_tree_rss_kb(child) for child in _children(pid))


def screen(label: str, source: Path, count: int, workers: int) -> Run:
    """Run `netra screen` on `source` and measure wall time and peak memory of the child."""
    target = OUT / f"verdicts-{label}.jsonl"
    command = [str(NETRA), "screen", str(source), "-o", str(target), "--workers", str(workers)]
    errors = OUT / f"stderr-{label}.txt"
    with errors.open("wb") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        peak_tree = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            peak_tree = max(peak_tree, _tree_rss_kb(child.pid))
            time.sleep(SAMPLE_EVERY_S)
        wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    summary = errors.read_text("utf-8").strip().splitlines()
    if code != 0:
        raise SystemExit(f"netra screen failed ({code}): {' | '.join(summary[-3:])}")
    return Run(
        label,
        count,
        workers,
        wall,
        usage.ru_maxrss / 1024,
        peak_tree / 1024,
        usage.ru_utime + usage.ru_stime,
        summary[-1] if summary else "",
    )


def ensure_posts(path: Path, count: int, share_acts: float | None = None) -> None:
    if path.is_file() and sum(1 for _ in path.open("rb")) == count:
        return
    started = time.perf_counter()
    stream = posts(count, SEED) if share_acts is None else posts(count, SEED, share_acts)
    write_jsonl(path, stream)
    print(f"generated {count:,} posts in {time.perf_counter() - started:.1f} s -> {path}")


def ensure_big(path: Path, source: Path, count: int, base: int) -> None:
    if path.is_file() and sum(1 for _ in path.open("rb")) == count:
        return
    started = time.perf_counter()
    write_jsonl(path, repeated(source, count // base))
    print(f"generated {count:,} posts in {time.perf_counter() - started:.1f} s -> {path}")


def time_analyze(rounds: int = 5) -> list[tuple[str, int, float, int]]:
    """Median milliseconds of analyze() on long news texts: (name, chars, ms, findings)."""
    from netra.analysis import analyze

    analyze("pemanasan")  # load the lexicon and rulebook outside the timing
    rows = []
    for paragraphs in (5, 20, 80):
        text = news_article(paragraphs, SEED + paragraphs)
        times = []
        findings = 0
        for _ in range(rounds):
            started = time.perf_counter()
            findings = len(analyze(text).findings)
            times.append((time.perf_counter() - started) * 1000)
        rows.append((f"news x{paragraphs}", len(text), statistics.median(times), findings))
    return rows


def profile_screening(source: Path, lines: int = 20_000) -> str:
    """Where one worker's time goes: cProfile of screening the first `lines` posts in-process."""
    from netra.analysis.screen import default_screener, screen_json_lines

    default_screener()
    with source.open("rb") as handle:
        chunk = [(number, raw) for number, raw in enumerate(handle, start=1) if number <= lines]
    profiler = cProfile.Profile()
    profiler.enable()
    for result in screen_json_lines(chunk):
        json.dumps(result.record, ensure_ascii=False)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--skip-big", action="store_true", help="skip the 1,000,000-post run")
    parser.add_argument("--profile", action="store_true", help="cProfile one worker's screening")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"load average (1, 5, 15 min) before the runs: {os.getloadavg()}")
    small = OUT / f"posts-{args.posts}.jsonl"
    ensure_posts(small, args.posts)
    dense = OUT / f"dense-{DENSE_POSTS}.jsonl"
    ensure_posts(dense, DENSE_POSTS, share_acts=1.0)
    runs = [
        screen(f"{args.posts // 1000}k-w1", small, args.posts, 1),
        screen(f"{args.posts // 1000}k-w2", small, args.posts, 2),
        screen(f"dense{DENSE_POSTS // 1000}k-w1", dense, DENSE_POSTS, 1),
    ]
    if not args.skip_big:
        big = OUT / f"posts-{args.big}.jsonl"
        ensure_big(big, small, args.big, args.posts)
        runs.append(screen(f"{args.big // 1000}k-w2", big, args.big, 2))

    print(f"load average (1, 5, 15 min) after the runs: {os.getloadavg()}")
    print(f"{'run':<12}{'posts':>11}{'workers':>9}{'wall s':>9}{'posts/s':>10}"
          f"{'cpu s':>8}{'posts/cpu-s':>13}{'max proc MB':>13}{'tree MB':>9}")  # fmt: skip
    for run in runs:
        print(
            f"{run.label:<12}{run.posts:>11,}{run.workers:>9}{run.wall_s:>9.1f}{run.rate:>10,.0f}"
            f"{run.cpu_s:>8.1f}{run.posts / run.cpu_s:>13,.0f}"
            f"{run.max_process_rss_mb:>13.0f}{run.peak_tree_rss_mb:>9.0f}"
        )
    for run in runs:
        print(f"  {run.label}: {run.summary}")
    one_worker = runs[0].rate
    verdict = "met" if one_worker >= TARGET_POSTS_PER_S else "MISSED"
    print(
        f"target >= {TARGET_POSTS_PER_S:,} posts/s with one worker: {verdict} ({one_worker:,.0f})"
    )
    dense_rate = runs[2].rate
    verdict = "met" if dense_rate >= TARGET_DENSE_POSTS_PER_S else "MISSED"
    print(
        f"target >= {TARGET_DENSE_POSTS_PER_S:,} dense posts/s with one worker: {verdict} "
        f"({dense_rate:,.0f})"
    )

    print()
    print(f"{'analyze()':<12}{'chars':>9}{'median ms':>11}{'findings':>10}")
    for name, chars, ms, findings in time_analyze():
        print(f"{name:<12}{chars:>9,}{ms:>11.1f}{findings:>10}")

    if args.profile or one_worker < TARGET_POSTS_PER_S:
        print()
        print(profile_screening(small))


if __name__ == "__main__":
    main()
