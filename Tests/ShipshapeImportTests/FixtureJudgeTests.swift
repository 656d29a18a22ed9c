import Foundation
import ShipshapeImport
import ShipshapeModel
import ShipshapePipeline
import ShipshapePolicy
import ShipshapeRender
import TestSupport
import Testing

/// Each public fixture's imported stack renders to every target, and the third-party judges
/// (yamllint, the compose schema and compose-spec, kubernetes-validate, checkov, nginx -t,
/// systemd-analyze verify and security) accept every file: one judge run per fixture, over the
/// folder holding all of its targets.
struct FixtureJudgeTests {
    /// checkov checks that shipshape answers on purpose (docs/POLICY.md): images by tag, not
    /// digest (CKV_K8S_43); pull policy IfNotPresent (CKV_K8S_15); a CPU limit is optional
    /// (CKV_K8S_11; `resources-limits` asks for a memory limit only).
    static let designSkips: Set<String> = ["CKV_K8S_43", "CKV_K8S_15", "CKV_K8S_11"]

    /// The checkov checks named by the rules behind `findings`: what the imported files did not
    /// say (no memory limit, no probe) is reported by shipshape's own gate, and by checkov alike.
    static func checkovEquivalents(_ findings: [Finding]) -> Set<String> {
        let fired = Set(findings.map(\.rule))
        var ids: Set<String> = []
        for rule in Rules.all where fired.contains(rule.description.id) {
            for text in rule.description.equivalents where text.hasPrefix("checkov:") {
                let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
                ids.formUnion(words.map(String.init).filter { $0.hasPrefix("CKV") && $0.last?.isNumber == true })
            }
        }
        return ids
    }

    /// systemd runs a program the stack names. A service with only `args` (compose `command`,
    /// run by the image's entrypoint) runs them on the host (`systemd.command`, as docs/ADOPTING.md
    /// step 4 moves args[0] to `command`); one with neither is given to the host as a unit, as step
    /// 4 does for a database (`systemd.hostUnit`). Returns the stack and those units.
    static func hostUnitsForImagePrograms(_ stack: DocNode) -> (DocNode, [String]) {
        guard case .map(var top) = stack, let index = top.firstIndex(where: { $0.key == "services" }),
            case .map(var services) = top[index].value
        else { return (stack, []) }
        var units: [String] = []
        for i in services.indices {
            guard case .map(var service) = services[i].value, !service.contains(where: { $0.key == "systemd" })
            else { continue }
            // systemd passes only variable names of letters, digits and '_' (it ignores
            // `discovery.seed_hosts=...` with a warning): such a service cannot run as a unit.
            var env: [String] = []
            if case .map(let m)? = service.first(where: { $0.key == "env" })?.value { env = m.map(\.key) }
            let systemdNames = env.allSatisfy { !$0.contains(".") && !$0.contains("-") }
            if systemdNames, service.contains(where: { $0.key == "command" }) { continue }
            if systemdNames, case .list(let args)? = service.first(where: { $0.key == "args" })?.value,
                case .string(let program)? = args.first, !program.hasPrefix("-")
            {
                service.append(("systemd", .map([("command", .list(args))])))
            } else {
                let unit = "\(services[i].key)-image.service"
                units.append(unit)
                service.append(("systemd", .map([("hostUnit", .string(unit))])))
            }
            services[i].value = .map(service)
        }
        top[index].value = .map(services)
        return (.map(top), units)
    }

    static func serviceCount(_ stack: DocNode) -> Int {
        guard case .map(let top) = stack, case .map(let services)? = top.first(where: { $0.key == "services" })?.value
        else { return 0 }
        return services.count
    }

    /// A production environment beside the one the files described (compose files describe
    /// development), rendering every target: the imported stack as it would go to production,
    /// as docs/ADOPTING.md does.
    static func withProduction(_ stack: DocNode) -> DocNode {
        guard case .map(var top) = stack, let index = top.firstIndex(where: { $0.key == "environments" }),
            case .map(var environments) = top[index].value
        else { return stack }
        let targets = DocNode.list(Target.allCases.map { .string($0.rawValue) })
        if let production = environments.firstIndex(where: { $0.key == "production" }) {
            guard case .map(var overlay) = environments[production].value else { return stack }
            overlay.removeAll { $0.key == "targets" }
            overlay.insert(("targets", targets), at: 0)
            environments[production].value = .map(overlay)
        } else {
            environments.append(("production", .map([("targets", targets)])))
        }
        top[index].value = .map(environments)
        return .map(top)
    }

    /// checkov checks answering what the source itself asked for: a container that adds
    /// capabilities (`cap_add`, `capabilities.add`) fails CKV_K8S_25 by design.
    static func askedFor(_ stack: ResolvedStack) -> Set<String> {
        stack.services.contains { !$0.security.capabilities.add.isEmpty } ? ["CKV_K8S_25"] : []
    }

    /// One fixture imported and rendered into `out/<name>/<env>/<target>/`.
    struct Rendered {
        var name: String
        var environments: [String]
        var files: [RenderedFile]
        var hostUnits: [String]
        var services: Int
        /// checkov checks the production manifests may fail, and why each may.
        var allowed: Set<String>
    }

