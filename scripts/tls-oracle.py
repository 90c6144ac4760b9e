#!/usr/bin/env python3
"""Peer oracles for the TLS lab: run sslscan, sslyze or nmap from the client namespace against
every endpoint of an endpoints file (lab/tls/expected.json) and normalise what they report.

    scripts/tls-oracle.py sslscan|sslyze|nmap ENDPOINTS.json OUT.json [--raw DIR] [--ca PEM]
    scripts/tls-oracle.py netaudit-rules AUDIT.json ENDPOINTS.json OUT.json   (bench helpers:
    scripts/tls-oracle.py nmap-parse NMAP.xml ENDPOINTS.json OUT.json          parse only)

OUT.json: { "IP:PORT": { "versions": { "TLSv1.2": ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", …] },
                        "cert": {"not_after": ISO-8601 UTC, "key_type": "RSA", "key_bits": 2048,
                                 "sig": "sha256WithRSAEncryption", "names": [...]},
                        "dh_min_bits": 1024 | null,
                        "flags": [...],              # what the tool itself said (see below)
                        "rules": [...],              # netaudit rule ids derived (docs/tls-lab.md)
                        "na": [...],                 # rule ids this tool cannot judge
                        "error": null | "…" } }
Suite names are IANA names. sslscan's hex ids are mapped with a table built from
`openssl ciphers -V -stdname ALL:COMPLEMENTOFALL:@SECLEVEL=0` plus a fallback table for the
suites OpenSSL 3 no longer knows (RC4, export, …) taken from lab/tls/hello.py.

flags (normalised): untrusted, hostname_mismatch, chain_incomplete, expired, not_yet_valid,
self_signed, sha1_in_chain, starttls_missing. Every tool runs in the namespace named by
NATLS_CLIENT_NS (default natls-client); the CA is NATLS_CA unless --ca is given.
Environment: NATLS_ORACLE_JOBS (parallel sslscan runs, default 4).
"""
import concurrent.futures as cf
import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NS = os.environ.get("NATLS_CLIENT_NS", "natls-client")
NOW = dt.datetime.now(dt.timezone.utc)

# Recommended-profile parameters the derivation uses (profiles/recommended.yaml).
OLD_VERSIONS = {"SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1"}
MIN_DH_BITS = 2048
MIN_RSA_BITS, MIN_EC_BITS = 2048, 256
WEAK_HASHES = ("md2", "md4", "md5", "sha1")
LEAD_DAYS = 30
TLS_RULES = ["tls.protocol_version", "tls.weak_cipher", "tls.weak_key_exchange", "tls.cert_expired",
             "tls.cert_expiring", "tls.cert_key_too_small", "tls.cert_weak_signature",
             "tls.cert_hostname_mismatch", "tls.cert_untrusted", "tls.cert_chain_incomplete"]
MAIL_RULES = ["mail.starttls_missing", "mail.plaintext_auth"]
MAIL_PORTS = {25, 110, 143, 587}

# What each peer cannot judge at all with the command lines used here (grid cell "n/a").
NOT_JUDGED = {
    "sslscan": ["tls.cert_hostname_mismatch", "tls.cert_chain_incomplete", "mail.plaintext_auth"],
    "sslyze": ["mail.plaintext_auth"],
    "nmap": ["tls.cert_hostname_mismatch", "tls.cert_untrusted", "tls.cert_chain_incomplete", "mail.plaintext_auth"],
}


def in_ns(cmd):
    return ["ip", "netns", "exec", NS] + cmd


