#!/usr/bin/env bash
# Benchmarks kamino against sqlite3 and psql on the same generated CSV; results in docs/benchmarks.md.
#   bench/run.sh                 compare, 1M lines / 50k customers / seed 42, 3 runs, SQLite and PostgreSQL
#   bench/run.sh --runs 1 --no-postgres
#   bench/run.sh breakdown       where kamino import's time goes (hash, parse, store)
# Options: --lines N --customers M --seed S --runs R --work DIR (default $TMPDIR/kamino-bench) --no-postgres
# Needs python3, sqlite3, psql and the PostgreSQL server binaries (initdb, pg_ctl, postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=compare
if [[ $# -gt 0 && $1 != --* ]]; then mode=$1; shift; fi
dotnet build bench/Kamino.Bench/Kamino.Bench.csproj -c Release --nologo -v q
exec dotnet bench/Kamino.Bench/bin/Release/net10.0/Kamino.Bench.dll "$mode" "$@"
