/// Passive 802.11 observer: beacons, probe responses, probe requests, (re)association requests
/// and authentication frames into one record per BSS and one per associating client.
///
/// Fed one borrowed frame at a time. A BSS's security elements are parsed into values once,
/// from its first beacon or probe response; later frames of the same BSS only walk the elements
/// (zero-copy) to compare the security elements' bytes with the stored ones and update counters,
/// so the common path (repeated beacons) does not allocate.
import Capture
import NetAddress
import Packets
import Snapshot

public final class WirelessObserver: FrameObserver {
    struct BSSState {
        var bssid: MACAddress
        var firstSeen: Int64
        var lastSeen: Int64
        var evidence: Evidence
        var beaconSSID: [UInt8]?
        var responseSSID: [UInt8]?
        var hidden = false
        var channel: Int?
        var meshID: [UInt8]?
        var privacy = false
        var rsnRaw: [UInt8]?
        var wpaRaw: [UInt8]?
        var rsn: WirelessRSN?
        var wpa: WirelessRSN?
        var rsnGroup: SuiteSelector?
        var rsnPairwise: [SuiteSelector] = []
        var rsnAKMs: [SuiteSelector] = []
        var rsnx: UInt8?
        var wps: WirelessWPS?
        var owe: WirelessOWETransition?
        var fastTransition = false
        var answeredWildcard = false
        var beacons = 0
        var probeResponses = 0
        var securityChanged = false
    }

    struct ClientState {
        var mac: MACAddress
        var bssid: MACAddress
        var ssid: [UInt8]
        var akm: SuiteSelector?
        var pairwise: SuiteSelector?
        var requests = 0
        var firstSeen: Int64
        var lastSeen: Int64
        var evidence: Evidence
    }

    // The observer is fed from one thread and never hands out references to its state, so the
    // per-access exclusivity checks on these hot properties are off (they cost more than the parsing).
    @exclusivity(unchecked) var bssIndex: [MACAddress: Int] = [:]
    @exclusivity(unchecked) var bsses: [BSSState] = []
    @exclusivity(unchecked) var clients: [MACAddress: ClientState] = [:]
    /// Per station: whether its latest probe request was a wildcard one.
    @exclusivity(unchecked) var lastProbeWasWildcard: [MACAddress: Bool] = [:]
    @exclusivity(unchecked) var authAlgorithms: [MACAddress: UInt16] = [:]
    @exclusivity(unchecked) var wildcardProbes = 0
    var malformed: [WirelessMalformed] = []
    var reportedMalformed: Set<UInt64> = []
    public var maxMalformedReports = 1000

    @exclusivity(unchecked) var sourceIndex = 0
    @exclusivity(unchecked) var packetNumber = 0
    @exclusivity(unchecked) public private(set) var firstTimestamp: Int64?
    @exclusivity(unchecked) public private(set) var lastTimestamp: Int64?
    /// Management frames seen (any subtype).
    @exclusivity(unchecked) public private(set) var managementFrames = 0

    public init() {}

    public func beginSource(index: Int) {
        sourceIndex = index
        packetNumber = 0
    }

    public func observe(_ header: PacketHeader, _ frame: UnsafeRawBufferPointer, linkType: LinkType) {
        packetNumber += 1
        switch linkType.rawValue {
        case 105, 119, 127: break
        default: return
        }
        guard let link = LinkFrame.decode(frame, linkType: linkType), case .wlanManagement(let subtype) = link.kind else { return }
        managementFrames += 1
        let t = header.timestamp
        if firstTimestamp == nil { firstTimestamp = t }
        lastTimestamp = t
        let raw = link.payload
        switch subtype {
        case IEEE80211Management.beacon, IEEE80211Management.probeResponse:
            guard let bssid = link.bssid, let source = link.source else { return }
            beaconOrResponse(raw, subtype: subtype, bssid: bssid, source: source, destination: link.destination, time: t)
        case IEEE80211Management.probeRequest:
            guard let station = link.source else { return }
            probeRequest(raw, station: station)
        case IEEE80211Management.associationRequest, IEEE80211Management.reassociationRequest:
            guard let station = link.source, let bssid = link.bssid else { return }
            associationRequest(raw, subtype: subtype, station: station, bssid: bssid, time: t)
        case IEEE80211Management.authentication:
            guard let bssid = link.bssid else { return }
            let off = IEEE80211Management.bodyOffset(raw)
            guard raw.count >= off + 2 else { return }
            let alg = Int(raw.le16(off))
            if alg < 16 { authAlgorithms[bssid, default: 0] |= UInt16(1) << UInt16(alg) }
        default:
            return
        }
    }

