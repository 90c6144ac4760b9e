#!/usr/bin/env bash
# Benchmark: netaudit's passive inventory against tcpdump and tshark on the
# same synthetic captures (written by netaudit-synth; only files are read and
# written, no packet is sent).
#
#   bench-data/bench-1g.pcap    1024 MiB, 300 devices, seed 1
#   bench-data/bench-256m.pcap   256 MiB, the same 300 devices
#
# Timings are wall clock, best of 3 (tshark: one run on the 256 MiB file,
# compared per byte). MB/s means 10^6 bytes per second. Targets:
#   netaudit time <= tcpdump time (ratio <= 1.0) on the 1 GiB file
#   netaudit >= 50x tshark's throughput
#   netaudit peak RSS <= 64 MB on both files (flat in capture length)
# Results go to stdout and bench-data/results.json. Exit status 0 when every
# target is met, 1 when one is missed or netaudit could not be measured.
# Then the wireless section (scripts/bench-wifi.sh): netaudit wifi vs tshark on
# a generated 1 M-frame 802.11 capture, same results, >= 50x faster.
#
# Environment: NETAUDIT_BIN, NETAUDIT_SYNTH (binaries), BENCH_SEED (default 1),
# BENCH_DEVICES (default 300), BENCH_RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

NETAUDIT_BIN=${NETAUDIT_BIN:-.build/release/netaudit}
NETAUDIT_SYNTH=${NETAUDIT_SYNTH:-.build/release/netaudit-synth}
SEED=${BENCH_SEED:-1}
DEVICES=${BENCH_DEVICES:-300}
RUNS=${BENCH_RUNS:-3}
DATA=bench-data
RSS_LIMIT_KB=$((64 * 1024))

die() { echo "bench: $*" >&2; exit 2; }

[ -x "$NETAUDIT_SYNTH" ] || die "no generator at $NETAUDIT_SYNTH (run 'make build' or set NETAUDIT_SYNTH)"
for tool in tcpdump tshark sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (run 'make test-deps')"
done
if [ ! -x /usr/bin/time ]; then
  scripts/ensure-packages.sh time || die "GNU time is needed for peak RSS: install Debian's 'time' package"
fi
mkdir -p "$DATA"

# --- captures -----------------------------------------------------------------
# A capture is reused when its stamp (generator binary hash, arguments, file
# size) matches; anything else regenerates it.
generator_hash=$(sha256sum "$NETAUDIT_SYNTH" | cut -d' ' -f1)

capture() {  # capture NAME SIZE_MIB
  local file="$DATA/$1.pcap" stamp="$DATA/$1.stamp" args="bench --size-mb $2 --devices $DEVICES --seed $SEED"
  local want="$generator_hash $args"
  if [ -f "$file" ] && [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "$want" ] \
     && [ "$(sed -n 2p "$stamp")" = "$(stat -c %s "$file")" ]; then
    echo "reusing $file ($args)"
    return
  fi
  echo "generating $file ($args) ..."
  rm -f "$stamp"
  local start end
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  "$NETAUDIT_SYNTH" $args --output "$file" --truth "$DATA/$1.truth.json"
  end=$(date +%s%N)
  printf '%s\n%s\n' "$want" "$(stat -c %s "$file")" > "$stamp"
  awk -v b="$(stat -c %s "$file")" -v ns="$((end - start))" \
    'BEGIN { printf "  %.0f MB in %.2f s (%.0f MB/s)\n", b / 1e6, ns / 1e9, b / 1e3 / ns * 1e6 }'
}
capture bench-1g 1024
capture bench-256m 256
BIG="$DATA/bench-1g.pcap"
SMALL="$DATA/bench-256m.pcap"
BIG_BYTES=$(stat -c %s "$BIG")
SMALL_BYTES=$(stat -c %s "$SMALL")

# --- measurement helpers --------------------------------------------------------
# run_timed OUTVAR_SECONDS OUTVAR_RSS CMD...: one run; wall seconds from the
# nanosecond clock, peak RSS (KB) from GNU time. Returns the command's status.
TIME_OUT=$(mktemp)
ERR_OUT=$(mktemp)
trap 'rm -f "$TIME_OUT" "$ERR_OUT"' EXIT
run_timed() {
  local -n _secs=$1 _rss=$2
  shift 2
  local start end status=0
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$TIME_OUT" "$@" >/dev/null 2>"$ERR_OUT" || status=$?
  end=$(date +%s%N)
  _secs=$(awk -v ns="$((end - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')
  _rss=$(tail -n1 "$TIME_OUT" | tr -dc '0-9')
  return $status
}

# best_of OUTVAR_SECONDS OUTVAR_RSS RUNS CMD...: fastest time, largest RSS.
best_of() {
  local -n _best=$1 _maxrss=$2
  local runs=$3 i s r
  shift 3
  _best="" _maxrss=0
  for ((i = 0; i < runs; i++)); do
    run_timed s r "$@" || return $?
    if [ -z "$_best" ] || awk -v a="$s" -v b="$_best" 'BEGIN { exit !(a < b) }'; then _best=$s; fi
    [ "${r:-0}" -gt "$_maxrss" ] && _maxrss=$r
  done
  return 0
}

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "inf" }'; }

