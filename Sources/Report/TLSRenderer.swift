import Foundation
import Policy
import Snapshot

/// Renders TLS endpoints for `netaudit tls --format table|json|csv`.
///
/// - `table`: one block per endpoint for a person: status, versions with suite counts, weak items
///   marked in words (`[weak: rc4, no_forward_secrecy]`, `[deprecated]`, `[EXPIRED]`), the leaf
///   certificate (subject, SANs, validity with days left, key, signature), the trust verdict and,
///   for STARTTLS servers, what they offered before TLS. Weakness marks use the rules' own
///   classification without a profile; whether a profile forbids them is `netaudit audit`'s answer.
/// - `json`: the snapshot document (with its `tls` member), pretty and key-sorted, byte-stable.
/// - `csv`: one row per endpoint × version × suite (RFC 4180, CRLF, formula-safe), an endpoint with
///   no version facts (unreachable) as one row, a refused version as one row without suite.
public enum TLSRenderer {
    public enum Format: String, CaseIterable, Sendable { case table, json, csv }

    public static func render(_ snapshot: Snapshot, format: Format, now: Timestamp) throws -> String {
        switch format {
        case .table: table(snapshot.tls?.endpoints ?? [], now: now)
        case .json: try json(snapshot)
        case .csv: csv(snapshot.tls?.endpoints ?? [])
        }
    }

    // MARK: JSON

    /// The whole snapshot document (schema in docs/inventory-json.md, `tls` in docs/tls-json.md).
    public static func json(_ snapshot: Snapshot) throws -> String {
        String(decoding: try encoder.encode(snapshot), as: UTF8.self) + "\n"
    }

