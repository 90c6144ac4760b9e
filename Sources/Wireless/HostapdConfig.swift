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

    /// Reads a file from disk, and the `accept_mac_file` / `deny_mac_file` lists it names (a relative
    /// list path is taken relative to the configuration's directory). A missing or unreadable list,
    /// or a line hostapd would refuse, is an error naming the list file (hostapd would not start).
    public static func read(path: String) throws -> [APConfig] {
        guard let data = FileReader.read(path) else { throw ReadError(description: "\(path): cannot read file") }
        var configs = parse(data, file: path)
        for i in configs.indices {
            if let list = configs[i].acceptMACList { configs[i].acceptMACList = try loadMACList(list, directive: "accept_mac_file", config: path) }
            if let list = configs[i].denyMACList { configs[i].denyMACList = try loadMACList(list, directive: "deny_mac_file", config: path) }
        }
        return configs
    }

    /// `dir/relative` for a relative path, the path itself when absolute.
    public static func resolve(_ listPath: String, relativeTo configPath: String) -> String {
        if listPath.hasPrefix("/") { return listPath }
        guard let slash = configPath.lastIndex(of: "/") else { return listPath }
        return String(configPath[...slash]) + listPath
    }

    static func loadMACList(_ list: MACACL, directive: String, config: String) throws -> MACACL {
        guard let bytes = FileReader.read(list.resolvedPath) else {
            throw ReadError(description: "\(list.resolvedPath): cannot read the \(directive) named at \(config):\(list.line)")
        }
        do {
            var read = try parseMACList(bytes)
            read.path = list.path; read.resolvedPath = list.resolvedPath; read.line = list.line
            return read
        } catch let error as ReadError {
            throw ReadError(description: "\(list.resolvedPath):\(error.description) (\(directive) of \(config):\(list.line); hostapd refuses to start with it)")
        }
    }

    /// hostapd's MAC list format (hostapd/config_file.c `hostapd_config_read_maclist`): one MAC per
    /// line as `aa:bb:cc:dd:ee:ff`, optionally followed by blanks and a VLAN id; lines starting with
    /// `#` are comments; a line `-aa:bb:cc:dd:ee:ff` removes that MAC from the entries read so far.
    /// Empty (and, unlike hostapd, blank-only) lines are skipped. Any other line is an error
    /// `line N: …`, as hostapd refuses such a file. The error does not echo the line.
    public static func parseMACList(_ bytes: [UInt8]) throws -> MACACL {
        var entries: [MACACLEntry] = []
        var removals = 0
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Array(raw)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.first == UInt8(ascii: "#") || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            var body = line[...]
            let remove = body.first == UInt8(ascii: "-")
            if remove { body = body.dropFirst() }
            guard let mac = hwaddr(body) else {
                throw ReadError(description: "\(lineNumber): not a MAC address (expected aa:bb:cc:dd:ee:ff\(remove ? " after '-'" : ""))")
            }
            if remove {
                removals += 1
                entries.removeAll { $0.mac == mac }
                continue
            }
            // The VLAN: the text after the first blank run, as hostapd reads it.
            var rest = body.dropFirst(17).drop { $0 != 0x20 && $0 != 0x09 }
            rest = rest.drop { $0 == 0x20 || $0 == 0x09 }
            let vlan = String(decoding: rest, as: UTF8.self).trimmedBlanks()
            entries.append(MACACLEntry(mac: mac, vlan: vlan.isEmpty ? nil : vlan, line: lineNumber))
        }
        return MACACL(path: "", resolvedPath: "", line: 0, entries: entries, removals: removals)
    }

    /// hostapd's `hwaddr_aton`: six hex pairs separated by `:` at the start of `text`, lowercased.
    static func hwaddr(_ text: ArraySlice<UInt8>) -> String? {
        let b = Array(text.prefix(17))
        guard b.count == 17 else { return nil }
        var out = ""
        for i in 0..<6 {
            let hi = b[i * 3], lo = b[i * 3 + 1]
            guard isHex(hi), isHex(lo) else { return nil }
            if i < 5 { guard b[i * 3 + 2] == UInt8(ascii: ":") else { return nil } }
            out += String(decoding: [hi, lo], as: UTF8.self).lowercased() + (i < 5 ? ":" : "")
        }
        return out
    }

    static func isHex(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c) }

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
            case "accept_mac_file":
                config.acceptMACFile = !value.isEmpty
                config.acceptMACList = value.isEmpty ? nil : macList(value, line: line)
            case "deny_mac_file":
                config.denyMACFile = !value.isEmpty
                config.denyMACList = value.isEmpty ? nil : macList(value, line: line)
            case "ieee80211w": if let n = int() { config.ieee80211w = n }
            case "sae_pwe": if let n = int() { config.saePWE = n }
            case "transition_disable": config.transitionDisable = HostapdConfig.text(value)
            case "wps_state": if let n = int() { config.wpsState = n }
            case "ap_setup_locked": if let n = int() { config.apSetupLocked = n }
            case "ieee8021x": if let n = int() { config.ieee8021x = n != 0 }
            default: break
            }
        }

        /// The list's location only; `HostapdConfig.read` fills in the entries.
        func macList(_ value: [UInt8], line: Int) -> MACACL {
            let path = HostapdConfig.text(value).trimmedBlanks()
            return MACACL(path: path, resolvedPath: HostapdConfig.resolve(path, relativeTo: config.file), line: line)
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
