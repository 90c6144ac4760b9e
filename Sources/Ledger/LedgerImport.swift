/// Column mappings that let asset-management exports load as ledgers without editing.
///
/// Each table mirrors a file under `docs/ledger-import/` (a test keeps them equal).
/// Headers an export has but the ledger does not use are listed as `ignore`, so they
/// are kept as extra fields without an "unknown column" warning. Headers not in the
/// table (custom fields such as Snipe-IT's `MAC Address`) fall back to the normal
/// ledger aliases.
public enum LedgerImport: String, Sendable, CaseIterable, Codable {
    /// NetBox device list export (Devices → Export → "Current view" or "All data (CSV)").
    case netbox
    /// Snipe-IT asset list export (Assets → Export, or Reports → Custom Asset Report).
    case snipeit

    public struct Mapping: Sendable, Equatable {
        public enum Mode: String, Sendable, Codable, CaseIterable {
            /// The header fills the ledger column.
            case map
            /// Fills the column only when no `map` header for it is present (NetBox's
            /// `IP Address` may be IPv6, so `IPv4 Address` wins when exported too).
            case fallback
            /// A yes/no "BYOD" flag that fills `ownership`: yes → personal, no → company.
            case byod
            /// Known, not used by the ledger: kept as an extra field, no warning.
            case ignore
        }

        public var source: String
        public var target: LedgerColumn?
        public var mode: Mode

        public init(_ source: String, _ target: LedgerColumn?, _ mode: Mode = .map) {
            self.source = source
            self.target = target
            self.mode = mode
        }
    }

    /// `NetBox device export`, for messages.
    public var displayName: String {
        switch self {
        case .netbox: "NetBox device export"
        case .snipeit: "Snipe-IT asset export"
        }
    }

    public var mappings: [Mapping] {
        switch self {
        case .netbox: LedgerImport.netboxMappings
        case .snipeit: LedgerImport.snipeitMappings
        }
    }

    /// The mapping for a header, after the same folding as ledger headers.
    public func mapping(forHeader header: String) -> Mapping? {
        let table = self == .netbox ? LedgerImport.netboxTable : LedgerImport.snipeitTable
        return table[LedgerText.normalizedKey(header)]
    }

    private static let netboxTable = table(netboxMappings)
    private static let snipeitTable = table(snipeitMappings)
    private static let netboxCandidates = candidates(netboxMappings)
    private static let snipeitCandidates = candidates(snipeitMappings)

    private static func table(_ mappings: [Mapping]) -> [String: Mapping] {
        var table: [String: Mapping] = [:]
        for mapping in mappings where table[LedgerText.normalizedKey(mapping.source)] == nil {
            table[LedgerText.normalizedKey(mapping.source)] = mapping
        }
        return table
    }

    private static func candidates(_ mappings: [Mapping]) -> [(key: String, value: String)] {
        mappings.compactMap { mapping in
            mapping.target.map { (key: LedgerText.normalizedKey(mapping.source), value: $0.rawValue) }
        }
    }

    /// Folded source headers → ledger column name, for "did you mean".
    var suggestionCandidates: [(key: String, value: String)] {
        self == .netbox ? LedgerImport.netboxCandidates : LedgerImport.snipeitCandidates
    }