    /// Just the TLS part (`{"endpoints": [...]}`).
    public static func json(_ tls: TLSSnapshot) throws -> String {
        String(decoding: try encoder.encode(tls), as: UTF8.self) + "\n"
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    // MARK: CSV

    public static let csvColumns = [
        "host", "address", "port", "sni", "starttls", "origin", "status", "error", "version", "accepted",
        "suite_code", "suite_name", "key_exchange", "authentication", "encryption", "bits", "mode", "mac", "export", "weak_classes",
        "cert_subject", "cert_not_after", "cert_key", "cert_signature", "trust_verified", "hostname_matches", "chain_complete",
        "trust_store", "starttls_offered", "auth_before_tls",
    ]

    public static func csv(_ endpoints: [TLSEndpoint]) -> String {
        var out = csvColumns.joined(separator: ",") + "\r\n"
        for endpoint in endpoints {
            let leaf = endpoint.certificates.first
            let head: [String] = [endpoint.host, endpoint.address, String(endpoint.port), endpoint.sni ?? "", endpoint.starttls ?? "",
                                  endpoint.origin.rawValue, endpoint.status.rawValue, endpoint.error ?? ""]
            var tail: [String] = []
            tail.append(leaf?.subject ?? "")
            tail.append(leaf?.notAfter.description ?? "")
            tail.append(leaf.map { "\($0.keyType) \($0.keyBits)" } ?? "")
            tail.append(leaf?.signatureAlgorithm ?? "")
            tail.append(endpoint.trust.map { String($0.verified) } ?? "")
            tail.append(endpoint.trust?.hostnameMatches.map { String($0) } ?? "")
            tail.append(endpoint.trust.map { String($0.chainComplete) } ?? "")
            tail.append(endpoint.trust?.store ?? "")
            tail.append(endpoint.plaintext.map { String($0.starttlsOffered) } ?? "")
            tail.append(endpoint.plaintext?.authBeforeTLS.joined(separator: ";") ?? "")
            let empty = [String](repeating: "", count: 10)
            if endpoint.protocols.isEmpty {
                out += row(head + ["", ""] + empty + tail)
            }
            for support in endpoint.protocols {
                let version = [support.version, String(support.accepted)]
                if support.cipherSuites.isEmpty {
                    out += row(head + version + empty + tail)
                }
                for suite in support.cipherSuites {
                    let classes = TLSClassification.cipherClasses(suite, version: support.version).map(\.rawValue).joined(separator: ";")
                    let facts: [String] = [suite.code, suite.name, suite.keyExchange, suite.authentication, suite.encryption,
                                           String(suite.bits), suite.mode, suite.mac, String(suite.export), classes]
                    out += row(head + version + facts + tail)
                }
            }
        }
        return out
    }

    private static func row(_ fields: [String]) -> String { fields.map(InventoryRenderer.csvField).joined(separator: ",") + "\r\n" }

    // MARK: Table

    public static func table(_ endpoints: [TLSEndpoint], now: Timestamp) -> String {
        guard !endpoints.isEmpty else { return "No TLS endpoints.\n" }
        var out = ""
        for endpoint in endpoints {
            out += block(endpoint, now: now) + "\n"
        }
        var counts: [String: Int] = [:]
        for endpoint in endpoints { counts[endpoint.status.rawValue, default: 0] += 1 }
        let statuses = ["ok", "no_tls", "unreachable", "error"].compactMap { key in counts[key].map { "\($0) \(key)" } }
        out += "\(endpoints.count) endpoint\(endpoints.count == 1 ? "" : "s") (\(statuses.joined(separator: ", ")))\n"
        return out
    }

    static func block(_ e: TLSEndpoint, now: Timestamp) -> String {
        let hostPort = e.address.contains(":") ? "[\(e.address)]:\(e.port)" : "\(e.address):\(e.port)"
        var title = hostPort
        if let sni = e.sni { title += "  SNI \(sni)" }
        if e.host != e.address && e.host != e.sni { title += "  host \(e.host)" }
        if let starttls = e.starttls { title += "  STARTTLS \(starttls)" }
        var origin = e.origin.rawValue
        if let ms = e.durationMS { origin += ", \(ms) ms" }
        if let evidence = e.evidence { origin += ", source \(evidence.source) packet \(evidence.packet)" }
        var lines = ["\(safe(title))  (\(origin))"]
        func field(_ name: String, _ value: String) {
            lines.append("  " + name.padding(toLength: 10, withPad: " ", startingAt: 0) + " " + safe(value))
        }
        func more(_ value: String) { lines.append(String(repeating: " ", count: 13) + safe(value)) }

        var status = e.status.rawValue
        if e.status != .ok { status += " [NOT ASSESSED]" }
        if let error = e.error, !error.isEmpty { status += ": \(error)" }
        field("status", status)

        let accepted = e.protocols.filter(\.accepted)
        if !e.protocols.isEmpty {
            var versions = accepted.reversed().map { support -> String in
                var text = "\(support.version) (\(support.cipherSuites.count) suite\(support.cipherSuites.count == 1 ? "" : "s"))"
                if let v = TLSClassification.version(support.version), v < .tls12 { text += " [deprecated]" }
                return text
            }.joined(separator: ", ")
            if versions.isEmpty { versions = "none accepted" }
            let refused = e.protocols.filter { !$0.accepted }.map(\.version)
            if !refused.isEmpty { versions += "; refused " + refused.joined(separator: ", ") }
            field("versions", versions)
        }
        // Weak suites once each, with the versions that accept them (newest first).
        var weakOrder: [String] = []
        var weakVersions: [String: [String]] = [:]
        var weakClasses: [String: [String]] = [:]
        for support in accepted.reversed() {
            for suite in support.cipherSuites {
                let classes = TLSClassification.cipherClasses(suite, version: support.version).map(\.rawValue)
                guard !classes.isEmpty else { continue }
                if weakVersions[suite.name] == nil { weakOrder.append(suite.name) }
                weakVersions[suite.name, default: []].append(support.version)
                for c in classes where !(weakClasses[suite.name] ?? []).contains(c) { weakClasses[suite.name, default: []].append(c) }
            }
        }
        let weak = weakOrder.map { name in
            "\(name) under \((weakVersions[name] ?? []).joined(separator: ", ")) [weak: \((weakClasses[name] ?? []).joined(separator: ", "))]"
        }
        for support in accepted.reversed() where !support.cipherSuites.isEmpty {
            field(support.version, support.cipherSuites.map(\.name).joined(separator: ", "))
        }
        if !weak.isEmpty {
            field("weak", weak[0])
            for item in weak.dropFirst() { more(item) }
        }
        var kx: [String] = e.groups.map { group in
            var text = "\(group.name) (\(group.kind) \(group.bits))"
            if (group.kind == "ecdhe" && group.bits < 224) || (group.kind != "ecdhe" && group.bits < 2048) { text += " [weak]" }
            return text
        }
        if let dh = e.dhMinBits { kx.append("DHE prime \(dh) bits" + (dh < 2048 ? " [weak]" : "")) }
        if !kx.isEmpty { field("groups", kx.joined(separator: ", ")) }
        var options: [String] = []
        if let preference = e.serverCipherPreference { options.append("server cipher order \(preference ? "yes" : "no")") }
        if let renegotiation = e.secureRenegotiation { options.append("secure renegotiation \(renegotiation ? "yes" : "no [weak]")") }
        if let compression = e.compression { options.append("compression \(compression ? "yes [weak: CRIME]" : "no")") }
        if !options.isEmpty { field("options", options.joined(separator: ", ")) }

        if let leaf = e.certificates.first {
            field("cert", leaf.subject)
            if !leaf.subjectAltNames.isEmpty { more("SANs " + leaf.subjectAltNames.joined(separator: ", ")) }
            more("issuer " + leaf.issuer + (leaf.selfSigned ? " (self-signed)" : ""))
            let days = TLSClassification.daysLeft(leaf, at: now)
            var validity = "valid \(leaf.notBefore) – \(leaf.notAfter)"
            if leaf.notAfter < now { validity += ", expired \(-days) days ago [EXPIRED]" }
            else if leaf.notBefore > now { validity += " [NOT YET VALID]" }
            else { validity += ", \(days) days left" + (days < 30 ? " [expires soon]" : "") }
            more(validity)
            var key = "key \(leaf.keyType) \(leaf.keyBits)" + (leaf.curve.map { " (\($0))" } ?? "")
            if ["RSA", "DSA"].contains(leaf.keyType.uppercased()) && leaf.keyBits < 2048 || leaf.keyType.uppercased() == "EC" && leaf.keyBits < 256 {
                key += " [weak]"
            }
            var signature = "signature \(leaf.signatureAlgorithm)"
            if let hash = leaf.signatureHash?.lowercased(), ["md2", "md4", "md5", "sha1"].contains(hash) { signature += " [weak]" }
            more(key + ", " + signature)
            for (index, cert) in e.certificates.enumerated().dropFirst() {
                var text = "chain \(index + 1): \(cert.subject), until \(cert.notAfter), \(cert.signatureAlgorithm)"
                if cert.selfSigned { text += " (self-signed root)" }
                else if let hash = cert.signatureHash?.lowercased(), ["md2", "md4", "md5", "sha1"].contains(hash) { text += " [weak]" }
                if cert.notAfter < now && !cert.selfSigned { text += " [EXPIRED]" }
                more(text)
            }
        }
        if let trust = e.trust {
            var verdict = trust.verified ? "verified" : "NOT VERIFIED"
            if !trust.verified, let error = trust.error { verdict += " (\(error)\(trust.errorCode.map { ", X509_V_ERR \($0)" } ?? ""))" }
            verdict += " against \(trust.store)"
            if let matches = trust.hostnameMatches {
                verdict += "; name \(trust.checkedName ?? "-") " + (matches ? "matches" : "DOES NOT MATCH")
            }
            if !trust.chainComplete { verdict += "; chain INCOMPLETE" }
            if trust.selfSigned { verdict += "; self-signed" }
            field("trust", verdict)
        }
        if let p = e.plaintext {
            var text = "\(p.protocolName.uppercased())"
            if let greeting = p.greeting { text += " \"\(greeting)\"" }
            text += "; STARTTLS " + (p.starttlsOffered ? "offered" : "NOT OFFERED")
            text += "; auth before TLS: " + (p.authBeforeTLS.isEmpty ? "none" : p.authBeforeTLS.joined(separator: " ") + " [cleartext passwords]")
            field("plaintext", text)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Control characters from the network (greetings, names) are shown escaped, never sent to the terminal.
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += String(format: "\\x%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
