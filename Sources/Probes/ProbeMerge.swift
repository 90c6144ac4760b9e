/// Folds probe results into a snapshot: ARP replies become IPv4 bindings with source `arp`
/// (evidence protocol `arp-probe`), open ports become `services[]`.
import NetAddress
import Snapshot

public enum ProbeMerge {
    /// - Returns: port results whose IP no device claimed (no ARP reply, no passive binding).
    @discardableResult
    public static func apply(arp: [ARPReply], ports: [PortResult], to snapshot: inout Snapshot, interface: String,
                             vendor: (MACAddress) -> String? = { _ in nil }) -> [PortResult] {
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
            services.removeAll { $0.port == p.port && $0.transport == "tcp" }
            services.append(Service(port: p.port, transport: "tcp", state: p.state.rawValue, banner: p.banner))
            services.sort { $0.port < $1.port }
            snapshot.devices[i].services = services
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
}
