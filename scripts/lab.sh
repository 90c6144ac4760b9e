#!/usr/bin/env bash
# The lab office: a small LAN built from Linux network namespaces, for scan tests and demos.
#
#   scripts/lab.sh up | down | status | exec HOST CMD… | dhcp CLIENT
#   scripts/lab.sh bench-up [N [F]] | bench-filter on|off | bench-exec HOST CMD… | bench-down
#
# Safety: everything lives in namespaces this script creates (the bridge too, in $P-sw), with
# addresses from 198.18.0.0/24 only (RFC 2544 benchmarking space). Nothing is added to the root
# namespace: no address, no link, no route; no namespace has a default route. IPv6 is disabled in
# every lab namespace so no link-local address appears either, unless LAB_IPV6=1 (then link-local and
# 2001:2:0:1::/64 only, RFC 5180 benchmarking space, no RA, no default route). Every process started is recorded
# by PID in the state dir, and `down` kills exactly those PIDs and deletes exactly the namespaces
# listed there. `down` is idempotent. LAB_PREFIX (default nalab) names everything, so a test can
# run its own lab beside a developer's.
set -euo pipefail

P="${LAB_PREFIX:-nalab}"
[[ "$P" =~ ^[a-z][a-z0-9]{1,9}$ ]] || { echo "lab: LAB_PREFIX must be 2-10 lowercase letters/digits" >&2; exit 2; }
STATE="${LAB_STATE:-/run/netaudit-lab-$P}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=netns-lib.sh
source "$HERE/netns-lib.sh"
PY=/usr/bin/python3
NET=198.18.0
SCAN_IP=$NET.250
# LAB_IPV6=1: IPv6 on in the host namespaces (link-local plus 2001:2:0:1::N/64 from the RFC 5180
# benchmarking range, no router advertisements, no default route) for the neighbour-discovery tests.
V6=${LAB_IPV6:-0}
NET6=2001:2:0:1
V6N=0
# LAB_ROUTED=1: a branch subnet 198.18.1.0/24 on a second bridge behind the router namespace (which
# forwards between its eth0 198.18.0.1 and eth1 198.18.1.1), with two hosts; the scanner gets a route to
# it via 198.18.0.1 (no default route anywhere). For the routed-ping tests.
ROUTED=${LAB_ROUTED:-0}
NET1=198.18.1
BRANCH=(
  "branch1  00:1b:21:4e:03:10  $NET1.10  ssh"
  "branch2  00:00:0c:4e:03:20  $NET1.20  http,telnet"
)

# name  mac                 address  services (comma list: ssh telnet http tls smtp snmp)
HOSTS=(
  "router   00:00:0c:4e:01:01  $NET.1   ssh,telnet,dhcp"
  "yamaha   00:a0:de:4e:01:02  $NET.2   http,telnet"
  "nas      00:16:01:4e:01:10  $NET.10  ssh,http,tls"
  "srv      f8:bc:12:4e:01:11  $NET.11  ssh,smtp,tls"
  "printer  3c:d9:2b:4e:01:20  $NET.20  http,telnet,snmp"
  "pi       b8:27:eb:4e:01:30  $NET.30  ssh"
  "rogue    ec:08:6b:4e:01:66  $NET.66  ssh,http"
  "pcdell   f8:bc:12:4e:02:01  dhcp     -"
  "pclenovo 10:c5:95:4e:02:02  dhcp     -"
  "pcfjt    68:84:7e:4e:02:03  dhcp     -"
  "mac      a4:c3:61:4e:02:04  dhcp     ssh"
  "phone    9a:3e:51:4e:02:05  dhcp     -"
)
# Fixed DHCP reservations (dnsmasq --dhcp-host) for the clients, so the ledger can name their IPs.
declare -A RESERVED=( [pcdell]=$NET.101 [pclenovo]=$NET.102 [pcfjt]=$NET.103 [mac]=$NET.104 [phone]=$NET.105 )

