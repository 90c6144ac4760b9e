import Foundation
import Packets
import Synchronization
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Robustness over every real capture in ../shared/captures (tcpdump's own test corpus, which is
/// full of packets crafted to break decoders, plus lan/ and wifi/):
///
/// 1. `testEveryDecoderOnEveryPacket` reads each pcap/pcapng file with a small, bounds-checked
///    container reader below (this target depends only on `Packets`), and runs `Dissection.decode`
///    and every application decoder on every packet: under the native link type, under every other
///    supported link type, and on truncated prefixes. Debug builds check every buffer subscript, so
///    an out-of-bounds read traps; a signal handler then names the file and packet, and a watchdog
///    names them if one packet takes longer than `hangSeconds`.
/// 2. `testInventoryCommandOnEveryFile` runs `netaudit inventory --pcap F --format json` on each
///    file (NETAUDIT_BIN) and classifies the outcome: clean, located error, or crash.
final class RobustnessTests: XCTestCase {
    static let capturesRoot: String = {
        if let dir = ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"] { return dir }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/captures").standardized.path
    }()

    /// LINKTYPE_ values in file headers whose DLT_ value (what libpcap reports) differs (pcap-common.c).
    static let linktypeToDLT: [Int32: Int32] = [100: 11, 102: 15, 103: 16, 104: 104, 106: 19, 107: 107, 108: 108, 138: 138]

    static let corpusDirectories = ["tcpdump-tests", "lan", "wifi"]
    static let hangSeconds = 20

    /// Every capture file of the corpus (licence and readme files left out), sorted.
    static func corpus() throws -> [String] {
        var files: [String] = []
        for dir in corpusDirectories {
            let path = capturesRoot + "/" + dir
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw XCTSkip("capture corpus not found at \(path) (set NETAUDIT_CAPTURES)")
            }
            for name in names.sorted() where !name.hasPrefix("LICENSE") && !name.hasPrefix("README") && !name.hasPrefix(".") {
                files.append(path + "/" + name)
            }
        }
        return files
    }

    // MARK: - In-process: every decoder on every packet

    func testEveryDecoderOnEveryPacket() throws {
        let files = try Self.corpus()
        XCTAssertGreaterThanOrEqual(files.count, 830, "expected the whole tcpdump corpus")
        CrashLocator.install()
        let watchdog = Watchdog(limitSeconds: Self.hangSeconds)
        watchdog.start()
        defer { watchdog.finish() }

        var stats = DecodeStats()
        var formats: [String: Int] = [:]
        var unsupportedLinks: [Int32: Int] = [:]
        let started = Date()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                XCTFail("cannot read \(path)")
                continue
            }
            CrashLocator.setFile(path)
            let outcome = data.withUnsafeBytes { bytes in
                CaptureContainer.forEachPacket(bytes) { linkType, number, frame in
                    CrashLocator.setPacket(number)
                    watchdog.tick()
                    stats.packets += 1
                    let lt = LinkType(rawValue: linkType)
                    if !lt.isSupported { unsupportedLinks[linkType, default: 0] += 1 }
                    DecoderExercise.all(frame, lt, &stats)
                }
            }
            formats[outcome.summary, default: 0] += 1
        }
        CrashLocator.setFile("(done)")
        let seconds = Date().timeIntervalSince(started)

        print("robustness: \(files.count) files, \(stats.packets) packets in \(String(format: "%.1f", seconds)) s; containers: "
              + formats.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        print("robustness: " + stats.description)
        print("robustness: packets under unsupported link types (decoded as every supported type only): "
              + unsupportedLinks.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " "))

        // Guards against a vacuous run: each decoder must have met real input from the corpus.
        XCTAssertGreaterThan(stats.packets, 10_000)
        XCTAssertGreaterThan(stats.nativeLinks, 10_000)
        XCTAssertGreaterThan(stats.arp, 0)
        XCTAssertGreaterThan(stats.dhcp4, 20)
        XCTAssertGreaterThan(stats.dhcp6, 5)
        XCTAssertGreaterThan(stats.dnsMessages, 100)
        XCTAssertGreaterThan(stats.dnsNames, 100)
        XCTAssertGreaterThan(stats.nbnsNames, 0)
        XCTAssertGreaterThan(stats.lldp, 10)
        XCTAssertGreaterThan(stats.cdp, 3)
        XCTAssertGreaterThan(stats.neighborDiscovery, 10)
        XCTAssertGreaterThan(stats.radiotap, 10)
        XCTAssertGreaterThan(stats.prism, 0)
        XCTAssertGreaterThan(stats.wlan, 10)
        XCTAssertEqual(formats["unknown"] ?? 0, 0, "every corpus file is pcap or pcapng")
    }

    /// The container reader itself must be right, or the test above proves little: check it against
    /// two files whose packet counts tshark reports (pcap, and pcapng with EPBs).
    func testContainerReaderAgreesWithKnownCounts() throws {
        let cases: [(String, Int, Int32)] = [
            ("lan/zeek__dhcp.pcap", 9, 1),
            ("tcpdump-tests/dhcp-option-108.pcapng", 2, 1),
            ("wifi/aircrack-ng__wpa.cap", -1, 119),
        ]
        for (relative, expected, linkType) in cases {
            let path = Self.capturesRoot + "/" + relative
            guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
            var count = 0
            var types = Set<Int32>()
            let outcome = data.withUnsafeBytes { bytes in
                CaptureContainer.forEachPacket(bytes) { lt, _, frame in
                    count += 1
                    types.insert(lt)
                    XCTAssertGreaterThan(frame.count, 0)
                }
            }
            if expected >= 0 { XCTAssertEqual(count, expected, relative) } else { XCTAssertGreaterThan(count, 0, relative) }
            XCTAssertEqual(types, [linkType], relative)
            XCTAssertTrue(outcome.summary.hasSuffix("complete"), "\(relative): \(outcome.summary)")
        }
        // A truncated copy stops at the damaged record and reports it, without reading past the end.
        let path = Self.capturesRoot + "/lan/zeek__dhcp.pcap"
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
        for cut in [0, 3, 23, 30, 40, data.count - 1] {
            var count = 0
            let outcome = data.prefix(cut).withUnsafeBytes { bytes in
                CaptureContainer.forEachPacket(bytes) { _, _, _ in count += 1 }
            }
            XCTAssertLessThan(count, 9)
            XCTAssertFalse(outcome.summary.hasSuffix("complete"), "cut \(cut): \(outcome.summary)")
        }
    }

    /// WireText must keep invalid UTF-8 visible as \xNN. Bytes 0xF5–0xFF can never start a UTF-8
    /// sequence, but `WireText.make` treats them as 3-byte lead bytes (its length table falls through
    /// to `b >= 0xE0 ? 3`), so e.g. F8 80 80 — bytes from a hostile DHCP hostname or LLDP system
    /// name — is stored as U+8000 '耀' instead of "\xf8\x80\x80".
    func testWireTextEscapesBytesThatCannotStartUTF8() {
        for lead: UInt8 in 0xF5...0xFF {
            let text = [lead, 0x80, 0x80].withUnsafeBytes { WireText.make($0) }
            XCTAssertEqual(text, String(format: "\\x%02x\\x80\\x80", lead), "lead byte \(String(lead, radix: 16))")
        }
        // Sanity: valid sequences still decode, and C1 controls and overlongs stay escaped.
        XCTAssertEqual([UInt8]([0xE8, 0x80, 0x80]).withUnsafeBytes { WireText.make($0) }, "\u{8000}")
        XCTAssertEqual([UInt8]([0xF0, 0x9F, 0x98, 0x80]).withUnsafeBytes { WireText.make($0) }, "\u{1F600}")
        XCTAssertEqual([UInt8]([0xC2, 0x85]).withUnsafeBytes { WireText.make($0) }, "\\xc2\\x85")
        XCTAssertEqual([UInt8]([0xC0, 0xAF]).withUnsafeBytes { WireText.make($0) }, "\\xc0\\xaf")
    }

    // MARK: - The command on every file

    func testInventoryCommandOnEveryFile() throws {
        guard let bin = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], FileManager.default.isExecutableFile(atPath: bin) else {
            throw XCTSkip("set NETAUDIT_BIN to the netaudit binary to run the command over the corpus")
        }
        let files = try Self.corpus()
        // Link type of each file, from the container reader, to check "unsupported link type" errors.
        func linkTypes(_ path: String) -> Set<Int32> {
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            return data.withUnsafeBytes { bytes in CaptureContainer.linkTypes(bytes) }
        }

        let results = Mutex<[String: CommandOutcome]>([:])
        let queue = DispatchQueue(label: "robustness.cli", attributes: .concurrent)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: 2)
        for path in files {
            slots.wait()
            group.enter()
            queue.async {
                defer { slots.signal(); group.leave() }
                let outcome = CommandOutcome.run(bin, ["inventory", "--pcap", path, "--format", "json"], timeoutSeconds: 60)
                results.withLock { $0[path] = outcome }
            }
        }
        group.wait()

        var clean = 0, located = 0, crashes: [String] = [], unlocated: [String] = []
        var unsupported = 0
        let all = results.withLock { $0 }
        for path in files {
            guard let r = all[path] else { XCTFail("no result for \(path)"); continue }
            let name = (path as NSString).lastPathComponent
            switch r.status {
            case .exited(0):
                clean += 1
                // Exit 0 means a complete, valid JSON snapshot on stdout.
                if (try? JSONSerialization.jsonObject(with: r.stdout)) as? [String: Any] == nil {
                    XCTFail("\(name): exit 0 but stdout is not a JSON object")
                }
            case .exited(2):
                let err = r.stderrText
                let damaged = err.range(of: #"\#(NSRegularExpression.escapedPattern(for: path)): damaged at packet [0-9]+"#,
                                        options: .regularExpression) != nil
                let openError = err.contains("error: \(path): ")
                if damaged || openError {
                    located += 1
                } else {
                    unlocated.append("\(name): \(err)")
                }
                if err.contains("unsupported link type") { unsupported += 1 }
                // A located damage error still writes the inventory of the packets before it.
                if damaged, (try? JSONSerialization.jsonObject(with: r.stdout)) as? [String: Any] == nil {
                    XCTFail("\(name): damaged input but no JSON inventory of the packets before it")
                }
            case .exited(let code):
                crashes.append("\(name): exit \(code): \(r.stderrText.prefix(300))")
            case .signaled(let sig):
                crashes.append("\(name): killed by signal \(sig): \(r.stderrText.suffix(600))")
            case .timedOut:
                crashes.append("\(name): no exit within 60 s (hang)")
            }
            // Unsupported link types must be refused by name, never decoded as something else.
            // libpcap reports the DLT value, which differs from the file's LINKTYPE value for a few types.
            let types = linkTypes(path)
            if let t = types.first, types.count == 1, !LinkType(rawValue: t).isSupported {
                let dlt = Self.linktypeToDLT[t] ?? t
                XCTAssertEqual(r.status, .exited(2), "\(name): link type \(t) is unsupported")
                XCTAssertTrue(r.stderrText.contains("unsupported link type") && r.stderrText.contains("(\(dlt))"),
                              "\(name): error should name link type \(t) (DLT \(dlt)): \(r.stderrText)")
            }
        }
        print("robustness: netaudit inventory over \(files.count) files: \(clean) decoded cleanly (exit 0), "
              + "\(located) located errors (exit 2; \(unsupported) of them unsupported link types), \(crashes.count) crashes")
        for c in crashes { print("robustness: CRASH \(c)") }
        XCTAssertEqual(crashes, [], "the command crashed or hung")
        XCTAssertEqual(unlocated, [], "exit 2 without naming the file and the damaged packet")
        XCTAssertEqual(clean + located + crashes.count + unlocated.count, files.count)
    }
}

