import ShipshapeModel

/// Whether a variable holds a secret in plain text, and why — without ever returning the value.
enum PlaintextSecret {
    static let weak: Set<String> = ["true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "changeme"]

    static func reason(name: String, value: String) -> String? {
        if value.isEmpty || value.hasPrefix("/") || value.hasPrefix("$") { return nil }
        if SecretPatterns.credentialsInURL(value) { return "holds credentials inside a URL" }
        if SecretPatterns.hasAWSKeyID(value) { return "holds an AWS access key id" }
        if SecretPatterns.isSecretName(name), !weak.contains(value.lowercased()) {
            return "is named like a secret and holds a literal value"
        }
        if SecretPatterns.looksSecret(value) { return "holds what looks like a secret token" }
        return nil
    }
}
