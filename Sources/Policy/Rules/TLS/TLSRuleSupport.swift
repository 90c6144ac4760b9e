import NetAddress
import Snapshot

/// What the `tls.*` rules share: which endpoints they judge, how an endpoint is named,
/// fingerprinted and evidenced, how a cipher suite maps onto the profile's cipher classes, and the
/// handling of endpoints that could not be assessed.
///
/// - Subject: `Subject(kind: .endpoint, ip: ADDRESS, endpoint: "ADDRESS:PORT", sni: NAME)`, so an
///   exception can match it by `ip` (address or CIDR) or `endpoint` (`ADDRESS:PORT`).
/// - Identity (fingerprint): address, port, SNI and STARTTLS protocol (what keys a `TLSEndpoint`),
///   never durations or times. The certificate-validity rules add the leaf's SHA-256, so a renewed
///   certificate that is again about to expire is a new finding, not one a baseline already holds.
/// - Evidence: who observed it (the probe run, or the capture file and packet), the endpoint, the SNI
///   and the exact fact, e.g. `TLS probe of 192.0.2.10:443 (SNI www.example.com): accepts
///   TLS_RSA_WITH_RC4_128_SHA (0x0005) under TLSv1.0`.
/// - Only endpoints with status `ok` are judged. Endpoints that were unreachable, did not speak TLS or
///   failed otherwise are reported once each, at severity `info`, by the first `tls.*` rule the
///   profile enables (catalog order), so an audit never looks clean because the probe failed.
/// - With no TLS endpoint at all (`snapshot.tls` absent or empty) every `tls.*` rule is listed as not
///   evaluated (`AuditInputRequirement`).
struct TLSTarget {
    let endpoint: TLSEndpoint

    /// `192.0.2.10:443`, `[2001:db8::1]:443`.
    var hostPort: String {
        endpoint.address.contains(":") ? "[\(endpoint.address)]:\(endpoint.port)" : "\(endpoint.address):\(endpoint.port)"
    }

    /// `192.0.2.10:443 (SNI www.example.com, STARTTLS smtp)`.
    var label: String {
        var details: [String] = []
        if let sni = endpoint.sni { details.append("SNI \(sni)") }
        if let starttls = endpoint.starttls { details.append("STARTTLS \(starttls)") }
        if details.isEmpty, endpoint.host != endpoint.address { details.append("host \(endpoint.host)") }
        return details.isEmpty ? hostPort : "\(hostPort) (\(details.joined(separator: ", ")))"
    }

    var subject: Subject {
        Subject(kind: .endpoint, ip: endpoint.address, endpoint: hostPort, sni: endpoint.sni)
    }

    var identity: [String] {
        ["tls-endpoint=\(endpoint.address.lowercased()):\(endpoint.port)", "sni=\(endpoint.sni?.lowercased() ?? "-")",
         "starttls=\(endpoint.starttls?.lowercased() ?? "-")"]
    }

    /// The leaf certificate the server sent, if any.
    var leaf: TLSCertificate? { endpoint.certificates.first }

    /// `TLS probe of 192.0.2.10:443 (SNI …): FACT`, located at the probe run or the capture packet.
    func evidence(_ fact: String, _ context: AuditContext) -> FindingEvidence {
        switch endpoint.origin {
        case .capture:
            return context.observed("TLS handshake in capture with \(label): \(fact)", at: nil, evidence: endpoint.evidence)
        case .probe:
            let source: String
            if let named = context.sourceName(endpoint.evidence) {
                source = "probe \(named)"
            } else if let probe = context.snapshot.sources.first(where: { $0.kind == .probe }) {
                source = "probe \(probe.name)"
            } else {
                source = "netaudit tls probe"
            }
            return FindingEvidence(fact: "TLS probe of \(label): \(fact)", source: source, packet: endpoint.evidence?.packet)
        }
    }
}

extension AuditContext {
    /// Every TLS endpoint of the snapshot, probed or captured, in snapshot order.
    var tlsTargets: [TLSTarget] { (snapshot.tls?.endpoints ?? []).map(TLSTarget.init) }

