import NetAddress
import Packets
import Snapshot

extension InventoryObserver {
    // MARK: ARP

    func observeARP(_ arp: ARPPacket, link: LinkFrame, ts: Int64) {
        guard arp.senderMAC.isUnicastStation, !arp.isProbe, arp.senderIP.isHostAddress else { return }
        let i = device(arp.senderMAC, link.vlan, ts, "arp")
        bindIPv4(i, arp.senderIP, .arp, ts, "arp")
        let key = UInt64(link.vlan) << 32 | UInt64(arp.senderIP.rawValue)
        if arpClaims[key]?.contains(arp.senderMAC) != true {
            arpClaims[key, default: []].append(arp.senderMAC)
            if arpClaimEvidence[key] == nil || (arpClaims[key]?.count ?? 0) == 2 { arpClaimEvidence[key] = (ts, evidence("arp")) }
        }
        if arp.isGratuitous {
            if ts - devices[i].garpWindowStart > options.garpFloodWindowNanos {
                devices[i].garpWindowStart = ts
                devices[i].garpCount = 0
            }
            devices[i].garpCount += 1
            if devices[i].garpCount >= options.garpFloodCount {
                let count = devices[i].garpCount
                if devices[i].garpFlood == nil { devices[i].garpFlood = (count, ts, evidence("arp")) }
                else if count > devices[i].garpFlood!.count { devices[i].garpFlood!.count = count }
            }
        }
    }

    // MARK: UDP over IPv4

    func observeUDPv4(_ udp: UDPDatagram, ip: IPv4Packet, link: LinkFrame, sender: Int, ts: Int64) {
        let sp = udp.sourcePort, dp = udp.destinationPort
        if (sp == 67 || sp == 68) && (dp == 67 || dp == 68) {
            if let msg = DHCPv4Message(udp.payload) { observeDHCPv4(msg, ip: ip, link: link, sender: sender, ts: ts) }
        } else if sp == 5353 || dp == 5353 {
            if sender >= 0, let dns = DNSMessage(udp.payload) { observeMDNS(dns, v4: ip.source, v6: nil, sender: sender, ts: ts) }
        } else if sp == 137 && dp == 137 || sp == 137 || dp == 137 {
            if sender >= 0, let dns = DNSMessage(udp.payload) { observeNBNS(dns, source: ip.source, sender: sender, ts: ts) }
        } else if sp == 53 {
            if let dns = DNSMessage(udp.payload), dns.isResponse { observeDNSAnswer(dns, ts: ts) }
        }
    }

    func observeDHCPv4(_ msg: DHCPv4Message, ip: IPv4Packet, link: LinkFrame, sender: Int, ts: Int64) {
        guard let type = msg.messageType else { return }
        if msg.isFromServer {
            guard type == DHCPv4Message.MessageType.offer || type == DHCPv4Message.MessageType.ack
                || type == DHCPv4Message.MessageType.nak, let serverMAC = link.source, sender >= 0 else { return }
            devices[sender].roles.insert(.dhcpServer)
            let key = serverMAC.rawValue | UInt64(link.vlan) << 48
            var s = dhcpServers[key] ?? DHCPServerState(mac: serverMAC, vlan: link.vlan, ip: ip.source.isHostAddress ? ip.source : nil,
                                                         serverIdentifier: msg.serverIdentifier, firstSeen: ts, lastSeen: ts,
                                                         evidence: evidence("dhcp"))
            if type == DHCPv4Message.MessageType.offer { s.offers += 1 } else if type == DHCPv4Message.MessageType.ack { s.acks += 1 }
            s.lastSeen = max(s.lastSeen, ts)
            if s.serverIdentifier == nil { s.serverIdentifier = msg.serverIdentifier }
            dhcpServers[key] = s
            // Only an ACK assigns an address; an offer is a proposal the client may decline.
            if type == DHCPv4Message.MessageType.ack, msg.yourIP.isHostAddress, let client = msg.clientMAC, client.isUnicastStation {
                let c = device(client, link.vlan, ts, "dhcp")
                bindIPv4(c, msg.yourIP, .dhcp, ts, "dhcp")
            }
            return
        }
        // Client side. Other BOOTREQUESTs (e.g. a relay's LEASEQUERY, type 10) name some other
        // host in ciaddr and must not be bound to their sender.
        let clientTypes: [UInt8] = [DHCPv4Message.MessageType.discover, DHCPv4Message.MessageType.request,
                                    DHCPv4Message.MessageType.decline, DHCPv4Message.MessageType.release,
                                    DHCPv4Message.MessageType.inform]
        guard clientTypes.contains(type) else { return }
        // The chaddr names the client even when a relay forwarded it; the frame's sender is the
        // client only when no relay (giaddr) is involved.
        let clientMAC = msg.clientMAC.flatMap { $0.isUnicastStation ? $0 : nil } ?? (msg.relayIP.isUnspecified ? link.source : nil)
        guard let mac = clientMAC, mac.isUnicastStation else { return }
        let c = device(mac, link.vlan, ts, "dhcp")
        if msg.clientIP.isHostAddress { bindIPv4(c, msg.clientIP, .dhcp, ts, "dhcp") }
        var info = devices[c].dhcp ?? DHCPClientInfo()
        if let fp = msg.parameterRequestList, fp.count > 0, info.fingerprint == nil || type == DHCPv4Message.MessageType.discover
            || type == DHCPv4Message.MessageType.request {
            let text = msg.fingerprint
            if text != info.fingerprint { info.fingerprint = text }
        }
        if let vc = msg.vendorClass, vc.count > 0 {
            let text = WireText.make(vc)
            if text != info.vendorClass { info.vendorClass = text }
        }
        if let cid = msg.clientIdentifier, cid.count > 0, info.clientID == nil { info.clientID = WireText.hex(cid) }
        if devices[c].dhcp != info { devices[c].dhcp = info }
        if let name = msg.hostName, name.count > 0 { addHostname(c, WireText.make(name), source: "dhcp", ts, proto: "dhcp") }
        if let fqdn = msg.fqdnName { addHostname(c, fqdn, source: "dhcp", ts, proto: "dhcp") }
    }