// MARK: - Running the command

private struct CommandOutcome: Sendable {
    typealias Status = Subprocess.Status
    var status: Status
    var stdout: Data
    var stderr: Data
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// Runs `bin args` with output in temporary files (no pipe can fill up), killing it by PID after the timeout.
    static func run(_ bin: String, _ args: [String], timeoutSeconds: Double) -> CommandOutcome {
        guard let r = try? Subprocess.run([bin] + args, environment: ["SOURCE_DATE_EPOCH": "0"], timeout: timeoutSeconds) else {
            return CommandOutcome(status: .exited(127), stdout: Data(), stderr: Data())
        }
        return CommandOutcome(status: r.status, stdout: r.stdoutData, stderr: r.stderrData)
    }
}

// MARK: - Exercising every decoder

private struct DecodeStats: CustomStringConvertible {
    var packets = 0, nativeLinks = 0, crossLinks = 0, prefixes = 0
    var arp = 0, ipv4 = 0, ipv6 = 0, malformed = 0, udp = 0, tcp = 0, icmp = 0
    var dhcp4 = 0, dhcp6 = 0, dnsMessages = 0, dnsRecords = 0, dnsNames = 0, nbnsNames = 0
    var lldp = 0, cdp = 0, neighborDiscovery = 0, wlan = 0, radiotap = 0, prism = 0
    /// Characters of every string the decoders produced: keeps the optimiser honest.
    var textLength = 0

