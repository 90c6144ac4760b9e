import NetAddress

/// One row of the IT equipment ledger, typed.
///
/// Values the validator rejects are left out (an unreadable MAC is not in
/// `macAddresses`), so an asset is always safe to audit with; run `LedgerValidator`
/// to learn what was left out and why.
public struct Asset: Sendable, Equatable {
    /// 資産管理番号: the primary key, stable across MAC and IP changes (002 7.10).
    public var assetID: String
    /// ノード名: host name as DHCP, NetBIOS or mDNS would announce it.
    public var nodeName: String
    /// Every interface's MAC (wired and wireless), in the order written.
    public var macAddresses: [MACAddress]
    /// The static IPv4 address; nil when the asset is addressed by DHCP (empty or `dhcp`).
    public var ipAddress: IPv4Address?
    public var site: String
    public var location: String
    public var user: String
    public var model: String
    public var hardwareInfo: String
    public var serialNumber: String
    public var purpose: String
    public var os: String
    public var software: String
    public var deviceClass: String
    public var ownerDept: String
    /// Nil when the cell is empty (or unrecognised; the validator reports that).
    public var ownership: Ownership?
    /// May join the wireless LAN (its MACs belong on the AP's MAC filter, 000 5.1.3).
    public var wirelessAuthorized: Bool
    /// Services this asset may offer; empty means none beyond the profile's defaults.
    public var allowedServices: [ServiceSpec]
    public var status: AssetStatus
    public var approvalRef: String
    public var approvalExpiry: LedgerDate?
    /// Free text: schemes differ per policy (0/1/2 in 000 and 001, four levels in 004).
    public var confidentiality: String
    public var maintenanceNo: String
    public var installDate: LedgerDate?
    public var maintenanceDate: LedgerDate?
    public var notes: String
    /// Columns the ledger does not define, by header, in file order.
    public var extraFields: [LedgerExtraField]
    /// The ledger file and line the row starts on, for evidence.
    public var file: String
    public var line: Int

    /// True when the asset has no static address (its `ip_address` is empty or `dhcp`).
    public var isDynamicallyAddressed: Bool { ipAddress == nil }

    public init(assetID: String, nodeName: String = "", macAddresses: [MACAddress] = [], ipAddress: IPv4Address? = nil,
                site: String = "", location: String = "", user: String = "", model: String = "",
                hardwareInfo: String = "", serialNumber: String = "", purpose: String = "", os: String = "",
                software: String = "", deviceClass: String = "", ownerDept: String = "", ownership: Ownership? = nil,
                wirelessAuthorized: Bool = false, allowedServices: [ServiceSpec] = [], status: AssetStatus = .inService,
                approvalRef: String = "", approvalExpiry: LedgerDate? = nil, confidentiality: String = "",
                maintenanceNo: String = "", installDate: LedgerDate? = nil, maintenanceDate: LedgerDate? = nil,
                notes: String = "", extraFields: [LedgerExtraField] = [], file: String = "", line: Int = 0) {
        self.assetID = assetID
        self.nodeName = nodeName
        self.macAddresses = macAddresses
        self.ipAddress = ipAddress
        self.site = site
        self.location = location
        self.user = user
        self.model = model
        self.hardwareInfo = hardwareInfo
        self.serialNumber = serialNumber
        self.purpose = purpose
        self.os = os
        self.software = software
        self.deviceClass = deviceClass
        self.ownerDept = ownerDept
        self.ownership = ownership
        self.wirelessAuthorized = wirelessAuthorized
        self.allowedServices = allowedServices
        self.status = status
        self.approvalRef = approvalRef
        self.approvalExpiry = approvalExpiry
        self.confidentiality = confidentiality
        self.maintenanceNo = maintenanceNo
        self.installDate = installDate
        self.maintenanceDate = maintenanceDate
        self.notes = notes
        self.extraFields = extraFields
        self.file = file
        self.line = line
    }
}

/// A cell under a header the ledger does not define (or an export column it ignores).
public struct LedgerExtraField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
