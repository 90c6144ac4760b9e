import Foundation
import Snapshot
import TestSupport
import Wireless
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Differential test: for every capture in captures/wifi/, the classification inputs netaudit
/// derives per BSS equal tshark's decode of the same beacons and probe responses.
///
/// tshark runs with `-n` inside a fresh network namespace (`unshare --net`), so nothing can resolve.
/// Per BSSID, tshark's rows (one per beacon/probe response) are reduced to a set of distinct
/// tuples (pairwise ciphers, group cipher, AKMs, MFPR, MFPC, WPA1 present, WPS state); netaudit keeps
/// the first frame's elements, so its tuple must be one of tshark's (they are all single-valued in
/// these captures, which the test also checks). The BSSID sets must be equal. Hidden: netaudit's flag
/// equals "some beacon of this BSSID has an empty or all-zero SSID" in tshark's decode.
final class WirelessTsharkDifferentialTests: XCTestCase {
    struct Tuple: Hashable, CustomStringConvertible {
        var pairwise: [Int]
        var group: Int?
        var akms: [Int]
        var mfpr: Bool?
        var mfpc: Bool?
        var wpa1: Bool
        var wpsState: Int?
        var description: String { "pw=\(pairwise) grp=\(group.map(String.init) ?? "-") akm=\(akms) mfpr=\(mfpr.map { "\($0)" } ?? "-") mfpc=\(mfpc.map { "\($0)" } ?? "-") wpa1=\(wpa1) wps=\(wpsState.map(String.init) ?? "-")" }
    }

    static let cipherNumbers: [String: Int] = ["WEP-40": 1, "TKIP": 2, "CCMP-128": 4, "WEP-104": 5, "BIP-CMAC-128": 6,
                                               "GCMP-128": 8, "GCMP-256": 9, "CCMP-256": 10, "BIP-GMAC-128": 11,
                                               "BIP-GMAC-256": 12, "BIP-CMAC-256": 13, "use-group": 0]
    static let akmNumbers: [String: Int] = ["802.1X": 1, "PSK": 2, "FT-802.1X": 3, "FT-PSK": 4, "802.1X-SHA256": 5,
                                            "PSK-SHA256": 6, "SAE": 8, "FT-SAE": 9, "802.1X-SUITE-B": 11,
                                            "802.1X-SUITE-B-192": 12, "FT-802.1X-SHA384": 13, "OWE": 18, "SAE-EXT-KEY": 24]

    static func ours(_ b: WirelessBSS) -> Tuple {
        Tuple(pairwise: b.rsn?.pairwiseCiphers.map { cipherNumbers[$0] ?? -1 } ?? [],
              group: b.rsn?.groupCipher.map { cipherNumbers[$0] ?? -1 },
              akms: b.rsn?.akms.map { akmNumbers[$0] ?? -1 } ?? [],
              mfpr: b.rsn.flatMap { $0.capabilities == nil ? nil : $0.mfpRequired },
              mfpc: b.rsn.flatMap { $0.capabilities == nil ? nil : $0.mfpCapable },
              wpa1: b.wpa != nil,
              wpsState: b.wps?.state.map { $0 == "unconfigured" ? 1 : $0 == "configured" ? 2 : -1 })
    }

