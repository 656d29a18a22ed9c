import ShipshapeModel

/// Runs `work` for every environment on every core and returns the results in the order of
/// `environments`, or throws the diagnostics of every environment that failed (all of them,
/// so one run reports every error).
func eachEnvironment<R: Sendable>(_ environments: [String], _ work: @Sendable (String) throws -> R) throws -> [R] {
    let results = Parallel.map(environments) { environment in Result { try work(environment) } }
    var values: [R] = []
    var diagnostics: [Diagnostic] = []
    for result in results {
        switch result {
        case let .success(value): values.append(value)
        case let .failure(error as DiagnosticError): diagnostics += error.diagnostics
        case let .failure(error): throw error
        }
    }
    if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
    return values
}
