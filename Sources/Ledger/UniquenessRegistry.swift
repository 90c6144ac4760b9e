import NetAddress

/// Remembers where each asset ID, MAC and static IP was first seen, across files, and
/// reports later occurrences with the place of the first.
struct UniquenessRegistry {
    struct Origin {
        var path: String
        var line: Int
        var assetID: String
    }

    private var assetIDs: [String: Origin] = [:]
    private var macs: [MACAddress: Origin] = [:]
    private var ips: [IPv4Address: Origin] = [:]

    mutating func register(_ context: RowContext) -> [LedgerDiagnostic] {
        var diagnostics: [LedgerDiagnostic] = []
        let asset = context.asset
        let here = Origin(path: context.path, line: context.row.line, assetID: asset.assetID)

        let idKey = Ledger.assetIDKey(asset.assetID)
        if !idKey.isEmpty {
            if let first = assetIDs[idKey] {
                diagnostics.append(context.diagnostic(.error, .duplicateAssetID, at: context.position(.assetID),
                    "duplicate asset_id \"\(asset.assetID)\": already used at \(place(first, from: context.path))"))
            } else {
                assetIDs[idKey] = here
            }
        }

        // Positions of the MACs within the cell, so the message points at the repeated one.
        var macOffsets: [MACAddress: Int] = [:]
        for item in LedgerFieldParser.macItems(in: context.field(.macAddresses)?.value ?? "") {
            if let mac = item.address, macOffsets[mac] == nil { macOffsets[mac] = item.item.offset }
        }
        for mac in asset.macAddresses {
            if let first = macs[mac] {
                guard first.path != context.path || first.line != context.row.line else { continue }
                diagnostics.append(context.diagnostic(.error, .duplicateMAC,
                    at: context.position(.macAddresses, offset: macOffsets[mac] ?? 0),
                    "MAC \(mac) is already listed for asset \"\(first.assetID)\" at \(place(first, from: context.path)); "
                        + "one device, one row"))
            } else {
                macs[mac] = here
            }
        }

        // A retired row may keep the address its successor now uses: only active rows must differ.
        if let ip = asset.ipAddress, asset.status.isActive {
            if let first = ips[ip] {
                diagnostics.append(context.diagnostic(.error, .duplicateIP, at: context.position(.ipAddress),
                    "IP address \(ip) is already assigned to asset \"\(first.assetID)\" at \(place(first, from: context.path))"))
            } else {
                ips[ip] = here
            }
        }
        return diagnostics
    }

    /// `line 4` in the same file, `other.csv:4` in another.
    private func place(_ origin: Origin, from path: String) -> String {
        origin.path == path ? "line \(origin.line)" : "\(origin.path):\(origin.line)"
    }
}
