extension LedgerValidator {
    /// Enumerated and structured cells: wireless flag, status, ownership, services, dates.
    func valueDiagnostics(_ context: RowContext) -> [LedgerDiagnostic] {
        var diagnostics: [LedgerDiagnostic] = []

        let wireless = context.value(.wirelessAuthorized)
        if let authorised = LedgerBoolean.parse(wireless) {
            if authorised, context.asset.macAddresses.isEmpty {
                diagnostics.append(context.diagnostic(.error, .wirelessWithoutMAC, at: context.position(.wirelessAuthorized),
                    "wireless_authorized is yes but the row has no valid MAC address; the access point's MAC "
                        + "filter (000 5.1.3) needs the device's wireless MAC"))
            }
        } else {
            diagnostics.append(context.diagnostic(.error, .wirelessValue, at: context.position(.wirelessAuthorized),
                LedgerValidator.unrecognisedMessage(column: .wirelessAuthorized, value: wireless,
                    accepted: ["yes/no", "true/false", "1/0", "はい/いいえ", "○/×", "可/不可"],
                    candidates: LedgerValidator.booleanCandidates)))
        }

        let status = context.value(.status)
        if AssetStatus(ledgerValue: status) == nil {
            diagnostics.append(context.diagnostic(.error, .statusValue, at: context.position(.status),
                LedgerValidator.unrecognisedMessage(column: .status, value: status,
                    accepted: ["in_service (稼働中)", "spare (予備)", "repair (修理中)", "retired (返却/撤去)",
                               "disposed (廃棄)", "lost (紛失)"],
                    candidates: LedgerValidator.statusCandidates)))
        }

        let ownership = context.value(.ownership)
        if !ownership.isEmpty, Ownership(ledgerValue: ownership) == nil {
            let shown = context.field(.ownership).map { LedgerText.trimmed($0.value) } ?? ownership
            diagnostics.append(context.diagnostic(.error, .ownershipValue, at: context.position(.ownership),
                LedgerValidator.unrecognisedMessage(column: .ownership, value: shown,
                    accepted: ["company (会社支給・貸与)", "lease (リース)", "personal (私物)", "vendor (社外機器)"],
                    candidates: LedgerValidator.ownershipCandidates)))
        }

        for service in LedgerFieldParser.serviceItems(in: context.field(.allowedServices)?.value ?? "") {
            guard case .invalid(let reason) = service.result else { continue }
            diagnostics.append(context.diagnostic(.error, .serviceSyntax,
                at: context.position(.allowedServices, offset: service.item.offset), "allowed_services: " + reason))
        }

        for column in [LedgerColumn.installDate, .maintenanceDate] {
            let text = context.value(column)
            if !text.isEmpty, LedgerDate(ledgerValue: text) == nil {
                // Warning only: no rule reads these dates, and old ledgers write them loosely.
                diagnostics.append(context.diagnostic(.warning, .dateSyntax, at: context.position(column),
                    "\(column.rawValue) \"\(text)\" is not a date (write YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"))
            }
        }
        return diagnostics
    }

    /// Approval expiry: well-formed, not passed (for assets still in use), not about to
    /// pass, and backed by an approval reference.
    func approvalDiagnostics(_ context: RowContext) -> [LedgerDiagnostic] {
        let text = context.value(.approvalExpiry)
        guard !text.isEmpty else { return [] }
        let position = context.position(.approvalExpiry)
        guard let expiry = LedgerDate(ledgerValue: text) else {
            return [context.diagnostic(.error, .dateSyntax, at: position,
                "approval_expiry \"\(text)\" is not a date (write YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)")]
        }
        var diagnostics: [LedgerDiagnostic] = []
        let reference = context.asset.approvalRef
        let named = reference.isEmpty ? "the approval" : "approval \(reference)"
        if context.asset.status.isActive {
            let daysLeft = today.days(until: expiry)
            if daysLeft < 0 {
                diagnostics.append(context.diagnostic(.error, .approvalExpired, at: position,
                    "\(named) expired on \(expiry) (today is \(today)); renew it or retire the asset"))
            } else if expiryWarningDays > 0, daysLeft <= expiryWarningDays {
                diagnostics.append(context.diagnostic(.warning, .approvalExpiring, at: position,
                    "\(named) expires on \(expiry), in \(daysLeft) day\(daysLeft == 1 ? "" : "s")"))
            }
        }
        if reference.isEmpty {
            diagnostics.append(context.diagnostic(.warning, .approvalWithoutReference, at: position,
                "approval_expiry is set but approval_ref (承認番号) is empty: which approval expires?"))
        }
        return diagnostics
    }
}
