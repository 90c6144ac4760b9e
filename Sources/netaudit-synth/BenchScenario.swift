import NetAddress

/// A large mixed capture for `make bench`: mostly full-size TCP bulk segments,
/// interleaved with ARP, DHCP, DNS, mDNS, NBNS, LLDP, CDP, IPv6 RA and TLS
/// handshakes, from a fixed population of `devices` stations on four segments
/// (untagged, VLAN 100, VLAN 200 and QinQ 3000/300).
///
/// The population depends only on the seed and the device count, never on the
/// requested size, so the inventory's state (and RSS) is the same for a 256 MB
/// and a 1 GB file. Everything a device reveals is written once in the
/// introduction; the rest replays prebuilt frames with fields patched in place:
/// no allocation per packet, only per TCP flow.
struct BenchScenario {
    static let minimumDevices = 16
    static let maximumDevices = 6000
    static let startTime = OfficeScenario.startTime
    static let bulkPort: UInt16 = 5201
    static let concurrentFlows = 32
    /// Bulk steps (two data segments and an ACK) between two control conversations.
    static let bulkStepsPerRound = 6
    static let domain = "bench.example"

    let seed: UInt64
    let deviceCount: Int
    let targetBytes: Int

    private struct Segment {
        var tags: [VLANTag]
        var base: IPv4Address
        var weight: Int
        var router: Station
        var gateway: IPv4Address
        var lanSwitch: Station
        var servers: [(station: Station, ip: IPv4Address, certificate: [UInt8], name: String)] = []
        var dhcp: DHCPServerProfile
        var routerLL: IPv6Address
        var prefix: IPv6Address
        var neighbor: NeighborAnnouncement
        var routerInfo: NeighborAnnouncement
    }

    private enum ClientKind { case windows, mac, iphone, android, printer, pi }

    private struct Client {
        var station: Station
        var kind: ClientKind
        var segment: Int
        var ip: IPv4Address
        var profile: DHCPClientProfile
        var events: [Int] = []
    }

    private struct BulkFlow {
        var sender = 0, receiver = 0
        var senderIP = IPv4Address.any, receiverIP = IPv4Address.any
        var senderPort: UInt16 = 0, receiverPort: UInt16 = 0
        var senderMAC = MACAddress.zero, receiverMAC = MACAddress.zero
        var tags: [VLANTag] = []
        var senderTTL: UInt8 = 64, receiverTTL: UInt8 = 64
        var senderIsClient = true
        var senderSeq: UInt32 = 0, receiverSeq: UInt32 = 0
        var senderID: UInt16 = 0, receiverID: UInt16 = 0
        var remaining = 0
        var dataLength = 0, ackLength = 0
        var l3 = 14
        var dataCheckIP: UInt16 = 0, dataCheckTCP: UInt16 = 0, ackCheckIP: UInt16 = 0, ackCheckTCP: UInt16 = 0
    }

