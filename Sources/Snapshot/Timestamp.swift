/// A point in time as nanoseconds since the Unix epoch (UTC), encoded as RFC 3339.
///
/// Packet times come from libpcap with nanosecond precision; keeping them as an
/// integer avoids Foundation on the hot path and keeps JSON output exact.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64, nanos: Int64 = 0) { nanoseconds = seconds * 1_000_000_000 + nanos }

    public var seconds: Int64 { nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.nanoseconds < b.nanoseconds }

    /// `2026-11-21T10:00:00Z`, with `.ffffff` or `.fffffffff` when there is a fraction.
    public var description: String {
        let secs = seconds
        let frac = nanoseconds - secs * 1_000_000_000
        var days = secs / 86_400
        var rem = secs - days * 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = Timestamp.civil(fromDays: days)
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))"
        if frac != 0 {
            out += frac % 1000 == 0 ? "." + pad(frac / 1000, 6) : "." + pad(frac, 9)
        }
        return out + "Z"
    }

    /// Parses RFC 3339 (`Z` or a `±hh:mm` offset, optional fraction).
    public init?(rfc3339 text: String) {
        let u = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= u.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + len) {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int64(u[i] - 48)
            }
            return v
        }
        guard u.count >= 20, let y = num(0, 4), u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2),
              u[10] == 84 || u[10] == 116 || u[10] == 32, let h = num(11, 2), u[13] == 58, let mi = num(14, 2), u[16] == 58,
              let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var i = 19
        var frac: Int64 = 0
        if i < u.count && u[i] == 46 {
            i += 1
            var digits = 0
            while i < u.count && u[i] >= 48 && u[i] <= 57 {
                if digits < 9 { frac = frac * 10 + Int64(u[i] - 48); digits += 1 }
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { frac *= 10 }
        }
        guard i < u.count else { return nil }
        var offset: Int64 = 0
        if u[i] == 90 || u[i] == 122 { i += 1 } else if u[i] == 43 || u[i] == 45 {
            guard let oh = num(i + 1, 2), u.count > i + 3, u[i + 3] == 58, let om = num(i + 4, 2) else { return nil }
            offset = (oh * 60 + om) * 60 * (u[i] == 43 ? 1 : -1)
            i += 6
        } else { return nil }
        guard i == u.count else { return nil }
        let days = Timestamp.days(fromCivil: y, mo, d)
        nanoseconds = ((days * 86_400 + h * 3600 + mi * 60 + s) - offset) * 1_000_000_000 + frac
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let t = Timestamp(rfc3339: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \(s)")
        }
        self = t
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
