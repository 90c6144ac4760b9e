import Foundation

/// A calendar date as written in the ledger (no time, no time zone).
///
/// Approval expiry and install dates are days on the office calendar; comparing them
/// needs no `Date`, and keeping them as integers makes the validator deterministic.
public struct LedgerDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the date exists on the proleptic Gregorian calendar (years 1–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LedgerDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict ISO 8601 calendar date, `YYYY-MM-DD`, as `--today` takes it.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The forms Japanese spreadsheets write: `2025-04-01`, `2025/4/1` (Excel's Japanese
    /// locale), `2025.04.01` and `2025年4月1日`, in full-width digits too.
    public init?(ledgerValue text: some StringProtocol) {
        let folded = LedgerText.trimmed(LedgerText.nfkc(text))
        var numbers: [Int] = []
        var current = ""
        var separators: [Character] = []
        for ch in folded {
            if ch.isASCII, ch.isNumber {
                current.append(ch)
            } else {
                guard !current.isEmpty, let n = Int(current) else { return nil }
                numbers.append(n)
                current = ""
                separators.append(ch)
            }
        }
        if !current.isEmpty {
            guard let n = Int(current) else { return nil }
            numbers.append(n)
        }
        let digitGroups = folded.split(whereSeparator: { !($0.isASCII && $0.isNumber) })
        guard numbers.count == 3, digitGroups.count == 3, digitGroups[0].count == 4,
              digitGroups[1].count <= 2, digitGroups[2].count <= 2 else { return nil }
        switch separators {
        case ["-", "-"], ["/", "/"], [".", "."], ["年", "月"], ["年", "月", "日"]: break
        default: return nil
        }
        self.init(year: numbers[0], month: numbers[1], day: numbers[2])
    }

    public static func < (a: LedgerDate, b: LedgerDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` later (earlier when negative); nil outside years 1–9999.
    public func adding(days: Int) -> LedgerDate? {
        let z = daysSinceEpoch + days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        return LedgerDate(year: y, month: m, day: d)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: LedgerDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension LedgerDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LedgerDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
