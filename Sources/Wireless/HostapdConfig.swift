/// hostapd.conf reader and scorer: the directives an audit needs, with hostapd's defaults applied
/// (semantics of hostapd/hostapd.conf). Secrets are scored, never kept: `wpa_passphrase`,
/// `sae_password`, `wpa_psk`, `wep_key*` and RADIUS secrets are read into a local and dropped;
/// warnings name the line and directive, never the value.
import Snapshot
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum HostapdConfig {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a file from disk.
    public static func read(path: String) throws -> [APConfig] {
        guard let data = FileReader.read(path) else { throw ReadError(description: "\(path): cannot read file") }
        return parse(data, file: path)
    }

    /// Parses hostapd.conf text. One `APConfig` per BSS: the first section, then one per `bss=` line.
    public static func parse(_ bytes: [UInt8], file: String) -> [APConfig] {
        var sections: [Section] = [Section(config: APConfig(file: file))]
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Array(rawLine)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            // hostapd skips leading blanks only in `#` detection; keys are taken as written.
            guard let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), line[first] != UInt8(ascii: "#") else { continue }
            guard let eq = line.firstIndex(of: UInt8(ascii: "=")) else {
                sections[sections.count - 1].config.warnings.append("line \(lineNumber): no '=' (ignored)")
                continue
            }
            let key = String(decoding: line[first..<eq], as: UTF8.self)
            let value = Array(line[(eq + 1)...])
            if key == "bss" {
                var next = APConfig(file: file)
                next.interface = text(value)
                sections.append(Section(config: next))
                continue
            }
            sections[sections.count - 1].apply(key: key, value: value, line: lineNumber)
        }
        return sections.map { $0.finish() }
    }

    /// Scores a passphrase's composition. The argument is not kept.
    public static func score(passphrase: [UInt8], directive: String, line: Int) -> PSKFacts {
        var upper = false, lower = false, digit = false, symbol = false
        var count = 0
        // Count characters (UTF-8 scalars), not bytes: hostapd counts bytes for the 8..63 rule, reported separately.
        for b in passphrase {
            if b & 0xC0 != 0x80 { count += 1 }
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            default: symbol = true
            }
        }
        let classes = [upper, lower, digit, symbol].filter { $0 }.count
        let validLength = directive != "wpa_passphrase" || (8...63).contains(passphrase.count)
        return PSKFacts(directive: directive, length: count, hasUpper: upper, hasLower: lower, hasDigit: digit,
                        hasSymbol: symbol, characterClasses: classes, status: validLength ? "scored" : "invalid", line: line)
    }

    static func text(_ v: [UInt8]) -> String { String(decoding: v, as: UTF8.self) }

    static func isHex64(_ v: [UInt8]) -> Bool {
        v.count == 64 && v.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
    }

    struct Section {
        var config: APConfig
        var given: Set<String> = []

        mutating func apply(key: String, value: [UInt8], line: Int) {
            given.insert(key)
            func int() -> Int? {
                guard let n = Int(HostapdConfig.text(value).trimmedBlanks()) else {
                    config.warnings.append("line \(line): \(key) is not a number")
                    return nil
                }
                return n
            }
            func list() -> [String] { HostapdConfig.text(value).split(separator: " ").map(String.init) }
            switch key {
            case "interface": config.interface = HostapdConfig.text(value)
            case "ssid": config.ssid = HostapdConfig.text(value)
            case "ssid2": config.ssid = HostapdConfig.text(value)
            case "wpa": if let n = int() { config.wpa = n }
            case "wpa_key_mgmt": config.keyManagement = list()
            case "wpa_pairwise": config.wpaPairwise = list()
            case "rsn_pairwise": config.rsnPairwise = list(); config.rsnPairwiseSet = true
            case "auth_algs": if let n = int() { config.authAlgs = n }
            case "wep_key0", "wep_key1", "wep_key2", "wep_key3": config.wepKeys += 1
            case "wpa_passphrase", "sae_password":
                // sae_password may carry `|mac=…|id=…` parameters after the password.
                var secret = value
                if key == "sae_password", let bar = secret.firstIndex(of: UInt8(ascii: "|")) { secret = Array(secret[..<bar]) }
                config.psks.append(HostapdConfig.score(passphrase: secret, directive: key, line: line))
            case "wpa_psk":
                if HostapdConfig.isHex64(value) {
                    config.psks.append(PSKFacts(directive: key, length: nil, hasUpper: nil, hasLower: nil, hasDigit: nil,
                                                hasSymbol: nil, characterClasses: nil, status: "unscoreable_raw_key", line: line))
                } else {
                    config.psks.append(PSKFacts(directive: key, length: nil, hasUpper: nil, hasLower: nil, hasDigit: nil,
                                                hasSymbol: nil, characterClasses: nil, status: "invalid", line: line))
                    config.warnings.append("line \(line): wpa_psk is not 64 hex digits")
                }
            case "wpa_psk_file":
                config.psks.append(PSKFacts(directive: key, length: nil, hasUpper: nil, hasLower: nil, hasDigit: nil,
                                            hasSymbol: nil, characterClasses: nil, status: "external_file", line: line))
            case "ignore_broadcast_ssid": if let n = int() { config.ignoreBroadcastSSID = n }
            case "macaddr_acl": if let n = int() { config.macaddrACL = n }
            case "accept_mac_file": config.acceptMACFile = !value.isEmpty
            case "deny_mac_file": config.denyMACFile = !value.isEmpty
            case "ieee80211w": if let n = int() { config.ieee80211w = n }
            case "sae_pwe": if let n = int() { config.saePWE = n }
            case "transition_disable": config.transitionDisable = HostapdConfig.text(value)
            case "wps_state": if let n = int() { config.wpsState = n }
            case "ap_setup_locked": if let n = int() { config.apSetupLocked = n }
            case "ieee8021x": if let n = int() { config.ieee8021x = n != 0 }
            default: break
            }
        }

        func finish() -> APConfig {
            var c = config
            // rsn_pairwise defaults to wpa_pairwise, which defaults to TKIP.
            if !c.rsnPairwiseSet { c.rsnPairwise = c.wpaPairwise }
            c.tkipFallback = c.wpa & 2 != 0 && c.rsnPairwise.contains("TKIP")
            for d in ["wpa", "wpa_key_mgmt", "wpa_pairwise", "rsn_pairwise", "auth_algs", "ignore_broadcast_ssid",
                      "macaddr_acl", "ieee80211w", "wps_state"] where !given.contains(d) {
                c.defaulted.append(d)
            }
            return c
        }
    }
}

extension String {
    func trimmedBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

/// Reads a whole file without Foundation.
enum FileReader {
    static func read(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buf.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65_536, f) }
            if n > 0 { out.append(contentsOf: buf[0..<n]) }
            if n < 65_536 { return ferror(f) != 0 ? nil : out }
        }
    }
}
