"""`python -m model.data build`: render the emoji dataset into a local cache directory."""

import argparse
import time
from pathlib import Path

from model.data.build import STYLES, build_dataset
from model.data.dataset import default_data_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m model.data", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="render the dataset")
    build.add_argument("--out", type=Path, default=default_data_dir(), help="output directory (default: %(default)s)")
    build.add_argument("--size", type=int, default=64, help="picture side in pixels")
    build.add_argument("--limit", type=int, help="only the first N emoji of the catalogue, for quick trials")
    build.add_argument("--styles", default=",".join(STYLES), help="comma-separated, from: %(default)s")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    manifest = build_dataset(args.out, size=args.size, styles=args.styles.split(","), limit=args.limit)
    seconds = time.perf_counter() - started
    print(f"wrote {manifest['count']} pictures of {args.size}x{args.size} px to {args.out} in {seconds:.0f} s")
    for style, count in manifest["counts"].items():
        print(f"  {style}: {count} pictures, {manifest['concepts'][style]} of {manifest['concepts']['total']} concepts")


if __name__ == "__main__":
    main()
