import Policy
import Snapshot

/// One self-contained HTML page for people: summary, a findings table and a device table, both
/// sortable and filterable, in Japanese and English.
///
/// The page works offline and loads nothing: inline CSS and script pinned by hash in a
/// Content-Security-Policy, local system fonts, no URLs (citation URLs stay in the JSON formats). Both
/// languages are rendered into the page; the chosen one shows first and a toggle switches client-side.
/// Every piece of data is escaped; hostnames and vendor strings come from the network and are hostile.
/// The JSON report is embedded as well (less citation URLs), so the one file carries the record.
public enum HTMLReporter: Reporter {
    public static let identifier = "html"
    public static let description = "Self-contained HTML page (offline; sortable, filterable; English and Japanese)"
    public static let fileExtension = "html"

    public static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String {
        let json = try StableJSON.encode(withoutRemoteAddresses(report))
        let page = Page(report: report, language: options.language)
        return page.document(embeddedJSON: Escape.jsonForScriptElement(json))
    }
}

extension HTMLReporter {
    /// The report with citation URLs removed: the page must hold no remote address at all, not even in
    /// inert data. `--format json` keeps them.
    static func withoutRemoteAddresses(_ report: AuditReport) -> AuditReport {
        var copy = report
        func strip(_ findings: [Finding]) -> [Finding] {
            findings.map { finding in
                var finding = finding
                finding.citations = finding.citations.map { citation in
                    var citation = citation
                    citation.url = nil
                    return citation
                }
                return finding
            }
        }
        copy.findings = strip(report.findings)
        copy.suppressed = strip(report.suppressed)
        return copy
    }
}

/// Renders one report; split from the reporter so the helpers can share the report and its lookups.
private struct Page {
    let report: AuditReport
    let language: Language
    let ruleTitles: [String: LocalizedText]

