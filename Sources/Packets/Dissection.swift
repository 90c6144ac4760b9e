/// One frame decoded down to the transport layer, ready for observers to pick the
/// application decoder they need (DHCP, DNS, LLDP …) by port or EtherType.
public struct Dissection {
    public enum Network {
        case arp(ARPPacket)
        case ipv4(IPv4Packet)
        case ipv6(IPv6Packet)
        /// LLDPDU (EtherType 0x88CC).
        case lldp(UnsafeRawBufferPointer)
        /// CDP (SNAP 00000c/0x2000).
        case cdp(UnsafeRawBufferPointer)
        /// Known link layer, payload not decoded here (802.11 management, STP, EAPOL, …).
        case other
        /// The EtherType said IPv4/IPv6/ARP but the header was damaged.
        case malformed
    }

    public enum Transport {
        case udp(UDPDatagram)
        case tcp(TCPSegment)
        case icmp(ICMPMessage)
        case icmpv6(ICMPMessage)
        case none
        case malformed
    }

    public var link: LinkFrame
    public var network: Network
    public var transport: Transport

    @inlinable
    public init(link: LinkFrame, network: Network, transport: Transport) {
        self.link = link; self.network = network; self.transport = transport
    }

    /// Decodes link, network and transport headers; nil if the link layer itself is unreadable.
    @inlinable
    public static func decode(_ frame: UnsafeRawBufferPointer, linkType: LinkType) -> Dissection? {
        let decodedLink = linkType == .ethernet ? LinkFrame.decodeEthernet(frame) : LinkFrame.decode(frame, linkType: linkType)
        guard let link = decodedLink else { return nil }
        var network = Network.other
        var transport = Transport.none
        switch link.kind {
        case .etherType(EtherType.ipv4):
            if let ip = IPv4Packet(link.payload) {
                network = .ipv4(ip)
                if ip.isFirstFragment {
                    transport = decodeTransport(ip.protocol, ip.payload, v6: false)
                }
            } else { network = .malformed }
        case .etherType(EtherType.ipv6):
            if let ip = IPv6Packet(link.payload) {
                network = .ipv6(ip)
                if ip.isFirstFragment {
                    transport = decodeTransport(ip.protocol, ip.payload, v6: true)
                }
            } else { network = .malformed }
        case .etherType(EtherType.arp):
            if let arp = ARPPacket(link.payload) { network = .arp(arp) } else { network = .malformed }
        case .etherType(EtherType.lldp):
            network = .lldp(link.payload)
        case .snap(oui: 0x00000C, pid: 0x2000):
            network = .cdp(link.payload)
        default:
            break
        }
        return Dissection(link: link, network: network, transport: transport)
    }

    @inlinable
    static func decodeTransport(_ proto: UInt8, _ payload: UnsafeRawBufferPointer, v6: Bool) -> Transport {
        switch proto {
        case IPProtocol.tcp: return TCPSegment(payload).map(Transport.tcp) ?? .malformed
        case IPProtocol.udp: return UDPDatagram(payload).map(Transport.udp) ?? .malformed
        case IPProtocol.icmp where !v6: return ICMPMessage(payload).map(Transport.icmp) ?? .malformed
        case IPProtocol.icmpv6 where v6: return ICMPMessage(payload).map(Transport.icmpv6) ?? .malformed
        default: return .none
        }
    }
}
