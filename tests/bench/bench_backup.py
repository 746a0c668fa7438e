"""The daily backup on databases of N events: what the day's first change pays for a verified copy.

Run by hand:  .venv/bin/python tests/bench/bench_backup.py [--sizes 10000,100000] [--repeat 7]

A backup copies the head and every shard (read, write, fsync, read back and
compare), then replays the copy as `verify` does. Each sample makes a new
backup with a fresh store; the two floors are copying the same files with
shutil.copyfile (no fsync, no check) and replaying them alone (verify_copy
on the live files). Figures are median (min–max) in ms over N samples.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from checklists.loader import load_library
from store.tinydb import TinyStore
from store.tinydb.backup import take_backup
from store.tinydb.verify import verify_copy
from tests.bench.fixtures import build
from tests.bench.stats import Samples


def run(size: int, repeat: int, folder: Path) -> tuple[dict[str, Samples], int]:
    db = folder / "duty.json"
    build(db, size)
    targets = load_library().targets()
    files = [db, *sorted((folder / "duty.json.d").glob("*.json"))]
    samples = {"backup": Samples(), "copy": Samples(), "replay": Samples()}
    size_bytes = sum(f.stat().st_size for f in files)
    for n in range(repeat):
        store = TinyStore(db)
        store.targets = lambda: targets
        samples["backup"].time(lambda store=store, n=n: take_backup(store.paths, f"sample-{n}", store.replay))
        shutil.rmtree(store.paths.backups / f"sample-{n}")
        target = folder / f"copy-{n}"
        target.mkdir()
        samples["copy"].time(lambda target=target: [shutil.copyfile(f, target / f.name) for f in files])
        shutil.rmtree(target)
        samples["replay"].time(lambda: verify_copy(TinyStore(db, read_only=True), targets))
    return samples, size_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"N = {args.repeat} samples per cell; median (min–max) in ms\n")
    print("| events | files (MB) | daily backup (copy, fsync, compare, replay) | floor: shutil.copyfile | replay alone |")
    print("|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r, size_bytes = run(size, args.repeat, Path(tmp))
        print(f"| {size:,} | {size_bytes / 1e6:.1f} | {r['backup'].cell(0)} | {r['copy'].cell(0)} | "
              f"{r['replay'].cell(0)} |", flush=True)


if __name__ == "__main__":
    main()
