/// Where an asset is in its life; decides whether seeing it on the network is expected.
public enum AssetStatus: String, Sendable, CaseIterable, Codable {
    /// Deployed and expected on the network (稼働中, 使用中; NetBox `Active`, Snipe-IT `Deployed`).
    case inService = "in_service"
    /// Owned but not deployed: stock, planned, staged (予備, 在庫; NetBox `Inventory`, `Planned`,
    /// `Staged`, `Offline`; Snipe-IT `Ready to Deploy`, `Pending`).
    case spare = "spare"
    /// Away for repair or broken (修理中, 故障; NetBox `Failed`; Snipe-IT `Out for Repair`).
    case repair = "repair"
    /// Taken out of use, returned or removed (返却, 退役, 撤去, 休止; NetBox `Decommissioning`;
    /// Snipe-IT `Archived`, `Broken - Not Fixable`).
    case retired = "retired"
    /// Disposed of, scrapped or sold (廃棄, 処分).
    case disposed = "disposed"
    /// Lost or stolen (紛失, 盗難; Snipe-IT `Lost/Stolen`): seeing it again is an incident.
    case lost = "lost"

    /// Reads a ledger cell; an empty cell means in service (a row without a status is a
    /// working device). Nil for text that is none of the documented words.
    public init?(ledgerValue text: String) {
        let key = LedgerText.normalizedKey(text)
        if key.isEmpty {
            self = .inService
            return
        }
        if let status = AssetStatus.vocabulary[key] {
            self = status
        } else if let stripped = LedgerText.keyWithoutParenthetical(text), let status = AssetStatus.vocabulary[stripped] {
            self = status
        } else {
            return nil
        }
    }

    /// True for statuses that put the device on the network; used to scope duplicate-IP
    /// and approval checks (a retired row may keep the address its successor now uses).
    public var isActive: Bool {
        switch self {
        case .inService, .spare, .repair: true
        case .retired, .disposed, .lost: false
        }
    }

    /// The words each status accepts, English first; matching ignores case, width, spaces,
    /// hyphens and underscores.
    public var acceptedWords: [String] {
        switch self {
        case .inService:
            ["in_service", "active", "deployed", "in use", "operational", "production",
             "稼働", "稼働中", "稼動", "稼動中", "使用中", "運用中", "利用中", "貸出中"]
        case .spare:
            ["spare", "stock", "in stock", "inventory", "planned", "staged", "offline", "ready to deploy", "pending",
             "予備", "在庫", "保管", "保管中", "未使用", "未稼働", "準備中", "導入予定"]
        case .repair:
            ["repair", "in repair", "out for repair", "out for diagnostics", "failed", "broken",
             "修理", "修理中", "故障", "故障中"]
        case .retired:
            ["retired", "decommissioned", "decommissioning", "archived", "returned", "removed", "broken - not fixable",
             "返却", "返却済", "返却済み", "退役", "撤去", "撤去済", "撤去済み", "休止", "休止中", "廃止", "使用停止", "利用停止"]
        case .disposed:
            ["disposed", "scrapped", "destroyed", "sold", "廃棄", "廃棄済", "廃棄済み", "処分", "処分済", "処分済み", "売却"]
        case .lost:
            ["lost", "stolen", "lost/stolen", "missing", "紛失", "盗難", "所在不明"]
        }
    }

    static let vocabulary: [String: AssetStatus] = {
        var table: [String: AssetStatus] = [:]
        for status in AssetStatus.allCases {
            for word in status.acceptedWords { table[LedgerText.normalizedKey(word)] = status }
        }
        return table
    }()
}
