import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Differential test: what tshark decodes from real captures against what `netaudit inventory`
/// reports for the same files.
///
/// tshark runs with `-n` inside a fresh network namespace (`unshare --net`, no interfaces but a
/// down loopback), so nothing can resolve or leak. For each file it extracts:
/// ARP sender pairs (probes with sender 0.0.0.0 excluded), DHCP ACK (chaddr, yiaddr) pairs,
/// (link source, IPv4 source) pairs the binding policy keeps (below), DHCP client host names and
/// vendor classes, mDNS A-record names whose address is the packet's own source, LLDP system
/// names and CDP device ids. Then, for each file:
///
/// * tshark ⊆ netaudit: every such fact is in the inventory (`devices[].mac` + `ipv4[].address`,
///   `hostnames[]` with the right `source`, `dhcp.vendor_class`, `lldp.system_name`, `cdp.chassis_id`);
/// * netaudit ⊆ tshark: every (MAC, IPv4) pair in the inventory is one of tshark's
///   (link source, IPv4 source) ∪ ARP-sender ∪ DHCP-ACK pairs.
///
/// Facts are taken the way netaudit's documented policy defines them (docs/inventory-json.md,
/// "How an address gets bound to a MAC"), so the comparison checks the decoding, not a policy:
/// * an IP-header source is bound only when the TTL is an initial value (1, 32, 64, 128, 255):
///   a decremented TTL means a router forwarded the packet and the source is a remote host
///   (this replaced the earlier "private-use sources only" rule; see docs/testing.md);
/// * a MAC with more than 8 IP-header-only sources is a router: those bindings are dropped;
/// * group (multicast/broadcast) MACs and non-host IPv4 addresses (0/8, broadcast, multicast) never
///   name a device; DHCP needs option 53 and ports 67/68 on both sides; host names and vendor
///   classes come from client messages (a server echoing option 60 describes nobody); LLDP, CDP
///   and the DHCP vendor class keep the latest value per device;
/// * netaudit does not look inside tunnels (GRE, VXLAN, ERSPAN, MPLS, PPPoE…): a fact counts only
///   when every protocol before it in tshark's `frame.protocols` is one netaudit decodes.
final class TsharkDifferentialTests: XCTestCase {
    static let captures = ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path

    /// tcpdump test captures with ARP, DHCP, mDNS, LLDP or CDP, chosen with
    /// `tshark -n -r F -Y 'arp || dhcp || mdns || lldp || cdp'` over all 830 files (see docs/testing.md);
    /// the test re-checks that each still holds what it was chosen for.
    static let tcpdumpFiles: [(String, String)] = [
        ("3560_CDP.pcap", "cdp"), ("802.1ad_QinQ.pcap", "arp"), ("HDLC.pcap", "cdp"), ("LLDP_and_CDP.pcap", "lldp"),
        ("arcnet-rfc1051-arp-icmp-http.pcap", "arp"), ("arcnet-rfc1201-arp-icmp-http.pcap", "arp"), ("arp-oobr.pcap", "arp"),
        ("arp-too-long-tha.pcap", "arp"), ("bgp-4byte-asn.pcap", "arp"), ("bgp-lu-multiple-labels.pcap", "arp"),
        ("bootp_asan-2.pcap", "dhcp"), ("bootp_asan.pcap", "dhcp"), ("dcb_ets.pcap", "lldp"), ("dcb_pfc.pcap", "lldp"),
        ("dcb_qcn.pcap", "lldp"), ("dhcp-mud.pcap", "dhcp"), ("dhcp-option-108.pcapng", "dhcp"), ("dhcp-option-33.pcap", "dhcp"),
        ("dhcp-rfc3004.pcap", "dhcp"), ("dhcp-rfc4388.pcap", "dhcp"), ("dhcp-rfc5859.pcap", "dhcp"),
        ("dhcpv4v6-rfc5970-rfc8572.pcap", "dhcp"), ("eapon1.pcap", "dhcp"), ("erspan-type-i-3.pcap", "arp"),
        ("erspan-type-i-4.pcap", "lldp"), ("erspan-type-ii-3.pcap", "arp"), ("evb.pcap", "lldp"),
        ("getname_2_read4_asan.pcap", "arp"), ("hoobr_safeputs.pcap", "lldp"), ("ieee802.11_htc.pcap", "dhcp"),
        ("ipoib.pcap", "arp"), ("isakmp4500.pcap", "arp"), ("isis_iid_tlv.pcap", "arp"), ("lldp-app-priority.pcap", "lldp"),
        ("lldp-infinite-loop-1.pcap", "lldp"), ("lldp-infinite-loop-2.pcap", "lldp"), ("lldp_8021_linkagg.pcap", "lldp"),
        ("lldp_8023_mtu-oobr.pcap", "lldp"), ("lldp_asan.pcap", "lldp"), ("lldp_mgmt_addr_tlv_asan.pcap", "lldp"),
        ("lldp_mudurl.pcap", "lldp"), ("mptcp-fclose.pcap", "arp"), ("rx_serviceid_oobr.pcap", "dhcp"),
        ("various_gre.pcap", "cdp"), ("vxlan.pcap", "arp"),
    ]

