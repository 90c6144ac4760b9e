import NetAddress

/// One simulated network interface: a MAC on one VLAN (how the inventory keys
/// devices), plus the facts its frames have revealed so far.
final class Station {
    /// Stable scenario name, e.g. "printer-mfc"; also the truth file's `key`.
    let key: String
    let summary: String
    let mac: MACAddress
    /// Outermost first; empty when untagged.
    let tags: [VLANTag]
    let vendor: Vendor?
    /// Default IPv4 TTL / IPv6 hop limit of the operating system (128 Windows, 64 Unix, 255 Cisco).
    let ttl: UInt8
    var ipIdentification: UInt16

    // Facts, recorded by the emitters in `Network`.
    private(set) var ipv4: [IPv4Address] = []
    private(set) var ipv6: [IPv6Address] = []
    private(set) var hostnames: [TruthHostname] = []
    var roles: Set<String> = []
    var dhcp: TruthDHCPClient?
    var dhcpv6: TruthDHCPv6Client?
    var lldp: TruthNeighbor?
    var cdp: TruthNeighbor?
    var mdnsServices: [TruthMDNSService] = []
    var framesSent = 0
    var firstSent: Int64?
    var lastSent: Int64?

    init(key: String, summary: String, mac: MACAddress, tags: [VLANTag] = [], vendor: Vendor?, ttl: UInt8, ipIdentification: UInt16) {
        precondition(!mac.isMulticast && mac != .zero, "station MAC must be unicast")
        precondition(vendor == nil || mac.oui24 == vendor!.oui, "MAC \(mac) does not carry its vendor's OUI")
        self.key = key; self.summary = summary; self.mac = mac; self.tags = tags; self.vendor = vendor
        self.ttl = ttl; self.ipIdentification = ipIdentification
    }

    var vlan: Int? { tags.last.map { Int($0.vid) } }
    var randomized: Bool { mac.isLocallyAdministered }

    func bind(_ a: IPv4Address) {
        guard a.isHostAddress, !ipv4.contains(a) else { return }
        ipv4.append(a)
    }
    func bind(_ a: IPv6Address) {
        guard a.isHostAddress, !ipv6.contains(a) else { return }
        ipv6.append(a)
    }
    func announce(hostname: String, source: String) {
        let h = TruthHostname(name: hostname, source: source)
        if !hostnames.contains(h) { hostnames.append(h) }
    }

    func nextIPIdentification() -> UInt16 {
        ipIdentification &+= 1
        return ipIdentification
    }

    func truth(inLedger: Bool?) -> TruthDevice {
        TruthDevice(
            key: key, description: summary, mac: mac, vlan: vlan, vendor: randomized ? nil : vendor?.organization,
            oui: String(mac.description.prefix(8)), randomized: randomized, ipv4: ipv4, ipv6: ipv6, hostnames: hostnames,
            roles: roles.sorted(), dhcp: dhcp, dhcpv6: dhcpv6, lldp: lldp, cdp: cdp, mdnsServices: mdnsServices,
            inLedger: inLedger, framesSent: framesSent, firstSent: firstSent.map(rfc3339), lastSent: lastSent.map(rfc3339))
    }
}

/// RFC 3339 UTC text for nanoseconds since the epoch, with the fraction only when non-zero.
func rfc3339(_ nanoseconds: Int64) -> String {
    let secs = nanoseconds / 1_000_000_000
    let frac = nanoseconds % 1_000_000_000
    let days = secs / 86_400
    let rem = secs % 86_400
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func pad(_ v: Int64, _ w: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))"
    if frac != 0 { out += frac % 1000 == 0 ? "." + pad(frac / 1000, 6) : "." + pad(frac, 9) }
    return out + "Z"
}
