import NetAddress

/// One station on the LAN, keyed by (MAC, VLAN).
public struct Device: Codable, Sendable, Equatable {
    public var mac: MACAddress
    /// Innermost 802.1Q VLAN id, or nil when the frames were untagged.
    public var vlan: Int?
    /// Organisation name from the IEEE registry, nil when unknown or randomized.
    public var vendor: String?
    /// Locally administered address (e.g. a phone's private Wi-Fi MAC).
    public var randomized: Bool
    public var ipv4: [AddressBinding<IPv4Address>]
    public var ipv6: [AddressBinding<IPv6Address>]
    public var hostnames: [Hostname]
    public var dhcp: DHCPClientInfo?
    public var lldp: NeighborInfo?
    public var cdp: NeighborInfo?
    public var roles: [Role]
    /// Services found by active checks (later issues); empty from passive capture.
    public var services: [Service]
    /// What an active port check found NOT open on this device (closed, filtered), per transport and
    /// method; nil (omitted from JSON) when no active check ran. Open ports are in `services`.
    public var portChecks: [PortCheck]?
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    public var packets: Int
    public var bytes: Int
    public var evidence: Evidence?

    public init(mac: MACAddress, vlan: Int?, vendor: String? = nil, randomized: Bool = false,
                ipv4: [AddressBinding<IPv4Address>] = [], ipv6: [AddressBinding<IPv6Address>] = [],
                hostnames: [Hostname] = [], dhcp: DHCPClientInfo? = nil, lldp: NeighborInfo? = nil,
                cdp: NeighborInfo? = nil, roles: [Role] = [], services: [Service] = [],
                firstSeen: Timestamp, lastSeen: Timestamp, packets: Int = 0, bytes: Int = 0, evidence: Evidence? = nil,
                portChecks: [PortCheck]? = nil) {
        self.mac = mac; self.vlan = vlan; self.vendor = vendor; self.randomized = randomized
        self.ipv4 = ipv4; self.ipv6 = ipv6; self.hostnames = hostnames; self.dhcp = dhcp
        self.lldp = lldp; self.cdp = cdp; self.roles = roles; self.services = services
        self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.packets = packets; self.bytes = bytes
        self.evidence = evidence
        self.portChecks = portChecks
    }

    enum CodingKeys: String, CodingKey {
        case mac, vlan, vendor, randomized, ipv4, ipv6, hostnames, dhcp, lldp, cdp, roles, services
        case firstSeen = "first_seen", lastSeen = "last_seen", packets, bytes, evidence
        case portChecks = "port_checks"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mac = try c.decode(MACAddress.self, forKey: .mac)
        vlan = try c.decodeIfPresent(Int.self, forKey: .vlan)
        vendor = try c.decodeIfPresent(String.self, forKey: .vendor)
        randomized = try c.decodeIfPresent(Bool.self, forKey: .randomized) ?? mac.isLocallyAdministered
        ipv4 = try c.decodeIfPresent([AddressBinding<IPv4Address>].self, forKey: .ipv4) ?? []
        ipv6 = try c.decodeIfPresent([AddressBinding<IPv6Address>].self, forKey: .ipv6) ?? []
        hostnames = try c.decodeIfPresent([Hostname].self, forKey: .hostnames) ?? []
        dhcp = try c.decodeIfPresent(DHCPClientInfo.self, forKey: .dhcp)
        lldp = try c.decodeIfPresent(NeighborInfo.self, forKey: .lldp)
        cdp = try c.decodeIfPresent(NeighborInfo.self, forKey: .cdp)
        roles = try c.decodeIfPresent([Role].self, forKey: .roles) ?? []
        services = try c.decodeIfPresent([Service].self, forKey: .services) ?? []
        firstSeen = try c.decode(Timestamp.self, forKey: .firstSeen)
        lastSeen = try c.decode(Timestamp.self, forKey: .lastSeen)
        packets = try c.decodeIfPresent(Int.self, forKey: .packets) ?? 0
        bytes = try c.decodeIfPresent(Int.self, forKey: .bytes) ?? 0
        evidence = try c.decodeIfPresent(Evidence.self, forKey: .evidence)
        portChecks = try c.decodeIfPresent([PortCheck].self, forKey: .portChecks)
    }

