/// "Did you mean" suggestions for misspelt keys and names.
public enum Suggestions {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    /// Bounded: a word over 64 characters gets no suggestion, and candidates whose length differs
    /// by more than the largest distance allowed are skipped without computing one.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let length = word.utf8.count
        guard length <= 64 else { return nil }
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates where abs(candidate.utf8.count - length) <= 3 {
            let distance = editDistance(lowered, candidate.lowercased())
            let limit = max(1, min(3, candidate.count / 3))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// `did you mean 'x'?` or nil.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// `one of a, b, c` for an error's "expected", listing at most `limit` candidates.
    public static func oneOf(_ candidates: some Collection<String>, limit: Int = 12) -> String {
        let shown = candidates.prefix(limit).joined(separator: ", ")
        return "one of " + shown + (candidates.count > limit ? ", ... (\(candidates.count) in all)" : "")
    }

    /// Edit distance; inputs are short keys, so the quadratic table is fine.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if a.count > 64 || b.count > 64 { return max(a.count, b.count) }
        // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
