import Ledger
import NetAddress
import Snapshot

/// What the three `services.*` rules share: which services count (open ones), how a service is
/// named, located, fingerprinted and evidenced. Services come from active checks (`netaudit scan`,
/// `netaudit audit --scan`); a passive capture has none, so the rules have nothing to say about it.
struct OpenService {
    /// Index into `snapshot.devices`.
    let deviceIndex: Int
    let device: Device
    let service: Service

    var transport: ProfilePortRange.Transport { ProfilePortRange.Transport(rawValue: service.transport.lowercased()) ?? .any }

    /// `tcp/23`, as ledgers write services.
    var spec: String { "\(service.transport.lowercased())/\(service.port)" }

    /// `tcp/23 (telnet)` when the port has a well-known name.
    var specWithName: String { ServiceNames.name(port: service.port, transport: transport).map { "\(spec) (\($0))" } ?? spec }

    /// The address the service was reached on: the device's first host address.
    var ip: IPv4Address? { device.primaryIPv4 }

    /// `198.18.0.1:23`; the MAC stands in when the device has no address.
    var endpoint: String { "\(ip.map(\.description) ?? device.mac.description):\(service.port)" }

    /// True when any of `ranges` covers this port on this transport.
    func isCovered(by ranges: [ProfilePortRange]) -> Bool {
        ranges.contains { $0.contains(port: service.port, transport: transport) }
    }

    func subject(asset: Asset? = nil) -> Subject {
        Subject(kind: .endpoint, mac: device.mac.description, ip: ip?.description, vlan: device.vlan, endpoint: endpoint,
                assetID: asset.flatMap { $0.assetID.isEmpty ? nil : $0.assetID })
    }

    /// The device (MAC and VLAN, not the address: a new DHCP lease is the same finding) and the service.
    var identity: [String] { AuditIdentity.device(device) + ["service=\(spec)"] }

    /// The probe that found the service: endpoint, transport, banner, and the probe run it came from.
    func evidence(_ context: AuditContext) -> FindingEvidence {
        let how = service.transport.lowercased() == "udp" ? "udp probe" : "\(service.transport.lowercased()) connect"
        var fact = "\(how) to \(endpoint) (\(device.mac)): \(service.state)"
        if let banner = service.banner?.trimmingCharacters(in: .whitespacesAndNewlines), !banner.isEmpty {
            fact += ", banner \"\(banner.count > 80 ? String(banner.prefix(80)) + "…" : banner)\""
        } else {
            fact += ", no banner"
        }
        let probe = context.snapshot.sources.first { $0.kind == .probe }
        return FindingEvidence(fact: fact, observedAt: device.lastSeen, source: probe.map { "probe \($0.name)" } ?? context.sourceNames)
    }
}

extension AuditContext {
    /// Every open service of every station, in snapshot order then port order.
    var openServices: [OpenService] {
        var result: [OpenService] = []
        for (index, device) in snapshot.devices.enumerated() where device.mac.isUnicastStation {
            for service in device.services where service.state.lowercased() == "open" {
                result.append(OpenService(deviceIndex: index, device: device, service: service))
            }
        }
        return result
    }

    /// The ports `services.forbidden_port` reports when the profile enables it: the other services
    /// rules leave those to it, so one open port gives one finding for the same fault.
    var forbiddenPorts: [ProfilePortRange] {
        enabledRule(ForbiddenPortRule.id)?.ports("ports") ?? []
    }
}

/// Names for messages only (matching is always by transport and port).
enum ServiceNames {
    static func name(port: Int, transport: ProfilePortRange.Transport) -> String? {
        let udp = transport == .udp
        switch port {
        case 20, 21: return udp ? nil : "FTP"
        case 22: return udp ? nil : "SSH"
        case 23: return udp ? nil : "Telnet"
        case 25: return udp ? nil : "SMTP"
        case 53: return "DNS"
        case 69: return udp ? "TFTP" : nil
        case 80: return udp ? nil : "HTTP"
        case 110: return udp ? nil : "POP3"
        case 139: return udp ? nil : "NetBIOS session"
        case 143: return udp ? nil : "IMAP"
        case 161: return udp ? "SNMP" : nil
        case 443: return udp ? nil : "HTTPS"
        case 445: return udp ? nil : "SMB"
        case 512: return udp ? nil : "rexec"
        case 513: return udp ? nil : "rlogin"
        case 514: return udp ? "syslog" : "rsh"
        case 623: return udp ? "IPMI" : nil
        case 3389: return "RDP"
        case 5900: return udp ? nil : "VNC"
        case 7547: return udp ? nil : "TR-069"
        case 8080: return udp ? nil : "HTTP (alternate)"
        case 8443: return udp ? nil : "HTTPS (alternate)"
        default: return nil
        }
    }
}

extension AuditExample {
    /// A station with open services, written `tcp/23` or `tcp/23=banner`.
    static func host(_ mac: String, _ address: String, services: [String], closed: [String] = []) -> Device {
        var device = station(mac, [address])
        func parse(_ text: String, state: String) -> Service? {
            let parts = text.split(separator: "=", maxSplits: 1)
            let spec = parts[0].split(separator: "/")
            guard spec.count == 2, let port = Int(spec[1]) else { return nil }
            return Service(port: port, transport: String(spec[0]), state: state, banner: parts.count > 1 ? String(parts[1]) : nil)
        }
        device.services = services.compactMap { parse($0, state: "open") } + closed.compactMap { parse($0, state: "closed") }
        return device
    }

    /// A scan: the devices plus the probe source that found their services.
    static func scanned(_ devices: [Device]) -> Snapshot {
        var snapshot = network(devices)
        snapshot.sources.append(Source(kind: .probe, name: "eth0", linkType: "EN10MB", packets: devices.count, bytes: 0))
        return snapshot
    }

    /// A ledger with an `allowed_services` column: rows of (asset id, MAC, address, services).
    static func serviceLedger(_ rows: (String, String, String, String)...) -> String {
        (["asset_id,node_name,mac_addresses,ip_address,status,allowed_services"]
            + rows.map { "\($0.0),,\($0.1),\($0.2),in_service,\($0.3)" }).joined(separator: "\n") + "\n"
    }
}

/// The `services.*` rules judge open ports, which only an active scan finds: on a purely passive
/// snapshot (no `probe` source) they are reported as not evaluated instead of silently passing.
enum ServiceScanRequirement {
    static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        let probed = context.snapshot.sources.contains { $0.kind == .probe }
            || context.snapshot.devices.contains { !$0.services.isEmpty }
        return probed ? nil : AuditOutcome.NotEvaluatedRule(id: rule.id, reason: .needsActiveScan)
    }
}

extension ForbiddenPortRule: AuditInputRequirement {
    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        ServiceScanRequirement.missingInput(context, rule)
    }
}

extension NotAllowedServiceRule: AuditInputRequirement {
    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        ServiceScanRequirement.missingInput(context, rule)
    }
}

extension CleartextManagementRule: AuditInputRequirement {
    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        ServiceScanRequirement.missingInput(context, rule)
    }
}
