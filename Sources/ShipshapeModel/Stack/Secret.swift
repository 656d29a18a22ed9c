/// A named set of secret keys. The spec never holds their values: it says where each
/// environment gets them, and each target references them in its own way.
public struct Secret: Sendable, Hashable {
    public var name: String
    public var keys: [String]
    public var source: SecretSource
    public var description: String?

    public init(name: String, keys: [String], source: SecretSource, description: String? = nil) {
        self.name = name
        self.keys = keys
        self.source = source
        self.description = description
    }
}

/// Where an environment gets a secret's values.
public enum SecretSource: Sendable, Hashable {
    /// It already exists under this name: a Kubernetes Secret, files `<name>-<key>` in a compose
    /// host's secrets folder, or systemd credentials in `/etc/credstore`.
    case existing(name: String)
    /// One file per key in this folder (relative to the stack): compose `secrets: file:`,
    /// systemd `LoadCredential=`. The folder is kept out of git.
    case files(directory: String)
    /// A dotenv file whose variables are the keys: compose `env_file`, systemd `EnvironmentFile=`.
    case envFile(path: String)
    /// An external store read through external-secrets.io: an `ExternalSecret` in Kubernetes.
    case external(ExternalStore)
}

/// An external-secrets.io store and the path of this secret in it.
public struct ExternalStore: Sendable, Hashable {
    public var store: String
    /// `SecretStore` or `ClusterSecretStore`.
    public var storeKind: String
    /// The path of the secret in the store; each key is read as a property of it.
    public var path: String
    public var refresh: Duration

    public init(store: String, storeKind: String = "ClusterSecretStore", path: String,
                refresh: Duration = .seconds(3600)) {
        self.store = store
        self.storeKind = storeKind
        self.path = path
        self.refresh = refresh
    }
}

/// An environment variable whose value is one key of a secret.
public struct SecretRef: Sendable, Hashable {
    public var variable: String
    public var secret: String
    public var key: String

    public init(variable: String, secret: String, key: String) {
        self.variable = variable
        self.secret = secret
        self.key = key
    }

    /// The file that holds this key where secrets are files (`/run/secrets/<file>`, a systemd
    /// credential): `<secret>-<key>`, the same on every target.
    public var fileName: String { Self.fileName(secret: secret, key: key) }

    public static func fileName(secret: String, key: String) -> String { "\(secret)-\(key)" }

    /// Where containers find their secret files (compose secrets, the Kubernetes secrets volume).
    public static let folder = "/run/secrets"

    /// The Kubernetes volume that holds a pod's secret files; no volume of a service may take it.
    public static let volumeName = "shipshape-secrets"

    /// The path of this key's file inside a container.
    public var path: String { "\(Self.folder)/\(fileName)" }
}
