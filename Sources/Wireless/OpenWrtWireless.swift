/// OpenWrt's `/etc/config/wireless` (UCI) as access-point configurations, scored like hostapd.conf.
/// Each `config wifi-iface` section in `mode 'ap'` (the default) becomes one `APConfig` with what
/// OpenWrt's hostapd.sh would write: `encryption` (`psk2+ccmp`, `sae-mixed`, `psk-mixed+tkip+ccmp`,
/// `wpa3-192`, `owe`, `none`, `wep`…) → `wpa`, `wpa_key_mgmt`, ciphers and the PMF default;
/// `key` → a scored PSK (never kept); `macfilter`/`maclist` → `macaddr_acl` and the accept/deny
/// list; `wps_pushbutton` → `wps_state`; `ieee80211w`; `hidden` → `ignore_broadcast_ssid`.
/// Sections with `disabled '1'` are skipped. The key is read into a local and dropped.
import Snapshot

public enum OpenWrtWireless {
    public struct ParseError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    public static func read(path: String) throws -> [APConfig] {
        guard let bytes = FileReader.read(path) else { throw ParseError(file: path, line: 0, message: "cannot read file") }
        return try parse(bytes, file: path)
    }

    struct Section {
        var type: String
        var name: String?
        var line: Int
        var options: [String: (value: [UInt8], line: Int)] = [:]
        var lists: [String: [(value: String, line: Int)]] = [:]
    }