# --- IANA names -------------------------------------------------------------------------------
def iana_table():
    table = {}
    try:
        sys.path.insert(0, os.path.join(ROOT, "lab", "tls"))
        import hello  # noqa: E402  (fallback names for suites OpenSSL 3 dropped)
        table.update({f"0x{k:04X}": v for k, v in hello.SUITES.items()})
    except ImportError:
        pass
    out = subprocess.run(["openssl", "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"\s*0x([0-9A-F]{2}),0x([0-9A-F]{2})\s+-\s+(\S+)", line)
        if m:
            table[f"0x{m.group(1)}{m.group(2)}"] = m.group(3)
    return table


# --- derivation: normalised facts -> rule ids ---------------------------------------------------
def suite_classes(name):
    n = name.upper()
    c = set()
    if n.startswith("TLS_AES_") or n.startswith("TLS_CHACHA20_"):
        return c  # TLS 1.3 suites
    if "_WITH_NULL_" in n or n.startswith("TLS_NULL_") or n.endswith("_NULL_SHA") or "WITH_NULL" in n:
        c.add("null")
    if "_ANON_" in n:
        c.add("anon")
    if "EXPORT" in n:
        c.add("export")
    if "RC4" in n:
        c.add("rc4")
    if "3DES" in n:
        c.add("3des")
    elif re.search(r"_DES(40)?_CBC|_DES_", n):
        c.add("des")
    if "_CBC" in n:
        c.add("cbc")
    kx = n[4:].split("_WITH_")[0] if n.startswith(("TLS_", "SSL_")) else ""
    if not (kx.startswith("ECDHE") or kx.startswith("DHE")):
        c.add("no_forward_secrecy")
    return c


def derive(entry, ep):
    rules = set()
    vers = entry.get("versions") or {}
    if any(v in OLD_VERSIONS for v in vers):
        rules.add("tls.protocol_version")
    if any(suite_classes(s) for suites in vers.values() for s in suites):
        rules.add("tls.weak_cipher")
    if entry.get("dh_min_bits") and entry["dh_min_bits"] < MIN_DH_BITS:
        rules.add("tls.weak_key_exchange")
    cert = entry.get("cert") or {}
    flags = set(entry.get("flags") or [])
    if cert.get("not_after"):
        na = dt.datetime.fromisoformat(cert["not_after"].replace("Z", "+00:00"))
        if na < NOW:
            rules.add("tls.cert_expired")
        elif na < NOW + dt.timedelta(days=LEAD_DAYS):
            rules.add("tls.cert_expiring")
    if "self_signed" in flags:
        rules.add("tls.cert_untrusted")  # a self-signed leaf cannot chain to the lab CA
    if "expired" in flags or "not_yet_valid" in flags:
        rules.add("tls.cert_expired")
    kb, kt = cert.get("key_bits"), (cert.get("key_type") or "").upper()
    if kb and ((kt in ("RSA", "DSA", "") and kb < MIN_RSA_BITS) or (kt in ("EC", "ECDSA") and kb < MIN_EC_BITS)):
        rules.add("tls.cert_key_too_small")
    if any(h in (cert.get("sig") or "").lower() for h in WEAK_HASHES) or "sha1_in_chain" in flags:
        rules.add("tls.cert_weak_signature")
    for f, r in (("hostname_mismatch", "tls.cert_hostname_mismatch"), ("untrusted", "tls.cert_untrusted"),
                 ("chain_incomplete", "tls.cert_chain_incomplete"), ("starttls_missing", "mail.starttls_missing")):
        if f in flags:
            rules.add(r)
    return sorted(rules)


def finish(tool, results, endpoints, out_path):
    for ep in endpoints:
        key = f"{ep['ip']}:{ep['port']}"
        e = results.setdefault(key, {"versions": {}, "cert": None, "dh_min_bits": None, "flags": [], "error": "no result"})
        e["id"] = ep["id"]
        e["flags"] = sorted(set(e.get("flags") or []))
        e["rules"] = derive(e, ep)
        e["na"] = NOT_JUDGED.get(tool, [])
    with open(out_path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    print(f"tls-oracle {tool}: {len(results)} endpoints -> {out_path}", file=sys.stderr)


def endpoints_of(path):
    with open(path) as f:
        return json.load(f)["endpoints"]


# --- sslscan ----------------------------------------------------------------------------------
def openssl_date(text):
    # "Nov 22 02:13:40 2027 GMT"
    d = dt.datetime.strptime(text.replace(" GMT", "").strip(), "%b %d %H:%M:%S %Y")
    return d.replace(tzinfo=dt.timezone.utc).isoformat().replace("+00:00", "Z")


def run_sslscan(endpoints, raw):
    table = iana_table()

    def one(ep):
        cmd = ["sslscan", "--no-colour", "--xml=-", f"--sni-name={ep['sni']}"]
        if ep.get("starttls"):
            cmd.append(f"--starttls-{ep['starttls']}")
        cmd.append(f"{ep['ip']}:{ep['port']}")
        p = subprocess.run(in_ns(cmd), capture_output=True, text=True, timeout=300)
        xml_text = p.stdout[p.stdout.find("<?xml"):] if "<?xml" in p.stdout else ""
        if raw:
            with open(os.path.join(raw, f"sslscan-{ep['id']}.xml"), "w") as f:
                f.write(p.stdout + ("\n<!-- stderr:\n" + p.stderr + "\n-->" if p.stderr else ""))
        e = {"versions": {}, "cert": None, "dh_min_bits": None, "flags": [], "error": None}
        try:
            doc = ET.fromstring(xml_text)
        except ET.ParseError:
            e["error"] = (p.stderr or p.stdout).strip()[-300:] or "no XML"
            return ep, e
        test = doc.find("ssltest")
        if test is None:
            e["error"] = (doc.findtext("error") or p.stderr or "no ssltest").strip()[-300:]
            if ep.get("starttls"):
                e["flags"].append("starttls_missing")
            return ep, e
        for c in test.findall("cipher"):
            v = c.get("sslversion")
            v = {"TLSv1.0": "TLSv1.0", "SSLv3": "SSLv3", "SSLv2": "SSLv2"}.get(v, v)
            code = (c.get("id") or "").upper().replace("0X", "0x")
            name = table.get(code) or (c.get("cipher") if c.get("cipher", "").startswith(("TLS_", "SSL_")) else f"UNKNOWN_{code}")
            e["versions"].setdefault(v, []).append(name)
            if c.get("dhebits"):
                b = int(c.get("dhebits"))
                e["dh_min_bits"] = b if e["dh_min_bits"] is None else min(b, e["dh_min_bits"])
        # Versions sslscan saw enabled (raw handshake) but could not enumerate suites for.
        for pr in test.findall("protocol"):
            if pr.get("enabled") == "1":
                v = ("SSLv" + pr.get("version")) if pr.get("type") == "ssl" else ("TLSv" + pr.get("version"))
                v = "TLSv1.0" if v == "TLSv1.0" else v
                e["versions"].setdefault(v, [])
        if not e["versions"] and ep.get("starttls"):
            e["flags"].append("starttls_missing")
        cert = test.find("certificates/certificate")
        if cert is not None:
            pk = cert.find("pk")
            e["cert"] = {"sig": cert.findtext("signature-algorithm"),
                         "key_type": pk.get("type") if pk is not None else None,
                         "key_bits": int(pk.get("bits")) if pk is not None and pk.get("bits") else None,
                         "not_after": openssl_date(cert.findtext("not-valid-after")) if cert.findtext("not-valid-after") else None,
                         "names": [cert.findtext("subject") or ""] + [a.strip()[4:] for a in (cert.findtext("altnames") or "").split(",") if a.strip().startswith("DNS:")]}
            if cert.findtext("self-signed") == "true":
                e["flags"].append("self_signed")
            if cert.findtext("expired") == "true":
                e["flags"].append("expired")
        return ep, e

    results = {}
    jobs = int(os.environ.get("NATLS_ORACLE_JOBS", "4"))
    with cf.ThreadPoolExecutor(jobs) as pool:
        for ep, e in pool.map(one, endpoints):
            results[f"{ep['ip']}:{ep['port']}"] = e
    return results


# --- sslyze (its Python API, one Scanner for every endpoint, run inside the namespace) ---------
SSLYZE_VERSIONS = [("ssl_2_0_cipher_suites", "SSLv2"), ("ssl_3_0_cipher_suites", "SSLv3"),
                   ("tls_1_0_cipher_suites", "TLSv1.0"), ("tls_1_1_cipher_suites", "TLSv1.1"),
                   ("tls_1_2_cipher_suites", "TLSv1.2"), ("tls_1_3_cipher_suites", "TLSv1.3")]


def sslyze_worker(endpoints, ca, raw):
    """Runs in the client namespace. Prints the normalised JSON on stdout."""
    from pathlib import Path
    from sslyze import (CertificateInfoExtraArgument, ProtocolWithOpportunisticTlsEnum, ScanCommand,
                        ScanCommandAttemptStatusEnum, ScanCommandsExtraArguments, Scanner,
                        ServerNetworkConfiguration, ServerNetworkLocation, ServerScanRequest, ServerScanStatusEnum)
    from cryptography.hazmat.primitives.asymmetric import ec, rsa, dsa
    commands = {ScanCommand.CERTIFICATE_INFO, ScanCommand.ELLIPTIC_CURVES, ScanCommand.SSL_2_0_CIPHER_SUITES,
                ScanCommand.SSL_3_0_CIPHER_SUITES, ScanCommand.TLS_1_0_CIPHER_SUITES, ScanCommand.TLS_1_1_CIPHER_SUITES,
                ScanCommand.TLS_1_2_CIPHER_SUITES, ScanCommand.TLS_1_3_CIPHER_SUITES}
    extra = ScanCommandsExtraArguments(certificate_info=CertificateInfoExtraArgument(custom_ca_file=Path(ca))) if ca else ScanCommandsExtraArguments()
    starttls = {"smtp": ProtocolWithOpportunisticTlsEnum.SMTP, "imap": ProtocolWithOpportunisticTlsEnum.IMAP,
                "pop3": ProtocolWithOpportunisticTlsEnum.POP3, "ftp": ProtocolWithOpportunisticTlsEnum.FTP,
                "ldap": ProtocolWithOpportunisticTlsEnum.LDAP}
    reqs, by_loc = [], {}
    for ep in endpoints:
        loc = ServerNetworkLocation(hostname=ep["sni"], port=ep["port"], ip_address=ep["ip"])
        cfg = ServerNetworkConfiguration(tls_server_name_indication=ep["sni"],
                                         tls_opportunistic_encryption=starttls.get(ep.get("starttls") or ""))
        reqs.append(ServerScanRequest(server_location=loc, network_configuration=cfg, scan_commands=commands,
                                      scan_commands_extra_arguments=extra))
        by_loc[(ep["ip"], ep["port"])] = ep
    scanner = Scanner()
    scanner.queue_scans(reqs)
    results = {}
    raw_docs = []
    for r in scanner.get_results():
        ep = by_loc[(r.server_location.ip_address, r.server_location.port)]
        e = {"versions": {}, "cert": None, "dh_min_bits": None, "flags": [], "error": None}
        results[f"{ep['ip']}:{ep['port']}"] = e
        if raw:
            try:
                from sslyze import ServerScanResultAsJson
                raw_docs.append(json.loads(ServerScanResultAsJson.model_validate(r).model_dump_json()))
            except Exception as ex:  # raw dump is best effort
                raw_docs.append({"server": f"{ep['ip']}:{ep['port']}", "raw_error": str(ex)})
        if r.scan_status != ServerScanStatusEnum.COMPLETED:
            e["error"] = ("".join(r.connectivity_error_trace.format_exception_only()).strip() if r.connectivity_error_trace else str(r.connectivity_status))
            e["error"] = e["error"][-300:]
            if ep.get("starttls") and re.search(r"starttls|opportunistic|tls", e["error"], re.I):
                e["flags"].append("starttls_missing")
            continue
        sr = r.scan_result
        for attr, vname in SSLYZE_VERSIONS:
            att = getattr(sr, attr)
            if att.status != ScanCommandAttemptStatusEnum.COMPLETED or not att.result.accepted_cipher_suites:
                continue
            names = []
            for acc in att.result.accepted_cipher_suites:
                names.append(acc.cipher_suite.name)
                k = acc.ephemeral_key
                if k is not None and getattr(k, "type_name", "") == "DH":
                    e["dh_min_bits"] = k.size if e["dh_min_bits"] is None else min(k.size, e["dh_min_bits"])
            e["versions"][vname] = names
        ci = sr.certificate_info
        if ci.status == ScanCommandAttemptStatusEnum.COMPLETED and ci.result.certificate_deployments:
            d = ci.result.certificate_deployments[0]
            leaf = d.received_certificate_chain[0]
            pub = leaf.public_key()
            kt = "RSA" if isinstance(pub, rsa.RSAPublicKey) else "EC" if isinstance(pub, ec.EllipticCurvePublicKey) else "DSA" if isinstance(pub, dsa.DSAPublicKey) else type(pub).__name__
            na = getattr(leaf, "not_valid_after_utc", None) or leaf.not_valid_after.replace(tzinfo=dt.timezone.utc)
            nb = getattr(leaf, "not_valid_before_utc", None) or leaf.not_valid_before.replace(tzinfo=dt.timezone.utc)
            e["cert"] = {"not_after": na.isoformat().replace("+00:00", "Z"), "key_type": kt,
                         "key_bits": getattr(pub, "key_size", None), "sig": leaf.signature_algorithm_oid._name,
                         "chain_len": len(d.received_certificate_chain)}
            if nb > NOW:
                e["flags"].append("not_yet_valid")
            # sslyze 6 validates with pyca/cryptography's verifier against each store, the server
            # name included: the error text says why (hostname, expiry, unknown issuer …).
            custom = [v for v in d.path_validation_results if v.trust_store.name == "Supplied CA file"] or d.path_validation_results
            ok = any(v.verified_certificate_chain is not None for v in custom)
            errs = "; ".join(str(v.validation_error) for v in custom if v.validation_error)
            e["validation"] = "ok" if ok else errs
            if d.verified_chain_has_sha1_signature:
                e["flags"].append("sha1_in_chain")
            subj_is_issuer = leaf.subject == leaf.issuer
            if subj_is_issuer:
                e["flags"].append("self_signed")
            if not ok:
                if re.search(r"no matching subjectAltName|hostname", errs, re.I):
                    e["flags"].append("hostname_mismatch")
                elif re.search(r"not valid at validation time|expired", errs, re.I):
                    e["flags"].append("expired" if na < NOW else "not_yet_valid")
                elif re.search(r"Forbidden (signature algorithm|public key)", errs, re.I):
                    # The verifier refuses SHA-1 / small keys outright: covered by the weak-algorithm
                    # rules (derived from the leaf), not counted as "untrusted".
                    e["flags"].append("weak_algorithm_rejected")
                else:
                    e["flags"].append("untrusted")
                    # Chain incomplete: the server sent only a leaf that is not self-signed, and it
                    # did not verify against the store.
                    if len(d.received_certificate_chain) == 1 and not subj_is_issuer:
                        e["flags"].append("chain_incomplete")
    if raw:
        with open(os.path.join(raw, "sslyze.json"), "w") as f:
            json.dump(raw_docs, f, indent=1, default=str)
    json.dump(results, sys.stdout)


def run_sslyze(endpoints_path, endpoints, ca, raw):
    cmd = in_ns([sys.executable, os.path.abspath(__file__), "--sslyze-worker", endpoints_path, ca or "", raw or ""])
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        sys.exit(f"tls-oracle: sslyze failed: {p.stderr.strip()[-800:]}")
    return json.loads(p.stdout)


# --- nmap ---------------------------------------------------------------------------------------
def nmap_cmd(endpoints, out="-"):
    ips = sorted({ep["ip"] for ep in endpoints}, key=lambda a: tuple(map(int, a.split("."))))
    ports = ",".join(str(p) for p in sorted({ep["port"] for ep in endpoints}))
    return ["nmap", "-Pn", "-n", "-p", ports, "--script", "ssl-enum-ciphers,ssl-cert", "-oX", out] + ips


def elems(table):
    return {el.get("key"): el.text for el in table.findall("elem")}


def parse_nmap(xml_text, endpoints):
    doc = ET.fromstring(xml_text)
    by = {(ep["ip"], ep["port"]): ep for ep in endpoints}
    results = {}
    for host in doc.findall("host"):
        ip = host.find("address").get("addr")
        for port in host.findall("ports/port"):
            pn = int(port.get("portid"))
            if (ip, pn) not in by:
                continue
            ep = by[(ip, pn)]
            e = {"versions": {}, "cert": None, "dh_min_bits": None, "flags": [], "error": None}
            results[f"{ip}:{pn}"] = e
            state = port.find("state").get("state")
            if state != "open":
                e["error"] = f"port {state}"
                continue
            scripts = {s.get("id"): s for s in port.findall("script")}
            sec = scripts.get("ssl-enum-ciphers")
            if sec is not None:
                for vt in sec.findall("table"):
                    v = vt.get("key")
                    names = []
                    for ct in vt.findall("table[@key='ciphers']/table"):
                        ce = elems(ct)
                        # nmap 7.9x names the TLS 1.3 suites TLS_AKE_WITH_…; IANA: TLS_AES_128_GCM_SHA256 …
                        names.append(re.sub(r"^TLS_AKE_WITH_", "TLS_", ce.get("name") or ""))
                        m = re.match(r"dh (\d+)", ce.get("kex_info") or "")
                        if m and "DHE" in (ce.get("name") or "") or (m and "DH_anon" in (ce.get("name") or "")):
                            b = int(m.group(1))
                            e["dh_min_bits"] = b if e["dh_min_bits"] is None else min(b, e["dh_min_bits"])
                    e["versions"]["TLSv1.0" if v == "TLSv1.0" else v] = names
            sc = scripts.get("ssl-cert")
            if sc is not None:
                pk = sc.find("table[@key='pubkey']")
                val = sc.find("table[@key='validity']")
                pke = elems(pk) if pk is not None else {}
                vale = elems(val) if val is not None else {}
                na = vale.get("notAfter")
                names = [elems(sc.find("table[@key='subject']") or ET.Element("x")).get("commonName") or ""]
                for ext in sc.findall("table[@key='extensions']/table"):
                    ee = elems(ext)
                    if ee.get("name") == "X509v3 Subject Alternative Name":
                        names += [a.strip()[4:] for a in (ee.get("value") or "").split(",") if a.strip().startswith("DNS:")]
                e["cert"] = {"not_after": (na + "Z") if na and not na.endswith("Z") else na,
                             "key_type": (pke.get("type") or "").upper(),
                             "key_bits": int(pke["bits"]) if pke.get("bits") else None,
                             "sig": elems(sc).get("sig_algo"), "names": names}
            if sec is None and sc is None and ep.get("starttls") and pn in MAIL_PORTS:
                # Port open, STARTTLS port, neither TLS script produced output: nmap could not upgrade.
                e["flags"].append("starttls_missing")
                e["error"] = "no TLS (STARTTLS upgrade failed)"
    return results


def run_nmap(endpoints, raw):
    p = subprocess.run(in_ns(nmap_cmd(endpoints)), capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        sys.exit(f"tls-oracle: nmap failed: {p.stderr.strip()[-800:]}")
    if raw:
        with open(os.path.join(raw, "nmap.xml"), "w") as f:
            f.write(p.stdout)
    return parse_nmap(p.stdout, endpoints)


# --- netaudit's audit JSON -> rules per endpoint (bench helper) ---------------------------------
def netaudit_rules(audit_path, endpoints, out_path):
    with open(audit_path) as f:
        doc = json.load(f)
    findings = doc.get("findings")
    if findings is None and isinstance(doc.get("audit"), dict):
        findings = doc["audit"].get("findings")
    results = {f"{ep['ip']}:{ep['port']}": {"id": ep["id"], "rules": [], "na": [], "subjects": []} for ep in endpoints}
    unmatched = []
    for fd in findings or []:
        rid = fd.get("rule_id") or fd.get("rule")
        if not rid or not rid.startswith(("tls.", "mail.")):
            continue
        # subject.endpoint is "host:port" (docs/report-json.md): the name probed or the address.
        subj = fd.get("subject") or {}
        label = subj.get("endpoint") if isinstance(subj, dict) else str(subj)
        hit = None
        for ep in endpoints:
            if label in (f"{ep['ip']}:{ep['port']}", f"{ep['sni']}:{ep['port']}"):
                hit = f"{ep['ip']}:{ep['port']}"
                break
        if hit is None:  # fall back to the finding's text (subject, message, evidence)
            text = json.dumps(fd)
            for ep in endpoints:
                key = f"{ep['ip']}:{ep['port']}"
                if re.search(re.escape(key) + r"(?!\d)", text) or re.search(r"\b" + re.escape(ep["sni"]) + ":" + str(ep["port"]) + r"(?!\d)", text):
                    hit = key
                    break
        if hit:
            if rid not in results[hit]["rules"]:
                results[hit]["rules"].append(rid)
            results[hit]["subjects"].append(fd.get("subject"))
        else:
            unmatched.append({"rule_id": rid, "subject": fd.get("subject")})
    for v in results.values():
        v["rules"].sort()
    results["_unmatched"] = unmatched
    with open(out_path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)


def main(argv):
    if argv and argv[0] == "--sslyze-worker":
        eps = endpoints_of(argv[1])
        return sslyze_worker(eps, argv[2] or None, argv[3] or None)
    if len(argv) >= 4 and argv[0] == "nmap-parse":  # nmap-parse NMAP.xml ENDPOINTS.json OUT.json
        eps = endpoints_of(argv[2])
        with open(argv[1]) as f:
            return finish("nmap", parse_nmap(f.read(), eps), eps, argv[3])
    if len(argv) >= 4 and argv[0] == "netaudit-rules":
        return netaudit_rules(argv[1], endpoints_of(argv[2]), argv[3])
    if len(argv) < 3 or argv[0] not in ("sslscan", "sslyze", "nmap"):
        sys.exit("usage: tls-oracle.py sslscan|sslyze|nmap ENDPOINTS.json OUT.json [--raw DIR] [--ca PEM]")
    tool, ep_path, out = argv[0], os.path.abspath(argv[1]), argv[2]
    raw = ca = None
    rest = argv[3:]
    while rest:
        if rest[0] == "--raw" and len(rest) > 1:
            raw = os.path.abspath(rest[1]); os.makedirs(raw, exist_ok=True); rest = rest[2:]
        elif rest[0] == "--ca" and len(rest) > 1:
            ca = os.path.abspath(rest[1]); rest = rest[2:]
        else:
            sys.exit(f"tls-oracle: unknown argument {rest[0]}")
    ca = ca or os.environ.get("NATLS_CA")
    eps = endpoints_of(ep_path)
    if tool == "sslscan":
        res = run_sslscan(eps, raw)
    elif tool == "sslyze":
        res = run_sslyze(ep_path, eps, ca, raw)
    else:
        res = run_nmap(eps, raw)
    finish(tool, res, eps, out)


if __name__ == "__main__":
    main(sys.argv[1:])
