import NetAddress

/// How one kind of client speaks DHCP: which options, in which order. The
/// order and the option 55 list are what fingerprinting databases match on.
struct DHCPClientProfile {
    var hostname: String?
    var parameterRequestList: [UInt8]
    var vendorClass: String?
    /// Option 61 contents, or nil if the client sends none.
    var clientID: [UInt8]?
    /// Option 81 name and whether it is sent in DNS wire format (E bit).
    var fqdn: String?
    var fqdnWireFormat = false
    var maxMessageSize: UInt16?
    var discoverOptions: [UInt8]
    var requestOptions: [UInt8]

    /// Windows 10/11: the 14-code request list and "MSFT 5.0"; FQDN only in REQUEST.
    static func windows(hostname: String, domain: String, mac: MACAddress) -> DHCPClientProfile {
        DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252],
                          vendorClass: "MSFT 5.0", clientID: [1] + macBytes(mac), fqdn: "\(hostname).\(domain)",
                          discoverOptions: [53, 61, 50, 12, 60, 55], requestOptions: [53, 61, 50, 54, 12, 81, 60, 55])
    }

    /// macOS 14: no vendor class, a maximum message size and Apple's list.
    static func macOS(hostname: String, mac: MACAddress) -> DHCPClientProfile {
        DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 121, 3, 6, 15, 108, 114, 119, 252, 95, 44, 46],
                          clientID: [1] + macBytes(mac), maxMessageSize: 1500,
                          discoverOptions: [53, 55, 57, 61, 50, 12], requestOptions: [53, 55, 57, 61, 50, 54, 12])
    }

    static func iOS(hostname: String, mac: MACAddress) -> DHCPClientProfile {
        DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 121, 3, 6, 15, 108, 114, 119, 252],
                          clientID: [1] + macBytes(mac), maxMessageSize: 1500,
                          discoverOptions: [53, 55, 57, 61, 50, 12], requestOptions: [53, 55, 57, 61, 50, 54, 12])
    }

    /// Android 13's DhcpClient.
    static func android(hostname: String, mac: MACAddress) -> DHCPClientProfile {
        DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 3, 6, 15, 26, 28, 51, 58, 59, 43, 114, 108],
                          vendorClass: "android-dhcp-13", clientID: [1] + macBytes(mac), maxMessageSize: 1500,
                          discoverOptions: [53, 61, 57, 60, 12, 55], requestOptions: [53, 61, 50, 54, 57, 60, 12, 55])
    }

    /// Raspberry Pi OS (dhcpcd 9): an RFC 4361 client id (IAID + DUID) and the FQDN in wire format.
    static func dhcpcd(hostname: String, domain: String, mac: MACAddress, duid: [UInt8]) -> DHCPClientProfile {
        var cid: [UInt8] = [0xFF]
        cid += macBytes(mac).suffix(4)                   // IAID: dhcpcd uses the last four MAC bytes
        cid += duid
        return DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 121, 33, 3, 6, 12, 15, 28, 51, 54, 58, 59, 119],
                                 vendorClass: "dhcpcd-9.4.1:Linux-6.1.21-v8+:aarch64:BCM2835", clientID: cid,
                                 fqdn: "\(hostname).\(domain)", fqdnWireFormat: true, maxMessageSize: 1472,
                                 discoverOptions: [53, 61, 57, 60, 12, 81, 55], requestOptions: [53, 61, 50, 54, 57, 60, 12, 81, 55])
    }

    static func brotherPrinter(hostname: String, mac: MACAddress) -> DHCPClientProfile {
        DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 3, 6, 15, 44, 46, 47, 12],
                          clientID: [1] + macBytes(mac), maxMessageSize: 1500,
                          discoverOptions: [53, 61, 50, 57, 12, 55], requestOptions: [53, 61, 50, 54, 57, 12, 55])
    }

    static func ciscoPhone(hostname: String, model: String, mac: MACAddress) -> DHCPClientProfile {
        DHCPClientProfile(hostname: hostname, parameterRequestList: [1, 66, 6, 3, 15, 150, 35, 151],
                          vendorClass: "Cisco Systems, Inc. IP Phone \(model)", clientID: [1] + macBytes(mac), maxMessageSize: 1500,
                          discoverOptions: [53, 57, 55, 60, 12, 61], requestOptions: [53, 57, 55, 60, 12, 61, 50, 54])
    }

    static func macBytes(_ m: MACAddress) -> [UInt8] { (0..<6).map { m.byte($0) } }

    func options(for codes: [UInt8], type: DHCPMessageType, requested: IPv4Address?, server: IPv4Address?) -> [(UInt8, [UInt8])] {
        var out: [(UInt8, [UInt8])] = []
        for code in codes {
            switch code {
            case DHCPOption.messageType: out.append((code, [type.rawValue]))
            case DHCPOption.clientID: if let c = clientID { out.append((code, c)) }
            case DHCPOption.requestedIP:
                if let r = requested { var v: [UInt8] = []; v.ipv4(r); out.append((code, v)) }
            case DHCPOption.serverID:
                if let s = server { var v: [UInt8] = []; v.ipv4(s); out.append((code, v)) }
            case DHCPOption.hostName: if let h = hostname { out.append((code, Array(h.utf8))) }
            case DHCPOption.vendorClass: if let v = vendorClass { out.append((code, Array(v.utf8))) }
            case DHCPOption.parameterRequestList: out.append((code, parameterRequestList))
            case DHCPOption.maxMessageSize:
                if let m = maxMessageSize { var v: [UInt8] = []; v.be16(m); out.append((code, v)) }
            case DHCPOption.clientFQDN:
                if let f = fqdn { out.append((code, fqdnWireFormat ? DHCPOption.fqdnWire(f) : DHCPOption.fqdnASCII(f))) }
            default: preconditionFailure("client profile lists unsupported option \(code)")
            }
        }
        return out
    }

    var truth: TruthDHCPClient {
        TruthDHCPClient(hostname: hostname, fingerprint: parameterRequestList.map(String.init).joined(separator: ","),
                        vendorClass: vendorClass, clientID: clientID.map(hexString), fqdn: fqdn)
    }
}