    var description: String {
        "link decodes native=\(nativeLinks) cross=\(crossLinks) prefixes=\(prefixes); arp=\(arp) ipv4=\(ipv4) ipv6=\(ipv6) "
            + "malformed=\(malformed) udp=\(udp) tcp=\(tcp) icmp=\(icmp); dhcp4=\(dhcp4) dhcp6=\(dhcp6) dns=\(dnsMessages) "
            + "records=\(dnsRecords) names=\(dnsNames) nbns=\(nbnsNames) lldp=\(lldp) cdp=\(cdp) nd=\(neighborDiscovery) "
            + "wlan=\(wlan) radiotap=\(radiotap) prism=\(prism) text=\(textLength)"
    }
}

private enum DecoderExercise {
    /// Everything on one frame: native link type, every other supported link type, and prefixes.
    static func all(_ frame: UnsafeRawBufferPointer, _ linkType: LinkType, _ s: inout DecodeStats) {
        if linkType.isSupported {
            if dissect(frame, linkType, &s) { s.nativeLinks += 1 }
            // Truncations (snaplen-style damage): every prefix up to 600 bytes (headers and most
            // control-protocol packets), then 64 evenly spaced cuts (keeps huge frames linear).
            let cuts = Array(0..<min(frame.count, 600)) + Array(stride(from: 600, to: frame.count, by: max(1, frame.count / 64)))
            for cut in cuts {
                if dissect(UnsafeRawBufferPointer(rebasing: frame[0..<cut]), linkType, &s) { s.prefixes += 1 }
            }
        }
        for other in LinkType.supported where other != linkType {
            if dissect(frame, other, &s) { s.crossLinks += 1 }
        }
        // The monitor-header strippers and 802.11 view on arbitrary bytes, whatever the link type.
        wireless(frame, &s)
        if let inner = Radiotap.strip(frame) { wireless(inner, &s) }
        if let inner = PrismHeader.strip(frame) { wireless(inner, &s) }
    }

