import NetAddress

extension Network {
    static let allNodes = IPv6Address(high: 0xFF02_0000_0000_0000, low: 1)
    static let allRouters = IPv6Address(high: 0xFF02_0000_0000_0000, low: 2)
    static let dhcpv6Agents = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x0001_0002)

    /// ND option carrying a link-layer address: type 1 source, 2 target (RFC 4861 4.6.1).
    private func linkLayerOption(_ type: UInt8, _ mac: MACAddress) -> [UInt8] {
        var o: [UInt8] = [type, 1]
        o.mac(mac)
        return o
    }

    private func icmpv6(from s: Station, toMAC: MACAddress, src: IPv6Address, dst: IPv6Address, type: UInt8,
                        body: [UInt8]) throws(SynthError) {
        let m = FrameBuilder.icmpv6(src: src, dst: dst, type: type, code: 0, body: body)
        // Neighbor discovery must carry hop limit 255 (RFC 4861 6.1.2, 7.1.1).
        try send(ipv6(from: s, toMAC: toMAC, src: src, dst: dst, nextHeader: IPProtocol.icmpv6, hopLimit: 255, m), from: s)
    }

    /// A router advertisement with source link-layer address, MTU and one autonomous /64 prefix.
    func routerAdvertisement(from r: Station, linkLocal: IPv6Address, prefix: IPv6Address, managed: Bool, other: Bool) throws(SynthError) {
        var body: [UInt8] = [64, (managed ? 0x80 : 0) | (other ? 0x40 : 0)]
        body.be16(1800)                       // router lifetime, seconds
        body.be32(0); body.be32(0)            // reachable time, retransmit timer: unspecified
        body += linkLayerOption(1, r.mac)
        body += [5, 1, 0, 0]; body.be32(1500) // MTU
        var pi: [UInt8] = [3, 4, 64, 0xC0]    // prefix information: /64, on-link + autonomous
        pi.be32(2_592_000); pi.be32(604_800); pi.be32(0)
        pi.ipv6(prefix)
        body += pi
        try icmpv6(from: r, toMAC: Self.allNodes.multicastMAC, src: linkLocal, dst: Self.allNodes, type: 134, body: body)
        r.roles.insert("router")
    }

    func routerSolicitation(from s: Station, linkLocal: IPv6Address) throws(SynthError) {
        var body: [UInt8] = [0, 0, 0, 0]
        body += linkLayerOption(1, s.mac)
        try icmpv6(from: s, toMAC: Self.allRouters.multicastMAC, src: linkLocal, dst: Self.allRouters, type: 133, body: body)
    }

    /// Duplicate address detection: a solicitation from :: for a tentative address, without
    /// a link-layer option (RFC 4862 5.4.2). It claims nothing yet.
    func duplicateAddressDetection(from s: Station, tentative: IPv6Address) throws(SynthError) {
        var body: [UInt8] = [0, 0, 0, 0]
        body.ipv6(tentative)
        try icmpv6(from: s, toMAC: tentative.solicitedNode.multicastMAC, src: .unspecified, dst: tentative.solicitedNode,
                   type: 135, body: body)
    }

    /// Address resolution: `s` solicits `target`, `owner` answers with a solicited, override advertisement.
    func neighborResolve(from s: Station, source: IPv6Address, target: IPv6Address, owner: Station, ownerIsRouter: Bool) throws(SynthError) {
        var ns: [UInt8] = [0, 0, 0, 0]
        ns.ipv6(target)
        ns += linkLayerOption(1, s.mac)
        try icmpv6(from: s, toMAC: target.solicitedNode.multicastMAC, src: source, dst: target.solicitedNode, type: 135, body: ns)
        pause(milliseconds: 1)
        var na: [UInt8] = []
        na.be32((ownerIsRouter ? 0x8000_0000 : 0) | 0x4000_0000 | 0x2000_0000)   // R, S, O
        na.ipv6(target)
        na += linkLayerOption(2, owner.mac)
        try icmpv6(from: owner, toMAC: s.mac, src: target, dst: source, type: 136, body: na)
    }

    /// An unsolicited advertisement to all nodes announcing `address` (override set, solicited clear).
    func unsolicitedNeighborAdvertisement(from s: Station, address: IPv6Address) throws(SynthError) {
        var na: [UInt8] = []
        na.be32(0x2000_0000)
        na.ipv6(address)
        na += linkLayerOption(2, s.mac)
        try icmpv6(from: s, toMAC: Self.allNodes.multicastMAC, src: address, dst: Self.allNodes, type: 136, body: na)
        s.bind(address)
    }

    /// A DHCPv6 Solicit to All_DHCP_Relay_Agents_and_Servers with DUID, FQDN and vendor class.
    func dhcpv6Solicit(from s: Station, linkLocal: IPv6Address, duid: [UInt8], iaid: UInt32, fqdn: String,
                       enterprise: UInt32, vendorClass: String) throws(SynthError) {
        let message = DHCPv6.solicitMessage(transactionID: rng.u32() & 0xFF_FFFF, duid: duid, iaid: iaid, fqdn: fqdn,
                                            vendorEnterprise: enterprise, vendorClass: vendorClass, requestedOptions: [17, 23, 24, 39])
        try udp6(from: s, toMAC: Self.dhcpv6Agents.multicastMAC, src: linkLocal, dst: Self.dhcpv6Agents, sourcePort: 546,
                 destinationPort: 547, hopLimit: 1, message)
        s.dhcpv6 = TruthDHCPv6Client(duid: hexString(duid), fqdn: fqdn, vendorClass: "\(enterprise):\(vendorClass)")
        s.announce(hostname: fqdn, source: "dhcpv6")
    }
}
