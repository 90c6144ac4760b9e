import Foundation
import XCTest
@testable import Ledger

final class ImportMappingTests: XCTestCase {
    /// A NetBox 4.x "Current view" export with the default columns plus Asset tag,
    /// Serial number and IPv4 Address; values as NetBox writes them.
    private let netboxExport = """
        ID,Name,Status,Tenant,Site,Location,Rack,Role,Manufacturer,Type,Serial number,Asset tag,IP Address,IPv4 Address,Platform,Description,Comments,Tags
        1,hq-core-sw01,Active,総務部,本社,サーバールーム,R01,Core Switch,Cisco,C9300-24T,FOC1234X0AB,NW-0001,2001:db8::1/64,192.168.10.1/24,IOS-XE,基幹スイッチ,,core
        2,fab1-ap01,Offline,製造部,第一工場,2F,,Access Point,Aruba,AP-505,CNF7J0ABCD,NW-0002,,192.168.20.5/24,,無線AP,保管中,
        3,old-router,Decommissioning,,本社,,,Router,YAMAHA,RTX1210,S4K000123,NW-0003,192.168.10.254/24,,,,撤去予定,
        """ + "\n"

    func testNetBoxExportLoadsWithoutWarnings() throws {
        let ledger = try parse(netboxExport, path: "netbox.csv", import: .netbox)
        XCTAssertEqual(ledger.warnings, [])
        XCTAssertEqual(ledger.assets.map(\.assetID), ["NW-0001", "NW-0002", "NW-0003"])
        let core = try ledger.assets.at(0)
        XCTAssertEqual(core.nodeName, "hq-core-sw01")
        XCTAssertEqual(core.status, .inService)
        XCTAssertEqual(core.ownerDept, "総務部")
        XCTAssertEqual(core.site, "本社")
        XCTAssertEqual(core.deviceClass, "Core Switch")
        XCTAssertEqual(core.model, "C9300-24T")
        XCTAssertEqual(core.hardwareInfo, "Cisco")
        XCTAssertEqual(core.serialNumber, "FOC1234X0AB")
        XCTAssertEqual(core.os, "IOS-XE")
        XCTAssertEqual(core.purpose, "基幹スイッチ")
        // IPv4 Address wins over IP Address (which holds the IPv6 primary here).
        XCTAssertEqual(core.ipAddress?.description, "192.168.10.1")
        XCTAssertTrue(core.extraFields.contains(LedgerExtraField(name: "IP Address", value: "2001:db8::1/64")))
        XCTAssertEqual(try ledger.assets.at(1).status, .spare)
        XCTAssertEqual(try ledger.assets.at(2).status, .retired)
        XCTAssertNil(try ledger.assets.at(2).ipAddress, "IP Address is superseded by the IPv4 Address column")
        let result = LedgerValidator(today: XCTestCase.fixedToday).validate(ledger)
        XCTAssertEqual(result.filter { $0.severity == .error }.map(\.description), [])
    }

    func testNetBoxDefaultViewFallsBackToIPAddress() throws {
        let text = "Name,Status,Tenant,Site,Location,Rack,Role,Manufacturer,Type,IP Address,Asset tag\n"
            + "sw1,Active,,本社,,,Switch,Cisco,C9200,192.168.10.2/24,NW-1\n"
        let ledger = try parse(text, import: .netbox)
        XCTAssertEqual(try ledger.assets.at(0).ipAddress?.description, "192.168.10.2")
        XCTAssertEqual(ledger.warnings, [])
    }

    func testNetBoxExportWithoutImportOptionGetsAHint() throws {
        let ledger = try parse(netboxExport, path: "netbox.csv")
        XCTAssertEqual(ledger.warnings.filter { $0.check == .importHint }.map(\.description), [
            "netbox.csv:1: warning: the header looks like a NetBox device export (ID, Tenant, Rack); "
                + "read it with --import netbox",
        ])
    }