/// A DHCP server on one segment and what it hands out.
struct DHCPServerProfile {
    var station: Station
    var address: IPv4Address
    var subnetMask: IPv4Address
    var router: IPv4Address
    var dns: IPv4Address
    var domain: String?
    var leaseSeconds: UInt32
    /// Cisco IOS unicasts replies to the offered address; small home routers broadcast them.
    var broadcastReplies: Bool
    var rogue: Bool
}

extension Network {
    private func serverReply(_ server: DHCPServerProfile, type: DHCPMessageType, xid: UInt32, client: Station,
                             yourIP: IPv4Address) throws(SynthError) {
        var m = DHCPv4Message(isReply: true, transactionID: xid, clientMAC: client.mac)
        m.yourIP = yourIP
        m.add(DHCPOption.messageType, [type.rawValue])
        m.add(DHCPOption.serverID, ip: server.address)
        m.add(DHCPOption.leaseTime, seconds: server.leaseSeconds)
        m.add(DHCPOption.renewalTime, seconds: server.leaseSeconds / 2)
        m.add(DHCPOption.rebindingTime, seconds: server.leaseSeconds / 8 * 7)
        m.add(DHCPOption.subnetMask, ip: server.subnetMask)
        m.add(DHCPOption.router, ip: server.router)
        m.add(DHCPOption.dnsServer, ip: server.dns)
        if let d = server.domain { m.add(DHCPOption.domainName, text: d) }
        let sentAt = clock
        let dstIP = server.broadcastReplies ? IPv4Address.broadcast : yourIP
        let dstMAC = server.broadcastReplies ? MACAddress.broadcast : client.mac
        try udp4(from: server.station, toMAC: dstMAC, src: server.address, dst: dstIP, sourcePort: 67, destinationPort: 68,
                 ttl: server.station.ttl, m.encoded())
        recordDHCPServer(server.station, ip: server.address, offer: type == .offer, rogue: server.rogue, at: sentAt)
    }

    private func clientBroadcast(_ client: Station, _ profile: DHCPClientProfile, type: DHCPMessageType, xid: UInt32,
                                 seconds: UInt16, requested: IPv4Address?, server: IPv4Address?) throws(SynthError) {
        var m = DHCPv4Message(isReply: false, transactionID: xid, clientMAC: client.mac)
        m.seconds = seconds
        let codes = type == .discover ? profile.discoverOptions : profile.requestOptions
        for (code, value) in profile.options(for: codes, type: type, requested: requested, server: server) { m.add(code, value) }
        // Clients without an address send from 0.0.0.0 with TTL 64 or 128 depending on the OS; keep the OS default.
        try udp4(from: client, toMAC: .broadcast, src: .any, dst: .broadcast, sourcePort: 68, destinationPort: 67, m.encoded())
    }