# Warm the page cache so the first timed tool does not pay for the disk.
cat "$BIG" "$SMALL" > /dev/null

# --- peers ------------------------------------------------------------------------
echo "timing tcpdump -r $BIG -w /dev/null (best of $RUNS) ..."
best_of tcpdump_s tcpdump_rss "$RUNS" tcpdump -r "$BIG" -w /dev/null || die "tcpdump failed: $(head -c 300 "$ERR_OUT")"
echo "timing tshark -T fields on $SMALL (one run) ..."
run_timed tshark_s tshark_rss tshark -r "$SMALL" -T fields -e eth.src -e arp.src.proto_ipv4 \
  || die "tshark failed: $(head -c 300 "$ERR_OUT")"

# --- netaudit -----------------------------------------------------------------------
netaudit_ok=true
netaudit_note=""
na_big_s="" na_big_rss="" na_small_s="" na_small_rss=""
if [ ! -x "$NETAUDIT_BIN" ]; then
  netaudit_ok=false
  netaudit_note="no netaudit binary at $NETAUDIT_BIN"
else
  echo "timing netaudit inventory on $BIG (best of $RUNS) ..."
  if best_of na_big_s na_big_rss "$RUNS" "$NETAUDIT_BIN" inventory --pcap "$BIG" --format json --output /dev/null \
     && { echo "timing netaudit inventory on $SMALL (best of $RUNS) ..."; \
          best_of na_small_s na_small_rss "$RUNS" "$NETAUDIT_BIN" inventory --pcap "$SMALL" --format json --output /dev/null; }; then
    :
  else
    status=$?
    netaudit_ok=false
    netaudit_note="netaudit inventory failed (exit $status): $(head -n 3 "$ERR_OUT" | tr '\n' ' ' | cut -c1-300)"
  fi
fi
if ! $netaudit_ok; then
  echo
  echo "NOTE: $netaudit_note"
  echo "      netaudit cannot be measured yet; the peer figures below are still valid."
fi

# --- report ---------------------------------------------------------------------------
tcpdump_mbps=$(mbps "$BIG_BYTES" "$tcpdump_s")
tshark_mbps=$(mbps "$SMALL_BYTES" "$tshark_s")
failures=0
verdict() {  # verdict AWK-CONDITION: prints PASS or FAIL
  if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi
}

echo
printf '%-34s %10s %10s %22s\n' "tool" "seconds" "MB/s" "ratio netaudit/peer"
printf '%-34s %10s %10s %22s\n' "----" "-------" "----" "-------------------"
if $netaudit_ok; then
  na_big_mbps=$(mbps "$BIG_BYTES" "$na_big_s")
  na_small_mbps=$(mbps "$SMALL_BYTES" "$na_small_s")
  # Per-byte time ratios: below 1 means netaudit is faster.
  ratio_tcpdump=$(awk -v a="$na_big_s" -v b="$tcpdump_s" 'BEGIN { printf "%.3f", a / b }')
  ratio_tshark=$(awk -v a="$na_big_s" -v ab="$BIG_BYTES" -v b="$tshark_s" -v bb="$SMALL_BYTES" \
    'BEGIN { printf "%.4f", (a / ab) / (b / bb) }')
  printf '%-34s %10s %10s %22s\n' "netaudit inventory (1 GiB)" "$na_big_s" "$na_big_mbps" "-"
  printf '%-34s %10s %10s %22s\n' "netaudit inventory (256 MiB)" "$na_small_s" "$na_small_mbps" "-"
else
  ratio_tcpdump="n/a" ratio_tshark="n/a"
  printf '%-34s %10s %10s %22s\n' "netaudit inventory" "n/a" "n/a" "-"
fi
printf '%-34s %10s %10s %22s\n' "tcpdump -r -w /dev/null (1 GiB)" "$tcpdump_s" "$tcpdump_mbps" "$ratio_tcpdump"
printf '%-34s %10s %10s %22s\n' "tshark -T fields (256 MiB, 1 run)" "$tshark_s" "$tshark_mbps" "$ratio_tshark"
echo