die() { echo "lab: $*" >&2; exit 1; }
ns() { echo "$P-$1"; }
in_ns() { local n; n=$(ns "$1"); shift; ip netns exec "$n" "$@"; }
record_ns() { echo "$1" >>"$STATE/namespaces"; }
# Start a background process inside a lab namespace and record its PID (ip netns exec execs, so $! is the process).
spawn() {
  local host=$1 tag=$2; shift 2
  ip netns exec "$(ns "$host")" "$@" >>"$STATE/$host-$tag.log" 2>&1 </dev/null &
  echo "$! $host $tag" >>"$STATE/pids"
}

make_ns() {
  local n; n=$(ns "$1")
  ip netns add "$n"
  record_ns "$n"
  if [[ $V6 == 1 && $1 != sw ]]; then
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0 \
      net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
      net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0
  else
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  fi
  ip -n "$n" link set lo up
}

# Adds a host namespace with eth0 (given MAC) plugged into the bridge through port p-NAME.
plug() {
  local name=$1 mac=$2
  make_ns "$name"
  ip -n "$(ns sw)" link add "p-$name" type veth peer name eth0 netns "$(ns "$name")"
  ip -n "$(ns sw)" link set "p-$name" master br0 up
  ip -n "$(ns "$name")" link set eth0 address "$mac"
  ip -n "$(ns "$name")" link set eth0 up
  if [[ $V6 == 1 ]]; then
    V6N=$((V6N + 1))
    ip -n "$(ns "$name")" -6 addr add "$NET6::$V6N/64" dev eth0 nodad
  fi
}

start_services() {
  local name=$1 addr=$2 services=$3 s
  # A host with its own certificate ($STATE/tls/NAME-cert.pem) serves that one; the others the nas's.
  local cert="$STATE/tls/cert.pem" key="$STATE/tls/key.pem"
  if [[ -f "$STATE/tls/$name-cert.pem" ]]; then cert="$STATE/tls/$name-cert.pem"; key="$STATE/tls/$name-key.pem"; fi
  IFS=, read -ra list <<<"$services"
  for s in "${list[@]}"; do
    case "$s" in
      ssh)    spawn "$name" ssh $PY "$HERE/lab/svc.py" "$addr" 22 ssh ;;
      telnet) spawn "$name" telnet $PY "$HERE/lab/svc.py" "$addr" 23 telnet ;;
      # A real SMTP dialogue with STARTTLS (AUTH only after TLS), so `audit --scan` can judge the mail rules.
      smtp)   spawn "$name" smtp $PY "$HERE/../lab/tls/mailserver.py" --cert "$cert" --key "$key" \
                "$addr:25:smtp:$name.lab.example" ;;
      http)   mkdir -p "$STATE/www-$name"; echo "<h1>$name</h1>" >"$STATE/www-$name/index.html"
              spawn "$name" http $PY -m http.server --bind "$addr" --directory "$STATE/www-$name" 80 ;;
      tls)    spawn "$name" tls openssl s_server -quiet -www -accept "$addr:443" \
                -cert "$cert" -key "$key" ;;
      snmp)   spawn "$name" snmp $PY "$HERE/lab/snmp.py" "$addr" "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012" ;;
      dhcp|-) ;;
      *) die "unknown service $s" ;;
    esac
  done
}