    /// Protocols netaudit decodes on the way to a fact (tshark's names in `frame.protocols`).
    static let transparent: Set<String> = [
        "eth", "ethertype", "vlan", "ieee8021ad", "sll", "llc", "null", "loop", "raw", "ip", "udp",
        "radiotap", "wlan_radio", "wlan", "prism", "data",
    ]

    func testInventoryAgreesWithTshark() throws {
        guard let bin = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], FileManager.default.isExecutableFile(atPath: bin) else {
            throw XCTSkip("set NETAUDIT_BIN to the netaudit binary")
        }
        guard let tshark = Tool.find("tshark") else { throw XCTSkip("tshark not installed (apt-get install tshark)") }
        let isolate = try Tool.isolation()
        guard let lan = try? FileManager.default.contentsOfDirectory(atPath: Self.captures + "/lan") else {
            throw XCTSkip("captures not found at \(Self.captures)")
        }
        var files = lan.sorted().filter { !$0.hasPrefix(".") }.map { ("lan/" + $0, "") }
        files += Self.tcpdumpFiles.map { ("tcpdump-tests/" + $0.0, $0.1) }

        var rows: [Row] = []
        var totals = Row(file: "TOTAL")
        for (relative, expected) in files {
            let path = Self.captures + "/" + relative
            var row = Row(file: relative)
            let inventory = Tool.run(bin, ["inventory", "--pcap", path, "--format", "json"], environment: ["SOURCE_DATE_EPOCH": "0"])
            if inventory.status == 2 && inventory.stderr.contains("unsupported link type") {
                row.note = "skipped: " + (inventory.stderr.components(separatedBy: "unsupported link type ").last?
                    .components(separatedBy: ";").first ?? "unsupported link type")
                rows.append(row)
                continue
            }
            // A located damage error (exit 2) still comes with the inventory of everything before it.
            XCTAssertTrue(inventory.status == 0 || inventory.status == 2, "\(relative): exit \(inventory.status): \(inventory.stderr)")
            guard let netaudit = Inventory(json: inventory.stdout) else {
                XCTFail("\(relative): netaudit output is not an inventory: \(inventory.stderr)")
                continue
            }
            if inventory.status == 2 { row.note = "damaged input (exit 2)" }

            let decoded = Tool.run(isolate[0], Array(isolate.dropFirst()) + [tshark] + Facts.tsharkArguments(path))
            guard decoded.status == 0, let facts = Facts(tsharkJSON: Data(decoded.stdout.utf8)) else {
                XCTFail("\(relative): tshark failed (\(decoded.status)): \(decoded.stderr.prefix(500))")
                continue
            }
            if !expected.isEmpty {
                XCTAssertTrue(facts.protocolsSeen.contains(expected), "\(relative) was chosen for \(expected) but tshark sees none")
            }
            compare(facts, netaudit, &row)
            rows.append(row)
            totals.add(row)
        }
        rows.append(totals)
        print(Row.table(rows))
        // The differential must have compared something of every kind, or it proves nothing.
        XCTAssertGreaterThan(totals.arp.0, 0)
        XCTAssertGreaterThan(totals.ack.0, 0)
        XCTAssertGreaterThan(totals.ip.0, 0)
        XCTAssertGreaterThan(totals.names.0, 0)
        XCTAssertGreaterThan(totals.vendor.0, 0)
        XCTAssertGreaterThan(totals.mdns.0, 0)
        XCTAssertGreaterThan(totals.lldp.0, 0)
        XCTAssertGreaterThan(totals.cdp.0, 0)
        XCTAssertGreaterThan(totals.pairs.0, 0)
    }

    private func compare(_ t: Facts, _ n: Inventory, _ row: inout Row) {
        let file = row.file
        func check(_ what: String, _ ok: Bool, _ detail: @autoclosure () -> String, _ counter: inout (Int, Int)) {
            counter.0 += 1
            if ok { counter.1 += 1 } else { XCTFail("\(file): tshark \(what) \(detail()) missing from netaudit's inventory") }
        }
        for p in t.arpPairs.sorted() { check("ARP sender", n.pairs.contains(p), "\(p)", &row.arp) }
        for p in t.ackPairs.sorted() { check("DHCP ACK", n.pairs.contains(p), "\(p)", &row.ack) }
        for p in t.ipPairs.sorted() where !t.routers.contains(p.mac) { check("IP-header", n.pairs.contains(p), "\(p)", &row.ip) }
        for h in t.dhcpNames.sorted() {
            check("DHCP host name", n.hostnames.contains(Named(mac: h.mac, name: h.name, source: "dhcp")), "\(h)", &row.names)
        }
        for (mac, vendor) in t.vendorClass.sorted(by: { $0.key < $1.key }) {
            check("DHCP vendor class", n.vendorClass[mac, default: []].contains(vendor), "\(mac) '\(vendor)' (netaudit: \(n.vendorClass[mac, default: []]))", &row.vendor)
        }
        for h in t.mdnsNames.sorted() {
            check("mDNS name", n.hostnames.contains(Named(mac: h.mac, name: h.name, source: "mdns")), "\(h)", &row.mdns)
        }
        for (mac, name) in t.lldpNames.sorted(by: { $0.key < $1.key }) {
            check("LLDP system name", n.lldpNames[mac, default: []].contains(name), "\(mac) '\(name)' (netaudit: \(n.lldpNames[mac, default: []]))", &row.lldp)
        }
        for (mac, id) in t.cdpIDs.sorted(by: { $0.key < $1.key }) {
            check("CDP device id", n.cdpIDs[mac, default: []].contains(id), "\(mac) '\(id)' (netaudit: \(n.cdpIDs[mac, default: []]))", &row.cdp)
        }
        // netaudit ⊆ tshark: no (MAC, IPv4) binding that tshark cannot account for.
        let explained = t.allIPPairs.union(t.allARPPairs).union(t.allACKPairs)
        for p in n.pairs.sorted() {
            row.pairs.0 += 1
            if explained.contains(p) { row.pairs.1 += 1 } else {
                XCTFail("\(file): netaudit binds \(p), which tshark shows in no IP header, ARP sender or DHCP ACK")
            }
        }
    }
}

