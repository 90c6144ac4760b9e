/// The observed network as plain Codable values: what `inventory` (and later
/// `scan`, `tls`, `wifi`) write and what `audit --inventory` reads back.
///
/// Observing never decides what is allowed; this module only records facts,
/// each with the evidence it came from. The JSON layout is a versioned contract
/// documented in `docs/inventory-json.md`: add fields freely, never rename.
import NetAddress

public struct Snapshot: Codable, Sendable, Equatable {
    /// Bumped in the minor part for additive changes, the major part for breaking ones.
    public static let currentSchemaVersion = "1.0"

    public var schemaVersion: String
    public var generator: Generator
    /// When the snapshot was written (RFC 3339); `SOURCE_DATE_EPOCH` pins it for reproducible output.
    public var generatedAt: Timestamp
    /// Earliest and latest packet or probe time covered.
    public var observedFrom: Timestamp?
    public var observedUntil: Timestamp?
    public var sources: [Source]
    public var devices: [Device]
    public var dhcpServers: [DHCPServer]
    public var anomalies: [Anomaly]
    /// 802.11 BSSs, clients and AP configurations (`netaudit wifi`); absent in older documents.
    public var wireless: WirelessSnapshot? = nil
    /// TLS endpoints probed or seen in captures (`netaudit tls`, `audit --scan`); absent in older documents.
    public var tls: TLSSnapshot? = nil

    public init(generator: Generator = .netaudit, generatedAt: Timestamp, observedFrom: Timestamp? = nil,
                observedUntil: Timestamp? = nil, sources: [Source] = [], devices: [Device] = [],
                dhcpServers: [DHCPServer] = [], anomalies: [Anomaly] = []) {
        self.schemaVersion = Snapshot.currentSchemaVersion
        self.generator = generator
        self.generatedAt = generatedAt
        self.observedFrom = observedFrom
        self.observedUntil = observedUntil
        self.sources = sources
        self.devices = devices
        self.dhcpServers = dhcpServers
        self.anomalies = anomalies
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", generator, generatedAt = "generated_at"
        case observedFrom = "observed_from", observedUntil = "observed_until"
        case sources, devices, dhcpServers = "dhcp_servers", anomalies, wireless, tls
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        generator = try c.decode(Generator.self, forKey: .generator)
        generatedAt = try c.decode(Timestamp.self, forKey: .generatedAt)
        observedFrom = try c.decodeIfPresent(Timestamp.self, forKey: .observedFrom)
        observedUntil = try c.decodeIfPresent(Timestamp.self, forKey: .observedUntil)
        sources = try c.decode([Source].self, forKey: .sources)
        devices = try c.decode([Device].self, forKey: .devices)
        dhcpServers = try c.decode([DHCPServer].self, forKey: .dhcpServers)
        anomalies = try c.decode([Anomaly].self, forKey: .anomalies)
        wireless = try c.decodeIfPresent(WirelessSnapshot.self, forKey: .wireless)
        tls = try c.decodeIfPresent(TLSSnapshot.self, forKey: .tls)
    }
}

public struct Generator: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public init(name: String, version: String) { self.name = name; self.version = version }
    public static let netaudit = Generator(name: "netaudit", version: NetauditVersion.string)
}

public enum NetauditVersion {
    public static let string = "0.1.0"
}

/// Where observations came from: one capture file, stdin, a live interface or a probe run.
public struct Source: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case file, stdin, interface, probe }
    public var kind: Kind
    /// File path, `-`, or the interface name.
    public var name: String
    /// libpcap's name for the link type, e.g. `EN10MB`.
    public var linkType: String?
    public var packets: Int
    public var bytes: Int
    /// Set when the source ended in damage: packets before it were used.
    public var error: SourceError?

    public init(kind: Kind, name: String, linkType: String? = nil, packets: Int = 0, bytes: Int = 0, error: SourceError? = nil) {
        self.kind = kind; self.name = name; self.linkType = linkType
        self.packets = packets; self.bytes = bytes; self.error = error
    }

    enum CodingKeys: String, CodingKey { case kind, name, linkType = "link_type", packets, bytes, error }
}

public struct SourceError: Codable, Sendable, Equatable {
    /// 1-based number of the first packet that could not be read.
    public var packet: Int
    public var message: String
    public init(packet: Int, message: String) { self.packet = packet; self.message = message }
}

/// Where one fact was first seen: protocol, source index into `Snapshot.sources`, packet number (1-based).
public struct Evidence: Codable, Sendable, Equatable, Hashable {
    public var `protocol`: String
    public var source: Int
    public var packet: Int
    public init(protocol: String, source: Int, packet: Int) {
        self.protocol = `protocol`; self.source = source; self.packet = packet
    }
}
