import XCTest
@testable import Ledger

/// Every validation with rows that trigger it and rows that must not.
final class ValidatorTests: XCTestCase {
    /// 1-based column of `fragment` in `row` (in Unicode scalars), computed independently of the parser.
    private func column(of fragment: String, in row: String) -> Int {
        guard let range = row.range(of: fragment) else { return -1 }
        return row.unicodeScalars[..<range.lowerBound].count + 1
    }

    func testCleanLedgerHasNoDiagnostics() throws {
        let text = LedgerFixtures.ledger([
            "PC-001,soumu-pc01,00:1b:21:3a:4f:01,192.168.10.21,稼働中,no,,",
            "PC-002,soumu-nb02,\"00-1B-21-3A-4F-02;001b.213a.4f03\",dhcp,in_service,はい,AP-2025-01,2026-03-31",
            "PC-003,old-pc,00:1b:21:3a:4f:04,192.168.10.21,廃棄,×,,",
            "SW-001,core-sw,,192.168.10.1,,,,",
        ])
        XCTAssertEqual(try diagnostics(text).map(\.description), [])
    }

    func testFieldCount() throws {
        let short = "PC-001,pc,00:1b:21:3a:4f:01"
        let long = "PC-002,pc2,00:1b:21:3a:4f:02,dhcp,,,,,stray"
        let emptySurplus = "PC-003,pc3,00:1b:21:3a:4f:03,dhcp,,,,,,"
        let result = try diagnostics(LedgerFixtures.ledger([short, long, emptySurplus]))
        XCTAssertEqual(rendered(result, .fieldCount), [
            "ledger.csv:2: error: row has 3 fields but the header has 8; no value for ip_address, status, "
                + "wireless_authorized, approval_ref, approval_expiry (a comma lost or a line break outside quotes?)",
            "ledger.csv:3:\(column(of: "stray", in: long)): error: row has 9 fields but the header has 8; the value "
                + "here has no column (an unquoted comma inside a value?)",
            "ledger.csv:4:\(emptySurplus.unicodeScalars.count): warning: row has 10 fields but the header has 8 "
                + "(the extra fields are empty)",
        ])
    }

    func testRequiredValues() throws {
        let missingID = ",pc1,00:1b:21:3a:4f:01,dhcp,,,,"
        let missingName = "PC-2,,00:1b:21:3a:4f:02,dhcp,,,,"
        let retiredWithoutName = "PC-3,,00:1b:21:3a:4f:03,dhcp,retired,,,"
        let result = try diagnostics(LedgerFixtures.ledger([missingID, missingName, retiredWithoutName]))
        XCTAssertEqual(rendered(result, .missingValue), [
            "ledger.csv:2:1: error: asset_id (資産管理番号) is empty; every asset needs one",
            "ledger.csv:3:6: warning: node_name (ノード名) is empty",
        ])
    }

    func testDuplicateAssetIDNamesTheFirstLineAndFoldsWidthAndCase() throws {
        let result = try diagnostics(LedgerFixtures.ledger([
            "PC-001,a,00:1b:21:3a:4f:01,dhcp,,,,",
            "PC-002,b,00:1b:21:3a:4f:02,dhcp,,,,",
            "ＰＣ－００１,c,00:1b:21:3a:4f:03,dhcp,,,,",
            "pc-002,d,00:1b:21:3a:4f:04,dhcp,,,,",
        ]))
        XCTAssertEqual(rendered(result, .duplicateAssetID), [
            "ledger.csv:4:1: error: duplicate asset_id \"ＰＣ－００１\": already used at line 2",
            "ledger.csv:5:1: error: duplicate asset_id \"pc-002\": already used at line 3",
        ])
    }

