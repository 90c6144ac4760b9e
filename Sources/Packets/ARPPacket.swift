import NetAddress

/// An ARP packet for IPv4 over Ethernet (hardware type 1, protocol 0x0800, lengths 6/4).
public struct ARPPacket {
    public let operation: UInt16
    public let senderMAC: MACAddress
    public let senderIP: IPv4Address
    public let targetMAC: MACAddress
    public let targetIP: IPv4Address

    @inlinable
    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 28, p.be16(0) == 1, p.be16(2) == 0x0800, p[4] == 6, p[5] == 4 else { return nil }
        operation = p.be16(6)
        senderMAC = MACAddress(bytes: p, at: 8)
        senderIP = IPv4Address(bytes: p, at: 14)
        targetMAC = MACAddress(bytes: p, at: 18)
        targetIP = IPv4Address(bytes: p, at: 24)
    }

    public static let request: UInt16 = 1
    public static let reply: UInt16 = 2

    /// An announcement of the sender's own address (RFC 5227): sender IP equals target IP.
    public var isGratuitous: Bool { senderIP == targetIP && !senderIP.isUnspecified }
    /// An RFC 5227 probe: sender IP 0.0.0.0 while checking whether the target is free.
    public var isProbe: Bool { senderIP.isUnspecified }
}
