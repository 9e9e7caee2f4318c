#!/usr/bin/env bash
# Benchmarks kamino against sqlite3 and psql on the same generated CSV; results in docs/benchmarks.md.
#   bench/run.sh                 compare, 1M lines / 50k customers / seed 42, 3 runs, SQLite and PostgreSQL
#   bench/run.sh --runs 1 --no-postgres
#   bench/run.sh breakdown       where kamino import's time goes (hash, parse, store)
#   bench/run.sh memory          peak RSS of kamino import on a 10M-line CSV, next to sqlite3 .import
#   bench/run.sh xlsx            a 100k-row .xlsx import (written with MiniExcel), next to the same rows as CSV
#   bench/run.sh analyze         kamino analyze (no database) vs DuckDB read_csv + GROUP BY (npm @duckdb/node-api, installed under the work dir; needs node and npm)
#   bench/run.sh watch           account page, alerts page, health and alerts API under hey (1 and 16 clients), 300 key accounts
#   bench/run.sh instant         dashboard, customers page and API, account page, Pareto and what-if API under hey, next to sqlite3/psql GROUP BY
#   bench/run.sh scale           PostgreSQL primary + streaming standby, two kamino nodes behind nginx: dashboard, account page,
#                                customers and Pareto API under hey (16 and 64 clients) through nginx vs one node direct; kill -9 of a node under load
# Options: --lines N --customers M --seed S --runs R --work DIR (default $TMPDIR/kamino-bench) --no-postgres
#          --seconds T --clients 1,16 (watch, instant and scale)
# Needs python3, sqlite3, psql and the PostgreSQL server binaries (initdb, pg_ctl, postgres); hey for the load modes, nginx for scale.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=compare
if [[ $# -gt 0 && $1 != --* ]]; then mode=$1; shift; fi
dotnet build bench/Kamino.Bench/Kamino.Bench.csproj -c Release --nologo -v q
exec dotnet bench/Kamino.Bench/bin/Release/net10.0/Kamino.Bench.dll "$mode" "$@"
