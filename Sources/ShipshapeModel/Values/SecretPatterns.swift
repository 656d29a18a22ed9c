import Foundation

/// How shipshape recognises secrets that should not be where they are: in plain environment
/// variables, in diffs, in logs.
public enum SecretPatterns {
    /// Words that mark a variable or field as holding a secret.
    public static let words = [
        "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "private_key", "privatekey",
        "credential", "access_key", "accesskey", "secret_key",
    ]

    /// Whether a variable or field name says it holds a secret (`DB_PASSWORD`, `API_TOKEN`),
    /// leaving out names of files that hold one (`DB_PASSWORD_FILE`).
    public static func isSecretName(_ name: String) -> Bool {
        // On the lowered UTF-8 bytes: every word is ASCII, so a byte match is a match in the text.
        // This runs on every variable of every service; Foundation's `contains` dominated `validate`.
        Bytes.read(Bytes.isASCII(name) ? name : name.lowercased(), isSecretName)
    }

    /// `isSecretName` of a name's bytes, ASCII letters lowered here.
    private static func isSecretName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return isLoweredSecretName(UnsafeBufferPointer(buffer))
        }
    }

    private static func isLoweredSecretName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        if Bytes.hasSuffix(name, "_file") || Bytes.hasSuffix(name, "_path") { return false }
        for start in name.indices where wordStarts[Int(name[start])]
            && wordBytes.contains(where: { matches($0, in: name, at: start) }) {
            return true
        }
        // Short forms only as a whole part of the name: DB_PASS, PGPASS, MYSQL_PWD, not PASSAGE.
        var start = 0
        for end in 0...name.count where end == name.count || [0x5F, 0x2D, 0x2E].contains(name[end]) {
            let length = end - start
            if length > 0, shortWordBytes.contains(where: { $0.count == length && matches($0, in: name, at: start) }) {
                return true
            }
            start = end + 1
        }
        return false
    }

    /// Whether `word` stands in `name` at `start` (bytes compared in place: this runs on every
    /// variable of every service).
    private static func matches(_ word: [UInt8], in name: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard word.count <= name.count - start else { return false }
        for index in word.indices where name[start + index] != word[index] { return false }
        return true
    }

    private static let shortWords = ["pass", "pwd", "pgpass", "passphrase", "auth"]
    private static let wordBytes = words.map { Array($0.utf8) }
    private static let shortWordBytes = shortWords.map { Array($0.utf8) }
    /// The bytes a secret word starts with: a word is looked for only where one stands.
    private static let wordStarts: [Bool] = (0...255).map { byte in wordBytes.contains { $0.first == UInt8(byte) } }

    /// Prefixes of tokens that services issue in a recognisable format.
    public static let tokenPrefixes = [
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xapp-",
        "sk_live_", "rk_live_", "sk-ant-", "sk-proj-", "AIza", "npm_", "pypi-", "hvs.", "dop_v1_", "SG.",
    ]

    /// Known key formats, credentials inside URLs, private keys and long high-entropy tokens.
    public static func looksSecret(_ value: String) -> Bool {
        // Most values are short words: each pattern below first checks, on the bytes, that it
        // can match at all, and a word of 32 characters needs at least 32 bytes.
        if hasAWSKeyID(value) { return true }
        if credentialsInURL(value) { return true }
        if hasSecretAssignment(value) { return true }
        if hasTokenPrefix(value) { return true }
        if hasPrivateKeyHeader(value) { return true }
        guard value.utf8.count >= 32 else { return false }
        if let found = Bytes.withCharacterBytes(value, hasRandomWord) { return found }
        for word in value.split(whereSeparator: { " ,;\"'=".contains($0) }) where word.count >= 32 {
            if entropy(String(word)) > 4.0, word.contains(where: \.isNumber), word.contains(where: \.isLetter),
               !word.contains("/") {
                return true
            }
        }
        return false
    }

    /// A PEM private key's header, however many dashes a copy kept: `BEGIN PRIVATE KEY`,
    /// `BEGIN RSA PRIVATE KEY`, `BEGIN OPENSSH PRIVATE KEY`, `BEGIN ENCRYPTED PRIVATE KEY`.
    public static func hasPrivateKeyHeader(_ value: String) -> Bool {
        Bytes.contains(value, "PRIVATE KEY")
            && value.range(of: #"BEGIN( [A-Z0-9]+)* PRIVATE KEY"#, options: .regularExpression) != nil
    }

    /// `name=value` (or `--name=value`, `name: value`) where the name says it holds a secret
    /// and the value is not a file, a placeholder or empty: `password=hunter2`,
    /// `--db-password=hunter2`, `DB_PASSWORD=hunter2` inside an `Environment=` line.
    public static func hasSecretAssignment(_ value: String) -> Bool {
        guard Bytes.contains(value, "=") || Bytes.contains(value, ": ") else { return false }
        if let found = Bytes.withCharacterBytes(value, hasSecretAssignment) { return found }
        for word in value.split(whereSeparator: { " ;&?,\"'\t".contains($0) }) {
            guard let separator = word.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let name = word[..<separator].drop { $0 == "-" }
            let rest = word[word.index(after: separator)...]
            guard !name.isEmpty, !rest.isEmpty, isSecretName(String(name)) else { continue }
            if rest.hasPrefix("/") || rest.hasPrefix("$") || rest.hasPrefix("%d/") || rest.hasPrefix("//") { continue }
            return true
        }
        return false
    }

    /// A token in a format a service issues (`ghp_...`, `xoxb-...`, `sk_live_...`) anywhere in
    /// the value, with enough characters after the prefix to be one.
    public static func hasTokenPrefix(_ value: String) -> Bool {
        // A token is a prefix and at least 16 more characters.
        guard value.utf8.count >= shortestToken else { return false }
        for prefix in tokenPrefixes where Bytes.contains(value, prefix) {
            var search = value[...]
            while let range = search.range(of: prefix) {
                let tail = search[range.upperBound...].prefix { $0.isLetter || $0.isNumber || "_-.".contains($0) }
                let before = range.lowerBound == value.startIndex ? nil : value[value.index(before: range.lowerBound)]
                let starts = before.map { !($0.isLetter || $0.isNumber) } ?? true
                if starts, tail.count >= 16 { return true }
                search = search[range.upperBound...]
            }
        }
        return false
    }

    /// `scheme://user:password@host` or `scheme://:password@host` with a real password (not a
    /// `${VAR}` placeholder).
    private static let shortestToken = tokenPrefixes.map(\.utf8.count).min()! + 16

    public static func credentialsInURL(_ value: String) -> Bool {
        // The regular expression only where it can match: most values have no "://".
        guard Bytes.contains(value, "://"), Bytes.contains(value, "@") else { return false }
        guard let range = value.range(of: #"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@"#,
                                      options: .regularExpression) else { return false }
        let password = value[range].split(separator: ":").dropFirst(2).first
            .map { $0.split(separator: "@").first.map(String.init) ?? "" } ?? ""
        return !(password.hasPrefix("${") || password.hasPrefix("$"))
    }

    /// An AWS access key id (`AKIA` and 16 capitals or digits) anywhere in the value.
    public static func hasAWSKeyID(_ value: String) -> Bool {
        Bytes.contains(value, "AKIA") && value.range(of: #"AKIA[0-9A-Z]{16}"#, options: .regularExpression) != nil
    }

    /// `hasSecretAssignment` over bytes that are each a character (`Bytes.withCharacterBytes`):
    /// the same words, names and values, without the character split that made a diff of long
    /// values slow.
    private static func hasSecretAssignment(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        Bytes.anyWord(in: value, separatedBy: { assignmentSeparators[Int($0)] }) { word in
            guard let separator = word.firstIndex(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") })
            else { return false }
            let nameStart = word[..<separator].firstIndex { $0 != UInt8(ascii: "-") } ?? separator
            let rest = UnsafeBufferPointer(rebasing: word[(separator + 1)...])
            guard nameStart < separator, !rest.isEmpty else { return false }
            return isSecretName(UnsafeBufferPointer(rebasing: word[nameStart..<separator]))
                && !Bytes.hasPrefix(rest, "/") && !Bytes.hasPrefix(rest, "$") && !Bytes.hasPrefix(rest, "%d/")
        }
    }

    private static let assignmentSeparators = byteSet(" ;&?,\"'\t")
    private static let randomWordSeparators = byteSet(" ,;\"'=")

    private static func byteSet(_ bytes: String) -> [Bool] {
        (0...255).map { bytes.utf8.contains(UInt8($0)) }
    }

    /// A word of at least 32 characters, of letters and digits both, without a '/', whose
    /// characters are spread enough to be random (`looksSecret`'s last test, over bytes that are
    /// each a character).
    private static func hasRandomWord(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        Bytes.anyWord(in: value, separatedBy: { randomWordSeparators[Int($0)] }) { word in
            guard word.count >= 32, !word.contains(UInt8(ascii: "/")),
                  word.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
                  word.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return false }
            var counts = [Int](repeating: 0, count: 128)
            for byte in word { counts[Int(byte)] += 1 }
            return entropy(counts.lazy.filter { $0 > 0 }, total: word.count) > 4.0
        }
    }

    static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for c in text { counts[c, default: 0] += 1 }
        return entropy(counts.values, total: text.count)
    }

    /// The Shannon entropy, in bits per character, of characters counted `counts` times.
    static func entropy(_ counts: some Sequence<Int>, total: Int) -> Double {
        let n = Double(total)
        return counts.reduce(0) { sum, count in
            let p = Double(count) / n
            return sum - p * log2(p)
        }
    }
}
