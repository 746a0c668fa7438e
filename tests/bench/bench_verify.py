"""`duty-tui verify` as a whole process, on databases of N events: is it cheap enough for cron?

Run by hand:  .venv/bin/python tests/bench/bench_verify.py [--sizes 10000,100000] [--repeat 11]

Verify reads every shard, rehashes every event (both chains), replays every
event into its state and compares it with the stored one, so its cost grows
with the whole history, unlike a tick or status. Each figure is the median
with min and max over N runs of the real command, in ms; the floor is a
process that reads and parses every file of the database with orjson.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bytecode import use_compiled_bytecode
from tests.bench.fixtures import build
from tests.bench.stats import Samples, parse_floor, process_ms, ratio

BIN = Path(sys.executable).parent


def run(size: int, repeat: int, folder: Path) -> dict[str, Samples]:
    db = folder / "duty.json"
    store = build(db, size)
    verify_cmd = [str(BIN / "duty-tui"), "--db", str(db), "verify"]
    floor_cmd = parse_floor([db, *sorted(store.paths.shards.glob("*.json"))])
    samples = {"verify": Samples(), "floor": Samples()}
    for _ in range(repeat):
        samples["verify"].add(process_ms(verify_cmd))
        samples["floor"].add(process_ms(floor_cmd))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    use_compiled_bytecode()
    print(f"N = {args.repeat} runs per cell; median (min–max) in ms\n")
    print("| events | duty-tui verify | floor: start + parse every file | ratio |")
    print("|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(size, args.repeat, Path(tmp))
        print(f"| {size:,} | {r['verify'].cell(0)} | {r['floor'].cell(0)} | {ratio(r['verify'], r['floor'])} |",
              flush=True)


if __name__ == "__main__":
    main()
