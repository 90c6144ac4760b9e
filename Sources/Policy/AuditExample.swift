import NetAddress
import Snapshot

/// A worked example of one rule: a small observed network, a ledger, the rule's settings, and how
/// many findings of the rule it must produce (0 for an example on which the rule stays silent).
///
/// Examples live beside the rule they illustrate (SwiftLint style) and the tests run every one of
/// them through the real audit: profile YAML through the profile loader, ledger CSV through the
/// ledger reader, and `Auditor.audit`. `docs/rules.md` describes the same cases in prose.
public struct AuditExample: Sendable {
    public var name: String
    public var snapshot: Snapshot
    /// The ledger as CSV text (read with `LedgerReader.parse`); nil to audit without a ledger.
    public var ledgerCSV: String?
    /// The rule's `params:` as a YAML flow mapping, e.g. `{grace_days: 0}`; nil for the catalog defaults.
    public var params: String?
    /// Other rules enabled beside the one under test (with their catalog defaults).
    public var alsoEnabled: [String]
    /// Lines under `scope:` (without the citations the loader requires), e.g. `ip_only_matching: true`.
    public var scope: [String]
    /// Exceptions as YAML flow mappings, e.g. `{id: x, rules: [...], match: {mac: ...}, approver: A, expires: 2026-12-31}`.
    public var exceptions: [String]
    public var today: ProfileDate
    /// Findings of the rule under test the audit must report (active or suppressed).
    public var expectedFindings: Int

    public init(_ name: String, snapshot: Snapshot, ledger: String? = nil, params: String? = nil, alsoEnabled: [String] = [],
                scope: [String] = [], exceptions: [String] = [], today: ProfileDate = AuditExample.defaultToday,
                expectedFindings: Int = 1) {
        self.name = name; self.snapshot = snapshot; self.ledgerCSV = ledger; self.params = params
        self.alsoEnabled = alsoEnabled; self.scope = scope; self.exceptions = exceptions; self.today = today
        self.expectedFindings = expectedFindings
    }

    /// The example with another expected count (non-triggering examples expect 0).
    public func expecting(_ count: Int) -> AuditExample {
        var copy = self
        copy.expectedFindings = count
        return copy
    }

