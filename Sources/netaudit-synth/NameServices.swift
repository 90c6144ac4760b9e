import NetAddress

extension Network {
    // MARK: unicast DNS

    /// A recursive A (or PTR) query over UDP and the server's answer.
    func dnsLookup(client: Station, clientIP: IPv4Address, server: Station, serverIP: IPv4Address,
                   name: String, type: UInt16, answers: [DNSAnswer]) throws(SynthError) {
        let id = rng.u16()
        let port = ephemeralPort()
        var q = DNSMessageBuilder(id: id, flags: 0x0100)            // standard query, RD
        q.question(name, type: type)
        try udp4(from: client, toMAC: server.mac, src: clientIP, dst: serverIP, sourcePort: port, destinationPort: 53, q.encoded())
        pause(milliseconds: 1)
        var r = DNSMessageBuilder(id: id, flags: answers.isEmpty ? 0x8183 : 0x8180)   // response, RD, RA (NXDOMAIN if empty)
        r.question(name, type: type)
        for a in answers {
            switch a {
            case .a(let addr): r.a(name, addr, ttl: 3600)
            case .ptr(let target): r.ptr(name, target, ttl: 3600)
            }
        }
        try udp4(from: server, toMAC: client.mac, src: serverIP, dst: clientIP, sourcePort: 53, destinationPort: port, r.encoded())
        let typeName = type == DNSType.a ? "A" : type == DNSType.ptr ? "PTR" : "TYPE\(type)"
        recordDNS(TruthDNSExchange(clientMAC: client.mac, client: clientIP, server: serverIP, query: name, type: typeName,
                                   answers: answers.map(\.text)))
    }

    // MARK: mDNS (RFC 6762, DNS-SD RFC 6763)

