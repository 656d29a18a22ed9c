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

    /// Names are matched on their lowered bytes: any case, any position, non-ASCII names lowered
    /// as text first; names of files holding a secret are not secrets.
    @Test(arguments: [
        ("DB_PASSWORD", true), ("db_password", true), ("ApiKey", true), ("X_TOKEN", true), ("MYSQL_PWD", true),
        ("PGPASS", true), ("auth", true), ("ÜBER_SECRET", true), ("pässwort_token", true),
        ("DB_PASSWORD_FILE", false), ("TOKEN_PATH", false), ("PASSAGE", false), ("LOG_LEVEL", false),
        ("", false), ("AUTHOR", false), ("ss", false),
    ])
    func aNameSaysItHoldsASecret(_ name: String, _ secret: Bool) {
        #expect(SecretPatterns.isSecretName(name) == secret)
    }

    /// The byte-level prefilters must not hide a pattern: a token prefix at the very end or after
    /// a repeated first byte, an AWS key id after `AKI`, a URL password after other `@`s.
    @Test(arguments: [
        "xghp_ ghp_0123456789abcdefghij", "AKIAKIAIOSFODNN7EXAMPLE", "ü postgres://u:hunter2@db/app",
        "--db-password=hunter2", "sk_sk_live_0123456789abcdef0123",
    ])
    func aPatternIsFoundWhereverItStarts(_ value: String) {
        #expect(SecretPatterns.looksSecret(value))
    }
}

/// Values whose every byte is a character are matched on their bytes; any other value is split
/// into characters. Both paths must find the same: each value here is checked as it is (bytes)
/// and with a word of non-ASCII text after it (characters), which changes no pattern's answer.
@Suite struct SecretPatternsBytePathTests {
    static let values = [
        "password=hunter2", "--db-password=hunter2", "DB_PASSWORD=hunter2 LOG=info", "token: abc",
        "token=/run/secrets/token", "token=$TOKEN", "token=%d/token", "token=//host", "--=x", "password=",
        "-password=x", "a;b&api_key=1", "x\tsecret=1", "PASSAGE=open", "pass=1", "db_pass=1", "auth:x",
        "[{labelSelector: {matchLabels: {app: api}}, maxSkew: 1, topologyKey: kubernetes.io/hostname}]",
        "k8J2mQ9xL4vN7pR1tY6wZ3cB8dF5gH0jK2mN4", "k8J2mQ9xL4vN7pR1tY6wZ3cB8dF5gH0jK2m/N4",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "12345678901234567890123456789012345",
        "key='k8J2mQ9xL4vN7pR1tY6wZ3cB8dF5gH0jK2mN4'", "info", "",
    ]

    @Test(arguments: values)
    func bytesAndCharactersAgree(_ value: String) {
        #expect(SecretPatterns.looksSecret(value) == SecretPatterns.looksSecret(value + " über"))
        #expect(SecretPatterns.hasSecretAssignment(value) == SecretPatterns.hasSecretAssignment(value + " über"))
    }

    @Test func theBytePathFindsWhatItShould() {
        #expect(SecretPatterns.hasSecretAssignment("--db-password=hunter2"))
        #expect(!SecretPatterns.hasSecretAssignment("token=/run/secrets/token"))
        #expect(SecretPatterns.looksSecret("k8J2mQ9xL4vN7pR1tY6wZ3cB8dF5gH0jK2mN4"))
        #expect(!SecretPatterns.looksSecret("k8J2mQ9xL4vN7pR1tY6wZ3cB8dF5gH0jK2m/N4"))
        #expect(!SecretPatterns.looksSecret("[{topologyKey: kubernetes.io/hostname, maxSkew: 1}]"))
    }
}