    init(report: AuditReport, language: Language) {
        self.report = report
        self.language = language
        ruleTitles = Dictionary(report.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    func document(embeddedJSON: String) -> String {
        let title = LocalizedText(en: "netaudit report — " + report.profile.title, ja: "netaudit 監査報告書 — " + report.profile.title)
        let csp = "default-src 'none'; style-src " + CSPHash.source(for: HTMLAssets.stylesheet) + "; script-src "
            + CSPHash.source(for: HTMLAssets.script) + "; base-uri 'none'; form-action 'none'"
        var html = "<!DOCTYPE html>\n"
        html += "<html lang=\"\(language.rawValue)\" data-lang=\"\(language.rawValue)\" data-title-en=\"\(h(title.en))\" data-title-ja=\"\(h(title.ja))\">\n"
        html += "<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(h(csp))\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        html += "<meta name=\"generator\" content=\"\(h(report.generator.name + " " + report.generator.version))\">\n"
        html += "<title>\(h(title.text(language)))</title>\n"
        html += "<style>" + HTMLAssets.stylesheet + "</style>\n</head>\n<body>\n"
        html += masthead()
        html += "<main>\n" + verdict() + cards() + findingsSection() + devicesSection() + "</main>\n"
        html += footer()
        html += "<script type=\"application/json\" id=\"netaudit-report\">" + embeddedJSON + "</script>\n"
        html += "<script>" + HTMLAssets.script + "</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: Header and summary

    private func masthead() -> String {
        var html = "<header class=\"masthead\">\n<div class=\"masthead-top\">\n<div>\n"
        html += "<div class=\"eyebrow\">\(h(report.generator.name)) \(h(report.generator.version))</div>\n"
        html += "<h1>" + loc(W.heading) + "</h1>\n"
        html += "<div class=\"profile-title\">\(h(report.profile.title))</div>\n</div>\n"
        html += "<div class=\"lang-toggle\" role=\"group\" aria-label=\"Language / 言語\">"
        html += "<button type=\"button\" data-set-lang=\"en\" aria-pressed=\"\(language == .en)\">English</button>"
        html += "<button type=\"button\" data-set-lang=\"ja\" aria-pressed=\"\(language == .ja)\">日本語</button></div>\n"
        html += "</div>\n<dl class=\"meta\">\n"
        html += metaItem(W.profile, "\(h(report.profile.id)) <span class=\"paths\"><code>\(h(report.profile.path))</code></span>")
        if let ledger = report.ledger {
            html += metaItem(W.ledger, loc(LocalizedText(en: "\(ledger.assetCount) assets", ja: "資産 \(ledger.assetCount) 件"))
                             + " <span class=\"paths\"><code>\(h(ledger.path))</code></span>")
        } else {
            html += metaItem(W.ledger, "<span class=\"muted\">" + loc(W.noLedger) + "</span>")
        }
        let inputs = report.inputs.isEmpty
            ? "<span class=\"muted\">" + loc(W.none) + "</span>"
            : "<span class=\"paths\">" + report.inputs.map { "<code>" + h($0.path) + "</code>" }.joined(separator: " ") + "</span>"
        html += metaItem(W.inputs, inputs)
        html += metaItem(W.generated, time(report.generatedAt))
        if let from = report.inventory.observedFrom, let until = report.inventory.observedUntil {
            html += metaItem(W.observed, time(from) + " – " + time(until))
        }
        html += metaItem(W.failOn, "<code>--fail-on \(h(report.failOn.rawValue))</code> (" + loc(report.failOn.title) + ")")
        return html + "</dl>\n</header>\n"
    }

    private func metaItem(_ label: LocalizedText, _ valueHTML: String) -> String {
        "<div><dt>" + loc(label) + "</dt><dd>" + valueHTML + "</dd></div>\n"
    }

    private func verdict() -> String {
        let failed = report.summary.exitStatus != 0
        let atOrAbove = report.findings.filter { $0.severity >= report.failOn }.count
        let threshold = report.failOn.title
        let detail = failed
            ? LocalizedText(en: "\(atOrAbove) active \(atOrAbove == 1 ? "finding" : "findings") at or above \(threshold.en)",
                            ja: "重大度「\(threshold.ja)」以上の未対応の指摘が \(atOrAbove) 件あります")
            : LocalizedText(en: "No active findings at or above \(threshold.en)", ja: "重大度「\(threshold.ja)」以上の未対応の指摘はありません")
        return "<section class=\"verdict\(failed ? " fail" : "")\" aria-live=\"polite\"><span class=\"verdict-badge\">"
            + loc(failed ? Wording.failed : Wording.passed) + "</span><span>" + loc(detail) + "</span></section>\n"
    }

    private func cards() -> String {
        let counts = report.summary.bySeverity
        var html = "<section class=\"cards\" aria-label=\"Summary\">\n"
        for severity in Severity.descending {
            html += card(counts[severity], severity.title, cssClass: "sev-" + severity.rawValue)
        }
        html += card(report.summary.suppressed, Wording.suppressed, cssClass: "neutral")
        html += card(report.summary.devices, W.devices, cssClass: "neutral")
        return html + "</section>\n"
    }

    private func card(_ count: Int, _ label: LocalizedText, cssClass: String) -> String {
        "<div class=\"card \(cssClass)\(count == 0 ? " zero" : "")\"><div class=\"card-n\">\(count)</div><div class=\"card-l\">"
            + loc(label) + "</div></div>\n"
    }

    // MARK: Findings

    private func findingsSection() -> String {
        let all = report.allFindings
        var html = "<section class=\"block\" id=\"findings\">\n<h2>" + loc(W.findings)
        html += " <span class=\"count\">" + loc(LocalizedText(en: "\(report.findings.count) active, \(report.suppressed.count) suppressed",
                                                               ja: "未対応 \(report.findings.count) 件、抑止済み \(report.suppressed.count) 件"))
        html += "</span></h2>\n<div class=\"toolbar\">\n"
        html += searchBox(for: "findings", placeholder: W.filterFindings)
        html += "<fieldset><legend>" + loc(W.severity) + "</legend>"
        for severity in Severity.descending {
            html += "<label class=\"check\"><input type=\"checkbox\" data-severity-for=\"findings\" value=\"\(severity.rawValue)\" checked>"
                + "<span class=\"pill sev-\(severity.rawValue)\">" + loc(severity.title) + "</span></label>"
        }
        html += "</fieldset>\n"
        html += "<label class=\"check\"><input type=\"checkbox\" data-suppressed-for=\"findings\" checked>" + loc(W.showSuppressed) + "</label>\n"
        html += shownCounter(for: "findings", total: all.count)
        html += "</div>\n<div class=\"table-wrap\">\n<table class=\"sortable\" data-table=\"findings\" id=\"findings-table\">\n<thead><tr>"
        html += header(W.severity, numeric: true) + header(W.rule) + header(W.subject) + header(W.finding) + header(W.citations)
            + header(W.status, numeric: true)
        html += "</tr></thead>\n<tbody>\n"
        if all.isEmpty {
            html += "<tr class=\"placeholder\"><td colspan=\"6\" class=\"muted\">" + loc(W.noFindings) + "</td></tr>\n"
        }
        for finding in all { html += findingRow(finding) }
        html += "</tbody>\n</table>\n</div>\n"
        html += "<p class=\"no-match\" data-no-match-for=\"findings\" hidden>" + loc(W.noMatch) + "</p>\n</section>\n"
        return html
    }

    private func findingRow(_ finding: Finding) -> String {
        let suppressed = finding.suppression != nil
        let severity = finding.severity.rawValue
        var html = "<tr class=\"finding\(suppressed ? " suppressed" : "")\" data-severity=\"\(severity)\" data-status=\"\(suppressed ? "suppressed" : "active")\""
            + " data-fingerprint=\"\(h(finding.fingerprint))\">"
        html += "<td data-sort=\"\(finding.severity.rank)\"><span class=\"pill sev-\(severity)\">" + loc(finding.severity.title) + "</span></td>"
        html += "<td data-sort=\"\(h(finding.ruleID))\"><code>\(h(finding.ruleID))</code>"
        if let title = ruleTitles[finding.ruleID] { html += "<div class=\"sub\">" + loc(title) + "</div>" }
        html += "</td>"
        html += subjectCell(finding.subject)
        html += "<td class=\"msg\"><p>" + loc(finding.message) + "</p>"
        if !finding.evidence.isEmpty {
            html += "<ul class=\"evidence\">"
            for evidence in finding.evidence {
                html += "<li><bdi>" + h(evidence.fact) + "</bdi>"
                let pointer = LocalizedText(en: Describe.evidencePointer(evidence, .en), ja: Describe.evidencePointer(evidence, .ja))
                if !pointer.en.isEmpty { html += " <span class=\"ptr\">" + loc(pointer) + "</span>" }
                html += "</li>"
            }
            html += "</ul>"
        }
        if !finding.remediation.en.isEmpty || !finding.remediation.ja.isEmpty {
            html += "<p class=\"remedy\"><b>" + loc(W.remediation) + "</b> " + loc(finding.remediation) + "</p>"
        }
        html += "</td><td>"
        if !finding.citations.isEmpty {
            html += "<ul class=\"cites\">"
            for citation in finding.citations {
                html += "<li>" + loc(LocalizedText(en: Describe.citation(citation, .en, includeURL: false),
                                                   ja: Describe.citation(citation, .ja, includeURL: false))) + "</li>"
            }
            html += "</ul>"
        }
        html += "</td>"
        if let note = finding.suppression {
            html += "<td data-sort=\"1\"><span class=\"status suppressed\">" + loc(Wording.suppressed) + "</span><div class=\"sub\">"
                + loc(LocalizedText(en: Describe.suppression(note, .en), ja: Describe.suppression(note, .ja))) + "</div></td>"
        } else {
            html += "<td data-sort=\"0\"><span class=\"status active\">" + loc(Wording.active) + "</span></td>"
        }
        return html + "</tr>\n"
    }

    /// The subject's identifiers one per line (endpoint, BSSID, MAC, IP, asset), then its kind and VLAN.
    private func subjectCell(_ subject: Subject) -> String {
        var identifiers: [String] = []
        if let endpoint = subject.endpoint { identifiers.append(endpoint) }
        if let bssid = subject.bssid { identifiers.append(bssid) }
        if subject.endpoint == nil && subject.bssid == nil {
            if let mac = subject.mac { identifiers.append(mac) }
            if let ip = subject.ip { identifiers.append(ip) }
        }
        var lines = identifiers.map { "<code><bdi>" + h($0) + "</bdi></code>" }
        if let sni = subject.sni { lines.append("SNI <code><bdi>" + h(sni) + "</bdi></code>") }
        if let assetID = subject.assetID { lines.append(loc(W.asset) + " <code>" + h(assetID) + "</code>") }
        var detail = [loc(W.kind(subject.kind))]
        if let vlan = subject.vlan { detail.append("VLAN " + String(vlan)) }
        return "<td class=\"subject\" data-sort=\"\(h(subject.label))\">" + lines.joined(separator: "<br>")
            + "<div class=\"sub\">" + detail.joined(separator: " · ") + "</div></td>"
    }

    // MARK: Devices

    private func devicesSection() -> String {
        let devices = report.inventory.devices
        var html = "<section class=\"block\" id=\"devices\">\n<h2>" + loc(W.devices)
        html += " <span class=\"count\">" + loc(LocalizedText(en: "\(devices.count) observed", ja: "観測 \(devices.count) 台")) + "</span></h2>\n"
        html += "<div class=\"toolbar\">\n" + searchBox(for: "devices", placeholder: W.filterDevices) + shownCounter(for: "devices", total: devices.count)
        html += "</div>\n<div class=\"table-wrap\">\n<table class=\"sortable\" data-table=\"devices\" id=\"devices-table\">\n<thead><tr>"
        html += header(W.mac) + header(W.vlan, numeric: true) + header(W.vendor) + header(W.addresses) + header(W.hostnames)
            + header(W.roles) + header(W.findings, numeric: true) + header(W.firstSeen) + header(W.lastSeen)
        html += "</tr></thead>\n<tbody>\n"
        if devices.isEmpty {
            html += "<tr class=\"placeholder\"><td colspan=\"9\" class=\"muted\">" + loc(W.noDevices) + "</td></tr>\n"
        }
        for device in devices { html += deviceRow(device) }
        html += "</tbody>\n</table>\n</div>\n"
        html += "<p class=\"no-match\" data-no-match-for=\"devices\" hidden>" + loc(W.noMatch) + "</p>\n</section>\n"
        return html
    }

    private func deviceRow(_ device: Device) -> String {
        let mac = device.mac.description
        var html = "<tr class=\"device\" data-mac=\"\(h(mac))\">"
        html += "<td data-sort=\"\(h(mac))\"><code>\(h(mac))</code>"
        if device.randomized { html += " <span class=\"tag warn\">" + loc(W.randomized) + "</span>" }
        html += "</td>"
        html += "<td class=\"num\" data-sort=\"\(device.vlan ?? -1)\">" + (device.vlan.map(String.init) ?? "<span class=\"muted\">–</span>") + "</td>"
        html += "<td>" + (device.vendor.map { "<bdi>" + h($0) + "</bdi>" } ?? "<span class=\"muted\">" + loc(W.unknown) + "</span>") + "</td>"
        let addresses = device.ipv4.map(\.address.description) + device.ipv6.map(\.address.description)
        html += "<td data-sort=\"\(h(addressSortKey(device)))\">" + list(addresses.map { "<code>" + h($0) + "</code>" }) + "</td>"
        html += "<td>" + list(device.hostnames.map { "<bdi>" + h($0.name) + "</bdi> <span class=\"tag\">" + h($0.source) + "</span>" }) + "</td>"
        html += "<td>" + device.roles.sorted().map { "<span class=\"tag\">" + loc(W.role($0)) + "</span>" }.joined(separator: " ") + "</td>"
        let related = report.findings.filter { matches($0.subject, device) }
        if let worst = related.map(\.severity).max() {
            html += "<td class=\"num\" data-sort=\"\(related.count)\"><span class=\"pill sev-\(worst.rawValue)\" title=\"\(h(worst.title.text(language)))\">\(related.count)</span></td>"
        } else {
            html += "<td class=\"num\" data-sort=\"0\"><span class=\"muted\">0</span></td>"
        }
        html += "<td class=\"time\" data-sort=\"\(sortable(device.firstSeen))\">" + time(device.firstSeen) + "</td>"
        html += "<td class=\"time\" data-sort=\"\(sortable(device.lastSeen))\">" + time(device.lastSeen) + "</td>"
        return html + "</tr>\n"
    }

    /// A finding is about a device when it names the device's MAC and, if it names a VLAN, the same VLAN.
    private func matches(_ subject: Subject, _ device: Device) -> Bool {
        guard let mac = subject.mac, hexDigits(mac) == hexDigits(device.mac.description) else { return false }
        return subject.vlan == nil || subject.vlan == device.vlan
    }

    /// A MAC address's hex digits in lower case, whatever separators it was written with.
    private func hexDigits(_ mac: String) -> String {
        String(mac.lowercased().filter { $0.isHexDigit })
    }

    /// IPv4 addresses sort numerically before IPv6 ones: zero-padded octets compare correctly as text.
    private func addressSortKey(_ device: Device) -> String {
        if let first = device.ipv4.first?.address {
            return first.description.split(separator: ".").map { String(repeating: "0", count: max(0, 3 - $0.count)) + $0 }.joined(separator: ".")
        }
        return device.ipv6.first.map { "~" + $0.address.description } ?? "~~"
    }

    // MARK: Pieces

    private func searchBox(for table: String, placeholder: LocalizedText) -> String {
        "<input type=\"search\" data-filter-for=\"\(table)\" placeholder=\"\(h(placeholder.text(language)))\" aria-label=\"\(h(placeholder.text(language)))\""
            + " data-placeholder-en=\"\(h(placeholder.en))\" data-placeholder-ja=\"\(h(placeholder.ja))\">\n"
    }

    private func shownCounter(for table: String, total: Int) -> String {
        "<span class=\"shown\">" + loc(LocalizedText(en: "Showing <b data-shown-for=\"\(table)\">\(total)</b> of \(total)",
                                                    ja: "\(total) 件中 <b data-shown-for=\"\(table)\">\(total)</b> 件を表示"), raw: true)
            + "</span>\n"
    }

    private func header(_ label: LocalizedText, numeric: Bool = false) -> String {
        "<th scope=\"col\" aria-sort=\"none\"\(numeric ? " data-type=\"number\"" : "")><button type=\"button\" class=\"sort\">" + loc(label) + "</button></th>"
    }

    private func footer() -> String {
        "<footer><span>" + loc(LocalizedText(en: "Generated by", ja: "作成:")) + " \(h(report.generator.name)) \(h(report.generator.version))</span>"
            + "<span>" + loc(W.schema) + " \(h(report.schemaVersion))</span>"
            + "<span>" + loc(W.offline) + "</span>"
            + "<button type=\"button\" data-download-json=\"netaudit-report.json\">" + loc(W.downloadJSON) + "</button></footer>\n"
    }

    private func list(_ itemsHTML: [String]) -> String {
        itemsHTML.isEmpty ? "<span class=\"muted\">–</span>" : "<ul class=\"plain\">" + itemsHTML.map { "<li>" + $0 + "</li>" }.joined() + "</ul>"
    }

    private func time(_ timestamp: Timestamp) -> String {
        "<time datetime=\"\(timestamp.description)\">\(timestamp.description)</time>"
    }

    /// Nanoseconds zero-padded to a fixed width, so that text order is time order.
    private func sortable(_ timestamp: Timestamp) -> String {
        let digits = String(timestamp.nanoseconds)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// Both languages as sibling spans (CSS shows the active one); one plain escaped text when they agree.
    private func loc(_ text: LocalizedText, raw: Bool = false) -> String {
        let en = raw ? text.en : h(text.en), ja = raw ? text.ja : h(text.ja)
        if en == ja { return en }
        return "<span class=\"l-en\" lang=\"en\">" + en + "</span><span class=\"l-ja\" lang=\"ja\">" + ja + "</span>"
    }

    private func h(_ text: String) -> String { Escape.html(text) }

    /// Labels used only by the HTML format.
    private enum W {
        static let heading = LocalizedText(en: "Network audit report", ja: "ネットワーク監査報告書")
        static let profile = LocalizedText(en: "Profile", ja: "プロファイル")
        static let ledger = LocalizedText(en: "Equipment ledger", ja: "IT 機材管理台帳")
        static let noLedger = LocalizedText(en: "not compared", ja: "照合なし")
        static let generated = LocalizedText(en: "Generated (UTC)", ja: "作成日時 (UTC)")
        static let observed = LocalizedText(en: "Observed (UTC)", ja: "観測期間 (UTC)")
        static let inputs = LocalizedText(en: "Inputs", ja: "入力")
        static let none = LocalizedText(en: "none", ja: "なし")
        static let failOn = LocalizedText(en: "Fails at", ja: "不合格の基準")
        static let devices = LocalizedText(en: "Devices", ja: "機器")
        static let findings = LocalizedText(en: "Findings", ja: "指摘事項")
        static let severity = LocalizedText(en: "Severity", ja: "重大度")
        static let rule = LocalizedText(en: "Rule", ja: "ルール")
        static let subject = LocalizedText(en: "Subject", ja: "対象")
        static let finding = LocalizedText(en: "Finding", ja: "内容")
        static let citations = LocalizedText(en: "Policy basis", ja: "根拠規程")
        static let status = LocalizedText(en: "Status", ja: "状態")
        static let remediation = LocalizedText(en: "Remediation:", ja: "是正:")
        static let showSuppressed = LocalizedText(en: "Show suppressed", ja: "抑止済みを表示")
        static let filterFindings = LocalizedText(en: "Filter findings…", ja: "指摘事項を絞り込み…")
        static let filterDevices = LocalizedText(en: "Filter devices…", ja: "機器を絞り込み…")
        static let noFindings = LocalizedText(en: "No findings.", ja: "指摘事項はありません。")
        static let noDevices = LocalizedText(en: "No devices observed.", ja: "観測された機器はありません。")
        static let noMatch = LocalizedText(en: "No rows match the filter.", ja: "条件に一致する行はありません。")
        static let mac = LocalizedText(en: "MAC address", ja: "MAC アドレス")
        static let vlan = LocalizedText(en: "VLAN", ja: "VLAN")
        static let vendor = LocalizedText(en: "Vendor", ja: "ベンダー")
        static let addresses = LocalizedText(en: "IP addresses", ja: "IP アドレス")
        static let hostnames = LocalizedText(en: "Hostnames", ja: "ホスト名")
        static let roles = LocalizedText(en: "Roles", ja: "役割")
        static let firstSeen = LocalizedText(en: "First seen", ja: "初回観測")
        static let lastSeen = LocalizedText(en: "Last seen", ja: "最終観測")
        static let randomized = LocalizedText(en: "randomized", ja: "ランダム化")
        static let unknown = LocalizedText(en: "unknown", ja: "不明")
        static let asset = LocalizedText(en: "asset", ja: "資産")
        static let schema = LocalizedText(en: "Report schema", ja: "レポート形式")
        static let offline = LocalizedText(en: "Self-contained page: loads nothing from the network.",
                                           ja: "この頁は単体で完結し、ネットワークから何も読み込みません。")
        static let downloadJSON = LocalizedText(en: "Download JSON", ja: "JSON をダウンロード")

        static func kind(_ kind: Subject.Kind) -> LocalizedText {
            switch kind {
            case .device: LocalizedText(en: "device", ja: "機器")
            case .endpoint: LocalizedText(en: "endpoint", ja: "エンドポイント")
            case .bss: LocalizedText(en: "wireless BSS", ja: "無線 BSS")
            case .asset: LocalizedText(en: "ledger asset", ja: "台帳資産")
            case .network: LocalizedText(en: "network", ja: "ネットワーク")
            case .profile: LocalizedText(en: "profile", ja: "プロファイル")
            }
        }

        static func role(_ role: Role) -> LocalizedText {
            switch role {
            case .router: LocalizedText(en: "router", ja: "ルーター")
            case .dhcpServer: LocalizedText(en: "DHCP server", ja: "DHCP サーバー")
            case .switch: LocalizedText(en: "switch", ja: "スイッチ")
            }
        }
    }
}
