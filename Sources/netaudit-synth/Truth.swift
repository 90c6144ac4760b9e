import Foundation
import NetAddress

/// The ground truth a generated capture encodes, written as `--truth` JSON.
///
/// Every fact here is recorded by the code that emits the frame carrying it,
/// never typed in separately, so the file cannot drift from the capture.
/// Field names follow the snapshot contract (`docs/inventory-json.md`) where
/// the same fact appears there.
struct Truth: Encodable {
    var schema = "netaudit-synth-truth/1"
    var scenario: String
    var seed: UInt64
    var generator = TruthGenerator()
    var capture: TruthCapture
    var devices: [TruthDevice]
    var dhcpServers: [TruthDHCPServer]
    var anomalies: [TruthAnomaly]
    var ledgerDifferences: [TruthLedgerDifference]?
    var dns: [TruthDNSExchange]?
    var tls: [TruthTLSSession]?

    enum CodingKeys: String, CodingKey {
        case schema, scenario, seed, generator, capture, devices, dhcpServers = "dhcp_servers", anomalies
        case ledgerDifferences = "ledger_differences", dns, tls
    }

    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

struct TruthGenerator: Encodable {
    var name = "netaudit-synth"
    var version = synthVersion
}

struct TruthCapture: Encodable {
    var format: String
    var linkType = "EN10MB"
    var frames: Int
    var bytes: Int
    var firstFrameTime: String
    var lastFrameTime: String
    enum CodingKeys: String, CodingKey {
        case format, linkType = "link_type", frames, bytes, firstFrameTime = "first_frame_time", lastFrameTime = "last_frame_time"
    }
}

struct TruthHostname: Encodable, Equatable {
    var name: String
    /// dhcp (option 12 or 81), dhcpv6, mdns, nbns, lldp, cdp
    var source: String
}

struct TruthDHCPClient: Encodable, Equatable {
    var hostname: String?
    /// Option 55 as comma-separated decimal codes (the Fingerbank form the snapshot uses).
    var fingerprint: String
    var vendorClass: String?
    var clientID: String?
    var fqdn: String?
    enum CodingKeys: String, CodingKey {
        case hostname, fingerprint, vendorClass = "vendor_class", clientID = "client_id", fqdn
    }
}

struct TruthDHCPv6Client: Encodable, Equatable {
    var duid: String
    var fqdn: String
    /// "enterprise-number:data", e.g. "311:MSFT 5.0".
    var vendorClass: String
    enum CodingKeys: String, CodingKey { case duid, fqdn, vendorClass = "vendor_class" }
}

struct TruthNeighbor: Encodable, Equatable {
    var chassisID: String
    var portID: String
    var portDescription: String?
    var systemName: String
    var systemDescription: String
    var platform: String?
    var capabilities: [String]
    var managementAddresses: [String]
    enum CodingKeys: String, CodingKey {
        case chassisID = "chassis_id", portID = "port_id", portDescription = "port_description"
        case systemName = "system_name", systemDescription = "system_description", platform, capabilities
        case managementAddresses = "management_addresses"
    }
}

struct TruthMDNSService: Encodable, Equatable {
    var instance: String
    var service: String
    var port: Int
    var target: String
}

struct TruthDevice: Encodable {
    var key: String
    var description: String
    var mac: MACAddress
    var vlan: Int?
    var vendor: String?
    var oui: String
    var randomized: Bool
    var ipv4: [IPv4Address]
    var ipv6: [IPv6Address]
    var hostnames: [TruthHostname]
    var roles: [String]
    var dhcp: TruthDHCPClient?
    var dhcpv6: TruthDHCPv6Client?
    var lldp: TruthNeighbor?
    var cdp: TruthNeighbor?
    var mdnsServices: [TruthMDNSService]
    var inLedger: Bool?
    var framesSent: Int
    var firstSent: String?
    var lastSent: String?

    enum CodingKeys: String, CodingKey {
        case key, description, mac, vlan, vendor, oui, randomized, ipv4, ipv6, hostnames, roles, dhcp, dhcpv6, lldp, cdp
        case mdnsServices = "mdns_services", inLedger = "in_ledger", framesSent = "frames_sent"
        case firstSent = "first_sent", lastSent = "last_sent"
    }

