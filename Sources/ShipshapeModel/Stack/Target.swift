/// A kind of deployment file shipshape renders.
public enum Target: String, CaseIterable, Sendable, Codable, Comparable {
    case kubernetes
    case compose
    case nginx
    case systemd

    public static func < (lhs: Target, rhs: Target) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