    func testMACSyntaxAndKinds() throws {
        let row = "PC-1,pc,\"00:1b:21:3a:4f:01; 00:1b:21:3a:4f; 01:00:5e:00:00:fb, 00:00:00:00:00:00;02:00:4c:4f:4f:50;00:1B:21:3A:4F:01\",dhcp,,,,"
        let result = try diagnostics(LedgerFixtures.ledger([row]))
        let macChecks = result.filter { [.macSyntax, .macNotUnicast, .macLocallyAdministered, .macRepeated].contains($0.check) }
        XCTAssertEqual(macChecks.map(\.description), [
            "ledger.csv:2:\(column(of: "00:1b:21:3a:4f;", in: row)): error: \"00:1b:21:3a:4f\" is not a MAC address "
                + "(write aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or 12 hex digits; separate several with ;)",
            "ledger.csv:2:\(column(of: "01:00:5e", in: row)): error: MAC 01:00:5e:00:00:fb is a group (multicast or "
                + "broadcast) address and cannot identify a device",
            "ledger.csv:2:\(column(of: "00:00:00", in: row)): error: MAC 00:00:00:00:00:00 is all zeros, a placeholder "
                + "rather than an interface's address",
            "ledger.csv:2:\(column(of: "02:00:4c", in: row)): warning: MAC 02:00:4c:4f:4f:50 is locally administered "
                + "(a randomised \"private Wi-Fi address\"?): the device may change it and then no longer match; turn "
                + "address randomisation off for the office SSID",
            "ledger.csv:2:\(column(of: "00:1B:21", in: row)): warning: MAC 00:1b:21:3a:4f:01 is listed twice in this row",
        ])
        let asset = try parse(LedgerFixtures.ledger([row])).assets.at(0)
        XCTAssertEqual(asset.macAddresses.map(\.description), ["00:1b:21:3a:4f:01", "02:00:4c:4f:4f:50"])
    }

    func testMACLabelsAndLineBreaksInsideCellAreAccepted() throws {
        let text = LedgerFixtures.ledger(["PC-1,pc,\"有線: 00:1b:21:3a:4f:01\n無線:00:1b:21:3a:4f:02(Wi-Fi)\",dhcp,,yes,,"])
        XCTAssertEqual(try diagnostics(text).map(\.description), [])
        XCTAssertEqual(try parse(text).assets.at(0).macAddresses.map(\.description),
                       ["00:1b:21:3a:4f:01", "00:1b:21:3a:4f:02"])
    }

    func testMACErrorOnSecondLineOfQuotedCellIsLocatedThere() throws {
        let text = LedgerFixtures.ledger(["PC-1,pc,\"00:1b:21:3a:4f:01\n  00:1b:21:3a:4f:0g\",dhcp,,,,"])
        XCTAssertEqual(rendered(try diagnostics(text), .macSyntax).map { String($0.prefix(15)) }, ["ledger.csv:3:3:"])
    }

    func testDuplicateMACAcrossRows() throws {
        let second = "PC-2,pc2,\"00:1b:21:3a:4f:09;00-1B-21-3A-4F-01\",dhcp,,,,"
        let result = try diagnostics(LedgerFixtures.ledger(["PC-1,pc1,00:1b:21:3a:4f:01,dhcp,,,,", second]))
        XCTAssertEqual(rendered(result, .duplicateMAC), [
            "ledger.csv:3:\(column(of: "00-1B", in: second)): error: MAC 00:1b:21:3a:4f:01 is already listed for asset "
                + "\"PC-1\" at line 2; one device, one row",
        ])
    }

    func testIPAddressSyntax() throws {
        let rows = [
            "A1,a,,192.168.1.300,,,,",
            "A2,b,,192.168.001.010,,,,",
            "A3,c,,fe80::1,,,,",
            "A4,d,,\"192.168.1.5, 192.168.2.5\",,,,",
            "A5,e,,192.168.1.0/24,,,,",
            "A6,f,,192.168.1.255/24,,,,",
            "A7,g,,224.0.0.251,,,,",
            "A8,h,,127.0.0.1,,,,",
            "A9,i,,192.168.1.9/24,,,,",
            "A10,j,,ＤＨＣＰ,,,,",
            "A11,k,,１９２．１６８．１．１１,,,,",
        ]
        let result = try diagnostics(LedgerFixtures.ledger(rows)).filter { $0.check == .ipSyntax || $0.check == .ipNotHost }
        XCTAssertEqual(result.map(\.description), [
            "ledger.csv:2:7: error: \"192.168.1.300\" is not an IPv4 address (expected four numbers 0-255, e.g. 192.168.1.10)",
            "ledger.csv:3:7: error: \"192.168.001.010\" is not an IPv4 address: leading zeros are ambiguous "
                + "(write 192.168.1.10, not 192.168.001.010)",
            "ledger.csv:4:7: error: \"fe80::1\" is an IPv6 address; ip_address holds a static IPv4 address "
                + "(IPv6 hosts are matched by MAC)",
            "ledger.csv:5:8: error: several values in ip_address; it holds the one static IPv4 address "
                + "(list every interface's MAC in mac_addresses: devices are matched by MAC)",
            "ledger.csv:6:7: error: 192.168.1.0 is the network address of 192.168.1.0/24; ip_address must be the asset's own address",
            "ledger.csv:7:7: error: 192.168.1.255 is the broadcast address of 192.168.1.0/24; ip_address must be the "
                + "asset's own address",
            "ledger.csv:8:7: error: 224.0.0.251 is a multicast address; ip_address must be the asset's own address",
            "ledger.csv:9:7: error: 127.0.0.1 is a loopback address; ip_address must be the asset's own address",
        ])
        let assets = try parse(LedgerFixtures.ledger(rows)).assets
        XCTAssertEqual(try assets.at(8).ipAddress?.description, "192.168.1.9")
        XCTAssertNil(try assets.at(9).ipAddress)
        XCTAssertTrue(try assets.at(9).isDynamicallyAddressed)
        XCTAssertEqual(try assets.at(10).ipAddress?.description, "192.168.1.11")
    }