if $netaudit_ok; then
  echo "netaudit peak RSS: $((na_small_rss / 1024)) MB on 256 MiB, $((na_big_rss / 1024)) MB on 1 GiB"
  v_tcpdump=$(verdict "$ratio_tcpdump <= 1.0")
  v_tshark=$(verdict "$ratio_tshark <= 0.02")
  v_rss=$(verdict "$na_big_rss <= $RSS_LIMIT_KB && $na_small_rss <= $RSS_LIMIT_KB")
  speedup=$(awk -v r="$ratio_tshark" 'BEGIN { printf "%.0f", 1 / r }')
  echo "target: time ratio vs tcpdump <= 1.0       : $ratio_tcpdump  $v_tcpdump"
  echo "target: >= 50x faster than tshark per byte : ${speedup}x  $v_tshark"
  echo "target: peak RSS <= 64 MB on both sizes    : $((na_big_rss / 1024)) MB  $v_rss"
  failures=$(printf '%s\n' "$v_tcpdump" "$v_tshark" "$v_rss" | grep -c FAIL || true)
else
  v_tcpdump=untested v_tshark=untested v_rss=untested
  echo "targets: not verified (netaudit could not be measured)"
fi

json_num() { if [ -n "$1" ] && [ "$1" != "n/a" ]; then printf '%s' "$1"; else printf 'null'; fi; }
json_str() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
{
  printf '{\n'
  printf '  "generated_at": %s,\n' "$(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)")"
  printf '  "host": {"cpus": %s, "kernel": %s},\n' "$(nproc)" "$(json_str "$(uname -r)")"
  printf '  "captures": {\n'
  printf '    "large": {"path": %s, "bytes": %s, "devices": %s, "seed": %s},\n' "$(json_str "$BIG")" "$BIG_BYTES" "$DEVICES" "$SEED"
  printf '    "small": {"path": %s, "bytes": %s, "devices": %s, "seed": %s}\n' "$(json_str "$SMALL")" "$SMALL_BYTES" "$DEVICES" "$SEED"
  printf '  },\n'
  printf '  "runs": %s,\n' "$RUNS"
  printf '  "netaudit": {"measured": %s, "note": %s, "large_seconds": %s, "large_mb_per_s": %s, "large_peak_rss_kb": %s,\n' \
    "$netaudit_ok" "$(json_str "$netaudit_note")" "$(json_num "$na_big_s")" "$(json_num "${na_big_mbps:-}")" "$(json_num "$na_big_rss")"
  printf '               "small_seconds": %s, "small_mb_per_s": %s, "small_peak_rss_kb": %s},\n' \
    "$(json_num "$na_small_s")" "$(json_num "${na_small_mbps:-}")" "$(json_num "$na_small_rss")"
  printf '  "tcpdump": {"capture": "large", "seconds": %s, "mb_per_s": %s, "peak_rss_kb": %s},\n' "$tcpdump_s" "$tcpdump_mbps" "$(json_num "$tcpdump_rss")"
  printf '  "tshark": {"capture": "small", "seconds": %s, "mb_per_s": %s, "peak_rss_kb": %s},\n' "$tshark_s" "$tshark_mbps" "$(json_num "$tshark_rss")"
  printf '  "ratios": {"netaudit_over_tcpdump_time": %s, "netaudit_over_tshark_time_per_byte": %s},\n' \
    "$(json_num "$ratio_tcpdump")" "$(json_num "$ratio_tshark")"
  printf '  "targets": {"tcpdump_ratio_max": 1.0, "tshark_ratio_max": 0.02, "peak_rss_max_kb": %s,\n' "$RSS_LIMIT_KB"
  printf '              "tcpdump": "%s", "tshark": "%s", "rss": "%s"}\n' "${v_tcpdump,,}" "${v_tshark,,}" "${v_rss,,}"
  printf '}\n'
} > "$DATA/results.json"
echo "results written to $DATA/results.json"

# --- wireless ---------------------------------------------------------------------------
# netaudit's 802.11 pass vs tshark on a generated monitor-mode capture: same BSSs
# and security facts, time ratio (target >= 50x); see scripts/bench-wifi.sh.
wifi_status=0
NETAUDIT_BIN="$NETAUDIT_BIN" NETAUDIT_SYNTH="$NETAUDIT_SYNTH" BENCH_SEED="$SEED" BENCH_RUNS="$RUNS" \
  scripts/bench-wifi.sh || wifi_status=$?

if ! $netaudit_ok || [ "$failures" -gt 0 ] || [ "$wifi_status" -ne 0 ]; then exit 1; fi
