/// Passive device inventory: folds decoded frames into one record per (MAC, VLAN)
/// with addresses, names, fingerprints and role hints, each fact with evidence.
///
/// The observer is fed one borrowed frame at a time. Common frames (TCP/UDP bulk)
/// only touch counters in existing records: no allocation on that path. Strings
/// are made only when a new fact is learned (a new hostname, a new DHCP option).
import Capture
import NetAddress
import Packets
import Snapshot

/// Tunables for what counts as a flag-worthy pattern.
public struct InventoryOptions: Sendable {
    /// Distinct source IPs seen in IP headers behind one MAC before it is treated as a router.
    public var routerAddressThreshold = 8
    /// Gratuitous ARPs from one MAC within `garpFloodWindow` that make a flood.
    public var garpFloodCount = 20
    public var garpFloodWindowNanos: Int64 = 10_000_000_000
    /// Upper bound on remembered DNS answers (keeps memory flat on long captures).
    public var maxDNSAnswers = 65_536
    /// Upper bound on hostnames kept per device.
    public var maxHostnamesPerDevice = 32
    public init() {}
}

/// Address-source bits, in the order they are reported.
struct AddressSources: OptionSet {
    let rawValue: UInt8
    static let arp = AddressSources(rawValue: 1)
    static let dhcp = AddressSources(rawValue: 2)
    static let ndp = AddressSources(rawValue: 4)
    static let mdns = AddressSources(rawValue: 8)
    static let nbns = AddressSources(rawValue: 16)
    static let ip = AddressSources(rawValue: 32)
    /// Sources that tie an address to a MAC on the local link by protocol, not by IP header alone.
    static let authoritative: AddressSources = [.arp, .dhcp, .ndp]

    var names: [String] {
        var out: [String] = []
        if contains(.arp) { out.append("arp") }
        if contains(.dhcp) { out.append("dhcp") }
        if contains(.ndp) { out.append("ndp") }
        if contains(.mdns) { out.append("mdns") }
        if contains(.nbns) { out.append("nbns") }
        if contains(.ip) { out.append("ip") }
        return out
    }
}

struct BindingState<A: Hashable> {
    var address: A
    var sources: AddressSources
    var firstSeen: Int64
    var lastSeen: Int64
    var evidence: Evidence
}

struct DeviceState {
    var mac: MACAddress
    var vlan: UInt16
    var firstSeen: Int64
    var lastSeen: Int64
    var packets = 0
    var bytes = 0
    var evidence: Evidence
    var ipv4: [BindingState<IPv4Address>] = []
    var ipv6: [BindingState<IPv6Address>] = []
    /// Index into `ipv4` of the address last matched, so bulk traffic skips the scan.
    var lastIPv4Index = -1
    var ipHeaderOnlyV4 = 0
    var ipHeaderOnlyV6 = 0
    var hostnames: [Hostname] = []
    var dhcp: DHCPClientInfo?
    var lldp: NeighborInfo?
    var cdp: NeighborInfo?
    var roles: Set<Role> = []
    var routerByAddressCount = false
    /// Sent IP packets whose TTL shows they crossed a router: this MAC forwards traffic.
    var forwardsTraffic = false
    var garpWindowStart: Int64 = 0
    var garpCount = 0
    var garpFlood: (count: Int, at: Int64, evidence: Evidence)?
}

struct DHCPServerState {
    var mac: MACAddress
    var vlan: UInt16
    var ip: IPv4Address?
    var serverIdentifier: IPv4Address?
    var offers = 0
    var acks = 0
    var firstSeen: Int64
    var lastSeen: Int64
    var evidence: Evidence
}

/// The passive inventory observer. Not thread-safe: feed it from one reader loop.
public final class InventoryObserver {
    public let options: InventoryOptions
    var devices: [DeviceState] = []
    var index = DeviceIndex()
    /// One-entry cache in front of `index` (a key can never be all ones: MACs are 48 bits).
    var lastKey: UInt64 = .max
    var lastIndex = 0
    var dhcpServers: [UInt64: DHCPServerState] = [:]
    /// (vlan << 32 | ip) → MACs that claimed it as ARP sender, in first-claim order.
    var arpClaims: [UInt64: [MACAddress]] = [:]
    var arpClaimEvidence: [UInt64: (Int64, Evidence)] = [:]
    /// Unicast DNS answers: IPv4 → (name, time, evidence), assigned to devices at the end.
    var dnsAnswers: [UInt32: (String, Int64, Evidence)] = [:]
    var sourceIndex = 0
    var packetNumber = 0
    public private(set) var firstTimestamp: Int64?
    public private(set) var lastTimestamp: Int64?
    /// Frames whose link layer could not be decoded, and frames with damaged IP/ARP headers.
    public private(set) var undecodableFrames = 0
    public private(set) var malformedFrames = 0

