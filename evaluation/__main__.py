"""`python -m evaluation [--data-dir DIR] [--json FILE] [--limit N] [--outputs DIR]`."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation, print the figures table; 0 when done, 1 when it could not run."""
    parser = argparse.ArgumentParser(
        prog="python -m evaluation", description="Score the diplograph pipeline."
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"the shared data folder (default: {DEFAULT_DATA_DIR})",
    )
    parser.add_argument("--json", type=Path, help="also write the full report to this file")
    parser.add_argument("--limit", type=int, help="only the first N items of each file")
    parser.add_argument(
        "--outputs", type=Path, help="keep the dev-statements outputs (<case_id>.json) here"
    )
    args = parser.parse_args(argv)

    from rich.console import Console

    from evaluation.report import render_table, run_eval
    from pipelines.nlp import ModelNotInstalled

    try:
        report = run_eval(args.data_dir, args.json, limit=args.limit, outputs_dir=args.outputs)
    except (FileNotFoundError, ModelNotInstalled) as exc:
        print(f"evaluation failed: {exc}", file=sys.stderr)
        return 1
    Console(soft_wrap=True).print(render_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
