#!/usr/bin/env bash
# Fuzzes one reader with AFL++ for a bounded time, then minimizes what crashed into fuzz/crashes/FORMAT/.
#   fuzz/run.sh FORMAT SECONDS      FORMAT: csv | xlsx | ubl | facturae | cii | auto
# Needs root for apt when afl++ is missing. Findings (queue, raw crashes) stay in fuzz/findings/FORMAT (ignored by git).
set -euo pipefail

formats="csv xlsx ubl facturae cii auto"
format=${1:-}
seconds=${2:-}
if [[ -z "$format" || -z "$seconds" || " $formats " != *" $format "* || ! "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh FORMAT SECONDS   (FORMAT one of: $formats)" >&2
  exit 2
fi

fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
cd "$root"

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
dotnet tool restore >/dev/null

# A fresh publish each run: sharpfuzz rewrites the assembly in place and refuses one already instrumented.
bin=$(mktemp -d /tmp/kamino-fuzz-bin.XXXXXX)
# AFL kills the harness, so its scratch copies of the input (/dev/shm/kamino-fuzz-PID.FORMAT) are removed here.
trap 'rm -rf "$bin"; rm -f /dev/shm/kamino-fuzz-*."$format"' EXIT
dotnet publish fuzz/Kamino.Fuzz -c Release -o "$bin" --nologo -v quiet
# Only Kamino's own code is instrumented: never System.* or the packages (Sep, MiniExcel).
dotnet sharpfuzz "$bin/Kamino.Core.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
findings="$fuzz/findings/$format"
rm -rf "$findings"
mkdir -p "$fuzz/findings"
afl-fuzz -V "$seconds" -i "$fuzz/corpus/$format" -o "$findings" -x "$fuzz/dict/$format.dict" -t 5000 -m none -- dotnet "$bin/Kamino.Fuzz.dll" "$format"

crashes=("$findings"/default/crashes/id:* "$findings"/default/hangs/id:*)
found=0
for crash in "${crashes[@]}"; do
  [[ -f "$crash" ]] || continue
  found=$((found + 1))
  kind=$(basename "$(dirname "$crash")")
  name="$kind-$(date -u +%Y%m%d)-$(sha256sum "$crash" | cut -c1-12)"
  mkdir -p "$fuzz/crashes/$format"
  # Smallest input that still fails; the replay test (FuzzReplayTests) then runs it on every test run.
  afl-tmin -i "$crash" -o "$fuzz/crashes/$format/$name" -t 5000 -m none -- dotnet "$bin/Kamino.Fuzz.dll" "$format" >/dev/null 2>&1 \
    || cp "$crash" "$fuzz/crashes/$format/$name"
  echo "finding: fuzz/crashes/$format/$name   replay: dotnet fuzz/Kamino.Fuzz/bin/Release/net10.0/Kamino.Fuzz.dll $format < fuzz/crashes/$format/$name"
done
echo "$format: $found finding(s) in ${seconds}s; stats in $findings/default/fuzzer_stats"
