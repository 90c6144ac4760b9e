import Ledger
import NetAddress
import Snapshot

extension ResolvedRule {
    /// A finding of this rule with the profile's severity and citations and a fingerprint made from
    /// the rule id and `identity` (the parts of the subject that identify it across runs).
    func finding(subject: Subject, identity: [String], message: LocalizedText, evidence: [FindingEvidence],
                 remediation: LocalizedText) -> Finding {
        Finding(ruleID: id, severity: severity, subject: subject, message: message, evidence: evidence,
                citations: allCitations.map(\.value), remediation: remediation,
                fingerprint: Fingerprint.make(ruleID: id, identity: identity))
    }
}

/// The identity parts fingerprints are made of, spelled one way everywhere.
enum AuditIdentity {
    /// A station: its MAC and VLAN (the inventory keys devices by both). The address is left out on
    /// purpose: a DHCP client that gets a new lease is still the same finding.
    static func device(_ device: Device) -> [String] { ["mac=\(device.mac)", "vlan=\(device.vlan.map(String.init) ?? "-")"] }

    /// A ledger row: its asset id, else its first MAC, else its address, else its line.
    static func asset(_ asset: Asset) -> [String] {
        let id = asset.assetID.precomposedStringWithCompatibilityMapping.uppercased()
        if !id.isEmpty { return ["asset=\(id)"] }
        if let mac = asset.macAddresses.first { return ["asset-mac=\(mac)"] }
        if let ip = asset.ipAddress { return ["asset-ip=\(ip)"] }
        return ["asset-row=\(asset.file):\(asset.line)"]
    }
}

extension Subject {
    /// A finding about an observed station, tied to its ledger row when it has one.
    static func device(_ device: Device, asset: Asset? = nil, ip: IPv4Address? = nil) -> Subject {
        Subject(kind: .device, mac: device.mac.description, ip: (ip ?? device.primaryIPv4)?.description, vlan: device.vlan,
                assetID: asset.flatMap { $0.assetID.isEmpty ? nil : $0.assetID })
    }

    /// A finding about a ledger row itself (not seen, approval lapsed).
    static func asset(_ asset: Asset) -> Subject {
        Subject(kind: .asset, mac: asset.macAddresses.first?.description, ip: asset.ipAddress?.description,
                assetID: asset.assetID.isEmpty ? nil : asset.assetID)
    }
}

extension Asset {
    /// `HQ-PC-0001 (SOUMU-PC01)`, or whichever of the two the row has; the row's line when it has neither.
    var label: String {
        switch (assetID.isEmpty, nodeName.isEmpty) {
        case (false, false): "\(assetID) (\(nodeName))"
        case (false, true): assetID
        case (true, false): nodeName
        case (true, true): "row \(line)"
        }
    }
}

extension Device {
    /// `aa:bb:cc:dd:ee:ff (192.0.2.10, vendor Example Corp, VLAN 10)`: what a reader needs to find the station.
    var label: String {
        var details: [String] = []
        if let ip = primaryIPv4 { details.append(ip.description) }
        if let name = announcedNames.first { details.append(name) }
        if let vendor { details.append(vendor) }
        if let vlan { details.append("VLAN \(vlan)") }
        return details.isEmpty ? mac.description : "\(mac) (\(details.joined(separator: ", ")))"
    }

    /// Every address the station used, for evidence text.
    var addressList: String {
        let addresses = hostIPv4Addresses
        return addresses.isEmpty ? "no IPv4 address" : addresses.map(\.description).joined(separator: ", ")
    }
}

extension ProfileDate {
    /// The same calendar day as a ledger cell's date.
    init?(_ date: LedgerDate) { self.init(year: date.year, month: date.month, day: date.day) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    func days(until other: ProfileDate) -> Int {
        guard let a = LedgerDate(year: year, month: month, day: day),
              let b = LedgerDate(year: other.year, month: other.month, day: other.day) else { return 0 }
        return a.days(until: b)
    }
}
