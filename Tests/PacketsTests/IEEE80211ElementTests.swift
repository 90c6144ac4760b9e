import Packets
import XCTest

/// Element-level decoding: each test states the element bytes exactly as they are on the wire.
final class IEEE80211ElementTests: XCTestCase {
    func walk(_ bytes: [UInt8]) -> (ids: [UInt8], malformed: Bool, offset: Int) {
        bytes.withUnsafeBytes { buf in
            var it = InformationElements(buf)
            var ids: [UInt8] = []
            while let e = it.next() { ids.append(e.id) }
            return (ids, it.malformed, it.malformedOffset)
        }
    }

    func testWalkStopsOnOverlongElement() {
        // SSID "ab", DS channel 6, then an element claiming 10 bytes with only 2 present.
        let r = walk([0x00, 0x02, 0x61, 0x62, 0x03, 0x01, 0x06, 0x30, 0x0A, 0x01, 0x00])
        XCTAssertEqual(r.ids, [0, 3])
        XCTAssertTrue(r.malformed)
        XCTAssertEqual(r.offset, 7)
        // One stray octet at the end is damage too; an empty region is not.
        XCTAssertTrue(walk([0x00, 0x00, 0xDD]).malformed)
        XCTAssertFalse(walk([]).malformed)
        XCTAssertEqual(walk([0x00, 0x00]).ids, [0])
    }

    /// WPA3-SAE RSN: group CCMP, pairwise CCMP, AKM SAE, caps MFPR|MFPC, PMKID count 0, group-mgmt BIP-CMAC-128.
    static let rsnSAE: [UInt8] = [0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04,
                                  0x01, 0x00, 0x00, 0x0F, 0xAC, 0x08, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x0F, 0xAC, 0x06]

    func testRSNFullLayout() {
        Self.rsnSAE.withUnsafeBytes { b in
            let r = RSNElement(body: b, isWPA1: false)
            XCTAssertFalse(r.malformed)
            XCTAssertEqual(r.version, 1)
            XCTAssertEqual(r.groupCipher, SuiteSelector(oui: 0x000FAC, type: 4))
            XCTAssertEqual(r.pairwiseCiphers, [SuiteSelector(oui: 0x000FAC, type: 4)])
            XCTAssertEqual(r.akms, [SuiteSelector(oui: 0x000FAC, type: 8)])
            XCTAssertTrue(r.mfpRequired)
            XCTAssertTrue(r.mfpCapable)
            XCTAssertEqual(r.groupManagementCipher?.type, 6)
            XCTAssertEqual(r.akm(0).description, "00-0F-AC:8")
        }
    }

    func testRSNTruncatedAtEveryLength() {
        // Every prefix decodes without reading out of bounds; prefixes that end inside a field are malformed.
        let fieldEnds: Set<Int> = [2, 6, 12, 18, 20, 22, 26]
        for n in 0...Self.rsnSAE.count {
            Array(Self.rsnSAE.prefix(n)).withUnsafeBytes { b in
                let r = RSNElement(body: b, isWPA1: false)
                XCTAssertEqual(r.malformed, !fieldEnds.contains(n), "prefix \(n)")
            }
        }
        // A pairwise count far past the element.
        let lying: [UInt8] = [0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0xFF, 0xFF, 0x00, 0x0F, 0xAC, 0x04]
        lying.withUnsafeBytes { b in
            let r = RSNElement(body: b, isWPA1: false)
            XCTAssertTrue(r.malformed)
            XCTAssertEqual(r.pairwiseCount, 0)
            XCTAssertEqual(r.groupCipher?.type, 4)
        }
    }

    func testWPA1VendorElement() {
        // dd 16 00 50 f2 01 | 01 00 | 00 50 f2 02 | 01 00 00 50 f2 02 | 01 00 00 50 f2 02
        let e: [UInt8] = [0xDD, 0x16, 0x00, 0x50, 0xF2, 0x01, 0x01, 0x00, 0x00, 0x50, 0xF2, 0x02,
                          0x01, 0x00, 0x00, 0x50, 0xF2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xF2, 0x02]
        e.withUnsafeBytes { b in
            var it = InformationElements(b)
            let el = it.next()!
            let r = RSNElement.wpa1(el)!
            XCTAssertTrue(r.isWPA1)
            XCTAssertTrue(r.groupCipher!.isWPA1)
            XCTAssertEqual(r.groupCipher?.type, 2)
            XCTAssertEqual(r.akms.map(\.type), [2])
            XCTAssertNil(RSNElement.rsn(el))
            XCTAssertNil(WPSElement(el))
        }
    }

