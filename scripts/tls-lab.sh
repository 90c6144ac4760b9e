#!/usr/bin/env bash
# The TLS lab: servers with planted weaknesses inside network namespaces, for `netaudit tls`
# tests and the peer-tool benchmark (scripts/bench-tls.sh). Root only.
#
#   scripts/tls-lab.sh up       build it (down first if it is up); ~2-4 s
#   scripts/tls-lab.sh down     remove exactly what up made (recorded PIDs and namespaces); idempotent
#   scripts/tls-lab.sh status   namespaces, addresses, endpoints and whether each one listens
#   scripts/tls-lab.sh env      shell-sourceable variables (NATLS_CA, NATLS_CLIENT_NS, NATLS_ENDPOINTS …)
#   scripts/tls-lab.sh exec CMD…  run a command in the client namespace natls-client
#
# Layout (docs/tls-lab.md): a bridge in natls-sw, the client natls-client at 198.19.20.2, and one
# server namespace natls-srv holding one address per endpoint (198.19.20.10 …). The endpoints and
# their planted weaknesses are documented in lab/tls/expected.json (keep the table below in sync).
#
# Safety: addresses from 198.19.20.0/24 (RFC 2544 space) only, all inside namespaces this script
# creates; nothing is added to the root namespace (no link, address or route); no namespace has
# a default route; IPv6 is off in every lab namespace. Every process is started through `spawn`,
# which records its PID in $STATE/pids; `down` kills exactly those PIDs and deletes exactly the
# namespaces listed in $STATE/namespaces, then the state directory.
set -Eeuo pipefail

P=natls
STATE="${NATLS_STATE:-/run/netaudit-tlslab}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=netns-lib.sh
source "$HERE/scripts/netns-lib.sh"
LABDIR="$HERE/lab/tls"
SYSPY=/usr/bin/python3
NET=198.19.20
CLIENT_IP=$NET.2
PKI="$STATE/pki"

# id          address     port(s)  server   cert (leaf name or special)
ENDPOINTS=(
  "good       $NET.10  443  good     good.lab.test"
  "legacy     $NET.11  443  legacy   legacy.lab.test"
  "weak       $NET.12  443  weak     weak.lab.test"
  "expired    $NET.13  443  good     expired.lab.test"
  "expiring   $NET.14  443  good     expiring.lab.test"
  "selfsigned $NET.15  443  good     selfsigned.lab.test"
  "weakkey    $NET.16  443  good     weakkey.lab.test"
  "mismatch   $NET.17  443  good     other.lab.test"
  "chain      $NET.18  443  nochain  chain.lab.test"
  "smtp       $NET.20  25   mail     smtp"
  "smtpplain  $NET.21  25   mail     smtp-plain"
  "imap       $NET.22  143  mail     imap"
  "pop3       $NET.23  110  mail     pop3"
  "submission $NET.24  587  mail     smtp"
  "ancient    $NET.30  443  ancient  ancient.lab.test"
)

die() { echo "tls-lab: $*" >&2; exit 1; }
ns() { echo "$P-$1"; }
record_ns() { echo "$1" >>"$STATE/namespaces"; }
spawn() {  # spawn NAMESPACE TAG CMD…: background process in a lab namespace, PID recorded
  local n=$1 tag=$2; shift 2
  ip netns exec "$n" "$@" >>"$STATE/$tag.log" 2>&1 </dev/null &
  echo "$! $tag" >>"$STATE/pids"
}
make_ns() {
  local n; n=$(ns "$1")
  ip netns add "$n"
  record_ns "$n"
  ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$n" link set lo up
}
plug() {  # plug NAME: namespace NAME with eth0, its peer p-NAME on the bridge
  local name=$1
  make_ns "$name"
  ip -n "$(ns sw)" link add "p-$name" type veth peer name eth0 netns "$(ns "$name")"
  ip -n "$(ns sw)" link set "p-$name" master br0 up
  ip -n "$(ns "$name")" link set eth0 up
}

# The python3 that has tlslite-ng (PATH first: .ci/run installs it with `python3 -m pip`).
find_tlslite_py() {
  local py
  for py in "$(command -v python3 || true)" "$SYSPY"; do
    [[ -n $py ]] && "$py" -c 'import sys, tlslite; print(sys.executable)' 2>/dev/null && return 0
  done
  return 1
}