    /// A Snipe-IT asset list export: custom field "MAC Address", a BYOD column, and
    /// "Ready to Deploy" assets with and without someone checked out.
    private let snipeitExport = """
        ID,Company,Asset Name,Asset Tag,Serial,Model,Model No.,Category,Status,Checked Out To,Location,Manufacturer,Purchase Cost,Notes,MAC Address,BYOD
        11,本社,soumu-nb01,PC-0101,5CG1234ABC,ThinkPad X1,20XW00JPJP,Laptops,Ready to Deploy,山田 太郎,本社 3F,Lenovo,"198,000",,00:1b:21:3a:4f:11,No
        12,本社,spare-nb02,PC-0102,5CG1234ABD,ThinkPad X1,20XW00JPJP,Laptops,Ready to Deploy,,倉庫,Lenovo,"198,000",,00:1b:21:3a:4f:12,false
        13,本社,yamada-phone,BYOD-0001,,iPhone 15,,Phones,Deployed,山田 太郎,,Apple,,私物スマホ,00:1b:21:3a:4f:13,Yes
        14,本社,lost-nb,PC-0099,5CG0000XYZ,ThinkPad X1,,Laptops,Lost/Stolen,,,Lenovo,,,00:1b:21:3a:4f:14,
        """ + "\n"

    func testSnipeITExportLoads() throws {
        let ledger = try parse(snipeitExport, path: "snipeit.csv", import: .snipeit)
        XCTAssertEqual(ledger.warnings, [])
        XCTAssertEqual(ledger.assets.map(\.assetID), ["PC-0101", "PC-0102", "BYOD-0001", "PC-0099"])
        XCTAssertEqual(ledger.assets.map(\.nodeName), ["soumu-nb01", "spare-nb02", "yamada-phone", "lost-nb"])
        XCTAssertEqual(ledger.assets.map(\.status), [.inService, .spare, .inService, .lost])
        XCTAssertEqual(ledger.assets.map(\.ownership), [.company, .company, .personal, nil])
        XCTAssertEqual(try ledger.assets.at(0).user, "山田 太郎")
        XCTAssertEqual(try ledger.assets.at(0).macAddresses.map(\.description), ["00:1b:21:3a:4f:11"])
        XCTAssertEqual(try ledger.assets.at(0).ownerDept, "本社")
        XCTAssertEqual(try ledger.assets.at(0).deviceClass, "Laptops")
        let result = LedgerValidator(today: XCTestCase.fixedToday).validate(ledger)
        XCTAssertEqual(result.map(\.description), [])
    }

    func testBYODFlagThatIsNotYesOrNoIsReported() throws {
        let text = "Asset Tag,Asset Name,MAC Address,BYOD\nPC-1,pc,00:1b:21:3a:4f:01,たぶん\n"
        let result = try diagnostics(text, import: .snipeit)
        XCTAssertEqual(rendered(result, .ownershipValue), [
            "ledger.csv:2:27: error: ownership \"たぶん\" is not recognised; use company (会社支給・貸与), lease (リース), "
                + "personal (私物), vendor (社外機器)",
        ])
    }

    // MARK: The documented mapping files and the built-in tables are the same

    private func documentedMappings(_ name: String) throws -> [LedgerImport.Mapping] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/ledger-import/\(name).csv")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let records = try CSVParser.parse(text, path: docs.path).records
        XCTAssertEqual(records.first?.fields.map(\.value), ["source_column", "ledger_column", "mode", "note"])
        return try records.dropFirst().map { record in
            let values = record.fields.map(\.value)
            XCTAssertEqual(values.count, 4, "line \(record.line)")
            let target = values[1].isEmpty ? nil : try XCTUnwrap(LedgerColumn(rawValue: values[1]), "line \(record.line)")
            let mode = try XCTUnwrap(LedgerImport.Mapping.Mode(rawValue: values[2]), "line \(record.line)")
            return LedgerImport.Mapping(values[0], target, mode)
        }
    }

    func testNetBoxMappingFileMatchesBuiltInTable() throws {
        XCTAssertEqual(try documentedMappings("netbox"), LedgerImport.netbox.mappings)
    }

    func testSnipeITMappingFileMatchesBuiltInTable() throws {
        XCTAssertEqual(try documentedMappings("snipeit"), LedgerImport.snipeit.mappings)
    }

    func testMappingSourcesAreUniqueAfterFolding() {
        for format in LedgerImport.allCases {
            let keys = format.mappings.map { LedgerText.normalizedKey($0.source) }
            XCTAssertEqual(Set(keys).count, keys.count, "\(format) has a source listed twice")
            for mapping in format.mappings {
                XCTAssertEqual(mapping.target == nil, mapping.mode == .ignore, "\(format): \(mapping.source)")
            }
        }
    }
}
