import XCTest
@testable import Ledger

final class HeaderTests: XCTestCase {
    func testJapaneseHeadersFromRealLedgers() throws {
        let text = """
            管理番号,ノード名,設置場所,利用者,機種名,ハードウェア情報,IP アドレス,MACアドレス,利用目的,OS,ソフトウェア,保守番号,所有区分,無線LAN許可,許可サービス,状態,承認番号,承認期限,設置年月日,保守年月日,備考
            A-1,fs01,サーバールーム,総務部,PowerEdge T150,Xeon/32GB,192.168.1.5,00:1b:21:3a:4f:01,ファイルサーバー,Windows Server 2022,Office,M-9,会社支給,×,smb;tcp/3389,稼働中,AP-7,2026/3/31,2023/4/1,2025年4月1日,
            """
        let ledger = try parse(text)
        let expected: [LedgerColumn] = [.assetID, .nodeName, .location, .user, .model, .hardwareInfo, .ipAddress,
                                        .macAddresses, .purpose, .os, .software, .maintenanceNo, .ownership,
                                        .wirelessAuthorized, .allowedServices, .status, .approvalRef, .approvalExpiry,
                                        .installDate, .maintenanceDate, .notes]
        XCTAssertEqual(ledger.header?.columns.map(\.role), expected.map { .column($0) })
        XCTAssertEqual(ledger.warnings, [])
        let asset = try XCTUnwrap(ledger.assets.first)
        XCTAssertEqual(asset.assetID, "A-1")
        XCTAssertEqual(asset.location, "サーバールーム")
        XCTAssertEqual(asset.ownership, .company)
        XCTAssertEqual(asset.wirelessAuthorized, false)
        XCTAssertEqual(asset.allowedServices.map(\.description), ["tcp/445", "tcp/3389"])
        XCTAssertEqual(asset.status, .inService)
        XCTAssertEqual(asset.approvalExpiry, LedgerDate(year: 2026, month: 3, day: 31))
        XCTAssertEqual(asset.installDate, LedgerDate(year: 2023, month: 4, day: 1))
        XCTAssertEqual(asset.maintenanceDate, LedgerDate(year: 2025, month: 4, day: 1))
        XCTAssertEqual(asset.line, 2)
    }

    func testWidthCaseSpaceAndUnderscoreAreFolded() {
        for header in ["IPアドレス", "IP アドレス", "ＩＰアドレス", "ＩＰ　アドレス", "ip_address", "IP-Address", "Ip Address",
                       "IPアドレス（固定）"] {
            XCTAssertEqual(LedgerColumn(header: header), .ipAddress, header)
        }
        XCTAssertEqual(LedgerColumn(header: "ｽﾃｰﾀｽ"), .status)
        XCTAssertEqual(LedgerColumn(header: "MAC Address"), .macAddresses)
        XCTAssertEqual(LedgerColumn(header: "資産番号"), .assetID)
        XCTAssertEqual(LedgerColumn(header: "ＯＳ"), .os)
        XCTAssertNil(LedgerColumn(header: "購入金額"))
    }

    func testNoAliasIsClaimedByTwoColumns() {
        var owner: [String: LedgerColumn] = [:]
        for column in LedgerColumn.allCases {
            for header in column.acceptedHeaders {
                let key = LedgerText.normalizedKey(header)
                if let other = owner[key], other != column {
                    XCTFail("\(header) is claimed by \(other) and \(column)")
                }
                owner[key] = column
            }
        }
    }

    func testUnknownColumnIsKeptWithDidYouMean() throws {
        let ledger = try parse("asset_id,node_name,MAC Adress,購入金額\nA-1,pc,00:11:22:33:44:55,98000\n")
        XCTAssertEqual(ledger.warnings.map(\.description), [
            "ledger.csv:1:20: warning: unknown column \"MAC Adress\" is kept as an extra field; "
                + "did you mean mac_addresses (MACアドレス)?",
            "ledger.csv:1:31: warning: unknown column \"購入金額\" is kept as an extra field",
        ])
        XCTAssertEqual(try ledger.assets.at(0).extraFields, [
            LedgerExtraField(name: "MAC Adress", value: "00:11:22:33:44:55"),
            LedgerExtraField(name: "購入金額", value: "98000"),
        ])
        XCTAssertEqual(try ledger.assets.at(0).macAddresses, [])
    }

