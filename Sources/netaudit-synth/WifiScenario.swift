/// `netaudit-synth wifi`: a large monitor-mode capture (radiotap, LINKTYPE 127) of beacons and
/// probe responses from a fixed set of BSSs whose security elements cover every class netaudit
/// distinguishes (open, WEP, WPA1, WPA/WPA2 mixed, WPA2-Personal/Enterprise, WPA2/WPA3 transition,
/// WPA3-Personal/Enterprise/192-bit, OWE and its open transition partner), with WPS in several
/// states, hidden SSIDs (empty and zeroed, revealed by probe responses), and the odd wildcard probe
/// request. A BSS advertises the same elements in every frame, so "the first beacon" is
/// well-defined for the benchmark's comparison with tshark. Deterministic for a seed.
struct WifiScenario {
    static let minimumBSSes = 12
    static let maximumBSSes = 60_000

    let seed: UInt64
    let bssCount: Int
    let frameCount: Int

    struct Result {
        var frames: Int
        var bsses: Int
    }

    /// One BSS's two frame templates (beacon, probe response) without the radiotap header.
    struct BSSTemplates {
        var beacon: [UInt8]
        var response: [UInt8]
    }

    func run(writer: CaptureWriter) throws(SynthError) -> Result {
        var rng = SeededGenerator(seed: seed)
        let templates = (0..<bssCount).map { makeBSS($0, &rng) }
        let radiotap: [UInt8] = [0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]
        var time: Int64 = 1_767_603_600_000_000_000
        var sequence: UInt16 = 0
        for n in 0..<frameCount {
            time += Int64(50_000 + rng.below(100_000))
            sequence &+= 1
            // About one frame in 500 is a wildcard probe request from a roaming phone.
            if rng.below(500) == 0 {
                let station: [UInt8] = [0xDA, 0xA1, 0x19, rng.byte(), rng.byte(), rng.byte()]
                let frame = radiotap + header(subtype: 4, da: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], sa: station,
                                              bssid: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], sequence: sequence)
                    + [0x00, 0x00, 0x01, 0x04, 0x02, 0x04, 0x0B, 0x16]
                try writer.write(frame: frame, timestamp: time)
                continue
            }
            let t = templates[n % bssCount]
            let body = rng.below(10) == 0 ? t.response : t.beacon
            let seq = sequence << 4
            try writer.writeFrame(length: radiotap.count + body.count, timestamp: time) { dst in
                radiotap.withUnsafeBytes { dst.copyMemory(from: $0.baseAddress!, byteCount: 8) }
                body.withUnsafeBytes { dst.advanced(by: 8).copyMemory(from: $0.baseAddress!, byteCount: body.count) }
                dst.storeBytes(of: UInt16(seq).littleEndian, toByteOffset: 8 + 22, as: UInt16.self)
            }
        }
        try writer.finish()
        return Result(frames: frameCount, bsses: bssCount)
    }

    func bssid(_ index: Int) -> [UInt8] {
        [0x02, UInt8(truncatingIfNeeded: seed), 0x11, UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF)]
    }

    func header(subtype: UInt8, da: [UInt8], sa: [UInt8], bssid: [UInt8], sequence: UInt16) -> [UInt8] {
        [subtype << 4, 0x00, 0x00, 0x00] + da + sa + bssid + [UInt8(truncatingIfNeeded: sequence << 4), UInt8(truncatingIfNeeded: sequence >> 4)]
    }

    static func element(_ id: UInt8, _ body: [UInt8]) -> [UInt8] { [id, UInt8(body.count)] + body }
    static func suite(_ t: UInt8) -> [UInt8] { [0x00, 0x0F, 0xAC, t] }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }

    static func rsn(group: UInt8 = 4, pairwise: [UInt8] = [4], akms: [UInt8], caps: Int, groupMgmt: UInt8? = nil) -> [UInt8] {
        var b: [UInt8] = [0x01, 0x00] + suite(group) + le16(pairwise.count)
        for p in pairwise { b += suite(p) }
        b += le16(akms.count)
        for a in akms { b += suite(a) }
        b += le16(caps)
        if let g = groupMgmt { b += [0x00, 0x00] + suite(g) }
        return element(48, b)
    }

    static func wpa1(ciphers: [UInt8], akm: UInt8) -> [UInt8] {
        var b: [UInt8] = [0x00, 0x50, 0xF2, 0x01, 0x01, 0x00, 0x00, 0x50, 0xF2, ciphers[0]] + le16(ciphers.count)
        for c in ciphers { b += [0x00, 0x50, 0xF2, c] }
        b += le16(1) + [0x00, 0x50, 0xF2, akm]
        return element(221, b)
    }

    static func wps(state: UInt8, locked: Bool, version2: Bool) -> [UInt8] {
        var b: [UInt8] = [0x00, 0x50, 0xF2, 0x04, 0x10, 0x4A, 0x00, 0x01, 0x10, 0x10, 0x44, 0x00, 0x01, state]
        if locked { b += [0x10, 0x57, 0x00, 0x01, 0x01] }
        b += [0x10, 0x3B, 0x00, 0x01, 0x03]                                      // response type: AP
        if version2 { b += [0x10, 0x49, 0x00, 0x06, 0x00, 0x37, 0x2A, 0x00, 0x01, 0x20] }
        return element(221, b)
    }

    /// The elements and privacy bit of BSS `index`: the security profile cycles through the classes.
    func makeBSS(_ index: Int, _ rng: inout SeededGenerator) -> BSSTemplates {
        typealias S = WifiScenario
        let channels: [UInt8] = [1, 6, 11, 36, 40, 44, 48, 100, 149]
        let channel = channels[rng.below(channels.count)]
        let name = Array("net-\(index)".utf8)
        var ssid = name
        var revealed: [UInt8]?
        var privacy = true
        var security: [UInt8] = []
        let kind = index % 14
        switch kind {
        case 0: privacy = false                                                             // open
        case 1: break                                                                        // WEP
        case 2: security = S.wpa1(ciphers: [2], akm: 2)                                      // WPA1 TKIP
        case 3: security = S.rsn(group: 2, pairwise: [4, 2], akms: [2], caps: 0) + S.wpa1(ciphers: [4, 2], akm: 2)
            + S.wps(state: 1, locked: false, version2: false)                                 // mixed + WPS unconfigured
        case 4: security = S.rsn(akms: [2], caps: 0) + S.wps(state: 2, locked: rng.chance(50), version2: true)
        case 5: security = S.rsn(akms: [2, 8], caps: 0x0080)                                  // transition, PMF capable
        case 6: security = S.rsn(akms: [8], caps: 0x00C0, groupMgmt: 6) + S.element(244, [0x20])
        case 7: security = S.rsn(akms: [1, 3], caps: 0x0001) + S.element(54, [0x12, 0x34, 0x01])
        case 8: security = S.rsn(group: 9, pairwise: [9], akms: [12], caps: 0x00C0, groupMgmt: 12)
        case 9:                                                                              // OWE, hidden (zeroed SSID)
            revealed = name
            ssid = [UInt8](repeating: 0, count: name.count)
            security = S.rsn(akms: [18], caps: 0x00C0)
                + S.element(221, [0x50, 0x6F, 0x9A, 0x1C] + bssid(index + 1) + [UInt8(name.count + 5)] + name + Array("-open".utf8))
        case 10:                                                                             // its open transition partner
            privacy = false
            let owe = Array("net-\(index - 1)".utf8)
            security = S.element(221, [0x50, 0x6F, 0x9A, 0x1C] + bssid(index - 1) + [UInt8(owe.count)] + owe)
            ssid = Array("net-\(index - 1)-open".utf8)
        case 11:                                                                             // hidden (empty SSID) WPA2
            revealed = name
            ssid = []
            security = S.rsn(akms: [2, 6], caps: 0x0080)
        case 12: security = S.rsn(akms: [5], caps: 0x00C0, groupMgmt: 6)                      // WPA3-Enterprise
        default: security = S.rsn(pairwise: [4, 8], akms: [24, 8], caps: 0x00C0) + S.wps(state: 2, locked: true, version2: true)
        }
        let rates = S.element(1, [0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24])
        let capability = privacy ? 0x0411 : 0x0401
        let fixed = [UInt8](repeating: 0, count: 8) + [0x64, 0x00] + S.le16(capability)
        let ds = S.element(3, [channel])
        let me = bssid(index)
        let beacon = header(subtype: 8, da: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], sa: me, bssid: me, sequence: 0)
            + fixed + S.element(0, ssid) + rates + ds + S.element(5, [0x00, 0x01, 0x00, 0x00]) + security
        let station: [UInt8] = [0xDA, 0xA1, 0x19, 0x00, UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF)]
        let response = header(subtype: 5, da: station, sa: me, bssid: me, sequence: 0)
            + fixed + S.element(0, revealed ?? ssid) + rates + ds + security
        return BSSTemplates(beacon: beacon, response: response)
    }
}