prereqs() {
  [[ $EUID -eq 0 ]] || die "up needs root (network namespaces)"
  local missing=() c
  for c in ip openssl "$SYSPY"; do command -v "$c" >/dev/null || missing+=("$c"); done
  [[ ${#missing[@]} -eq 0 ]] || die "missing: ${missing[*]} (scripts/ensure-packages.sh iproute2 openssl python3, or make tls-lab-up)"
  TLSPY=$(find_tlslite_py) || die "tlslite-ng is missing (the ancient SSLv3/RC4 server needs it): python3 -m pip install tlslite-ng==0.8.2"
}

# --- certificates (openssl CLI) ---------------------------------------------------------------
SERIAL=4096
ext_leaf() {  # ext_leaf NAME…: extension file for a server leaf naming NAME…
  local sans="" n
  for n in "$@"; do sans+="${sans:+,}DNS:$n"; done
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" "subjectAltName=$sans"
}
# leaf OUT KEY DAYS MD NAME…: a leaf signed by the intermediate.
leaf() {
  local out=$1 key=$2 days=$3 md=$4; shift 4
  ext_leaf "$@" >"$PKI/$out.ext"
  SERIAL=$((SERIAL + 1))
  openssl req -new -key "$PKI/$key" -subj "/CN=$1" -out "$PKI/$out.csr"
  openssl x509 -req -in "$PKI/$out.csr" -CA "$PKI/int.pem" -CAkey "$PKI/int.key" -set_serial "$SERIAL" \
    -days "$days" "-$md" -extfile "$PKI/$out.ext" -out "$PKI/$out.pem"
  cat "$PKI/$out.pem" "$PKI/int.pem" >"$PKI/$out-chain.pem"
}

make_pki() {
  mkdir -p "$PKI/ca/new"
  local k
  # Keys: root, intermediate, one RSA-2048 key shared by the lab's leaves, one RSA-1024 key.
  for k in root int leaf; do openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI/$k.key" 2>/dev/null & done
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$PKI/weak1024.key" 2>/dev/null
  # 1024-bit finite-field DH group (RFC 5114 section 2.1) for the weak-suites server's DHE suites.
  openssl genpkey -genparam -algorithm DH -pkeyopt dh_rfc5114:1 -out "$PKI/dh1024.pem"
  wait
  printf '%s\n' "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
    "subjectKeyIdentifier=hash" >"$PKI/root.ext"
  openssl req -new -key "$PKI/root.key" -subj "/O=netaudit TLS lab/CN=netaudit TLS lab root CA" -out "$PKI/root.csr"
  openssl x509 -req -in "$PKI/root.csr" -signkey "$PKI/root.key" -days 3650 -sha256 -set_serial 1 \
    -extfile "$PKI/root.ext" -out "$PKI/root.pem" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,keyCertSign,cRLSign" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" >"$PKI/int.ext"
  openssl req -new -key "$PKI/int.key" -subj "/O=netaudit TLS lab/CN=netaudit TLS lab intermediate CA" -out "$PKI/int.csr"
  openssl x509 -req -in "$PKI/int.csr" -CA "$PKI/root.pem" -CAkey "$PKI/root.key" -set_serial 2 -days 1825 -sha256 \
    -extfile "$PKI/int.ext" -out "$PKI/int.pem"

  leaf good leaf.key 365 sha256 good.lab.test
  leaf legacy leaf.key 365 sha256 legacy.lab.test
  leaf weak leaf.key 365 sha256 weak.lab.test
  leaf expiring leaf.key 10 sha256 expiring.lab.test
  leaf weakkey weak1024.key 365 sha1 weakkey.lab.test
  leaf mismatch leaf.key 365 sha256 other.lab.test
  leaf chain leaf.key 365 sha256 chain.lab.test
  leaf ancient leaf.key 365 sha256 ancient.lab.test
  leaf mail leaf.key 365 sha256 mail.lab.test smtp.lab.test smtpplain.lab.test imap.lab.test pop3.lab.test submission.lab.test
  # Expired: `openssl ca` is the CLI that takes explicit dates (valid 400 … 35 days ago).
  : >"$PKI/ca/index.txt"; echo 1000 >"$PKI/ca/serial"
  cat >"$PKI/ca.cnf" <<EOF
[ ca ]
default_ca = lab
[ lab ]
dir = $PKI/ca
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = anything
unique_subject = no
[ anything ]
commonName = supplied
EOF
  ext_leaf expired.lab.test >"$PKI/expired.ext"
  openssl req -new -key "$PKI/leaf.key" -subj "/CN=expired.lab.test" -out "$PKI/expired.csr"
  openssl ca -batch -notext -config "$PKI/ca.cnf" -cert "$PKI/int.pem" -keyfile "$PKI/int.key" \
    -startdate "$(date -u -d '-400 days' +%Y%m%d%H%M%SZ)" -enddate "$(date -u -d '-35 days' +%Y%m%d%H%M%SZ)" \
    -extfile "$PKI/expired.ext" -in "$PKI/expired.csr" -out "$PKI/expired.pem"
  cat "$PKI/expired.pem" "$PKI/int.pem" >"$PKI/expired-chain.pem"
  # Self-signed leaf (not a CA) for selfsigned.lab.test.
  ext_leaf selfsigned.lab.test | grep -v authorityKeyIdentifier >"$PKI/selfsigned.ext"
  openssl req -new -key "$PKI/leaf.key" -subj "/CN=selfsigned.lab.test" -out "$PKI/selfsigned.csr"
  openssl x509 -req -in "$PKI/selfsigned.csr" -signkey "$PKI/leaf.key" -days 365 -sha256 -set_serial 77 \
    -extfile "$PKI/selfsigned.ext" -out "$PKI/selfsigned.pem" 2>/dev/null
  cp "$PKI/root.pem" "$STATE/root.pem"
  cat "$PKI/root.pem" "$PKI/int.pem" >"$STATE/ca-bundle.pem"
}

# --- servers ----------------------------------------------------------------------------------
GOOD_CIPHERS='ECDHE+AESGCM:ECDHE+CHACHA20'
s_server() {  # s_server ID ADDR PORT EXTRA-ARGS…
  local id=$1 addr=$2 port=$3; shift 3
  spawn "$(ns srv)" "$id" openssl s_server -quiet -www -accept "$addr:$port" "$@"
}
start_endpoint() {
  local id=$1 addr=$2 port=$3 kind=$4 cert=$5
  case "$kind" in
    good)
      local key=leaf.key sec=""
      [[ $id == weakkey ]] && { key=weak1024.key; sec=":@SECLEVEL=0"; }
      local crt="$PKI/$id.pem" chain=(-cert_chain "$PKI/int.pem")
      [[ $id == selfsigned ]] && chain=()
      s_server "$id" "$addr" "$port" -cert "$crt" -key "$PKI/$key" "${chain[@]}" \
        -min_protocol TLSv1.2 -max_protocol TLSv1.3 -cipher "$GOOD_CIPHERS$sec" ;;
    nochain)  # leaf only; -no-CA* so OpenSSL cannot complete the chain from a store either
      s_server "$id" "$addr" "$port" -cert "$PKI/$id.pem" -key "$PKI/leaf.key" -no-CAfile -no-CApath -no-CAstore \
        -min_protocol TLSv1.2 -max_protocol TLSv1.3 -cipher "$GOOD_CIPHERS" ;;
    legacy)
      s_server "$id" "$addr" "$port" -cert "$PKI/$id.pem" -key "$PKI/leaf.key" -cert_chain "$PKI/int.pem" \
        -min_protocol TLSv1 -max_protocol TLSv1.2 -cipher 'ECDHE+AESGCM:ECDHE+AES:@SECLEVEL=0' ;;
    weak)
      s_server "$id" "$addr" "$port" -cert "$PKI/$id.pem" -key "$PKI/leaf.key" -cert_chain "$PKI/int.pem" \
        -min_protocol TLSv1.2 -max_protocol TLSv1.2 -dhparam "$PKI/dh1024.pem" \
        -cipher 'ECDHE+AESGCM:kDHE:kRSA:aNULL:eNULL:@SECLEVEL=0' ;;
    ancient)
      spawn "$(ns srv)" "$id" "$TLSPY" "$LABDIR/ancient-server.py" "$addr" "$port" "$PKI/$id-chain.pem" "$PKI/leaf.key" ;;
    mail) MAILSPECS+=("$addr:$port:$cert:$id.lab.test") ;;
    *) die "unknown endpoint kind $kind" ;;
  esac
}

