/// The documented ledger columns (docs/ledger.md). The raw value is the canonical
/// header; `aliases` are the headers real Japanese ledgers use for the same field.
public enum LedgerColumn: String, Sendable, CaseIterable, Codable {
    case assetID = "asset_id"
    case nodeName = "node_name"
    case macAddresses = "mac_addresses"
    case ipAddress = "ip_address"
    case site
    case location
    case user
    case model
    case hardwareInfo = "hardware_info"
    case serialNumber = "serial_number"
    case purpose
    case os
    case software
    case deviceClass = "device_class"
    case ownerDept = "owner_dept"
    case ownership
    case wirelessAuthorized = "wireless_authorized"
    case allowedServices = "allowed_services"
    case status
    case approvalRef = "approval_ref"
    case approvalExpiry = "approval_expiry"
    case confidentiality
    case maintenanceNo = "maintenance_no"
    case installDate = "install_date"
    case maintenanceDate = "maintenance_date"
    case notes

    /// The name the seed policies use (000 7.3 where it lists the field).
    public var japaneseName: String {
        switch self {
        case .assetID: "資産管理番号"
        case .nodeName: "ノード名"
        case .macAddresses: "MACアドレス"
        case .ipAddress: "IPアドレス"
        case .site: "拠点"
        case .location: "設置場所"
        case .user: "利用者"
        case .model: "機種名"
        case .hardwareInfo: "ハードウェア情報"
        case .serialNumber: "シリアル番号"
        case .purpose: "利用目的"
        case .os: "OS"
        case .software: "ソフトウェア"
        case .deviceClass: "機器区分"
        case .ownerDept: "管理部署"
        case .ownership: "所有区分"
        case .wirelessAuthorized: "無線LAN許可"
        case .allowedServices: "許可サービス"
        case .status: "状態"
        case .approvalRef: "承認番号"
        case .approvalExpiry: "承認期限"
        case .confidentiality: "機密性"
        case .maintenanceNo: "保守番号"
        case .installDate: "設置年月日"
        case .maintenanceDate: "保守年月日"
        case .notes: "備考"
        }
    }

    /// Further headers accepted for this column, besides the canonical name and
    /// `japaneseName`. Matching folds width (NFKC), case, spaces, underscores and hyphens,
    /// so `IP アドレス`, `ＩＰアドレス` and `ip_address` are one key.
    public var aliases: [String] {
        switch self {
        case .assetID: ["資産番号", "管理番号", "資産ID", "資産コード", "機器管理番号", "機器番号", "機材番号", "備品番号",
                        "asset tag", "asset no", "asset number"]
        case .nodeName: ["ホスト名", "コンピュータ名", "コンピューター名", "端末名", "機器名", "hostname", "host",
                         "node", "device name", "name"]
        case .macAddresses: ["MAC", "物理アドレス", "mac address", "macs"]
        case .ipAddress: ["IP", "IPv4", "IPv4アドレス", "固定IP", "固定IPアドレス", "ipv4 address"]
        case .site: ["事業所", "拠点名"]
        case .location: ["場所", "設置先"]
        case .user: ["使用者", "利用者名", "使用者名", "担当者", "assigned to"]
        case .model: ["機種", "型番", "型式", "製品名", "モデル", "model name"]
        case .hardwareInfo: ["ハードウェア", "スペック", "仕様", "hardware", "hardware info"]
        case .serialNumber: ["シリアル", "シリアルNo", "製造番号", "serial", "serial no", "S/N"]
        case .purpose: ["用途", "目的", "使用目的"]
        case .os: ["OSとそのバージョン", "OSバージョン", "OS名", "オペレーティングシステム", "operating system", "os version"]
        case .software: ["ソフトウェアとそのバージョン", "導入ソフトウェア", "インストールソフトウェア", "アプリケーション"]
        case .deviceClass: ["機器種別", "種別", "機器分類", "カテゴリ", "カテゴリー", "device class", "category"]
        case .ownerDept: ["管理責任者", "部署", "部門", "所属", "department", "owner dept"]
        case .ownership: ["所有形態", "所有", "所有者区分", "owner type"]
        case .wirelessAuthorized: ["無線LAN接続許可", "無線LAN接続認可", "無線LAN認可", "無線許可", "無線LAN", "Wi-Fi許可",
                                   "wireless", "wifi authorized", "wlan authorized"]
        case .allowedServices: ["許可ポート", "許可サービス/ポート", "許可通信", "allowed ports", "services"]
        case .status: ["ステータス", "状況", "稼働状況", "稼働状態", "利用状況"]
        case .approvalRef: ["承認記録", "承認", "承認ID", "申請番号", "approval", "approval no", "approval id"]
        case .approvalExpiry: ["承認有効期限", "有効期限", "許可期限", "approval expires", "expiry", "expires"]
        case .confidentiality: ["重要度", "機密区分", "機密性評価値", "取扱情報の最高機密性", "最高機密性",
                                "max confidentiality", "classification"]
        case .maintenanceNo: ["保守契約番号", "保守No", "maintenance number"]
        case .installDate: ["設置日", "導入日", "導入年月日", "installed"]
        case .maintenanceDate: ["保守日"]
        case .notes: ["メモ", "注記", "note", "comment", "comments", "remarks"]
        }
    }

    /// Every header text this column answers to: canonical, Japanese, aliases.
    public var acceptedHeaders: [String] { [rawValue, japaneseName] + aliases }

    /// `mac_addresses (MACアドレス)`, for messages.
    public var displayName: String { "\(rawValue) (\(japaneseName))" }

    /// Folded header key → column, for every accepted header.
    static let headerTable: [String: LedgerColumn] = {
        var table: [String: LedgerColumn] = [:]
        for column in LedgerColumn.allCases {
            for header in column.acceptedHeaders { table[LedgerText.normalizedKey(header)] = column }
        }
        return table
    }()

    /// The column a header names, after folding; tries again without a trailing
    /// parenthetical (`IPアドレス（固定）`).
    public init?(header: String) {
        if let column = LedgerColumn.headerTable[LedgerText.normalizedKey(header)] {
            self = column
        } else if let key = LedgerText.keyWithoutParenthetical(header), let column = LedgerColumn.headerTable[key] {
            self = column
        } else {
            return nil
        }
    }
}