    public init(options: InventoryOptions = InventoryOptions()) { self.options = options }

    /// Starts numbering packets for the source at `index` in the snapshot's `sources`.
    public func beginSource(index: Int) {
        sourceIndex = index
        packetNumber = 0
    }

    @inline(__always)
    func evidence(_ proto: String) -> Evidence { Evidence(protocol: proto, source: sourceIndex, packet: packetNumber) }

    /// Folds one frame into the inventory.
    public func observe(_ header: PacketHeader, _ frame: UnsafeRawBufferPointer, linkType: LinkType) {
        packetNumber += 1
        let ts = header.timestamp
        if firstTimestamp == nil { firstTimestamp = ts }
        if lastTimestamp.map({ ts > $0 }) ?? true { lastTimestamp = ts }
        if linkType == .ethernet && observeBulkIPv4(header, frame, ts) { return }
        guard let d = Dissection.decode(frame, linkType: linkType) else {
            undecodableFrames += 1
            return
        }
        let link = d.link
        // 802.11 management frames describe BSSs, not LAN devices: the wireless observer owns them.
        if case .wlanManagement = link.kind { return }
        if case .wlanOther = link.kind { return }
        let vlan = link.vlan
        var sender = -1
        if let src = link.source, src.isUnicastStation {
            sender = device(src, vlan, ts, "eth")
            devices[sender].packets += 1
            devices[sender].bytes += header.originalLength
            if ts > devices[sender].lastSeen { devices[sender].lastSeen = ts }
        }

        switch d.network {
        case .arp(let arp):
            observeARP(arp, link: link, ts: ts)
        case .ipv4(let ip):
            if sender >= 0 && ip.source.isHostAddress {
                if InventoryObserver.isInitialHopLimit(ip.ttl) {
                    bindIPv4Header(sender, ip.source, ts)
                } else if !ip.destination.isMulticast && !ip.destination.isBroadcast {
                    devices[sender].forwardsTraffic = true
                }
            }
            switch d.transport {
            case .udp(let udp): observeUDPv4(udp, ip: ip, link: link, sender: sender, ts: ts)
            default: break
            }
        case .ipv6(let ip):
            if sender >= 0 && ip.source.isHostAddress {
                if InventoryObserver.isInitialHopLimit(ip.hopLimit) || ip.source.isLinkLocal {
                    bindIPv6(sender, ip.source, .ip, ts, "ipv6")
                } else if !ip.destination.isMulticast {
                    devices[sender].forwardsTraffic = true
                }
            }
            switch d.transport {
            case .icmpv6(let icmp): observeICMPv6(icmp, ip: ip, link: link, sender: sender, ts: ts)
            case .udp(let udp): observeUDPv6(udp, ip: ip, sender: sender, ts: ts)
            default: break
            }
        case .lldp(let payload):
            if sender >= 0, let lldp = LLDPFrame(payload) { observeLLDP(lldp, sender: sender, ts: ts) }
        case .cdp(let payload):
            if sender >= 0, let cdp = CDPFrame(payload) { observeCDP(cdp, sender: sender, ts: ts) }
        case .malformed:
            malformedFrames += 1
        case .other:
            break
        }
    }

    /// Fast path for the bulk of any capture: Ethernet (optionally one 802.1Q tag) carrying
    /// IPv4 TCP, or UDP on a port no decoder here cares about. Such a frame can only update
    /// counters and the source binding, so it is handled straight from the bytes without building
    /// a `Dissection` (whose struct copies were ~14% of the loop). Returns false to fall back
    /// to the full decode.
    @inline(__always)
    func observeBulkIPv4(_ header: PacketHeader, _ f: UnsafeRawBufferPointer, _ ts: Int64) -> Bool {
        guard f.count >= 42 else { return false }
        var type = f.be16(12)
        var ip = 14
        var vlan: UInt16 = 0
        if type == EtherType.vlan {
            vlan = f.be16(14) & 0x0FFF
            type = f.be16(16)
            ip = 18
        }
        guard type == EtherType.ipv4, f.count >= ip + 28, f[ip] == 0x45 else { return false }
        let proto = f[ip + 9]
        if proto == IPProtocol.udp {
            let sp = f.be16(ip + 20), dp = f.be16(ip + 22)
            if InventoryObserver.udpPortOfInterest(sp) || InventoryObserver.udpPortOfInterest(dp) { return false }
        } else if proto != IPProtocol.tcp {
            return false
        }
        let src = MACAddress(bytes: f, at: 6)
        guard src.isUnicastStation else { return true }
        let i = device(src, vlan, ts, "eth")
        devices[i].packets += 1
        devices[i].bytes += header.originalLength
        if ts > devices[i].lastSeen { devices[i].lastSeen = ts }
        let source = IPv4Address(bytes: f, at: ip + 12)
        if source.isHostAddress {
            if InventoryObserver.isInitialHopLimit(f[ip + 8]) {
                bindIPv4Header(i, source, ts)
            } else if f[ip + 16] < 224 {   // unicast destination: multicast is not routed here
                devices[i].forwardsTraffic = true
            }
        }
        return true
    }

