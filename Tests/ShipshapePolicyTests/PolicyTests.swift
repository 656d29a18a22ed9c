import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ShipshapeLoader
import ShipshapeModel
@testable import ShipshapePolicy
import Testing
import TestSupport

@Suite struct PolicyTests {
    static func validate(
        _ yaml: String, _ environment: String = "production", today: String = "2026-11-23"
    ) throws -> (path: String, findings: [Finding]) {
        let folder = Repository.temporaryFolder()
        let file = folder.appendingPathComponent("stack.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return (file.path, try PolicyEngine(today: today).validate(try Project.load(folder.path).resolve(environment)))
    }

    /// The seeds' mistakes produce exactly these rule ids, each at its line.
    @Test func seedMistakesProduceExactlyTheExpectedFindings() throws {
        let path = Repository.path("Tests/Fixtures/policy/seed-mistakes.yaml")
        let findings = try PolicyEngine(today: "2026-11-23").validate(try Project.load(path).resolve("production"))
        let got = Set(
            findings.filter { $0.suppression == nil && $0.severity == .error }.map {
                "\($0.rule)@\($0.location?.line ?? 0)"
            })
        let expected: Set<String> = [
            "image-tag-pinned@6",  // prom/prometheus:latest
            "compose-healthcheck-tool@10",  // prometheus: an http probe is a curl check; the image has no curl
            "no-default-credentials@18",  // GF_SECURITY_ADMIN_PASSWORD: admin
            "no-plaintext-secrets@23",  // S3_SECRET_KEY in plain text
            "no-plaintext-secrets@24",  // postgresql://user:pass@db
            "no-published-data-ports@27",  // 5432 published in production
            "no-published-data-ports@33",  // 6379 published in production
            "liveness-probe@19",  // worker: no probes
            "resources-requests@19",  // worker: no requests
            "resources-limits@19",  // worker: no limits
        ]
        #expect(got == expected, "missing \(expected.subtracting(got)), unexpected \(got.subtracting(expected))")
        #expect(findings.allSatisfy { $0.location?.file == path })
    }

    @Test func everyExampleValidatesWithoutErrorsInProduction() throws {
        for example in Repository.examples {
            let findings = try PolicyEngine().validate(
                try Project.load(Repository.path("examples/\(example)")).resolve("production"))
            let errors = findings.filter { $0.suppression == nil && $0.severity == .error }
            #expect(
                errors.isEmpty,
                "\(example): \(errors.map { "\($0.location?.description ?? "") \($0.rule) \($0.message)" })")
            for ignored in findings where ignored.suppression != nil {
                #expect(
                    (ignored.suppression?.count ?? 0) >= 30,
                    "\(example): a reviewer needs a real reason for ignoring \(ignored.rule)")
            }
        }
    }

    @Test func exemptionsNeedAReasonRespectScopeAndExpire() throws {
        let base = ExampleStack.api(
            ["replicas": "replicas: 1"],
            extra:
                "ignore:\n  - {rule: replicas-minimum, reason: One replica is enough for the batch importer, "
                    + "environments: [staging], expires: EXPIRES}"
        )
        // Scoped to staging: production still reports it.
        var (_, findings) = try Self.validate(base.replacingOccurrences(of: "EXPIRES", with: "2099-01-01"))
        #expect(findings.contains { $0.rule == "replicas-minimum" && $0.suppression == nil })
        (_, findings) = try Self.validate(base.replacingOccurrences(of: "EXPIRES", with: "2099-01-01"), "staging")
        #expect(findings.contains { $0.rule == "replicas-minimum" && $0.suppression != nil })
        // Expired: reported, and the finding is back.
        (_, findings) = try Self.validate(base.replacingOccurrences(of: "EXPIRES", with: "2026-01-31"), "staging")
        #expect(findings.contains { $0.message.contains("expired on 2026-01-31") && $0.severity == .error })
        #expect(
            findings.contains {
                $0.rule == "replicas-minimum" && $0.suppression == nil && !$0.message.contains("expired")
            })
        // No reason: an input error.
        #expect(throws: DiagnosticError.self) {
            _ = try Self.validate(ExampleStack.api(extra: "ignore: [{rule: replicas-minimum}]"))
        }
        // An unknown rule id: an input error with a suggestion.
        do {
            _ = try Self.validate(
                ExampleStack.api(
                    extra: "ignore: [{rule: replica-minimum, reason: A reason that is long enough to read.}]"))
            Issue.record("accepted an unknown rule")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.hint == "did you mean 'replicas-minimum'?")
        }
    }

    @Test func profilesAndStackSetSeverityAndThresholds() throws {
        let single = ExampleStack.api(["replicas": "replicas: 2"])
        var (_, findings) = try Self.validate(
            single + "policy:\n  rules:\n    replicas-minimum: {severity: warning, min: 3}\n")
        #expect(findings.first { $0.rule == "replicas-minimum" }?.severity == .warning)
        (_, findings) = try Self.validate(single + "policy:\n  rules:\n    replicas-minimum: \"off\"\n")
        #expect(!findings.contains { $0.rule == "replicas-minimum" })
        (_, findings) = try Self.validate(ExampleStack.api(["replicas": "replicas: 1"]), "development")
        #expect(!findings.contains { $0.rule == "replicas-minimum" })  // off in the development profile
    }

    @Test func failOnLevels() {
        let warning = Finding(
            rule: "x", severity: .warning, message: "m", location: nil, environment: "p", service: nil, artifact: nil,
            remediation: "r")
        var error = warning
        error.severity = .error
        var ignored = error
        ignored.suppression = "reason"
        #expect(!FailOn.error.fails([warning, ignored]))
        #expect(FailOn.error.fails([error]))
        #expect(FailOn.warning.fails([warning]))
        #expect(!FailOn.never.fails([error]))
    }
}