    /// Full dissection plus every application decoder reachable from it; true if the link layer decoded.
    @discardableResult
    static func dissect(_ frame: UnsafeRawBufferPointer, _ linkType: LinkType, _ s: inout DecodeStats) -> Bool {
        if linkType == .radiotap, Radiotap.strip(frame) != nil { s.radiotap += 1 }
        if linkType == .prism, PrismHeader.strip(frame) != nil { s.prism += 1 }
        _ = LinkFrame.decode(frame, linkType: linkType)
        guard let d = Dissection.decode(frame, linkType: linkType) else { return false }
        let link = d.link
        s.textLength += (link.source?.description.count ?? 0) + (link.destination?.description.count ?? 0)
            + (link.bssid?.description.count ?? 0) + Int(link.vlan) % 2 + link.tagCount % 2
        switch link.kind {
        case .wlanManagement, .wlanOther: wireless(link.payload, &s)
        default: break
        }
        switch d.network {
        case .arp(let a):
            s.arp += 1
            s.textLength += a.senderMAC.description.count + a.senderIP.description.count + a.targetMAC.description.count
                + a.targetIP.description.count + (a.isGratuitous ? 1 : 0) + (a.isProbe ? 1 : 0) + Int(a.operation % 2)
        case .ipv4(let ip):
            s.ipv4 += 1
            s.textLength += ip.source.description.count + ip.destination.description.count + Int(ip.ttl % 2)
        case .ipv6(let ip):
            s.ipv6 += 1
            s.textLength += ip.source.description.count + ip.destination.description.count + Int(ip.hopLimit % 2)
        case .lldp(let p): lldp(p, &s)
        case .cdp(let p): cdp(p, &s)
        case .malformed: s.malformed += 1
        case .other: break
        }
        // LLDP and CDP parsers also see every link payload, whatever the EtherType claims.
        lldp(link.payload, &s, count: false)
        cdp(link.payload, &s, count: false)
        switch d.transport {
        case .udp(let u):
            s.udp += 1
            application(u.payload, &s)
        case .tcp(let t):
            s.tcp += 1
            s.textLength += Int(t.sequence % 2) + (t.isSYN ? 1 : 0) + (t.isACK ? 1 : 0) + (t.isRST ? 1 : 0)
            dns(t.payload, &s, count: false)
            if let framed = t.payload.tail(2) { dns(framed, &s, count: false) }   // DNS over TCP
        case .icmp(let m):
            s.icmp += 1
            // ICMP errors quote an IP header: feed it back through the IPv4 decoder.
            if let quoted = m.body.tail(4), let inner = IPv4Packet(quoted) { s.textLength += inner.source.description.count }
        case .icmpv6(let m):
            s.icmp += 1
            neighborDiscovery(m, &s)
        case .none, .malformed: break
        }
        return true
    }