    func testDuplicateIPOnlyAmongActiveRows() throws {
        let clash = "A3,clash,00:1b:21:3a:4f:03,192.168.1.20,予備,,,"
        let result = try diagnostics(LedgerFixtures.ledger([
            "A1,old,00:1b:21:3a:4f:01,192.168.1.20,返却,,,",
            "A2,new,00:1b:21:3a:4f:02,192.168.1.20,稼働中,,,",
            clash,
            "A4,dyn1,00:1b:21:3a:4f:04,dhcp,,,,",
            "A5,dyn2,00:1b:21:3a:4f:05,dhcp,,,,",
        ]))
        XCTAssertEqual(rendered(result, .duplicateIP), [
            "ledger.csv:4:\(column(of: "192", in: clash)): error: IP address 192.168.1.20 is already assigned to asset \"A2\" at line 3",
        ])
    }

    func testWirelessValuesAndMACRequirement() throws {
        let rows = [
            "W1,a,00:1b:21:3a:4f:01,dhcp,,○,,",
            "W2,b,00:1b:21:3a:4f:02,dhcp,,いいえ,,",
            "W3,c,,dhcp,,yes,,",
            "W4,d,zz,dhcp,,1,,",
            "W5,e,00:1b:21:3a:4f:05,dhcp,,maybe,,",
            "W6,f,00:1b:21:3a:4f:06,dhcp,,,,",
            "W7,g,00:1b:21:3a:4f:07,dhcp,,ｙｅｓ,,",
        ]
        let result = try diagnostics(LedgerFixtures.ledger(rows))
        XCTAssertEqual(rendered(result, .wirelessWithoutMAC), [
            "ledger.csv:4:\(column(of: "yes", in: rows[2])): error: wireless_authorized is yes but the row has no "
                + "valid MAC address; the access point's MAC filter (000 5.1.3) needs the device's wireless MAC",
            "ledger.csv:5:\(column(of: ",1,", in: rows[3]) + 1): error: wireless_authorized is yes but the row has no "
                + "valid MAC address; the access point's MAC filter (000 5.1.3) needs the device's wireless MAC",
        ])
        XCTAssertEqual(rendered(result, .wirelessValue), [
            "ledger.csv:6:\(column(of: "maybe", in: rows[4])): error: wireless_authorized \"maybe\" is not recognised; use "
                + "yes/no, true/false, 1/0, はい/いいえ, ○/×, 可/不可",
        ])
        let assets = try parse(LedgerFixtures.ledger(rows)).assets
        XCTAssertEqual(assets.map(\.wirelessAuthorized), [true, false, true, true, false, false, true])
    }

    func testStatusAndOwnershipValues() throws {
        let header = "asset_id,node_name,ip_address,status,ownership"
        let rows = [
            "S1,a,dhcp,稼働中,会社支給",
            "S2,b,dhcp,Ready to Deploy,リース",
            "S3,c,dhcp,廃棄済み,私物（承認済）",
            "S4,d,dhcp,Lost/Stolen,社外機器",
            "S5,e,dhcp,retird,",
            "S6,f,dhcp,退職,mine",
        ]
        let result = try diagnostics(LedgerFixtures.ledger(rows, header: header))
        XCTAssertEqual(rendered(result, .statusValue), [
            "ledger.csv:6:11: error: status \"retird\" is not recognised; use in_service (稼働中), spare (予備), "
                + "repair (修理中), retired (返却/撤去), disposed (廃棄), lost (紛失) (did you mean \"retired\"?)",
            "ledger.csv:7:11: error: status \"退職\" is not recognised; use in_service (稼働中), spare (予備), "
                + "repair (修理中), retired (返却/撤去), disposed (廃棄), lost (紛失) (did you mean \"退役\"?)",
        ])
        XCTAssertEqual(rendered(result, .ownershipValue), [
            "ledger.csv:7:14: error: ownership \"mine\" is not recognised; use company (会社支給・貸与), lease (リース), "
                + "personal (私物), vendor (社外機器)",
        ])
        let assets = try parse(LedgerFixtures.ledger(rows, header: header)).assets
        XCTAssertEqual(assets.map(\.status), [.inService, .spare, .disposed, .lost, .inService, .inService])
        XCTAssertEqual(assets.map(\.ownership), [.company, .lease, .personal, .vendor, nil, nil])
    }