    /// All IPv4 addresses, in first-seen order.
    public var ipv4Addresses: [IPv4Address] { ipv4.map(\.address) }
}

/// An address a device used, how we know, and when.
public struct AddressBinding<Address: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var address: Address
    /// Protocols that tied this address to the MAC: arp, dhcp, ndp, mdns, ip, lldp, cdp, probe.
    public var sources: [String]
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    public var evidence: Evidence?

    public init(address: Address, sources: [String], firstSeen: Timestamp, lastSeen: Timestamp, evidence: Evidence? = nil) {
        self.address = address; self.sources = sources; self.firstSeen = firstSeen; self.lastSeen = lastSeen
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey { case address, sources, firstSeen = "first_seen", lastSeen = "last_seen", evidence }
}

public struct Hostname: Codable, Sendable, Equatable {
    /// dhcp, dhcpv6, mdns, nbns, lldp, cdp, dns
    public var name: String
    public var source: String
    public var firstSeen: Timestamp
    public var evidence: Evidence?
    public init(name: String, source: String, firstSeen: Timestamp, evidence: Evidence? = nil) {
        self.name = name; self.source = source; self.firstSeen = firstSeen; self.evidence = evidence
    }
    enum CodingKeys: String, CodingKey { case name, source, firstSeen = "first_seen", evidence }
}

/// What a DHCP client said about itself: a passive OS/device fingerprint.
public struct DHCPClientInfo: Codable, Sendable, Equatable {
    /// Option 55 parameter request list, comma-separated decimal codes (the Fingerbank form).
    public var fingerprint: String?
    /// Option 60 vendor class identifier.
    public var vendorClass: String?
    /// Option 61 client identifier, hex.
    public var clientID: String?
    /// DHCPv6 DUID, hex.
    public var duid: String?
    /// DHCPv6 vendor class (option 16) enterprise number and data.
    public var v6VendorClass: String?
    public init(fingerprint: String? = nil, vendorClass: String? = nil, clientID: String? = nil, duid: String? = nil, v6VendorClass: String? = nil) {
        self.fingerprint = fingerprint; self.vendorClass = vendorClass; self.clientID = clientID
        self.duid = duid; self.v6VendorClass = v6VendorClass
    }
    enum CodingKeys: String, CodingKey {
        case fingerprint, vendorClass = "vendor_class", clientID = "client_id", duid, v6VendorClass = "v6_vendor_class"
    }
}

/// What an LLDP or CDP speaker announced about itself.
public struct NeighborInfo: Codable, Sendable, Equatable {
    public var chassisID: String?
    public var portID: String?
    public var portDescription: String?
    public var systemName: String?
    public var systemDescription: String?
    /// CDP platform string.
    public var platform: String?
    public var capabilities: [String]
    public var managementAddresses: [String]
    public init(chassisID: String? = nil, portID: String? = nil, portDescription: String? = nil, systemName: String? = nil,
                systemDescription: String? = nil, platform: String? = nil, capabilities: [String] = [], managementAddresses: [String] = []) {
        self.chassisID = chassisID; self.portID = portID; self.portDescription = portDescription
        self.systemName = systemName; self.systemDescription = systemDescription; self.platform = platform
        self.capabilities = capabilities; self.managementAddresses = managementAddresses
    }
    enum CodingKeys: String, CodingKey {
        case chassisID = "chassis_id", portID = "port_id", portDescription = "port_description"
        case systemName = "system_name", systemDescription = "system_description", platform, capabilities
        case managementAddresses = "management_addresses"
    }
}

