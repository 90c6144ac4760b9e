import NetAddress
import Policy
import Snapshot

/// A fixed audit report that exercises every reporter: all five severities, Japanese text, evidence in a
/// capture, a second capture and the ledger (with line numbers), a probe source that is not a file,
/// hostile network-sourced strings, and findings suppressed by an exception and by the baseline.
enum ReportFixture {
    static let profilePath = "profiles/jpma-000.yaml"
    static let ledgerPath = "ledger/it_equipment_ledger.csv"
    static let officeCapture = "captures/office-2026-11-21.pcapng"
    static let wifiCapture = "captures/wifi-survey.pcap"

    /// A DHCP hostname written to break out of HTML, a `<script>` element and embedded JSON.
    static let hostileHostname = "</script><script>alert('pwned')</script><b>x</b>"

    static func time(_ text: String) -> Timestamp {
        guard let time = Timestamp(rfc3339: text) else { fatalError("bad fixture time \(text)") }
        return time
    }

    static let jpma000 = Citation(document: "000_527d28aceaa6f465.txt", section: "5.1.3", quote: "暗号化方式は、AES方式とする",
                                  english: "Wireless encryption is AES.")
    static let ledgerRule = Citation(document: "000_527d28aceaa6f465.txt", section: "7.22.2",
                                     quote: "ネットワークに接続する機器は「IT機材管理台帳」に登録する",
                                     english: "Devices connected to the network are registered in the IT equipment ledger.")
    static let tlsGoodPractice = Citation(document: "NIST SP 800-52 Rev. 2", section: "3.1",
                                          english: "Servers use certificates that are valid.", url: "https://csrc.nist.gov/pubs/sp/800/52/r2/final")
    static let orgDecision = Citation(document: "exceptions.yaml", english: "Accepted until the MFP is replaced.", orgDecision: true)