// MARK: - Facts

private struct Pair: Hashable, Comparable, CustomStringConvertible {
    var mac: String
    var ip: String
    static func < (a: Pair, b: Pair) -> Bool { (a.mac, a.ip) < (b.mac, b.ip) }
    var description: String { "(\(mac), \(ip))" }
}

private struct Named: Hashable, Comparable, CustomStringConvertible {
    var mac: String
    var name: String
    var source = ""
    static func < (a: Named, b: Named) -> Bool { (a.mac, a.name) < (b.mac, b.name) }
    var description: String { "(\(mac), '\(name)')" }

    init(mac: String, name: String, source: String = "") {
        self.mac = mac
        // Both sides: case-insensitive, no trailing root dot (how netaudit stores names).
        var n = name.lowercased()
        if n.hasSuffix(".") { n.removeLast() }
        self.name = n
        self.source = source
    }
}

/// What tshark decodes, reduced to the facts compared.
private struct Facts {
    var arpPairs = Set<Pair>(), ackPairs = Set<Pair>(), ipPairs = Set<Pair>()
    /// Unrestricted pairs for the netaudit ⊆ tshark direction.
    var allARPPairs = Set<Pair>(), allACKPairs = Set<Pair>(), allIPPairs = Set<Pair>()
    var routers = Set<String>()
    var dhcpNames = Set<Named>(), mdnsNames = Set<Named>()
    var vendorClass: [String: String] = [:], lldpNames: [String: String] = [:], cdpIDs: [String: String] = [:]
    var protocolsSeen = Set<String>()