    /// Every UDP payload goes through every UDP-borne decoder, whatever the ports say.
    static func application(_ p: UnsafeRawBufferPointer, _ s: inout DecodeStats) {
        if let m = DHCPv4Message(p) {
            s.dhcp4 += 1
            s.textLength += Int(m.op) + m.clientIP.description.count + m.yourIP.description.count + m.relayIP.description.count
            s.textLength += (m.clientMAC?.description.count ?? 0) + Int(m.messageType ?? 0) + (m.truncatedOptions ? 1 : 0)
            s.textLength += (m.requestedIP?.description.count ?? 0) + (m.serverIdentifier?.description.count ?? 0)
            for v in [m.hostName, m.vendorClass, m.parameterRequestList, m.clientIdentifier, m.clientFQDN] {
                if let v { s.textLength += WireText.make(v).count + WireText.hex(v).count }
            }
            s.textLength += (m.fqdnName?.count ?? 0) + (m.fingerprint?.count ?? 0) + (m.isFromServer ? 1 : 0)
        }
        if let m = DHCPv6Message(p) {
            s.dhcp6 += 1
            for v in [m.clientDUID, m.clientFQDN, m.vendorClass] { if let v { s.textLength += WireText.hex(v).count } }
            s.textLength += (m.fqdnName?.count ?? 0) + (m.vendorClassText?.count ?? 0) + (m.isFromClient ? 1 : 0) + Int(m.messageType % 2)
        }
        dns(p, &s, count: true)
    }

    static func dns(_ p: UnsafeRawBufferPointer, _ s: inout DecodeStats, count: Bool) {
        guard let m = DNSMessage(p) else { return }
        if count { s.dnsMessages += 1 }
        s.textLength += Int(m.opcode) + Int(m.rcode) + (m.isResponse ? 1 : 0) + Int(m.id % 2)
        var names = 0, nbns = 0, records = 0, text = 0
        func name(_ offset: Int) {
            if let n = m.name(at: offset) { names += 1; text += n.count }
            if let n = DNSName.decode(m.bytes, offset) { text += n.count }
            _ = DNSName.skip(m.bytes, offset)
            if let (n, suffix) = NBNSName.decode(m.bytes, offset) { nbns += 1; text += n.count + Int(suffix % 2) }
        }
        m.forEach(question: { q in
            name(q.nameOffset)
            text += Int(q.type % 2) + Int(q.qclass % 2)
        }, record: { r in
            records += 1
            name(r.nameOffset)
            text += Int(r.ttl % 2) + Int(r.rclass % 2) + r.rdata.count
            switch r.type {
            case 2, 5, 12: name(r.rdataOffset)                       // NS, CNAME, PTR
            case DNSMessage.RecordType.srv: name(r.rdataOffset + 6)  // SRV target (also NBSTAT: same code)
            case 15: name(r.rdataOffset + 2)                         // MX
            default: break
            }
            if r.rdata.count > 0 {
                // Uncompressed decoding (DHCP option 81 style) on arbitrary rdata.
                text += DNSName.decodeUncompressed(r.rdata)?.count ?? 0
                text += WireText.make(r.rdata).count
            }
        })
        s.dnsNames += names
        s.nbnsNames += nbns
        s.dnsRecords += records
        s.textLength += text
    }

