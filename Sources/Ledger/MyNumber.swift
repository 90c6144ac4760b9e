/// Detection of My Numbers (個人番号), which a ledger must never hold (001 Ch4 §5.1.2:
/// 「情報資産管理台帳」には個人番号は記載しない).
///
/// A My Number is 12 digits, the last a check digit (番号法施行令 第8条). Only digit
/// strings that carry a valid check digit are reported, which rules out about nine in
/// ten unrelated 12-digit values (serial numbers, order numbers).
public enum MyNumber {
    /// True when `digits` are 12 decimal digits whose last digit is the correct check digit.
    public static func isValid(_ digits: [Int]) -> Bool {
        guard digits.count == 12, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return checkDigit(digits.prefix(11)) == digits[11]
    }

    /// The check digit for the first 11 digits: weights Qn = n+1 (n ≤ 6) or n−5 (n ≥ 7),
    /// with n counted from the digit next to the check digit; 11 − (Σ Pn·Qn mod 11), or 0
    /// when the remainder is 0 or 1.
    public static func checkDigit(_ first11: ArraySlice<Int>) -> Int {
        let digits = Array(first11)
        var sum = 0
        for n in 1...11 {
            let p = digits[11 - n]
            let q = n <= 6 ? n + 1 : n - 5
            sum += p * q
        }
        let remainder = sum % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// Scalar offsets in `text` where a value that looks like a My Number starts: exactly
    /// 12 digits, written together or as 4-4-4 groups split by a space or hyphen (ASCII or
    /// full-width), not part of a longer number, and with a valid check digit.
    public static func matches(in text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var result: [Int] = []
        var index = 0
        while index < scalars.count {
            guard digitValue(scalars[index]) != nil else {
                index += 1
                continue
            }
            // A chain: digit runs joined by single separators.
            let start = index
            var groups: [[Int]] = []
            var current: [Int] = []
            while index < scalars.count {
                if let digit = digitValue(scalars[index]) {
                    current.append(digit)
                    index += 1
                } else if isSeparator(scalars[index]), !current.isEmpty, index + 1 < scalars.count,
                          digitValue(scalars[index + 1]) != nil {
                    groups.append(current)
                    current = []
                    index += 1
                } else {
                    break
                }
            }
            groups.append(current)
            let lengths = groups.map(\.count)
            if lengths == [12] || lengths == [4, 4, 4], isValid(groups.flatMap { $0 }) {
                result.append(start)
            }
        }
        return result
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
        default: nil
        }
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x3000, 0x2D, 0x2010...0x2015, 0x2212, 0xFF0D, 0x30FC: true
        default: false
        }
    }
}