    static let fields = [
        "frame.number", "frame.protocols", "eth.src", "sll.src.eth", "wlan.sa", "ip.src", "ip.ttl", "udp.srcport", "udp.dstport",
        "arp.hw.type", "arp.proto.type", "arp.hw.size", "arp.proto.size", "arp.src.hw_mac", "arp.src.proto_ipv4",
        "dhcp.type", "dhcp.option.dhcp", "dhcp.hw.type", "dhcp.hw.len", "dhcp.hw.mac_addr", "dhcp.ip.your",
        "dhcp.option.hostname", "dhcp.option.vendor_class_id",
        "dns.flags.response", "dns.resp.type", "dns.resp.name", "dns.a",
        "lldp.chassis.subtype", "lldp.tlv.system.name", "cdp.version", "cdp.deviceid",
    ]

    static func tsharkArguments(_ path: String) -> [String] {
        // -n: no name resolution of any kind; IP reassembly off: netaudit reads first fragments only.
        ["-n", "-r", path, "-o", "ip.defragment:FALSE", "-T", "json"] + fields.flatMap { ["-e", $0] }
    }

    init?(tsharkJSON: Data) {
        guard let packets = (try? JSONSerialization.jsonObject(with: tsharkJSON)) as? [[String: Any]] else { return nil }
        var ipOnly: [String: Set<String>] = [:]
        for packet in packets {
            guard let layers = (packet["_source"] as? [String: Any])?["layers"] as? [String: Any] else { continue }
            func all(_ key: String) -> [String] { layers[key] as? [String] ?? [] }
            func first(_ key: String) -> String? { all(key).first }
            let protocols = (first("frame.protocols") ?? "").split(separator: ":").map(String.init)
            protocolsSeen.formUnion(protocols)
            /// True when netaudit decodes every protocol in front of the first `proto`.
            func reachable(_ proto: String) -> Bool {
                guard let i = protocols.firstIndex(of: proto) else { return false }
                let before = protocols[..<i]
                return before.allSatisfy(TsharkDifferentialTests.transparent.contains)
                    && before.filter { $0 == "eth" || $0 == "sll" || $0 == "wlan" }.count <= 1
            }
            let link = (first("eth.src") ?? first("sll.src.eth") ?? first("wlan.sa")).map { $0.lowercased() }
            let linkUnicast = link.map(Self.isUnicastStation) ?? false

            if let mac = link, linkUnicast, let src = first("ip.src"), Self.isHostAddress(src) {
                let p = Pair(mac: mac, ip: src)
                allIPPairs.insert(p)
                if let ttl = first("ip.ttl").flatMap({ Int($0) }), Self.initialTTLs.contains(ttl), reachable("ip") {
                    ipPairs.insert(p)
                    ipOnly[mac, default: []].insert(src)
                }
            }
            // ARP: Ethernet/IPv4 only (hardware 1, protocol 0x0800, lengths 6 and 4), no probes.
            if let mac = first("arp.src.hw_mac")?.lowercased(), let ip = first("arp.src.proto_ipv4"),
               first("arp.hw.type") == "1", first("arp.proto.type").flatMap(Self.number) == 0x0800,
               first("arp.hw.size") == "6", first("arp.proto.size") == "4",
               Self.isUnicastStation(mac), Self.isHostAddress(ip) {
                let p = Pair(mac: mac, ip: ip)
                allARPPairs.insert(p)
                if reachable("arp") { arpPairs.insert(p) }
            }
            // DHCP: option 53 present, ports 67/68 on both sides.
            let ports = [first("udp.srcport"), first("udp.dstport")].compactMap { $0.flatMap { Int($0) } }
            if let type = first("dhcp.option.dhcp").flatMap({ Int($0) }), ports.count == 2, ports.allSatisfy({ $0 == 67 || $0 == 68 }) {
                let op = first("dhcp.type")
                let chaddr = first("dhcp.hw.type").flatMap(Self.number) == 1 && first("dhcp.hw.len") == "6"
                    ? first("dhcp.hw.mac_addr")?.lowercased() : nil
                if op == "2" {
                    if type == 5, linkUnicast, let mac = chaddr, Self.isUnicastStation(mac), let ip = first("dhcp.ip.your"), Self.isHostAddress(ip) {
                        let p = Pair(mac: mac, ip: ip)
                        allACKPairs.insert(p)
                        if reachable("dhcp") { ackPairs.insert(p) }
                    }
                } else if reachable("dhcp") {
                    let client = chaddr.flatMap { Self.isUnicastStation($0) ? $0 : nil } ?? (linkUnicast ? link : nil)
                    if let mac = client {
                        for name in all("dhcp.option.hostname") where !name.isEmpty { dhcpNames.insert(Named(mac: mac, name: name)) }
                        if let vendor = all("dhcp.option.vendor_class_id").last, !vendor.isEmpty { vendorClass[mac] = vendor }
                    }
                }
            }
            // mDNS: responses; A records that carry the packet's own source address name the sender.
            if ports.contains(5353), first("dns.flags.response") == "1", let mac = link, linkUnicast, reachable("mdns"),
               let src = first("ip.src") {
                let types = all("dns.resp.type"), names = all("dns.resp.name")
                var addresses = all("dns.a").makeIterator()
                for (type, name) in zip(types, names) where type == "1" {
                    if let a = addresses.next(), a == src { mdnsNames.insert(Named(mac: mac, name: name)) }
                }
            }
            if let mac = link, linkUnicast, reachable("lldp"), first("lldp.chassis.subtype") != nil, let name = first("lldp.tlv.system.name") {
                lldpNames[mac] = name
            }
            if let mac = link, linkUnicast, reachable("cdp"), let v = first("cdp.version"), v == "1" || v == "2",
               let id = first("cdp.deviceid") {
                cdpIDs[mac] = id
            }
        }
        // The observer's router rule: more than 8 IP-header-only sources behind one MAC.
        for (mac, sources) in ipOnly where sources.count > 8 { routers.insert(mac) }
    }