    static func lldp(_ p: UnsafeRawBufferPointer, _ s: inout DecodeStats, count: Bool = true) {
        guard let f = LLDPFrame(p) else { return }
        if count { s.lldp += 1 }
        var t = 0
        if let c = f.chassisID { t += LLDPFrame.idText(subtype: f.chassisSubtype, isChassis: true, c).count }
        if let c = f.portID { t += LLDPFrame.idText(subtype: f.portSubtype, isChassis: false, c).count }
        for v in [f.portDescription, f.systemName, f.systemDescription, f.chassisID, f.portID] {
            if let v { t += WireText.make(v).count; t += AddressText.format(v)?.count ?? 0 }
        }
        t += LLDPFrame.capabilityNames(f.capabilities).count + LLDPFrame.capabilityNames(f.enabledCapabilities).count
        for (subtype, address) in f.managementAddresses {
            t += AddressText.formatAddress(family: subtype, address)?.count ?? 0
            t += WireText.hex(address).count
        }
        s.textLength += t + (f.damaged ? 1 : 0)
    }

    static func cdp(_ p: UnsafeRawBufferPointer, _ s: inout DecodeStats, count: Bool = true) {
        guard let f = CDPFrame(p) else { return }
        if count { s.cdp += 1 }
        var t = Int(f.version) + Int(f.nativeVLAN ?? 0) % 2 + (f.damaged ? 1 : 0)
        for v in [f.deviceID, f.portID, f.platform, f.softwareVersion] { if let v { t += WireText.make(v).count } }
        t += f.addresses.joined().count + CDPFrame.capabilityNames(f.capabilities).count + f.addressLists.count
        s.textLength += t
    }

    static func neighborDiscovery(_ m: ICMPMessage, _ s: inout DecodeStats) {
        guard let nd = NeighborDiscovery(m) else { return }
        s.neighborDiscovery += 1
        s.textLength += (nd.target?.description.count ?? 0) + (nd.sourceLinkLayer?.description.count ?? 0)
            + (nd.targetLinkLayer?.description.count ?? 0) + Int(nd.routerLifetime ?? 0) % 2 + Int(nd.kind.rawValue % 2)
    }

    static func wireless(_ p: UnsafeRawBufferPointer, _ s: inout DecodeStats) {
        guard let f = IEEE80211Frame(p) else { return }
        s.wlan += 1
        s.textLength += Int(f.frameControl % 2) + Int(f.type) + Int(f.subtype) + (f.toDS ? 1 : 0) + (f.fromDS ? 1 : 0)
            + (f.isProtected ? 1 : 0) + (f.hasOrder ? 1 : 0)
    }
}

// MARK: - pcap / pcapng container reader (bounds-checked, independent of libpcap)

private enum CaptureContainer {
    struct Outcome {
        var format: String
        var packets: Int
        var damage: String?
        var summary: String { format == "unknown" ? "unknown" : "\(format)-" + (damage == nil ? "complete" : "truncated") }
    }

    static func linkTypes(_ bytes: UnsafeRawBufferPointer) -> Set<Int32> {
        var types = Set<Int32>()
        if let header = pcapHeader(bytes) { return [header.linkType] }
        _ = forEachPacket(bytes, interfacesSeen: { types.insert($0) }) { _, _, _ in }
        return types
    }

    /// Calls `body(linkType, packetNumber, frame)` for each record, stopping at the first damaged one.
    @discardableResult
    static func forEachPacket(_ bytes: UnsafeRawBufferPointer, interfacesSeen: (Int32) -> Void = { _ in },
                              _ body: (Int32, Int, UnsafeRawBufferPointer) -> Void) -> Outcome {
        if let header = pcapHeader(bytes) {
            return pcap(bytes, header, body)
        }
        if bytes.count >= 4, u32(bytes, 0, big: false) == 0x0A0D_0D0A {
            return pcapng(bytes, interfacesSeen, body)
        }
        return Outcome(format: "unknown", packets: 0, damage: "unknown magic")
    }

    static func u16(_ b: UnsafeRawBufferPointer, _ o: Int, big: Bool) -> UInt16 {
        precondition(o >= 0 && o + 2 <= b.count)
        return big ? UInt16(b[o]) << 8 | UInt16(b[o + 1]) : UInt16(b[o + 1]) << 8 | UInt16(b[o])
    }

    static func u32(_ b: UnsafeRawBufferPointer, _ o: Int, big: Bool) -> UInt32 {
        precondition(o >= 0 && o + 4 <= b.count)
        let v = UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
        return big ? v.byteSwapped : v
    }

