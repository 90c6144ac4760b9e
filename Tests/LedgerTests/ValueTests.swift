import XCTest
@testable import Ledger

final class ValueTests: XCTestCase {
    func testLedgerDateForms() {
        let april1 = LedgerDate(year: 2025, month: 4, day: 1)
        for text in ["2025-04-01", "2025/4/1", "2025/04/01", "2025.04.01", "2025年4月1日", "２０２５／４／１", " 2025-4-1 "] {
            XCTAssertEqual(LedgerDate(ledgerValue: text), april1, text)
        }
        for text in ["2025-02-29", "2025/13/1", "25/4/1", "2025-04", "2025-04-01T00:00", "R7.4.1", "2025/4-1", ""] {
            XCTAssertNil(LedgerDate(ledgerValue: text), text)
        }
        XCTAssertEqual(LedgerDate(ledgerValue: "2024-02-29"), LedgerDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(LedgerDate(year: 1900, month: 2, day: 29))
        XCTAssertEqual(LedgerDate(year: 2000, month: 2, day: 29)?.description, "2000-02-29")
    }

    func testISODateIsStrict() {
        XCTAssertEqual(LedgerDate(iso: "2025-06-01"), LedgerDate(year: 2025, month: 6, day: 1))
        XCTAssertNil(LedgerDate(iso: "2025/06/01"))
        XCTAssertNil(LedgerDate(iso: "2025-6-1"))
        XCTAssertNil(LedgerDate(iso: "２０２５-０６-０１"))
    }

    func testDateArithmeticAgainstKnownDays() throws {
        XCTAssertEqual(LedgerDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch, 0)
        XCTAssertEqual(LedgerDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch, 11_017)
        let start = try XCTUnwrap(LedgerDate(year: 2024, month: 2, day: 28))
        XCTAssertEqual(start.adding(days: 1)?.description, "2024-02-29")
        XCTAssertEqual(start.adding(days: 2)?.description, "2024-03-01")
        XCTAssertEqual(start.adding(days: 366)?.description, "2025-02-28")
        XCTAssertEqual(start.days(until: try XCTUnwrap(LedgerDate(year: 2025, month: 2, day: 28))), 366)
        XCTAssertLessThan(try XCTUnwrap(LedgerDate(year: 2024, month: 12, day: 31)), try XCTUnwrap(LedgerDate(year: 2025, month: 1, day: 1)))
    }

    func testDateCodableIsISO() throws {
        let date = try XCTUnwrap(LedgerDate(year: 2026, month: 3, day: 31))
        let data = try JSONEncoder().encode([date])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"2026-03-31\"]")
        XCTAssertEqual(try JSONDecoder().decode([LedgerDate].self, from: data), [date])
    }

    func testStatusWords() {
        XCTAssertEqual(AssetStatus(ledgerValue: ""), .inService)
        XCTAssertEqual(AssetStatus(ledgerValue: "In Service"), .inService)
        XCTAssertEqual(AssetStatus(ledgerValue: "使用中"), .inService)
        XCTAssertEqual(AssetStatus(ledgerValue: "Active"), .inService)
        XCTAssertEqual(AssetStatus(ledgerValue: "Decommissioning"), .retired)
        XCTAssertEqual(AssetStatus(ledgerValue: "返却済み"), .retired)
        XCTAssertEqual(AssetStatus(ledgerValue: "Broken - Not Fixable"), .retired)
        XCTAssertEqual(AssetStatus(ledgerValue: "廃棄（2024年度）"), .disposed)
        XCTAssertEqual(AssetStatus(ledgerValue: "Out for Repair"), .repair)
        XCTAssertEqual(AssetStatus(ledgerValue: "紛失"), .lost)
        XCTAssertEqual(AssetStatus(ledgerValue: "Inventory"), .spare)
        XCTAssertNil(AssetStatus(ledgerValue: "unknown"))
        XCTAssertTrue(AssetStatus.spare.isActive)
        XCTAssertFalse(AssetStatus.disposed.isActive)
    }

    func testEveryStatusAndOwnershipWordIsUnambiguous() {
        var statusOwner: [String: AssetStatus] = [:]
        for status in AssetStatus.allCases {
            for word in status.acceptedWords {
                let key = LedgerText.normalizedKey(word)
                XCTAssertNil(statusOwner[key].flatMap { $0 == status ? nil : $0 }, "\(word) is claimed twice")
                statusOwner[key] = status
                XCTAssertEqual(AssetStatus(ledgerValue: word), status, word)
            }
        }
        for ownership in Ownership.allCases {
            for word in ownership.acceptedWords {
                XCTAssertEqual(Ownership(ledgerValue: word), ownership, word)
            }
        }
    }

    func testBooleanWords() {
        for word in ["yes", "YES", "true", "1", "はい", "○", "◯", "〇", "可", "許可", "ｙｅｓ", "Ｙ"] {
            XCTAssertEqual(LedgerBoolean.parse(word), true, word)
        }
        for word in ["no", "False", "0", "いいえ", "×", "不可", "-", "ー", "", "  "] {
            XCTAssertEqual(LedgerBoolean.parse(word), false, word)
        }
        for word in ["maybe", "2", "要確認"] {
            XCTAssertNil(LedgerBoolean.parse(word), word)
        }
    }

    func testServiceItems() {
        XCTAssertEqual(ServiceSpec.parseItem("tcp/22"), .services([ServiceSpec(.tcp, 22)]))
        XCTAssertEqual(ServiceSpec.parseItem("22/TCP"), .services([ServiceSpec(.tcp, 22)]))
        XCTAssertEqual(ServiceSpec.parseItem("udp 161"), .services([ServiceSpec(.udp, 161)]))
        XCTAssertEqual(ServiceSpec.parseItem("DNS"), .services([ServiceSpec(.udp, 53), ServiceSpec(.tcp, 53)]))
        XCTAssertEqual(ServiceSpec.parseItem("netbios-ssn"), .services([ServiceSpec(.tcp, 139)]))
        XCTAssertEqual(ServiceSpec.parseItem("tcp/65535"), .services([ServiceSpec(.tcp, 65535)]))
        guard case .invalid = ServiceSpec.parseItem("tcp/0") else { return XCTFail("port 0 accepted") }
        guard case .invalid = ServiceSpec.parseItem("tcp/-1") else { return XCTFail("negative port accepted") }
        guard case .invalid = ServiceSpec.parseItem("tcp/000022") else { return XCTFail("six digits accepted") }
    }

    func testServiceSpecCodableAndOrdering() throws {
        let specs = [ServiceSpec(.udp, 161), ServiceSpec(.tcp, 443), ServiceSpec(.tcp, 22)]
        XCTAssertEqual(specs.sorted().map(\.description), ["tcp/22", "tcp/443", "udp/161"])
        let data = try JSONEncoder().encode(specs)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"udp\\/161\",\"tcp\\/443\",\"tcp\\/22\"]")
        XCTAssertEqual(try JSONDecoder().decode([ServiceSpec].self, from: data), specs)
    }

    func testHeaderKeyFolding() {
        XCTAssertEqual(LedgerText.normalizedKey("ＩＰ　アドレス"), "ipアドレス")
        XCTAssertEqual(LedgerText.normalizedKey("Asset_Tag"), "assettag")
        XCTAssertEqual(LedgerText.normalizedKey("ｺﾝﾋﾟｭｰﾀ名"), "コンピュータ名")
        XCTAssertEqual(LedgerText.keyWithoutParenthetical("私物（承認済）"), "私物")
        XCTAssertNil(LedgerText.keyWithoutParenthetical("(note)"))
    }
}
