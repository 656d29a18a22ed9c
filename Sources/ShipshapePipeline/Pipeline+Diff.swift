import ShipshapeDiff
import ShipshapeModel
import ShipshapeRender

extension Pipeline {
    /// What differs between two environments, object by object (`targets`: only these).
    public func diff(_ a: String, _ b: String, targets: [Target] = [],
                     unexpectedOnly: Bool = false) throws -> DiffReport {
        // One environment at a time, one target at a time, compared artifact by artifact as the
        // second is read: only the first side's items, one target's artifacts and the differences
        // are held, never both sides' diff values nor a whole environment's artifacts. Every
        // error of both environments is still reported together, as `build` reports them.
        var paired = PairedDiff(environments: (a, b))
        var expected: [String] = []
        var diagnostics: [Diagnostic] = []
        for (side, name) in [a, b].enumerated() {
            do {
                let stack = try project.resolve(name)
                try feed(stack, to: &paired, side: side, only: targets)
                if side == 1 { expected = stack.expectedDifferences }
            } catch let error as DiagnosticError {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        let report = paired.report()
        KeptUntilExit.keep(paired)
        return unexpectedOnly ? report.unexpected(expected) : report
    }

    /// Renders every target of `stack` in turn and feeds the artifacts of those in `only` (all
    /// when empty) to `paired` as they are rendered: a Kubernetes target one service's objects at a
    /// time, so a side's whole target is never held. Throws what `build([stack.environment])`
    /// would (every target's rendering errors, joined as `Renderers.join` orders them), else the
    /// first error of feeding; nothing is fed after an error.
    private func feed(_ stack: ResolvedStack, to paired: inout PairedDiff, side: Int, only: [Target]) throws {
        var parts: [Renderers.TargetPart] = []
        var failed = false, feeding: Error?
        let renderContext = context(stack)
        for target in stack.targets.sorted() {
            let part = Renderers.render(stack, target: target, context: renderContext) { artifact in
                guard !failed, feeding == nil, only.isEmpty || only.contains(artifact.id.target) else { return }
                do {
                    if side == 0 { try paired.add(old: artifact) } else { try paired.compare(new: artifact) }
                } catch {
                    feeding = error
                }
            }
            failed = failed || (part.diagnostics + part.problems).contains { $0.severity == .error }
            parts.append(part)
        }
        let collected = DiagnosticCollector()
        Renderers.join(parts).diagnostics.forEach(collected.report)
        try collected.throwIfErrors()
        if let feeding { throw feeding }
    }
}
