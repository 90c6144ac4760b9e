#!/usr/bin/env bash
# The newcomer's demo (`make demo`): stands up the namespace lab office (scripts/lab.sh:
# a bridge and a dozen hosts on 198.18.0.0/24 inside network namespaces, no route out),
# runs the admin's scheduled job against it in one command (`netaudit audit --scan`:
# ARP sweep + TCP service checks + passive listening, then the audit against the lab's
# ledger and profile), writes report.html, report.sarif and inventory.json, prints the
# summary and where the files are, and takes the lab down again.
#
# Traffic goes only between namespaces this script creates. Without root (namespaces
# need it) it runs the offline demo instead: a synthetic office capture, no traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
BIN=$(realpath "${NETAUDIT_BIN:-.build/$CONFIG/netaudit}")
OUT=${OUT:-out/demo}
TODAY=${TODAY:-$(date +%F)}

if [ "$(id -u)" -ne 0 ] || ! ip netns list >/dev/null 2>&1; then
  echo "demo: the lab office needs root (network namespaces); running the offline demo instead" >&2
  exec scripts/demo-offline.sh
fi

export LAB_PREFIX=${LAB_PREFIX:-nademo}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
trap 'scripts/lab.sh down >/dev/null 2>&1 || true' EXIT

echo "== 1. The lab office: scripts/lab.sh up (namespaces $LAB_PREFIX-*, 198.18.0.0/24, no route out)"
scripts/lab.sh down >/dev/null 2>&1 || true
scripts/lab.sh up
echo
echo "== 2. The scheduled job, from the scanner namespace:"
echo "   netaudit audit --scan --interface eth0 --targets 198.18.0.0/24 --exclude 198.18.0.250 \\"
echo "                  --profile lab/profile.yaml --ledger lab/ledger.csv"
set +e
ip netns exec "$LAB_PREFIX-scan" "$BIN" audit --scan --interface eth0 --targets 198.18.0.0/24 --exclude 198.18.0.250 \
  --passive-seconds 2 --profile lab/profile.yaml --ledger lab/ledger.csv --today "$TODAY" --lang "${LANG_REPORT:-en}" \
  --output - --output "html:$OUT/report.html" --output "sarif:$OUT/report.sarif" \
  --output "json:$OUT/report.json" --output "inventory:$OUT/inventory.json"
status=$?
set -e
echo
echo "   audit exit code: $status (1 = findings at or above --fail-on high: the lab's planted problems)"
[ "$status" -le 1 ] || exit "$status"
echo
echo "== 3. scripts/lab.sh down"
scripts/lab.sh down
trap - EXIT
echo
echo "Report files:"
for f in report.html report.sarif report.json inventory.json; do echo "  $OUT/$f"; done