    func testAllowedServicesGrammar() throws {
        let header = "asset_id,node_name,ip_address,allowed_services"
        let good = "G1,a,dhcp,\"tcp/22; UDP/161, 443/tcp、ssh;https;dns;ｔｃｐ／８０８０\""
        let bad = "B1,b,dhcp,\"tcp/99999;sh;22;icmp/8;tcp/22/x;ssh/22\""
        let result = try diagnostics(LedgerFixtures.ledger([good, bad], header: header))
        XCTAssertEqual(rendered(result, .serviceSyntax), [
            "ledger.csv:3:\(column(of: "tcp/99999", in: bad)): error: allowed_services: \"tcp/99999\": the port must "
                + "be a number from 1 to 65535",
            "ledger.csv:3:\(column(of: "sh;", in: bad)): error: allowed_services: unknown service name \"sh\"; write it "
                + "as tcp/PORT or udp/PORT",
            "ledger.csv:3:\(column(of: "22;icmp", in: bad)): error: allowed_services: \"22\": give the transport, e.g. "
                + "tcp/22 or udp/22",
            "ledger.csv:3:\(column(of: "icmp/8", in: bad)): error: allowed_services: \"icmp/8\": the transport must be tcp or udp",
            "ledger.csv:3:\(column(of: "tcp/22/x", in: bad)): error: allowed_services: \"tcp/22/x\" is not transport/port "
                + "(e.g. tcp/443) or a service name (e.g. https)",
            "ledger.csv:3:\(column(of: "ssh/22", in: bad)): error: allowed_services: \"ssh/22\": write either a service "
                + "name or transport/port, not both",
        ])
        let asset = try parse(LedgerFixtures.ledger([good], header: header)).assets.at(0)
        XCTAssertEqual(asset.allowedServices.map(\.description),
                       ["tcp/22", "udp/161", "tcp/443", "udp/53", "tcp/53", "tcp/8080"])
    }

    func testServiceNameTypoGetsSuggestion() {
        XCTAssertEqual(ServiceSpec.parseItem("htps"), .invalid(reason: "unknown service name \"htps\"; did you mean \"https\"?"))
        XCTAssertEqual(ServiceSpec.parseItem("snmp"), .services([ServiceSpec(.udp, 161)]))
    }

    func testApprovalExpiry() throws {
        // Today is 2025-06-01 (fixedToday).
        let rows = [
            "E1,a,00:1b:21:3a:4f:01,dhcp,,,AP-1,2025-05-31",
            "E2,b,00:1b:21:3a:4f:02,dhcp,,,AP-2,2025-06-01",
            "E3,c,00:1b:21:3a:4f:03,dhcp,,,AP-3,2025/7/1",
            "E4,d,00:1b:21:3a:4f:04,dhcp,,,AP-4,2025/7/2",
            "E5,e,00:1b:21:3a:4f:05,dhcp,廃棄,,AP-5,2020-01-01",
            "E6,f,00:1b:21:3a:4f:06,dhcp,,,AP-6,2025-02-30",
            "E7,g,00:1b:21:3a:4f:07,dhcp,,,,2026-01-01",
        ]
        let result = try diagnostics(LedgerFixtures.ledger(rows))
        let approval = result.filter { [.approvalExpired, .approvalExpiring, .approvalWithoutReference, .dateSyntax].contains($0.check) }
        XCTAssertEqual(approval.map(\.description), [
            "ledger.csv:2:\(column(of: "2025-05-31", in: rows[0])): error: approval AP-1 expired on 2025-05-31 (today is "
                + "2025-06-01); renew it or retire the asset",
            "ledger.csv:3:\(column(of: "2025-06-01", in: rows[1])): warning: approval AP-2 expires on 2025-06-01, in 0 days",
            "ledger.csv:4:\(column(of: "2025/7/1", in: rows[2])): warning: approval AP-3 expires on 2025-07-01, in 30 days",
            "ledger.csv:7:\(column(of: "2025-02-30", in: rows[5])): error: approval_expiry \"2025-02-30\" is not a date "
                + "(write YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
            "ledger.csv:8:\(column(of: "2026-01-01", in: rows[6])): warning: approval_expiry is set but approval_ref "
                + "(承認番号) is empty: which approval expires?",
        ])
        let quiet = LedgerValidator(today: XCTestCase.fixedToday, expiryWarningDays: 0)
            .validate(try parse(LedgerFixtures.ledger(rows)))
        XCTAssertFalse(quiet.contains { $0.check == .approvalExpiring })
    }

