/// Naming rules shared by every target: what Kubernetes, compose, systemd and file systems all accept.
public enum Names {
    /// DNS-1123 label: lowercase letters, digits and `-`, starting and ending with a letter or
    /// digit, at most 63 characters. Service, stack, volume and secret names follow it, which
    /// also keeps them safe as file names (no `/`, no `..`).
    public static func isDNSLabel(_ name: String) -> Bool {
        func ok(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        return Bytes.read(name) { bytes in
            guard (1...63).contains(bytes.count), ok(bytes[0]), ok(bytes[bytes.count - 1]) else { return false }
            return bytes.allSatisfy { ok($0) || $0 == 45 }
        }
    }

    /// DNS-1035 label, what a Kubernetes Service name must be: a DNS-1123 label that starts
    /// with a letter. Service names follow it (each service gets a Service of its name).
    public static func isServiceName(_ name: String) -> Bool {
        isDNSLabel(name) && name.utf8.first.map { $0 >= 97 && $0 <= 122 } == true
    }

    public static let serviceNameForm =
        "a DNS-1035 label: lowercase letters, digits and '-', starting with a letter "
            + "and ending with a letter or digit, at most 63 characters"

    /// A user or group for a container or a unit: a numeric id, or a name as `useradd` and
    /// systemd take it (a letter or `_`, then letters, digits, `_`, `.` and `-`; at most 32).
    public static func isUserName(_ name: String) -> Bool {
        if let id = UInt32(name) { return id < UInt32.max }
        guard let first = name.utf8.first, name.utf8.count <= 32,
              (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first == 95 else { return false }
        return Bytes.all(name) {
            ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57)
                || $0 == 95 || $0 == 46 || $0 == 45
        }
    }

    public static let userNameForm =
        "a numeric id or a user name (a letter or '_', then letters, digits, '_', '.' and '-', at most 32 characters)"

    public static let labelKeyForm =
        "a label key: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.', "
            + "starting and ending with a letter or digit"
    public static let labelValueForm =
        "a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"

    /// An absolute container path without `..`, `.` or empty components, not `/` itself, with
    /// no control characters or `:` (which compose reads as a separator).
    public static func isMountPath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), path != "/", path.utf8.count <= 4096 else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 || $0 == ":" }) else {
            return false
        }
        // Components as the kernel reads them: split on the byte '/'.
        let parts = path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return !parts.contains { part in
            part.elementsEqual("..".utf8) || part.elementsEqual(".".utf8)
                || (part.isEmpty && part.endIndex != path.endIndex)
        }
    }

    /// The last component of a path (`/opt/venv/bin/uvicorn` → `uvicorn`), ignoring trailing
    /// slashes; the path itself when it has none.
    public static func lastComponent(_ path: String) -> String {
        // On the bytes where each is a character (character indexing cost thousands of
        // instructions a call here); the same search over characters otherwise.
        if let last = Bytes.withCharacterBytes(path, { bytes -> String in
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            guard end > 0 else { return path }
            var start = end
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }) {
            return last
        }
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        guard end > path.startIndex else { return path }
        let start = path[..<end].lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex
        return String(path[start..<end])
    }

    public static let mountPathForm =
        "an absolute path such as /data, without '..', ':' or control characters, and not / itself"

    public static let dnsLabelForm =
        "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, "
            + "at most 63 characters"

    /// IANA service name, as Kubernetes takes for port names: at most 15 characters, lowercase
    /// letters, digits and `-`, at least one letter, no leading, trailing or doubled `-`.
    public static func isPortName(_ name: String) -> Bool {
        guard isDNSLabel(name), name.utf8.count <= 15, !Bytes.contains(name, "--") else { return false }
        return name.utf8.contains { $0 >= 97 && $0 <= 122 }
    }

    public static let portNameForm =
        "a port name of at most 15 lowercase letters, digits and '-', with at least one letter"

    /// An environment variable name as Kubernetes takes it: letters, digits, `_`, `-` and `.`,
    /// not starting with a digit (`DATABASE_URL`, `discovery.type`).
    public static func isEnvName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 256, !(first >= 48 && first <= 57) else { return false }
        return Bytes.all(name) {
            ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57)
                || $0 == 95 || $0 == 45 || $0 == 46
        }
    }

    public static let envNameForm =
        "an environment variable name of letters, digits, '_', '-' and '.', not starting with a digit"

    /// A Kubernetes label or annotation key: optional DNS prefix and `/`, then a name of
    /// alphanumerics, `-`, `_` and `.` (at most 63 characters).
    public static func isLabelKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last, (1...63).contains(name.utf8.count) else { return false }
        if parts.count == 2 {
            let prefix = parts[0]
            guard (1...253).contains(prefix.utf8.count),
                  prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isDNSLabel(String($0)) })
            else { return false }
        }
        return isLabelValue(String(name)) && !name.isEmpty
    }

    /// A Kubernetes label value: empty, or ASCII letters and digits with `-`, `_`, `.` inside, at
    /// most 63 bytes.
    public static func isLabelValue(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count <= 63 else { return false }
        guard let first = bytes.first, let last = bytes.last else { return true }
        func alnum(_ b: UInt8) -> Bool {
            (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57)
        }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    /// A host name as nginx and Ingress take it: DNS labels separated by dots, optionally one
    /// leading `*.` wildcard, at most 253 characters.
    public static func isHostName(_ host: String) -> Bool {
        var name = Substring(host)
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    /// A network alias: a host name (`db`, `postgres.internal`), without a wildcard. Not `_`:
    /// RFC 1123 host names have none, and compose parsers refuse it in aliases.
    public static func isAlias(_ name: String) -> Bool {
        !name.hasPrefix("*") && isHostName(name)
    }

    public static let aliasForm = "a host name such as db or postgres.internal (lowercase DNS labels separated by dots)"

    /// A compose service name, as the Compose Specification takes it (`^[a-zA-Z0-9._-]+$`), here
    /// lowercase and starting and ending with a letter or digit: `plausible_db`. The container's
    /// name on compose networks; at most 63 characters.
    public static func isComposeServiceName(_ name: String) -> Bool {
        func ok(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        return Bytes.read(name) { bytes in
            guard (1...63).contains(bytes.count), ok(bytes[0]), ok(bytes[bytes.count - 1]) else { return false }
            return bytes.allSatisfy { ok($0) || $0 == 45 || $0 == 95 || $0 == 46 }
        }
    }

    public static let composeServiceNameForm = "a compose service name of lowercase letters, digits, '_', '-' and '.', "
        + "starting and ending with a letter or digit, at most 63 characters (`plausible_db`)"

    public static let hostNameForm = "a host name such as api.example.com (lowercase DNS labels separated by dots)"
}
