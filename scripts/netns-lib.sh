# Shared by the namespace labs (scripts/lab.sh, scripts/tls-lab.sh); sourced, not run.
# A lab records every namespace it creates in $STATE/namespaces and every process it starts as
# "PID …" lines in $STATE/pids; teardown removes exactly those, nothing else on the machine.

# netns_teardown LABEL: TERM then KILL the recorded PIDs, delete the recorded namespaces (in
# reverse order: hosts first, the switch namespace last; deleting a namespace deletes its veth
# ends), remove the state directory.
netns_teardown() {
  local label=$1 pid rest n
  [[ -d "$STATE" ]] || { echo "$label: already down"; return 0; }
  if [[ -f "$STATE/pids" ]]; then
    while read -r pid rest; do kill "$pid" 2>/dev/null || true; done <"$STATE/pids"
    sleep 0.3
    while read -r pid rest; do kill -9 "$pid" 2>/dev/null || true; done <"$STATE/pids"
  fi
  if [[ -f "$STATE/namespaces" ]]; then
    tac "$STATE/namespaces" | while read -r n; do ip netns del "$n" 2>/dev/null || true; done
  fi
  rm -rf "$STATE"
  echo "$label: down"
}
