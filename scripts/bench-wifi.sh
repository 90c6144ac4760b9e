#!/usr/bin/env bash
# Wireless benchmark (run by scripts/bench.sh, or alone): netaudit's 802.11 pass
# against tshark on one generated monitor-mode capture (netaudit-synth wifi:
# radiotap beacons and probe responses, every security class, WPS, hidden SSIDs).
#
#   bench-data/wifi-1m.pcap   BENCH_WIFI_FRAMES frames (default 1,000,000) from
#                             BENCH_WIFI_BSSES BSSs (default 2000), seed BENCH_SEED
#
# Same facts from both: per BSSID, from its first beacon, the SSID bytes, the
# Privacy bit, the RSN group/pairwise/AKM suites, MFPR/MFPC, the WPA1 element,
# the WPS state and the channel, plus the class derived from them
# (docs/wireless-json.md) against netaudit's security_class. Every BSS must
# agree (same BSS set, same facts). Time: netaudit best of BENCH_RUNS, tshark
# one run, both wall clock on the same file. Target: netaudit >= 50x faster.
# Results: stdout and bench-data/results-wifi.json. Exit 0 when the results
# agree and the target is met, 1 otherwise, 2 when a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

NETAUDIT_BIN=${NETAUDIT_BIN:-.build/release/netaudit}
NETAUDIT_SYNTH=${NETAUDIT_SYNTH:-.build/release/netaudit-synth}
SEED=${BENCH_SEED:-1}
FRAMES=${BENCH_WIFI_FRAMES:-1000000}
BSSES=${BENCH_WIFI_BSSES:-2000}
RUNS=${BENCH_RUNS:-3}
DATA=bench-data
TARGET=50

die() { echo "bench-wifi: $*" >&2; exit 2; }
[ -x "$NETAUDIT_SYNTH" ] || die "no generator at $NETAUDIT_SYNTH (run 'make build' or set NETAUDIT_SYNTH)"
[ -x "$NETAUDIT_BIN" ] || die "no netaudit at $NETAUDIT_BIN (run 'make build' or set NETAUDIT_BIN)"
for tool in tshark python3 sha256sum; do command -v "$tool" >/dev/null || die "$tool is missing (run 'make test-deps')"; done
mkdir -p "$DATA"

echo
echo "== wireless: netaudit wifi vs tshark on a generated 802.11 capture"
FILE="$DATA/wifi-1m.pcap"
STAMP="$DATA/wifi-1m.stamp"
args="wifi --frames $FRAMES --bsses $BSSES --seed $SEED"
want="$(sha256sum "$NETAUDIT_SYNTH" | cut -d' ' -f1) $args"
if [ -f "$FILE" ] && [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "$want" ] && [ "$(sed -n 2p "$STAMP")" = "$(stat -c %s "$FILE")" ]; then
  echo "reusing $FILE ($args)"
else
  echo "generating $FILE ($args) ..."
  rm -f "$STAMP"
  # shellcheck disable=SC2086
  "$NETAUDIT_SYNTH" $args --output "$FILE"
  printf '%s\n%s\n' "$want" "$(stat -c %s "$FILE")" > "$STAMP"
fi
BYTES=$(stat -c %s "$FILE")
cat "$FILE" > /dev/null

