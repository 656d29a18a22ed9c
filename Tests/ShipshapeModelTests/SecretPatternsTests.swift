import ShipshapeModel
import Testing

/// What counts as a secret value where one is written in plain text (env values, compose
/// `environment`, unit files): each pattern with a value it must catch and one it must not.
@Suite struct SecretPatternsTests {
    @Test(arguments: [
        "-----BEGIN PRIVATE KEY-----\nMIIEvQ...\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----",
        "---BEGIN OPENSSH PRIVATE KEY---\nxxxxx\n---END  OPENSSH PRIVATE KEY---",
        "BEGIN ENCRYPTED PRIVATE KEY",
        "AKIAIOSFODNN7EXAMPLE",
        "postgres://app:hunter2secret@db:5432/app",
        "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    ])
    func aSecretValueIsCaught(_ value: String) {
        #expect(SecretPatterns.looksSecret(value))
    }

    @Test(arguments: [
        "-----BEGIN CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ops@example.com",
        "postgres://db:5432/app",
        "BEGIN a private key rotation at midnight",
        "info",
    ])
    func anOrdinaryValueIsNot(_ value: String) {
        #expect(!SecretPatterns.looksSecret(value))
    }
}