    static var findings: [Finding] {
        [
            Finding(ruleID: "ledger.unregistered_device", severity: .high,
                    subject: Subject(kind: .device, mac: "00:1a:2b:3c:4d:5e", ip: "192.168.10.57", vlan: 10),
                    message: LocalizedText(en: "Device \(hostileHostname) (00:1a:2b:3c:4d:5e) is not in the equipment ledger",
                                           ja: "機器 \(hostileHostname) (00:1a:2b:3c:4d:5e) は IT 機材管理台帳に登録されていません"),
                    evidence: [FindingEvidence(fact: "DHCP request with hostname \(hostileHostname)", observedAt: time("2026-11-21T09:12:03.250Z"),
                                               source: officeCapture, packet: 1042),
                               FindingEvidence(fact: "no ledger row with MAC 00:1a:2b:3c:4d:5e", source: ledgerPath)],
                    citations: [ledgerRule],
                    remediation: LocalizedText(en: "Register the device in the ledger or remove it from the LAN.",
                                               ja: "台帳に登録するか、LAN から切り離してください。"),
                    fingerprint: "5b1f0c2a9e7d4b13"),
            Finding(ruleID: "tls.cert_expired", severity: .critical,
                    subject: Subject(kind: .endpoint, ip: "192.168.10.20", endpoint: "192.168.10.20:443"),
                    message: LocalizedText(en: "Certificate expired on 2026-10-31", ja: "証明書の有効期限が 2026-10-31 に切れています"),
                    evidence: [FindingEvidence(fact: "notAfter 2026-10-31T23:59:59Z", observedAt: time("2026-11-21T09:30:00Z"),
                                               source: "tls probe 192.168.10.20:443")],
                    citations: [tlsGoodPractice],
                    remediation: LocalizedText(en: "Renew the certificate.", ja: "証明書を更新してください。"),
                    fingerprint: "a9c3e1f0b2d44e57"),
            Finding(ruleID: "wireless.cipher_not_allowed", severity: .high,
                    subject: Subject(kind: .bss, bssid: "02:11:22:aa:bb:01"),
                    message: LocalizedText(en: "SSID \"office\" offers TKIP", ja: "SSID「office」が TKIP を提供しています"),
                    evidence: [FindingEvidence(fact: "RSN pairwise ciphers: CCMP, TKIP", observedAt: time("2026-11-21T08:00:01Z"),
                                               source: wifiCapture, packet: 7)],
                    citations: [jpma000],
                    remediation: LocalizedText(en: "Set the access point to WPA2 with AES (CCMP) only.",
                                               ja: "アクセスポイントを WPA2 の AES (CCMP) のみに設定してください。"),
                    fingerprint: "0c7d2e9f11aa3b40"),
            Finding(ruleID: "ledger.ip_mismatch", severity: .medium,
                    subject: Subject(kind: .asset, mac: "00:90:4c:12:34:56", ip: "192.168.10.21", assetID: "SV-0003"),
                    message: LocalizedText(en: "File server SV-0003 uses 192.168.10.21; the ledger says 192.168.10.20",
                                           ja: "ファイルサーバー SV-0003 の IP アドレスが台帳 (192.168.10.20) と異なります (192.168.10.21)"),
                    evidence: [FindingEvidence(fact: "ARP reply 192.168.10.21 is-at 00:90:4c:12:34:56", source: officeCapture, packet: 88),
                               FindingEvidence(fact: "ledger row: ip 192.168.10.20", source: ledgerPath + ":17")],
                    citations: [ledgerRule],
                    remediation: LocalizedText(en: "Correct the ledger or the server's address.", ja: "台帳またはサーバーのアドレスを修正してください。"),
                    fingerprint: "77e0d5c4a3b2f190"),
            Finding(ruleID: "ledger.device_not_seen", severity: .low,
                    subject: Subject(kind: .asset, assetID: "PC-0042"),
                    message: LocalizedText(en: "Ledger asset PC-0042 was not seen on the network", ja: "台帳の資産 PC-0042 がネットワーク上で観測されませんでした"),
                    evidence: [FindingEvidence(fact: "ledger row PC-0042, 経理部", source: ledgerPath + ":23")],
                    citations: [ledgerRule],
                    remediation: LocalizedText(en: "Confirm whether the asset is retired.", ja: "資産が廃棄済みか確認してください。"),
                    fingerprint: "3e2d1c0b9a887766"),
            Finding(ruleID: "ledger.randomized_mac", severity: .info,
                    subject: Subject(kind: .device, mac: "02:11:22:33:44:55", vlan: 20),
                    message: LocalizedText(en: "@iPhone-of-tanaka uses a randomized MAC address\u{1B}[2J",
                                           ja: "@iPhone-of-tanaka はランダム化された MAC アドレスを使っています\u{1B}[2J"),
                    evidence: [FindingEvidence(fact: "mDNS name \u{202E}iPhone-of-tanaka\u{7}", observedAt: time("2026-11-21T09:40:00Z"),
                                               source: officeCapture, packet: 2001)],
                    citations: [],
                    remediation: LocalizedText(en: "", ja: ""),
                    fingerprint: "c0ffee0000000001"),
            Finding(ruleID: "services.cleartext_management", severity: .high,
                    subject: Subject(kind: .endpoint, mac: "00:90:4c:12:34:56", ip: "192.168.10.21", endpoint: "192.168.10.21:23"),
                    message: LocalizedText(en: "Telnet management is open on the MFP", ja: "複合機で Telnet による管理が有効です"),
                    evidence: [FindingEvidence(fact: "TCP 23 open, banner \"MFP, \"Login:\"", source: officeCapture, packet: 512)],
                    citations: [orgDecision],
                    remediation: LocalizedText(en: "Disable Telnet; use HTTPS or SSH.", ja: "Telnet を無効にし、HTTPS か SSH を使ってください。"),
                    fingerprint: "ddee112233445566",
                    suppression: SuppressionNote(kind: .exception, approver: "情報セキュリティ責任者",
                                                 reason: "旧型複合機のため 2027 年 3 月の更新まで許容", expires: "2027-03-31")),
            Finding(ruleID: "lan.ip_conflict", severity: .medium,
                    subject: Subject(kind: .network, ip: "192.168.10.99", vlan: 10),
                    message: LocalizedText(en: "192.168.10.99 is claimed by two MAC addresses", ja: "192.168.10.99 を 2 つの MAC アドレスが使っています"),
                    evidence: [FindingEvidence(fact: "ARP from 00:0c:29:aa:bb:cc and 00:1a:2b:3c:4d:5e", source: officeCapture, packet: 77)],
                    citations: [],
                    remediation: LocalizedText(en: "Fix the duplicate static address.", ja: "重複した固定アドレスを修正してください。"),
                    fingerprint: "1234abcd5678ef90",
                    suppression: SuppressionNote(kind: .baseline)),
        ]
    }

    static var rules: [AuditReport.EvaluatedRule] {
        [
            .init(id: "ledger.unregistered_device", title: LocalizedText(en: "Device not in the equipment ledger", ja: "台帳に未登録の機器"), severity: .high),
            .init(id: "ledger.device_not_seen", title: LocalizedText(en: "Ledger asset not seen", ja: "台帳の機器が未観測"), severity: .low),
            .init(id: "ledger.ip_mismatch", title: LocalizedText(en: "IP address differs from the ledger", ja: "台帳と IP アドレスが不一致"), severity: .medium),
            .init(id: "ledger.randomized_mac", title: LocalizedText(en: "Randomized MAC address", ja: "ランダム化 MAC アドレス"), severity: .info),
            .init(id: "lan.ip_conflict", title: LocalizedText(en: "IP address conflict", ja: "IP アドレスの競合"), severity: .medium),
            .init(id: "lan.rogue_dhcp_server", title: LocalizedText(en: "Unauthorised DHCP server", ja: "許可されていない DHCP サーバー"), severity: .high),
            .init(id: "services.cleartext_management", title: LocalizedText(en: "Cleartext management protocol", ja: "平文の管理プロトコル"), severity: .high),
            .init(id: "tls.cert_expired", title: LocalizedText(en: "Certificate expired", ja: "証明書の期限切れ"), severity: .critical),
            .init(id: "wireless.cipher_not_allowed", title: LocalizedText(en: "Wireless cipher not allowed", ja: "許可されていない無線暗号方式"), severity: .high),
        ]
    }