wait_listening() {  # every endpoint accepts TCP from the client namespace, within 8 s
  local targets=() line id addr port rest
  for line in "${ENDPOINTS[@]}"; do read -r id addr port rest <<<"$line"; targets+=("$addr:$port"); done
  ip netns exec "$(ns client)" "$SYSPY" - "${targets[@]}" <<'PY'
import socket, sys, time
left, deadline = set(sys.argv[1:]), time.time() + 8
while left and time.time() < deadline:
    for t in sorted(left):
        a, p = t.rsplit(":", 1)
        try:
            socket.create_connection((a, int(p)), timeout=0.5).close(); left.discard(t)
        except OSError:
            pass
    if left: time.sleep(0.1)
if left:
    sys.exit("not listening: " + " ".join(sorted(left)))
PY
}

up() {
  prereqs
  [[ -d "$STATE" ]] && down >/dev/null
  local stale; stale=$(ip netns list | awk '{print $1}' | grep -E "^$P-(sw|client|srv)\$" || true)
  [[ -z $stale ]] || die "namespaces left from an earlier lab without state dir: $(echo $stale); remove them: ip netns del NAME"
  local t0; t0=$(date +%s%N)
  mkdir -p "$PKI"
  : >"$STATE/namespaces"; : >"$STATE/pids"
  exec 3>&2  # the trap may fire inside make_pki, whose stderr goes to pki.log
  trap 'echo "tls-lab: up failed (line $LINENO); tearing down" >&3; tail -n5 "$STATE/pki.log" >&3 2>/dev/null || true
        down >/dev/null 2>&1 || true' ERR
  make_pki 2>"$STATE/pki.log"

  make_ns sw
  ip -n "$(ns sw)" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$(ns sw)" link set br0 up
  plug client
  ip -n "$(ns client)" addr add "$CLIENT_IP/24" dev eth0
  plug srv
  local line id addr port kind cert
  MAILSPECS=()
  for line in "${ENDPOINTS[@]}"; do
    read -r id addr port kind cert <<<"$line"
    ip -n "$(ns srv)" -4 -o addr show dev eth0 | grep -q " $addr/" || ip -n "$(ns srv)" addr add "$addr/24" dev eth0
    start_endpoint "$id" "$addr" "$port" "$kind" "$cert"
  done
  spawn "$(ns srv)" mail "$SYSPY" "$LABDIR/mailserver.py" --cert "$PKI/mail-chain.pem" --key "$PKI/leaf.key" "${MAILSPECS[@]}"
  if ! wait_listening; then
    trap - ERR
    echo "tls-lab: some endpoints did not come up; last log lines:" >&2
    local f
    for f in "$STATE"/*.log; do [[ $f == */pki.log || ! -s $f ]] || { echo "== $f"; tail -n3 "$f"; }; done >&2
    down >/dev/null 2>&1 || true
    exit 1
  fi
  trap - ERR
  echo "tls-lab: up in $(awk -v ns="$(( $(date +%s%N) - t0 ))" 'BEGIN { printf "%.1f", ns / 1e9 }') s: ${#ENDPOINTS[@]} endpoints on $NET.0/24, client $(ns client) $CLIENT_IP, CA $STATE/root.pem"
}

