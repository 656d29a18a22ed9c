import Foundation
import ShipshapeModel
import Testing

@Suite struct BytesTests {
    @Test func replacingAnASCIIByteReplacesEveryOccurrenceAndNothingElse() {
        #expect(Bytes.replacing(UInt8(ascii: "$"), with: "$$", in: "a$b$$c") == "a$$b$$$$c")
        #expect(Bytes.replacing(UInt8(ascii: "'"), with: "'\\''", in: "it's") == "it'\\''s")
        #expect(Bytes.replacing(UInt8(ascii: "-"), with: "_", in: "no dash") == "no dash")
        #expect(Bytes.replacing(UInt8(ascii: "-"), with: "_", in: "") == "")
        // A byte of a multi-byte character is never ASCII; a combining mark after the byte
        // does not hide it (a shell, nginx or compose reads the byte).
        #expect(Bytes.replacing(UInt8(ascii: "-"), with: "_", in: "é-ü-") == "é_ü_")
        #expect(Bytes.replacing(UInt8(ascii: "'"), with: "'\\''", in: "'\u{301}") == "'\\''\u{301}")
    }

    /// Reading a string's bytes in place gives its UTF-8 view's bytes, whatever the string:
    /// empty, short (kept inside the string), long, with multi-byte characters, or a substring's.
    @Test func bytesReadInPlaceAreTheUTF8View() {
        let long = String(repeating: "service-name-", count: 12)
        let texts = ["", "a", "DATABASE_URL", "exactly15bytes!", "sixteen-bytes-ab", "é-ü", long,
                     String(long.dropFirst(3)), "\u{1F600}x"]
        for text in texts {
            #expect(Bytes.read(text) { Array($0) } == Array(text.utf8), "\(text)")
            #expect(Bytes.all(text) { $0 < 0x80 } == text.utf8.allSatisfy { $0 < 0x80 }, "\(text)")
            #expect(Bytes.all(text) { $0 != UInt8(ascii: "-") } == !text.utf8.contains(UInt8(ascii: "-")))
        }
    }

    @Test func containsAByte() {
        #expect(Bytes.contains(UInt8(ascii: "$"), in: "${x}"))
        #expect(Bytes.contains(UInt8(ascii: ":"), in: "[::1]"))
        #expect(!Bytes.contains(UInt8(ascii: "$"), in: "plain"))
        #expect(!Bytes.contains(UInt8(ascii: "$"), in: ""))
        #expect(Bytes.contains(UInt8(ascii: "$"), in: String(repeating: "long text ", count: 20) + "$"))
    }

    @Test func lastPathComponent() {
        #expect(Names.lastComponent("/opt/venv/bin/uvicorn") == "uvicorn")
        #expect(Names.lastComponent("gunicorn") == "gunicorn")
        #expect(Names.lastComponent("/usr/bin/") == "bin")
        #expect(Names.lastComponent("/") == "/")
        #expect(Names.lastComponent("") == "")
        for path in ["/opt/venv/bin/uvicorn", "gunicorn", "/usr/bin/", "/", "", "a//b", "//x//"] {
            #expect(Names.lastComponent(path) == String(path.split(separator: "/").last ?? Substring(path)), "\(path)")
        }
    }

    @Test func mountPathsAreSplitOnTheSlashByte() {
        #expect(Names.isMountPath("/var/lib/data"))
        #expect(Names.isMountPath("/data/"))
        #expect(!Names.isMountPath("/a//b"))
        #expect(!Names.isMountPath("/a/../b"))
        #expect(!Names.isMountPath("/a/./b"))
        // An empty component stays an empty component when a combining mark follows the slash.
        #expect(!Names.isMountPath("/a//\u{301}"))
    }

    /// Where every byte is a character, byte work is character work: replacing a word gives what
    /// Foundation gives, left to right and without overlaps; other text takes the character path.
    @Test func replacingAWordAgreesWithFoundation() {
        let cases = [("shop-staging", "staging"), ("staging-staging", "staging"), ("aaa", "aa"), ("", "x"),
                     ("x", "x"), ("no match here", "staging"), ("stagingstaging-x", "staging")]
        for (text, word) in cases {
            let foundation = text.replacingOccurrences(of: word, with: "<env>")
            #expect(Bytes.replacing(word, with: "<env>", in: text) == foundation, "\(text)")
        }
        #expect(Bytes.replacing("x", with: "y", in: "éx") == nil)
        #expect(Bytes.replacing("", with: "y", in: "x") == nil)
        #expect(Bytes.withCharacterBytes("é") { _ in true } == nil)
        #expect(Bytes.withCharacterBytes("a\r\nb") { _ in true } == nil)
        #expect(Bytes.withCharacterBytes("a\nb") { $0.count } == 3)
    }

    @Test func wordsSplitAsSplitGivesThem() {
        for text in ["a b  c", " lead", "trail ", "", "   ", "one"] {
            var words: [String] = []
            _ = Bytes.withCharacterBytes(text) { bytes in
                Bytes.anyWord(in: bytes, separatedBy: { $0 == UInt8(ascii: " ") }) { word in
                    words.append(String(decoding: word, as: UTF8.self))
                    return false
                }
            }
            #expect(words == text.split(separator: " ").map(String.init), "\(text)")
        }
    }
}
