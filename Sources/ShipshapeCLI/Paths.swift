import Foundation

enum Paths {
    /// The relative path that leads from folder `from` to folder `to` (both relative to the
    /// working folder or absolute), e.g. from `out/production/compose` to `examples/x` is
    /// `../../../examples/x`.
    static func relative(from: String, to: String) -> String {
        func components(_ path: String) -> [String] {
            URL(fileURLWithPath: path).standardizedFileURL.path.split(separator: "/").map(String.init)
        }
        let a = components(from), b = components(to)
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: a.count - common) + b[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