    // Verbose column names of NetBox's DeviceTable (4.x) and the field names of its
    // bulk-import format, which "All data" exports and older releases use.
    static let netboxMappings: [Mapping] = [
        Mapping("Name", .nodeName),
        Mapping("Asset tag", .assetID),
        Mapping("Status", .status),
        Mapping("Tenant", .ownerDept),
        Mapping("Site", .site),
        Mapping("Location", .location),
        Mapping("Role", .deviceClass),
        Mapping("Device role", .deviceClass),
        Mapping("Manufacturer", .hardwareInfo),
        Mapping("Type", .model),
        Mapping("Device type", .model),
        Mapping("Platform", .os),
        Mapping("Serial number", .serialNumber),
        Mapping("Serial", .serialNumber),
        Mapping("IPv4 Address", .ipAddress),
        Mapping("Primary IPv4", .ipAddress),
        Mapping("primary_ip4", .ipAddress),
        Mapping("IP Address", .ipAddress, .fallback),
        Mapping("primary_ip", .ipAddress, .fallback),
        Mapping("Description", .purpose),
        Mapping("Comments", .notes),
        Mapping("ID", nil, .ignore),
        Mapping("Region", nil, .ignore),
        Mapping("Site Group", nil, .ignore),
        Mapping("Tenant Group", nil, .ignore),
        Mapping("Rack", nil, .ignore),
        Mapping("Position", nil, .ignore),
        Mapping("Face", nil, .ignore),
        Mapping("Airflow", nil, .ignore),
        Mapping("Latitude", nil, .ignore),
        Mapping("Longitude", nil, .ignore),
        Mapping("Parent Device", nil, .ignore),
        Mapping("Position (Device Bay)", nil, .ignore),
        Mapping("IPv6 Address", nil, .ignore),
        Mapping("primary_ip6", nil, .ignore),
        Mapping("OOB IP", nil, .ignore),
        Mapping("Cluster", nil, .ignore),
        Mapping("Virtual Chassis", nil, .ignore),
        Mapping("VC Position", nil, .ignore),
        Mapping("VC Priority", nil, .ignore),
        Mapping("Config Template", nil, .ignore),
        Mapping("Contacts", nil, .ignore),
        Mapping("Tags", nil, .ignore),
        Mapping("Created", nil, .ignore),
        Mapping("Last updated", nil, .ignore),
        Mapping("Interfaces", nil, .ignore),
        Mapping("Console ports", nil, .ignore),
        Mapping("Console server ports", nil, .ignore),
        Mapping("Power ports", nil, .ignore),
        Mapping("Power outlets", nil, .ignore),
        Mapping("Front ports", nil, .ignore),
        Mapping("Rear ports", nil, .ignore),
        Mapping("Device bays", nil, .ignore),
        Mapping("Module bays", nil, .ignore),
        Mapping("Inventory items", nil, .ignore),
    ]

    // Column titles of Snipe-IT's asset list (AssetPresenter) and of the custom asset report.
    static let snipeitMappings: [Mapping] = [
        Mapping("Asset Tag", .assetID),
        Mapping("Asset Name", .nodeName),
        Mapping("Name", .nodeName),
        Mapping("Serial", .serialNumber),
        Mapping("Model", .model),
        Mapping("Category", .deviceClass),
        Mapping("Manufacturer", .hardwareInfo),
        Mapping("Status", .status),
        Mapping("Checked Out To", .user),
        Mapping("Assigned To", .user, .fallback),
        Mapping("Checked Out", .user, .fallback),
        Mapping("Location", .location),
        Mapping("Company", .ownerDept),
        Mapping("Notes", .notes),
        Mapping("MAC Address", .macAddresses),
        Mapping("BYOD", .ownership, .byod),
        Mapping("ID", nil, .ignore),
        Mapping("Device Image", nil, .ignore),
        Mapping("Image", nil, .ignore),
        Mapping("Model No.", nil, .ignore),
        Mapping("Default Location", nil, .ignore),
        Mapping("Supplier", nil, .ignore),
        Mapping("Purchase Date", nil, .ignore),
        Mapping("Purchased", nil, .ignore),
        Mapping("Age", nil, .ignore),
        Mapping("Purchase Cost", nil, .ignore),
        Mapping("Cost", nil, .ignore),
        Mapping("Current Value", nil, .ignore),
        Mapping("Order Number", nil, .ignore),
        Mapping("EOL", nil, .ignore),
        Mapping("Warranty", nil, .ignore),
        Mapping("Warranty Expires", nil, .ignore),
        Mapping("Checkouts", nil, .ignore),
        Mapping("Checkins", nil, .ignore),
        Mapping("Requests", nil, .ignore),
        Mapping("Created At", nil, .ignore),
        Mapping("Updated At", nil, .ignore),
        Mapping("Checkout Date", nil, .ignore),
        Mapping("Last Checkin Date", nil, .ignore),
        Mapping("Expected Checkin Date", nil, .ignore),
        Mapping("Last Audit", nil, .ignore),
        Mapping("Next Audit Date", nil, .ignore),
        Mapping("Employee No.", nil, .ignore),
        Mapping("Checkin/Checkout", nil, .ignore),
        Mapping("Actions", nil, .ignore),
    ]

    /// Snipe-IT shows an asset whose status label is deployable and that is checked out to
    /// someone as "Deployed"; its exports carry only the label (`Ready to Deploy`). The
    /// reader applies the same rule, so checked-out assets count as in service.
    var treatsAssignedSpareAsInService: Bool { self == .snipeit }
}
