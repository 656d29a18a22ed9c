import Foundation
import ShipshapeLint
import ShipshapeModel
import ShipshapePolicy
import Testing
import TestSupport

@Suite struct LintReaderTests {
    static func read(_ path: String, _ text: String) throws -> LintSet {
        try LintReader.read([LintSource(path: path, text: text)])
    }

    @Test func kindsAreToldByContent() throws {
        let kube = try Self.read("anything.txt", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
        #expect(kube.objects.map(\.label) == ["ConfigMap/a"])
        let compose = try Self.read("stack.yml", "services:\n  web: {image: nginx}\n")
        #expect(compose.composeServices.map(\.name) == ["web"])
        let site = try Self.read("default", "server {\n    listen 80;\n}\n")
        #expect(site.nginx.count == 1 && site.objects.isEmpty)
        let whole = try Self.read("nginx.conf", "events {}\nhttp {\n    server { listen 80; }\n}\n")
        #expect(whole.nginx.count == 1)
        let unit = try Self.read("api.service", "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n")
        #expect(unit.systemd.map(\.name) == ["api.service"])
        let timer = try Self.read("unknown-name", "[Timer]\nOnCalendar=daily\n")
        #expect(timer.systemd.count == 1)
    }

    @Test func filesItDoesNotUnderstandAreListedNotFatal() throws {
        let set = try LintReader.read([
            LintSource(path: "README.md", text: "# Hello\n\nSome prose.\n"),
            LintSource(path: "values.yaml", text: "replicas: 3\n"),
            LintSource(path: "image.png", text: nil),
            LintSource(path: "empty.yaml", text: "# nothing yet\n"),
        ])
        #expect(set.unrecognised.map(\.location.file) == ["README.md", "values.yaml", "image.png", "empty.yaml"])
        let report = try Linter().lint(set)
        #expect(report.findings.filter { $0.rule == Linter.unrecognised }.count == 4)
        #expect(report.findings.allSatisfy { $0.severity == .note })
        #expect(!LintFailOn.note.fails(report.findings))
    }

    @Test func multiDocumentFindingsPointAtTheirDocument() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: first}
        spec:
          containers: [{name: a, image: "nginx:1.27", securityContext: {privileged: true}}]
        ---
        # a comment
        apiVersion: v1
        kind: Pod
        metadata: {name: second, namespace: web}
        spec:
          containers:
            - name: b
              image: nginx:1.27
              securityContext:
                privileged: true
        """
        let set = try Self.read("all.yaml", text)
        #expect(set.objects.map(\.label) == ["ConfigMap/settings", "Pod/first", "Pod/web/second"])
        let found = try Linter().lint(set).findings.filter { $0.rule == "privileged-container" }
        #expect(found.map { "\($0.location!.line):\($0.location!.column) \($0.service!)" }
            == ["9:77 Pod/first", "20:21 Pod/web/second"])
    }

    @Test func listItemsAreObjects() throws {
        let text = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec: {containers: [{name: a, image: nginx}]}
        """
        let set = try Self.read("list.yaml", text)
        #expect(set.objects.map(\.label) == ["Pod/a"])
        let found = try Linter().lint(set).findings.filter { $0.rule == "image-tag-pinned" }
        #expect(found.map { $0.location!.line } == [7])
    }

    @Test func badYAMLIsALocatedError() throws {
        do {
            _ = try Self.read("bad.yaml", "apiVersion: v1\nkind: [Pod\n")
            Issue.record("no error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.location?.file == "bad.yaml")
            #expect((error.diagnostics.first?.location?.line ?? 0) >= 2)
        }
    }

    @Test func hostileInputDoesNotCrash() throws {
        let deep = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
        #expect(throws: DiagnosticError.self) { try Self.read("deep.yaml", deep) }
        let nginx = String(repeating: "server {", count: 300)
        #expect(throws: DiagnosticError.self) { try Self.read("deep.conf", nginx) }
        let odd = try Self.read("odd.yaml", "apiVersion: 1\nkind: 2\nmetadata: [1, 2]\nspec: 7\n")
        #expect(try Linter().lint(odd).findings.allSatisfy { $0.rule != "" })
    }

    @Test func secretValuesNeverReachAReport() throws {
        let token = "ghp_" + String(repeating: "a1B2", count: 9)
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: a
              image: "https://user:\(token)@registry.example.com/app"
              env: [{name: TOKEN, value: "\(token)"}, {name: TOKEN, value: "\(token)"}]
        """
        let report = try Linter().lint(Self.read("pod.yaml", text))
        #expect(!report.findings.isEmpty)
        for format in ReportFormat.allCases {
            let out = Reporters.render(report.findings, format: format, rules: Linter().describedRules)
            #expect(!out.contains(token), "\(format)")
        }
    }
}

/// Hostile and broken input: every prefix-cut of the committed rendered files, and the hostile
/// corpus, is either linted or rejected with a located error — never a crash.
@Suite struct LintHostileInputTests {
    static func rendered() -> [String] {
        let root = Repository.path("examples")
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.contains("/rendered/") && !$0.hasSuffix(".shipshape-manifest") }
            .map { "\(root)/\($0)" }.filter { !$0.hasSuffix("/") }.sorted()
    }

    @Test func truncatedFilesAreLintedOrRejected() throws {
        var linted = 0, rejected = 0
        for path in Self.rendered() {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let scalars = Array(text.unicodeScalars)
            for cut in stride(from: 0, to: scalars.count, by: max(scalars.count / 7, 1)) {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<cut])
                do {
                    _ = try Linter().lint([LintSource(path: path, text: String(prefix))])
                    linted += 1
                } catch let error as DiagnosticError {
                    #expect(error.diagnostics.allSatisfy { $0.location?.file == path })
                    rejected += 1
                }
            }
        }
        #expect(linted > 100)
        #expect(rejected > 0)
    }

    @Test func theHostileCorpusNeverCrashes() throws {
        let folder = Repository.path("Tests/Fixtures/hostile")
        let sources = try LintSources.collect([folder])
        #expect(!sources.isEmpty)
        for source in sources {
            do {
                _ = try Linter().lint([source])
            } catch is DiagnosticError {}
        }
    }
}

@Suite struct LintKindTests {
    @Test func helmOutputOnStandardInputIsYAMLEvenWithEmbeddedConfigs() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: files}
        data:
          site.conf: |
            server {
                listen 80;
            }
          api.service: |
            [Service]
            ExecStart=/bin/api
        """
        #expect(LintReader.guess("<stdin>", text) == .kubernetes)
        let set = try LintReader.read([LintSource(path: "<stdin>", text: text)])
        #expect(set.objects.map(\.label) == ["ConfigMap/files"] && set.nginx.isEmpty && set.systemd.isEmpty)
    }

    @Test func extensionsWinAndContentDecidesWithoutOne() {
        #expect(LintReader.guess("unit", "# comment\n[Unit]\nDescription=x\n") == .systemd)
        #expect(LintReader.guess("site", "upstream api {\n    server 127.0.0.1:8000;\n}\n") == .nginx)
        #expect(LintReader.guess("x.yml", "[Unit]\n") == .kubernetes)
        #expect(LintReader.guess("x.timer", "") == .systemd)
    }
}
