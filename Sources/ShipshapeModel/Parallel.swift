import Dispatch
import Foundation

/// Work spread over the machine's cores, with results in the order of the input, so parallel
/// output stays byte-identical to sequential output.
public enum Parallel {
    /// `items.map(transform)`, computed on up to as many threads as there are cores.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots[index] = transform(items[index])
        }
        return results.map { $0! }
    }

    /// `items.map(work)` on every core, where `work` may fail with located diagnostics: the
    /// results in order, or the diagnostics of every item that failed, in order (so one run
    /// reports every error). Other errors are rethrown as they are.
    public static func map<T: Sendable, R: Sendable>(_ items: [T],
                                                     reporting work: @Sendable (T) throws -> R) throws -> [R] {
        var values: [R] = []
        var diagnostics: [Diagnostic] = []
        for result in map(items, { item in Result { try work(item) } }) {
            switch result {
            case let .success(value): values.append(value)
            case let .failure(error as DiagnosticError): diagnostics += error.diagnostics
            case let .failure(error): throw error
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return values
    }
}