    // MARK: frames

    private func beaconOrResponse(_ raw: UnsafeRawBufferPointer, subtype: UInt8, bssid: MACAddress, source: MACAddress,
                                  destination: MACAddress?, time: Int64) {
        guard let cap = IEEE80211Management.capability(raw, subtype: subtype),
              var elements = IEEE80211Management.elements(raw, subtype: subtype) else {
            report(bssid, kind: 0, element: "fixed_fields", message: "management frame cut short before its elements")
            return
        }
        let isBeacon = subtype == IEEE80211Management.beacon
        let i: Int
        let isNew: Bool
        if let existing = bssIndex[bssid] {
            i = existing
            isNew = false
        } else {
            i = bsses.count
            bsses.append(BSSState(bssid: bssid, firstSeen: time, lastSeen: time,
                                  evidence: Evidence(protocol: isBeacon ? "802.11-beacon" : "802.11-probe-response",
                                                     source: sourceIndex, packet: packetNumber)))
            bssIndex[bssid] = i
            isNew = true
        }
        bsses[i].lastSeen = time
        if isBeacon { bsses[i].beacons += 1 } else { bsses[i].probeResponses += 1 }
        if !isBeacon, let destination, lastProbeWasWildcard[destination] == true { bsses[i].answeredWildcard = true }
        let needsParse = isNew
        if needsParse { bsses[i].privacy = cap & 0x0010 != 0 }

        var seenRSN = false, seenWPA = false
        while let e = elements.next() {
            switch e.id {
            case InformationElements.ssid:
                let zeroed = e.body.count == 0 || e.body.allSatisfy { $0 == 0 }
                if isBeacon {
                    if zeroed { bsses[i].hidden = true }
                    if bsses[i].beaconSSID == nil { bsses[i].beaconSSID = Array(e.body) }
                } else if !zeroed, bsses[i].responseSSID == nil {
                    bsses[i].responseSSID = Array(e.body)
                }
            case InformationElements.dsParameterSet:
                if e.body.count >= 1, bsses[i].channel == nil { bsses[i].channel = Int(e.body[0]) }
            case InformationElements.htOperation:
                if e.body.count >= 1, bsses[i].channel == nil { bsses[i].channel = Int(e.body[0]) }
            case InformationElements.meshID:
                if bsses[i].meshID == nil { bsses[i].meshID = Array(e.body) }
            case InformationElements.mobilityDomain:
                bsses[i].fastTransition = true
            case InformationElements.rsnExtension:
                if needsParse, let x = RSNXElement(e) { bsses[i].rsnx = x.firstOctet }
            case InformationElements.rsn:
                if seenRSN { break }
                seenRSN = true
                if needsParse {
                    let r = RSNElement(body: e.body, isWPA1: false)
                    bsses[i].rsnRaw = Array(e.body)
                    bsses[i].rsn = Self.describe(r)
                    bsses[i].rsnGroup = r.groupCipher
                    bsses[i].rsnPairwise = r.pairwiseCiphers
                    bsses[i].rsnAKMs = r.akms
                    if r.malformed { report(bssid, kind: 1, element: "rsn", message: "RSN element ends inside a field") }
                } else if !Self.same(bsses[i].rsnRaw, e.body) {
                    bsses[i].securityChanged = true
                }
            case InformationElements.vendorSpecific:
                switch InformationElements.vendorType(e) {
                case InformationElements.wpaVendorType:
                    if seenWPA { break }
                    seenWPA = true
                    if needsParse, let r = RSNElement.wpa1(e) {
                        bsses[i].wpaRaw = Array(r.body)
                        bsses[i].wpa = Self.describe(r)
                        if r.malformed { report(bssid, kind: 2, element: "wpa", message: "WPA element ends inside a field") }
                    } else if !needsParse, let b = e.body.tail(4), !Self.same(bsses[i].wpaRaw, b) {
                        bsses[i].securityChanged = true
                    }
                case InformationElements.wpsVendorType:
                    if needsParse, bsses[i].wps == nil, let w = WPSElement(e) {
                        bsses[i].wps = Self.describe(w)
                        if w.malformed { report(bssid, kind: 3, element: "wps", message: "WPS attribute runs past the element") }
                    }
                case InformationElements.oweTransitionVendorType:
                    if bsses[i].owe == nil, let o = OWETransitionElement(e) {
                        bsses[i].owe = WirelessOWETransition(bssid: MACAddress(bytes: o.bssid, at: 0).description,
                                                             ssid: WireText.make(o.ssid), ssidHex: WireText.hex(o.ssid))
                    }
                default: break
                }
            default: break
            }
        }
        if !needsParse && ((bsses[i].rsnRaw != nil) != seenRSN || (bsses[i].wpaRaw != nil) != seenWPA) {
            bsses[i].securityChanged = true
        }
        if elements.malformed {
            report(bssid, kind: 4, element: "elements",
                   message: "element at offset \(elements.malformedOffset) of the element list runs past the frame")
        }
    }