    @inline(__always)
    static func udpPortOfInterest(_ p: UInt16) -> Bool {
        p == 53 || p == 67 || p == 68 || p == 137 || p == 546 || p == 547 || p == 5353
    }

    // MARK: - Devices and bindings

    /// Operating systems start TTL / hop limit at one of these (1 for link-scoped IGMP/MLD);
    /// a packet that still carries one was sent on this link. A unicast packet with anything else
    /// was decremented by a router, so its source belongs to a remote host and only says that the
    /// sending MAC forwards traffic (the reasoning p0f uses).
    @inline(__always)
    static func isInitialHopLimit(_ ttl: UInt8) -> Bool { ttl == 64 || ttl == 128 || ttl == 255 || ttl == 32 || ttl == 1 }

    @inline(__always)
    func device(_ mac: MACAddress, _ vlan: UInt16, _ ts: Int64, _ proto: String) -> Int {
        let key = mac.rawValue | UInt64(vlan) << 48
        // Consecutive frames usually come from the same station (bulk transfers): skip the hash.
        if key == lastKey { return lastIndex }
        if let i = index.find(key) {
            lastKey = key
            lastIndex = i
            return i
        }
        let i = devices.count
        devices.append(DeviceState(mac: mac, vlan: vlan, firstSeen: ts, lastSeen: ts, evidence: evidence(proto)))
        index.insert(key, i)
        return i
    }

    /// IPv4 source seen in an IP header: cheap path for bulk traffic.
    @inline(__always)
    func bindIPv4Header(_ i: Int, _ addr: IPv4Address, _ ts: Int64) {
        let cached = devices[i].lastIPv4Index
        if cached >= 0 && devices[i].ipv4[cached].address == addr {
            if ts > devices[i].ipv4[cached].lastSeen { devices[i].ipv4[cached].lastSeen = ts }
            return
        }
        bindIPv4(i, addr, .ip, ts, "ipv4")
    }

    func bindIPv4(_ i: Int, _ addr: IPv4Address, _ source: AddressSources, _ ts: Int64, _ proto: String) {
        if let k = devices[i].ipv4.firstIndex(where: { $0.address == addr }) {
            devices[i].ipv4[k].sources.insert(source)
            if ts > devices[i].ipv4[k].lastSeen { devices[i].ipv4[k].lastSeen = ts }
            if ts < devices[i].ipv4[k].firstSeen { devices[i].ipv4[k].firstSeen = ts }
            devices[i].lastIPv4Index = k
            return
        }
        if source == .ip {
            devices[i].ipHeaderOnlyV4 += 1
            if devices[i].ipHeaderOnlyV4 > options.routerAddressThreshold {
                devices[i].routerByAddressCount = true
                return
            }
        }
        devices[i].ipv4.append(BindingState(address: addr, sources: source, firstSeen: ts, lastSeen: ts, evidence: evidence(proto)))
        devices[i].lastIPv4Index = devices[i].ipv4.count - 1
    }

    func bindIPv6(_ i: Int, _ addr: IPv6Address, _ source: AddressSources, _ ts: Int64, _ proto: String) {
        if let k = devices[i].ipv6.firstIndex(where: { $0.address == addr }) {
            devices[i].ipv6[k].sources.insert(source)
            if ts > devices[i].ipv6[k].lastSeen { devices[i].ipv6[k].lastSeen = ts }
            return
        }
        if source == .ip && !addr.isLinkLocal {
            devices[i].ipHeaderOnlyV6 += 1
            if devices[i].ipHeaderOnlyV6 > options.routerAddressThreshold {
                devices[i].routerByAddressCount = true
                return
            }
        }
        devices[i].ipv6.append(BindingState(address: addr, sources: source, firstSeen: ts, lastSeen: ts, evidence: evidence(proto)))
    }

    func addHostname(_ i: Int, _ name: String, source: String, _ ts: Int64, proto: String) {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        guard !trimmed.isEmpty, trimmed != "." else { return }
        let lower = trimmed.lowercased()
        if devices[i].hostnames.contains(where: { $0.source == source && $0.name.lowercased() == lower }) { return }
        guard devices[i].hostnames.count < options.maxHostnamesPerDevice else { return }
        devices[i].hostnames.append(Hostname(name: trimmed, source: source, firstSeen: Timestamp(nanoseconds: ts), evidence: evidence(proto)))
    }
}

extension InventoryObserver: FrameObserver {}