    /// The endpoints with TLS facts to judge (status `ok`).
    var assessedTLSTargets: [TLSTarget] { tlsTargets.filter { $0.endpoint.status == .ok } }

    /// The enabled rule that reports endpoints nobody could assess: the first enabled `tls.*` rule in
    /// catalog order, else the first enabled `mail.*` rule.
    var unassessedNoteRuleID: String? {
        let enabled = Set(profile.enabledRules.map(\.id))
        return (RuleCatalog.tlsRules + RuleCatalog.mailRules).map(\.id).first { enabled.contains($0) }
    }
}

/// Helpers for the rules' `evaluate`.
enum TLSRules {
    /// `rule`'s findings from `judge` for every assessed endpoint, plus the notes about unassessed
    /// endpoints when `rule` is the one that reports them.
    static func evaluate(_ context: AuditContext, _ rule: ResolvedRule, _ judge: (TLSTarget) -> Finding?) -> [Finding] {
        context.assessedTLSTargets.compactMap(judge) + unassessedNotes(context, rule)
    }

    /// One `info` finding per endpoint that has no TLS facts to judge (unreachable, no TLS, error),
    /// reported by `context.unassessedNoteRuleID` only. A mail endpoint that answered in plaintext
    /// without offering STARTTLS is `mail.starttls_missing`'s case, not a failure of the probe.
    static func unassessedNotes(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard rule.id == context.unassessedNoteRuleID else { return [] }
        let mailPorts = rule.id.hasPrefix("mail.") ? (rule.ports("ports") ?? []) : nil
        return context.tlsTargets.compactMap { target -> Finding? in
            let endpoint = target.endpoint
            guard endpoint.status != .ok else { return nil }
            if let plaintext = endpoint.plaintext, !plaintext.starttlsOffered { return nil }
            if let mailPorts, endpoint.starttls == nil, !mailPorts.contains(where: { $0.contains(port: endpoint.port, transport: .tcp) }) {
                return nil
            }
            let why: (en: String, ja: String)
            switch endpoint.status {
            case .unreachable: why = ("the TCP connection failed or timed out", "TCP 接続が失敗又はタイムアウトしました")
            case .noTLS: why = ("the port answered, but not with TLS", "ポートは応答しましたが TLS ではありませんでした")
            case .error, .ok: why = ("the TLS probe failed", "TLS の検査が失敗しました")
            }
            var fact = "status \(endpoint.status.rawValue)"
            if let error = endpoint.error, !error.isEmpty { fact += ": \(error)" }
            var finding = rule.finding(
                subject: target.subject, identity: ["unassessed"] + target.identity,
                message: LocalizedText(
                    en: "\(target.label) could not be assessed: \(why.en). No TLS or mail rule judged it; it is not a pass.",
                    ja: "\(target.label) を評価できませんでした（\(why.ja)）。TLS・メールの規則はこの接続先を判定していません。合格ではありません。"),
                evidence: [target.evidence(fact, context)],
                remediation: LocalizedText(
                    en: "Check that the service is up and reachable from the scanner (address, port, firewall, STARTTLS protocol), "
                        + "then probe it again with `netaudit tls`; remove it from the targets if it is gone.",
                    ja: "サービスが稼働し、検査端末から到達できること（アドレス、ポート、ファイアウォール、STARTTLS のプロトコル）を確認し、"
                        + "`netaudit tls` で再検査してください。廃止済みであれば検査対象から外してください。"))
            finding.severity = .info
            // The rule only carries the note: its citations justify a verdict that was not reached.
            finding.citations = []
            return finding
        }
    }

    /// The TLS rules need TLS endpoints in the snapshot.
    static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        guard let tls = context.snapshot.tls, !tls.endpoints.isEmpty else {
            return .init(id: rule.id, reason: .noTLSData)
        }
        return nil
    }

    /// `where the profile's setting comes from` evidence.
    static func setting(_ fact: String, _ rule: ResolvedRule, parameter: String? = nil) -> FindingEvidence {
        FindingEvidence(fact: fact, source: (parameter.flatMap { rule.parameter($0)?.origin } ?? rule.origin).description)
    }

    static func list(_ items: [String]) -> String { items.joined(separator: ", ") }
}