    // MARK: mDNS, NBNS, DNS

    /// mDNS responders announce their own A/AAAA records: a record whose address is the packet's
    /// source names the sender; other addresses announced under that same name are the sender's too
    /// (a Mac announces its global IPv6 address from its link-local one).
    func observeMDNS(_ dns: DNSMessage, v4: IPv4Address?, v6: IPv6Address?, sender: Int, ts: Int64) {
        guard dns.isResponse else { return }
        var ownNames: [String] = []
        dns.forEach { rr in
            if rr.type == DNSMessage.RecordType.a, rr.rdata.count == 4, let v4, IPv4Address(bytes: rr.rdata, at: 0) == v4 {
                if let name = dns.name(at: rr.nameOffset) { ownNames.append(name.lowercased()) }
            } else if rr.type == DNSMessage.RecordType.aaaa, rr.rdata.count == 16, let v6, IPv6Address(bytes: rr.rdata, at: 0) == v6 {
                if let name = dns.name(at: rr.nameOffset) { ownNames.append(name.lowercased()) }
            }
        }
        guard !ownNames.isEmpty else { return }
        dns.forEach { rr in
            guard rr.type == DNSMessage.RecordType.a && rr.rdata.count == 4 || rr.type == DNSMessage.RecordType.aaaa && rr.rdata.count == 16,
                  let name = dns.name(at: rr.nameOffset), ownNames.contains(name.lowercased()) else { return }
            addHostname(sender, name, source: "mdns", ts, proto: "mdns")
            if rr.rdata.count == 4 {
                let addr = IPv4Address(bytes: rr.rdata, at: 0)
                if addr.isHostAddress { bindIPv4(sender, addr, .mdns, ts, "mdns") }
            } else {
                let addr = IPv6Address(bytes: rr.rdata, at: 0)
                if addr.isHostAddress { bindIPv6(sender, addr, .mdns, ts, "mdns") }
            }
        }
    }

    /// NBNS registrations, refreshes and positive answers that name the sender's own address.
    func observeNBNS(_ dns: DNSMessage, source: IPv4Address, sender: Int, ts: Int64) {
        let opcode = dns.opcode
        // 5 registration, 8/9 refresh, 0 query (answers only), 15 multi-homed registration.
        guard opcode == 5 || opcode == 8 || opcode == 9 || opcode == 15 || (opcode == 0 && dns.isResponse && dns.rcode == 0) else { return }
        dns.forEach { rr in
            guard rr.type == DNSMessage.RecordType.nb, rr.rdata.count >= 6 else { return }
            let flags = rr.rdata.be16(0)
            guard flags & 0x8000 == 0 else { return }   // group names do not name one host
            let addr = IPv4Address(bytes: rr.rdata, at: 2)
            guard addr == source, let (name, suffix) = NBNSName.decode(dns.bytes, rr.nameOffset),
                  suffix == 0x00 || suffix == 0x20, !name.isEmpty, name != "*" else { return }
            addHostname(sender, name, source: "nbns", ts, proto: "nbns")
            bindIPv4(sender, addr, .nbns, ts, "nbns")
        }
    }

    /// Unicast DNS answers (A records), kept to name devices by their addresses at the end.
    func observeDNSAnswer(_ dns: DNSMessage, ts: Int64) {
        dns.forEach { rr in
            guard rr.section == .answer, rr.type == DNSMessage.RecordType.a, rr.rdata.count == 4 else { return }
            let addr = IPv4Address(bytes: rr.rdata, at: 0).rawValue
            guard dnsAnswers[addr] == nil, dnsAnswers.count < options.maxDNSAnswers,
                  let name = dns.name(at: rr.nameOffset) else { return }
            dnsAnswers[addr] = (name, ts, evidence("dns"))
        }
    }