    func testWPSAttributes() {
        var e: [UInt8] = [0xDD, 0x00, 0x00, 0x50, 0xF2, 0x04,
                          0x10, 0x4A, 0x00, 0x01, 0x10,               // version 1.0
                          0x10, 0x44, 0x00, 0x01, 0x02,               // configured
                          0x10, 0x57, 0x00, 0x01, 0x01,               // AP setup locked
                          0x10, 0x49, 0x00, 0x06, 0x00, 0x37, 0x2A, 0x00, 0x01, 0x20]   // WFA ext: Version2 2.0
        e[1] = UInt8(e.count - 2)
        e.withUnsafeBytes { b in
            var it = InformationElements(b)
            let w = WPSElement(it.next()!)!
            XCTAssertEqual(w.version, 0x10)
            XCTAssertEqual(w.state, 2)
            XCTAssertEqual(w.apSetupLocked, 1)
            XCTAssertEqual(w.version2, 0x20)
            XCTAssertFalse(w.malformed)
        }
        // An attribute whose length runs past the element.
        var bad: [UInt8] = [0xDD, 0x00, 0x00, 0x50, 0xF2, 0x04, 0x10, 0x44, 0x00, 0x01, 0x01, 0x10, 0x57, 0x00, 0x09, 0x01]
        bad[1] = UInt8(bad.count - 2)
        bad.withUnsafeBytes { b in
            var it = InformationElements(b)
            let w = WPSElement(it.next()!)!
            XCTAssertEqual(w.state, 1)
            XCTAssertNil(w.apSetupLocked)
            XCTAssertTrue(w.malformed)
        }
    }

    func testRSNXAndOWETransition() {
        let e: [UInt8] = [0xF4, 0x01, 0x20,
                          0xDD, 0x0F, 0x50, 0x6F, 0x9A, 0x1C, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x04, 0x6F, 0x77, 0x65, 0x21]
        e.withUnsafeBytes { b in
            var it = InformationElements(b)
            let x = RSNXElement(it.next()!)!
            XCTAssertTrue(x.saeHashToElement)
            XCTAssertFalse(x.saePK)
            let o = OWETransitionElement(it.next()!)!
            XCTAssertEqual(Array(o.bssid), [0x02, 0x11, 0x22, 0x33, 0x44, 0x55])
            XCTAssertEqual(String(decoding: Array(o.ssid), as: UTF8.self), "owe!")
            XCTAssertFalse(it.malformed)
        }
        // OWE element whose SSID length runs past the element: not decoded.
        let bad: [UInt8] = [0xDD, 0x0B, 0x50, 0x6F, 0x9A, 0x1C, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x09]
        bad.withUnsafeBytes { b in
            var it = InformationElements(b)
            XCTAssertNil(OWETransitionElement(it.next()!))
        }
    }

    func testManagementBodyOffsets() {
        // Beacon with Order bit set: 4 bytes of HT Control before the fixed fields.
        var f: [UInt8] = [0x80, 0x80, 0, 0] + Array(repeating: 0xFF, count: 6) + Array(repeating: 0x02, count: 12) + [0, 0]
        f += [0xAA, 0xBB, 0xCC, 0xDD]                     // HT control
        f += Array(repeating: 0, count: 10) + [0x11, 0x00] // timestamp, interval, capability (Privacy)
        f += [0x00, 0x01, 0x41]
        f.withUnsafeBytes { b in
            XCTAssertEqual(IEEE80211Management.bodyOffset(b), 28)
            XCTAssertEqual(IEEE80211Management.capability(b, subtype: 8), 0x0011)
            var els = IEEE80211Management.elements(b, subtype: 8)!
            let e = els.next()!
            XCTAssertEqual(e.id, 0)
            XCTAssertEqual(Array(e.body), [0x41])
        }
        // Fixed fields cut short: no element region.
        Array(f.prefix(30)).withUnsafeBytes { XCTAssertNil(IEEE80211Management.elements($0, subtype: 8)) }
    }
}
