import Ledger
import Snapshot

/// `ledger.unregistered_device`: a station on the LAN that is not company equipment on record
/// (JPMA 000 7.13: 会社が支給、貸与したクライアント及びサーバー以外の機器を、社内 LAN に接続することを禁止する).
///
/// A device is registered when a ledger row is its row (see `AuditMatching`), the row's ownership
/// class is allowed (`allowed_ownership`; an empty ownership cell counts as company equipment, the
/// ledger being the company's equipment ledger), and, for classes in `approval_required_for`, the
/// row carries an approval that has not expired. Rows marked retired, disposed or lost are left to
/// `ledger.retired_device_seen`. A randomised MAC that no row lists goes to `ledger.randomized_mac`
/// when that rule is enabled with `exclude_from_unregistered` (its default): such a station may be a
/// registered phone using a private address, so it is reported as unverified rather than as an intruder.
public struct UnregisteredDeviceRule: AuditRule {
    public static let id = "ledger.unregistered_device"
    public init() {}

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let ledger = context.ledger else { return [] }
        let allowed = Set(rule.enumerations("allowed_ownership", as: Ownership.self) ?? [.company, .lease])
        let needApproval = Set(rule.enumerations("approval_required_for", as: Ownership.self) ?? [])
        let randomizedElsewhere = context.enabledRule(RandomizedMACRule.id)?.bool("exclude_from_unregistered") ?? false

        var findings: [Finding] = []
        for (index, device) in context.snapshot.devices.enumerated() where device.mac.isUnicastStation {
            guard let match = context.matching.match(forDevice: index) else {
                if device.isRandomized && randomizedElsewhere { continue }
                findings.append(unlisted(device, context, rule))
                continue
            }
            let asset = ledger.assets[match.assetIndex]
            guard asset.status.isActive else { continue }
            let ownership = asset.ownership ?? .company
            if !allowed.contains(ownership) {
                findings.append(ownershipNotAllowed(device, asset, ownership, allowed: allowed, context, rule))
            } else if needApproval.contains(ownership), let problem = approvalProblem(asset, today: context.today) {
                findings.append(unapproved(device, asset, ownership, problem: problem, context, rule))
            }
        }
        return findings
    }

    /// Why a row's approval does not count today, or nil when it does.
    func approvalProblem(_ asset: Asset, today: ProfileDate) -> LocalizedText? {
        let reference = asset.approvalRef.isEmpty ? "" : " \(asset.approvalRef)"
        if let expiry = asset.approvalExpiry, let date = ProfileDate(expiry), date < today {
            return LocalizedText(en: "its approval\(reference) expired on \(expiry)",
                                 ja: "承認\(asset.approvalRef.isEmpty ? "" : "（\(asset.approvalRef)）")の有効期限が \(expiry) に切れています")
        }
        if asset.approvalRef.isEmpty && asset.approvalExpiry == nil {
            return LocalizedText(en: "the row records no approval", ja: "台帳に承認が記録されていません")
        }
        return nil
    }

    private func observedEvidence(_ device: Device, _ context: AuditContext) -> [FindingEvidence] {
        var evidence = [context.observed("station \(device.mac) first seen (\(device.packets) frames, \(device.addressList))",
                                         at: device.firstSeen, evidence: device.evidence)]
        for binding in device.ipv4.prefix(4) where binding.address.isHostAddress {
            evidence.append(context.observed("\(device.mac) used \(binding.address) (\(binding.sources.joined(separator: ", ")))",
                                             at: binding.firstSeen, evidence: binding.evidence))
        }
        return evidence
    }

    private func unlisted(_ device: Device, _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        var en = "Device \(device.label) is on the network but matches no row of the IT equipment ledger."
        var ja = "機器 \(device.label) がネットワークに接続されていますが、IT 機材管理台帳のどの行にも該当しません。"
        if device.isRandomized {
            en += " Its MAC address is randomised, so it may be a registered device using a private address: unverified."
            ja += "MAC アドレスがランダム化されているため、登録済み機器がプライベートアドレスを使っている可能性があり、未確認です。"
        }
        var evidence = observedEvidence(device, context)
        evidence.append(FindingEvidence(fact: "no ledger row lists \(device.mac)"
            + (context.profile.scope.ipOnlyMatching ? " or, without a MAC, its address" : ""), source: context.ledger?.path))
        return rule.finding(
            subject: .device(device), identity: AuditIdentity.device(device),
            message: LocalizedText(en: en, ja: ja), evidence: evidence,
            remediation: LocalizedText(
                en: "Find the device (switch port, DHCP lease, user) and disconnect it, or register it in the ledger with the approval the policy requires.",
                ja: "スイッチのポート、DHCP リース、利用者から機器を特定し、ネットワークから切り離すか、規程が求める承認を得たうえで台帳に登録してください。"))
    }

    private func ownershipNotAllowed(_ device: Device, _ asset: Asset, _ ownership: Ownership, allowed: Set<Ownership>,
                                     _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        let allowedList = Ownership.allCases.filter(allowed.contains)
        var evidence = observedEvidence(device, context)
        evidence.append(context.recorded("\(asset.label): ownership \(ownership.rawValue)", asset: asset))
        return rule.finding(
            subject: .device(device, asset: asset), identity: AuditIdentity.device(device),
            message: LocalizedText(
                en: "Device \(device.label) is ledger asset \(asset.label), but \(ownership.englishLabel) devices may not be connected "
                    + "(allowed: \(allowedList.map(\.englishLabel).joined(separator: ", "))).",
                ja: "機器 \(device.label) は台帳の \(asset.label) ですが、所有区分「\(ownership.japaneseLabel)」の機器は接続が認められていません"
                    + "（許可されている区分: \(allowedList.map(\.japaneseLabel).joined(separator: "、"))）。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Disconnect the device: only equipment of the allowed ownership classes may join the LAN.",
                ja: "機器をネットワークから切り離してください。許可された所有区分の機器のみ社内 LAN に接続できます。"))
    }

    private func unapproved(_ device: Device, _ asset: Asset, _ ownership: Ownership, problem: LocalizedText,
                            _ context: AuditContext, _ rule: ResolvedRule) -> Finding {
        var evidence = observedEvidence(device, context)
        evidence.append(context.recorded("\(asset.label): ownership \(ownership.rawValue), approval_ref "
            + "\(asset.approvalRef.isEmpty ? "(none)" : asset.approvalRef), approval_expiry \(asset.approvalExpiry?.description ?? "(none)")",
            asset: asset))
        return rule.finding(
            subject: .device(device, asset: asset), identity: AuditIdentity.device(device),
            message: LocalizedText(
                en: "Device \(device.label) is ledger asset \(asset.label), \(ownership.englishLabel) equipment that may connect only "
                    + "with a valid approval, but \(problem.en).",
                ja: "機器 \(device.label) は台帳の \(asset.label)（所有区分「\(ownership.japaneseLabel)」）で、有効な承認がある場合に限り"
                    + "接続できますが、\(problem.ja)。"),
            evidence: evidence,
            remediation: LocalizedText(
                en: "Disconnect the device until the approver renews the approval, then record the new approval reference and expiry in the ledger.",
                ja: "承認者が承認を更新するまで機器を切り離し、更新後に新しい承認番号と有効期限を台帳に記録してください。"))
    }
}

