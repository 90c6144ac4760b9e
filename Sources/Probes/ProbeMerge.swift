/// Folds probe results into a snapshot: ARP replies become IPv4 bindings with source `arp`
/// (evidence protocol `arp-probe`), open ports become `services[]`, closed and filtered ones `port_checks[]`.
import NetAddress
import Snapshot

public enum ProbeMerge {
    /// - Returns: port results whose IP no device claimed (no ARP reply, no passive binding).
    @discardableResult
    public static func apply(arp: [ARPReply], ports: [PortResult], to snapshot: inout Snapshot, interface: String,
                             method: String = "connect", vendor: (MACAddress) -> String? = { _ in nil }) -> [PortResult] {
        let sourceIndex = snapshot.sources.count
        snapshot.sources.append(Source(kind: .probe, name: interface, linkType: "EN10MB", packets: arp.count, bytes: 0))
        for (n, r) in arp.enumerated() {
            let ts = Timestamp(nanoseconds: r.timestamp)
            let evidence = Evidence(protocol: "arp-probe", source: sourceIndex, packet: n + 1)
            let i: Int
            if let found = snapshot.devices.firstIndex(where: { $0.mac == r.mac && $0.vlan == nil }) {
                i = found
            } else {
                snapshot.devices.append(Device(mac: r.mac, vlan: nil, vendor: vendor(r.mac), randomized: r.mac.isLocallyAdministered,
                                               firstSeen: ts, lastSeen: ts, evidence: evidence))
                i = snapshot.devices.count - 1
            }
            var d = snapshot.devices[i]
            if let b = d.ipv4.firstIndex(where: { $0.address == r.ip }) {
                if !d.ipv4[b].sources.contains("arp") { d.ipv4[b].sources.append("arp"); d.ipv4[b].sources.sort() }
                d.ipv4[b].lastSeen = max(d.ipv4[b].lastSeen, ts)
            } else {
                d.ipv4.append(AddressBinding(address: r.ip, sources: ["arp"], firstSeen: ts, lastSeen: ts, evidence: evidence))
            }
            d.firstSeen = min(d.firstSeen, ts)
            d.lastSeen = max(d.lastSeen, ts)
            if d.vendor == nil { d.vendor = vendor(r.mac) }
            snapshot.devices[i] = d
        }
        var unattached: [PortResult] = []
        for p in ports where p.state == .open {
            guard let i = snapshot.devices.firstIndex(where: { $0.ipv4.contains { $0.address == p.ip } }) else {
                unattached.append(p); continue
            }
            var services = snapshot.devices[i].services
            services.removeAll { $0.port == p.port && $0.transport == p.transport }
            services.append(Service(port: p.port, transport: p.transport, state: p.state.rawValue, banner: p.banner))
            services.sort { ($0.port, $0.transport) < ($1.port, $1.transport) }
            snapshot.devices[i].services = services
        }
        // Closed and filtered ports: one compact `port_checks` entry per device that was checked.
        var notOpen: [IPv4Address: (closed: [Int], filtered: [Int])] = [:]
        for p in ports where p.transport == "tcp" {
            var e = notOpen[p.ip] ?? ([], [])
            if p.state == .closed { e.closed.append(p.port) } else if p.state == .filtered { e.filtered.append(p.port) }
            notOpen[p.ip] = e
        }
        for (ip, e) in notOpen {
            guard let i = snapshot.devices.firstIndex(where: { $0.ipv4.contains { $0.address == ip } }) else { continue }
            var checks = snapshot.devices[i].portChecks ?? []
            checks.removeAll { $0.transport == "tcp" && $0.method == method }
            checks.append(PortCheck(transport: "tcp", method: method, closed: PortCheck.compress(e.closed), filtered: PortCheck.compress(e.filtered)))
            snapshot.devices[i].portChecks = checks
        }
        snapshot.devices.sort { ($0.vlan ?? 0, $0.mac) < ($1.vlan ?? 0, $1.mac) }
        if let first = arp.map(\.timestamp).min() {
            let t = Timestamp(nanoseconds: first)
            snapshot.observedFrom = min(snapshot.observedFrom ?? t, t)
        }
        if let last = arp.map(\.timestamp).max() {
            let t = Timestamp(nanoseconds: last)
            snapshot.observedUntil = max(snapshot.observedUntil ?? t, t)
        }
        return unattached
    }

    /// Folds IPv6 neighbour-sweep replies in: each becomes an `ipv6` binding with source `ndp` (evidence
    /// protocol `ndp-probe`) on the device with that MAC, created if needed.
    public static func apply(ndp: [NDPReply], to snapshot: inout Snapshot, interface: String,
                             vendor: (MACAddress) -> String? = { _ in nil }) {
        guard !ndp.isEmpty else { return }
        let sourceIndex = snapshot.sources.count
        snapshot.sources.append(Source(kind: .probe, name: interface, linkType: "EN10MB", packets: ndp.count, bytes: 0))
        for (n, r) in ndp.enumerated() {
            let ts = Timestamp(nanoseconds: r.timestamp)
            let evidence = Evidence(protocol: "ndp-probe", source: sourceIndex, packet: n + 1)
            let i: Int
            if let found = snapshot.devices.firstIndex(where: { $0.mac == r.mac && $0.vlan == nil }) {
                i = found
            } else {
                snapshot.devices.append(Device(mac: r.mac, vlan: nil, vendor: vendor(r.mac), randomized: r.mac.isLocallyAdministered,
                                               firstSeen: ts, lastSeen: ts, evidence: evidence))
                i = snapshot.devices.count - 1
            }
            var d = snapshot.devices[i]
            if let b = d.ipv6.firstIndex(where: { $0.address == r.ip }) {
                if !d.ipv6[b].sources.contains("ndp") { d.ipv6[b].sources.append("ndp"); d.ipv6[b].sources.sort() }
                d.ipv6[b].lastSeen = max(d.ipv6[b].lastSeen, ts)
            } else {
                d.ipv6.append(AddressBinding(address: r.ip, sources: ["ndp"], firstSeen: ts, lastSeen: ts, evidence: evidence))
            }
            d.firstSeen = min(d.firstSeen, ts)
            d.lastSeen = max(d.lastSeen, ts)
            snapshot.devices[i] = d
        }
        snapshot.devices.sort { ($0.vlan ?? 0, $0.mac) < ($1.vlan ?? 0, $1.mac) }
    }
}
