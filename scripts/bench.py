#!/usr/bin/env python3
"""make bench: the speed and memory figures of issue 7, on the sector demo and on a 10x stress database.

Measures whole commands (init, import, search) against the release binary and sqlite3/fzf baselines,
and in-process figures through the hidden `dienhinh bench` command. Writes docs/PERFORMANCE.md and
bench/results.json. With --check, compares with bench/baseline.json and fails when a figure is more
than twice its baseline (make bench-check). Timings are wall-clock medians of a few runs; the machine
has 2 cores and other work on it makes figures noisy, hence the 2x margin.
"""
import json, os, platform, shutil, statistics, subprocess, sys, tempfile, time, datetime

BIN = os.environ.get("DIENHINH_BIN", ".build/release/dienhinh")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK = "--check" in sys.argv
QUICK = "--quick" in sys.argv  # skip the 10x database (for a fast look)
# A 10x database made earlier (`dienhinh init --demo --scale stress`) to measure again without the 40 s of making it;
# init_stress_s is then not measured. Never used by `make bench` unless set.
STRESS_DB = os.environ.get("DIENHINH_BENCH_STRESS_DB")

# Figures `dienhinh bench` prints that the table reports (at 10x with the _stress infix).
IN_PROCESS = ("first_frame_ms", "keystroke_median_ms", "keystroke_p99_ms", "move_median_ms", "move_p99_ms",
              "verdicts_all_ms", "award_paths_all_ms", "rejudge_after_save_ms", "rejudge_after_save_cpu_ms", "tally_median_ms",
              "resident_mb")

TARGETS = {  # figure: (target, unit); lower is better. The sector and 10x targets of issue 23.
    "init_sector_s": (5, "s"),
    "init_stress_s": (60, "s"),
    "import_200k_s": (None, "s"),
    "import_ratio_vs_sqlite3": (2, "x"),
    "first_frame_ms": (50, "ms"),
    "first_frame_stress_ms": (150, "ms"),
    "keystroke_median_ms": (1, "ms"),
    "keystroke_p99_ms": (4, "ms"),
    "keystroke_median_stress_ms": (2, "ms"),
    "keystroke_p99_stress_ms": (8, "ms"),
    "search_process_ms": (None, "ms"),
    "search_ratio_vs_fzf": (1, "x"),
    "verdicts_all_ms": (150, "ms"),
    "verdicts_all_stress_ms": (1000, "ms"),
    "award_paths_all_ms": (300, "ms"),
    "award_paths_all_stress_ms": (3000, "ms"),
    "rejudge_after_save_ms": (5, "ms"),
    "rejudge_after_save_stress_ms": (5, "ms"),
    "tally_median_ms": (10, "ms"),
    "resident_mb": (50, "MB"),
    "resident_stress_mb": (100, "MB"),
}

# Hostile files (issue 15): each must be refused (exit 65) in under a second with bounded peak memory,
# the database unchanged. figure prefix -> (seconds, peak MB) bounds; --check fails past them.
HOSTILE_BOUNDS = {
    "refuse_name_202": (1, 80),
    "refuse_marks_10000": (1, 80),
    "refuse_nul_in_name": (1, 80),
    "refuse_repeated_header": (1, 80),
    "refuse_columns_100000": (1, 80),
    "refuse_field_100mb": (3, 300),
    "refuse_rows_1000001": (5, 250),
}

# Sector figure -> its 10x counterpart: the bench prints the ratio, so a super-linear step shows
# (10x the data should cost at most about 10x the time; the per-keystroke figures far less).
SCALING = {
    "first_frame_ms": "first_frame_stress_ms",
    "keystroke_median_ms": "keystroke_median_stress_ms",
    "keystroke_p99_ms": "keystroke_p99_stress_ms",
    "verdicts_all_ms": "verdicts_all_stress_ms",
    "award_paths_all_ms": "award_paths_all_stress_ms",
    "rejudge_after_save_ms": "rejudge_after_save_stress_ms",
    "resident_mb": "resident_stress_mb",
    "db_sector_mb": "db_stress_mb",
}


