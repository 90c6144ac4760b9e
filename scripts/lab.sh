#!/usr/bin/env bash
# The lab office: a small LAN built from Linux network namespaces, for scan tests and demos.
#
#   scripts/lab.sh up | down | status | exec HOST CMD… | dhcp CLIENT
#
# Safety: everything lives in namespaces this script creates (the bridge too, in $P-sw), with
# addresses from 198.18.0.0/24 only (RFC 2544 benchmarking space). Nothing is added to the root
# namespace: no address, no link, no route; no namespace has a default route. IPv6 is disabled in
# every lab namespace so no link-local address appears either. Every process started is recorded
# by PID in the state dir, and `down` kills exactly those PIDs and deletes exactly the namespaces
# listed there. `down` is idempotent. LAB_PREFIX (default nalab) names everything, so a test can
# run its own lab beside a developer's.
set -euo pipefail

P="${LAB_PREFIX:-nalab}"
[[ "$P" =~ ^[a-z][a-z0-9]{1,9}$ ]] || { echo "lab: LAB_PREFIX must be 2-10 lowercase letters/digits" >&2; exit 2; }
STATE="${LAB_STATE:-/run/netaudit-lab-$P}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
NET=198.18.0
SCAN_IP=$NET.250

# name  mac                 address  services (comma list: ssh telnet http tls smtp)
HOSTS=(
  "router   00:00:0c:4e:01:01  $NET.1   ssh,telnet,dhcp"
  "yamaha   00:a0:de:4e:01:02  $NET.2   http,telnet"
  "nas      00:16:01:4e:01:10  $NET.10  ssh,http,tls"
  "srv      f8:bc:12:4e:01:11  $NET.11  ssh,smtp,tls"
  "printer  3c:d9:2b:4e:01:20  $NET.20  http,telnet"
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
  ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
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
}

start_services() {
  local name=$1 addr=$2 services=$3 s
  IFS=, read -ra list <<<"$services"
  for s in "${list[@]}"; do
    case "$s" in
      ssh)    spawn "$name" ssh $PY "$HERE/lab/svc.py" "$addr" 22 ssh ;;
      telnet) spawn "$name" telnet $PY "$HERE/lab/svc.py" "$addr" 23 telnet ;;
      smtp)   spawn "$name" smtp $PY "$HERE/lab/svc.py" "$addr" 25 smtp ;;
      http)   mkdir -p "$STATE/www-$name"; echo "<h1>$name</h1>" >"$STATE/www-$name/index.html"
              spawn "$name" http $PY -m http.server --bind "$addr" --directory "$STATE/www-$name" 80 ;;
      tls)    spawn "$name" tls openssl s_server -quiet -www -accept "$addr:443" \
                -cert "$STATE/tls/cert.pem" -key "$STATE/tls/key.pem" ;;
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
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=nas.lab.example" \
    -keyout "$STATE/tls/key.pem" -out "$STATE/tls/cert.pem" >/dev/null 2>&1

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

down() {
  [[ -d "$STATE" ]] || { echo "lab $P: already down"; return 0; }
  local pid rest n
  if [[ -f "$STATE/pids" ]]; then
    while read -r pid rest; do kill "$pid" 2>/dev/null || true; done <"$STATE/pids"
    sleep 0.3
    while read -r pid rest; do kill -9 "$pid" 2>/dev/null || true; done <"$STATE/pids"
  fi
  if [[ -f "$STATE/namespaces" ]]; then
    # Reverse order: hosts first, the switch namespace last (deleting a namespace deletes its veth ends).
    tac "$STATE/namespaces" | while read -r n; do ip netns del "$n" 2>/dev/null || true; done
  fi
  rm -rf "$STATE"
  echo "lab $P: down"
}

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
}

# Repeats a client's DHCP exchange (same reservation), e.g. while a scan listens passively.
redhcp() {
  local line name mac addr services
  line=$(printf '%s\n' "${HOSTS[@]}" | awk -v n="$1" '$1==n && $3=="dhcp"')
  [[ -n $line ]] || die "$1 is not a DHCP client of the lab"
  read -r name mac addr services <<<"$line"
  in_ns "$name" $PY "$HERE/lab/dhcp.py" eth0 "$mac" "$name"
}

case "${1:-}" in
  up) up ;;
  dhcp) [[ $# -eq 2 ]] || die "usage: lab.sh dhcp CLIENT"; redhcp "$2" ;;
  down) down ;;
  status) status ;;
  exec) shift; [[ $# -ge 2 ]] || die "usage: lab.sh exec HOST CMD…"; h=$1; shift; exec ip netns exec "$(ns "$h")" "$@" ;;
  *) echo "usage: scripts/lab.sh up|down|status|exec HOST CMD…|dhcp CLIENT" >&2; exit 2 ;;
esac