    private func probeRequest(_ raw: UnsafeRawBufferPointer, station: MACAddress) {
        guard var elements = IEEE80211Management.elements(raw, subtype: IEEE80211Management.probeRequest) else { return }
        var wildcard = false
        while let e = elements.next() {
            if e.id == InformationElements.ssid { wildcard = e.body.count == 0; break }
        }
        if wildcard { wildcardProbes += 1 }
        if lastProbeWasWildcard[station] != wildcard { lastProbeWasWildcard[station] = wildcard }
    }

    private func associationRequest(_ raw: UnsafeRawBufferPointer, subtype: UInt8, station: MACAddress, bssid: MACAddress, time: Int64) {
        guard var elements = IEEE80211Management.elements(raw, subtype: subtype) else {
            report(station, kind: 5, element: "fixed_fields", message: "association request cut short before its elements")
            return
        }
        var ssid: UnsafeRawBufferPointer?
        var akm: SuiteSelector?
        var pairwise: SuiteSelector?
        var rsnSeen = false
        while let e = elements.next() {
            if e.id == InformationElements.ssid, ssid == nil { ssid = e.body }
            if let r = RSNElement.rsn(e) ?? (rsnSeen ? nil : RSNElement.wpa1(e)) {
                if !r.isWPA1 { rsnSeen = true }
                if r.akmCount > 0 { akm = r.akm(0) }
                if r.pairwiseCount > 0 { pairwise = r.pairwise(0) }
                if r.malformed { report(station, kind: 6, element: r.isWPA1 ? "wpa" : "rsn", message: "security element of an association request ends inside a field") }
            }
        }
        if elements.malformed {
            report(station, kind: 7, element: "elements", message: "element at offset \(elements.malformedOffset) of an association request runs past the frame")
        }
        if var c = clients[station] {
            c.requests += 1
            c.lastSeen = time
            if c.bssid != bssid || c.akm != akm {
                c.bssid = bssid
                c.ssid = ssid.map { Array($0) } ?? []
            }
            c.akm = akm
            c.pairwise = pairwise
            clients[station] = c
        } else {
            let proto = subtype == IEEE80211Management.associationRequest ? "802.11-assoc-req" : "802.11-reassoc-req"
            clients[station] = ClientState(mac: station, bssid: bssid, ssid: ssid.map { Array($0) } ?? [], akm: akm,
                                           pairwise: pairwise, requests: 1, firstSeen: time, lastSeen: time,
                                           evidence: Evidence(protocol: proto, source: sourceIndex, packet: packetNumber))
        }
    }

    private func report(_ mac: MACAddress, kind: UInt64, element: String, message: @autoclosure () -> String) {
        let key = mac.rawValue << 8 | kind
        guard malformed.count < maxMalformedReports, !reportedMalformed.contains(key) else { return }
        reportedMalformed.insert(key)
        malformed.append(WirelessMalformed(bssid: mac.description, element: element, message: message(),
                                           evidence: Evidence(protocol: "802.11", source: sourceIndex, packet: packetNumber)))
    }

    static func same(_ stored: [UInt8]?, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let stored, stored.count == bytes.count else { return false }
        return stored.withUnsafeBytes { $0.elementsEqual(bytes) }
    }