up() {
  [[ $EUID -eq 0 ]] || die "up needs root (network namespaces)"
  [[ -e "$STATE/namespaces" ]] && die "lab $P is already up (state in $STATE); run down first"
  mkdir -p "$STATE/tls"
  : >"$STATE/namespaces"; : >"$STATE/pids"
  trap 'echo "lab: up failed; tearing down" >&2; down >/dev/null 2>&1 || true' ERR
  # 20 days of validity: inside the lab profile's 30-day renewal lead (the planted tls.cert_expiring).
  openssl req -x509 -newkey rsa:2048 -nodes -days 20 -subj "/CN=nas.lab.example" \
    -keyout "$STATE/tls/key.pem" -out "$STATE/tls/cert.pem" >/dev/null 2>&1
  # srv (HTTPS and SMTP STARTTLS) has a certificate a year long: nothing to renew there.
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=srv.lab.example" \
    -keyout "$STATE/tls/srv-key.pem" -out "$STATE/tls/srv-cert.pem" >/dev/null 2>&1

  make_ns sw
  ip -n "$(ns sw)" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$(ns sw)" link set br0 up

  local line name mac addr services
  local dhcp_hosts=()
  for line in "${HOSTS[@]}"; do
    read -r name mac addr services <<<"$line"
    plug "$name" "$mac"
    if [[ $addr != dhcp ]]; then
      ip -n "$(ns "$name")" addr add "$addr/24" dev eth0
      start_services "$name" "$addr" "$services"
    else
      dhcp_hosts+=("--dhcp-host=$mac,$name,${RESERVED[$name]}")
    fi
  done
  plug scan dc:fb:48:4e:02:50
  ip -n "$(ns scan)" addr add "$SCAN_IP/24" dev eth0
  [[ $ROUTED == 1 ]] && branch_up

  # DHCP server in the router namespace; --port=0 turns DNS off; option 3/6 empty: no default route is handed out.
  spawn router dnsmasq dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 \
    --interface=eth0 --bind-interfaces --except-interface=lo \
    --dhcp-range=$NET.100,$NET.199,255.255.255.0,1h --dhcp-option=3 --dhcp-option=6 \
    --dhcp-leasefile="$STATE/dnsmasq.leases" --log-dhcp --log-facility="$STATE/dnsmasq.log" \
    --dhcp-authoritative "${dhcp_hosts[@]}"
  sleep 0.5

  # Clients: a real DHCP exchange (scapy, with hostname) in parallel, then the leased address.
  local pids=() names=()
  for line in "${HOSTS[@]}"; do
    read -r name mac addr services <<<"$line"
    [[ $addr == dhcp ]] || continue
    in_ns "$name" $PY "$HERE/lab/dhcp.py" eth0 "$mac" "$name" >"$STATE/$name.lease" 2>"$STATE/$name-dhcp.log" &
    pids+=($!); names+=("$name")
  done
  local i
  for i in "${!pids[@]}"; do
    name=${names[$i]}
    if wait "${pids[$i]}" && addr=$(<"$STATE/$name.lease") && [[ $addr == $NET.* ]]; then :; else
      echo "lab: warning: DHCP failed for $name; using its reservation" >&2
      addr=${RESERVED[$name]}
    fi
    ip -n "$(ns "$name")" addr add "$addr/24" dev eth0
    read -r _ _ _ services <<<"$(printf '%s\n' "${HOSTS[@]}" | awk -v n="$name" '$1==n')"
    start_services "$name" "$addr" "$services"
  done
  trap - ERR
  sleep 0.5
  status
}

# The routed branch (LAB_ROUTED=1): br1 in the switch namespace, the router's second leg, two hosts.
branch_up() {
  local line name mac addr services
  ip -n "$(ns sw)" link add br1 type bridge stp_state 0 forward_delay 0
  ip -n "$(ns sw)" link set br1 up
  ip -n "$(ns sw)" link add p-router1 type veth peer name eth1 netns "$(ns router)"
  ip -n "$(ns sw)" link set p-router1 master br1 up
  ip -n "$(ns router)" addr add "$NET1.1/24" dev eth1
  ip -n "$(ns router)" link set eth1 up
  ip netns exec "$(ns router)" sysctl -qw net.ipv4.ip_forward=1
  for line in "${BRANCH[@]}"; do
    read -r name mac addr services <<<"$line"
    make_ns "$name"
    ip -n "$(ns sw)" link add "p-$name" type veth peer name eth0 netns "$(ns "$name")"
    ip -n "$(ns sw)" link set "p-$name" master br1 up
    ip -n "$(ns "$name")" link set eth0 address "$mac"
    ip -n "$(ns "$name")" addr add "$addr/24" dev eth0
    ip -n "$(ns "$name")" link set eth0 up
    ip -n "$(ns "$name")" route add "$NET.0/24" via "$NET1.1"
    start_services "$name" "$addr" "$services"
  done
  ip -n "$(ns scan)" route add "$NET1.0/24" via "$NET.1"
}

down() { netns_teardown "lab $P"; }

