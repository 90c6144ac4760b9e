import Foundation
import Ledger
import NetAddress
import Snapshot

/// Which ledger row each observed device is.
///
/// A device is its ledger row when the row lists its MAC address (the ledger's key: addresses
/// change, MACs of company equipment do not). When the profile sets `scope.ip_only_matching`, a
/// device whose MAC no row lists is also its row when it uses the row's static address and the row
/// lists no MAC at all: a row that lists MACs and none of them is this device's is contradicting
/// evidence (a replaced or spoofed device, `ledger.mac_mismatch`), never a match.
/// Multicast and broadcast addresses never match anything.
public struct AuditMatching: Sendable {
    public struct Match: Sendable, Equatable {
        public enum Method: String, Sendable {
            /// The row lists the device's MAC.
            case mac
            /// The row has no MAC; its static IPv4 address is the device's (`scope.ip_only_matching`).
            case ipOnly = "ip_only"
        }
        /// Index into `ledger.assets`.
        public let assetIndex: Int
        public let method: Method
    }

    /// One entry per `snapshot.devices` element, in the same order.
    public let deviceMatches: [Match?]
    private let assetIndexByMAC: [MACAddress: Int]
    private let assetIndicesByIP: [IPv4Address: [Int]]
    private let deviceIndicesByIP: [IPv4Address: [Int]]
    private let deviceIndicesByAsset: [Int: [Int]]

    public init(snapshot: Snapshot, ledger: Ledger?, ipOnlyMatching: Bool) {
        var byMAC: [MACAddress: Int] = [:]
        var byIP: [IPv4Address: [Int]] = [:]
        for (index, asset) in (ledger?.assets ?? []).enumerated() {
            // The first row wins for a MAC listed twice, as in `Ledger.asset(forMAC:)`; the validator reports the duplicate.
            for mac in asset.macAddresses where mac.isUnicastStation && byMAC[mac] == nil { byMAC[mac] = index }
            if let ip = asset.ipAddress, ip.isHostAddress { byIP[ip, default: []].append(index) }
        }
        var devicesByIP: [IPv4Address: [Int]] = [:]
        for (index, device) in snapshot.devices.enumerated() where device.mac.isUnicastStation {
            for address in device.hostIPv4Addresses where devicesByIP[address]?.last != index {
                devicesByIP[address, default: []].append(index)
            }
        }
        let assets = ledger?.assets ?? []
        var matches: [Match?] = []
        var byAsset: [Int: [Int]] = [:]
        for (index, device) in snapshot.devices.enumerated() {
            var match: Match?
            if device.mac.isUnicastStation {
                if let asset = byMAC[device.mac] {
                    match = Match(assetIndex: asset, method: .mac)
                } else if ipOnlyMatching {
                    // Prefer a row that is in use over a retired one that kept the address.
                    let candidates = device.hostIPv4Addresses.flatMap { byIP[$0] ?? [] }.filter { assets[$0].macAddresses.isEmpty }
                    if let asset = candidates.first(where: { assets[$0].status.isActive }) ?? candidates.first {
                        match = Match(assetIndex: asset, method: .ipOnly)
                    }
                }
            }
            matches.append(match)
            if let match { byAsset[match.assetIndex, default: []].append(index) }
        }
        deviceMatches = matches
        assetIndexByMAC = byMAC
        assetIndicesByIP = byIP
        deviceIndicesByIP = devicesByIP
        deviceIndicesByAsset = byAsset
    }

    /// The ledger row device `index` (into `snapshot.devices`) was matched to, if any.
    public func match(forDevice index: Int) -> Match? {
        deviceMatches.indices.contains(index) ? deviceMatches[index] : nil
    }

    /// Indices of the devices matched to asset `assetIndex`, in snapshot order.
    public func devices(matchedTo assetIndex: Int) -> [Int] { deviceIndicesByAsset[assetIndex] ?? [] }

    /// Indices of the assets whose static address is `address`, in ledger order.
    public func assets(at address: IPv4Address) -> [Int] { assetIndicesByIP[address] ?? [] }

    /// The asset that lists `mac`, if any.
    public func asset(listing mac: MACAddress) -> Int? { assetIndexByMAC[mac] }

    /// Indices of the devices that used `address`, in snapshot order.
    public func devices(using address: IPv4Address) -> [Int] { deviceIndicesByIP[address] ?? [] }
}

extension Device {
    /// IPv4 addresses that name this host: no unspecified, broadcast, multicast, loopback or `0/8` addresses.
    var hostIPv4Addresses: [IPv4Address] { ipv4.map(\.address).filter { $0.isHostAddress && !$0.isLoopback } }

    /// The first address that names this host, for the finding's subject.
    var primaryIPv4: IPv4Address? {
        hostIPv4Addresses.first { !$0.isLinkLocal } ?? hostIPv4Addresses.first
    }

    /// The binding for `address`, with its times and evidence.
    func binding(for address: IPv4Address) -> AddressBinding<IPv4Address>? { ipv4.first { $0.address == address } }

    /// Host names the device announced, each once, in first-seen order.
    var announcedNames: [String] {
        var seen = Set<String>()
        return hostnames.map(\.name).filter { seen.insert($0).inserted }
    }
}

/// How names from the network and the ledger are compared: NFKC (full-width folds to ASCII), lower
/// case, and without a DNS domain (`nas01.example.local` is `nas01`).
enum AuditNames {
    static func key(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let dot = folded.firstIndex(of: ".") else { return folded }
        return String(folded[..<dot])
    }

    /// True when a ledger text cell (site, purpose) equals `other` after the same folding, without the domain rule.
    static func sameText(_ a: String, _ b: String) -> Bool { textKey(a) == textKey(b) && !textKey(a).isEmpty }

    static func textKey(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