    static var devices: [Device] {
        let seen = time("2026-11-21T08:00:00Z")
        return [
            Device(mac: MACAddress(0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e), vlan: 10, vendor: "Example Devices K.K.",
                   ipv4: [AddressBinding(address: IPv4Address(192, 168, 10, 57), sources: ["dhcp"], firstSeen: time("2026-11-21T09:12:03.25Z"),
                                         lastSeen: time("2026-11-21T09:55:00Z"))],
                   hostnames: [Hostname(name: hostileHostname, source: "dhcp", firstSeen: time("2026-11-21T09:12:03.25Z"))],
                   firstSeen: time("2026-11-21T09:12:03.25Z"), lastSeen: time("2026-11-21T09:55:00Z"), packets: 311, bytes: 48_000),
            Device(mac: MACAddress(0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc), vlan: 10, vendor: "VMware, Inc.",
                   ipv4: [AddressBinding(address: IPv4Address(192, 168, 10, 1), sources: ["arp", "dhcp"], firstSeen: seen, lastSeen: time("2026-11-21T09:59:59Z"))],
                   hostnames: [Hostname(name: "gw01", source: "lldp", firstSeen: seen)],
                   roles: [.router, .dhcpServer], firstSeen: seen, lastSeen: time("2026-11-21T09:59:59Z"), packets: 5120, bytes: 901_000),
            Device(mac: MACAddress(0x02, 0x11, 0x22, 0x33, 0x44, 0x55), vlan: 20, randomized: true,
                   ipv6: [AddressBinding(address: IPv6Address("fe80::1c2a:3bff:fe4d:1234")!, sources: ["ndp"], firstSeen: time("2026-11-21T09:40:00Z"),
                                         lastSeen: time("2026-11-21T09:41:00Z"))],
                   hostnames: [Hostname(name: "@iPhone-of-tanaka", source: "mdns", firstSeen: time("2026-11-21T09:40:00Z"))],
                   firstSeen: time("2026-11-21T09:40:00Z"), lastSeen: time("2026-11-21T09:41:00Z"), packets: 12, bytes: 2_400),
            Device(mac: MACAddress(0x00, 0x90, 0x4c, 0x12, 0x34, 0x56), vlan: nil, vendor: "Epigram\u{2028}Networks",
                   ipv4: [AddressBinding(address: IPv4Address(192, 168, 10, 21), sources: ["arp"], firstSeen: seen, lastSeen: time("2026-11-21T09:30:00Z"))],
                   hostnames: [Hostname(name: "fileserver\u{7}", source: "nbns", firstSeen: seen)],
                   roles: [.switch], firstSeen: seen, lastSeen: time("2026-11-21T09:30:00Z"), packets: 900, bytes: 120_000),
        ]
    }

    static func report(findings: [Finding] = findings, failOn: Severity = .high) -> AuditReport {
        let snapshot = Snapshot(generator: Generator(name: "netaudit", version: "0.1.0"), generatedAt: time("2026-11-21T10:00:00Z"),
                                observedFrom: time("2026-11-21T08:00:00Z"), observedUntil: time("2026-11-21T09:59:59Z"),
                                sources: [Source(kind: .file, name: officeCapture, linkType: "EN10MB", packets: 10_000, bytes: 2_000_000),
                                          Source(kind: .file, name: wifiCapture, linkType: "IEEE802_11_RADIO", packets: 50, bytes: 9_000)],
                                devices: devices)
        return AuditReport(generator: Generator(name: "netaudit", version: "0.1.0"), generatedAt: time("2026-11-21T10:00:00Z"),
                           profile: AuditReport.ProfileReference(id: "jpma-000", title: "JPMA 標準モデル 情報管理規程", path: profilePath),
                           ledger: AuditReport.LedgerReference(path: ledgerPath, assetCount: 42),
                           inputs: [AuditReport.Input(kind: .capture, path: officeCapture), AuditReport.Input(kind: .capture, path: wifiCapture)],
                           failOn: failOn, rules: rules, findings: findings, inventory: snapshot,
                           notEvaluated: [AuditReport.NotEvaluated(id: "wireless.psk_weak", reason: "not_implemented")])
    }
}
