/// "Did you mean …?" for misspelt keys, rule ids and enumeration values.
enum LintSuggestion {
    /// ` (did you mean 'x'?)` for the closest candidate within a typo's distance, else "".
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        guard let best = closest(to: word, among: candidates) else { return "" }
        return " (did you mean '\(best)'?)"
    }

    /// The candidate nearest to `word` by edit distance, when near enough to be a typo: at most
    /// a third of the word's length (minimum 2) edits, or `word` is the candidate minus its
    /// family prefix (`weak_cipher` → `tls.weak_cipher`).
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let suffixMatch = candidates.first(where: { $0.hasSuffix("." + lowered) }) { return suffixMatch }
        let limit = max(2, lowered.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost 1 (a swapped pair of letters is one typo, not two).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[t.count]
    }
}
