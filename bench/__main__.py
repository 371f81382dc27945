"""``python -m bench [dataset|run|load|all]`` — see bench/README.md."""

import argparse
import sys

from bench import Stack


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "command",
        nargs="?",
        default="all",
        choices=["all", "dataset", "run", "load"],
        help="all (default): dataset, then the scenarios, then the load test",
    )
    parser.add_argument("--quick", action="store_true", help="the laptop size")
    parser.add_argument("--size", choices=["full", "quick", "tiny"], default=None)
    parser.add_argument(
        "--db", default=None, help="database name (default hotgigs_bench[_quick])"
    )
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=60, help="per scenario/mode")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-users", type=int, default=1000)
    parser.add_argument("--load-rate", type=float, default=100.0, help="requests/s")
    parser.add_argument("--no-readme", action="store_true", help="JSON only")
    args = parser.parse_args(argv)
    args.size = args.size or ("quick" if args.quick else "full")
    if args.db is None:
        args.db = (
            "hotgigs_bench" if args.size == "full" else f"hotgigs_bench_{args.size}"
        )
    return args


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    stack = Stack(
        database=args.db,
        pg_url=args.pg_url,
        redis_url=args.redis_url,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
    )
    from bench import run

    return run.main(args, stack)


if __name__ == "__main__":
    sys.exit(main())
