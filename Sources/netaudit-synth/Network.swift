import NetAddress

/// The simulated LAN: stations, a clock and the capture they are written to.
///
/// Every emitter builds byte-exact frames, writes them at the current clock and
/// records what they reveal (addresses, names, roles) on the stations, which is
/// where the truth file comes from.
final class Network {
    var rng: SeededGenerator
    let writer: CaptureWriter
    let startTime: Int64
    private(set) var clock: Int64
    private(set) var firstFrameTime: Int64?
    private(set) var lastFrameTime: Int64?

    private(set) var dhcpServers: [TruthDHCPServer] = []
    var anomalies: [TruthAnomaly] = []
    private(set) var dnsLog: [TruthDNSExchange] = []
    private(set) var tlsLog: [TruthTLSSession] = []

    /// When set, frames are collected here instead of written: the benchmark records
    /// conversations once as templates and replays them many times.
    var recording: [(frame: [UInt8], sender: Station)]?

    init(seed: UInt64, writer: CaptureWriter, startTime: Int64) {
        rng = SeededGenerator(seed: seed)
        self.writer = writer
        self.startTime = startTime
        clock = startTime
    }

    // MARK: time

    /// Moves the clock to `seconds` after the start, if it is not already later.
    func at(seconds: Double) {
        let t = startTime + Int64(seconds * 1_000_000_000)
        if t > clock { clock = t }
    }

    /// Lets `milliseconds` pass, plus up to 10% seeded jitter so the same script varies with the seed.
    func pause(milliseconds: Int) {
        // Recorded templates carry no time: replay stamps them.
        guard recording == nil else { return }
        let base = Int64(milliseconds) * 1_000_000
        clock += base + Int64(rng.below(max(1, milliseconds / 10) * 1000)) * 1000
    }

    /// Lets exactly `microseconds` pass (for regular floods and timers).
    func pause(exactMicroseconds: Int) { clock += Int64(exactMicroseconds) * 1000 }

    // MARK: emission

    /// Writes `frame` from `station` at the current time, then advances the clock by the
    /// frame's time on a 1 Gb/s wire and a short random gap, keeping timestamps strictly increasing.
    func send(_ frame: [UInt8], from station: Station) throws(SynthError) {
        if recording != nil {
            recording!.append((frame, station))
            return
        }
        try writer.write(frame: frame, timestamp: clock)
        station.framesSent += 1
        if station.firstSent == nil { station.firstSent = clock }
        station.lastSent = clock
        if firstFrameTime == nil { firstFrameTime = clock }
        lastFrameTime = clock
        clock += Int64(frame.count * 8) + Int64(20_000 + rng.below(280_000))
    }

    func ethernet(from s: Station, to dst: MACAddress, type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        FrameBuilder.ethernet(dst: dst, src: s.mac, tags: s.tags, etherType: type, payload: payload)
    }

    // MARK: ARP

    func arpRequest(from s: Station, senderIP: IPv4Address, targetIP: IPv4Address) throws(SynthError) {
        s.bind(senderIP)
        let p = FrameBuilder.arp(opcode: 1, senderMAC: s.mac, senderIP: senderIP, targetMAC: .zero, targetIP: targetIP)
        try send(ethernet(from: s, to: .broadcast, type: EtherType.arp, p), from: s)
    }

    func arpReply(from s: Station, senderIP: IPv4Address, to requester: Station, targetIP: IPv4Address) throws(SynthError) {
        s.bind(senderIP)
        let p = FrameBuilder.arp(opcode: 2, senderMAC: s.mac, senderIP: senderIP, targetMAC: requester.mac, targetIP: targetIP)
        try send(ethernet(from: s, to: requester.mac, type: EtherType.arp, p), from: s)
    }

    /// An ARP probe (RFC 5227): sender address zero, asking whether anyone holds `ip`. Claims nothing.
    func arpProbe(from s: Station, ip: IPv4Address) throws(SynthError) {
        let p = FrameBuilder.arp(opcode: 1, senderMAC: s.mac, senderIP: .any, targetMAC: .zero, targetIP: ip)
        try send(ethernet(from: s, to: .broadcast, type: EtherType.arp, p), from: s)
    }

    /// A gratuitous ARP announcement: a broadcast request whose sender and target address are both `ip`.
    func gratuitousARP(from s: Station, ip: IPv4Address) throws(SynthError) {
        s.bind(ip)
        let p = FrameBuilder.arp(opcode: 1, senderMAC: s.mac, senderIP: ip, targetMAC: .zero, targetIP: ip)
        try send(ethernet(from: s, to: .broadcast, type: EtherType.arp, p), from: s)
    }

