import Capture
import Foundation
import Snapshot
import Wireless
import XCTest

/// Byte-exact 802.11 management frames and a tiny pcap writer, so tests go through the real
/// capture path (libpcap → link-layer stripping → observer).
enum Frames {
    static func mac(_ s: String) -> [UInt8] { s.split(separator: ":").map { UInt8($0, radix: 16)! } }
    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }

    static func header(subtype: UInt8, da: String, sa: String, bssid: String) -> [UInt8] {
        [subtype << 4, 0x00, 0x00, 0x00] + mac(da) + mac(sa) + mac(bssid) + [0x10, 0x00]
    }

    static func element(_ id: UInt8, _ body: [UInt8]) -> [UInt8] { [id, UInt8(body.count)] + body }
    static func ssid(_ s: [UInt8]) -> [UInt8] { element(0, s) }
    static func ssid(_ s: String) -> [UInt8] { ssid(Array(s.utf8)) }
    static func suite(_ t: UInt8) -> [UInt8] { [0x00, 0x0F, 0xAC, t] }

    /// An RSN element: explicit capabilities; group-management cipher appended (with PMKID count 0) when given.
    static func rsn(group: UInt8 = 4, pairwise: [UInt8] = [4], akms: [UInt8], caps: UInt16, groupMgmt: UInt8? = nil) -> [UInt8] {
        var b: [UInt8] = [0x01, 0x00] + suite(group) + le16(UInt16(pairwise.count))
        for p in pairwise { b += suite(p) }
        b += le16(UInt16(akms.count))
        for a in akms { b += suite(a) }
        b += le16(caps)
        if let g = groupMgmt { b += [0x00, 0x00] + suite(g) }
        return element(48, b)
    }

    static func wpa1(cipher: UInt8 = 2, akm: UInt8 = 2) -> [UInt8] {
        element(221, [0x00, 0x50, 0xF2, 0x01, 0x01, 0x00, 0x00, 0x50, 0xF2, cipher, 0x01, 0x00, 0x00, 0x50, 0xF2, cipher,
                      0x01, 0x00, 0x00, 0x50, 0xF2, akm])
    }

    static func wps(state: UInt8, locked: UInt8? = nil) -> [UInt8] {
        var b: [UInt8] = [0x00, 0x50, 0xF2, 0x04, 0x10, 0x4A, 0x00, 0x01, 0x10, 0x10, 0x44, 0x00, 0x01, state]
        if let locked { b += [0x10, 0x57, 0x00, 0x01, locked] }
        return element(221, b)
    }

    static func beacon(bssid: String, privacy: Bool, channel: UInt8 = 6, _ elements: [UInt8], subtype: UInt8 = 8, da: String = "ff:ff:ff:ff:ff:ff") -> [UInt8] {
        header(subtype: subtype, da: da, sa: bssid, bssid: bssid) + Array(repeating: 0, count: 8) + [0x64, 0x00]
            + le16(privacy ? 0x0411 : 0x0401) + elements + element(3, [channel])
    }

    static func probeRequest(sta: String, ssid s: String) -> [UInt8] {
        header(subtype: 4, da: "ff:ff:ff:ff:ff:ff", sa: sta, bssid: "ff:ff:ff:ff:ff:ff") + ssid(s) + element(1, [0x82, 0x84])
    }

    static func associationRequest(sta: String, bssid: String, ssid s: String, _ elements: [UInt8]) -> [UInt8] {
        header(subtype: 0, da: bssid, sa: sta, bssid: bssid) + le16(0x0411) + le16(10) + ssid(s) + elements
    }

    /// Minimal radiotap header (no fields) and a Prism header (144 bytes, length at offset 4 little-endian).
    static func radiotap(_ f: [UInt8]) -> [UInt8] { [0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00] + f }
    static func prism(_ f: [UInt8]) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 144)
        h[0] = 0x41; h[4] = 144
        return h + f
    }
}

enum PcapFile {
    /// Writes a classic microsecond pcap with the given link type.
    static func write(_ frames: [[UInt8]], linkType: UInt32, to path: String) throws {
        func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        var out: [UInt8] = le32(0xA1B2_C3D4) + [0x02, 0x00, 0x04, 0x00] + le32(0) + le32(0) + le32(65535) + le32(linkType)
        for (i, f) in frames.enumerated() {
            out += le32(1_700_000_000 + UInt32(i)) + le32(0) + le32(UInt32(f.count)) + le32(UInt32(f.count)) + f
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
    }
}

enum WirelessFixtures {
    static let captures = ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path
    static var wifi: String { captures + "/wifi" }

    static func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "netaudit-wifi-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Reads capture files through the real capture session into a wireless snapshot.
    static func observe(_ paths: [String]) -> (WirelessSnapshot, [SourceReport]) {
        let observer = WirelessObserver()
        let reports = CaptureSession().readFiles(paths, observers: [observer])
        return (observer.snapshot(), reports)
    }

    static func capture(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = wifi + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("capture \(path) not present") }
        return path
    }
}
