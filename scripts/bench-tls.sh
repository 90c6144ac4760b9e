#!/usr/bin/env bash
# Benchmark: `netaudit tls` against sslyze and nmap on the TLS lab (scripts/tls-lab.sh), in ONE run.
# Root only; every tool runs inside the lab's client namespace natls-client, traffic never leaves
# the lab (198.19.20.0/24 inside namespaces).
#
#   netaudit  netaudit tls <every endpoint, by name> --resolve NAME:PORT:IP … --ca-file <lab root>
#             --no-system-roots --profile profiles/recommended.yaml --format json   (starttls auto)
#   sslyze    ONE concurrent sslyze scan (its Python API: one Scanner, every endpoint queued,
#             per-endpoint SNI and STARTTLS; cipher suites SSLv2…TLS 1.3, certinfo with the lab
#             root, elliptic curves) — scripts/tls-oracle.py sslyze
#   nmap      nmap -Pn -n -p <all lab ports> --script ssl-enum-ciphers,ssl-cert <all lab IPs>
#
# Wall-clock time, best of BENCH_RUNS (default 3) each; then the weakness-by-tool grid: one row per
# planted weakness of lab/tls/expected.json, cell found / missed / n/a (the tool cannot judge that
# rule; mapping in docs/tls-lab.md), and every finding on the good server (false positives).
# Until `netaudit tls` exists, its column reads "not built" (or "no tls cmd") instead of failing.
# Results: stdout and bench-data/tls-results.json. Exit 0 when the benchmark ran (whatever it
# found), 2 when it could not run.
#
# Environment: NETAUDIT_BIN (default .build/release/netaudit), BENCH_RUNS (3), BENCH_TLS_SSLSCAN=1
# adds sslscan to the grid (untimed, ~20 s), BENCH_TLS_KEEP=1 leaves the lab up afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

NETAUDIT_BIN=$(realpath -m "${NETAUDIT_BIN:-.build/release/netaudit}")
RUNS=${BENCH_RUNS:-3}
DATA=bench-data
EXPECTED=lab/tls/expected.json
LAB=scripts/tls-lab.sh
ORACLE=scripts/tls-oracle.py
PY=$(command -v python3)

