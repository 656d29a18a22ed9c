import ShipshapeRender

/// A rendered document packed into one byte buffer, for the side of a diff that waits for its
/// pair: a tree of `DocNode`s costs a heap box per node, the packed form a few bytes. Unpacking
/// gives back the same document, and equal packings mean equal documents (not the converse:
/// strings that differ only by Unicode normalization are equal and pack differently).
struct PackedDocument: Equatable {
    private(set) var bytes: [UInt8] = []

    init(_ node: DocNode) {
        pack(node)
    }

    private enum Tag: UInt8 { case null, no, yes, int, string, map, list, commented }

    private mutating func pack(_ node: DocNode) {
        switch node {
        case .null: bytes.append(Tag.null.rawValue)
        case let .bool(b): bytes.append(b ? Tag.yes.rawValue : Tag.no.rawValue)
        case let .int(i):
            bytes.append(Tag.int.rawValue)
            withUnsafeBytes(of: i.littleEndian) { bytes += $0 }
        case let .string(s):
            bytes.append(Tag.string.rawValue)
            pack(s)
        case let .map(members):
            bytes.append(Tag.map.rawValue)
            pack(count: members.count)
            for (key, value) in members {
                pack(key)
                pack(value)
            }
        case let .list(items):
            bytes.append(Tag.list.rawValue)
            pack(count: items.count)
            for item in items { pack(item) }
        case let .commented(inner, comment):
            bytes.append(Tag.commented.rawValue)
            pack(inner)
            pack(comment)
        }
    }

    private mutating func pack(_ text: String) {
        pack(count: text.utf8.count)
        bytes += text.utf8
    }

    /// LEB128: seven bits a byte, the high bit set on all but the last.
    private mutating func pack(count: Int) {
        var rest = UInt(count)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The document packed.
    var document: DocNode {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            return Self.unpack(buffer, &offset)
        }
    }

    private static func unpack(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> DocNode {
        let tag = Tag(rawValue: buffer[offset])!
        offset += 1
        switch tag {
        case .null: return .null
        case .no: return .bool(false)
        case .yes: return .bool(true)
        case .int:
            var value = 0
            for index in 0..<8 { value |= Int(buffer[offset + index]) << (8 * index) }
            offset += 8
            return .int(value)
        case .string: return .string(text(buffer, &offset))
        case .map:
            let count = Self.count(buffer, &offset)
            var members: [(key: String, value: DocNode)] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                let key = text(buffer, &offset)
                members.append((key, unpack(buffer, &offset)))
            }
            return .map(members)
        case .list:
            let count = Self.count(buffer, &offset)
            var items: [DocNode] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(unpack(buffer, &offset)) }
            return .list(items)
        case .commented:
            let inner = unpack(buffer, &offset)
            return .commented(inner, text(buffer, &offset))
        }
    }

    /// Whether `node` packs to these bytes, read as it is walked (nothing is allocated).
    func matches(_ node: DocNode) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            return Self.matches(node, buffer, &offset) && offset == buffer.count
        }
    }

    private static func matches(_ node: DocNode, _ buffer: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Bool {
        guard offset < buffer.count else { return false }
        let tag = buffer[offset]
        offset += 1
        switch node {
        case .null: return tag == Tag.null.rawValue
        case let .bool(b): return tag == (b ? Tag.yes : Tag.no).rawValue
        case let .int(i):
            guard tag == Tag.int.rawValue, offset + 8 <= buffer.count else { return false }
            var value = 0
            for index in 0..<8 { value |= Int(buffer[offset + index]) << (8 * index) }
            offset += 8
            return value == i
        case let .string(s): return tag == Tag.string.rawValue && matches(s, buffer, &offset)
        case let .map(members):
            guard tag == Tag.map.rawValue, count(buffer, &offset) == members.count else { return false }
            return members.allSatisfy { matches($0.key, buffer, &offset) && matches($0.value, buffer, &offset) }
        case let .list(items):
            guard tag == Tag.list.rawValue, count(buffer, &offset) == items.count else { return false }
            return items.allSatisfy { matches($0, buffer, &offset) }
        case let .commented(inner, comment):
            return tag == Tag.commented.rawValue && matches(inner, buffer, &offset)
                && matches(comment, buffer, &offset)
        }
    }

    private static func matches(_ text: String, _ buffer: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Bool {
        guard offset < buffer.count else { return false }
        let length = count(buffer, &offset)
        guard length == text.utf8.count, offset + length <= buffer.count else { return false }
        defer { offset += length }
        return text.utf8.elementsEqual(UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]))
    }

    private static func text(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> String {
        let length = count(buffer, &offset)
        defer { offset += length }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]), as: UTF8.self)
    }

    private static func count(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int {
        var value: UInt = 0, shift: UInt = 0
        while true {
            let byte = buffer[offset]
            offset += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
        }
    }
}