    struct PcapHeader { var big: Bool; var recordHeader: Int; var linkType: Int32 }

    static func pcapHeader(_ b: UnsafeRawBufferPointer) -> PcapHeader? {
        guard b.count >= 4 else { return nil }
        let magic = u32(b, 0, big: false)
        let big: Bool, recordHeader: Int
        switch magic {
        case 0xA1B2_C3D4, 0xA1B2_3C4D: (big, recordHeader) = (false, 16)
        case 0xD4C3_B2A1, 0x4D3C_B2A1: (big, recordHeader) = (true, 16)
        case 0xA1B2_CD34: (big, recordHeader) = (false, 24)    // Alexey Kuznetzov's patched format
        case 0x34CD_B2A1: (big, recordHeader) = (true, 24)
        default: return nil
        }
        guard b.count >= 24 else { return PcapHeader(big: big, recordHeader: recordHeader, linkType: -1) }
        // The upper bits of the link-type field carry FCS information (LT_LINKTYPE in libpcap).
        return PcapHeader(big: big, recordHeader: recordHeader, linkType: Int32(bitPattern: u32(b, 20, big: big) & 0x03FF_FFFF))
    }

    static func pcap(_ b: UnsafeRawBufferPointer, _ h: PcapHeader, _ body: (Int32, Int, UnsafeRawBufferPointer) -> Void) -> Outcome {
        var out = Outcome(format: "pcap", packets: 0)
        guard b.count >= 24 else { out.damage = "short file header"; return out }
        var offset = 24
        while offset < b.count {
            guard b.count - offset >= h.recordHeader else { out.damage = "short record header at \(offset)"; return out }
            let caplen = Int(u32(b, offset + 8, big: h.big))
            let start = offset + h.recordHeader
            guard caplen <= b.count - start else { out.damage = "record at \(offset) runs past the end"; return out }
            out.packets += 1
            body(h.linkType, out.packets, UnsafeRawBufferPointer(rebasing: b[start..<(start + caplen)]))
            offset = start + caplen
        }
        return out
    }

    static func pcapng(_ b: UnsafeRawBufferPointer, _ interfacesSeen: (Int32) -> Void,
                       _ body: (Int32, Int, UnsafeRawBufferPointer) -> Void) -> Outcome {
        var out = Outcome(format: "pcapng", packets: 0)
        var offset = 0
        var big = false
        var interfaces: [Int32] = []
        while offset < b.count {
            guard b.count - offset >= 12 else { out.damage = "short block at \(offset)"; return out }
            let type = u32(b, offset, big: false)
            if type == 0x0A0D_0D0A {
                // Section header: its byte-order magic decides the endianness of everything that follows.
                let bom = u32(b, offset + 8, big: false)
                switch bom {
                case 0x1A2B_3C4D: big = false
                case 0x4D3C_2B1A: big = true
                default: out.damage = "bad byte-order magic at \(offset)"; return out
                }
                interfaces = []
            }
            let blockType = u32(b, offset, big: big)
            let length = Int(u32(b, offset + 4, big: big))
            guard length >= 12, length <= b.count - offset else { out.damage = "block at \(offset) has bad length \(length)"; return out }
            let blockBody = UnsafeRawBufferPointer(rebasing: b[(offset + 8)..<(offset + length - 4)])
            switch blockType {
            case 1:   // interface description
                guard blockBody.count >= 8 else { out.damage = "short IDB at \(offset)"; return out }
                let lt = Int32(u16(blockBody, 0, big: big))
                interfaces.append(lt)
                interfacesSeen(lt)
            case 6:   // enhanced packet
                guard blockBody.count >= 20 else { out.damage = "short EPB at \(offset)"; return out }
                let interface = Int(u32(blockBody, 0, big: big))
                let caplen = Int(u32(blockBody, 12, big: big))
                guard interface < interfaces.count else { out.damage = "EPB for unknown interface \(interface)"; return out }
                guard caplen <= blockBody.count - 20 else { out.damage = "EPB at \(offset) runs past its block"; return out }
                out.packets += 1
                body(interfaces[interface], out.packets, UnsafeRawBufferPointer(rebasing: blockBody[20..<(20 + caplen)]))
            case 3:   // simple packet: interface 0, length implied by the block
                guard blockBody.count >= 4, !interfaces.isEmpty else { out.damage = "bad SPB at \(offset)"; return out }
                let original = Int(u32(blockBody, 0, big: big))
                let caplen = min(original, blockBody.count - 4)
                out.packets += 1
                body(interfaces[0], out.packets, UnsafeRawBufferPointer(rebasing: blockBody[4..<(4 + caplen)]))
            case 2:   // obsolete packet block
                guard blockBody.count >= 20 else { out.damage = "short packet block at \(offset)"; return out }
                let interface = Int(u16(blockBody, 0, big: big))
                let caplen = Int(u32(blockBody, 12, big: big))
                guard interface < interfaces.count, caplen <= blockBody.count - 20 else { out.damage = "bad packet block at \(offset)"; return out }
                out.packets += 1
                body(interfaces[interface], out.packets, UnsafeRawBufferPointer(rebasing: blockBody[20..<(20 + caplen)]))
            default:
                break
            }
            offset += length
        }
        return out
    }
}

