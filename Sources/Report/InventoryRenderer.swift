import Foundation
import Snapshot

/// Renders a snapshot's inventory for `netaudit inventory --format table|json|csv`.
public enum InventoryRenderer {
    public enum Format: String, CaseIterable, Sendable { case table, json, csv }

    public static func render(_ snapshot: Snapshot, format: Format) throws -> String {
        switch format {
        case .json: return try json(snapshot)
        case .csv: return csv(snapshot)
        case .table: return table(snapshot)
        }
    }

    /// Pretty, key-sorted JSON: byte-stable for the same snapshot.
    public static func json(_ snapshot: Snapshot) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(snapshot), as: UTF8.self) + "\n"
    }

    public static func csv(_ snapshot: Snapshot) -> String {
        var out = "mac,vlan,vendor,randomized,ipv4,ipv6,hostnames,roles,dhcp_fingerprint,dhcp_vendor_class,first_seen,last_seen,packets,bytes\r\n"
        for d in snapshot.devices {
            let fields: [String] = [
                d.mac.description, d.vlan.map(String.init) ?? "", d.vendor ?? "", d.randomized ? "true" : "false",
                d.ipv4.map(\.address.description).joined(separator: ";"), d.ipv6.map(\.address.description).joined(separator: ";"),
                d.hostnames.map { "\($0.name) (\($0.source))" }.joined(separator: ";"), d.roles.map(\.rawValue).joined(separator: ";"),
                d.dhcp?.fingerprint ?? "", d.dhcp?.vendorClass ?? "", d.firstSeen.description, d.lastSeen.description,
                String(d.packets), String(d.bytes),
            ]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// RFC 4180 quoting, plus a leading apostrophe against spreadsheet formula injection.
    static func csvField(_ s: String) -> String {
        var v = s
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    public static func table(_ snapshot: Snapshot) -> String {
        var rows: [[String]] = [["MAC", "VLAN", "VENDOR", "IPv4", "IPv6", "HOSTNAMES", "ROLES", "PACKETS"]]
        for d in snapshot.devices {
            let vendor = d.randomized ? "(randomized)" : (d.vendor ?? "-")
            let names = Array(Set(d.hostnames.map(\.name))).sorted()
            rows.append([
                d.mac.description, d.vlan.map(String.init) ?? "-", truncate(vendor, 28),
                d.ipv4.isEmpty ? "-" : d.ipv4.map(\.address.description).joined(separator: ","),
                d.ipv6.isEmpty ? "-" : String(d.ipv6.count),
                names.isEmpty ? "-" : truncate(names.joined(separator: ","), 40),
                d.roles.isEmpty ? "-" : d.roles.map(\.rawValue).joined(separator: ","),
                String(d.packets),
            ])
        }
        var out = layout(rows)
        let randomized = snapshot.devices.filter(\.randomized).count
        out += "\n\(snapshot.devices.count) devices (\(randomized) with randomized MACs)"
        if let from = snapshot.observedFrom, let until = snapshot.observedUntil { out += ", observed \(from) – \(until)" }
        out += "\n"
        if !snapshot.dhcpServers.isEmpty {
            out += "\nDHCP servers:\n"
            for s in snapshot.dhcpServers {
                out += "  \(s.mac) \(s.ip?.description ?? "-")\(s.vlan.map { " vlan \($0)" } ?? "") offers=\(s.offers) acks=\(s.acks)\n"
            }
        }
        if !snapshot.anomalies.isEmpty {
            out += "\nAnomalies:\n"
            for a in snapshot.anomalies { out += "  [\(a.kind.rawValue)] \(a.message)\n" }
        }
        let damaged = snapshot.sources.filter { $0.error != nil }
        if !damaged.isEmpty {
            out += "\nDamaged inputs:\n"
            for s in damaged {
                guard let e = s.error else { continue }
                out += e.packet == 0 ? "  not read: \(e.message)\n" : "  \(s.name): damaged from packet \(e.packet): \(e.message)\n"
            }
        }
        return out
    }

    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    static func layout(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], displayWidth(c)) } }
        return rows.map { r in
            r.enumerated().map { i, c in i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - displayWidth(c) + 2) }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// East Asian wide characters take two terminal columns.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return w + (wide ? 2 : 1)
        }
    }
}
