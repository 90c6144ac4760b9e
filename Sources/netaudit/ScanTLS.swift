import Ledger
import NetAddress
import Probes
import Snapshot
import TLS

/// TLS checks inside `audit --scan`: every open port that speaks TLS (implicitly, or through
/// STARTTLS on the mail and FTP ports) is probed like `netaudit tls` would, so the tls.* and
/// mail.* rules judge what the scan found.
enum ScanTLS {
    /// Ports where TLS starts at once.
    static let implicitTLSPorts: Set<Int> = [443, 465, 636, 853, 990, 993, 995, 5061, 8443]

    /// One target per open TCP port that carries TLS, named by the ledger's node name when it is a
    /// fully qualified name (so the certificate is checked against the name users type), else by address.
    /// Only addresses the scan's `scope` may send to are probed: a device's passively learned
    /// addresses (a router's other interfaces, a secondary address) are not in the user's targets.
    static func targets(in snapshot: Snapshot, ledger: Ledger?, scope: ScanScope) -> [TLSTarget] {
        var result: [TLSTarget] = []
        for device in snapshot.devices {
            let asset = ledger?.assets.first { asset in asset.macAddresses.contains(device.mac) }
            for service in device.services where service.transport == "tcp" && service.state == "open" {
                let starttls = StartTLSProtocol.defaultFor(port: service.port)
                guard implicitTLSPorts.contains(service.port) || starttls != nil else { continue }
                for address in device.ipv4Addresses where scope.contains(address) {
                    let name = asset.flatMap { $0.nodeName.contains(".") ? $0.nodeName : nil }
                    result.append(TLSTarget(host: name ?? address.description, address: address.description,
                                            port: service.port, serverName: name, starttls: starttls))
                }
            }
        }
        return result
    }
}
