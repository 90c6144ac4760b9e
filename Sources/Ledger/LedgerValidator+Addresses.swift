extension LedgerValidator {
    /// MAC list and IP syntax, addresses that cannot name one device, and rows the audit
    /// could never recognise. Duplicates across rows are `UniquenessRegistry`'s job.
    func addressDiagnostics(_ context: RowContext) -> [LedgerDiagnostic] {
        var diagnostics: [LedgerDiagnostic] = []
        var validMACCount = 0
        var seen = Set<UInt64>()
        for item in LedgerFieldParser.macItems(in: context.field(.macAddresses)?.value ?? "") {
            let position = context.position(.macAddresses, offset: item.item.offset)
            guard let mac = item.address else {
                diagnostics.append(context.diagnostic(.error, .macSyntax, at: position,
                    "\"\(item.item.text)\" is not a MAC address (write aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, "
                        + "aabb.ccdd.eeff or 12 hex digits; separate several with ;)"))
                continue
            }
            if mac.rawValue == 0 {
                diagnostics.append(context.diagnostic(.error, .macNotUnicast, at: position,
                    "MAC \(mac) is all zeros, a placeholder rather than an interface's address"))
                continue
            }
            if mac.isMulticast {
                diagnostics.append(context.diagnostic(.error, .macNotUnicast, at: position,
                    "MAC \(mac) is a group (multicast or broadcast) address and cannot identify a device"))
                continue
            }
            if !seen.insert(mac.rawValue).inserted {
                diagnostics.append(context.diagnostic(.warning, .macRepeated, at: position,
                    "MAC \(mac) is listed twice in this row"))
                continue
            }
            validMACCount += 1
            if mac.isLocallyAdministered {
                diagnostics.append(context.diagnostic(.warning, .macLocallyAdministered, at: position,
                    "MAC \(mac) is locally administered (a randomised \"private Wi-Fi address\"?): the device may "
                        + "change it and then no longer match; turn address randomisation off for the office SSID"))
            }
        }

        var hasStaticIP = false
        if context.header.contains(.ipAddress) {
            let position = context.position(.ipAddress)
            switch LedgerFieldParser.ipValue(context.value(.ipAddress)) {
            case .dynamic:
                break
            case .invalid(let reason):
                diagnostics.append(context.diagnostic(.error, .ipSyntax, at: position, reason))
            case .address(let address, let prefixLength):
                if let reason = LedgerFieldParser.notHostReason(address, prefixLength: prefixLength) {
                    diagnostics.append(context.diagnostic(.error, .ipNotHost, at: position,
                        reason + "; ip_address must be the asset's own address"))
                } else {
                    hasStaticIP = true
                }
            }
        }

        // Only when nothing above already explains it: a bad MAC or IP is its own error.
        if validMACCount == 0, !hasStaticIP, context.asset.status == .inService,
           context.header.contains(.macAddresses) || context.header.contains(.ipAddress),
           !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(context.diagnostic(.warning, .unmatchable, at: (context.row.line, 0),
                "asset \"\(context.asset.assetID)\" has neither a MAC address nor a static IP address; "
                    + "the audit cannot recognise it on the network"))
        }
        return diagnostics
    }
}
