/// Yes/no cells as Japanese offices fill them in: `yes`, `true`, `1`, `はい`, `○`, `可` …
enum LedgerBoolean {
    static let trueWords = ["yes", "y", "true", "t", "1", "on", "はい", "有", "有り", "あり", "可", "許可", "認可", "済",
                            "○", "◯", "〇", "●", "✓", "✔"]
    static let falseWords = ["no", "n", "false", "f", "0", "off", "いいえ", "無", "無し", "なし", "不可", "不許可",
                             "×", "✕", "✖", "-", "ー", "―", "—"]

    /// Nil for text that is neither; an empty cell is `false` (not authorised).
    static func parse(_ text: String) -> Bool? {
        let trimmed = LedgerText.trimmed(text)
        if trimmed.isEmpty { return false }
        // Dashes are folded away by the key normalisation, so compare them before it.
        if ["-", "ー", "―", "—", "－"].contains(trimmed) { return false }
        let key = LedgerText.normalizedKey(trimmed)
        return table[key]
    }

    private static let table: [String: Bool] = {
        var map: [String: Bool] = [:]
        for word in trueWords { map[LedgerText.normalizedKey(word)] = true }
        for word in falseWords where !LedgerText.normalizedKey(word).isEmpty { map[LedgerText.normalizedKey(word)] = false }
        return map
    }()
}
