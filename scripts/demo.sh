#!/usr/bin/env bash
# The newcomer's demo: writes a deterministic synthetic office capture and its
# equipment ledger, then runs netaudit's passive inventory and a full audit
# against the JPMA-derived profile. Reads and writes files only: no traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
BIN=${NETAUDIT_BIN:-.build/$CONFIG/netaudit}
SYNTH=${NETAUDIT_SYNTH:-.build/$CONFIG/netaudit-synth}
OUT=${OUT:-out/demo}
mkdir -p "$OUT"

echo "== 1. A synthetic office LAN (deterministic generator, no binary blobs in git)"
"$SYNTH" office --output "$OUT/office.pcap" --truth "$OUT/truth.json" --ledger "$OUT/ledger.csv"
echo "   capture: $OUT/office.pcap   ledger: $OUT/ledger.csv"
echo
echo "== 2. Passive inventory: netaudit inventory --pcap $OUT/office.pcap"
"$BIN" inventory --pcap "$OUT/office.pcap"
"$BIN" inventory --pcap "$OUT/office.pcap" --format json --output "$OUT/inventory.json"
echo
if "$BIN" audit --help >/dev/null 2>&1 && [ -f profiles/jpma-standard.yaml ]; then
  echo "== 3. Audit against the ledger and the JPMA standard-model profile"
  set +e
  "$BIN" audit --profile jpma-standard --ledger "$OUT/ledger.csv" --inventory "$OUT/inventory.json" \
    --format text --output - --output "html:$OUT/report.html" --output "sarif:$OUT/report.sarif" --output "json:$OUT/report.json"
  status=$?
  set -e
  echo
  echo "   audit exit code: $status (1 = findings at or above --fail-on high)"
fi
echo
echo "Files:"
ls -1 "$OUT" | sed "s|^|  $OUT/|"