down() { netns_teardown "tls-lab"; }

status() {
  [[ -f "$STATE/namespaces" ]] || { echo "tls-lab: down"; return 0; }
  echo "tls-lab: up (state $STATE); namespaces: $(tr '\n' ' ' <"$STATE/namespaces")"
  local alive=0 total=0 pid rest
  while read -r pid rest; do total=$((total + 1)); kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done <"$STATE/pids"
  echo "processes: $alive/$total alive"
  local line id addr port kind cert
  printf '%-11s %-18s %-8s %s\n' ID ENDPOINT SERVER LISTENING
  for line in "${ENDPOINTS[@]}"; do
    read -r id addr port kind cert <<<"$line"
    local l=no
    ip netns exec "$(ns srv)" ss -Hltn "src $addr:$port" 2>/dev/null | grep -q . && l=yes
    printf '%-11s %-18s %-8s %s\n' "$id" "$addr:$port" "$kind" "$l"
  done
}

env_vars() {
  cat <<EOF
NATLS_STATE=$STATE
NATLS_CA=$STATE/root.pem
NATLS_CA_BUNDLE=$STATE/ca-bundle.pem
NATLS_CLIENT_NS=$(ns client)
NATLS_CLIENT_IP=$CLIENT_IP
NATLS_SERVER_NS=$(ns srv)
NATLS_NET=$NET.0/24
NATLS_ENDPOINTS=$LABDIR/expected.json
NATLS_TLSLITE_PY=$(find_tlslite_py || echo "")
export NATLS_STATE NATLS_CA NATLS_CA_BUNDLE NATLS_CLIENT_NS NATLS_CLIENT_IP NATLS_SERVER_NS NATLS_NET NATLS_ENDPOINTS NATLS_TLSLITE_PY
EOF
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) env_vars ;;
  exec) shift; [[ $# -ge 1 ]] || die "usage: tls-lab.sh exec CMD…"; exec ip netns exec "$(ns client)" "$@" ;;
  *) echo "usage: scripts/tls-lab.sh up|down|status|env|exec CMD…" >&2; exit 2 ;;
esac
