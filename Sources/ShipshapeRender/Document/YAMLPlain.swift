import ShipshapeModel

extension YAMLEmitter {
    static func isPlainSafe(_ s: String) -> Bool {
        Bytes.read(s, isPlainSafe)
    }

    /// Whether the UTF-8 bytes of a string can be printed plain. Only printable ASCII is ever
    /// plain, so the bytes tell everything.
    static func isPlainSafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        // Must start with a letter, '_' or '/': never a digit, sign, dot or indicator.
        let lower = first | 0x20
        guard (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") else { return false }
        guard bytes.count > 5 || !YAMLReservedWords.mayStart(lower) || !YAMLReservedWords.contains(bytes) else {
            return false
        }
        guard last != UInt8(ascii: " "), last != UInt8(ascii: ":") else { return false }
        return plainClass.withUnsafeBufferPointer { table in
            // Most strings hold no byte that asks anything (names, paths, images): one pass over
            // the classes tells, before the pass that follows spaces and colons.
            var asked: UInt8 = 0
            for c in bytes { asked |= table[Int(c)] }
            if asked == 0 { return true }
            var previous = UInt8(ascii: " ")
            for c in bytes {
                switch table[Int(c)] {
                case 0: break
                case 1: return false
                case 2: if previous == UInt8(ascii: " ") { return false }  // ` #` starts a comment
                default: if previous == UInt8(ascii: ":") || previous == UInt8(ascii: " ") { return false }
                }
                previous = c
            }
            return true
        }
    }

    /// What each byte asks of `isPlainSafe`, looked up once per byte (every scalar of every file
    /// is checked): 0 nothing, 1 never plain (`isNeverPlain`), 2 `#`, 3 a space.
    private static let plainClass: [UInt8] = (0...255).map { (byte: UInt8) -> UInt8 in
        isNeverPlain(byte) ? 1 : byte == UInt8(ascii: "#") ? 2 : byte == UInt8(ascii: " ") ? 3 : 0
    }

    /// Bytes that are never printed plain: control characters, DEL, bytes outside ASCII and the
    /// indicators `{ } [ ] , & * ! | > ' " % `` ` `` \`, as bits of two masks (bytes 0–63 and
    /// 64–127; `YAMLEmitterTests` checks them against this list).
    @inline(__always)
    static func isNeverPlain(_ c: UInt8) -> Bool {
        let low: UInt64 = 0x4000_14E6_FFFF_FFFF, high: UInt64 = 0xB800_0001_3800_0000
        if c < 64 { return low >> UInt64(c) & 1 != 0 }
        return c >= 128 || high >> UInt64(c - 64) & 1 != 0
    }
}

/// The words a YAML 1.1 reader takes for a boolean, null or number whatever their case (`On`,
/// `NULL`), packed as bytes into integers so a short string is checked without a lowercased copy.
enum YAMLReservedWords {
    static let words = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf"]
    private static let packed: [UInt64] = words.map { pack($0.utf8) }

    /// Whether a reserved word may start with this lowered letter (`f`, `i`, `n`, `o`, `t`, `y`):
    /// most keys and values start with another, and need no closer look.
    @inline(__always)
    static func mayStart(_ lower: UInt8) -> Bool {
        guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return false }
        return startMask >> UInt32(lower - UInt8(ascii: "a")) & 1 != 0
    }

    private static let startMask: UInt32 = words.reduce(0) { mask, word in
        guard let first = word.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return mask }
        return mask | 1 << UInt32(first - UInt8(ascii: "a"))
    }

    /// Whether `bytes` (at most 8, the first a letter) spell a reserved word in any case.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var word: UInt64 = 0
        for c in bytes {
            let lower = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
            word = word << 8 | UInt64(lower)
        }
        return packed.contains(word)
    }

    private static func pack(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