    /// TTLs operating systems start with; anything else was decremented by a router.
    static let initialTTLs: Set<Int> = [1, 32, 64, 128, 255]

    static func number(_ s: String) -> Int? { s.hasPrefix("0x") ? Int(s.dropFirst(2), radix: 16) : Int(s) }

    static func octets(_ ip: String) -> [UInt32]? {
        let parts = ip.split(separator: ".").compactMap { UInt32($0) }
        return parts.count == 4 && parts.allSatisfy { $0 < 256 } ? parts : nil
    }

    static func isHostAddress(_ ip: String) -> Bool {
        guard let o = octets(ip) else { return false }
        return o[0] != 0 && !(o[0] >= 224 && o[0] <= 239) && ip != "255.255.255.255"
    }

    static func isUnicastStation(_ mac: String) -> Bool {
        guard let firstOctet = UInt8(mac.prefix(2), radix: 16) else { return false }
        return firstOctet & 1 == 0 && mac != "00:00:00:00:00:00"
    }
}

/// netaudit's JSON inventory, reduced to the facts compared.
private struct Inventory {
    var pairs = Set<Pair>()
    var hostnames = Set<Named>()
    var vendorClass: [String: [String]] = [:], lldpNames: [String: [String]] = [:], cdpIDs: [String: [String]] = [:]