    static let mdnsIPv4 = IPv4Address(224, 0, 0, 251)
    static let mdnsIPv6 = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0xFB)

    /// An unsolicited announcement of `host`.local with its addresses and DNS-SD services, sent over
    /// IPv4 and, when `ipv6Source` is given, over IPv6 too.
    func mdnsAnnounce(from s: Station, ipv4Source: IPv4Address, ipv6Source: IPv6Address? = nil, host: String,
                      addresses: [IPv4Address], ipv6Addresses: [IPv6Address] = [], services: [MDNSService] = []) throws(SynthError) {
        let fqdn = host + ".local"
        var b = DNSMessageBuilder(id: 0, flags: 0x8400)             // response, authoritative
        for svc in services {
            let instance = "\(svc.instance).\(svc.type).local"
            b.ptr("_services._dns-sd._udp.local", "\(svc.type).local", ttl: 4500)
            b.ptr("\(svc.type).local", instance, ttl: 4500)
            // 0x8001: class IN with the cache-flush bit, for records this host owns alone.
            b.srv(instance, port: svc.port, target: fqdn, ttl: 120, klass: 0x8001)
            b.txt(instance, svc.txt, ttl: 4500, klass: 0x8001)
        }
        for a in addresses { b.a(fqdn, a, ttl: 120, klass: 0x8001) }
        for a in ipv6Addresses { b.aaaa(fqdn, a, ttl: 120, klass: 0x8001) }
        let message = b.encoded()
        try udp4(from: s, toMAC: Self.mdnsIPv4.multicastMAC, src: ipv4Source, dst: Self.mdnsIPv4, sourcePort: 5353,
                 destinationPort: 5353, ttl: 255, message)
        if let v6 = ipv6Source {
            try udp6(from: s, toMAC: Self.mdnsIPv6.multicastMAC, src: v6, dst: Self.mdnsIPv6, sourcePort: 5353,
                     destinationPort: 5353, hopLimit: 255, message)
        }
        for a in addresses { s.bind(a) }
        for a in ipv6Addresses { s.bind(a) }
        s.announce(hostname: fqdn, source: "mdns")
        for svc in services {
            let t = TruthMDNSService(instance: "\(svc.instance).\(svc.type).local", service: svc.type, port: Int(svc.port), target: fqdn)
            if !s.mdnsServices.contains(t) { s.mdnsServices.append(t) }
        }
    }

    /// A one-shot PTR query for a service type (a browser looking for printers).
    func mdnsBrowse(from s: Station, ipv4Source: IPv4Address, serviceType: String) throws(SynthError) {
        var b = DNSMessageBuilder(id: 0, flags: 0x0000)
        b.question("\(serviceType).local", type: DNSType.ptr)
        try udp4(from: s, toMAC: Self.mdnsIPv4.multicastMAC, src: ipv4Source, dst: Self.mdnsIPv4, sourcePort: 5353,
                 destinationPort: 5353, ttl: 255, b.encoded())
    }

    // MARK: NetBIOS name service (RFC 1002)

    func nbnsRegister(from s: Station, name: String, address: IPv4Address, broadcast: IPv4Address) throws(SynthError) {
        let message = NetBIOSName.registration(id: rng.u16(), name: name, address: address)
        try udp4(from: s, toMAC: .broadcast, src: address, dst: broadcast, sourcePort: 137, destinationPort: 137, message)
        s.announce(hostname: name, source: "nbns")
    }

    /// A broadcast name query and the owner's unicast positive response.
    func nbnsResolve(from s: Station, sourceIP: IPv4Address, broadcast: IPv4Address, name: String,
                     owner: Station, ownerIP: IPv4Address) throws(SynthError) {
        let id = rng.u16()
        try udp4(from: s, toMAC: .broadcast, src: sourceIP, dst: broadcast, sourcePort: 137, destinationPort: 137,
                 NetBIOSName.query(id: id, name: name))
        pause(milliseconds: 1)
        try udp4(from: owner, toMAC: s.mac, src: ownerIP, dst: sourceIP, sourcePort: 137, destinationPort: 137,
                 NetBIOSName.positiveResponse(id: id, name: name, address: ownerIP))
        owner.announce(hostname: name, source: "nbns")
    }

    // MARK: LLDP and CDP

    func lldpAnnounce(from s: Station, _ a: NeighborAnnouncement) throws(SynthError) {
        try send(ethernet(from: s, to: LLDP.multicast, type: EtherType.lldp, LLDP.pdu(a)), from: s)
        // Roles follow what the speaker says it does: enabled bridging or routing.
        let enabled = a.enabledCapabilities ?? a.capabilities
        if enabled.contains("bridge") { s.roles.insert("switch") }
        if enabled.contains("router") { s.roles.insert("router") }
        s.bind(a.managementAddress)
        s.announce(hostname: a.systemName, source: "lldp")
        s.lldp = TruthNeighbor(chassisID: a.chassisMAC.description, portID: a.portID, portDescription: a.portDescription,
                               systemName: a.systemName, systemDescription: a.systemDescription, platform: nil,
                               capabilities: enabled, managementAddresses: [a.managementAddress.description])
    }

    func cdpAnnounce(from s: Station, _ a: NeighborAnnouncement) throws(SynthError) {
        let frame = FrameBuilder.snap(dst: CDP.multicast, src: s.mac, tags: s.tags, oui: CDP.snapOUI, pid: CDP.snapPID,
                                      payload: CDP.pdu(a))
        try send(frame, from: s)
        if a.capabilities.contains("switch") || a.capabilities.contains("bridge") { s.roles.insert("switch") }
        if a.capabilities.contains("router") { s.roles.insert("router") }
        s.bind(a.managementAddress)
        s.announce(hostname: a.systemName, source: "cdp")
        s.cdp = TruthNeighbor(chassisID: a.systemName, portID: a.portID, portDescription: nil, systemName: a.systemName,
                              systemDescription: a.systemDescription, platform: a.platform, capabilities: a.capabilities,
                              managementAddresses: [a.managementAddress.description])
    }
}

enum DNSAnswer {
    case a(IPv4Address)
    case ptr(String)
    var text: String {
        switch self {
        case .a(let a): return a.description
        case .ptr(let p): return p
        }
    }
}

struct MDNSService {
    var instance: String
    /// e.g. "_ipp._tcp"
    var type: String
    var port: UInt16
    var txt: [String]
}