    func run(writer: CaptureWriter, format: CaptureFormat) throws(SynthError) -> Truth {
        let net = Network(seed: seed, writer: writer, startTime: Self.startTime)
        var macs = MACAllocator()
        var stations: [Station] = []
        var index: [ObjectIdentifier: Int] = [:]
        func register(_ s: Station) -> Station {
            index[ObjectIdentifier(s)] = stations.count
            stations.append(s)
            return s
        }
        func station(_ key: String, _ summary: String, _ vendor: Vendor, ttl: UInt8, tags: [VLANTag]) -> Station {
            register(Station(key: key, summary: summary, mac: macs.next(vendor: vendor, rng: &net.rng), tags: tags,
                             vendor: vendor, ttl: ttl, ipIdentification: net.rng.u16()))
        }

        // MARK: population
        let specs: [(tags: [VLANTag], base: IPv4Address, weight: Int)] = [
            ([], IPv4Address(198, 18, 64, 0), 55),
            ([VLANTag(vid: 100)], IPv4Address(198, 18, 80, 0), 20),
            ([VLANTag(vid: 200)], IPv4Address(198, 18, 96, 0), 15),
            ([VLANTag(tpid: 0x88A8, vid: 3000), VLANTag(vid: 300)], IPv4Address(198, 18, 112, 0), 10),
        ]
        var segments: [Segment] = []
        for (i, spec) in specs.enumerated() {
            let name = spec.tags.last.map { "vlan\($0.vid)" } ?? "untagged"
            let router = station("router-\(name)", "Cisco Catalyst gateway and DHCP server for \(name)", Vendors.ciscoRouter,
                                 ttl: 255, tags: spec.tags)
            let sw = station("switch-\(name)", "HPE Aruba access switch on \(name)", Vendors.hpe, ttl: 64, tags: spec.tags)
            let gw = spec.base.advanced(by: 1)
            let prefix = IPv6Address(high: 0x2001_0002_0000_0100 | UInt64(i), low: 0)
            segments.append(Segment(
                tags: spec.tags, base: spec.base, weight: spec.weight, router: router, gateway: gw, lanSwitch: sw,
                dhcp: DHCPServerProfile(station: router, address: gw, subnetMask: IPv4Address(255, 255, 240, 0), router: gw, dns: gw,
                                        domain: Self.domain, leaseSeconds: 28_800, broadcastReplies: false, rogue: false),
                routerLL: IPv6Address.linkLocal(IPv6Address.eui64(router.mac)), prefix: prefix,
                neighbor: NeighborAnnouncement(chassisMAC: sw.mac, portID: "1/1/48", portDescription: "uplink",
                                               systemName: "sw-bench-\(name)", systemDescription: "Aruba JL356A 2540-48G-4SFP+ Switch",
                                               capabilities: ["bridge"], managementAddress: spec.base.advanced(by: 2),
                                               portVLAN: spec.tags.last?.vid ?? 1, ifIndex: 48),
                routerInfo: NeighborAnnouncement(chassisMAC: router.mac, portID: "TenGigabitEthernet1/0/1", portDescription: "uplink",
                                                 systemName: "gw-bench-\(name)", systemDescription: "Cisco IOS XE Software, Version 17.09.04a",
                                                 capabilities: ["router", "switch"], managementAddress: gw,
                                                 platform: "cisco C9300-48P", portVLAN: spec.tags.last?.vid ?? 1, ifIndex: 1)))
        }

        let serverCount = max(segments.count, deviceCount / 40)
        let clientCount = deviceCount - 2 * segments.count - serverCount
        for k in 0..<serverCount {
            let seg = k % segments.count
            let number = segments[seg].servers.count + 1
            let vendor = k % 2 == 0 ? Vendors.fujitsu : Vendors.dell
            let name = "files-\(seg)-\(number).\(Self.domain)"
            let s = station("server-\(seg)-\(number)", "File and web server \(name)", vendor, ttl: 64, tags: segments[seg].tags)
            let cert = CertificateProfile(serial: net.rng.next() >> 1, commonName: name, organization: "Bench Example K.K.",
                                          country: "JP", dnsNames: [name], notBefore: "260101000000Z", notAfter: "271231235959Z").der()
            segments[seg].servers.append((s, segments[seg].base.advanced(by: 9 + number), cert, name))
        }

        var clients: [Client] = []
        var nextHost = [Int](repeating: 100, count: segments.count)
        let departments = ["SOUMU", "EIGYO", "KEIRI", "JINJI", "KAIHATU"]
        let pcVendors = [Vendors.dell, Vendors.lenovo, Vendors.fujitsuClient, Vendors.nec, Vendors.hpInc]
        for n in 1...max(1, clientCount) where clientCount > 0 {
            var roll = net.rng.below(100), seg = 0
            while roll >= segments[seg].weight { roll -= segments[seg].weight; seg += 1 }
            let kindRoll = net.rng.below(100)
            let kind: ClientKind = kindRoll < 55 ? .windows : kindRoll < 68 ? .mac : kindRoll < 76 ? .iphone
                : kindRoll < 82 ? .android : kindRoll < 90 ? .printer : .pi
            let tags = segments[seg].tags
            let ip = segments[seg].base.advanced(by: nextHost[seg])
            nextHost[seg] += 1
            let tag = String(format4(n))
            let s: Station
            let profile: DHCPClientProfile
            switch kind {
            case .windows:
                let name = "\(departments[n % departments.count])-PC\(tag)"
                s = station("client-\(tag)", "Windows PC", pcVendors[net.rng.below(pcVendors.count)], ttl: 128, tags: tags)
                profile = .windows(hostname: name, domain: Self.domain, mac: s.mac)
            case .mac:
                s = station("client-\(tag)", "Mac", Vendors.apple, ttl: 64, tags: tags)
                profile = .macOS(hostname: "MacBook-Pro-\(tag)", mac: s.mac)
            case .iphone, .android:
                s = register(Station(key: "client-\(tag)", summary: kind == .iphone ? "iPhone, private address" : "Android phone, randomized address",
                                     mac: macs.nextRandomized(rng: &net.rng), tags: tags, vendor: nil, ttl: 64, ipIdentification: net.rng.u16()))
                profile = kind == .iphone ? .iOS(hostname: "iPhone-\(tag)", mac: s.mac) : .android(hostname: "Android-\(tag)", mac: s.mac)
            case .printer:
                s = station("client-\(tag)", "Network printer", Vendors.brother, ttl: 64, tags: tags)
                profile = .brotherPrinter(hostname: "BRN" + hexString(DHCPClientProfile.macBytes(s.mac)).uppercased(), mac: s.mac)
            case .pi:
                s = station("client-\(tag)", "Raspberry Pi sensor", Vendors.raspberryPi, ttl: 64, tags: tags)
                profile = .dhcpcd(hostname: "sensor-\(tag)", domain: Self.domain, mac: s.mac,
                                  duid: DHCPv6.duidLLT(time: 0x2C00_0000 | UInt32(n), mac: s.mac))
            }
            clients.append(Client(station: s, kind: kind, segment: seg, ip: ip, profile: profile))
        }
        precondition(stations.count == deviceCount, "population does not add up")

        // MARK: introduction, written as it happens
        for seg in segments {
            try net.lldpAnnounce(from: seg.lanSwitch, seg.neighbor)
            try net.cdpAnnounce(from: seg.router, seg.routerInfo)
            try net.routerAdvertisement(from: seg.router, linkLocal: seg.routerLL, prefix: seg.prefix, managed: false, other: true)
            for srv in seg.servers { try net.gratuitousARP(from: srv.station, ip: srv.ip) }
        }
        for c in clients {
            let seg = segments[c.segment]
            try net.dhcpLease(client: c.station, profile: c.profile, chosen: seg.dhcp, address: c.ip)
            try net.arpProbe(from: c.station, ip: c.ip)
            try net.gratuitousARP(from: c.station, ip: c.ip)
            switch c.kind {
            case .windows:
                try net.nbnsRegister(from: c.station, name: c.profile.hostname!, address: c.ip,
                                     broadcast: IPv4Address(rawValue: seg.base.rawValue | 0xFFF))
            case .mac, .printer, .pi:
                try net.mdnsAnnounce(from: c.station, ipv4Source: c.ip, host: c.profile.hostname!, addresses: [c.ip])
            case .iphone, .android:
                break
            }
        }

        // MARK: templates, recorded once and replayed
        let store = TemplateStore()
        func record(_ client: Station?, dhcpServer: Station? = nil, _ body: () throws(SynthError) -> Void) throws(SynthError) -> Int {
            net.recording = []
            try body()
            let recorded = net.recording!
            net.recording = nil
            return store.add(recorded, index: index, patchPortOf: client,
                             dhcpAckServer: dhcpServer.flatMap { index[ObjectIdentifier($0)] } ?? -1)
        }
        var infrastructureEvents: [Int] = []
        for seg in segments {
            infrastructureEvents.append(try record(nil) { () throws(SynthError) in try net.lldpAnnounce(from: seg.lanSwitch, seg.neighbor) })
            infrastructureEvents.append(try record(nil) { () throws(SynthError) in try net.cdpAnnounce(from: seg.router, seg.routerInfo) })
            infrastructureEvents.append(try record(nil) { () throws(SynthError) in
                try net.routerAdvertisement(from: seg.router, linkLocal: seg.routerLL, prefix: seg.prefix, managed: false, other: true)
            })
        }
        for i in clients.indices {
            let c = clients[i]
            let seg = segments[c.segment]
            let server = seg.servers[net.rng.below(seg.servers.count)]
            var events: [Int] = []
            events.append(try record(nil) { () throws(SynthError) in
                try net.arpResolve(c.station, from: c.ip, ip: seg.gateway, owners: [seg.router])
            })
            events.append(try record(nil, dhcpServer: seg.router) { () throws(SynthError) in
                try net.dhcpRenew(client: c.station, profile: c.profile, address: c.ip, server: seg.dhcp)
            })
            switch c.kind {
            case .windows, .mac, .iphone, .android:
                events.append(try record(c.station) { () throws(SynthError) in
                    try net.dnsLookup(client: c.station, clientIP: c.ip, server: seg.router, serverIP: seg.gateway, name: server.name,
                                      type: DNSType.a, answers: [.a(server.ip)])
                })
                events.append(try record(c.station) { () throws(SynthError) in
                    try net.tlsSession(client: c.station, clientIP: c.ip, server: server.station, serverIP: server.ip,
                                       serverName: server.name, certificate: server.certificate, subject: "CN=\(server.name)")
                })
            case .printer, .pi:
                break
            }
            switch c.kind {
            case .windows:
                events.append(try record(nil) { () throws(SynthError) in
                    try net.nbnsRegister(from: c.station, name: c.profile.hostname!, address: c.ip,
                                         broadcast: IPv4Address(rawValue: seg.base.rawValue | 0xFFF))
                })
            case .mac, .printer, .pi:
                events.append(try record(nil) { () throws(SynthError) in
                    try net.mdnsAnnounce(from: c.station, ipv4Source: c.ip, host: c.profile.hostname!, addresses: [c.ip])
                })
            case .iphone, .android:
                break
            }
            clients[i].events = events
        }
        store.seal()
        let templateBase = store.base!

        // MARK: replay
        var clock = net.clock
        var framesSent = [Int](repeating: 0, count: stations.count)
        var lastSent = [Int64](repeating: 0, count: stations.count)
        var acksReplayed = [Int](repeating: 0, count: stations.count)
        let slotSize = 2048
        let flowBuffers = UnsafeMutableRawPointer.allocate(byteCount: Self.concurrentFlows * 2 * slotSize, alignment: 16)
        defer { flowBuffers.deallocate() }
        var flows = [BulkFlow](repeating: BulkFlow(), count: Self.concurrentFlows)
        let bulkCandidates = clients.indices.filter { clients[$0].kind != .printer }
        precondition(!bulkCandidates.isEmpty, "no client can take part in bulk transfers")

        func emit(_ frame: [UInt8], sender: Int) throws(SynthError) {
            try writer.write(frame: frame, timestamp: clock)
            framesSent[sender] += 1
            lastSent[sender] = clock
            clock += Int64(frame.count * 8 + 2_000)
        }

        /// TCP timestamps option (kind 8), unpadded.
        func timestamp(_ val: UInt32, _ ecr: UInt32) -> [UInt8] {
            var o: [UInt8] = [8, 10]
            o.be32(val); o.be32(ecr)
            return o
        }
        /// NOP, NOP, timestamps: how Linux pads it on every segment after the handshake.
        func timestampOption(_ val: UInt32, _ ecr: UInt32) -> [UInt8] { [1, 1] + timestamp(val, ecr) }
        /// Linux SYN options: MSS 1460, SACK permitted, timestamps, NOP, window scale 7 (20 bytes).
        func synOptions(_ val: UInt32, _ ecr: UInt32) -> [UInt8] { [2, 4, 0x05, 0xB4, 4, 2] + timestamp(val, ecr) + [1, 3, 3, 7] }
        func tsNow() -> UInt32 { UInt32(truncatingIfNeeded: (clock - Self.startTime) / 1_000_000) }

        func flowFrame(_ f: BulkFlow, fromSender: Bool, seq: UInt32, ack: UInt32, flags: FrameBuilder.TCPFlags,
                       options: [UInt8], payload: [UInt8] = [], id: UInt16) -> [UInt8] {
            let (sip, dip) = fromSender ? (f.senderIP, f.receiverIP) : (f.receiverIP, f.senderIP)
            let (sp, dp) = fromSender ? (f.senderPort, f.receiverPort) : (f.receiverPort, f.senderPort)
            let t = FrameBuilder.tcp4(src: sip, dst: dip, sourcePort: sp, destinationPort: dp, sequence: seq, acknowledgment: ack,
                                      flags: flags, window: flags.contains(.syn) ? 64_240 : 501, options: options, payload: payload)
            let ip = FrameBuilder.ipv4(src: sip, dst: dip, protocol: IPProtocol.tcp, identification: id,
                                       ttl: fromSender ? f.senderTTL : f.receiverTTL, dontFragment: true, payload: t)
            return FrameBuilder.ethernet(dst: fromSender ? f.receiverMAC : f.senderMAC, src: fromSender ? f.senderMAC : f.receiverMAC,
                                         tags: f.tags, etherType: EtherType.ipv4, payload: ip)
        }

        /// Opens a new flow in `slot` with a handshake and builds its two templates.
        func openFlow(_ slot: Int) throws(SynthError) {
            let c = clients[bulkCandidates[net.rng.below(bulkCandidates.count)]]
            let seg = segments[c.segment]
            let server = seg.servers[net.rng.below(seg.servers.count)]
            let serverIndex = index[ObjectIdentifier(server.station)]!, clientIndex = index[ObjectIdentifier(c.station)]!
            let upload = net.rng.below(100) < 30
            var f = BulkFlow()
            f.tags = seg.tags
            f.l3 = 14 + 4 * seg.tags.count
            let clientPort = net.ephemeralPort()
            if upload {
                (f.sender, f.receiver, f.senderIP, f.receiverIP) = (clientIndex, serverIndex, c.ip, server.ip)
                (f.senderPort, f.receiverPort, f.senderMAC, f.receiverMAC) = (clientPort, Self.bulkPort, c.station.mac, server.station.mac)
                (f.senderTTL, f.receiverTTL, f.senderIsClient) = (c.station.ttl, server.station.ttl, true)
            } else {
                (f.sender, f.receiver, f.senderIP, f.receiverIP) = (serverIndex, clientIndex, server.ip, c.ip)
                (f.senderPort, f.receiverPort, f.senderMAC, f.receiverMAC) = (Self.bulkPort, clientPort, server.station.mac, c.station.mac)
                (f.senderTTL, f.receiverTTL, f.senderIsClient) = (server.station.ttl, c.station.ttl, false)
            }
            f.senderID = net.rng.u16(); f.receiverID = net.rng.u16()
            let clientISN = net.rng.u32(), serverISN = net.rng.u32()
            let clientIsSender = f.senderIsClient
            try emit(flowFrame(f, fromSender: clientIsSender, seq: clientISN, ack: 0, flags: .syn, options: synOptions(tsNow(), 0), id: 0),
                     sender: clientIndex)
            try emit(flowFrame(f, fromSender: !clientIsSender, seq: serverISN, ack: clientISN &+ 1, flags: [.syn, .ack],
                               options: synOptions(tsNow(), tsNow()), id: 0),
                     sender: serverIndex)
            try emit(flowFrame(f, fromSender: clientIsSender, seq: clientISN &+ 1, ack: serverISN &+ 1, flags: .ack,
                               options: timestampOption(tsNow(), tsNow()), id: 0), sender: clientIndex)
            f.senderSeq = (clientIsSender ? clientISN : serverISN) &+ 1
            f.receiverSeq = (clientIsSender ? serverISN : clientISN) &+ 1
            f.remaining = 2 * (1000 + net.rng.below(20_000))

            // Templates: every patched field (IP id, seq or ack, TSval, TSecr) is zero, so replay
            // only adds the new values into the checksums.
            let payload = net.rng.bytes(1448)
            let data = flowFrame(f, fromSender: true, seq: 0, ack: f.receiverSeq, flags: .ack, options: timestampOption(0, 0),
                                 payload: payload, id: 0)
            let ack = flowFrame(f, fromSender: false, seq: f.receiverSeq, ack: 0, flags: .ack, options: timestampOption(0, 0), id: 0)
            let l4 = f.l3 + 20
            f.dataLength = data.count; f.ackLength = ack.count
            f.dataCheckIP = data.readBE16(at: f.l3 + 10); f.dataCheckTCP = data.readBE16(at: l4 + 16)
            f.ackCheckIP = ack.readBE16(at: f.l3 + 10); f.ackCheckTCP = ack.readBE16(at: l4 + 16)
            let slotBase = flowBuffers.advanced(by: slot * 2 * slotSize)
            data.withUnsafeBytes { slotBase.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            ack.withUnsafeBytes { slotBase.advanced(by: slotSize).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            flows[slot] = f
        }

        func closeFlow(_ slot: Int) throws(SynthError) {
            let f = flows[slot]
            let ts = timestampOption(tsNow(), tsNow())
            try emit(flowFrame(f, fromSender: true, seq: f.senderSeq, ack: f.receiverSeq, flags: [.fin, .ack], options: ts,
                               id: f.senderID &+ 1), sender: f.sender)
            try emit(flowFrame(f, fromSender: false, seq: f.receiverSeq, ack: f.senderSeq &+ 1, flags: [.fin, .ack], options: ts,
                               id: f.receiverID &+ 1), sender: f.receiver)
            try emit(flowFrame(f, fromSender: true, seq: f.senderSeq &+ 1, ack: f.receiverSeq &+ 1, flags: .ack, options: ts,
                               id: f.senderID &+ 2), sender: f.sender)
        }

        /// One data segment of `flows[slot]`, copied from its template and patched in place.
        func emitData(_ slot: Int) throws(SynthError) {
            let l3 = flows[slot].l3, l4 = l3 + 20
            flows[slot].senderID &+= 1
            let id = flows[slot].senderID, seq = flows[slot].senderSeq, ts = tsNow()
            let checkIP = checksumAdding(flows[slot].dataCheckIP, UInt32(id))
            let checkTCP = checksumAdding(flows[slot].dataCheckTCP, wordSum(seq) &+ wordSum(ts))
            let length = flows[slot].dataLength
            let template = flowBuffers.advanced(by: slot * 2 * slotSize)
            try writer.writeFrame(length: length, timestamp: clock) { dst in
                dst.copyMemory(from: template, byteCount: length)
                dst.storeBE16(id, at: l3 + 4); dst.storeBE16(checkIP, at: l3 + 10)
                dst.storeBE32(seq, at: l4 + 4); dst.storeBE32(ts, at: l4 + 24); dst.storeBE16(checkTCP, at: l4 + 16)
            }
            framesSent[flows[slot].sender] += 1
            lastSent[flows[slot].sender] = clock
            clock += Int64(length * 8 + 160)
            flows[slot].senderSeq = seq &+ 1448
        }

        func emitAck(_ slot: Int) throws(SynthError) {
            let l3 = flows[slot].l3, l4 = l3 + 20
            flows[slot].receiverID &+= 1
            let id = flows[slot].receiverID, ack = flows[slot].senderSeq, ts = tsNow()
            let checkIP = checksumAdding(flows[slot].ackCheckIP, UInt32(id))
            let checkTCP = checksumAdding(flows[slot].ackCheckTCP, wordSum(ack) &+ wordSum(ts) &+ wordSum(ts))
            let length = flows[slot].ackLength
            let template = flowBuffers.advanced(by: slot * 2 * slotSize + slotSize)
            try writer.writeFrame(length: length, timestamp: clock) { dst in
                dst.copyMemory(from: template, byteCount: length)
                dst.storeBE16(id, at: l3 + 4); dst.storeBE16(checkIP, at: l3 + 10)
                dst.storeBE32(ack, at: l4 + 8); dst.storeBE32(ts, at: l4 + 24); dst.storeBE32(ts, at: l4 + 28)
                dst.storeBE16(checkTCP, at: l4 + 16)
            }
            framesSent[flows[slot].receiver] += 1
            lastSent[flows[slot].receiver] = clock
            clock += Int64(length * 8 + 2_000)
        }

        /// Replays one recorded conversation; TCP/UDP ones get a fresh client port.
        func replay(_ eventIndex: Int) throws(SynthError) {
            let event = store.events[eventIndex]
            let newPort = event.clientPort == 0 ? 0 : net.ephemeralPort()
            for i in event.frames {
                let t = store.frames[i]
                let source = templateBase.advanced(by: t.offset)
                try writer.writeFrame(length: t.length, timestamp: clock) { dst in
                    dst.copyMemory(from: source, byteCount: t.length)
                    if t.clientPortOffset >= 0 {
                        dst.storeBE16(newPort, at: t.clientPortOffset)
                        var check = adjustedChecksum(source.loadBE16(at: t.checksumOffset), old: event.clientPort, new: newPort)
                        if t.isUDP && check == 0 { check = 0xFFFF }
                        dst.storeBE16(check, at: t.checksumOffset)
                    }
                }
                framesSent[t.sender] += 1
                lastSent[t.sender] = clock
                clock += Int64(t.length * 8 + 30_000)
            }
            if event.dhcpAckServer >= 0 { acksReplayed[event.dhcpAckServer] += 1 }
        }

        for slot in 0..<Self.concurrentFlows { try openFlow(slot) }
        var round = 0
        while writer.bytesWritten < targetBytes {
            for _ in 0..<Self.bulkStepsPerRound {
                let slot = net.rng.below(Self.concurrentFlows)
                try emitData(slot)
                try emitData(slot)
                try emitAck(slot)
                flows[slot].remaining -= 2
                if flows[slot].remaining <= 0 {
                    try closeFlow(slot)
                    try openFlow(slot)
                }
            }
            if round % 97 == 0 {
                try replay(infrastructureEvents[(round / 97) % infrastructureEvents.count])
            } else {
                let c = clients[net.rng.below(clients.count)]
                try replay(c.events[net.rng.below(c.events.count)])
            }
            round += 1
        }
        for slot in 0..<Self.concurrentFlows { try closeFlow(slot) }
        try writer.finish()

        for (i, s) in stations.enumerated() {
            s.framesSent += framesSent[i]
            if framesSent[i] > 0 { s.lastSent = max(s.lastSent ?? 0, lastSent[i]) }
            if acksReplayed[i] > 0 { net.countReplayedAcks(s, acksReplayed[i]) }
        }
        return Truth(
            scenario: "bench", seed: seed,
            capture: TruthCapture(format: format.rawValue, frames: writer.frameCount, bytes: writer.bytesWritten,
                                  firstFrameTime: rfc3339(net.firstFrameTime ?? Self.startTime),
                                  lastFrameTime: rfc3339(max(lastSent.max() ?? 0, net.lastFrameTime ?? 0))),
            devices: stations.map { $0.truth(inLedger: nil) }, dhcpServers: net.dhcpServers, anomalies: [],
            ledgerDifferences: nil, dns: nil, tls: nil)
    }
}

/// Four-digit, zero-padded decimal (client numbering).
private func format4(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}