def run(args, ok=(0,), **kw):
    r = subprocess.run(args, capture_output=True, **kw)
    if r.returncode not in ok:
        raise subprocess.CalledProcessError(r.returncode, args, r.stdout, r.stderr)
    return r


def timed(args, repeat=1, ok=(0,), stdin_path=None):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        if stdin_path:
            with open(stdin_path) as f:
                run(args, ok=ok, stdin=f)
        else:
            run(args, ok=ok)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measured(args):
    """Wall time and peak resident memory (MB) of one command, and its exit status."""
    t = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_maxrss / 1024, p.returncode, err.decode("utf-8", "replace")


def hostile(tmp, r):
    """The refusals issue 15 must show, timed and weighed; the database file must stay byte-identical."""
    db = os.path.join(tmp, "hostile.sqlite")
    run([BIN, "init", "--db", db, "--demo", "--scale", "small", "--force"])
    run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);"])
    before = open(db, "rb").read()
    head = "id,kind,name,unit_code,complies_with_policy\n"
    files = {
        "refuse_name_202": head + "CN-H1,individual," + ("Nguyễn Văn Đức " * 14)[:201] + "A,VKSH.429,true\n",
        "refuse_marks_10000": head + "CN-H2,individual,A" + "\u0301" * 10000 + ",VKSH.429,true\n",
        "refuse_nul_in_name": head + "CN-H3,individual,Nguy\0n,VKSH.429,true\n",
        "refuse_repeated_header": "id,id,kind,name,unit_code,complies_with_policy\nCN-H4,CN-H5,individual,Lê,VKSH.429,true\n",
        "refuse_columns_100000": ",".join(["id", "kind", "name", "unit_code", "complies_with_policy"]
                                          + [f"extra{i}" for i in range(100000)]) + "\nCN-H6,individual,Lê,VKSH.429,true\n",
    }
    for name, text in files.items():
        path = os.path.join(tmp, name + ".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    # 100 MB in one quoted field, and a million and one rows: written in pieces, never held whole.
    with open(os.path.join(tmp, "refuse_field_100mb.csv"), "w", encoding="utf-8") as f:
        f.write(head + 'CN-H7,individual,"')
        chunk = "Nguyễn Văn Đức " * 4096
        while f.tell() < 100_000_000:
            f.write(chunk)
        f.write('",VKSH.429,true\n')
    with open(os.path.join(tmp, "refuse_rows_1000001.csv"), "w", encoding="utf-8") as f:
        f.write(head)
        for i in range(1_000_001):
            f.write(f"CN-R{i},individual,Lê Văn {i},VKSH.429,true\n")
    for name in HOSTILE_BOUNDS:
        path = os.path.join(tmp, name + ".csv")
        seconds, mb, status, err = measured([BIN, "import", "candidates", path, "--db", db, "--lang", "en"])
        first = err.splitlines()[0] if err else ""
        if status != 65 or not first.startswith(os.path.basename(path) + ":"):
            sys.exit(f"make bench: {name} was not refused with a position (exit {status}): {first[:200]}")
        r[name + "_s"] = seconds
        r[name + "_peak_mb"] = mb
        r[name + "_file_mb"] = os.path.getsize(path) / 1e6
        os.remove(path)
    if open(db, "rb").read() != before:
        sys.exit("make bench: a refused import changed the database file")


def in_process(db):
    """`dienhinh bench` on one database: every figure it must print, or a loud stop naming the missing ones."""
    figures = json.loads(run([BIN, "bench", "--db", db]).stdout)
    missing = [k for k in IN_PROCESS if k not in figures]
    if missing:
        sys.exit(f"make bench: `dienhinh bench` did not measure {', '.join(missing)}")
    return figures


def ensure_tools():
    """sqlite3 is the import baseline: without it the comparison cannot run, and the bench says so at once."""
    if not shutil.which("sqlite3"):
        sys.exit("make bench: sqlite3 is missing (sudo apt-get install sqlite3): the import comparison is part of the bench.")


def ensure_fzf():
    """fzf is the search baseline: installed when missing (root, Debian), otherwise the bench stops and says why.
    The package lists must be fetched first on a fresh machine, or apt-get finds no fzf at all."""
    if shutil.which("fzf"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "fzf"]):
            r = subprocess.run(args, capture_output=True, text=True, env=env)
            if r.returncode != 0:
                sys.exit(f"make bench: `{' '.join(args)}` failed ({r.returncode}): {r.stderr.strip()[-400:]}\n"
                         "the search comparison against fzf cannot run; install fzf and run again.")
    if not shutil.which("fzf"):
        sys.exit("make bench: fzf is missing and cannot be installed here (not root, or no apt-get).\n"
                 "Install it (sudo apt-get install fzf) and run again: the search comparison is part of the bench.")


