#!/usr/bin/env bash
# Runs every test of the repository, as on CI: a fresh Debian 12 machine, as root.
# Installs what the tests need from Debian when missing (Chromium for browser tests, PostgreSQL server
# binaries for the throwaway cluster the tests start themselves, python3 for the sales generator,
# poppler-utils and a TrueType font for the account-plan PDF, nginx for the two-node test),
# runs `dotnet test` on the solution with one TRX file per test project under TestResults/trx, and ends
# with one line: "N passed, N failed". Exits non-zero when a test failed or the build failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_updated=false
apt_install() {
    if ! "$apt_updated"; then
        apt-get update
        apt_updated=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

postgres_bin() {
    local dir
    for dir in $(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)") /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if [ ! -x /usr/bin/chromium ]; then
    if is_root; then
        apt_install chromium
    else
        echo "test.sh: /usr/bin/chromium is missing; browser tests will fail (as root: apt-get install -y chromium)" >&2
    fi
fi

if ! postgres_bin >/dev/null; then
    if is_root; then
        apt_install postgresql
    else
        echo "test.sh: PostgreSQL server binaries (initdb, pg_ctl) are missing; PostgreSQL tests will fail (as root: apt-get install -y postgresql)" >&2
    fi
fi

if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
    if is_root; then
        apt_install poppler-utils
    else
        echo "test.sh: pdftotext/pdfinfo are missing; the account-plan PDF tests will fail (as root: apt-get install -y poppler-utils)" >&2
    fi
fi

if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ ! -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ]; then
    if is_root; then
        apt_install fonts-dejavu-core
    else
        echo "test.sh: no DejaVu Sans or Liberation Sans font; the account-plan PDF cannot be made (as root: apt-get install -y fonts-dejavu-core)" >&2
    fi
fi

if [ ! -x /usr/sbin/nginx ]; then
    if is_root; then
        apt_install nginx
    else
        echo "test.sh: /usr/sbin/nginx is missing; the nginx scale-out tests will fail (as root: apt-get install -y nginx)" >&2
    fi
fi

if ! command -v python3 >/dev/null; then
    if is_root; then
        apt_install python3
    else
        echo "test.sh: python3 is missing; tests that generate sales files will fail (as root: apt-get install -y python3)" >&2
    fi
fi

results=TestResults/trx
rm -rf "$results"
mkdir -p "$results" TestResults/artifacts

# LogFilePrefix (not LogFileName) gives each test project its own file: <prefix>_<framework>_<time>.trx.
set +e
dotnet test Kamino.slnx -c Release \
    --logger "trx;LogFilePrefix=kamino" \
    --results-directory "$results"
status=$?
set -e

shopt -s nullglob
trx_files=("$results"/*.trx)
read -r passed failed < <(
    if [ ${#trx_files[@]} -eq 0 ]; then
        echo "0 0"
    else
        python3 - "${trx_files[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
for path in sys.argv[1:]:
    try:
        counters = next(e for e in ET.parse(path).getroot().iter() if e.tag.endswith("Counters"))
    except (ET.ParseError, StopIteration) as e:
        print(f"test.sh: cannot read the counters of {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    count = lambda name: int(counters.get(name, "0"))
    passed += count("passed")
    failed += count("failed") + count("error") + count("timeout") + count("aborted")
print(passed, failed)
PY
    fi
)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "test.sh: dotnet test exited with $status (build failure or crashed test host); TRX files: ${#trx_files[@]}" >&2
fi

echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    exit 1
fi