    /// DISCOVER, an OFFER from every server in `others` (rogue ones first, as they are often
    /// faster) and from `chosen`, REQUEST naming `chosen`, ACK. The client ends up holding
    /// `address`; returns the time of the ACK, when the address became the client's.
    @discardableResult
    func dhcpLease(client: Station, profile: DHCPClientProfile, chosen: DHCPServerProfile, address: IPv4Address,
                   alsoOffering others: [(DHCPServerProfile, IPv4Address)] = [], previousAddress: IPv4Address? = nil) throws(SynthError) -> Int64 {
        let xid = rng.u32()
        try clientBroadcast(client, profile, type: .discover, xid: xid, seconds: 0, requested: previousAddress, server: nil)
        pause(milliseconds: 2)
        for (server, offered) in others {
            try serverReply(server, type: .offer, xid: xid, client: client, yourIP: offered)
        }
        pause(milliseconds: 3)
        try serverReply(chosen, type: .offer, xid: xid, client: client, yourIP: address)
        pause(milliseconds: 5)
        try clientBroadcast(client, profile, type: .request, xid: xid, seconds: 1, requested: address, server: chosen.address)
        pause(milliseconds: 2)
        let ackTime = clock
        try serverReply(chosen, type: .ack, xid: xid, client: client, yourIP: address)
        client.bind(address)
        client.dhcp = profile.truth
        if let h = profile.hostname { client.announce(hostname: h, source: "dhcp") }
        if let f = profile.fqdn { client.announce(hostname: f, source: "dhcp") }
        return ackTime
    }

    /// A renewal at T1: REQUEST unicast from the leased address (no options 50/54, RFC 2131 4.3.2), then the ACK.
    func dhcpRenew(client: Station, profile: DHCPClientProfile, address: IPv4Address, server: DHCPServerProfile) throws(SynthError) {
        let xid = rng.u32()
        var m = DHCPv4Message(isReply: false, transactionID: xid, clientMAC: client.mac)
        m.clientIP = address
        for (code, value) in profile.options(for: profile.requestOptions.filter { $0 != DHCPOption.requestedIP && $0 != DHCPOption.serverID },
                                             type: .request, requested: nil, server: nil) {
            m.add(code, value)
        }
        try udp4(from: client, toMAC: server.station.mac, src: address, dst: server.address, sourcePort: 68, destinationPort: 67,
                 m.encoded())
        pause(milliseconds: 1)
        var r = DHCPv4Message(isReply: true, transactionID: xid, clientMAC: client.mac)
        r.clientIP = address
        r.yourIP = address
        r.add(DHCPOption.messageType, [DHCPMessageType.ack.rawValue])
        r.add(DHCPOption.serverID, ip: server.address)
        r.add(DHCPOption.leaseTime, seconds: server.leaseSeconds)
        r.add(DHCPOption.subnetMask, ip: server.subnetMask)
        r.add(DHCPOption.router, ip: server.router)
        r.add(DHCPOption.dnsServer, ip: server.dns)
        let sentAt = clock
        try udp4(from: server.station, toMAC: client.mac, src: server.address, dst: address, sourcePort: 67, destinationPort: 68,
                 r.encoded())
        recordDHCPServer(server.station, ip: server.address, offer: false, rogue: server.rogue, at: sentAt)
    }

    /// DHCPRELEASE, unicast from the client's address to its server.
    func dhcpRelease(client: Station, profile: DHCPClientProfile, address: IPv4Address, server: DHCPServerProfile) throws(SynthError) {
        var m = DHCPv4Message(isReply: false, transactionID: rng.u32(), clientMAC: client.mac)
        m.clientIP = address
        m.add(DHCPOption.messageType, [DHCPMessageType.release.rawValue])
        m.add(DHCPOption.serverID, ip: server.address)
        if let c = profile.clientID { m.add(DHCPOption.clientID, c) }
        try udp4(from: client, toMAC: server.station.mac, src: address, dst: server.address, sourcePort: 68, destinationPort: 67, m.encoded())
    }
}