def main():
    ensure_tools()
    ensure_fzf()
    tmp = tempfile.mkdtemp(prefix="dienhinh-bench-")
    sector = os.path.join(tmp, "sector.sqlite")
    r = {}
    r["init_sector_s"] = timed([BIN, "init", "--db", sector, "--demo", "--scale", "sector", "--force"], repeat=3)

    # Import 200,000 achievement rows: ours (validation included) vs sqlite3's bare .import.
    ach = os.path.join(tmp, "achievements.csv")
    cands = os.path.join(tmp, "candidates.csv")
    run([BIN, "export", "achievements", ach, "--db", sector])
    run([BIN, "export", "candidates", cands, "--db", sector])
    # The two are run in turns, five times, so a slow spell of a shared host falls on both alike.
    times, bare_times = [], []
    for _ in range(5):
        target = os.path.join(tmp, "import.sqlite")
        run([BIN, "init", "--db", target, "--force"])
        run([BIN, "import", "candidates", cands, "--db", target])
        t = time.perf_counter()
        run([BIN, "import", "achievements", ach, "--db", target])
        times.append(time.perf_counter() - t)
        bare = os.path.join(tmp, "bare.sqlite")
        if os.path.exists(bare):
            os.remove(bare)
        t = time.perf_counter()
        subprocess.run(["sqlite3", bare], input=f".mode csv\n.import '{ach}' achievement\n", text=True, check=True, capture_output=True)
        bare_times.append(time.perf_counter() - t)
    r["import_200k_s"] = statistics.median(times)
    rows = sum(1 for _ in open(ach, encoding="utf-8-sig")) - 1
    r["import_rows"] = rows
    r["sqlite3_import_s"] = statistics.median(bare_times)
    r["import_ratio_vs_sqlite3"] = r["import_200k_s"] / r["sqlite3_import_s"]

    # In process: first frame, keystrokes, verdicts, tally, memory.
    figures = in_process(sector)
    for k in IN_PROCESS:
        r[k] = figures[k]

    # A whole-process search against fzf --filter over the same names.
    names = os.path.join(tmp, "names.txt")
    out = run([BIN, "candidates", "--db", sector, "--json"]).stdout
    with open(names, "w", encoding="utf-8") as f:
        for c in json.loads(out):
            f.write(c["name"] + "\n")
    queries = ["nguyen van duc", "tran thi", "le minh hai", "pham"]
    ours = statistics.median([timed([BIN, "candidates", "--db", sector, "--search", q, "--json"], repeat=3) for q in queries])
    r["search_process_ms"] = ours * 1000
    # fzf exits 1 when nothing matches (it does not fold đ): that is an answer, not a failure.
    theirs = statistics.median([timed(["fzf", "--filter", q], repeat=3, ok=(0, 1), stdin_path=names) for q in queries])
    r["fzf_filter_ms"] = theirs * 1000
    r["search_ratio_vs_fzf"] = ours / theirs

    hostile(tmp, r)

    if not QUICK:
        if STRESS_DB:
            if not os.path.exists(STRESS_DB):
                sys.exit(f"make bench: DIENHINH_BENCH_STRESS_DB={STRESS_DB} does not exist")
            stress = STRESS_DB
        else:
            stress = os.path.join(tmp, "stress.sqlite")
            r["init_stress_s"] = timed([BIN, "init", "--db", stress, "--demo", "--scale", "stress", "--force"])
        stress_figures = in_process(stress)
        for k in ("first_frame_ms", "keystroke_median_ms", "keystroke_p99_ms", "verdicts_all_ms", "award_paths_all_ms",
                  "rejudge_after_save_ms", "rejudge_after_save_cpu_ms"):
            r[k.removesuffix("_ms") + "_stress_ms"] = stress_figures[k]
        r["resident_stress_mb"] = stress_figures["resident_mb"]
        r["db_stress_mb"] = os.path.getsize(stress) / 1e6
    r["db_sector_mb"] = os.path.getsize(sector) / 1e6
    for small, large in SCALING.items():
        if small in r and large in r and r[small] > 0:
            r[f"scaling_{small.removesuffix('_ms').removesuffix('_mb')}_x"] = r[large] / r[small]
    shutil.rmtree(tmp, ignore_errors=True)
    return r