status() {
  if [[ ! -f "$STATE/namespaces" ]]; then echo "lab $P: down"; return 0; fi
  echo "lab $P: up (state $STATE)"
  printf '%-10s %-18s %-15s %s\n' HOST MAC ADDRESS SERVICES
  local line name mac addr services a
  for line in "${HOSTS[@]}" "scan dc:fb:48:4e:02:50 $SCAN_IP -"; do
    read -r name mac addr services <<<"$line"
    a=$(ip -n "$(ns "$name")" -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}')
    printf '%-10s %-18s %-15s %s\n' "$name" "$(ip -n "$(ns "$name")" -o link show eth0 2>/dev/null | sed -n 's/.*link\/ether \([^ ]*\).*/\1/p')" "${a:-?}" "$services"
  done
  local alive=0 total=0 pid rest
  while read -r pid rest; do total=$((total + 1)); kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done <"$STATE/pids"
  echo "processes: $alive/$total alive; leases: $(wc -l <"$STATE/dnsmasq.leases" 2>/dev/null || echo 0)"
  if [[ $V6 == 1 ]]; then
    for line in "${HOSTS[@]}" "scan - - -"; do
      read -r name _ <<<"$line"
      echo "  $name ipv6: $(ip -n "$(ns "$name")" -6 -o addr show dev eth0 2>/dev/null | awk '{printf "%s ", $4}')"
    done
  fi
}

# Repeats a client's DHCP exchange (same reservation), e.g. while a scan listens passively.
redhcp() {
  local line name mac addr services
  line=$(printf '%s\n' "${HOSTS[@]}" | awk -v n="$1" '$1==n && $3=="dhcp"')
  [[ -n $line ]] || die "$1 is not a DHCP client of the lab"
  read -r name mac addr services <<<"$line"
  in_ns "$name" $PY "$HERE/lab/dhcp.py" eth0 "$mac" "$name"
}

# --- the big bench lab (scripts/bench-scan.sh) ---------------------------------------------------
# bench-up N F: N cheap hosts h1…hN at 198.18.0.1…N (N ≤ 250) on one bridge, the scanner `scan` at
# 198.18.0.254, every namespace named $BENCH_PREFIX-… (default nab, separate from the office lab).
# Listening ports come from a fixed pattern (22 every 2nd host, 80 every 3rd, 443 every 4th and on
# every filtered host, 8080 every 7th) and are served by ONE process (lab/benchsvc.py binds in every
# namespace). F hosts (every N/F-th) get an nftables rule in their own namespace dropping all TCP
# except 443 (`bench-filter on|off` toggles it). Ground truth: $STATE/truth.tsv
# (ip mac filtered ports). Same safety rules as the office lab: recorded PIDs and namespaces only.
bench_setup() {
  P="${BENCH_PREFIX:-nab}"
  [[ "$P" =~ ^[a-z][a-z0-9]{1,9}$ ]] || die "BENCH_PREFIX must be 2-10 lowercase letters/digits"
  STATE="${BENCH_STATE:-/run/netaudit-lab-$P}"
}