    static func render(_ fixture: String, into out: URL) throws -> Rendered {
        let name = String(fixture.split(separator: "/").last!)
        let stackFolder = Repository.temporaryFolder()
        var result = try FixtureImportTests.run(fixture, out: stackFolder)
        let units: [String]
        (result.stack, units) = Self.hostUnitsForImagePrograms(Self.withProduction(result.stack))
        try StackWriter.write(result, sources: [fixture], to: stackFolder.path, force: false)
        let pipeline = try Pipeline.load(stackFolder.path)
        let environments = pipeline.project.environments
        let files = try pipeline.render(environments, targets: Target.allCases, named: true).files
        for file in files {
            // out/<env>/<fixture>/<target>/...: one judge run per environment.
            let environment = file.path.prefix { $0 != "/" }
            let url = out.appendingPathComponent(
                "\(environment)/\(name)/\(file.path.dropFirst(environment.count + 1))")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let findings = try pipeline.validate(["production"], engine: PolicyEngine())
        let production = try pipeline.project.resolve("production")
        let allowed = Self.checkovEquivalents(findings).union(Self.askedFor(production))
        return Rendered(
            name: name, environments: environments, files: files, hostUnits: units,
            services: Self.serviceCount(result.stack), allowed: allowed)
    }

    /// `FAIL checkov FILE` lines paired with the `failed checks: ID...` detail each printed
    /// (judge.sh prints one detail block per failure, in order).
    static func checkovFailures(_ verdict: Judges.Verdict) -> [(file: String, checks: Set<String>)] {
        let files = verdict.lines.filter { $0.hasPrefix("FAIL checkov ") }.map { String($0.dropFirst(13)) }
        let checks = verdict.details.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("failed checks: ") }
            .map { Set($0.dropFirst(15).split(separator: " ").map(String.init)) }
        guard files.count == checks.count else { return files.map { ($0, ["unreadable checkov output"]) } }
        return Array(zip(files, checks)).map { (file: $0.0, checks: $0.1) }
    }

    /// Every fixture, every environment, every target: one run of the judges over all of it,
    /// then one checkov run over every production manifest.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason))
    func everyImportedFixtureRendersEveryTargetAndPassesTheJudges() throws {
        try Judges.require()
        let out = Repository.temporaryFolder()
        let manifests = Repository.temporaryFolder()
        var fixtures: [Rendered] = []
        for fixture in FixtureImportTests.all {
            let rendered = try Self.render(fixture, into: out)
            fixtures.append(rendered)
            #expect(rendered.environments.contains("production"), "\(fixture)")
            for environment in rendered.environments {
                let own = rendered.files.filter { $0.path.hasPrefix("\(environment)/") }
                #expect(own.contains { $0.path == "\(environment)/compose/docker-compose.yml" }, "\(fixture)")
                #expect(own.contains { $0.path.hasPrefix("\(environment)/kubernetes/") }, "\(fixture)")
                let systemd = own.contains { $0.path.hasPrefix("\(environment)/systemd/") }
                #expect(systemd == (rendered.hostUnits.count < rendered.services), "\(fixture) \(environment)")
            }
            // checkov judges a folder as one graph: each fixture's production manifests, named apart.
            for file in rendered.files where file.path.hasPrefix("production/kubernetes/") {
                let name = "\(rendered.name)--\(file.path.dropFirst("production/kubernetes/".count))"
                try file.contents.write(to: manifests.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        #expect(fixtures.count == FixtureImportTests.all.count)
        let units = fixtures.flatMap(\.hostUnits)
        // Development hardens nothing on purpose: systemd-security (like checkov) judges production.
        var lines: [String] = []
        var details = ""
        for environment in ["development", "production"] {
            let verdict = try Judges.run(
                out.appendingPathComponent(environment).path,
                environment: [
                    "JUDGE_SKIP": environment == "production" ? "checkov" : "checkov,systemd-security",
                    "JUDGE_SYSTEMD_EXTRA_UNITS": units.joined(separator: " "),
                ])
            lines += verdict.lines
            details += verdict.details
        }
        for fixture in fixtures {
            let own = lines.filter { $0.contains("/\(fixture.name)/") }
            let failed = own.filter { $0.hasPrefix("FAIL") }
            #expect(failed.isEmpty, "\(fixture.name): \(failed)\n\(details)")
            for (target, judge) in [
                ("compose", "compose-schema"), ("compose", "compose-spec-rs"), ("kubernetes", "kubernetes-validate"),
                ("kubernetes", "yamllint"), ("nginx", "nginx-t"), ("systemd", "systemd-verify"),
                ("systemd", "systemd-security"),
            ] where fixture.files.contains(where: { $0.path.contains("/\(target)/") }) {
                #expect(own.contains { $0.contains(" \(judge) ") }, "\(fixture.name): \(judge) did not run")
            }
        }
        // checkov finds nothing but what docs/POLICY.md explains, what shipshape's own gate reports
        // for the stack (no memory limit, no probe: the source did not say), or what the source asked for.
        let checkov = try Judges.run(
            manifests.path,
            environment: [
                "JUDGE_SKIP": "yamllint,kubernetes-validate",
                "JUDGE_CHECKOV_SKIP_CHECKS": Self.designSkips.sorted().joined(separator: ","),
            ])
        #expect(checkov.passed + checkov.failed >= fixtures.count, "checkov did not run")
        for failure in Self.checkovFailures(checkov) {
            let name = URL(fileURLWithPath: failure.file).lastPathComponent
            let fixture = fixtures.first { name.hasPrefix("\($0.name)--") }
            let unexplained = failure.checks.subtracting(fixture?.allowed ?? [])
            #expect(unexplained.isEmpty, "\(name): checkov \(unexplained.sorted())\n\(checkov.details)")
        }
    }
}