    func testInstallDateIsAWarningOnly() throws {
        let header = "asset_id,node_name,ip_address,install_date,maintenance_date"
        let result = try diagnostics(LedgerFixtures.ledger(["D1,a,dhcp,不明,2024年4月1日", "D2,b,dhcp,2023/04/01,"],
                                                           header: header))
        XCTAssertEqual(rendered(result, .dateSyntax), [
            "ledger.csv:2:11: warning: install_date \"不明\" is not a date (write YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
        ])
    }

    func testMyNumberIsReportedWithoutRepeatingIt() throws {
        let header = "asset_id,node_name,ip_address,user,serial_number,notes"
        let rows = [
            "M1,a,dhcp,山田 1234 5678 9018,,",
            "M2,b,dhcp,,123456789018,",
            "M3,c,dhcp,,,個人番号１２３４－５６７８－９０１８を記載",
            "M4,d,dhcp,,,123456789012",
            "M5,e,dhcp,,,1234567890183",
            "M6,f,dhcp,,,1234-5678-9018-0000",
            "M7,g,dhcp,,,0312345678",
        ]
        let result = try diagnostics(LedgerFixtures.ledger(rows, header: header))
        let found = result.filter { $0.check == .myNumber }
        XCTAssertEqual(found.map { "\($0.line):\($0.column):\($0.severity)" }, [
            "2:\(column(of: "1234", in: rows[0])):error",
            "3:\(column(of: "1234", in: rows[1])):warning",
            "4:\(column(of: "１２３４", in: rows[2])):error",
        ])
        XCTAssertEqual(try found.at(0).message, "user holds a 12-digit number with a valid My Number (個人番号) check digit; "
            + "ledgers must not contain My Numbers (001 Ch4 §5.1.2)")
        for diagnostic in found {
            XCTAssertFalse(diagnostic.description.contains("9018"), "the number must not be echoed")
            XCTAssertFalse(diagnostic.description.contains("９０１８"), "the number must not be echoed")
        }
    }

    func testUnmatchableAssetWarning() throws {
        let result = try diagnostics(LedgerFixtures.ledger([
            "U1,nothing,,,,,,",
            "U2,dhcp-only,,dhcp,,,,",
            "U3,retired,,,retired,,,",
            "U4,static,,192.168.1.4,,,,",
        ]))
        XCTAssertEqual(rendered(result, .unmatchable), [
            "ledger.csv:2: warning: asset \"U1\" has neither a MAC address nor a static IP address; the audit cannot "
                + "recognise it on the network",
            "ledger.csv:3: warning: asset \"U2\" has neither a MAC address nor a static IP address; the audit cannot "
                + "recognise it on the network",
        ])
    }

    func testDuplicatesAcrossFilesNameTheOtherFile() throws {
        let honsha = try parse(LedgerFixtures.ledger(["A-1,hq,00:1b:21:3a:4f:01,192.168.1.10,,,,"]), path: "honsha.csv")
        let kojoRow = "A-1,fab,00:1b:21:3a:4f:01,192.168.1.10,,,,"
        let kojo = try parse(LedgerFixtures.ledger([kojoRow]), path: "kojo.csv")
        let result = LedgerValidator(today: XCTestCase.fixedToday).validate([honsha, kojo])
        XCTAssertEqual(result.map(\.description), [
            "kojo.csv:2:1: error: duplicate asset_id \"A-1\": already used at honsha.csv:2",
            "kojo.csv:2:\(column(of: "00:1b", in: kojoRow)): error: MAC 00:1b:21:3a:4f:01 is already listed for asset \"A-1\" at honsha.csv:2; one device, one row",
            "kojo.csv:2:\(column(of: "192", in: kojoRow)): error: IP address 192.168.1.10 is already assigned to asset \"A-1\" at honsha.csv:2",
        ])
    }

    func testEmptyLedgerWarns() throws {
        XCTAssertEqual(try diagnostics(LedgerFixtures.header + "\n").map(\.description),
                       ["ledger.csv:1: warning: the ledger has a header row but no assets"])
    }

    func testDiagnosticsAreSortedByPosition() throws {
        let result = try diagnostics(LedgerFixtures.ledger([
            "A1,a,zz,dhcp,bogus,,,",
            "A1,b,00:1b:21:3a:4f:01,dhcp,,,,",
        ]))
        let positions = result.map { [$0.line, $0.column] }
        XCTAssertEqual(positions, positions.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        XCTAssertEqual(result.count, 3)
    }
}
