/// Text being printed (by `YAMLEmitter` and `SystemdWriter`), as UTF-8 bytes in one growing
/// buffer: appending costs no string temporaries, and the text is made once at the end.
struct TextBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { bytes.append($0) } }
    }

    mutating func pad(_ count: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// The integer in decimal, as `String(value)` spells it.
    mutating func append(decimal value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// The value in hexadecimal, zero-padded to at least `width` digits.
    mutating func append(hex value: UInt32, width: Int, uppercase: Bool = true) {
        var count = 1
        while count < 8, value >> (4 * UInt32(count)) != 0 { count += 1 }
        for position in (0..<max(count, width)).reversed() {
            let digit = UInt8(value >> (4 * UInt32(position)) & 0xF)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : (uppercase ? 0x37 : 0x57) + digit)
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
