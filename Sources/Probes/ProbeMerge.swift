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
            let i = deviceIndex(r.mac, at: ts, evidence: evidence, in: &snapshot, vendor: vendor)
            bind(r.ip, source: "arp", at: ts, evidence: evidence, in: &snapshot.devices[i].ipv4)
            if snapshot.devices[i].vendor == nil { snapshot.devices[i].vendor = vendor(r.mac) }
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
            let i = deviceIndex(r.mac, at: ts, evidence: evidence, in: &snapshot, vendor: vendor)
            bind(r.ip, source: "ndp", at: ts, evidence: evidence, in: &snapshot.devices[i].ipv6)
        }
        snapshot.devices.sort { ($0.vlan ?? 0, $0.mac) < ($1.vlan ?? 0, $1.mac) }
    }

    /// The untagged device with `mac` (created when new), its first/last seen widened to `ts`.
    private static func deviceIndex(_ mac: MACAddress, at ts: Timestamp, evidence: Evidence, in snapshot: inout Snapshot,
                                    vendor: (MACAddress) -> String?) -> Int {
        guard let i = snapshot.devices.firstIndex(where: { $0.mac == mac && $0.vlan == nil }) else {
            snapshot.devices.append(Device(mac: mac, vlan: nil, vendor: vendor(mac), randomized: mac.isLocallyAdministered,
                                           firstSeen: ts, lastSeen: ts, evidence: evidence))
            return snapshot.devices.count - 1
        }
        snapshot.devices[i].firstSeen = min(snapshot.devices[i].firstSeen, ts)
        snapshot.devices[i].lastSeen = max(snapshot.devices[i].lastSeen, ts)
        return i
    }

    /// Adds `source` to the binding of `address` (created when new) and widens its last seen.
    private static func bind<Address>(_ address: Address, source: String, at ts: Timestamp, evidence: Evidence,
                                      in bindings: inout [AddressBinding<Address>]) {
        if let b = bindings.firstIndex(where: { $0.address == address }) {
            if !bindings[b].sources.contains(source) { bindings[b].sources.append(source); bindings[b].sources.sort() }
            bindings[b].lastSeen = max(bindings[b].lastSeen, ts)
        } else {
            bindings.append(AddressBinding(address: address, sources: [source], firstSeen: ts, lastSeen: ts, evidence: evidence))
        }
    }
}
