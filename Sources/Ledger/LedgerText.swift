import Foundation

/// Text helpers shared by header matching and value vocabularies.
///
/// Japanese spreadsheets mix full-width and half-width forms (`ＩＰ　アドレス`,
/// `ｽﾃｰﾀｽ`), so every lookup key goes through the same folding: NFKC, lower case,
/// and no spaces, underscores, hyphens or dots.
enum LedgerText {
    /// The folded form used as a dictionary key for headers and enumerated values.
    static func normalizedKey(_ text: some StringProtocol) -> String {
        let folded = nfkc(text).lowercased()
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !isIgnorableInKey(scalar) {
            out.append(scalar)
        }
        return String(out)
    }

    /// The key with a trailing parenthetical removed: `私物（承認済）` → `私物`,
    /// `IPアドレス(固定)` → `ipアドレス`. Nil when there is nothing to strip.
    static func keyWithoutParenthetical(_ text: some StringProtocol) -> String? {
        let folded = nfkc(text)
        guard let open = folded.firstIndex(of: "("), open != folded.startIndex else { return nil }
        let head = folded[..<open]
        let key = normalizedKey(head)
        return key.isEmpty ? nil : key
    }

    static func isIgnorableInKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "_", "-", ".", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{30FB}":
            return true
        default:
            return isSpace(scalar)
        }
    }

    /// NFKC (full-width → ASCII, half-width kana → kana). ASCII text is already in NFKC, and
    /// most cells are ASCII, so they skip Foundation's normaliser.
    static func nfkc(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return String(text) }
        return String(text).precomposedStringWithCompatibilityMapping
    }

    /// Unicode White_Space (which includes U+3000 and NBSP), with an ASCII fast path.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == " " || (0x09...0x0D).contains(scalar.value)
        }
        return scalar.properties.isWhitespace
    }

    /// Trims ASCII and Unicode white space (including the ideographic space U+3000).
    static func trimmed(_ text: some StringProtocol) -> String {
        let string = String(text)
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return string }
        return String(string.unicodeScalars[first...last])
    }

    /// Levenshtein distance over Unicode scalars; the strings compared are short header names.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The largest edit distance still worth a "did you mean" for a key of this weight;
    /// very short keys (`ip`, `id`, `os`) get no suggestion because every guess would be noise.
    /// A kanji or kana carries about as much as two Latin letters, so it weighs two.
    static func suggestionThreshold(forWeight length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...5: 1
        case 6...9: 2
        default: 3
        }
    }

    /// The closest candidate within the threshold, or nil.
    static func closest<C: Collection>(to key: String, among candidates: C) -> C.Element?
    where C.Element == (key: String, value: String) {
        let length = key.unicodeScalars.count
        // No header or vocabulary word is this long; a long cell is data, not a typo.
        guard length <= 40 else { return nil }
        let weight = key.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) }
        let limit = suggestionThreshold(forWeight: weight)
        guard limit > 0 else { return nil }
        var best: C.Element?
        var bestDistance = Int.max
        for candidate in candidates {
            // The length difference is a lower bound of the distance: skip hopeless candidates.
            if abs(candidate.key.unicodeScalars.count - length) > limit { continue }
            let distance = editDistance(key, candidate.key)
            if distance < bestDistance { best = candidate; bestDistance = distance }
        }
        return bestDistance <= limit ? best : nil
    }
}
