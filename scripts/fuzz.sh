#!/usr/bin/env bash
# Fuzzes netaudit's packet decoders and inventory observer with libFuzzer for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS]
#
# Builds Fuzz/PacketsFuzz.swift with the toolchain's libFuzzer and AddressSanitizer (no SwiftPM:
# each module is compiled by swiftc into .build-fuzz/modules), seeds the corpus with every frame
# of ../shared/captures (1 link-type byte + the frame), runs for SECONDS and exits non-zero on any
# crash, leak, timeout or out-of-memory, printing the reproducer's path and the command to replay it.
#
# Everything it writes lives under .build-fuzz/ (git-ignored): modules/, the binary, seeds/,
# corpus/ (inputs libFuzzer found interesting; kept between runs so coverage accumulates),
# artifacts/ (reproducers) and the last run's log.
#
# Environment: SWIFTC (default: swiftc on PATH), NETAUDIT_CAPTURES (default: ../shared/captures
# beside the repository). One fuzzing process only: the machine's 2 cores are shared.
set -euo pipefail

seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$root/.build-fuzz
captures=${NETAUDIT_CAPTURES:-$root/../shared/captures}
swiftc=${SWIFTC:-swiftc}
bin=$work/fuzz-packets
modules=$work/modules
mkdir -p "$modules" "$work/seeds" "$work/corpus" "$work/artifacts"

command -v "$swiftc" >/dev/null || { echo "fuzz: swiftc not found (set SWIFTC)" >&2; exit 3; }
command -v python3 >/dev/null || { echo "fuzz: python3 is needed to extract seeds" >&2; exit 3; }

# -O as shipped, plus the debug assert configuration: the standard library's buffer subscripts keep
# their bounds checks, so a read outside a decoder's view traps even inside libFuzzer's allocation.
flags=(-parse-as-library -O -assert-config Debug -sanitize=fuzzer,address -g -wmo -I "$modules")

# Rebuild only when a source or this script changed since the last build.
sources=("$root"/Sources/NetAddress/*.swift "$root"/Sources/Packets/*.swift "$root"/Sources/Capture/*.swift
         "$root"/Sources/Snapshot/*.swift "$root"/Sources/Inventory/*.swift "$root"/Fuzz/PacketsFuzz.swift "$0")
stale=0
if [[ ! -x "$bin" ]]; then stale=1; else
  for f in "${sources[@]}"; do [[ "$f" -nt "$bin" ]] && { stale=1; break; }; done
fi

module() {   # module NAME [extra swiftc flags...] -- sources...
  local name=$1; shift
  local extra=()
  while [[ $1 != -- ]]; do extra+=("$1"); shift; done
  shift
  "$swiftc" "${flags[@]}" "${extra[@]}" -module-name "$name" -emit-module -emit-module-path "$modules/$name.swiftmodule" \
    -emit-object -o "$modules/$name.o" "$@"
}

if (( stale )); then
  echo "fuzz: building $bin" >&2
  log=$work/build.log
  {
    module NetAddress -- "$root"/Sources/NetAddress/*.swift &&
    module Packets -- "$root"/Sources/Packets/*.swift &&
    # Capture imports libpcap through the CPcap module map; -enable-testing lets the harness build PacketHeaders.
    module Capture -enable-testing -I "$root/Sources/CPcap" -- "$root"/Sources/Capture/*.swift &&
    module Snapshot -- "$root"/Sources/Snapshot/*.swift &&
    module Inventory -I "$root/Sources/CPcap" -- "$root"/Sources/Inventory/*.swift &&
    "$swiftc" "${flags[@]}" -I "$root/Sources/CPcap" -module-name PacketsFuzz "$root/Fuzz/PacketsFuzz.swift" \
      "$modules"/{NetAddress,Packets,Capture,Snapshot,Inventory}.o -lpcap -o "$bin.tmp"
  } >"$log" 2>&1 || { grep -v "Cannot export local symbol" "$log" >&2; echo "fuzz: build failed" >&2; exit 3; }
  mv "$bin.tmp" "$bin"
fi

# Seeds: one per distinct frame of the shared captures (cheap to redo; identical seeds are skipped).
if [[ -d "$captures" ]]; then
  python3 "$root/Fuzz/extract-seeds.py" "$work/seeds" "$captures" --max-len 4096 >&2
else
  echo "fuzz: warning: no captures at $captures; fuzzing from the saved corpus only" >&2
fi

runlog=$work/last-run.log
echo "fuzz: running $seconds s (log: $runlog)" >&2
before=$(ls "$work/artifacts" | wc -l)
set +e
# The Swift runtime's own crash backtracer would trip ASan while it inspects the dying process:
# leave crashes (Swift traps are SIGILL) to libFuzzer's deadly-signal handler.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "$work/seeds" >"$runlog" 2>&1
status=$?
set -e

# (|| true: a crash on the first input leaves some of these lines out, which must not end the script.)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$runlog" | tail -1 || true)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$runlog" | tail -1 || true)
cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$runlog" | tail -1 || true)
newest=$(ls -t "$work/artifacts" 2>/dev/null | head -1 || true)
after=$(ls "$work/artifacts" | wc -l)

if (( status != 0 )) || (( after > before )); then
  grep -E "ERROR|SUMMARY|Fatal error|deadly signal|Test unit written" "$runlog" | head -20 >&2 || true
  grep -E '^ *#[0-9]+ +0x' "$runlog" | head -15 >&2 || true
  echo "fuzz: FAILED (exit $status) after ${execs:-?} executions" >&2
  if [[ -n "$newest" ]]; then
    echo "fuzz: reproducer: $work/artifacts/$newest" >&2
    echo "fuzz: replay with: $bin $work/artifacts/$newest" >&2
  fi
  exit 1
fi
echo "fuzz: ok: ${execs:-?} executions in $seconds s (${rate:-?}/s), ${cov:-coverage n/a}, 0 crashes; corpus $(ls "$work/corpus" | wc -l) new + $(ls "$work/seeds" | wc -l) seeds"