    /// UCI: `config TYPE ['NAME']`, then `option KEY 'VALUE'` / `list KEY 'VALUE'` lines; `#` comments;
    /// values quoted with `'…'` or `"…"` or bare. Anything else is an error at its line (its text not echoed).
    public static func parse(_ bytes: [UInt8], file: String) throws -> [APConfig] {
        var sections: [Section] = []
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Array(raw)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard let tokens = tokenize(line) else {
                throw ParseError(file: file, line: lineNumber, message: "unterminated quote")
            }
            guard let keyword = tokens.first.map({ String(decoding: $0, as: UTF8.self) }) else { continue }
            switch keyword {
            case "config":
                guard tokens.count >= 2, tokens.count <= 3 else {
                    throw ParseError(file: file, line: lineNumber, message: "expected config TYPE ['NAME']")
                }
                sections.append(Section(type: String(decoding: tokens[1], as: UTF8.self),
                                        name: tokens.count == 3 ? String(decoding: tokens[2], as: UTF8.self) : nil, line: lineNumber))
            case "option", "list":
                guard tokens.count == 3 else {
                    throw ParseError(file: file, line: lineNumber, message: "expected \(keyword) NAME 'VALUE'")
                }
                guard !sections.isEmpty else {
                    throw ParseError(file: file, line: lineNumber, message: "\(keyword) before the first config section")
                }
                let key = String(decoding: tokens[1], as: UTF8.self)
                if keyword == "option" {
                    sections[sections.count - 1].options[key] = (tokens[2], lineNumber)
                } else {
                    sections[sections.count - 1].lists[key, default: []].append((String(decoding: tokens[2], as: UTF8.self), lineNumber))
                }
            case "package": continue
            default:
                throw ParseError(file: file, line: lineNumber, message: "not UCI (expected config, option or list)")
            }
        }
        var configs: [APConfig] = []
        var index = 0
        for section in sections where section.type == "wifi-iface" {
            index += 1
            let mode = section.options["mode"].map { String(decoding: $0.value, as: UTF8.self) } ?? "ap"
            let disabled = section.options["disabled"].map { String(decoding: $0.value, as: UTF8.self) } == "1"
            guard mode == "ap", !disabled else { continue }
            configs.append(try apConfig(section, file: file, index: index))
        }
        return configs
    }

    static func text(_ s: Section, _ key: String) -> String? { s.options[key].map { String(decoding: $0.value, as: UTF8.self) } }

    static func apConfig(_ s: Section, file: String, index: Int) throws -> APConfig {
        var c = APConfig(file: file)
        c.interface = s.name ?? "@wifi-iface[\(index - 1)]"
        c.ssid = text(s, "ssid")
        let encryption = (text(s, "encryption") ?? "none").lowercased()
        let parts = encryption.split(separator: "+").map(String.init)
        let base = parts.first ?? "none"
        let suffix = Set(parts.dropFirst())
        var pmfDefault = 0
        var wpa = 0
        var mgmt: [String] = []
        switch base {
        case "psk": wpa = 1; mgmt = ["WPA-PSK"]
        case "psk2": wpa = 2; mgmt = ["WPA-PSK"]
        case "psk-mixed", "psk+psk2": wpa = 3; mgmt = ["WPA-PSK"]
        case "sae": wpa = 2; mgmt = ["SAE"]; pmfDefault = 2
        case "sae-mixed": wpa = 2; mgmt = ["WPA-PSK", "SAE"]; pmfDefault = 1
        case "wpa": wpa = 1; mgmt = ["WPA-EAP"]; c.ieee8021x = true
        case "wpa2": wpa = 2; mgmt = ["WPA-EAP"]; c.ieee8021x = true
        case "wpa-mixed": wpa = 3; mgmt = ["WPA-EAP"]; c.ieee8021x = true
        case "wpa3": wpa = 2; mgmt = ["WPA-EAP-SHA256"]; pmfDefault = 2; c.ieee8021x = true
        case "wpa3-mixed": wpa = 2; mgmt = ["WPA-EAP", "WPA-EAP-SHA256"]; pmfDefault = 1; c.ieee8021x = true
        case "wpa3-192": wpa = 2; mgmt = ["WPA-EAP-SUITE-B-192"]; pmfDefault = 2; c.ieee8021x = true
        case "owe": wpa = 2; mgmt = ["OWE"]; pmfDefault = 2
        case "none": wpa = 0
        case "wep", "wep-open", "wep-shared": wpa = 0
        default:
            throw ParseError(file: file, line: s.options["encryption"]?.line ?? s.line, message: "unknown encryption '\(base)'")
        }
        // Ciphers (hostapd.sh): an explicit +tkip/+ccmp/+aes/+gcmp… suffix, else CCMP (GCMP-256 for wpa3-192).
        var ciphers: [String] = []
        if suffix.contains("ccmp") || suffix.contains("aes") { ciphers.append("CCMP") }
        if suffix.contains("ccmp256") { ciphers.append("CCMP-256") }
        if suffix.contains("gcmp") { ciphers.append("GCMP") }
        if suffix.contains("gcmp256") { ciphers.append("GCMP-256") }
        if suffix.contains("tkip") { ciphers.append("TKIP") }
        if ciphers.isEmpty { ciphers = base == "wpa3-192" ? ["GCMP-256"] : ["CCMP"] }
        c.wpa = wpa
        c.keyManagement = wpa == 0 ? c.keyManagement : mgmt
        c.wpaPairwise = ciphers
        c.rsnPairwise = ciphers
        c.rsnPairwiseSet = true
        c.tkipFallback = wpa & 2 != 0 && ciphers.contains("TKIP")
        if base.hasPrefix("wep") {
            c.authAlgs = base == "wep-shared" ? 2 : base == "wep-open" ? 1 : 3
            c.wepKeys = (1...4).filter { s.options["key\($0)"] != nil }.count
        } else {
            c.authAlgs = 1
        }
        // The key: scored, never kept. PSK methods only; 802.1X keys are RADIUS secrets (not scored here).
        if let key = s.options["key"], ["WPA-PSK", "SAE"].contains(where: mgmt.contains) {
            if key.value.count == 64 && key.value.allSatisfy(HostapdConfig.isHex) {
                c.psks.append(PSKFacts(directive: "key", length: nil, hasUpper: nil, hasLower: nil, hasDigit: nil, hasSymbol: nil,
                                       characterClasses: nil, status: "unscoreable_raw_key", line: key.line))
            } else {
                var facts = HostapdConfig.score(passphrase: key.value, directive: "key", line: key.line)
                facts.status = (8...63).contains(key.value.count) ? "scored" : "invalid"
                c.psks.append(facts)
            }
        }
        if let key = s.options["sae_password"] {
            c.psks.append(HostapdConfig.score(passphrase: key.value, directive: "sae_password", line: key.line))
        }
        c.ignoreBroadcastSSID = text(s, "hidden") == "1" ? 1 : 0
        let pmf = text(s, "ieee80211w").flatMap { Int($0) }
        c.ieee80211w = pmf ?? pmfDefault
        c.wpsState = text(s, "wps_pushbutton") == "1" || text(s, "wps_label") == "1" ? 2 : 0
        let filter = text(s, "macfilter") ?? "disable"
        let entries = (s.lists["maclist"] ?? []).flatMap { item -> [MACACLEntry] in
            item.value.split(separator: " ").compactMap { MACText.normalise(String($0)).map { MACACLEntry(mac: $0, vlan: nil, line: item.line) } }
        }
        let listLine = s.lists["maclist"]?.first?.line ?? s.options["macfilter"]?.line ?? s.line
        switch filter {
        case "allow":
            c.macaddrACL = 1
            c.acceptMACFile = true
            c.acceptMACList = MACACL(path: "maclist", resolvedPath: file, line: listLine, entries: entries)
        case "deny":
            c.macaddrACL = 0
            c.denyMACFile = true
            c.denyMACList = MACACL(path: "maclist", resolvedPath: file, line: listLine, entries: entries)
        default:
            c.macaddrACL = 0
        }
        var defaulted: [String] = []
        if s.options["ieee80211w"] == nil { defaulted.append("ieee80211w") }
        if s.options["hidden"] == nil { defaulted.append("ignore_broadcast_ssid") }
        if s.options["macfilter"] == nil { defaulted.append("macaddr_acl") }
        if s.options["wps_pushbutton"] == nil { defaulted.append("wps_state") }
        c.defaulted = defaulted
        return c
    }

    /// Splits a UCI line into words; `'…'` and `"…"` quote (the quotes removed), `#` outside quotes starts a comment.
    static func tokenize(_ line: [UInt8]) -> [[UInt8]]? {
        var tokens: [[UInt8]] = []
        var i = 0
        while i < line.count {
            let c = line[i]
            if c == 0x20 || c == 0x09 { i += 1; continue }
            if c == UInt8(ascii: "#") { break }
            var word: [UInt8] = []
            while i < line.count, line[i] != 0x20, line[i] != 0x09 {
                let q = line[i]
                if q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
                    guard let end = line[(i + 1)...].firstIndex(of: q) else { return nil }
                    word += line[(i + 1)..<end]
                    i = end + 1
                } else {
                    word.append(q); i += 1
                }
            }
            tokens.append(word)
        }
        return tokens
    }
}
