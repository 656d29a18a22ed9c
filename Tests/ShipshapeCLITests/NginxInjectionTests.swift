import Foundation
import ShipshapeRender
import Testing
import TestSupport

/// Hostile values in every spec field that reaches an nginx file: each is either quoted so that
/// `nginx -t` accepts the file with the value intact, or rejected with a located error (exit 2,
/// nothing written). None adds a directive.
@Suite struct NginxInjectionTests {
    enum Field: String, CaseIterable, Sendable { case host, path, csp, referrer, upstream, certificate }

    struct Case: Sendable, CustomStringConvertible {
        var field: Field
        var value: String
        var description: String { "\(field): \(value.prefix(30).debugDescription)" }
    }

    static let hostile = [
        "a;b", "a; include /etc/passwd;", "a{b", "a}b", "} server { listen 81; }", "a#b", "# comment", "a\"b", "a'b",
        "a\\b",
        "a$b", "$host", "${x}", "a\nb", "a\r\nreturn 200;", "a\tb", "a b", "x\u{7F}", "",
        String(repeating: "x", count: 5000),
        "é", "a;\n}", "-- --", "a,b",
    ]

    static var cases: [Case] {
        Field.allCases.flatMap { field in hostile.map { Case(field: field, value: $0) } }
    }

    /// A stack whose `field` holds `value` (as a JSON string, which YAML reads back exactly).
    static func stack(_ field: Field, _ value: String, certificates: String = "/etc/ssl") -> String {
        let json = String(
            decoding: try! JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed]), as: UTF8.self)
        let quoted = String(json.dropFirst().dropLast())
        return """
            stack: probe
            services:
              api:
                image: probe/api:1
                ports: [{name: http, port: 8000}]
                hosts: [\(field == .upstream ? quoted : "127.0.0.1")]
            proxy:
              hosts: [\(field == .host ? quoted : "probe.example.com")]
              tls:
                certificate: \(field == .certificate ? json.dropFirst().dropLast() : "\(certificates)/probe.pem")
                key: \(certificates)/probe.key
              headers:
                contentSecurityPolicy: \(field == .csp ? quoted : "\"default-src 'self'\"")
                referrerPolicy: \(field == .referrer ? quoted : "no-referrer")
              routes:
                - path: \(field == .path ? quoted : "/")
                  service: api
            environments:
              production: {targets: [nginx]}
            """
    }

    /// Values placed where the spec expects a path begin with `/`; certificates are absolute
    /// paths under `certificates`, where the test puts a real certificate for nginx -t to load.
    static func place(_ c: Case, certificates: String) -> String {
        switch c.field {
        case .path: "/" + c.value
        case .certificate: "\(certificates)/" + c.value
        default: c.value
        }
    }

    /// A throwaway certificate and key for nginx -t.
    static func makeCertificate(in folder: URL) throws -> (certificate: Data, key: Data) {
        _ = try Processes.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=probe.invalid",
                "-keyout", folder.appendingPathComponent("probe.key").path, "-out",
                folder.appendingPathComponent("probe.pem").path,
            ])
        return (
            try Data(contentsOf: folder.appendingPathComponent("probe.pem")),
            try Data(contentsOf: folder.appendingPathComponent("probe.key"))
        )
    }

    @Test func everyHostileValueIsQuotedOrRejected() throws {
        #expect(Self.cases.count >= 20)
        let root = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var accepted: [(Case, String)] = []
        let certificates = root.appendingPathComponent("certs")
        try FileManager.default.createDirectory(at: certificates, withIntermediateDirectories: true)
        let judges = Judges.installed
        let pem = judges ? try Self.makeCertificate(in: certificates).certificate : Data()
        for (index, c) in Self.cases.enumerated() {
            let value = Self.place(c, certificates: certificates.path)
            let folder = root.appendingPathComponent("case-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.stack(c.field, value, certificates: certificates.path).write(
                to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
            let out = root.appendingPathComponent("out-\(index)")
            let result = try Shipshape.run(["render", folder.path, "--out", out.path])
            if result.exitCode == 0 {
                let conf = try String(
                    contentsOf: out.appendingPathComponent("production/nginx/probe.conf"), encoding: .utf8)
                if c.field == .certificate, judges {
                    let url = URL(fileURLWithPath: value)
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try pem.write(to: url)
                    // judge.sh checks quoted paths without undoing nginx's `\\` escape; give it the
                    // escaped spelling too, so it keeps our path instead of swapping in its own certificate.
                    if value.contains("\\") {
                        try pem.write(to: URL(fileURLWithPath: value.replacingOccurrences(of: "\\", with: "\\\\")))
                    }
                }
                accepted.append((c, conf))
                // The value appears as one token, and the config has exactly the directives of a benign render.
                #expect(Self.unquotedTokens(conf).contains(value), "\(c): value not intact")
                #expect(Self.shape(conf) == Self.baselineShape, "\(c): structure changed")
            } else {
                #expect(result.exitCode == 2, "\(c): \(result.stderr)")
                #expect(result.stderr.contains("\(folder.path)/stack.yaml:"), "\(c): not located: \(result.stderr)")
                #expect(!result.stderr.contains("Fatal error"))
                #expect(!FileManager.default.fileExists(atPath: out.path), "\(c): output written")
            }
        }
        #expect(!accepted.isEmpty)
        #expect(accepted.count < Self.cases.count)
        try Judges.requireOrSkip()
        let judged = root.appendingPathComponent("judged")
        for (index, (_, conf)) in accepted.enumerated() {
            let folder = judged.appendingPathComponent("c\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try conf.write(to: folder.appendingPathComponent("probe.conf"), atomically: true, encoding: .utf8)
        }
        let verdict = try Judges.run(judged.path, environment: ["JUDGE_SKIP": "gixy"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(verdict.passed == accepted.count)
    }

    static let baselineShape: [String] = {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try? stack(.host, "probe.example.com", certificates: "/etc/ssl").write(
            to: folder.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        _ = try? Shipshape.run(["render", folder.path, "--out", folder.appendingPathComponent("out").path])
        let conf =
            (try? String(contentsOf: folder.appendingPathComponent("out/production/nginx/probe.conf"), encoding: .utf8))
            ?? ""
        return shape(conf)
    }()

    /// The directive names and block structure, ignoring arguments: `name;`, `name{` ... `}`, `#`.
    static func shape(_ conf: String) -> [String] {
        func shape(_ statements: [NginxStatement]) -> [String] {
            statements.flatMap { statement -> [String] in
                if statement.isComment { return ["#"] }
                guard let children = statement.children else { return [statement.name.text + ";"] }
                return [statement.name.text + "{"] + shape(children) + ["}"]
            }
        }
        guard let statements = try? NginxReader.statements(conf, file: "probe.conf") else { return ["unreadable"] }
        return shape(statements)
    }

    /// Every argument of every directive, unquoted the way nginx reads it.
    static func unquotedTokens(_ conf: String) -> Set<String> {
        func tokens(_ statements: [NginxStatement]) -> [String] {
            statements.flatMap { $0.isComment ? [] : $0.arguments.map(\.text) + tokens($0.children ?? []) }
        }
        return Set(tokens((try? NginxReader.statements(conf, file: "probe.conf")) ?? []))
    }
}
