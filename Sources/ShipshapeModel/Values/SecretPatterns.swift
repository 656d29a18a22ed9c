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
        let lowered = name.lowercased()
        if lowered.hasSuffix("_file") || lowered.hasSuffix("__file") || lowered.hasSuffix("_path") { return false }
        if words.contains(where: { lowered.contains($0) }) { return true }
        // Short forms only as a whole part of the name: DB_PASS, PGPASS, MYSQL_PWD, not PASSAGE.
        let parts = lowered.split(whereSeparator: { "_-.".contains($0) })
        return parts.contains { ["pass", "pwd", "pgpass", "passphrase", "auth"].contains($0) }
    }

    /// Prefixes of tokens that services issue in a recognisable format.
    public static let tokenPrefixes = [
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xapp-",
        "sk_live_", "rk_live_", "sk-ant-", "sk-proj-", "AIza", "npm_", "pypi-", "hvs.", "dop_v1_", "SG.",
    ]

    /// Known key formats, credentials inside URLs, private keys and long high-entropy tokens.
    public static func looksSecret(_ value: String) -> Bool {
        if hasAWSKeyID(value) { return true }
        if credentialsInURL(value) { return true }
        if hasSecretAssignment(value) { return true }
        if hasTokenPrefix(value) { return true }
        if hasPrivateKeyHeader(value) { return true }
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
        value.range(of: #"BEGIN( [A-Z0-9]+)* PRIVATE KEY"#, options: .regularExpression) != nil
    }

    /// `name=value` (or `--name=value`, `name: value`) where the name says it holds a secret
    /// and the value is not a file, a placeholder or empty: `password=hunter2`,
    /// `--db-password=hunter2`, `DB_PASSWORD=hunter2` inside an `Environment=` line.
    public static func hasSecretAssignment(_ value: String) -> Bool {
        guard value.contains("=") || value.contains(": ") else { return false }
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
        for prefix in tokenPrefixes {
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
    public static func credentialsInURL(_ value: String) -> Bool {
        // The regular expression only where it can match: most values have no "://".
        guard value.contains("://"), value.contains("@") else { return false }
        guard let range = value.range(of: #"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@"#,
                                      options: .regularExpression) else { return false }
        let password = value[range].split(separator: ":").dropFirst(2).first
            .map { $0.split(separator: "@").first.map(String.init) ?? "" } ?? ""
        return !(password.hasPrefix("${") || password.hasPrefix("$"))
    }

    /// An AWS access key id (`AKIA` and 16 capitals or digits) anywhere in the value.
    public static func hasAWSKeyID(_ value: String) -> Bool {
        value.contains("AKIA") && value.range(of: #"AKIA[0-9A-Z]{16}"#, options: .regularExpression) != nil
    }

    static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for c in text { counts[c, default: 0] += 1 }
        let n = Double(text.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / n
            return sum - p * log2(p)
        }
    }
}
