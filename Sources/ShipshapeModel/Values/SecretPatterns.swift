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
        return words.contains { lowered.contains($0) }
    }

    /// Known key formats, credentials inside URLs, private keys and long high-entropy tokens.
    public static func looksSecret(_ value: String) -> Bool {
        if hasAWSKeyID(value) { return true }
        if credentialsInURL(value) { return true }
        if value.contains("-----BEGIN"), value.contains("PRIVATE KEY-----") { return true }
        for word in value.split(whereSeparator: { " ,;\"'=".contains($0) }) where word.count >= 32 {
            if entropy(String(word)) > 4.0, word.contains(where: \.isNumber), word.contains(where: \.isLetter),
               !word.contains("/") {
                return true
            }
        }
        return false
    }

    /// `scheme://user:password@host` with a real password (not a `${VAR}` placeholder).
    public static func credentialsInURL(_ value: String) -> Bool {
        // The regular expression only where it can match: most values have no "://".
        guard value.contains("://"), value.contains("@") else { return false }
        guard let range = value.range(of: #"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@"#,
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