    func testJapaneseTypoGetsSuggestion() throws {
        let ledger = try parse("asset_id,ノード名,設置場,IP\nA-1,pc,本社,dhcp\n")
        XCTAssertEqual(ledger.warnings.map(\.message),
                       ["unknown column \"設置場\" is kept as an extra field; did you mean location (設置場所)?"])
    }

    func testTitleRowsAboveTheHeaderAreSkipped() throws {
        let text = "社内 IT 機材管理台帳,,,\n作成日,2025/4/1,,\n\n資産管理番号,ノード名,MACアドレス,IPアドレス\nA-1,pc1,00:11:22:33:44:55,dhcp\n"
        let ledger = try parse(text)
        XCTAssertEqual(ledger.header?.line, 4)
        XCTAssertEqual(ledger.assets.map(\.assetID), ["A-1"])
        XCTAssertEqual(try ledger.assets.at(0).line, 5)
        XCTAssertEqual(ledger.warnings, [])
    }

    func testDuplicateColumnIsAnErrorAtTheSecondHeader() throws {
        let result = try diagnostics("asset_id,node_name,IPアドレス,IP\nA-1,pc,192.168.1.2,192.168.1.3\n")
        XCTAssertEqual(rendered(result, .duplicateColumn), [
            "ledger.csv:1:27: error: column \"IP\" is ip_address again (column 3, \"IPアドレス\", already is); "
                + "only the first is read",
        ])
        let ledger = try parse("asset_id,node_name,IPアドレス,IP\nA-1,pc,192.168.1.2,192.168.1.3\n")
        XCTAssertEqual(try ledger.assets.at(0).ipAddress?.description, "192.168.1.2")
    }

    func testMissingRequiredColumns() throws {
        let result = try diagnostics("ホスト名,設置場所\npc1,本社\n")
        XCTAssertEqual(rendered(result, .missingColumn), [
            "ledger.csv:1: error: missing required column asset_id (資産管理番号)",
            "ledger.csv:1: error: missing column mac_addresses (MACアドレス) or ip_address (IPアドレス): "
                + "a ledger needs at least one of them to recognise devices on the network",
        ])
        let withMACOnly = try diagnostics("asset_id,node_name,mac_addresses\nA-1,pc,00:11:22:33:44:55\n")
        XCTAssertEqual(rendered(withMACOnly, .missingColumn), [])
        let withIPOnly = try diagnostics("asset_id,node_name,ip_address\nA-1,pc,192.168.1.9\n")
        XCTAssertEqual(rendered(withIPOnly, .missingColumn), [])
    }

    func testUnnamedColumnWarnsOnlyWhenItHoldsData() throws {
        let quiet = try parse("asset_id,node_name,ip_address,,\nA-1,pc,dhcp,,\n")
        XCTAssertEqual(quiet.warnings, [])
        let used = try parse("asset_id,node_name,ip_address,\nA-1,pc,dhcp,\nA-2,pc2,dhcp,memo\n")
        XCTAssertEqual(used.warnings.map(\.description), [
            "ledger.csv:1:31: warning: column 4 has no header but holds data (first at line 3); "
                + "it is kept as extra field \"column 4\"",
        ])
        XCTAssertEqual(try used.assets.at(1).extraFields, [LedgerExtraField(name: "column 4", value: "memo")])
    }

    func testNetBoxLookingHeaderSuggestsImport() throws {
        let ledger = try parse("Name,Status,Tenant,Site,Role,Type,Asset tag,IPv4 Address\nsw1,Active,総務,本社,Switch,C9200,A-1,192.168.1.1/24\n")
        XCTAssertTrue(ledger.warnings.contains { $0.check == .importHint && $0.message.hasSuffix("read it with --import netbox") },
                      "\(ledger.warnings)")
    }
}