    /// A complete profile enabling `ruleID` (and `alsoEnabled`), each justified as an organisational decision.
    public func profileYAML(ruleID: String) -> String {
        var lines = ["metadata:", "  id: example", "  title: \(ruleID) example", "  language: en"]
        lines.append("scope:")
        lines += scope.map { "  " + $0 }
        lines.append("  citations: [{org_decision: true}]")
        lines.append("rules:")
        lines.append("  \(ruleID):")
        if let params { lines.append("    params: \(params)") }
        lines.append("    citations: [{org_decision: true}]")
        for other in alsoEnabled where other != ruleID {
            lines.append("  \(other):")
            lines.append("    citations: [{org_decision: true}]")
        }
        if !exceptions.isEmpty {
            lines.append("exceptions:")
            lines += exceptions.map { "  - " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Building blocks

    /// 2026-01-05, the examples' "today".
    public static let defaultToday = ProfileDate(year: 2026, month: 1, day: 5) ?? .today()
    /// 2026-01-05T09:00:00Z, when the examples' capture starts.
    public static let captureStart = Timestamp(seconds: 1_767_603_600)

    /// A station seen in the capture `seconds` after the start; addresses bound by ARP.
    public static func station(_ mac: String, _ addresses: [String] = [], hostname: String? = nil, vlan: Int? = nil,
                               packet: Int = 1, seconds: Int64 = 0, until: Int64 = 600) -> Device {
        let first = Timestamp(seconds: captureStart.seconds + seconds)
        let last = Timestamp(seconds: captureStart.seconds + until)
        let evidence = Evidence(protocol: "arp", source: 0, packet: packet)
        let macAddress = MACAddress(mac) ?? .zero
        return Device(
            mac: macAddress, vlan: vlan, randomized: macAddress.isLocallyAdministered,
            ipv4: addresses.compactMap { IPv4Address($0) }.map {
                AddressBinding(address: $0, sources: ["arp"], firstSeen: first, lastSeen: last, evidence: evidence)
            },
            hostnames: hostname.map { [Hostname(name: $0, source: "dhcp", firstSeen: first, evidence: evidence)] } ?? [],
            firstSeen: first, lastSeen: last, packets: 10, bytes: 1000, evidence: evidence)
    }

    /// A DHCP server that made offers on the segment.
    public static func dhcpServer(_ mac: String, _ address: String, vlan: Int? = nil, packet: Int = 2) -> DHCPServer {
        let ip = IPv4Address(address)
        return DHCPServer(mac: MACAddress(mac) ?? .zero, vlan: vlan, ip: ip, serverIdentifier: ip, offers: 1, acks: 1,
                          firstSeen: captureStart, lastSeen: captureStart, evidence: Evidence(protocol: "dhcp", source: 0, packet: packet))
    }

    /// An observed network: one capture file, `example.pcap`, ten minutes long.
    public static func network(_ devices: [Device], dhcpServers: [DHCPServer] = [], anomalies: [Anomaly] = []) -> Snapshot {
        Snapshot(generatedAt: captureStart, observedFrom: captureStart, observedUntil: Timestamp(seconds: captureStart.seconds + 600),
                 sources: [Source(kind: .file, name: "example.pcap", linkType: "EN10MB", packets: 100, bytes: 10_000)],
                 devices: devices, dhcpServers: dhcpServers, anomalies: anomalies)
    }

    /// The columns example ledgers use.
    public static let ledgerHeader =
        "asset_id,node_name,mac_addresses,ip_address,site,status,ownership,approval_ref,approval_expiry,purpose,install_date"

    /// One ledger row in `ledgerHeader`'s columns.
    public static func row(_ assetID: String, name: String = "", mac: String = "", ip: String = "", site: String = "",
                           status: String = "in_service", ownership: String = "company", approvalRef: String = "",
                           expiry: String = "", purpose: String = "", installed: String = "") -> String {
        [assetID, name, mac, ip, site, status, ownership, approvalRef, expiry, purpose, installed].joined(separator: ",")
    }

    /// A ledger CSV with `ledgerHeader` and `rows`.
    public static func ledger(_ rows: String...) -> String {
        ([ledgerHeader] + rows).joined(separator: "\n") + "\n"
    }
}

// MARK: TLS building blocks

extension AuditExample {
    /// IANA code points of the suites the examples and tests use (others get `0x0000`).
    static let tlsSuiteCodes: [String: String] = [
        "TLS_AES_128_GCM_SHA256": "0x1301", "TLS_AES_256_GCM_SHA384": "0x1302", "TLS_CHACHA20_POLY1305_SHA256": "0x1303",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": "0xC02F", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": "0xC030",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": "0xC02B", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256": "0xCCA8",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": "0xC013", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": "0xC014",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256": "0x009E", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA": "0x0033",
        "TLS_RSA_WITH_AES_128_GCM_SHA256": "0x009C", "TLS_RSA_WITH_AES_128_CBC_SHA": "0x002F", "TLS_RSA_WITH_AES_256_CBC_SHA": "0x0035",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA": "0x000A", "TLS_RSA_WITH_RC4_128_SHA": "0x0005", "TLS_RSA_WITH_RC4_128_MD5": "0x0004",
        "TLS_RSA_WITH_DES_CBC_SHA": "0x0009", "TLS_RSA_EXPORT_WITH_RC4_40_MD5": "0x0003", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA": "0x0008",
        "TLS_RSA_WITH_NULL_SHA": "0x0002", "TLS_RSA_WITH_NULL_MD5": "0x0001",
        "TLS_DH_anon_WITH_AES_128_CBC_SHA": "0x0034", "TLS_ECDH_anon_WITH_AES_128_CBC_SHA": "0xC018",
        "TLS_DH_anon_WITH_AES_128_GCM_SHA256": "0x00A6",
    ]

    /// A cipher suite with its properties spelled out from its IANA name, as the prober records it:
    /// `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256` → ECDHE / RSA / AES_128_GCM / 128 / GCM / AEAD.
    public static func cipherSuite(_ name: String) -> TLSCipherSuite {
        let code = tlsSuiteCodes[name] ?? "0x0000"
        let body = name.hasPrefix("TLS_") || name.hasPrefix("SSL_") ? String(name.dropFirst(4)) : name
        let keyExchange: String
        let authentication: String
        var export = false
        var cipherPart: String
        if let range = body.range(of: "_WITH_") {
            var kx = body[..<range.lowerBound].split(separator: "_").map(String.init)
            if let index = kx.firstIndex(of: "EXPORT") { export = true; kx.remove(at: index) }
            keyExchange = kx.first ?? "NULL"
            authentication = kx.count > 1 ? kx[1] : (keyExchange == "RSA" ? "RSA" : keyExchange)
            cipherPart = String(body[range.upperBound...])
        } else {
            keyExchange = "TLS13"; authentication = "TLS13"; cipherPart = body
        }
        var parts = cipherPart.split(separator: "_").map(String.init)
        var mac = "AEAD"
        if let last = parts.last, last.hasPrefix("SHA") || last == "MD5" { mac = last; parts.removeLast() }
        let encryption = parts.joined(separator: "_")
        let mode: String
        if encryption.contains("GCM") { mode = "GCM" } else if encryption.contains("CCM") { mode = "CCM" }
        else if encryption.contains("POLY1305") { mode = "POLY1305" } else if encryption.contains("CBC") { mode = "CBC" }
        else if encryption.hasPrefix("RC4") { mode = "STREAM" } else { mode = "NONE" }
        if ["GCM", "CCM", "POLY1305"].contains(mode) { mac = "AEAD" }
        let bits: Int
        if encryption == "NULL" { bits = 0 }
        else if encryption.hasPrefix("3DES") { bits = 112 }
        else if encryption.hasPrefix("DES40") { bits = 40 }
        else if encryption.hasPrefix("DES") { bits = 56 }
        else if encryption.hasPrefix("CHACHA20") { bits = 256 }
        else { bits = parts.compactMap { Int($0) }.first ?? 128 }
        return TLSCipherSuite(code: code, name: name, keyExchange: keyExchange, authentication: authentication,
                              encryption: encryption, bits: bits, mode: mode, mac: mac, export: export)
    }

    /// The suites a well-configured server accepts (Mozilla intermediate): ECDHE with AEAD ciphers.
    public static let goodTLS12Suites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                         "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"]
    public static let tls13Suites = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]

    /// A certificate valid from `validFrom` days before the examples' start to `validFor` days after it.
    public static func tlsCertificate(cn: String = "www.example.co.jp", sans: [String]? = nil,
                                      issuer: String = "CN=Example Issuing CA R1,O=Example Trust,C=JP",
                                      validFrom: Int = 65, validFor: Int = 300, keyType: String = "RSA", keyBits: Int = 2048,
                                      curve: String? = nil, signatureHash: String? = "sha256", selfSigned: Bool = false,
                                      isCA: Bool = false, serial: String = "0a1b2c3d") -> TLSCertificate {
        let subject = "CN=\(cn)"
        let algorithm: String
        switch (keyType, signatureHash) {
        case (_, nil): algorithm = keyType
        case ("EC", let hash?): algorithm = "ecdsa-with-\(hash.uppercased())"
        case (_, let hash?): algorithm = "\(hash)WithRSAEncryption"
        }
        let digestSeed = Fingerprint.make(ruleID: "example-cert", identity: [cn, serial, String(validFor), String(keyBits), signatureHash ?? "-"])
        return TLSCertificate(subject: subject, issuer: selfSigned ? subject : issuer, serial: serial,
                              notBefore: Timestamp(seconds: captureStart.seconds - Int64(validFrom) * 86_400),
                              notAfter: Timestamp(seconds: captureStart.seconds + Int64(validFor) * 86_400),
                              keyType: keyType, keyBits: keyBits, curve: curve, signatureAlgorithm: algorithm, signatureHash: signatureHash,
                              subjectAltNames: sans ?? [cn], commonName: cn, selfSigned: selfSigned, isCA: isCA,
                              sha256: digestSeed + digestSeed)
    }

    /// The intermediate the example leaves are issued by.
    public static func tlsIntermediate(signatureHash: String = "sha256", validFor: Int = 1500) -> TLSCertificate {
        var cert = tlsCertificate(cn: "Example Issuing CA R1", sans: [], issuer: "CN=Example Root CA,O=Example Trust,C=JP",
                                  validFrom: 400, validFor: validFor, keyBits: 4096, signatureHash: signatureHash, isCA: true, serial: "01")
        cert.subject = "CN=Example Issuing CA R1,O=Example Trust,C=JP"
        return cert
    }

    /// A verified chain with a matching name, checked against the system roots.
    public static func tlsTrust(verified: Bool = true, error: String? = nil, errorCode: Int? = nil, hostnameMatches: Bool? = true,
                                checkedName: String? = "www.example.co.jp", chainComplete: Bool = true, selfSigned: Bool = false,
                                store: String = "system") -> TLSTrust {
        TLSTrust(verified: verified, error: error, errorCode: errorCode, hostnameMatches: hostnameMatches, checkedName: checkedName,
                 chainComplete: chainComplete, selfSigned: selfSigned, store: store)
    }

    /// An endpoint; by default a good one: TLS 1.2 and 1.3 with ECDHE and AEAD suites only (SSLv3,
    /// TLS 1.0 and 1.1 probed and refused), x25519/secp256r1, a 2048-bit RSA leaf with 300 days left
    /// plus its intermediate, verified against the system roots.
    ///
    /// `versions` are the accepted versions; below TLS 1.3 they accept `suites`, TLS 1.3 accepts the
    /// three TLS 1.3 suites. `refused` versions are listed as probed and not accepted. A `capture`
    /// endpoint points at packet 7 of `example.pcap`.
    public static func tlsEndpoint(_ address: String = "192.168.1.10", port: Int = 443, sni: String? = "www.example.co.jp",
                                   starttls: String? = nil, origin: TLSEndpoint.Origin = .probe, status: TLSEndpoint.Status = .ok,
                                   error: String? = nil, versions: [String] = ["TLSv1.2", "TLSv1.3"], refused: [String]? = nil,
                                   suites: [String] = goodTLS12Suites,
                                   groups: [TLSGroup] = [TLSGroup(name: "x25519", kind: "ecdhe", bits: 253),
                                                         TLSGroup(name: "secp256r1", kind: "ecdhe", bits: 256)],
                                   dhMinBits: Int? = nil, certificates: [TLSCertificate]? = nil, trust: TLSTrust?? = .none,
                                   plaintext: TLSPlaintextFacts? = nil) -> TLSEndpoint {
        guard status == .ok else {
            return TLSEndpoint(host: sni ?? address, address: address, port: port, sni: sni, starttls: starttls, origin: origin,
                               status: status, error: error, plaintext: plaintext, durationMS: 120,
                               evidence: origin == .capture ? Evidence(protocol: "tls", source: 0, packet: 7) : nil)
        }
        let order = ["SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
        let notAccepted = refused ?? (origin == .capture ? [] : order.filter { !versions.contains($0) && $0 != "SSLv2" })
        var protocols: [TLSProtocolSupport] = []
        for version in order {
            if versions.contains(version) {
                protocols.append(TLSProtocolSupport(version: version, accepted: true,
                                                    cipherSuites: (version == "TLSv1.3" ? tls13Suites : suites).map(cipherSuite)))
            } else if notAccepted.contains(version) {
                protocols.append(TLSProtocolSupport(version: version, accepted: false))
            }
        }
        let chain = certificates ?? [tlsCertificate(cn: sni ?? "www.example.co.jp"), tlsIntermediate()]
        let verdict: TLSTrust? = trust ?? (chain.isEmpty ? nil : tlsTrust(checkedName: sni ?? address))
        return TLSEndpoint(host: sni ?? address, address: address, port: port, sni: sni, starttls: starttls, origin: origin, status: .ok,
                           protocols: protocols, groups: groups, dhMinBits: dhMinBits, serverCipherPreference: true,
                           secureRenegotiation: true, compression: false, certificates: chain, trust: verdict, plaintext: plaintext,
                           durationMS: 850, evidence: origin == .capture ? Evidence(protocol: "tls", source: 0, packet: 7) : nil)
    }

    /// A mail server's STARTTLS facts: offered or not, and the mechanisms it offered before TLS.
    public static func mailPlaintext(_ protocolName: String = "smtp", starttls: Bool = true, auth: [String] = []) -> TLSPlaintextFacts {
        let greeting: String
        switch protocolName {
        case "pop3": greeting = "+OK POP3 server ready"
        case "imap": greeting = "* OK IMAP4rev1 Service Ready"
        default: greeting = "220 mail.example.co.jp ESMTP Postfix"
        }
        return TLSPlaintextFacts(protocolName: protocolName, greeting: greeting, starttlsOffered: starttls, authBeforeTLS: auth)
    }

    /// A mail endpoint on `port`: with STARTTLS it completed TLS (good facts), without it status `no_tls`.
    public static func mailEndpoint(_ address: String = "192.168.1.25", port: Int = 25, protocolName: String = "smtp",
                                    starttls: Bool = true, auth: [String] = []) -> TLSEndpoint {
        let facts = mailPlaintext(protocolName, starttls: starttls, auth: auth)
        if starttls {
            return tlsEndpoint(address, port: port, sni: "mail.example.co.jp", starttls: protocolName, plaintext: facts)
        }
        return tlsEndpoint(address, port: port, sni: "mail.example.co.jp", starttls: protocolName, status: .noTLS,
                           error: "STARTTLS not offered", plaintext: facts)
    }

    /// A snapshot of TLS facts: `example.pcap` (source 0, for captured endpoints) and the probe run `eth0`.
    public static func tls(_ endpoints: [TLSEndpoint]) -> Snapshot {
        var snapshot = network([])
        snapshot.sources.append(Source(kind: .probe, name: "eth0", linkType: "EN10MB", packets: endpoints.count, bytes: 0))
        snapshot.tls = TLSSnapshot(endpoints: endpoints)
        return snapshot
    }
}
