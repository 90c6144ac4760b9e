import Foundation
import Snapshot

/// Table and JSON renderings of the wireless part of a snapshot.
public enum WirelessRenderer {
    public static func json(_ snapshot: Snapshot) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(snapshot), as: UTF8.self) + "\n"
    }

    public static func table(_ w: WirelessSnapshot) -> String {
        var out = ""
        func row(_ cells: [String], _ widths: [Int]) -> String {
            var line = ""
            for (i, c) in cells.enumerated() {
                line += i == cells.count - 1 ? c : c.padding(toLength: max(widths[i], c.count), withPad: " ", startingAt: 0) + "  "
            }
            return line + "\n"
        }
        func table(_ header: [String], _ rows: [[String]]) -> String {
            var widths = header.map(\.count)
            for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
            return row(header, widths) + rows.map { row($0, widths) }.joined()
        }
        out += "BSSs (\(w.bsses.count))\n"
        let bssRows = w.bsses.map { b -> [String] in
            let sec = b.rsn ?? b.wpa
            var ciphers = "-"
            if let sec { ciphers = sec.pairwiseCiphers.joined(separator: ",") + "/" + (sec.groupCipher ?? "-") }
            var akms = (b.rsn?.akms ?? []) + (b.wpa.map { $0.akms.map { "WPA:" + $0 } } ?? [])
            if akms.isEmpty { akms = ["-"] }
            var wps = "-"
            if let p = b.wps {
                wps = p.state ?? "present"
                if p.apSetupLocked == true { wps += ",locked" }
                if let v = p.version { wps += ",v" + v }
            }
            let ssid = b.hidden ? (b.revealedSSID.map { "<hidden:\($0)>" } ?? "<hidden>") : "\"\(b.ssid)\""
            return [b.bssid, ssid, b.channel.map(String.init) ?? "-", b.securityClass, ciphers, akms.joined(separator: ","),
                    b.pmf ?? "-", wps, b.hidden ? "yes" : "no"]
        }
        out += table(["BSSID", "SSID", "CH", "CLASS", "PAIRWISE/GROUP", "AKMS", "PMF", "WPS", "HIDDEN"], bssRows)
        // Which BSSs came from client-side scans rather than frames (PMF "-" there: nmcli does not show it).
        var scanned: [String: Int] = [:]
        for b in w.bsses where b.evidence.protocol == "iw-scan" || b.evidence.protocol == "nmcli" { scanned[b.evidence.protocol, default: 0] += 1 }
        if !scanned.isEmpty {
            out += "(from client-side scans: " + scanned.keys.sorted().map { "\(scanned[$0]!) \($0)" }.joined(separator: ", ") + ")\n"
        }
        out += "\nClients (\(w.clients.count))\n"
        let clientRows = w.clients.map { c in
            [c.mac, c.bssid, "\"\(c.ssid)\"", c.akm ?? "-", c.pairwiseCipher ?? "-", c.randomized ? "yes" : "no"]
        }
        out += table(["MAC", "BSSID", "SSID", "AKM", "PAIRWISE", "RANDOMIZED"], clientRows)
        if w.wildcardProbeRequests > 0 { out += "\nWildcard (ANY) probe requests: \(w.wildcardProbeRequests)\n" }
        if !w.apConfigs.isEmpty {
            out += "\nAP configurations (\(w.apConfigs.count))\n"
            for c in w.apConfigs {
                out += "\(c.file)\(c.interface.map { " [\($0)]" } ?? ""): ssid \"\(c.ssid ?? "-")\", wpa=\(c.wpa), key_mgmt \(c.keyManagement.joined(separator: " ")), rsn_pairwise \(c.rsnPairwise.joined(separator: " "))\(c.rsnPairwiseSet ? "" : " (default)")\n"
                if c.tkipFallback { out += "  TKIP in RSN pairwise ciphers\(c.rsnPairwiseSet ? "" : " (rsn_pairwise missing: falls back to wpa_pairwise/TKIP)")\n" }
                for p in c.psks {
                    switch p.status {
                    case "scored":
                        out += "  \(p.directive) (line \(p.line)): \(p.length ?? 0) characters, \(p.characterClasses ?? 0) classes (upper \(yn(p.hasUpper)), lower \(yn(p.hasLower)), digit \(yn(p.hasDigit)), symbol \(yn(p.hasSymbol)))\n"
                    case "unscoreable_raw_key": out += "  \(p.directive) (line \(p.line)): raw 64-hex key, unscoreable\n"
                    case "external_file": out += "  \(p.directive) (line \(p.line)): keys in an external file, not scored\n"
                    default: out += "  \(p.directive) (line \(p.line)): invalid\n"
                    }
                }
                if c.psks.isEmpty { out += "  no PSK directive\n" }
                out += "  ignore_broadcast_ssid=\(c.ignoreBroadcastSSID) macaddr_acl=\(c.macaddrACL) accept_mac_file=\(yn(c.acceptMACFile)) ieee80211w=\(c.ieee80211w) wps_state=\(c.wpsState) auth_algs=\(c.authAlgs) wep_keys=\(c.wepKeys)\n"
                for (name, list) in [("accept_mac_file", c.acceptMACList), ("deny_mac_file", c.denyMACList)] {
                    guard let list else { continue }
                    out += "  \(name) \(list.path): \(list.entries.count) MAC\(list.entries.count == 1 ? "" : "s")"
                        + (list.removals > 0 ? ", \(list.removals) removal line\(list.removals == 1 ? "" : "s")" : "") + "\n"
                }
                if !c.defaulted.isEmpty { out += "  defaults applied: \(c.defaulted.joined(separator: ", "))\n" }
                for w in c.warnings { out += "  warning: \(w)\n" }
            }
        }
        if !w.malformed.isEmpty {
            out += "\nMalformed (\(w.malformed.count))\n"
            for m in w.malformed { out += "\(m.bssid ?? "-")  \(m.element): \(m.message) (source \(m.evidence.source), packet \(m.evidence.packet))\n" }
        }
        return out
    }

    static func yn(_ b: Bool?) -> String { b == true ? "yes" : "no" }
}
