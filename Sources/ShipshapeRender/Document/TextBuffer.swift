import ShipshapeModel

/// Text being printed (by `YAMLEmitter` and `SystemdWriter`), as UTF-8 bytes in one growing
/// buffer: appending costs no string temporaries, and the text is made once at the end.
///
/// The bytes live in memory the buffer allocates itself: an append is a capacity check and a
/// copy, where an array's also checked that it was not shared and went through its generic
/// paths (a fifth of printing, which is a fifth of `render`). A buffer is never copied: it is
/// made, filled through `inout` and read once.
struct TextBuffer {
    private final class Storage {
        var start: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            start = .allocate(capacity: self.capacity)
        }

        deinit { start.deallocate() }

        func grow(toHold needed: Int) {
            var capacity = self.capacity * 2
            while capacity < needed { capacity *= 2 }
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            moved.initialize(from: start, count: count)
            start.deallocate()
            start = moved
            self.capacity = capacity
        }
    }

    private let storage: Storage

    init(capacity: Int = 4096) { storage = Storage(capacity: capacity) }

    /// Where the next `extra` bytes go (room made for them); `commit` then counts them.
    @inline(__always) private func room(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if storage.count + extra > storage.capacity { storage.grow(toHold: storage.count + extra) }
        return storage.start + storage.count
    }

    @inline(__always) private func commit(_ written: Int) { storage.count += written }

    /// Read in place (`Bytes.read`): a copy to call `withUTF8` on cost a reference count.
    mutating func append(_ text: String) {
        Bytes.read(text) { append($0) }
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        room(buffer.count).initialize(from: source, count: buffer.count)
        commit(buffer.count)
    }

    mutating func append(byte: UInt8) {
        room(1).initialize(to: byte)
        commit(1)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII { append(byte: UInt8(scalar.value)) } else { UTF8.encode(scalar) { append(byte: $0) } }
    }

    mutating func pad(_ count: Int) {
        guard count > 0 else { return }
        room(count).initialize(repeating: UInt8(ascii: " "), count: count)
        commit(count)
    }

    /// The integer in decimal, as `String(value)` spells it.
    mutating func append(decimal value: Int) {
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        var digits = 1
        var rest = value.magnitude
        while rest >= 10 {
            digits += 1
            rest /= 10
        }
        let end = room(digits) + digits
        rest = value.magnitude
        for position in 1...digits {
            (end - position).initialize(to: UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        commit(digits)
    }

    /// The value in hexadecimal, zero-padded to at least `width` digits.
    mutating func append(hex value: UInt32, width: Int, uppercase: Bool = true) {
        var count = 1
        while count < 8, value >> (4 * UInt32(count)) != 0 { count += 1 }
        for position in (0..<max(count, width)).reversed() {
            let digit = UInt8(value >> (4 * UInt32(position)) & 0xF)
            append(byte: digit < 10 ? UInt8(ascii: "0") + digit : (uppercase ? 0x37 : 0x57) + digit)
        }
    }

    /// How many bytes are written so far.
    var count: Int { storage.count }

    /// Appends a copy of bytes written before (`range`, positions in this buffer).
    mutating func appendCopy(of range: Range<Int>) {
        guard !range.isEmpty else { return }
        let target = room(range.count)  // may move the bytes: the source is found after it
        target.initialize(from: storage.start + range.lowerBound, count: range.count)
        commit(range.count)
    }

    var text: String {
        String(decoding: UnsafeBufferPointer(start: storage.start, count: storage.count), as: UTF8.self)
    }
}
