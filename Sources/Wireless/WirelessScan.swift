/// Client-side scan results as BSS records: the text of `iw dev IFACE scan` and of
/// `nmcli -t -f ALL dev wifi`. Each BSS keeps where it came from: `evidence.protocol` is `iw-scan`
/// or `nmcli`, `evidence.source` the index of the scan file in `Snapshot.sources`, and
/// `evidence.packet` the 1-based line of the BSS in that file. A scan has no frame counts
/// (`beacons`/`probe_responses` are 0), no authentication frames and no wildcard probes; nmcli
/// shows no RSN capabilities (so `pmf` is null: unknown) and no WPS.
///
/// Damaged input (a line that belongs to neither format, a bad BSSID, a wrong field count) is an
/// error `file:line: …`; nothing of the file is used then.
import Foundation
import Packets
import Snapshot
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum WirelessScan {
    public enum Format: String, Sendable, CaseIterable {
        case iw = "iw-scan"
        case nmcli
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var message: String
        /// `file:line: message`, or `file: message` for a file that could not be read at all.
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// Reads `path` (`-` is standard input) and parses it. `source`: the index the file will have in
    /// `Snapshot.sources`; `at`: the time to record (a scan file says nothing about when it was taken).
    public static func read(path: String, format: Format, source: Int, at time: Timestamp) throws -> [WirelessBSS] {
        let bytes: [UInt8]?
        if path == "-" { bytes = FileReader.readStdin() } else { bytes = FileReader.read(path) }
        guard let bytes else { throw ParseError(file: path, line: 0, message: "cannot read file") }
        return try parse(bytes, format: format, file: path, source: source, at: time)
    }

    public static func parse(_ bytes: [UInt8], format: Format, file: String, source: Int, at time: Timestamp) throws -> [WirelessBSS] {
        switch format {
        case .iw: try parseIW(bytes, file: file, source: source, at: time)
        case .nmcli: try parseNmcli(bytes, file: file, source: source, at: time)
        }
    }

    /// Adds scanned BSSs to `wireless`: a BSSID already present (from a capture, or an earlier
    /// scan) keeps its first record; the list stays sorted by BSSID.
    public static func merge(_ scanned: [WirelessBSS], into wireless: inout WirelessSnapshot) {
        var seen = Set(wireless.bsses.map(\.bssid))
        for bss in scanned where seen.insert(bss.bssid).inserted { wireless.bsses.append(bss) }
        wireless.bsses.sort { $0.bssid < $1.bssid }
    }

    // MARK: iw

    /// One BSS of `iw dev X scan` while it is read.
    struct IWRecord {
        var bssid: String
        var line: Int
        var ssids: [[UInt8]] = []
        var privacy = false
        var freq: Int?
        var dsChannel: Int?
        var htChannel: Int?
        var rsn: ScanRSN?
        var wpa: ScanRSN?
        var wps: WirelessWPS?
    }

    /// An RSN/WPA block as names (ours), with the selectors the classification needs.
    struct ScanRSN {
        var version: Int?
        var group: String?
        var pairwise: [String] = []
        var akms: [String] = []
        var capabilities: Int?
        var mfpRequired = false
        var mfpCapable = false
        var groupMgmt: String?
        var capabilitiesKnown = false
    }

    /// `iw dev X scan` (iw's scan.c text: `BSS aa:…(on wlan0)`, tab-indented fields, `RSN:`/`WPA:`/`WPS:`
    /// blocks of ` * Name: value` items). iw says its output is not stable; the fields read here
    /// have kept their form from iw 3.x to 6.x.
    public static func parseIW(_ bytes: [UInt8], file: String, source: Int, at time: Timestamp) throws -> [WirelessBSS] {
        var records: [IWRecord] = []
        var block = ""
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(decoding: raw, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.trimmedBlanks().isEmpty { continue }
            if line.hasPrefix("BSS ") {
                let rest = line.dropFirst(4)
                let macText = String(rest.prefix(17))
                guard let mac = MACText.normalise(macText) else {
                    throw ParseError(file: file, line: lineNumber, message: "\"BSS\" line without a BSSID (expected BSS aa:bb:cc:dd:ee:ff(on IFACE))")
                }
                records.append(IWRecord(bssid: mac, line: lineNumber))
                block = ""
                continue
            }
            guard line.hasPrefix("\t") || line.hasPrefix(" ") else {
                throw ParseError(file: file, line: lineNumber, message: "not `iw dev IFACE scan` output (expected \"BSS aa:bb:cc:dd:ee:ff(on IFACE)\" or a tab-indented field)")
            }
            guard !records.isEmpty else {
                throw ParseError(file: file, line: lineNumber, message: "field before the first \"BSS\" line: not `iw dev IFACE scan` output")
            }
            let depth = line.prefix { $0 == "\t" }.count
            var body = Substring(line.drop { $0 == "\t" || $0 == " " })
            if depth <= 1 {
                // A field `Name: value`; RSN/WPA/WPS put their first item on the same line after a tab.
                guard let colon = body.firstIndex(of: ":") else { block = ""; continue }
                let key = String(body[..<colon])
                let value = body[body.index(after: colon)...]
                block = key
                switch key {
                case "RSN", "WPA", "WPS":
                    let item = value.drop { $0 == "\t" || $0 == " " }
                    if item.hasPrefix("*") { try iwItem(key, item, &records[records.count - 1], file: file, line: lineNumber) }
                case "SSID":
                    records[records.count - 1].ssids.append(iwSSID(value.hasPrefix(" ") ? value.dropFirst() : value))
                case "capability":
                    records[records.count - 1].privacy = iwPrivacy(value)
                case "freq":
                    let text = value.trimmingBlanks()
                    records[records.count - 1].freq = Int(text.prefix { $0.isNumber })
                case "DS Parameter set":
                    if let n = value.split(separator: " ").last.flatMap({ Int($0) }) { records[records.count - 1].dsChannel = n }
                default: break
                }
                continue
            }
            body = body.drop { $0 == " " }
            guard body.hasPrefix("*") else { continue }
            switch block {
            case "RSN", "WPA", "WPS": try iwItem(block, body, &records[records.count - 1], file: file, line: lineNumber)
            case "HT operation":
                let item = body.dropFirst().trimmingBlanks()
                if item.hasPrefix("primary channel:"), let n = Int(item.dropFirst("primary channel:".count).trimmingBlanks()) {
                    records[records.count - 1].htChannel = n
                }
            default: break
            }
        }
        return records.map { finish($0, protocol: "iw-scan", source: source, at: time) }
    }

    /// One ` * Name: value` item of an RSN, WPA or WPS block.
    static func iwItem(_ block: String, _ item: Substring, _ record: inout IWRecord, file: String, line: Int) throws {
        let text = item.dropFirst().trimmingBlanks()
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = String(text[..<colon])
        let value = text[text.index(after: colon)...].trimmingBlanks()
        if block == "WPS" {
            var wps = record.wps ?? WirelessWPS(state: nil, apSetupLocked: nil, version: nil, truncated: false)
            switch name {
            case "Version": if wps.version == nil { wps.version = value }
            case "Version2": wps.version = value
            case "Wi-Fi Protected Setup State":
                let n = Int(value.prefix { $0.isNumber }) ?? -1
                wps.state = n == 1 ? "unconfigured" : n == 2 ? "configured" : "unknown(\(n))"
            case "AP setup locked":
                wps.apSetupLocked = parseInt(value).map { $0 != 0 }
            default: break
            }
            record.wps = wps
            return
        }
        let wpa1 = block == "WPA"
        var rsn = (wpa1 ? record.wpa : record.rsn) ?? ScanRSN()
        switch name {
        case "Version": rsn.version = Int(value)
        case "Group cipher": rsn.group = iwSuites(value, akm: false, wpa1: wpa1).first
        case "Pairwise ciphers": rsn.pairwise = iwSuites(value, akm: false, wpa1: wpa1)
        case "Authentication suites": rsn.akms = iwSuites(value, akm: true, wpa1: wpa1)
        case "Capabilities":
            rsn.capabilitiesKnown = true
            if let open = value.lastIndex(of: "("), let n = parseInt(value[value.index(after: open)...].prefix { $0 != ")" }) {
                rsn.capabilities = n
                rsn.mfpRequired = n & 0x40 != 0
                rsn.mfpCapable = n & 0x80 != 0
            } else {
                let words = Set(value.split(separator: " "))
                rsn.mfpRequired = words.contains("MFP-required")
                rsn.mfpCapable = words.contains("MFP-capable")
            }
        case "Group mgmt cipher suite": rsn.groupMgmt = iwSuites(value, akm: false, wpa1: false).first
        default: break
        }
        if wpa1 { record.wpa = rsn } else { record.rsn = rsn }
    }

    /// iw's cipher and AKM names (scan.c print_cipher/print_auth) in this project's names.
    static func iwSuites(_ value: some StringProtocol, akm: Bool, wpa1: Bool) -> [String] {
        let text = String(value).replacingAll("IEEE 802.1X", with: "IEEE_802.1X").replacingAll("Use group cipher suite", with: "use-group")
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { token in
            let t = String(token)
            if let selector = selector(t) { return akm ? WirelessNames.akm(selector) : WirelessNames.cipher(selector) }
            if akm {
                switch t {
                case "IEEE_802.1X": return "802.1X"
                case "FT/IEEE_802.1X": return "FT-802.1X"
                case "IEEE_802.1X/SHA-256": return "802.1X-SHA256"
                case "IEEE_802.1X/SUITE-B": return "802.1X-SUITE-B"
                case "IEEE_802.1X/SUITE-B-192": return "802.1X-SUITE-B-192"
                case "FT/IEEE_802.1X/SHA-384": return "FT-802.1X-SHA384"
                case "TDLS/TPK": return "TDLS"
                case "OSEN": return "50-6F-9A:1"
                case "DPP": return "50-6F-9A:2"
                default:
                    // FT/PSK → FT-PSK, PSK/SHA-256 → PSK-SHA256, FT/SAE-EXT-KEY → FT-SAE-EXT-KEY.
                    return t.replacingAll("/", with: "-").replacingAll("SHA-256", with: "SHA256").replacingAll("SHA-384", with: "SHA384")
                }
            }
            switch t {
            case "CCMP": return "CCMP-128"
            case "GCMP": return "GCMP-128"
            case "AES-128-CMAC": return "BIP-CMAC-128"
            case "AES-128-GMAC", "GMAC-128": return "BIP-GMAC-128"
            case "AES-256-GMAC", "GMAC-256": return "BIP-GMAC-256"
            case "AES-256-CMAC", "CMAC-256": return "BIP-CMAC-256"
            case "NO-GROUP": return "group-not-allowed"
            default: return t
            }
        }
    }

    /// `00-0f-ac:9` (iw's form for suites it has no name for).
    static func selector(_ t: String) -> SuiteSelector? {
        let parts = t.split(separator: ":")
        guard parts.count == 2, let type = UInt8(parts[1]) else { return nil }
        let oui = parts[0].split(separator: "-")
        guard oui.count == 3, oui.allSatisfy({ $0.count == 2 }), let value = UInt32(oui.joined(), radix: 16) else { return nil }
        return SuiteSelector(oui: value, type: type)
    }

    /// iw's escaped SSID: printable bytes as they are, anything else as `\xNN`.
    static func iwSSID(_ value: Substring) -> [UInt8] {
        let b = Array(value.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count, b[i + 1] == UInt8(ascii: "x"),
               let v = UInt8(String(decoding: b[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                out.append(v); i += 4
            } else {
                out.append(b[i]); i += 1
            }
        }
        return out
    }

    static func iwPrivacy(_ value: Substring) -> Bool {
        if let open = value.lastIndex(of: "("), let n = parseInt(value[value.index(after: open)...].prefix { $0 != ")" }) { return n & 0x10 != 0 }
        return value.split(separator: " ").contains("Privacy")
    }

    static func parseInt(_ s: some StringProtocol) -> Int? {
        let t = String(s).trimmedBlanks()
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return Int(t.dropFirst(2), radix: 16) }
        return Int(t)
    }

    static func finish(_ r: IWRecord, protocol proto: String, source: Int, at time: Timestamp) -> WirelessBSS {
        // The first SSID is the probe response's (or the only one); a later one is the beacon's.
        let first = r.ssids.first ?? []
        let beacon = r.ssids.count > 1 ? r.ssids[1] : first
        let isHidden = { (s: [UInt8]) in s.isEmpty || s.allSatisfy { $0 == 0 } }
        let hidden = isHidden(beacon)
        let revealed = hidden ? r.ssids.first { !isHidden($0) } : nil
        let ssidBytes = hidden ? beacon : first
        let channel = r.dsChannel ?? r.htChannel ?? r.freq.flatMap(channelFromFrequency)
        return bss(bssid: r.bssid, ssid: ssidBytes, hidden: hidden, revealed: revealed, channel: channel, freq: r.freq,
                   privacy: r.privacy, rsn: r.rsn, wpa: r.wpa, wps: r.wps, pmfKnown: true,
                   evidence: Evidence(protocol: proto, source: source, packet: r.line), at: time)
    }

    static func channelFromFrequency(_ f: Int) -> Int? {
        switch f {
        case 2484: 14
        case 2412...2472: (f - 2407) / 5
        case 4910...5895: (f - 5000) / 5
        case 5955...7115: (f - 5950) / 5
        default: nil
        }
    }

    static func band(channel: Int?, freq: Int?) -> String? {
        if let f = freq {
            if f < 3000 { return "2.4" }
            if f < 5925 { return "5" }
            return "6"
        }
        return channel.map { $0 >= 1 && $0 <= 14 ? "2.4" : "5" }
    }

    static func ieeeType(_ name: String, akm: Bool) -> UInt8? {
        for t in UInt8(0)...UInt8(30) {
            let s = SuiteSelector(oui: 0x000FAC, type: t)
            if (akm ? WirelessNames.akm(s) : WirelessNames.cipher(s)) == name { return t }
        }
        return nil
    }

    /// A BSS record from scanned facts, classified as a captured one would be.
    static func bss(bssid: String, ssid: [UInt8], hidden: Bool, revealed: [UInt8]?, channel: Int?, freq: Int?, privacy: Bool,
                    rsn: ScanRSN?, wpa: ScanRSN?, wps: WirelessWPS?, pmfKnown: Bool, evidence: Evidence, at time: Timestamp) -> WirelessBSS {
        func describe(_ r: ScanRSN, wpa1: Bool) -> WirelessRSN {
            WirelessRSN(version: r.version, groupCipher: r.group, pairwiseCiphers: r.pairwise, akms: r.akms,
                        capabilities: wpa1 ? nil : r.capabilities, mfpRequired: r.mfpRequired, mfpCapable: r.mfpCapable,
                        groupManagementCipher: r.groupMgmt, truncated: false)
        }
        let suite = { (name: String, akm: Bool) in ieeeType(name, akm: akm).map { SuiteSelector(oui: 0x000FAC, type: $0) } }
        let cls = SecurityClass.classify(
            privacy: privacy, rsnGroup: rsn?.group.flatMap { suite($0, false) }, rsnPairwise: (rsn?.pairwise ?? []).compactMap { suite($0, false) },
            rsnAKMs: (rsn?.akms ?? []).compactMap { suite($0, true) }, hasRSN: rsn != nil, mfpRequired: rsn?.mfpRequired ?? false,
            hasWPA1: wpa != nil)
        let pmf: String? = rsn.flatMap { r in
            guard pmfKnown && r.capabilitiesKnown else { return nil }
            return r.mfpRequired ? "required" : r.mfpCapable ? "capable" : "disabled"
        }
        let ft = (rsn?.akms ?? []).contains { $0.hasPrefix("FT-") }
        return WirelessBSS(
            bssid: bssid, ssid: ssid.withUnsafeBytes { WireText.make($0) }, ssidHex: ssid.withUnsafeBytes { WireText.hex($0) },
            hidden: hidden, revealedSSID: revealed.map { b in b.withUnsafeBytes { WireText.make($0) } }, channel: channel,
            band: band(channel: channel, freq: freq), privacy: privacy, securityClass: cls.rawValue, pmf: pmf,
            rsn: rsn.map { describe($0, wpa1: false) }, wpa: wpa.map { describe($0, wpa1: true) }, saeHashToElement: nil, saePK: nil,
            wps: wps, oweTransition: nil, fastTransition: ft, authAlgorithms: [], answeredWildcardProbe: nil, beacons: 0,
            probeResponses: 0, securityChanged: false, firstSeen: time, lastSeen: time, evidence: evidence)
    }

    // MARK: nmcli

    /// `nmcli -t -f ALL dev wifi [list]`: one line per BSS, fields separated by `:`, a `:` or `\`
    /// inside a field escaped with `\`. Columns NAME SSID SSID-HEX BSSID MODE CHAN FREQ RATE
    /// [BANDWIDTH] SIGNAL BARS SECURITY WPA-FLAGS RSN-FLAGS DEVICE ACTIVE IN-USE DBUS-PATH (17 fields;
    /// 18 with BANDWIDTH, NetworkManager ≥ 1.46). WPA-FLAGS/RSN-FLAGS read like
    /// `pair_ccmp group_ccmp psk` or `(none)`.
    public static func parseNmcli(_ bytes: [UInt8], file: String, source: Int, at time: Timestamp) throws -> [WirelessBSS] {
        var out: [WirelessBSS] = []
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Array(raw)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty { continue }
            guard let fields = splitTerse(line) else {
                throw ParseError(file: file, line: lineNumber, message: "a field ends in a lone '\\' (nmcli -t escapes ':' and '\\')")
            }
            guard fields.count == 17 || fields.count == 18 else {
                throw ParseError(file: file, line: lineNumber, message: "\(fields.count) fields, expected 17 or 18: "
                                 + "not `nmcli -t -f ALL dev wifi` output (NAME:SSID:SSID-HEX:BSSID:…)")
            }
            let shift = fields.count == 18 ? 1 : 0
            func field(_ i: Int) -> String { String(decoding: fields[i >= 8 ? i + shift : i], as: UTF8.self) }
            guard let bssid = MACText.normalise(field(3)) else {
                throw ParseError(file: file, line: lineNumber, message: "BSSID field is not a MAC address")
            }
            let hex = field(2)
            var ssid: [UInt8]
            if !hex.isEmpty && hex != "--" {
                guard hex.count % 2 == 0, let decoded = hexBytes(hex) else {
                    throw ParseError(file: file, line: lineNumber, message: "SSID-HEX field is not hexadecimal")
                }
                ssid = decoded
            } else {
                ssid = field(1) == "--" ? [] : fields[1]
            }
            let chanText = field(5)
            guard let channel = Int(chanText) else {
                throw ParseError(file: file, line: lineNumber, message: "CHAN field is not a number")
            }
            let freq = Int(field(6).prefix { $0.isNumber })
            let security = field(10).split(separator: " ").map(String.init).filter { $0 != "--" }
            let wpa = nmFlags(field(11))
            let rsn = nmFlags(field(12))
            let privacy = !security.isEmpty
            let hidden = ssid.isEmpty || ssid.allSatisfy { $0 == 0 }
            out.append(bss(bssid: bssid, ssid: ssid, hidden: hidden, revealed: nil, channel: channel, freq: freq, privacy: privacy,
                           rsn: rsn, wpa: wpa, wps: nil, pmfKnown: false,
                           evidence: Evidence(protocol: "nmcli", source: source, packet: lineNumber), at: time))
        }
        return out
    }

    /// nmcli's AP security flags (`ap_wpa_rsn_flags_to_string`) as an RSN/WPA block; nil for `(none)`.
    static func nmFlags(_ text: String) -> ScanRSN? {
        let words = text.split(separator: " ").map(String.init).filter { $0 != "(none)" && $0 != "--" }
        guard !words.isEmpty else { return nil }
        var r = ScanRSN()
        let cipher = ["wep40": "WEP-40", "wep104": "WEP-104", "tkip": "TKIP", "ccmp": "CCMP-128"]
        for w in words {
            if w.hasPrefix("pair_") { r.pairwise.append(cipher[String(w.dropFirst(5))] ?? w) }
            else if w.hasPrefix("group_") { r.group = cipher[String(w.dropFirst(6))] ?? w }
            else {
                switch w {
                case "psk": r.akms.append("PSK")
                case "802.1X": r.akms.append("802.1X")
                case "sae": r.akms.append("SAE")
                case "owe": r.akms.append("OWE")
                case "owe_tm": break
                case "eap_suite_b_192": r.akms.append("802.1X-SUITE-B-192")
                default: r.akms.append(w)
                }
            }
        }
        return r
    }

    /// Splits a terse nmcli line on unescaped `:`, undoing `\:` and `\\`; nil on a trailing lone `\`.
    static func splitTerse(_ line: [UInt8]) -> [[UInt8]]? {
        var fields: [[UInt8]] = [[]]
        var i = 0
        while i < line.count {
            let c = line[i]
            if c == UInt8(ascii: "\\") {
                guard i + 1 < line.count else { return nil }
                fields[fields.count - 1].append(line[i + 1]); i += 2
                continue
            }
            if c == UInt8(ascii: ":") { fields.append([]) } else { fields[fields.count - 1].append(c) }
            i += 1
        }
        return fields
    }

    static func hexBytes(_ s: String) -> [UInt8]? {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i + 1 < b.count {
            guard let v = UInt8(String(decoding: b[i...(i + 1)], as: UTF8.self), radix: 16) else { return nil }
            out.append(v); i += 2
        }
        return out
    }
}

/// `aa:bb:cc:dd:ee:ff` in lower case from the same with any case; nil otherwise.
enum MACText {
    static func normalise(_ s: String) -> String? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts.allSatisfy({ $0.count == 2 && UInt8($0, radix: 16) != nil }) else { return nil }
        return parts.map { $0.lowercased() }.joined(separator: ":")
    }
}

extension StringProtocol {
    func trimmingBlanks() -> String { String(self).trimmedBlanks() }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String { replacingOccurrences(of: target, with: replacement) }
}

extension FileReader {
    /// Standard input, whole (read(2) on descriptor 0: no shared `FILE *`).
    static func readStdin() -> [UInt8]? {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, 65_536) }
            if n < 0 { return nil }
            if n == 0 { return out }
            out.append(contentsOf: buf[0..<n])
        }
    }
}
