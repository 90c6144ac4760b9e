import NetAddress

/// An approved deviation: findings of `rules` (all rules when empty) about subjects that match
/// `match` are suppressed until `expires`, with the approval on record.
public struct ProfileException: Sendable {
    /// Unique name; a child profile's exception with the same id replaces the parent's.
    public var id: ProfileLocated<String>
    public var rules: [ProfileLocated<String>]
    public var match: ProfileExceptionMatch
    public var approver: String?
    /// The approver's role; must be one of the profile's `approvers.roles` when those are given.
    public var approverRole: ProfileLocated<String>?
    public var reason: String?
    public var approved: ProfileLocated<ProfileDate>?
    public var expires: ProfileLocated<ProfileDate>?
    /// Reference to the approval record (変更管理記録表 number, ticket id).
    public var approvalRef: String?
    public var location: LintLocation

    public init(id: ProfileLocated<String>, rules: [ProfileLocated<String>] = [], match: ProfileExceptionMatch = ProfileExceptionMatch(),
                approver: String? = nil, approverRole: ProfileLocated<String>? = nil, reason: String? = nil,
                approved: ProfileLocated<ProfileDate>? = nil, expires: ProfileLocated<ProfileDate>? = nil,
                approvalRef: String? = nil, location: LintLocation) {
        self.id = id; self.rules = rules; self.match = match; self.approver = approver; self.approverRole = approverRole
        self.reason = reason; self.approved = approved; self.expires = expires; self.approvalRef = approvalRef
        self.location = location
    }

    /// True from the approval date (when given) through the expiry date inclusive.
    public func isActive(on date: ProfileDate) -> Bool {
        if let approved, date < approved.value { return false }
        guard let expires else { return false }
        return date <= expires.value
    }

    /// True when this exception covers a finding of `ruleID` about `subject` (ignoring dates).
    /// Wireless rules pass the SSID of the BSS they judge, since `Subject` carries none.
    public func covers(ruleID: String, subject: Subject, ssid: String? = nil) -> Bool {
        guard rules.isEmpty || rules.contains(where: { $0.value == ruleID }) else { return false }
        return match.matches(subject, ssid: ssid)
    }
}

/// What an exception applies to. Every field that is set must match; an empty match matches
/// every subject (the linter warns).
public struct ProfileExceptionMatch: Sendable, Equatable {
    public var mac: ProfileLocated<MACAddress>?
    /// A host address or a subnet.
    public var ip: ProfileLocated<IPv4Network>?
    public var assetID: String?
    /// `host:port` of a service or TLS endpoint.
    public var endpoint: ProfileLocated<ProfileEndpoint>?
    public var bssid: ProfileLocated<MACAddress>?
    public var ssid: String?

    public init(mac: ProfileLocated<MACAddress>? = nil, ip: ProfileLocated<IPv4Network>? = nil, assetID: String? = nil,
                endpoint: ProfileLocated<ProfileEndpoint>? = nil, bssid: ProfileLocated<MACAddress>? = nil, ssid: String? = nil) {
        self.mac = mac; self.ip = ip; self.assetID = assetID; self.endpoint = endpoint; self.bssid = bssid; self.ssid = ssid
    }

    public var isEmpty: Bool { mac == nil && ip == nil && assetID == nil && endpoint == nil && bssid == nil && ssid == nil }

    /// True when every criterion that is set agrees with the subject (and the SSID, for wireless findings).
    public func matches(_ subject: Subject, ssid observedSSID: String? = nil) -> Bool {
        if let mac {
            guard let seen = subject.mac.flatMap({ MACAddress($0) }), seen == mac.value else { return false }
        }
        if let ip {
            let text = subject.ip ?? subject.endpoint.flatMap { ProfileEndpoint($0)?.host }
            guard let seen = text.flatMap({ IPv4Address($0) }), ip.value.contains(seen) else { return false }
        }
        if let assetID, subject.assetID != assetID { return false }
        if let endpoint {
            guard let seen = subject.endpoint.flatMap({ ProfileEndpoint($0) }), seen == endpoint.value else { return false }
        }
        if let bssid {
            guard let seen = subject.bssid.flatMap({ MACAddress($0) }), seen == bssid.value else { return false }
        }
        if let ssid, observedSSID != ssid { return false }
        return true
    }
}

/// `host:port`, where host is a name or an IPv4 address (`[v6]:port` is accepted for IPv6).
public struct ProfileEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: \.isWhitespace),
              portPart.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portPart), (1...65535).contains(port) else { return nil }
        self.host = hostPart.lowercased(); self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
