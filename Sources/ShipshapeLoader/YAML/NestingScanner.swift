import Foundation

/// A quick upper bound on how deeply a YAML text nests, found before parsing so that a
/// hostile file (a million `[`) cannot exhaust the parser's stack.
enum NestingScanner {
    /// The line and column where nesting first exceeds `limit`, if it does.
    static func firstTooDeep(_ text: String, limit: Int) -> (line: Int, column: Int)? {
        var text = text
        return text.withUTF8 { firstTooDeep($0, limit: limit) }
    }

    /// Lines end at each line feed, except one right after a carriage return (as the
    /// `Character`s of a `String` do: CR LF is one character).
    private static func firstTooDeep(_ all: UnsafeBufferPointer<UInt8>, limit: Int) -> (line: Int, column: Int)? {
        var flowDepth = 0
        var indents: [Int] = []
        var line = 0
        var start = 0
        while start <= all.count {
            var end = lineEnd(all, from: start)
            while end < all.count, end > 0, all[end - 1] == 13 { end = lineEnd(all, from: end + 1) }
            defer { start = end + 1 }
            line += 1
            let bytes = UnsafeBufferPointer(rebasing: all[start..<end])
            var i = 0
            while i < bytes.count, bytes[i] == 32 { i += 1 }
            if i == bytes.count || bytes[i] == 35 { continue }  // blank or comment line
            if flowDepth == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
            }
            var dashes = 0
            var j = i
            while j + 1 < bytes.count, bytes[j] == 45, bytes[j + 1] == 32 {
                dashes += 1
                j += 2
                while j < bytes.count, bytes[j] == 32 { j += 1 }
            }
            if indents.count + dashes + flowDepth > limit { return (line, j + 1) }
            var quote: UInt8 = 0
            var previous: UInt8 = 32
            for k in j..<bytes.count {
                let b = bytes[k]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 34 || b == 39,
                          previous == 32 || previous == 91 || previous == 123 || previous == 44 || previous == 58 {
                    quote = b
                } else if b == 35, previous == 32 {
                    break
                } else if b == 91 || b == 123, opensFlow(after: previous) || k == j {
                    flowDepth += 1
                    if indents.count + dashes + flowDepth > limit { return (line, k + 1) }
                } else if b == 93 || b == 125, flowDepth > 0 {
                    flowDepth -= 1
                }
                previous = b
            }
        }
        return nil
    }

    /// The position of the first line feed at or after `start`, else the end (`memchr`'s search).
    @inline(__always)
    private static func lineEnd(_ all: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < all.count, let base = all.baseAddress,
              let found = memchr(base + start, 10, all.count - start) else { return all.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether a `[` or `{` after this byte opens a flow collection: after a space, `[`, `{`,
    /// `,`, `:` or `-`.
    @inline(__always)
    private static func opensFlow(after byte: UInt8) -> Bool {
        switch byte {
        case 32, 91, 123, 44, 58, 45: true
        default: false
        }
    }
}
