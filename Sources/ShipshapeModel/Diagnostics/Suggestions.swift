/// "Did you mean" suggestions for misspelt keys and names.
public enum Suggestions {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    /// Bounded: a word over 64 characters gets no suggestion; only candidates within three
    /// characters of its length that share its first or last letter are compared, at most 64
    /// of them (a typo keeps one end of the word), so thousands of errors against thousands of
    /// names stay cheap.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let length = word.utf8.count
        guard length <= 64, let first = word.lowercased().first, let last = word.lowercased().last else { return nil }
        let lowered = word.lowercased()
        var best: (String, Int)?
        var compared = 0
        for candidate in candidates where abs(candidate.utf8.count - length) <= 3 {
            let other = candidate.lowercased()
            guard other.first == first || other.last == last else { continue }
            compared += 1
            if compared > 64 { break }
            let distance = editDistance(lowered, other)
            let limit = max(1, min(3, candidate.count / 3))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// The one candidate that `word` abbreviates (`prod` for `production`, `dev` for
    /// `development`): at least three characters, a prefix of exactly one of the first 256
    /// candidates, ignoring case.
    public static func expansion(of word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        guard lowered.count >= 3, lowered.count <= 64 else { return nil }
        let matches = candidates.prefix(256).filter { $0.count > lowered.count && $0.lowercased().hasPrefix(lowered) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// `did you mean 'x'?` or nil: a likely typo first, else the word's one expansion.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        let candidates = Array(candidates)
        return (closest(to: word, in: candidates) ?? expansion(of: word, in: candidates))
            .map { "did you mean '\($0)'?" }
    }

    /// `one of a, b, c` for an error's "expected", listing at most `limit` candidates.
    public static func oneOf(_ candidates: some Collection<String>, limit: Int = 12) -> String {
        let shown = candidates.prefix(limit).joined(separator: ", ")
        return "one of " + shown + (candidates.count > limit ? ", ..." : "")
    }

    /// Edit distance (optimal string alignment: insertions, deletions, substitutions and swaps
    /// of neighbours), three rows at a time; inputs are keys and names of at most 64 characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if a.count > 64 || b.count > 64 { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