// MARK: - Locating crashes and hangs

/// Remembers the file and packet being decoded in memory a signal handler can read, and prints
/// them if a trap (out-of-bounds read, overflow) or a fault kills the process. The previous handler
/// (the Swift runtime's backtracer, if any) is restored, so the usual crash report follows.
private enum CrashLocator {
    nonisolated(unsafe) static let file = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    nonisolated(unsafe) static var fileLength = 0
    nonisolated(unsafe) static var packet = 0
    nonisolated(unsafe) static let digits = UnsafeMutablePointer<UInt8>.allocate(capacity: 24)
    /// Previous actions, indexed by signal number (a plain array: the handler must not allocate or hash).
    nonisolated(unsafe) static let previous: UnsafeMutablePointer<sigaction> = {
        let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        p.initialize(repeating: sigaction(), count: 65)
        return p
    }()
    nonisolated(unsafe) static var installed = false
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    static func install() {
        guard !installed else { return }
        installed = true
        digits.initialize(repeating: 0, count: 24)   // first use of the lazy statics happens here, not in the handler
        packet = 0; fileLength = 0
        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashLocatorHandler
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, previous + Int(sig))
        }
    }

    static func setFile(_ path: String) {
        let bytes = Array(path.utf8.prefix(4000))
        bytes.withUnsafeBufferPointer { file.update(from: $0.baseAddress!, count: $0.count) }
        fileLength = bytes.count
        packet = 0
    }

    static func setPacket(_ n: Int) { packet = n }

    /// Writes "<prefix> <file> packet <n>\n" with write(2) only (async-signal-safe).
    static func report(_ prefix: StaticString) {
        _ = write(2, prefix.utf8Start, prefix.utf8CodeUnitCount)
        _ = write(2, file, fileLength)
        let label: StaticString = " packet "
        _ = write(2, label.utf8Start, label.utf8CodeUnitCount)
        var n = packet, i = 24
        repeat { i -= 1; digits[i] = UInt8(48 + n % 10); n /= 10 } while n > 0 && i > 0
        _ = write(2, digits + i, 24 - i)
        let nl: StaticString = "\n"
        _ = write(2, nl.utf8Start, nl.utf8CodeUnitCount)
    }
}

private func crashLocatorHandler(_ sig: Int32) {
    CrashLocator.report("\nrobustness: CRASH while decoding")
    // Hand over to whoever handled this signal before (or the default action) and re-raise.
    sigaction(sig, CrashLocator.previous + Int(sig), nil)
    raise(sig)
}

/// Aborts with the current file and packet if one packet takes longer than `limitSeconds`.
private final class Watchdog: @unchecked Sendable {
    let limit: Int
    let ticks = Atomic<Int>(0)
    let finished = Atomic<Bool>(false)
    init(limitSeconds: Int) { limit = limitSeconds }

    func tick() { ticks.add(1, ordering: .relaxed) }
    func finish() { finished.store(true, ordering: .releasing) }

    func start() {
        let thread = Thread { [self] in
            var last = -1, still = 0
            while !finished.load(ordering: .acquiring) {
                sleep(1)
                let now = ticks.load(ordering: .relaxed)
                if now == last { still += 1 } else { still = 0; last = now }
                if still >= limit {
                    CrashLocator.report("\nrobustness: HANG (no progress in the watchdog limit) while decoding")
                    abort()
                }
            }
        }
        thread.start()
    }
}