die() { echo "bench-tls: $*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
for pkg in nmap openssl iproute2; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || scripts/ensure-packages.sh "$pkg" || die "$pkg missing"
done
"$PY" -c 'import sslyze' 2>/dev/null || die "sslyze missing for $PY: python3 -m pip install sslyze==6.3.1"
mkdir -p "$DATA"
WORK=$(mktemp -d)
cleanup() { [ "${BENCH_TLS_KEEP:-0}" = 1 ] || "$LAB" down >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building the TLS lab (scripts/tls-lab.sh up) ..."
"$LAB" up | tail -n1
eval "$("$LAB" env)"
inlab() { ip netns exec "$NATLS_CLIENT_NS" "$@"; }

# timed NAME CMD…: one run; wall seconds appended to $WORK/NAME.times; exit codes 0/1/3 count as a
# completed run for netaudit (clean / findings / some endpoint unreachable), 0 for the others.
timed() {
  local name=$1 start end rc=0
  shift
  start=$(date +%s%N)
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  end=$(date +%s%N)
  echo "$rc" >"$WORK/$name.rc"
  if [[ $rc -ne 0 && ! ( $name == netaudit && ( $rc -eq 1 || $rc -eq 3 ) ) ]]; then
    echo "bench-tls: $name exited $rc: $(tail -n3 "$WORK/$name.err")" >&2
    return 1
  fi
  awk -v ns="$((end - start))" 'BEGIN { printf "%.3f\n", ns / 1e9 }' >>"$WORK/$name.times"
}
best_of() {
  local name=$1 i
  shift
  for ((i = 0; i < RUNS; i++)); do timed "$name" "$@" || return 1; sleep 0.3; done
}

# --- netaudit ---------------------------------------------------------------------------------
NETAUDIT_STATE="not built"
if [ -x "$NETAUDIT_BIN" ]; then
  # The subcommand must be listed in the root help (an older binary prints the root help for `tls --help`).
  if "$NETAUDIT_BIN" --help 2>/dev/null | grep -qE '^ +tls( |$)'; then
    mapfile -t NA_ARGS < <("$PY" - "$EXPECTED" <<'PY'
import json, sys
eps = json.load(open(sys.argv[1]))["endpoints"]
for ep in eps:
    print(f"{ep['sni']}:{ep['port']}")
for ep in eps:
    print("--resolve"); print(f"{ep['sni']}:{ep['port']}:{ep['ip']}")
PY
)
    NA_CMD=("$NETAUDIT_BIN" tls "${NA_ARGS[@]}" --starttls auto --ca-file "$NATLS_CA" --no-system-roots
            --profile profiles/recommended.yaml --format json --output "$WORK/netaudit.json" --timeout 5)
    echo "netaudit: ${NA_CMD[*]}" | sed "s|$WORK|\$WORK|g" | cut -c1-400
    if best_of netaudit inlab "${NA_CMD[@]}"; then
      NETAUDIT_STATE=ok
      "$PY" "$ORACLE" netaudit-rules "$WORK/netaudit.json" "$EXPECTED" "$WORK/netaudit-rules.json" \
        || NETAUDIT_STATE="bad output"
    else
      NETAUDIT_STATE="exit-$(cat "$WORK/netaudit.rc")"
    fi
  else
    NETAUDIT_STATE="no tls cmd"  # binary built before `netaudit tls` existed
  fi
fi
echo "netaudit: $NETAUDIT_STATE"

# --- sslyze -----------------------------------------------------------------------------------
echo "sslyze: one concurrent scan of every endpoint (scripts/tls-oracle.py sslyze) ..."
best_of sslyze "$PY" "$ORACLE" sslyze "$EXPECTED" "$WORK/sslyze-rules.json" --ca "$NATLS_CA" || die "sslyze failed"

# --- nmap -------------------------------------------------------------------------------------
read -r PORTS IPS < <("$PY" - "$EXPECTED" <<'PY'
import json, sys
eps = json.load(open(sys.argv[1]))["endpoints"]
ports = ",".join(str(p) for p in sorted({e["port"] for e in eps}))
ips = sorted({e["ip"] for e in eps}, key=lambda a: tuple(map(int, a.split("."))))
print(ports, " ".join(ips))
PY
)
# shellcheck disable=SC2086
NMAP_CMD=(nmap -Pn -n -p "$PORTS" --script ssl-enum-ciphers,ssl-cert -oX "$WORK/nmap.xml" $IPS)
echo "nmap: ${NMAP_CMD[*]}" | sed "s|$WORK|\$WORK|g"
best_of nmap inlab "${NMAP_CMD[@]}" || die "nmap failed"
"$PY" "$ORACLE" nmap-parse "$WORK/nmap.xml" "$EXPECTED" "$WORK/nmap-rules.json"

if [ "${BENCH_TLS_SSLSCAN:-0}" = 1 ] && command -v sslscan >/dev/null; then
  echo "sslscan: one run per endpoint (grid only, untimed) ..."
  "$PY" "$ORACLE" sslscan "$EXPECTED" "$WORK/sslscan-rules.json" || echo "bench-tls: sslscan failed" >&2
fi

# --- report -----------------------------------------------------------------------------------
"$PY" - "$EXPECTED" "$WORK" "$NETAUDIT_STATE" "$RUNS" "$DATA/tls-results.json" <<'PY'
import json, os, sys
expected, work, na_state, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
eps = json.load(open(expected))["endpoints"]

def times(name):
    p = os.path.join(work, name + ".times")
    return [float(x) for x in open(p).read().split()] if os.path.exists(p) else []

def rules(name):
    p = os.path.join(work, name + "-rules.json")
    return json.load(open(p)) if os.path.exists(p) else None

tools = ["netaudit", "sslyze", "nmap"] + (["sslscan"] if os.path.exists(os.path.join(work, "sslscan-rules.json")) else [])
res = {t: rules(t) for t in tools}
best = {t: min(times(t)) for t in ["netaudit", "sslyze", "nmap"] if times(t)}

print(f"\n== Wall-clock time, best of {runs} (all {len(eps)} endpoints, from natls-client)")
ref = best.get("netaudit")
print(f"{'tool':<10} {'best s':>8}  {'runs':<24} {'time/netaudit':>14}")
for t in ["netaudit", "sslyze", "nmap"]:
    if t in best:
        ratio = f"{best[t] / ref:.2f}x" if ref else "-"
        print(f"{t:<10} {best[t]:>8.3f}  {' '.join(f'{x:.2f}' for x in times(t)):<24} {ratio:>14}")
    else:
        print(f"{t:<10} {'-':>8}  {na_state if t == 'netaudit' else 'failed':<24} {'-':>14}")
if not ref and "sslyze" in best and "nmap" in best:
    print(f"(netaudit {na_state}; nmap/sslyze = {best['nmap'] / best['sslyze']:.2f})")

def cell(t, key, rule):
    r = res.get(t)
    if r is None:
        return na_state if t == "netaudit" else "n/a"
    e = r.get(key) or {}
    if rule in (e.get("rules") or []):
        return "found"
    if rule in (e.get("na") or []):
        return "n/a"
    return "missed"

print("\n== Planted weaknesses by tool (recommended profile; found / missed / n/a = the tool cannot judge it)")
hdr = f"{'endpoint':<11} {'rule':<27}" + "".join(f" {t:<11}" for t in tools)
print(hdr)
grid = []
for ep in eps:
    key = f"{ep['ip']}:{ep['port']}"
    for rule in ep["weaknesses"]:
        row = {"endpoint": ep["id"], "address": key, "rule": rule, **{t: cell(t, key, rule) for t in tools}}
        grid.append(row)
        print(f"{ep['id']:<11} {rule:<27}" + "".join(f" {row[t]:<11}" for t in tools))
totals = {t: sum(1 for r in grid if r[t] == "found") for t in tools}
print(f"{'found':<39}" + "".join(f" {str(totals[t]) + '/' + str(len(grid)):<11}" for t in tools))

print("\n== Findings beyond the planted ones (false positives unless listed as also_expected/tolerated)")
fp = {}
for t in tools:
    r = res.get(t)
    if r is None:
        continue
    for ep in eps:
        key = f"{ep['ip']}:{ep['port']}"
        allowed = set(ep["weaknesses"]) | set(ep.get("also_expected", [])) | set(ep.get("tolerated", []))
        extra = sorted(set((r.get(key) or {}).get("rules") or []) - allowed)
        if extra:
            fp.setdefault(t, {})[ep["id"]] = extra
good = [ep for ep in eps if ep["id"] == "good"]
for t in tools:
    if res.get(t) is None:
        print(f"{t:<10} {na_state if t == 'netaudit' else 'no result'}")
        continue
    g = fp.get(t, {}).get("good", [])
    others = {k: v for k, v in fp.get(t, {}).items() if k != "good"}
    print(f"{t:<10} good server: {', '.join(g) if g else 'none'}" + (f"; elsewhere: {others}" if others else ""))
if res.get("netaudit") and res["netaudit"].get("_unmatched"):
    print(f"netaudit findings not matched to an endpoint: {res['netaudit']['_unmatched']}")

json.dump({"runs": runs, "times": {t: times(t) for t in ["netaudit", "sslyze", "nmap"]}, "best": best,
           "netaudit": na_state, "grid": grid, "extra_findings": fp}, open(out, "w"), indent=1)
print(f"\nresults: {out}")
PY