    // Written by hand so that absent values are explicit nulls: consumers can tell
    // "untagged" or "no DHCP" from a field this version forgot.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(description, forKey: .description)
        try c.encode(mac, forKey: .mac)
        try c.encode(vlan, forKey: .vlan)
        try c.encode(vendor, forKey: .vendor)
        try c.encode(oui, forKey: .oui)
        try c.encode(randomized, forKey: .randomized)
        try c.encode(ipv4, forKey: .ipv4)
        try c.encode(ipv6, forKey: .ipv6)
        try c.encode(hostnames, forKey: .hostnames)
        try c.encode(roles, forKey: .roles)
        try c.encode(dhcp, forKey: .dhcp)
        try c.encode(dhcpv6, forKey: .dhcpv6)
        try c.encode(lldp, forKey: .lldp)
        try c.encode(cdp, forKey: .cdp)
        try c.encode(mdnsServices, forKey: .mdnsServices)
        try c.encodeIfPresent(inLedger, forKey: .inLedger)
        try c.encode(framesSent, forKey: .framesSent)
        try c.encode(firstSent, forKey: .firstSent)
        try c.encode(lastSent, forKey: .lastSent)
    }
}

struct TruthDHCPServer: Encodable {
    var mac: MACAddress
    var vlan: Int?
    var ip: IPv4Address
    var serverIdentifier: IPv4Address
    var offers: Int
    var acks: Int
    /// Not the organisation's server: the planted rogue.
    var rogue: Bool
    var firstSeen: String
    enum CodingKeys: String, CodingKey {
        case mac, vlan, ip, serverIdentifier = "server_identifier", offers, acks, rogue, firstSeen = "first_seen"
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mac, forKey: .mac); try c.encode(vlan, forKey: .vlan); try c.encode(ip, forKey: .ip)
        try c.encode(serverIdentifier, forKey: .serverIdentifier); try c.encode(offers, forKey: .offers)
        try c.encode(acks, forKey: .acks); try c.encode(rogue, forKey: .rogue)
        try c.encode(firstSeen, forKey: .firstSeen)
    }
}

/// Kinds match `Anomaly.Kind` in the snapshot.
struct TruthAnomaly: Encodable {
    var kind: String
    var vlan: Int?
    var ip: String?
    var macs: [MACAddress]
    var count: Int?
    var previousIP: String?
    var message: String
    var firstFrameTime: String
    enum CodingKeys: String, CodingKey {
        case kind, vlan, ip, macs, count, previousIP = "previous_ip", message, firstFrameTime = "first_frame_time"
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind); try c.encode(vlan, forKey: .vlan); try c.encode(ip, forKey: .ip)
        try c.encode(macs, forKey: .macs); try c.encode(count, forKey: .count)
        try c.encodeIfPresent(previousIP, forKey: .previousIP)
        try c.encode(message, forKey: .message); try c.encode(firstFrameTime, forKey: .firstFrameTime)
    }
}

struct TruthLedgerDifference: Encodable {
    /// unregistered_device, missing_device, retired_device_seen, ip_mismatch, replaced_device
    var kind: String
    var assetID: String?
    var mac: MACAddress?
    var ip: IPv4Address?
    var ledgerIP: IPv4Address?
    var observedIP: IPv4Address?
    var ledgerMAC: MACAddress?
    var observedMAC: MACAddress?
    var message: String
    enum CodingKeys: String, CodingKey {
        case kind, assetID = "asset_id", mac, ip, ledgerIP = "ledger_ip", observedIP = "observed_ip"
        case ledgerMAC = "ledger_mac", observedMAC = "observed_mac", message
    }
}

struct TruthDNSExchange: Encodable {
    var clientMAC: MACAddress
    var client: IPv4Address
    var server: IPv4Address
    var query: String
    var type: String
    var answers: [String]
    enum CodingKeys: String, CodingKey { case clientMAC = "client_mac", client, server, query, type, answers }
}

struct TruthTLSSession: Encodable {
    var clientMAC: MACAddress
    var client: IPv4Address
    var server: IPv4Address
    var serverPort: Int
    var serverName: String
    var version: String
    var cipherSuite: String
    var certificateSubject: String
    var certificateSHA256: String
    var selfSigned: Bool
    enum CodingKeys: String, CodingKey {
        case clientMAC = "client_mac", client, server, serverPort = "server_port", serverName = "server_name", version
        case cipherSuite = "cipher_suite", certificateSubject = "certificate_subject"
        case certificateSHA256 = "certificate_sha256", selfSigned = "self_signed"
    }
}