    // MARK: IPv6

    func observeICMPv6(_ icmp: ICMPMessage, ip: IPv6Packet, link: LinkFrame, sender: Int, ts: Int64) {
        guard let nd = NeighborDiscovery(icmp) else { return }
        switch nd.kind {
        case .routerAdvertisement:
            if sender >= 0 {
                devices[sender].roles.insert(.router)
                if ip.source.isHostAddress { bindIPv6(sender, ip.source, .ndp, ts, "ndp") }
            }
        case .routerSolicitation:
            if sender >= 0 && ip.source.isHostAddress { bindIPv6(sender, ip.source, .ndp, ts, "ndp") }
        case .neighborSolicitation:
            guard ip.source.isHostAddress else { return }
            if let sll = nd.sourceLinkLayer, sll.isUnicastStation {
                bindIPv6(device(sll, link.vlan, ts, "ndp"), ip.source, .ndp, ts, "ndp")
            } else if sender >= 0 {
                bindIPv6(sender, ip.source, .ndp, ts, "ndp")
            }
        case .neighborAdvertisement:
            guard let target = nd.target, target.isHostAddress else { return }
            if let tll = nd.targetLinkLayer, tll.isUnicastStation {
                bindIPv6(device(tll, link.vlan, ts, "ndp"), target, .ndp, ts, "ndp")
            } else if sender >= 0 {
                bindIPv6(sender, target, .ndp, ts, "ndp")
            }
        }
    }

    func observeUDPv6(_ udp: UDPDatagram, ip: IPv6Packet, sender: Int, ts: Int64) {
        guard sender >= 0 else { return }
        let sp = udp.sourcePort, dp = udp.destinationPort
        if sp == 546 || dp == 547 {
            guard let msg = DHCPv6Message(udp.payload), msg.isFromClient else { return }
            var info = devices[sender].dhcp ?? DHCPClientInfo()
            if let duid = msg.clientDUID, duid.count > 0, info.duid == nil { info.duid = WireText.hex(duid) }
            if let vc = msg.vendorClassText, info.v6VendorClass == nil { info.v6VendorClass = vc }
            if devices[sender].dhcp != info { devices[sender].dhcp = info }
            if let name = msg.fqdnName { addHostname(sender, name, source: "dhcpv6", ts, proto: "dhcpv6") }
        } else if sp == 5353 || dp == 5353 {
            if let dns = DNSMessage(udp.payload) { observeMDNS(dns, v4: nil, v6: ip.source, sender: sender, ts: ts) }
        }
    }

    // MARK: LLDP and CDP

    func observeLLDP(_ lldp: LLDPFrame, sender: Int, ts: Int64) {
        var info = NeighborInfo()
        if let c = lldp.chassisID { info.chassisID = LLDPFrame.idText(subtype: lldp.chassisSubtype, isChassis: true, c) }
        if let p = lldp.portID { info.portID = LLDPFrame.idText(subtype: lldp.portSubtype, isChassis: false, p) }
        if let d = lldp.portDescription { info.portDescription = WireText.make(d) }
        if let n = lldp.systemName { info.systemName = WireText.make(n) }
        if let d = lldp.systemDescription { info.systemDescription = WireText.make(d) }
        let caps = lldp.enabledCapabilities != 0 ? lldp.enabledCapabilities : lldp.capabilities
        info.capabilities = LLDPFrame.capabilityNames(caps)
        info.managementAddresses = lldp.managementAddresses.compactMap { AddressText.formatAddress(family: $0.subtype, $0.address) }
        if devices[sender].lldp != info { devices[sender].lldp = info }
        if caps & 0x0004 != 0 { devices[sender].roles.insert(.switch) }
        if caps & 0x0010 != 0 { devices[sender].roles.insert(.router) }
        if let name = info.systemName, !name.isEmpty { addHostname(sender, name, source: "lldp", ts, proto: "lldp") }
    }

    func observeCDP(_ cdp: CDPFrame, sender: Int, ts: Int64) {
        var info = NeighborInfo()
        if let d = cdp.deviceID { info.chassisID = WireText.make(d) }
        if let p = cdp.portID { info.portID = WireText.make(p) }
        if let p = cdp.platform { info.platform = WireText.make(p) }
        if let v = cdp.softwareVersion { info.systemDescription = WireText.make(v) }
        info.systemName = info.chassisID
        info.capabilities = CDPFrame.capabilityNames(cdp.capabilities)
        var seen = Set<String>()
        info.managementAddresses = cdp.addresses.filter { seen.insert($0).inserted }
        if devices[sender].cdp != info { devices[sender].cdp = info }
        if cdp.capabilities & 0x0A != 0 { devices[sender].roles.insert(.switch) }
        if cdp.capabilities & 0x01 != 0 { devices[sender].roles.insert(.router) }
        if let name = info.chassisID, !name.isEmpty { addHostname(sender, name, source: "cdp", ts, proto: "cdp") }
    }
}