    static func describe(_ r: RSNElement) -> WirelessRSN {
        WirelessRSN(version: r.version.map(Int.init), groupCipher: r.groupCipher.map(WirelessNames.cipher),
                    pairwiseCiphers: r.pairwiseCiphers.map(WirelessNames.cipher), akms: r.akms.map(WirelessNames.akm),
                    capabilities: r.capabilities.map(Int.init), mfpRequired: r.mfpRequired, mfpCapable: r.mfpCapable,
                    groupManagementCipher: r.groupManagementCipher.map(WirelessNames.cipher), truncated: r.malformed)
    }

    static func describe(_ w: WPSElement) -> WirelessWPS {
        let state: String? = w.state.map { $0 == 1 ? "unconfigured" : $0 == 2 ? "configured" : "unknown(\($0))" }
        let version: String?
        if let v2 = w.version2 { version = "\(v2 >> 4).\(v2 & 0xF)" } else { version = w.version.map { "\($0 >> 4).\($0 & 0xF)" } }
        return WirelessWPS(state: state, apSetupLocked: w.apSetupLocked.map { $0 == 1 }, version: version, truncated: w.malformed)
    }

    // MARK: snapshot

    /// The observed BSSs and clients, sorted by MAC. `apConfigs` are added by the caller.
    public func snapshot() -> WirelessSnapshot {
        let bssOut = bsses.sorted { $0.bssid < $1.bssid }.map { s -> WirelessBSS in
            let ssidBytes = s.beaconSSID ?? s.responseSSID ?? []
            let ssid = ssidBytes.withUnsafeBytes { WireText.make($0) }
            let ssidHex = ssidBytes.withUnsafeBytes { WireText.hex($0) }
            let revealed: String? = s.hidden ? s.responseSSID.map { b in b.withUnsafeBytes { WireText.make($0) } } : nil
            let cls = SecurityClass.classify(privacy: s.privacy, rsnGroup: s.rsnGroup, rsnPairwise: s.rsnPairwise,
                                             rsnAKMs: s.rsnAKMs, hasRSN: s.rsn != nil, mfpRequired: s.rsn?.mfpRequired ?? false,
                                             hasWPA1: s.wpa != nil)
            let pmf: String? = s.rsn.map { $0.mfpRequired ? "required" : $0.mfpCapable ? "capable" : "disabled" }
            let band: String? = s.channel.map { $0 >= 1 && $0 <= 14 ? "2.4" : "5" }
            var algs: [String] = []
            if let mask = authAlgorithms[s.bssid] {
                for n in 0..<16 where mask & (1 << UInt16(n)) != 0 { algs.append(WirelessNames.authAlgorithm(n)) }
            }
            return WirelessBSS(
                bssid: s.bssid.description, ssid: ssid, ssidHex: ssidHex, hidden: s.hidden, revealedSSID: revealed,
                channel: s.channel, band: band, meshID: s.meshID.map { b in b.withUnsafeBytes { WireText.make($0) } },
                privacy: s.privacy, securityClass: cls.rawValue, pmf: pmf, rsn: s.rsn, wpa: s.wpa,
                saeHashToElement: s.rsnx.map { $0 & 0x20 != 0 }, saePK: s.rsnx.map { $0 & 0x40 != 0 }, wps: s.wps,
                oweTransition: s.owe, fastTransition: s.fastTransition, authAlgorithms: algs,
                answeredWildcardProbe: s.answeredWildcard ? true : (wildcardProbes > 0 ? false : nil),
                beacons: s.beacons, probeResponses: s.probeResponses, securityChanged: s.securityChanged,
                firstSeen: Timestamp(nanoseconds: s.firstSeen), lastSeen: Timestamp(nanoseconds: s.lastSeen), evidence: s.evidence)
        }
        let clientOut = clients.values.sorted { $0.mac < $1.mac }.map { c in
            WirelessClient(mac: c.mac.description, bssid: c.bssid.description,
                           ssid: c.ssid.withUnsafeBytes { WireText.make($0) }, ssidHex: c.ssid.withUnsafeBytes { WireText.hex($0) },
                           akm: c.akm.map(WirelessNames.akm), pairwiseCipher: c.pairwise.map(WirelessNames.cipher),
                           randomized: c.mac.isLocallyAdministered, associationRequests: c.requests,
                           firstSeen: Timestamp(nanoseconds: c.firstSeen), lastSeen: Timestamp(nanoseconds: c.lastSeen),
                           evidence: c.evidence)
        }
        return WirelessSnapshot(bsses: bssOut, clients: clientOut, wildcardProbeRequests: wildcardProbes, malformed: malformed)
    }
}
