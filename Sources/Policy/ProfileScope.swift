import NetAddress

/// The networks a profile covers: sites with their IPv4 subnets, the organisation's SSIDs, and
/// how devices may be matched to ledger rows.
public struct ProfileScope: Sendable {
    /// Whether a device may be matched to a ledger row by IPv4 address alone (no MAC, no asset
    /// id). Unsafe where addresses are not assigned per device (DHCP without reservations).
    public var ipOnlyMatching: ProfileLocated<Bool>?
    /// Which organisation SSIDs the wireless rules judge.
    public var wirelessScope: ProfileLocated<RuleCatalog.WirelessScope>?
    public var sites: [ProfileSite]
    public var ssids: [ProfileSSID]
    /// Sources for `ip_only_matching` and `wireless_scope`.
    public var citations: [ProfileLocated<Citation>]
    public var location: LintLocation?

    public init(ipOnlyMatching: ProfileLocated<Bool>? = nil, wirelessScope: ProfileLocated<RuleCatalog.WirelessScope>? = nil,
                sites: [ProfileSite] = [], ssids: [ProfileSSID] = [], citations: [ProfileLocated<Citation>] = [],
                location: LintLocation? = nil) {
        self.ipOnlyMatching = ipOnlyMatching; self.wirelessScope = wirelessScope; self.sites = sites
        self.ssids = ssids; self.citations = citations; self.location = location
    }
}

/// A site (本社, a factory) and the IPv4 subnets its LAN uses.
public struct ProfileSite: Sendable, Equatable {
    public var name: ProfileLocated<String>
    public var subnets: [ProfileLocated<IPv4Network>]
    public var description: String?
    public var location: LintLocation

    public init(name: ProfileLocated<String>, subnets: [ProfileLocated<IPv4Network>], description: String? = nil, location: LintLocation) {
        self.name = name; self.subnets = subnets; self.description = description; self.location = location
    }

    /// True when `address` lies in one of the site's subnets.
    public func contains(_ address: IPv4Address) -> Bool { subnets.contains { $0.value.contains(address) } }
}

/// An SSID the organisation operates, with the BSSIDs that may serve it.
public struct ProfileSSID: Sendable, Equatable {
    public var name: ProfileLocated<String>
    /// Known access-point radios; empty means "not declared" (rogue-AP checks by BSSID are skipped).
    public var bssids: [ProfileLocated<MACAddress>]
    /// True when the WLAN reaches systems that handle 社外秘/極秘 information.
    public var confidential: Bool
    public var location: LintLocation

    public init(name: ProfileLocated<String>, bssids: [ProfileLocated<MACAddress>], confidential: Bool, location: LintLocation) {
        self.name = name; self.bssids = bssids; self.confidential = confidential; self.location = location
    }
}