    func testEveryWifiCaptureAgreesWithTshark() throws {
        guard let tshark = Self.find("tshark") else { throw XCTSkip("tshark not installed") }
        let prefix = try Self.isolation()
        let dir = WirelessFixtures.wifi
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir).filter({ !$0.hasPrefix(".") }).sorted(),
              !files.isEmpty else { throw XCTSkip("no captures in \(dir)") }
        var summary: [String] = []
        for file in files {
            let (agree, total) = try compare("\(dir)/\(file)", name: file, tshark: tshark, prefix: prefix)
            summary.append("\(file): \(agree)/\(total) BSSs agree")
        }
        print("wireless differential:\n  " + summary.joined(separator: "\n  "))
    }

    /// The synthetic frames (OWE transition pair, WPA3-Enterprise 192-bit, hidden SSIDs, a wildcard probe
    /// answered, …: the classes the real captures lack) decode the same in tshark (the deliberately
    /// damaged last frame is left out).
    func testSyntheticFramesAgreeWithTshark() throws {
        guard let tshark = Self.find("tshark") else { throw XCTSkip("tshark not installed") }
        let prefix = try Self.isolation()
        let dir = try WirelessFixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/synthetic-radiotap.pcap"
        try PcapFile.write(WirelessObserverTests.syntheticFrames().dropLast().map(Frames.radiotap), linkType: 127, to: path)
        let (agree, total) = try compare(path, name: "synthetic", tshark: tshark, prefix: prefix)
        XCTAssertEqual(total, 12)
        XCTAssertEqual(agree, total)
    }

    /// Compares netaudit's per-BSS facts for one capture with tshark's decode; returns (agreeing, tshark's BSS count).
    func compare(_ path: String, name file: String, tshark: String, prefix: [String]) throws -> (Int, Int) {
        do {
            let args = ["-r", path, "-n", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
                        "-e", "wlan.fc.type_subtype", "-e", "wlan.bssid", "-e", "wlan.rsn.pcs.type", "-e", "wlan.rsn.gcs.type",
                        "-e", "wlan.rsn.akms.type", "-e", "wlan.rsn.capabilities.mfpr", "-e", "wlan.rsn.capabilities.mfpc",
                        "-e", "wlan.wfa.ie.wpa.version", "-e", "wlan.ssid", "-e", "wps.wifi_protected_setup_state",
                        "-Y", "wlan.fc.type_subtype == 8 || wlan.fc.type_subtype == 5"]
            let r = Self.run(prefix[0], Array(prefix.dropFirst()) + [tshark] + args)
            // tshark exits 2 on a capture "cut short in the middle of a packet" but still prints every earlier frame.
            XCTAssertTrue(r.status == 0 || r.status == 2, "\(file): tshark failed: \(r.stderr)")
            var theirs: [String: Set<Tuple>] = [:]
            var hiddenTheirs: [String: Bool] = [:]
            for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: true) {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 10, !f[1].isEmpty else { continue }
                func ints(_ s: String) -> [Int] { s.split(separator: ",").compactMap { Self.number(String($0)) } }
                func flag(_ s: String) -> Bool? { s.isEmpty ? nil : (s.split(separator: ",").first.map { $0 == "1" || $0 == "True" }) }
                let t = Tuple(pairwise: ints(f[2]), group: ints(f[3]).first, akms: ints(f[4]), mfpr: flag(f[5]), mfpc: flag(f[6]),
                              wpa1: !f[7].isEmpty, wpsState: ints(f[9]).first)
                theirs[f[1], default: []].insert(t)
                if Self.number(f[0]) == 8 {
                    let ssid = f[8].split(separator: ",").first.map(String.init) ?? ""
                    let hidden = ssid.isEmpty || ssid == "<MISSING>" || ssid.allSatisfy { $0 == "0" }
                    hiddenTheirs[f[1], default: false] = hiddenTheirs[f[1], default: false] || hidden
                }
            }
            let (w, _) = WirelessFixtures.observe([path])
            let ourBSS = Dictionary(uniqueKeysWithValues: w.bsses.filter { $0.beacons + $0.probeResponses > 0 }.map { ($0.bssid, $0) })
            XCTAssertEqual(Set(ourBSS.keys), Set(theirs.keys), "\(file): BSSID sets differ")
            var agree = 0
            for (bssid, set) in theirs {
                guard let b = ourBSS[bssid] else { continue }
                let mine = Self.ours(b)
                XCTAssertEqual(set.count, 1, "\(file) \(bssid): tshark shows changing elements \(set)")
                XCTAssertTrue(set.contains(mine), "\(file) \(bssid): netaudit \(mine) vs tshark \(set)")
                XCTAssertEqual(b.hidden, hiddenTheirs[bssid] ?? false, "\(file) \(bssid): hidden flag")
                if set.contains(mine) && b.hidden == (hiddenTheirs[bssid] ?? false) { agree += 1 }
            }
            return (agree, theirs.count)
        }
    }

    static func number(_ s: String) -> Int? {
        if s.hasPrefix("0x") { return Int(s.dropFirst(2), radix: 16) }
        return Int(s)
    }

    static func find(_ name: String) -> String? { Isolation.find(name) }

    /// The command prefix that runs a program in a new, empty network namespace.
    static func isolation() throws -> [String] {
        do { return try Isolation.networkNamespacePrefix() } catch { throw XCTSkip(error.description) }
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs a program to completion with output through temporary files (no pipe can fill up).
    static func run(_ bin: String, _ args: [String]) -> Result {
        guard let r = try? Subprocess.run([bin] + args) else { return Result(status: 127, stdout: "", stderr: "spawn failed") }
        return Result(status: r.status.code, stdout: r.stdout, stderr: r.stderr)
    }
}