    init?(json: String) {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              let devices = root["devices"] as? [[String: Any]] else { return nil }
        for d in devices {
            guard let mac = (d["mac"] as? String)?.lowercased() else { return nil }
            for b in d["ipv4"] as? [[String: Any]] ?? [] { if let a = b["address"] as? String { pairs.insert(Pair(mac: mac, ip: a)) } }
            for h in d["hostnames"] as? [[String: Any]] ?? [] {
                if let n = h["name"] as? String, let s = h["source"] as? String { hostnames.insert(Named(mac: mac, name: n, source: s)) }
            }
            if let v = (d["dhcp"] as? [String: Any])?["vendor_class"] as? String { vendorClass[mac, default: []].append(v) }
            if let v = (d["lldp"] as? [String: Any])?["system_name"] as? String { lldpNames[mac, default: []].append(v) }
            if let v = (d["cdp"] as? [String: Any])?["chassis_id"] as? String { cdpIDs[mac, default: []].append(v) }
        }
    }
}

// MARK: - Report

private struct Row {
    var file: String
    /// (tshark facts, found in netaudit) per kind; pairs: (netaudit pairs, explained by tshark).
    var arp = (0, 0), ack = (0, 0), ip = (0, 0), names = (0, 0), vendor = (0, 0), mdns = (0, 0), lldp = (0, 0), cdp = (0, 0)
    var pairs = (0, 0)
    var note = ""

    var agrees: Bool {
        [arp, ack, ip, names, vendor, mdns, lldp, cdp, pairs].allSatisfy { $0.0 == $0.1 }
    }

    mutating func add(_ r: Row) {
        func sum(_ a: inout (Int, Int), _ b: (Int, Int)) { a.0 += b.0; a.1 += b.1 }
        sum(&arp, r.arp); sum(&ack, r.ack); sum(&ip, r.ip); sum(&names, r.names); sum(&vendor, r.vendor)
        sum(&mdns, r.mdns); sum(&lldp, r.lldp); sum(&cdp, r.cdp); sum(&pairs, r.pairs)
    }

    static func table(_ rows: [Row]) -> String {
        let header = ["file", "arp", "dhcp-ack", "ip(ttl)", "dhcp-name", "vendor", "mdns", "lldp", "cdp", "na⊆ts", "result"]
        var lines = [header]
        for r in rows {
            func cell(_ c: (Int, Int)) -> String { c.0 == 0 ? "-" : "\(c.1)/\(c.0)" }
            let result = r.note.hasPrefix("skipped") ? r.note : (r.agrees ? "agree" : "DISAGREE") + (r.note.isEmpty || r.note.hasPrefix("skipped") ? "" : " (\(r.note))")
            lines.append([r.file, cell(r.arp), cell(r.ack), cell(r.ip), cell(r.names), cell(r.vendor), cell(r.mdns), cell(r.lldp),
                          cell(r.cdp), cell(r.pairs), result])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for l in lines { for (i, c) in l.enumerated() { widths[i] = max(widths[i], c.count) } }
        let text = lines.map { l in
            l.enumerated().map { i, c in i == l.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return "tshark differential (found/tshark facts per kind; na⊆ts: netaudit (MAC, IPv4) pairs explained by tshark)\n"
            + text.joined(separator: "\n")
    }
}

// MARK: - Processes

private enum Tool {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func find(_ name: String) -> String? { Isolation.find(name) }

    /// The command prefix that runs a program in a new, empty network namespace.
    static func isolation() throws -> [String] {
        do { return try Isolation.networkNamespacePrefix() } catch { throw XCTSkip(error.description) }
    }

    /// Runs a program to completion (output through temporary files, so no pipe can fill up).
    static func run(_ bin: String, _ args: [String], environment: [String: String] = [:], timeout: Double = 300) -> Result {
        do {
            let r = try Subprocess.run([bin] + args, environment: environment, timeout: timeout)
            return Result(status: r.status.code, stdout: r.stdout, stderr: r.stderr)
        } catch {
            return Result(status: 127, stdout: "", stderr: "\(error)")
        }
    }
}