// MARK: Versions

extension RuleCatalog.TLSVersion {
    /// From the snapshot's spelling (`SSLv3`, `TLSv1.2`; also `tls1.2`, `TLS 1.2`).
    init?(snapshotName: String) {
        let key = snapshotName.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "v", with: "")
        switch key {
        case "ssl2", "ssl2.0": self = .ssl2
        case "ssl3", "ssl3.0": self = .ssl3
        case "tls1", "tls1.0": self = .tls10
        case "tls1.1": self = .tls11
        case "tls1.2": self = .tls12
        case "tls1.3": self = .tls13
        default: return nil
        }
    }

    /// `TLSv1.2`, as the snapshot and OpenSSL spell it.
    var displayName: String {
        switch self {
        case .ssl2: "SSLv2"
        case .ssl3: "SSLv3"
        case .tls10: "TLSv1.0"
        case .tls11: "TLSv1.1"
        case .tls12: "TLSv1.2"
        case .tls13: "TLSv1.3"
        }
    }
}

// MARK: Cipher classes

enum TLSCipherClasses {
    typealias CipherClass = RuleCatalog.CipherClass

    /// Every catalog class that describes `suite` when accepted under `version` (TLS 1.3 suites are
    /// never CBC and always forward secret).
    static func classes(of suite: TLSCipherSuite, version: RuleCatalog.TLSVersion?) -> [CipherClass] {
        let name = suite.name.uppercased()
        let encryption = suite.encryption.uppercased()
        let tls13 = suite.keyExchange.uppercased() == "TLS13" || version == .tls13
        var result: [CipherClass] = []
        if encryption == "NULL" || encryption.hasPrefix("NULL") || (suite.bits == 0 && !tls13) { result.append(.nullCipher) }
        if suite.authentication.lowercased() == "anon" || name.contains("_ANON_") { result.append(.anonymous) }
        if suite.export || name.contains("EXPORT") { result.append(.export) }
        if encryption.hasPrefix("RC4") { result.append(.rc4) }
        let tripleDES = encryption.contains("3DES") || encryption.contains("DES_EDE") || encryption.contains("DES-EDE")
        if tripleDES { result.append(.tripleDES) }
        if !tripleDES, encryption.hasPrefix("DES") || encryption.hasPrefix("DES40") { result.append(.des) }
        if !tls13, suite.mode.uppercased() == "CBC" { result.append(.cbc) }
        if !tls13, !suite.forwardSecret { result.append(.noForwardSecrecy) }
        return result
    }
}

// MARK: Certificates

extension TLSCertificate {
    /// `CN=www.example.com` subject shortened to its common name when it has one.
    var shortName: String { commonName ?? subject }

    /// Whole days from `now` until notAfter (negative once expired).
    func daysLeft(at now: Timestamp) -> Int {
        let seconds = notAfter.seconds - now.seconds
        return Int(seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400))
    }

    /// `RSA 2048`, `EC 256 (prime256v1)`.
    var keyDescription: String { "\(keyType) \(keyBits)" + (curve.map { " (\($0))" } ?? "") }
}

// MARK: Public classification (for renderers)

/// The rules' own classification of TLS facts, for renderers that highlight weak items without a
/// profile (`netaudit tls --format table`): the same code the rules judge with.
public enum TLSClassification {
    /// The catalog cipher classes `suite` belongs to when accepted under `version` (`TLSv1.2`).
    public static func cipherClasses(_ suite: TLSCipherSuite, version: String) -> [RuleCatalog.CipherClass] {
        TLSCipherClasses.classes(of: suite, version: RuleCatalog.TLSVersion(snapshotName: version))
    }

    /// The catalog version for the snapshot's spelling (`TLSv1.0` → `tls1.0`).
    public static func version(_ name: String) -> RuleCatalog.TLSVersion? { RuleCatalog.TLSVersion(snapshotName: name) }

    /// Whole days from `now` until the certificate's notAfter (negative once expired).
    public static func daysLeft(_ certificate: TLSCertificate, at now: Timestamp) -> Int { certificate.daysLeft(at: now) }
}
