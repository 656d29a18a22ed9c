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

/// An environment variable whose value is one key of a secret, and how the process gets it.
public struct SecretRef: Sendable, Hashable {
    /// How a secret reaches the process.
    public enum Delivery: String, Sendable, Hashable, CaseIterable {
        /// A file under `/run/secrets` (a systemd credential), named by `VAR<suffix>`.
        case file
        /// The variable itself holds the value: Kubernetes `secretKeyRef`, a compose `env_file`,
        /// systemd `EnvironmentFile=`.
        case env
    }

    public var variable: String
    public var secret: String
    public var key: String
    public var delivery: Delivery
    /// The file name chosen for a file delivery (`tls.key`); nil for `<secret>-<key>`.
    public var file: String?

    public init(variable: String, secret: String, key: String, delivery: Delivery = .file, file: String? = nil) {
        self.variable = variable
        self.secret = secret
        self.key = key
        self.delivery = delivery
        self.file = file
    }

    /// Whether this is the short form's delivery (`VAR: secret/key`): a file `<secret>-<key>` and
    /// `VAR<suffix>`, or what the source suggests where a target has no files (an `envFile`).
    public var isDefault: Bool { delivery == .file && file == nil }

    /// The file that holds this key where it is delivered as a file (`/run/secrets/<file>`, a
    /// systemd credential): the chosen name, else `<secret>-<key>`.
    public var fileName: String { file ?? sourceName }

    /// The name of this key's file wherever it is stored (a compose secret, a credential in
    /// `/etc/credstore`): `<secret>-<key>`, whatever name the process sees it under.
    public var sourceName: String { Self.fileName(secret: secret, key: key) }

    public static func fileName(secret: String, key: String) -> String { "\(secret)-\(key)" }

    /// Where containers find their secret files (compose secrets, the Kubernetes secrets volume).
    public static let folder = "/run/secrets"

    /// The Kubernetes volume that holds a pod's secret files; no volume of a service may take it.
    public static let volumeName = "shipshape-secrets"

    /// The path of this key's file inside a container.
    public var path: String { "\(Self.folder)/\(fileName)" }

    /// A chosen file name: one path component of letters, digits, `.`, `_` and `-` (a systemd
    /// credential name, a compose secret target, a projected volume item), not `.` or `..`.
    public static func isFileName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 253 && name != "." && name != ".."
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    public static let fileNameForm = "a file name of letters, digits, '.', '_' and '-' (or /run/secrets/NAME)"
}