bench_up() {
  local n=${1:-250} f=${2:-50} i name mac addr ports filtered stride
  [[ $EUID -eq 0 ]] || die "bench-up needs root (network namespaces)"
  [[ $n =~ ^[0-9]+$ && $n -ge 1 && $n -le 250 ]] || die "bench-up: N must be 1…250"
  [[ $f =~ ^[0-9]+$ && $f -le $n ]] || die "bench-up: F must be 0…N"
  command -v nft >/dev/null || [[ $f -eq 0 ]] || die "bench-up: nft missing (apt-get install -y nftables)"
  [[ -e "$STATE/namespaces" ]] && die "bench lab $P is already up (state in $STATE); run bench-down first"
  mkdir -p "$STATE"
  : >"$STATE/namespaces"; : >"$STATE/pids"; : >"$STATE/truth.tsv"; : >"$STATE/listen.cfg"; : >"$STATE/filtered"
  trap 'echo "lab: bench-up failed; tearing down" >&2; down >/dev/null 2>&1 || true' ERR
  make_ns sw
  ip -n "$(ns sw)" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$(ns sw)" link set br0 up
  stride=$(( f > 0 ? n / f : 0 ))
  local nfilt=0
  for ((i = 1; i <= n; i++)); do
    name=h$i
    mac=$(printf '02:4e:42:00:00:%02x' "$i")
    addr=$NET.$i
    filtered=0
    if (( stride > 0 && i % stride == 0 && nfilt < f )); then filtered=1; nfilt=$((nfilt + 1)); fi
    ports=()
    (( i % 2 == 0 )) && ports+=(22)
    (( i % 3 == 0 )) && ports+=(80)
    (( i % 4 == 0 || filtered )) && ports+=(443)
    (( i % 7 == 0 )) && ports+=(8080)
    make_ns "$name"
    ip -n "$(ns sw)" link add "p-$name" type veth peer name eth0 netns "$(ns "$name")"
    ip -n "$(ns sw)" link set "p-$name" master br0 up
    ip -n "$(ns "$name")" link set eth0 address "$mac"
    ip -n "$(ns "$name")" addr add "$addr/24" dev eth0
    ip -n "$(ns "$name")" link set eth0 up
    local plist; plist=$(IFS=,; echo "${ports[*]:-}")
    printf '%s\t%s\t%s\t%s\n' "$addr" "$mac" "$filtered" "${plist:--}" >>"$STATE/truth.tsv"
    [[ -n $plist ]] && echo "$(ns "$name") $addr $plist" >>"$STATE/listen.cfg"
    (( filtered )) && echo "$name" >>"$STATE/filtered"
  done
  make_ns scan
  ip -n "$(ns sw)" link add "p-scan" type veth peer name eth0 netns "$(ns scan)"
  ip -n "$(ns sw)" link set "p-scan" master br0 up
  ip -n "$(ns scan)" link set eth0 address 02:4e:42:00:01:fe
  ip -n "$(ns scan)" addr add "$NET.254/24" dev eth0
  ip -n "$(ns scan)" link set eth0 up
  # One listener process for every host (it binds inside each namespace, then serves them all).
  $PY "$HERE/lab/benchsvc.py" "$STATE/listen.cfg" >>"$STATE/benchsvc.log" 2>&1 </dev/null &
  echo "$! all benchsvc" >>"$STATE/pids"
  for ((i = 0; i < 100; i++)); do grep -qs '^ready' "$STATE/benchsvc.log" && break; sleep 0.1; done
  grep -q '^ready' "$STATE/benchsvc.log" || die "bench listener did not start: $(tail -n3 "$STATE/benchsvc.log")"
  bench_filter on
  trap - ERR
  echo "bench lab $P: up: $n hosts ($nfilt filtering), scanner $(ns scan) eth0 $NET.254; $(sed -n 's/^ready //p' "$STATE/benchsvc.log") listening sockets"
}

# nftables in each filtered host's own namespace: drop every TCP packet not to port 443.
bench_filter() {
  local name
  [[ -f "$STATE/filtered" ]] || die "bench lab $P is not up"
  while read -r name; do
    ip netns exec "$(ns "$name")" nft delete table inet netaudit_bench 2>/dev/null || true
    if [[ $1 == on ]]; then
      ip netns exec "$(ns "$name")" nft -f - <<'NFT'
table inet netaudit_bench {
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto tcp tcp dport != 443 drop
  }
}
NFT
    fi
  done <"$STATE/filtered"
  echo "$1" >"$STATE/filter-state"
}

case "${1:-}" in
  up) up ;;
  dhcp) [[ $# -eq 2 ]] || die "usage: lab.sh dhcp CLIENT"; redhcp "$2" ;;
  down) down ;;
  status) status ;;
  exec) shift; [[ $# -ge 2 ]] || die "usage: lab.sh exec HOST CMD…"; h=$1; shift; exec ip netns exec "$(ns "$h")" "$@" ;;
  bench-up) bench_setup; bench_up "${2:-250}" "${3:-50}" ;;
  bench-filter) bench_setup; [[ ${2:-} == on || ${2:-} == off ]] || die "usage: lab.sh bench-filter on|off"; bench_filter "$2" ;;
  bench-down) bench_setup; down ;;
  bench-exec) bench_setup; shift; [[ $# -ge 2 ]] || die "usage: lab.sh bench-exec HOST CMD…"; h=$1; shift; exec ip netns exec "$(ns "$h")" "$@" ;;
  *) echo "usage: scripts/lab.sh up|down|status|exec HOST CMD…|dhcp CLIENT|bench-up [N [F]]|bench-filter on|off|bench-exec HOST CMD…|bench-down" >&2; exit 2 ;;
esac