def scaling(r):
    """Each figure measured at both sizes: sector, 10x, and 10x over sector (10x the data should cost at most about
    10x; a per-keystroke figure far less), so a super-linear step shows."""
    lines = ["figure at both sizes: sector / 10x (ratio), targets"]
    for small, large in SCALING.items():
        if small in r and large in r:
            ratio = f"{r[large] / r[small]:.1f}x" if r[small] > 0 else "-"
            t = [TARGETS.get(k, (None, ""))[0] for k in (small, large)]
            lines.append(f"  {small.removesuffix('_ms').removesuffix('_mb'):<22} {r[small]:10.3f} / {r[large]:10.3f}  ({ratio})"
                         + (f"  targets < {t[0]} / < {t[1]}" if t[0] is not None or t[1] is not None else ""))
    return "\n".join(lines)


def report(r):
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
    lines = [f"Measured by `make bench` (scripts/bench.py) on {datetime.date.today().isoformat()}, {machine}, release build.",
             "Wall-clock medians; the targets are issue 23's (sector: hold, 10x: reach). `scaling_*_x` is the 10x figure",
             "over the sector figure, so a super-linear step shows. `make bench-check` fails when a figure is more than",
             "twice `bench/baseline.json`.", "",
             "| figure | value | target |", "|---|---|---|"]
    for k, v in r.items():
        target = TARGETS.get(k, (None, ""))
        unit = target[1] if len(target) > 1 else ""
        t = f"< {target[0]} {unit}" if target[0] is not None else ""
        mark = "" if target[0] is None else (" ✓" if v < target[0] else " ✗")
        lines.append(f"| {k} | {v:.3f} {unit}{mark} | {t} |" if isinstance(v, float) else f"| {k} | {v} | {t} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.chdir(ROOT)
    results = main()
    os.makedirs("bench", exist_ok=True)
    json.dump(results, open("bench/results.json", "w"), indent=1, sort_keys=True)
    over = [f"{name}: {results[name + '_s']:.2f} s (bound {s} s), {results[name + '_peak_mb']:.0f} MB (bound {mb} MB)"
            for name, (s, mb) in HOSTILE_BOUNDS.items()
            if results.get(name + "_s", 0) > s or results.get(name + "_peak_mb", 0) > mb]
    if over:
        print("hostile files past their bounds:\n  " + "\n  ".join(over))
        sys.exit(1)
    if CHECK:
        base = json.load(open("bench/baseline.json"))
        bad = [f"{k}: {results[k]:.3f} > 2 x {base[k]:.3f}" for k in base
               if k in results and k in TARGETS and isinstance(base[k], (int, float)) and base[k] > 0 and results[k] > 2 * base[k]]
        print(json.dumps(results, indent=1, sort_keys=True))
        if bad:
            print("slower than twice the baseline:\n  " + "\n  ".join(bad))
            sys.exit(1)
        print("bench-check: every figure within 2x of bench/baseline.json")
    else:
        # The table goes between the markers; what is written around it by hand stays.
        path = "docs/PERFORMANCE.md"
        doc = open(path).read() if os.path.exists(path) else ""
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        table = f"{start}\n{report(results)}{end}"
        if start in doc and end in doc:
            doc = doc[:doc.index(start)] + table + doc[doc.index(end) + len(end):]
        else:
            doc = table + "\n" + doc
        open(path, "w").write(doc)
        print(report(results))
    print(scaling(results))
