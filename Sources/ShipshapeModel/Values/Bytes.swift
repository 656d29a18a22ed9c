#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searches in a string's UTF-8 bytes for ASCII text. For an ASCII needle a byte match is a match
/// in the text, and it is many times cheaper than Foundation's `contains`, which compares
/// composed characters; the secret patterns use it to rule out a value before any closer look.
public enum Bytes {
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        return text.withUTF8 { contains($0, needle) }
    }

    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { needle in
            guard needle.count <= bytes.count else { return false }
            guard let base = bytes.baseAddress, let first = needle.first else { return needle.isEmpty }
            let last = bytes.count - needle.count
            var start = 0
            while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                if memcmp(found, needle.baseAddress!, needle.count) == 0 { return true }
                start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return false
        }
    }

    public static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: String) -> Bool {
        bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }
}
