import Ledger
import Snapshot

/// `ledger.approval_expired`: an approval that let something deviate from the policy has run out.
///
/// Two kinds of approval lapse: a ledger row's `approval_expiry` (the connection approval of JPMA
/// 000 7.13 and ISMS 002 7.8(3)), judged for every row whose status puts it on the network; and an
/// exception in the profile or in `--exceptions` whose `expires` date has passed while a finding it
/// would cover is present. The expired exception no longer suppresses that finding (the auditor
/// leaves it active) and this rule says why, once per exception. `warn_days_before` also reports
/// ledger approvals that run out within that many days.
public struct ApprovalExpiredRule: AuditRule {
    public static let id = "ledger.approval_expired"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let warnDays = rule.int("warn_days_before") ?? 0
        var findings: [Finding] = []
        for asset in ledger.assets where asset.status.isActive {
            guard let expiry = asset.approvalExpiry, let date = ProfileDate(expiry) else { continue }
            let daysLeft = context.today.days(until: date)
            if daysLeft < 0 {
                findings.append(ledgerFinding(asset, expiry: expiry, daysLeft: daysLeft, context, rule))
            } else if warnDays > 0, daysLeft <= warnDays {
                findings.append(ledgerFinding(asset, expiry: expiry, daysLeft: daysLeft, context, rule))
            }
        }
        return findings
    }

    private func ledgerFinding(_ asset: Asset, expiry: LedgerDate, daysLeft: Int, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let reference = asset.approvalRef.isEmpty ? "" : " \(asset.approvalRef)"
        let referenceJA = asset.approvalRef.isEmpty ? "" : "（\(asset.approvalRef)）"
        let expired = daysLeft < 0
        let en = expired
            ? "The connection approval\(reference) of ledger asset \(asset.label) expired on \(expiry)."
            : "The connection approval\(reference) of ledger asset \(asset.label) expires on \(expiry), in \(daysLeft) day\(daysLeft == 1 ? "" : "s")."
        let ja = expired
            ? "台帳の \(asset.label) の接続承認\(referenceJA)は \(expiry) に有効期限が切れています。"
            : "台帳の \(asset.label) の接続承認\(referenceJA)は \(expiry) に有効期限を迎えます（残り \(daysLeft) 日）。"
        return rule.finding(
            subject: .asset(asset), identity: AuditIdentity.asset(asset) + ["approval-expiry=\(expiry)", expired ? "expired" : "expiring"],
            message: LocalizedText(en: en, ja: ja),
            evidence: [context.recorded("\(asset.label): approval_ref \(asset.approvalRef.isEmpty ? "(none)" : asset.approvalRef), "
                + "approval_expiry \(expiry), status \(asset.status.rawValue); today is \(context.today)", asset: asset)],
            remediation: LocalizedText(
                en: "Have the approver renew the approval and record the new reference and expiry in the ledger, or disconnect the device and mark the row retired.",
                ja: "承認者に承認を更新してもらい、新しい承認番号と有効期限を台帳に記録してください。更新しない場合は機器を切り離し、台帳の状態を撤去にしてください。"))
    }

    /// The finding for an exception that has expired while findings it would cover are present.
    /// `uncovered` are those findings (they stay active).
    static func lapsedException(_ exception: ProfileException, uncovered: [Finding], _ context: AuditContext,
                                _ rule: ResolvedRule) -> Finding {
        let id = exception.id.value
        let expires = exception.expires?.value.description ?? "?"
        let approver = exception.approver ?? "?"
        let listed = uncovered.prefix(5).map { "\($0.ruleID) (\($0.subject.label))" }.joined(separator: ", ")
            + (uncovered.count > 5 ? ", …" : "")
        let reasonEN = exception.reason.map { ", reason: \($0)" } ?? ""
        let reasonJA = exception.reason.map { "、理由: \($0)" } ?? ""
        var evidence = [FindingEvidence(
            fact: "exception '\(id)' approved by \(approver)\(exception.approvalRef.map { " (\($0))" } ?? ""), expires \(expires); today is \(context.today)",
            source: (exception.expires?.location ?? exception.location).description)]
        for finding in uncovered.prefix(5) {
            evidence.append(FindingEvidence(fact: "no longer suppressed: \(finding.ruleID) about \(finding.subject.label) (fingerprint \(finding.fingerprint))"))
        }
        let match = exception.match
        return rule.finding(
            subject: Subject(kind: .profile, mac: match.mac?.value.description, ip: match.ip?.value.description, assetID: match.assetID),
            identity: ["exception=\(id)", "expires=\(expires)"],
            message: LocalizedText(
                en: "Exception '\(id)' (approved by \(approver)\(reasonEN)) expired on \(expires) and no longer suppresses "
                    + "\(uncovered.count) finding\(uncovered.count == 1 ? "" : "s"): \(listed).",
                ja: "例外「\(id)」（承認者: \(approver)\(reasonJA)）は \(expires) に有効期限が切れたため、"
                    + "\(uncovered.count) 件の指摘を抑制しなくなりました: \(listed)。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "If the deviation is still needed, have it approved again and set a new expiry; otherwise fix the findings and remove the exception.",
                ja: "逸脱が引き続き必要であれば再度承認を得て新しい有効期限を設定し、不要であれば指摘事項を是正して例外を削除してください。"))
    }
}

extension ApprovalExpiredRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a ledger row's approval expired last week",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", approvalRef: "APR-2023-002",
                                                                      expiry: "2025-12-31"))),
            AuditExample("a ledger approval within warn_days_before of its end",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", approvalRef: "APR-1", expiry: "2026-03-31")),
                         params: "{warn_days_before: 90}"),
            AuditExample("an exception that lapsed while the device it covered is still connected",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01")),
                         alsoEnabled: [UnregisteredDeviceRule.id],
                         exceptions: ["{id: vendor-maintenance, rules: [ledger.unregistered_device], match: {mac: \"00:1b:21:00:00:99\"}, "
                                      + "approver: 山田部長, reason: 保守作業, expires: 2025-12-01}"]),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("approvals that are current",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", approvalRef: "APR-1", expiry: "2026-03-31"),
                                                     AuditExample.row("PC-002", mac: "00:1b:21:00:00:02", approvalRef: "APR-2", expiry: "2026-01-05")))
                .expecting(0),
            AuditExample("a retired row's old approval does not matter",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"),
                                                     AuditExample.row("PC-005", mac: "00:1b:21:00:00:05", status: "retired", expiry: "2023-03-31")))
                .expecting(0),
            AuditExample("an exception still in force",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01")),
                         alsoEnabled: [UnregisteredDeviceRule.id],
                         exceptions: ["{id: vendor-maintenance, rules: [ledger.unregistered_device], match: {mac: \"00:1b:21:00:00:99\"}, "
                                      + "approver: 山田部長, expires: 2026-02-01}"]).expecting(0),
            AuditExample("an expired exception that no longer covers anything",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01")),
                         alsoEnabled: [UnregisteredDeviceRule.id],
                         exceptions: ["{id: vendor-maintenance, rules: [ledger.unregistered_device], match: {mac: \"00:1b:21:00:00:99\"}, "
                                      + "approver: 山田部長, expires: 2025-12-01}"]).expecting(0),
        ]
    }
}
