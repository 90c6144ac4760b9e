#!/usr/bin/env bash
# Evidence for lab/tls/expected.json: probes every endpoint of the running TLS lab from the client
# namespace with `openssl s_client` (TLS 1.0 … 1.3, STARTTLS where the endpoint has it, the lab
# root CA and the endpoint's name for verification) and with lab/tls/hello.py for SSLv3 (the
# OpenSSL 3 CLI has no -ssl3), and compares the accepted versions with the file.
#
#   lab/tls/check.sh            one line per endpoint; exit 1 when a version differs from expected.json
set -euo pipefail
cd "$(dirname "$0")/../.."
eval "$(scripts/tls-lab.sh env)"
[[ -f "$NATLS_CA" ]] || { echo "check: the TLS lab is not up (scripts/tls-lab.sh up)" >&2; exit 2; }
inlab() { ip netns exec "$NATLS_CLIENT_NS" "$@"; }
rc=0
while IFS=$'\t' read -r id ip port sni starttls expected; do
  st=(); [[ $starttls != - ]] && st=(-starttls "$starttls")
  got=() detail=()
  if [[ $starttls == - ]] && inlab /usr/bin/python3 lab/tls/hello.py --versions ssl3 --timeout 2 --sni "$sni" "$ip" "$port" >/dev/null 2>&1; then
    got+=(SSLv3); detail+=("SSLv3=hello.py")
  fi
  for v in tls1 tls1_1 tls1_2 tls1_3; do
    # -brief prints the negotiated protocol ("New, X, Cipher is" names the suite's version, not the protocol).
    out=$(timeout 5 ip netns exec "$NATLS_CLIENT_NS" openssl s_client -brief -connect "$ip:$port" "${st[@]}" -servername "$sni" \
      "-$v" -cipher 'ALL:COMPLEMENTOFALL:@SECLEVEL=0' -CAfile "$NATLS_CA" -verify_hostname "$sni" </dev/null 2>&1 || true)
    name=$(sed -n 's/^Protocol version: //p' <<<"$out" | head -n1)
    if [[ -n $name ]]; then
      [[ $name == TLSv1 ]] && name=TLSv1.0
      got+=("$name"); detail+=("$name=$(sed -n 's/^Ciphersuite: //p' <<<"$out" | head -n1)")
      vr=$(sed -n 's/^Verification: //p; s/^Verification error: //p' <<<"$out" | head -n1)
    fi
  done
  have=$(IFS=,; echo "${got[*]:-}")
  ok=OK; [[ $have == "$expected" ]] || { ok=DIFF; rc=1; }
  printf '%-4s %-11s %-18s %-8s accepts %-32s verify: %s\n     %s\n' "$ok" "$id" "$ip:$port" "${starttls/-/tls}" "${have:-none}" "${vr:-n/a}" "${detail[*]:-}"
  vr=""
done < <(/usr/bin/python3 - <<'PY'
import json
for ep in json.load(open("lab/tls/expected.json"))["endpoints"]:
    print("\t".join([ep["id"], ep["ip"], str(ep["port"]), ep["sni"], ep["starttls"] or "-", ",".join(ep["versions"])]))
PY
)
exit $rc