extension Device {
    /// A locally administered MAC (a phone's or laptop's private Wi-Fi address).
    var isRandomized: Bool { randomized || mac.isLocallyAdministered }
}

extension Ownership {
    var englishLabel: String {
        switch self {
        case .company: "company-issued"
        case .lease: "leased"
        case .personal: "privately owned"
        case .vendor: "outside-party"
        }
    }

    var japaneseLabel: String {
        switch self {
        case .company: "会社支給・貸与"
        case .lease: "リース・レンタル"
        case .personal: "私物"
        case .vendor: "社外機器"
        }
    }
}

extension UnregisteredDeviceRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a station no ledger row lists",
                         snapshot: AuditExample.network([
                             AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"]),
                             AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"]),
                         ]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", name: "pc1", mac: "00:1b:21:00:00:01"))),
            AuditExample("a privately owned device although the profile allows only company equipment",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:02", ["192.168.1.20"])]),
                         ledger: AuditExample.ledger(AuditExample.row("BYOD-1", mac: "00:1b:21:00:00:02", ownership: "私物"))),
            AuditExample("a vendor laptop whose approval expired",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:03", ["192.168.1.30"])]),
                         ledger: AuditExample.ledger(AuditExample.row("VEN-1", mac: "00:1b:21:00:00:03", ownership: "vendor",
                                                                      approvalRef: "APR-1", expiry: "2025-12-31")),
                         params: "{allowed_ownership: [company, lease, vendor], approval_required_for: [vendor]}"),
            AuditExample("a randomised MAC is reported here when ledger.randomized_mac is not enabled",
                         snapshot: AuditExample.network([AuditExample.station("da:a1:19:00:00:01", ["192.168.1.40"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"))),
            AuditExample("an address match does not register a device unless ip_only_matching is set",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:05", ["192.168.1.5"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-001", ip: "192.168.1.5"))),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("every station is a company row (MAC written Windows style)",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00-1B-21-00-00-01"))).expecting(0),
            AuditExample("a vendor laptop with a current approval",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:03", ["192.168.1.30"])]),
                         ledger: AuditExample.ledger(AuditExample.row("VEN-1", mac: "00:1b:21:00:00:03", ownership: "vendor",
                                                                      approvalRef: "APR-1", expiry: "2026-03-31")),
                         params: "{allowed_ownership: [company, lease, vendor], approval_required_for: [vendor]}").expecting(0),
            AuditExample("a randomised MAC is left to ledger.randomized_mac",
                         snapshot: AuditExample.network([AuditExample.station("da:a1:19:00:00:01", ["192.168.1.40"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01")),
                         alsoEnabled: [RandomizedMACRule.id]).expecting(0),
            AuditExample("a printer without a MAC in the ledger, matched by its static address under ip_only_matching",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:05", ["192.168.1.5"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PR-001", ip: "192.168.1.5")),
                         scope: ["ip_only_matching: true"]).expecting(0),
            AuditExample("a retired row is judged by ledger.retired_device_seen, not here",
                         snapshot: AuditExample.network([AuditExample.station("00:1b:21:00:00:06", ["192.168.1.6"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-006", mac: "00:1b:21:00:00:06", status: "撤去"))).expecting(0),
            AuditExample("a multicast source MAC is never a device",
                         snapshot: AuditExample.network([AuditExample.station("01:00:5e:00:00:fb", ["224.0.0.251"])]),
                         ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"))).expecting(0),
        ]
    }
}