NA_JSON="$DATA/wifi-netaudit.json"
TS_TSV="$DATA/wifi-tshark.tsv"
now() { date +%s%N; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

echo "timing netaudit wifi --pcap $FILE --format json (best of $RUNS) ..."
best=""
for ((i = 0; i < RUNS; i++)); do
  start=$(now)
  "$NETAUDIT_BIN" wifi --pcap "$FILE" --format json --output "$NA_JSON" || die "netaudit wifi failed"
  end=$(now)
  s=$(secs $((end - start)))
  if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
done
na_s=$best

echo "timing tshark -Y wlan.fc.type_subtype==8 -T fields on the same file (one run) ..."
start=$(now)
tshark -r "$FILE" -n -Y 'wlan.fc.type_subtype==8' -T fields -E separator=/t -E occurrence=a -E aggregator=, \
  -e wlan.bssid -e wlan.ssid -e wlan.fixed.capabilities.privacy -e wlan.rsn.gcs.type -e wlan.rsn.pcs.type \
  -e wlan.rsn.akms.type -e wlan.rsn.capabilities.mfpr -e wlan.rsn.capabilities.mfpc -e wlan.wfa.ie.wpa.version \
  -e wps.wifi_protected_setup_state -e wlan.ds.current_channel > "$TS_TSV" 2>/dev/null || die "tshark failed"
end=$(now)
ts_s=$(secs $((end - start)))

compare=$(python3 - "$NA_JSON" "$TS_TSV" <<'PY'
import json, sys
CIPHER = {"use-group": 0, "WEP-40": 1, "TKIP": 2, "CCMP-128": 4, "WEP-104": 5, "BIP-CMAC-128": 6, "GCMP-128": 8,
          "GCMP-256": 9, "CCMP-256": 10, "BIP-GMAC-128": 11, "BIP-GMAC-256": 12, "BIP-CMAC-256": 13}
AKM = {"802.1X": 1, "PSK": 2, "FT-802.1X": 3, "FT-PSK": 4, "802.1X-SHA256": 5, "PSK-SHA256": 6, "SAE": 8, "FT-SAE": 9,
       "802.1X-SUITE-B": 11, "802.1X-SUITE-B-192": 12, "FT-802.1X-SHA384": 13, "OWE": 18, "SAE-EXT-KEY": 24, "FT-SAE-EXT-KEY": 25}
def ints(s): return [int(x, 0) for x in s.split(",") if x]
def flag(s): return None if s == "" else s.split(",")[0] in ("1", "True")
def klass(privacy, group, akms, mfpr, rsn, wpa1):
    # docs/wireless-json.md "Classification", from tshark's fields.
    if not rsn: return "wpa" if wpa1 else ("wep" if privacy else "open")
    if wpa1 or group == 2: return "wpa/wpa2-mixed"
    a = set(akms)
    if 18 in a: return "owe"
    if 12 in a: return "wpa3-enterprise-192"
    sae, psk, eap = a & {8, 9, 24, 25}, a & {2, 4, 6, 19, 20}, a & {1, 3, 5, 11, 13, 14, 15, 16, 17}
    if sae and psk: return "wpa2/wpa3-transition"
    if sae: return "wpa3-personal"
    if psk: return "wpa2-personal"
    if eap: return "wpa3-enterprise" if not (a & {1, 3}) and mfpr else "wpa2-enterprise"
    return "unknown"
theirs = {}
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    f = line.rstrip("\n").split("\t")
    if len(f) < 11 or not f[0] or f[0] in theirs: continue
    rsn = f[4] != "" or f[5] != "" or f[3] != ""
    ssid = "" if f[1] in ("", "<MISSING>") else f[1].split(",")[0].lower()
    group = (ints(f[3]) or [None])[0]
    t = dict(ssid=ssid, privacy=f[2].split(",")[0] in ("1", "True"), group=group, pairwise=ints(f[4]), akms=ints(f[5]),
             mfpr=flag(f[6]) if rsn else None, mfpc=flag(f[7]) if rsn else None, wpa1=f[8] != "",
             wps=(ints(f[9]) or [None])[0], channel=(ints(f[10]) or [None])[0])
    t["class"] = klass(t["privacy"], group, t["akms"], t["mfpr"], rsn, t["wpa1"])
    theirs[f[0]] = t
ours = {}
for b in json.load(open(sys.argv[1]))["wireless"]["bsses"]:
    if b["beacons"] == 0: continue
    r = b.get("rsn")
    wps = b.get("wps") or {}
    ours[b["bssid"]] = dict(ssid=b["ssid_hex"], privacy=b["privacy"], group=CIPHER.get(r["group_cipher"], -1) if r and r.get("group_cipher") else None,
        pairwise=[CIPHER.get(c, -1) for c in r["pairwise_ciphers"]] if r else [], akms=[AKM.get(a, -1) for a in r["akms"]] if r else [],
        mfpr=r["mfp_required"] if r else None, mfpc=r["mfp_capable"] if r else None, wpa1=b.get("wpa") is not None,
        wps={"unconfigured": 1, "configured": 2}.get(wps.get("state"), -1) if b.get("wps") else None, channel=b.get("channel"),
        **{"class": b["security_class"]})
agree = sum(1 for k in theirs if ours.get(k) == theirs[k])
diffs = [k for k in sorted(set(theirs) | set(ours)) if ours.get(k) != theirs.get(k)]
for k in diffs[:5]:
    print(f"  differs {k}: netaudit {ours.get(k)} tshark {theirs.get(k)}", file=sys.stderr)
classes = sorted({t["class"] for t in theirs.values()})
print(len(theirs), len(ours), agree, len(diffs), " ".join(classes))
PY
)
read -r ts_bsses na_bsses agree ndiff classes <<<"$compare"
ratio=$(awk -v a="$ts_s" -v b="$na_s" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }')
frames_per_s=$(awk -v f="$FRAMES" -v s="$na_s" 'BEGIN { printf "%.2f", f / s / 1e6 }')
same=$([ "$ndiff" -eq 0 ] && [ "$ts_bsses" -eq "$na_bsses" ] && echo yes || echo no)
fast=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { exit !(r >= t) }' && echo PASS || echo FAIL)
printf '%-44s %10s\n' "capture" "$FILE ($FRAMES frames, $((BYTES / 1000000)) MB, $BSSES BSSs)"
printf '%-44s %10s s  (%s M frames/s)\n' "netaudit wifi --format json (best of $RUNS)" "$na_s" "$frames_per_s"
printf '%-44s %10s s\n' "tshark -Y wlan.fc.type_subtype==8 -T fields" "$ts_s"
echo "BSSs: tshark $ts_bsses, netaudit $na_bsses; agreeing on every fact: $agree; differing: $ndiff"
echo "classes covered: $classes"
echo "target: same results                      : $same  $([ "$same" = yes ] && echo PASS || echo FAIL)"
echo "target: >= ${TARGET}x faster than tshark        : ${ratio}x  $fast"
{
  printf '{"capture": {"path": "%s", "frames": %s, "bytes": %s, "bsses": %s, "seed": %s},\n' "$FILE" "$FRAMES" "$BYTES" "$BSSES" "$SEED"
  printf ' "netaudit_seconds": %s, "tshark_seconds": %s, "speedup": %s, "target_speedup": %s,\n' "$na_s" "$ts_s" "$ratio" "$TARGET"
  printf ' "bsses": {"tshark": %s, "netaudit": %s, "agree": %s, "differ": %s}, "same_results": %s, "speed": "%s"}\n' \
    "$ts_bsses" "$na_bsses" "$agree" "$ndiff" "$([ "$same" = yes ] && echo true || echo false)" "${fast,,}"
} > "$DATA/results-wifi.json"
echo "results written to $DATA/results-wifi.json"
[ "$same" = yes ] && [ "$fast" = PASS ]
