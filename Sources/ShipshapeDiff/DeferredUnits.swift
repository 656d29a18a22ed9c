import ShipshapeModel
import ShipshapeRender

extension PairedDiff {
    /// The identity of a systemd unit whose diff item is known without printing and reading
    /// it back, or nil. A unit reads back from the writer's text whenever its section names and
    /// keys are plain words and no value is verbatim text that could break a line (the writer
    /// checks every other value first: ReaderRoundTripTests.systemdUnitsRoundTrip), and then it
    /// is one item, target `systemd`, named by its file. Its value is needed only when the
    /// other environment has the same unit; a unit added or removed is never printed.
    static func deferredUnitName(_ artifact: ShipshapeRender.Artifact) -> String? {
        guard case let .systemd(unit) = artifact.body, artifact.id.kind == ArtifactID.systemdUnit else { return nil }
        let name = artifact.id.name
        guard !Bytes.contains(UInt8(ascii: "/"), in: name),
              [".service", ".timer", ".socket"].contains(where: { name.hasSuffix($0) }),
              Layout.flatPath(artifact).hasSuffix("/" + name)
        else { return nil }
        for section in unit.sections {
            guard isWord(section.name) else { return nil }
            for entry in section.entries {
                guard isWord(entry.key) else { return nil }
                if case let .raw(text) = entry.value, !isSafeRaw(text) { return nil }
            }
        }
        return name
    }

    /// ASCII letters first, then letters, digits, `-`, `_` and `.`.
    static func isWord(_ text: String) -> Bool {
        Bytes.read(text, isWord)
    }

    private static func isWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        for byte in bytes where !(isLetter(byte) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-")
                                  || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")) {
            return false
        }
        return true
    }

    /// An ASCII letter (compared directly: a range's `contains` here cost a generic call a byte).
    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    /// Verbatim text that stays one setting: no line break or NUL, no final backslash.
    static func isSafeRaw(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0 } && !text.hasSuffix("\\")
    }
}