@Suite struct ReporterTests {
    static var findings: [Finding] {
        get throws {
            let path = Repository.path("Tests/Fixtures/policy/seed-mistakes.yaml")
            var all = try PolicyEngine(today: "2026-11-23").validate(try Project.load(path).resolve("production"))
            all[0].suppression = "Accepted for the test: shows how suppressions are reported."
            return all
        }
    }

    @Test func sarifCarriesRulesResultsLocationsAndSuppressions() throws {
        let text = Reporters.render(try Self.findings, format: .sarif)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "shipshape")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == Rules.all.count)
        #expect(
            rules.allSatisfy {
                ($0["shortDescription"] as? [String: Any])?["text"] is String && ($0["id"] as? String) != nil
            })
        let liveness = try #require(rules.first { $0["id"] as? String == "liveness-probe" })
        #expect(
            ((liveness["properties"] as? [String: Any])?["equivalents"] as? [String])?.contains("checkov: CKV_K8S_8")
                == true)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let region =
                (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
                    as? [String: Any])
            #expect((region?["startLine"] as? Int ?? 0) > 0 && (region?["startColumn"] as? Int ?? 0) > 0)
        }
        #expect(results.filter { $0["suppressions"] != nil }.count == 1)
    }

    @Test func junitParsesAsXML() throws {
        let text = Reporters.render(try Self.findings, format: .junit)
        final class Counter: NSObject, XMLParserDelegate {
            var elements: [String: Int] = [:]
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                elements[name, default: 0] += 1
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let findings = try Self.findings
        #expect(counter.elements["testcase"] == findings.count)
        #expect(counter.elements["failure"] == findings.count - 1)
        #expect(counter.elements["skipped"] == 1)
    }

    @Test func githubWorkflowCommands() throws {
        let text = Reporters.render(try Self.findings, format: .github)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(lines.count == (try Self.findings).count - 1)
        #expect(
            lines.contains {
                $0.hasPrefix("::error file=")
                    && $0.contains(",line=18,col=35,title=no-default-credentials (production)::")
            })
    }

    @Test func jsonShape() throws {
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(Reporters.render(try Self.findings, format: .json).utf8))
                as? [String: Any])
        #expect(root["version"] as? String == "1")
        #expect((root["summary"] as? [String: Any])?["ignored"] as? Int == 1)
        let first = try #require((root["findings"] as? [[String: Any]])?.first)
        for key in ["rule", "severity", "message", "file", "line", "column", "environment", "remediation"] {
            #expect(first[key] != nil, "\(key)")
        }
    }

    @Test func textGroupsAndHasNoColourWhenNotAsked() throws {
        let text = Reporters.render(try Self.findings, format: .text)
        #expect(text.hasPrefix("production\n"))
        #expect(text.contains("  service worker\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(text.hasSuffix(Reporters.summary(try Self.findings) + "\n"))
    }
}
