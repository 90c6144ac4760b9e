import NetAddress

/// DHCPv4 message types (option 53, RFC 2132 9.6).
enum DHCPMessageType: UInt8 {
    case discover = 1, offer = 2, request = 3, decline = 4, ack = 5, nak = 6, release = 7, inform = 8
}

/// A DHCPv4 / BOOTP message (RFC 2131) built field by field.
struct DHCPv4Message {
    var isReply: Bool
    var transactionID: UInt32
    var seconds: UInt16 = 0
    var broadcastFlag = false
    var clientIP: IPv4Address = .any
    var yourIP: IPv4Address = .any
    var serverIP: IPv4Address = .any
    var relayIP: IPv4Address = .any
    var clientMAC: MACAddress
    /// Options in the order the sender puts them: operating systems differ, and the order is part of a fingerprint.
    var options: [(code: UInt8, value: [UInt8])] = []

    static let magicCookie: UInt32 = 0x6382_5363
    /// BOOTP's minimum message length (RFC 1542 2.1); clients and servers pad up to it.
    static let minimumLength = 300

    mutating func add(_ code: UInt8, _ value: [UInt8]) { options.append((code, value)) }
    mutating func add(_ code: UInt8, ip: IPv4Address) { var v: [UInt8] = []; v.ipv4(ip); add(code, v) }
    mutating func add(_ code: UInt8, seconds: UInt32) { var v: [UInt8] = []; v.be32(seconds); add(code, v) }
    mutating func add(_ code: UInt8, text: String) { add(code, Array(text.utf8)) }

    func encoded() -> [UInt8] {
        var m: [UInt8] = []
        m.reserveCapacity(Self.minimumLength + 64)
        m.u8(isReply ? 2 : 1); m.u8(1); m.u8(6); m.u8(0)
        m.be32(transactionID); m.be16(seconds); m.be16(broadcastFlag ? 0x8000 : 0)
        m.ipv4(clientIP); m.ipv4(yourIP); m.ipv4(serverIP); m.ipv4(relayIP)
        m.mac(clientMAC); m.zeros(10)      // chaddr is 16 bytes
        m.zeros(64); m.zeros(128)           // sname, file
        m.be32(Self.magicCookie)
        for (code, value) in options {
            precondition(value.count <= 255, "DHCP option \(code) longer than 255 bytes")
            m.u8(code); m.u8(UInt8(value.count)); m.append(contentsOf: value)
        }
        m.u8(255)
        if m.count < Self.minimumLength { m.zeros(Self.minimumLength - m.count) }
        return m
    }
}

enum DHCPOption {
    static let subnetMask: UInt8 = 1
    static let router: UInt8 = 3
    static let dnsServer: UInt8 = 6
    static let hostName: UInt8 = 12
    static let domainName: UInt8 = 15
    static let requestedIP: UInt8 = 50
    static let leaseTime: UInt8 = 51
    static let messageType: UInt8 = 53
    static let serverID: UInt8 = 54
    static let parameterRequestList: UInt8 = 55
    static let maxMessageSize: UInt8 = 57
    static let renewalTime: UInt8 = 58
    static let rebindingTime: UInt8 = 59
    static let vendorClass: UInt8 = 60
    static let clientID: UInt8 = 61
    static let clientFQDN: UInt8 = 81

    /// Option 81 (RFC 4702) with the name in ASCII (E bit clear), as Windows sends it.
    static func fqdnASCII(_ name: String, flags: UInt8 = 0) -> [UInt8] { [flags, 0, 0] + Array(name.utf8) }

    /// Option 81 with the name in DNS wire format (E bit set), as dhcpcd sends it.
    static func fqdnWire(_ name: String, flags: UInt8 = 0x01) -> [UInt8] { [flags | 0x04, 0, 0] + DNSName.wire(name) }
}

/// DHCPv6 (RFC 8415) messages; only what clients send on joining a link.
enum DHCPv6 {
    static let solicit: UInt8 = 1

    static let optionClientID: UInt16 = 1
    static let optionIANA: UInt16 = 3
    static let optionORO: UInt16 = 6
    static let optionElapsedTime: UInt16 = 8
    static let optionVendorClass: UInt16 = 16
    static let optionClientFQDN: UInt16 = 39

    /// DUID-LLT (type 1): hardware type 1 (Ethernet), seconds since 2000-01-01 UTC, link-layer address.
    static func duidLLT(time: UInt32, mac: MACAddress) -> [UInt8] {
        var d: [UInt8] = []
        d.be16(1); d.be16(1); d.be32(time); d.mac(mac)
        return d
    }

    static func option(_ code: UInt16, _ value: [UInt8]) -> [UInt8] {
        var o: [UInt8] = []
        o.be16(code); o.be16(UInt16(value.count)); o.append(contentsOf: value)
        return o
    }

    /// A Solicit carrying the client's DUID, an IA_NA, its FQDN (option 39) and vendor class (option 16).
    static func solicitMessage(transactionID: UInt32, duid: [UInt8], iaid: UInt32, fqdn: String,
                               vendorEnterprise: UInt32, vendorClass: String, requestedOptions: [UInt16]) -> [UInt8] {
        var m: [UInt8] = [solicit, UInt8(transactionID >> 16 & 0xFF), UInt8(transactionID >> 8 & 0xFF), UInt8(transactionID & 0xFF)]
        m += option(optionElapsedTime, [0, 0])
        m += option(optionClientID, duid)
        var ia: [UInt8] = []
        ia.be32(iaid); ia.be32(0); ia.be32(0)
        m += option(optionIANA, ia)
        // Flags 0: the client will update its own AAAA record (RFC 4704 4.1).
        m += option(optionClientFQDN, [0x00] + DNSName.wire(fqdn))
        var vc: [UInt8] = []
        vc.be32(vendorEnterprise)
        vc.be16(UInt16(vendorClass.utf8.count)); vc.utf8(vendorClass)
        m += option(optionVendorClass, vc)
        var oro: [UInt8] = []
        for o in requestedOptions { oro.be16(o) }
        m += option(optionORO, oro)
        return m
    }
}
