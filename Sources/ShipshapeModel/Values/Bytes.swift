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
        read(text) { contains($0, needle) }
    }

    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        read(needle) { needle in
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

    /// Whether `text` holds the ASCII `byte` (one `memchr` over its UTF-8 bytes).
    @inlinable public static func contains(_ byte: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false
        } ?? text.utf8.contains(byte)
    }

    /// `text` with every `byte` replaced by `replacement`. `byte` must be ASCII: an ASCII byte is
    /// never part of another character's bytes, so this replaces exactly the characters a
    /// shell, nginx or compose reads (Foundation's `replacingOccurrences` compares composed
    /// characters, a hundred times the work).
    public static func replacing(_ byte: UInt8, with replacement: String, in text: String) -> String {
        guard contains(byte, in: text) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 8)
        for each in text.utf8 {
            if each == byte { result.append(contentsOf: replacement.utf8) } else { result.append(each) }
        }
        return String(decoding: result, as: UTF8.self)
    }

    public static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: String) -> Bool {
        bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }
}

extension Bytes {
    /// `body` over the UTF-8 bytes of `text` when every byte is a character of its own: ASCII
    /// without a carriage return (which joins a following line feed into one character). Then a
    /// byte search, split or count is exactly the character one, at a fraction of the cost; nil
    /// otherwise, and the caller takes the character path.
    @inlinable
    public static func withCharacterBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        read(text) { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            return body(bytes)
        }
    }

    /// `body` over the UTF-8 bytes of `text`, read in place (a short string's from a copy on the
    /// stack): going through the UTF-8 view byte by byte, or copying it into an array, cost
    /// several times as much.
    @inlinable
    public static func read<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether every byte of `text` satisfies `predicate` (see `read`).
    @inlinable
    public static func all(_ text: String, _ predicate: (UInt8) -> Bool) -> Bool {
        read(text) { bytes in
            for byte in bytes where !predicate(byte) { return false }
            return true
        }
    }

    /// Whether every byte of `text` is ASCII.
    @inlinable
    public static func isASCII(_ text: String) -> Bool {
        all(text) { $0 < 0x80 }
    }

    /// Calls `body` with each non-empty run of bytes between separators (as `split` gives them)
    /// until it returns true; whether one did.
    public static func anyWord(in bytes: UnsafeBufferPointer<UInt8>, separatedBy isSeparator: (UInt8) -> Bool,
                               where body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var start = 0
        for end in 0...bytes.count where end == bytes.count || isSeparator(bytes[end]) {
            if end > start, body(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return true }
            start = end + 1
        }
        return false
    }

    /// `text` with every `word` replaced by `replacement`, left to right without overlaps, as
    /// `replacingOccurrences` replaces it, worked on the bytes; nil unless every byte of both is a
    /// character (`withCharacterBytes`) and `word` is not empty: the caller takes the character path.
    public static func replacing(_ word: String, with replacement: String, in text: String) -> String? {
        guard !word.isEmpty, let needle = withCharacterBytes(word, { Array($0) }) else { return nil }
        return withCharacterBytes(text) { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + replacement.utf8.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == needle[0], index + needle.count <= bytes.count,
                   UnsafeBufferPointer(rebasing: bytes[index..<(index + needle.count)]).elementsEqual(needle) {
                    result.append(contentsOf: replacement.utf8)
                    index += needle.count
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    public static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        bytes.count >= prefix.utf8.count && bytes.prefix(prefix.utf8.count).elementsEqual(prefix.utf8)
    }
}