/// A role hint derived from behaviour, never from policy.
public enum Role: String, Codable, Sendable, Comparable {
    /// Many IP sources behind one MAC, or a source of IPv6 router advertisements.
    case router
    /// Sent DHCP offers or acks.
    case dhcpServer = "dhcp_server"
    /// Spoke LLDP or CDP (a bridge or switch, or an LLDP-enabled host).
    case `switch`
    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// An open service found by an active check (filled in by later issues).
public struct Service: Codable, Sendable, Equatable {
    public var port: Int
    public var transport: String
    public var state: String
    public var banner: String?
    public init(port: Int, transport: String, state: String, banner: String? = nil) {
        self.port = port; self.transport = transport; self.state = state; self.banner = banner
    }
}

/// The ports one active check found closed (refused: RST) or filtered (no answer after the retries, or an
/// ICMP error) on one device, as port lists `21,23,25-79` (ranges keep a 100-port check small).
public struct PortCheck: Codable, Sendable, Equatable {
    /// `tcp` (later `udp`).
    public var transport: String
    /// `syn` (raw SYN scan) or `connect`.
    public var method: String
    public var closed: String
    public var filtered: String
    public init(transport: String, method: String, closed: String, filtered: String) {
        self.transport = transport; self.method = method; self.closed = closed; self.filtered = filtered
    }

    /// `[21, 22, 23, 25, 80]` → `21-23,25,80`.
    public static func compress(_ ports: [Int]) -> String {
        var out: [String] = []
        var i = 0
        let p = Array(Set(ports)).sorted()
        while i < p.count {
            var j = i
            while j + 1 < p.count && p[j + 1] == p[j] + 1 { j += 1 }
            out.append(j > i ? "\(p[i])-\(p[j])" : "\(p[i])")
            i = j + 1
        }
        return out.joined(separator: ",")
    }
}

/// A server that answered DHCP on the segment. More than one is a finding for the audit.
public struct DHCPServer: Codable, Sendable, Equatable {
    public var mac: MACAddress
    public var vlan: Int?
    public var ip: IPv4Address?
    /// Option 54 server identifier as announced.
    public var serverIdentifier: IPv4Address?
    public var offers: Int
    public var acks: Int
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    public var evidence: Evidence?
    public init(mac: MACAddress, vlan: Int?, ip: IPv4Address?, serverIdentifier: IPv4Address?, offers: Int, acks: Int,
                firstSeen: Timestamp, lastSeen: Timestamp, evidence: Evidence?) {
        self.mac = mac; self.vlan = vlan; self.ip = ip; self.serverIdentifier = serverIdentifier
        self.offers = offers; self.acks = acks; self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.evidence = evidence
    }
    enum CodingKeys: String, CodingKey {
        case mac, vlan, ip, serverIdentifier = "server_identifier", offers, acks
        case firstSeen = "first_seen", lastSeen = "last_seen", evidence
    }
}

/// A LAN-level fact worth flagging as soon as it is seen (not yet a policy finding).
public struct Anomaly: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// One IP claimed by several MACs (spoofing or a conflict).
        case ipConflict = "ip_conflict"
        /// A MAC whose IPv4 address changed.
        case ipChanged = "ip_changed"
        /// Many gratuitous ARPs from one MAC in a short time.
        case gratuitousARPFlood = "gratuitous_arp_flood"
        /// More than one DHCP server answered on one VLAN.
        case multipleDHCPServers = "multiple_dhcp_servers"
    }
    public var kind: Kind
    public var vlan: Int?
    public var ip: String?
    public var macs: [MACAddress]
    public var count: Int?
    public var message: String
    public var firstSeen: Timestamp
    public var evidence: Evidence?
    public init(kind: Kind, vlan: Int?, ip: String?, macs: [MACAddress], count: Int? = nil, message: String,
                firstSeen: Timestamp, evidence: Evidence?) {
        self.kind = kind; self.vlan = vlan; self.ip = ip; self.macs = macs; self.count = count
        self.message = message; self.firstSeen = firstSeen; self.evidence = evidence
    }
    enum CodingKeys: String, CodingKey { case kind, vlan, ip, macs, count, message, firstSeen = "first_seen", evidence }
}
