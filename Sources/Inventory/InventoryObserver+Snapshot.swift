import NetAddress
import Snapshot

extension InventoryObserver {
    /// Every distinct device MAC seen so far (for loading only the vendor names needed).
    public var observedMACs: [MACAddress] { devices.map(\.mac) }

    public var deviceCount: Int { devices.count }

    /// Builds the snapshot: devices sorted by (VLAN, MAC), DHCP servers, and the anomalies worth flagging.
    public func snapshot(sources: [Source], vendors: VendorRegistry, generatedAt: Timestamp) -> Snapshot {
        // Names from unicast DNS go to the device that holds the address by ARP/DHCP.
        var authoritativeOwner: [UInt32: Int] = [:]
        for (i, d) in devices.enumerated() {
            for b in d.ipv4 where !b.sources.isDisjoint(with: .authoritative) { authoritativeOwner[b.address.rawValue] = i }
        }
        var named = devices
        for (addr, answer) in dnsAnswers.sorted(by: { $0.key < $1.key }) {
            guard let i = authoritativeOwner[addr] else { continue }
            let lower = answer.0.lowercased()
            if named[i].hostnames.contains(where: { $0.source == "dns" && $0.name.lowercased() == lower }) { continue }
            named[i].hostnames.append(Hostname(name: answer.0.hasSuffix(".") ? String(answer.0.dropLast()) : answer.0,
                                               source: "dns", firstSeen: Timestamp(nanoseconds: answer.1), evidence: answer.2))
        }

        var out: [Device] = []
        out.reserveCapacity(named.count)
        for d in named {
            var roles = d.roles
            var v4 = d.ipv4
            var v6 = d.ipv6
            if d.forwardsTraffic { roles.insert(.router) }
            if d.routerByAddressCount {
                roles.insert(.router)
                // A router's forwarded sources are not its own addresses.
                v4.removeAll { $0.sources == .ip }
                v6.removeAll { $0.sources == .ip && !$0.address.isLinkLocal }
            }
            out.append(Device(
                mac: d.mac, vlan: d.vlan == 0 ? nil : Int(d.vlan), vendor: vendors.vendor(for: d.mac),
                randomized: d.mac.isLocallyAdministered,
                ipv4: v4.map { AddressBinding(address: $0.address, sources: $0.sources.names, firstSeen: Timestamp(nanoseconds: $0.firstSeen),
                                              lastSeen: Timestamp(nanoseconds: $0.lastSeen), evidence: $0.evidence) },
                ipv6: v6.map { AddressBinding(address: $0.address, sources: $0.sources.names, firstSeen: Timestamp(nanoseconds: $0.firstSeen),
                                              lastSeen: Timestamp(nanoseconds: $0.lastSeen), evidence: $0.evidence) },
                hostnames: d.hostnames, dhcp: d.dhcp, lldp: d.lldp, cdp: d.cdp, roles: roles.sorted(),
                firstSeen: Timestamp(nanoseconds: d.firstSeen), lastSeen: Timestamp(nanoseconds: d.lastSeen),
                packets: d.packets, bytes: d.bytes, evidence: d.evidence))
        }
        out.sort { ($0.vlan ?? 0, $0.mac) < ($1.vlan ?? 0, $1.mac) }

        let servers = dhcpServers.values.sorted { ($0.vlan, $0.mac) < ($1.vlan, $1.mac) }.map {
            DHCPServer(mac: $0.mac, vlan: $0.vlan == 0 ? nil : Int($0.vlan), ip: $0.ip, serverIdentifier: $0.serverIdentifier,
                       offers: $0.offers, acks: $0.acks, firstSeen: Timestamp(nanoseconds: $0.firstSeen),
                       lastSeen: Timestamp(nanoseconds: $0.lastSeen), evidence: $0.evidence)
        }

        return Snapshot(generatedAt: generatedAt,
                        observedFrom: firstTimestamp.map(Timestamp.init(nanoseconds:)),
                        observedUntil: lastTimestamp.map(Timestamp.init(nanoseconds:)),
                        sources: sources, devices: out, dhcpServers: servers, anomalies: anomalies(servers: servers))
    }

    func anomalies(servers: [DHCPServer]) -> [Anomaly] {
        var out: [Anomaly] = []
        for (key, macs) in arpClaims.sorted(by: { $0.key < $1.key }) where macs.count > 1 {
            let vlan = UInt16(key >> 32)
            let ip = IPv4Address(rawValue: UInt32(truncatingIfNeeded: key))
            let (ts, ev) = arpClaimEvidence[key] ?? (0, Evidence(protocol: "arp", source: 0, packet: 0))
            out.append(Anomaly(kind: .ipConflict, vlan: vlan == 0 ? nil : Int(vlan), ip: ip.description, macs: macs,
                               message: "\(ip) is claimed in ARP by \(macs.count) MACs: " + macs.map(\.description).joined(separator: ", "),
                               firstSeen: Timestamp(nanoseconds: ts), evidence: ev))
        }
        for d in devices {
            let own = d.ipv4.filter { !$0.sources.isDisjoint(with: [.arp, .dhcp]) }.sorted { $0.firstSeen < $1.firstSeen }
            if own.count > 1 {
                out.append(Anomaly(kind: .ipChanged, vlan: d.vlan == 0 ? nil : Int(d.vlan), ip: own.last?.address.description, macs: [d.mac],
                                   message: "\(d.mac) used \(own.count) IPv4 addresses: " + own.map(\.address.description).joined(separator: " → "),
                                   firstSeen: Timestamp(nanoseconds: own[1].firstSeen), evidence: own[1].evidence))
            }
            if let flood = d.garpFlood {
                out.append(Anomaly(kind: .gratuitousARPFlood, vlan: d.vlan == 0 ? nil : Int(d.vlan), ip: nil, macs: [d.mac], count: flood.count,
                                   message: "\(d.mac) sent \(flood.count) gratuitous ARPs within \(options.garpFloodWindowNanos / 1_000_000_000) s",
                                   firstSeen: Timestamp(nanoseconds: flood.at), evidence: flood.evidence))
            }
        }
        var byVLAN: [Int: [DHCPServer]] = [:]
        for s in servers { byVLAN[s.vlan ?? 0, default: []].append(s) }
        for (vlan, list) in byVLAN.sorted(by: { $0.key < $1.key }) where list.count > 1 {
            let first = list.min { $0.firstSeen < $1.firstSeen }
            out.append(Anomaly(kind: .multipleDHCPServers, vlan: vlan == 0 ? nil : vlan, ip: nil, macs: list.map(\.mac),
                               message: "\(list.count) DHCP servers answered: " + list.map { "\($0.mac) (\($0.ip?.description ?? "?"))" }.joined(separator: ", "),
                               firstSeen: first?.firstSeen ?? Timestamp(nanoseconds: 0), evidence: first?.evidence))
        }
        return out
    }
}