    /// `requester` asks for `ip` and every station in `owners` answers (more than one is a conflict).
    func arpResolve(_ requester: Station, from requesterIP: IPv4Address, ip: IPv4Address, owners: [Station]) throws(SynthError) {
        try arpRequest(from: requester, senderIP: requesterIP, targetIP: ip)
        for o in owners { try arpReply(from: o, senderIP: ip, to: requester, targetIP: requesterIP) }
    }

    // MARK: IPv4 / IPv6

    func ipv4(from s: Station, toMAC: MACAddress, src: IPv4Address, dst: IPv4Address, protocol proto: UInt8,
              dontFragment: Bool = true, ttl: UInt8? = nil, _ payload: [UInt8]) -> [UInt8] {
        s.bind(src)
        let packet = FrameBuilder.ipv4(src: src, dst: dst, protocol: proto, identification: s.nextIPIdentification(),
                                       ttl: ttl ?? s.ttl, dontFragment: dontFragment, payload: payload)
        return ethernet(from: s, to: toMAC, type: EtherType.ipv4, packet)
    }

    func udp4(from s: Station, toMAC: MACAddress, src: IPv4Address, dst: IPv4Address, sourcePort: UInt16,
              destinationPort: UInt16, ttl: UInt8? = nil, _ payload: [UInt8]) throws(SynthError) {
        let u = FrameBuilder.udp4(src: src, dst: dst, sourcePort: sourcePort, destinationPort: destinationPort, payload: payload)
        try send(ipv4(from: s, toMAC: toMAC, src: src, dst: dst, protocol: IPProtocol.udp, dontFragment: false, ttl: ttl, u), from: s)
    }

    func ipv6(from s: Station, toMAC: MACAddress, src: IPv6Address, dst: IPv6Address, nextHeader: UInt8,
              hopLimit: UInt8? = nil, _ payload: [UInt8]) -> [UInt8] {
        s.bind(src)
        let packet = FrameBuilder.ipv6(src: src, dst: dst, nextHeader: nextHeader, hopLimit: hopLimit ?? s.ttl, payload: payload)
        return ethernet(from: s, to: toMAC, type: EtherType.ipv6, packet)
    }

    func udp6(from s: Station, toMAC: MACAddress, src: IPv6Address, dst: IPv6Address, sourcePort: UInt16,
              destinationPort: UInt16, hopLimit: UInt8? = nil, _ payload: [UInt8]) throws(SynthError) {
        let u = FrameBuilder.udp6(src: src, dst: dst, sourcePort: sourcePort, destinationPort: destinationPort, payload: payload)
        try send(ipv6(from: s, toMAC: toMAC, src: src, dst: dst, nextHeader: IPProtocol.udp, hopLimit: hopLimit, u), from: s)
    }

    /// An ephemeral source port in the IANA dynamic range.
    func ephemeralPort() -> UInt16 { UInt16(49_152 + rng.below(16_384)) }

    /// Counts `n` more acknowledgements from a server already seen (benchmark replays).
    func countReplayedAcks(_ s: Station, _ n: Int) {
        if let i = dhcpServers.firstIndex(where: { $0.mac == s.mac && $0.vlan == s.vlan }) { dhcpServers[i].acks += n }
    }

    func recordDHCPServer(_ s: Station, ip: IPv4Address, offer: Bool, rogue: Bool, at time: Int64) {
        s.roles.insert("dhcp_server")
        // Recorded templates are counted when they are replayed, not when built.
        guard recording == nil else { return }
        if let i = dhcpServers.firstIndex(where: { $0.mac == s.mac && $0.vlan == s.vlan }) {
            if offer { dhcpServers[i].offers += 1 } else { dhcpServers[i].acks += 1 }
        } else {
            dhcpServers.append(TruthDHCPServer(mac: s.mac, vlan: s.vlan, ip: ip, serverIdentifier: ip,
                                               offers: offer ? 1 : 0, acks: offer ? 0 : 1, rogue: rogue,
                                               firstSeen: rfc3339(time)))
        }
    }

    func recordDNS(_ e: TruthDNSExchange) { dnsLog.append(e) }
    func recordTLS(_ t: TruthTLSSession) { tlsLog.append(t) }
}
