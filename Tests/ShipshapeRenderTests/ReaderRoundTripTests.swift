import Foundation
import PropertyBased
import ShipshapeModel
@testable import ShipshapeRender
import Testing
import TestSupport

/// Each reader gives back what its writer printed: `read(write(x)) == x` for random values,
/// and every committed example file reads without error and prints back byte for byte.
@Suite struct ReaderRoundTripTests {
    // MARK: nginx

    @Test func nginxTreesRoundTrip() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = Seeded(seed)
            let nodes = Generate.nginx(&random, depth: 0)
            guard let text = try? NginxWriter.write(nodes) else {
                Issue.record("the writer rejected a generated tree: \(nodes)")
                return
            }
            let read = Result { try NginxReader.read(text, file: "x.conf") }
            #expect((try? read.get()) == nodes, "\(text)\n\(read)")
        }
    }

    /// Every value the writer accepts and quotes comes back as one token with its text.
    @Test(arguments: Generate.hostile + ["x\\\"y", "a\\", "\\t", "\\n", "${x}y", "\\\\"])
    func nginxQuotedValuesRoundTrip(_ value: String) throws {
        guard let quoted = try? NginxWriter.quote(value) else { return }  // `$`: rejected by the writer
        let nodes: [NginxNode] = [
            .block("location", [.value(value, nil)], [.directive("add_header", [.raw("X"), .value(value, nil)])])
        ]
        let text = try NginxWriter.write(nodes)
        let statements = try NginxReader.statements(text, file: "x.conf")
        #expect(statements.map(\.node) == nodes, "\(text)")
        #expect(statements.first?.arguments.first?.text == value)
        #expect(statements.first?.children?.first?.arguments.last?.spelling == quoted)
    }

    /// Arbitrary text either reads (and then prints to text that reads the same) or is a
    /// located error; it never crashes.
    @Test func nginxArbitraryTextReadsOrFailsAtALocation() async {
        let alphabet: [Character] = Array("ab $;{}#\"'\\\n\t()=")
        await propertyCheck(count: 600, input: Gen.element(of: alphabet).array(of: 0...30)) { chars in
            let text = String(chars.compactMap { $0 })
            do {
                let nodes = try NginxReader.read(text, file: "f.conf")
                let again = try NginxWriter.write(nodes)
                let reread = Result { try NginxReader.read(again, file: "f.conf") }
                #expect((try? reread.get()) == nodes, "\(text.debugDescription) -> \(again.debugDescription)")
            } catch let error as DiagnosticError {
                let location = error.diagnostics.first?.location
                #expect(
                    location?.file == "f.conf" && (location?.line ?? 0) >= 1 && (location?.column ?? 0) >= 1,
                    "\(error)")
            } catch {
                Issue.record("\(text.debugDescription): \(error)")
            }
        }
    }

    @Test(arguments: [
        ("server {\n    listen 80;\n", 3, 1, "unexpected end of file"),
        ("listen 80", 1, 10, "unexpected end of file"),
        ("}\n", 1, 1, "unexpected '}'"),
        ("a;\n  ;", 2, 3, "unexpected ';'"),
        ("x {\n  y 1 }\n}", 2, 7, "unexpected '}'"),
        ("add_header \"a b\"c;", 1, 17, "after a quoted value"),
        ("add_header \"open;\n", 2, 1, "unexpected end of file"),
        ("{ a; }", 1, 1, "unexpected '{'"),
        // Columns count characters, not bytes: "é" and "日本" are one and two columns.
        ("add_header \"é\"c;", 1, 15, "unexpected 'c' after"),
        ("add_header \"日本\"é;", 1, 16, "unexpected 'é' after"),
        ("# ü\nserver \"ü\" ü }", 2, 14, "unexpected '}'"),
    ])
    func nginxMalformedTextIsALocatedError(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try NginxReader.read(text, file: "bad.conf")
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.location == SourceLocation(file: "bad.conf", line: line, column: column)
                && diagnostic?.message.contains(message) == true
        }
    }

    @Test func nginxDeepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "a {", count: 10_000)
        #expect(throws: DiagnosticError.self) { _ = try NginxReader.read(text, file: "deep.conf") }
    }

    @Test func nginxStatementsAreLocatedAndReadAsNginxDoes() throws {
        let text = """
            # header
            include /etc/nginx/mime.types;
            server {
                listen 443 ssl; # trailing
                location   "/a b" {
                    add_header X 'say "hi"' always;
                    return 200 "tab\\there\\n";
                    set $x ${y}z;
                }
            }

            """
        let statements = try NginxReader.statements(text, file: "site.conf")
        #expect(statements.map(\.isComment) == [true, false, false])
        #expect(statements[0].name.text == "header")
        #expect(statements[1].words == ["include", "/etc/nginx/mime.types"])  // read, not followed
        #expect(statements[1].children == nil)
        let server = try #require(statements[2].children)
        #expect(server.map(\.location.line) == [4, 4, 5])
        #expect(server[1].isComment && server[1].name.text == "trailing")
        let location = server[2]
        #expect(location.location == SourceLocation(file: "site.conf", line: 5, column: 5))
        #expect(location.arguments[0].location == SourceLocation(file: "site.conf", line: 5, column: 16))
        #expect(location.arguments[0].text == "/a b")
        let inner = try #require(location.children)
        #expect(inner[0].words == ["add_header", "X", "say \"hi\"", "always"])
        #expect(inner[0].arguments[1].argument == .raw("'say \"hi\"'"))  // not how the writer quotes: kept as written
        #expect(inner[1].words == ["return", "200", "tab\there\n"])
        #expect(inner[2].words == ["set", "$x", "${y}z"])
        #expect(location.node == .block("location", [.value("/a b", nil)], inner.map(\.node)))
    }

    // MARK: systemd

    @Test func systemdUnitsRoundTrip() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = Seeded(seed)
            let unit = Generate.unit(&random)
            guard let text = try? SystemdWriter.write(unit) else {
                Issue.record("the writer rejected a generated unit: \(unit)")
                return
            }
            let read = Result { try SystemdReader.read(text, name: unit.name) }
            #expect((try? read.get()) == unit, "\(text)\n\(read)")
            #expect((try? read.get()).flatMap { try? SystemdWriter.write($0) } == text)
        }
    }

    @Test(arguments: SystemdRendererTests.hostile.filter { !$0.hasSuffix("\\") })
    func systemdHostileValuesRoundTrip(_ value: String) throws {
        let unit = SystemdUnit(
            name: "x.service",
            sections: [
                .init(
                    name: "Service",
                    entries: [
                        .init(key: "ExecStart", value: .command(["/usr/bin/app", value, "--flag"]), location: nil),
                        .init(
                            key: "Environment", value: .assignments([("VALUE", value), ("OTHER", "x")]), location: nil),
                        .init(key: "Description", value: .text("d \(value) e"), location: nil),
                    ])
            ])
        let text = try SystemdWriter.write(unit)
        #expect(try SystemdReader.read(text, name: "x.service") == unit, "\(text)")
    }

    @Test func systemdReadsContinuationsCommentsSpecifiersAndLocations() throws {
        let text = """
            # comment
            [Unit]
            Description=A long \\
              ; a comment inside the continuation
              description
            After=a.service
            After=b.service

            [Service]
              ExecStart=/bin/sh -c "echo \\"hi\\" $$HOME 100%%"  
            ExecStartPre=/bin/echo %n $HOME
            Environment="A=1" B=two\\x20words 'C=it''s'
            CPUQuota=50%
            """
        let sections = try SystemdReader.sections(text, file: "u.service")
        #expect(sections.map(\.name) == ["Unit", "Service"])
        #expect(sections[0].location == SourceLocation(file: "u.service", line: 2, column: 1))
        let unit = sections[0].settings
        #expect(unit.map(\.key) == ["Description", "After", "After"])
        #expect(unit[0].value == .text("A long    description"))
        #expect(unit.map(\.location.line) == [3, 6, 7])
        let service = sections[1].settings
        #expect(service[0].location == SourceLocation(file: "u.service", line: 10, column: 3))
        #expect(service[0].value == .command(["/bin/sh", "-c", "echo \"hi\" $HOME 100%"]))
        #expect(service[1].value == .raw("/bin/echo %n $HOME"))  // a specifier and a variable: as written
        #expect(service[2].text == "\"A=1\" B=two\\x20words 'C=it''s'")
        #expect(service[2].value == .raw(service[2].text))  // readable, but not as the writer spells it
        #expect(SystemdReader.words(service[2].text) == ["A=1", "B=two words", "C=its"])
        #expect(service[3].value == .raw("50%"))
    }

    @Test(arguments: [
        ("Description=x\n", 1, "outside a section"),
        ("[Unit]\nDescription x\n", 2, "is not a setting"),
        ("[Unit\nA=b\n", 1, "invalid section header"),
        ("[Unit]\n=b\n", 2, "without a key"),
        ("[Unit]\nA=b \\", 2, "ends inside a continued line"),
    ])
    func systemdMalformedTextIsALocatedError(text: String, line: Int, message: String) {
        #expect {
            _ = try SystemdReader.read(text, name: "bad.service")
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.location?.line == line && diagnostic?.location?.file == "bad.service"
                && diagnostic?.message.contains(message) == true
        }
    }

    // MARK: YAML documents

    @Test func docDocumentsRoundTrip() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = Seeded(seed)
            let documents = (0..<random.int(1...3)).map { _ in Generate.doc(&random, depth: 0) }
            let text = YAMLEmitter.emit(documents: documents)
            let read = Result { try DocReader.read(text, file: "x.yaml") }
            #expect((try? read.get()) == documents, "\(text)\n\(read)")
        }
    }

    @Test func docReaderLocatesDocumentsAndValuesAndExpandsMergeKeys() throws {
        let text = """
            kind: A
            ---
            x-defaults: &defaults
              restart: always
              ports: ["80"]
            services:
              api:
                <<: *defaults
                image: "api:1"
                restart: "no"
                replicas: 007
                enabled: True
                note: ~

            """
        let documents = try DocReader.documents(text, file: "c.yml")
        #expect(documents.map(\.index) == [0, 1])
        #expect(documents[1].location?.line == 3)
        let api = DocNode.map([
            ("image", .string("api:1")), ("restart", .string("no")), ("replicas", .string("007")),
            ("enabled", .bool(true)), ("note", .null), ("ports", .list([.string("80")])),
        ])
        #expect(
            documents[1].root
                == .map([
                    ("x-defaults", .map([("restart", .string("always")), ("ports", .list([.string("80")]))])),
                    ("services", .map([("api", api)])),
                ]))
        #expect(documents[1].location(of: [.key("services"), .key("api"), .key("image")])?.line == 9)
        #expect(documents[1].location(of: [.key("services"), .key("api"), .key("restart")])?.line == 10)
        // A merged value is located where the anchored mapping wrote it.
        #expect(
            documents[1].location(of: [.key("services"), .key("api"), .key("ports"), .index(0)])
                == SourceLocation(file: "c.yml", line: 5, column: 11))
    }

    @Test(arguments: [
        ("a: [1, 2\n", "YAML syntax error"),
        ("a: 1\na: 2\n", "more than once"),
        ("? [a]\n: 1\n", "not text"),
        ("a: *nothing\n", "YAML syntax error"),
        ("a: &x 1\nb:\n  <<: *x\n", "merge key"),
    ])
    func docMalformedTextIsALocatedError(text: String, message: String) {
        #expect {
            _ = try DocReader.read(text, file: "bad.yaml")
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.location?.file == "bad.yaml" && diagnostic?.message.contains(message) == true
        }
    }

    @Test func docAliasBombIsAnError() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            text +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        #expect(throws: DiagnosticError.self) { _ = try DocReader.read(text, file: "bomb.yaml") }
    }

    // MARK: committed examples

    /// Every file shipshape committed under examples/*/rendered reads without error and prints
    /// back byte for byte through its writer.
    @Test(arguments: Repository.examples)
    func committedExamplesReadAndPrintBack(_ example: String) throws {
        let files = try FolderReader.files(in: Repository.path("examples/\(example)/rendered"))
        #expect(!files.isEmpty)
        var formats: Set<String> = []
        for file in files {
            let name = (file.path as NSString).lastPathComponent
            let printed: String
            if name.hasSuffix(".conf") {
                printed = try NginxWriter.write(NginxReader.read(file.contents, file: file.path))
                formats.insert("nginx")
            } else if name.hasSuffix(".service") || name.hasSuffix(".timer") {
                printed = try SystemdWriter.write(SystemdReader.read(file.contents, name: name, file: file.path))
                formats.insert("systemd")
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                printed = YAMLEmitter.emit(documents: try DocReader.read(file.contents, file: file.path))
                formats.insert("yaml")
            } else {
                Issue.record("\(file.path): a file of no known format")
                continue
            }
            #expect(printed == file.contents, "\(example)/\(file.path) prints back differently")
        }
        #expect(formats.isSuperset(of: ["nginx", "yaml"]))
    }

    @Test func folderReaderSkipsHiddenFilesUnlessAsked() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["a/b.conf": "x;\n", "c.yaml": "a: 1\n", ".hidden/d": "h", "a/.e": "e"]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link").path,
            withDestinationPath: "c.yaml")
        #expect(try FolderReader.files(in: folder.path).map(\.path) == ["a/b.conf", "c.yaml"])
        #expect(try FolderReader.contents(of: folder.path, includingHidden: true) == files)
        #expect(throws: DiagnosticError.self) {
            _ = try FolderReader.files(in: folder.appendingPathComponent("c.yaml").path)
        }
    }
}

/// A seeded random source (SplitMix64), so a failing case can be replayed from its seed.
struct Seeded: RandomNumberGenerator {
    var state: UInt64

    init(_ seed: Int) { state = UInt64(seed) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func string(_ alphabet: String, _ lengths: ClosedRange<Int>) -> String {
        let characters = Array(alphabet)
        return String((0..<int(lengths)).map { _ in pick(characters) })
    }
}

/// Random values of the writers' types, in the form the readers give back.
enum Generate {
    /// Values the nginx writer must quote (or reject), shared with the systemd tests.
    static let hostile = [
        "a;b", "a; include /etc/passwd;", "a{b", "a}b", "} server { listen 81; }", "a#b", "# comment", "a\"b", "a'b",
        "a\\b", "a b", "", "é", "a;\n}", "-- --", "\"", "'", "\\", "x \\\" y", "{", "}", ";", "#", "$host", "a\tb",
    ]

    static func nginx(_ r: inout Seeded, depth: Int) -> [NginxNode] {
        (0..<r.int(0...(depth == 0 ? 5 : 3))).map { _ in
            switch r.int(0...9) {
            case 0: return .comment(r.string("ab #;{}\"'\\$é\t", 0...12))
            case 1...3 where depth < 3: return .block(name(&r), arguments(&r), nginx(&r, depth: depth + 1))
            default: return .directive(name(&r), arguments(&r))
            }
        }
    }

    static func name(_ r: inout Seeded) -> String {
        r.chance(50)
            ? r.pick(["listen", "server", "location", "include", "add_header", "map", "if"])
            : r.string("abcxyz_", 1...8)
    }

    static func arguments(_ r: inout Seeded) -> [NginxArgument] {
        (0..<r.int(0...4)).map { _ in
            if r.chance(50) {
                // Syntax written bare: never starts a quote or comment, never ends a token.
                return .raw(
                    r.pick(["$host", "https://$host$request_uri", "on", "301", "zone=a:10m", "[::]:80"])
                        + r.string("az09._/:=$@*+,%-", 0...6))
            }
            let value = r.chance(50) ? r.pick(hostile) : r.string("ab ;{}#\"'\\\té,/=", 0...10)
            // A plain word prints bare and reads back as `.raw`; `$` is rejected by the writer.
            guard !value.contains("$"), let quoted = try? NginxWriter.quote(value), quoted != value else {
                return .raw("x")
            }
            return .value(value, nil)
        }
    }

    /// Strings with what systemd reads specially: `%`, `$`, quotes, backslashes, spaces, `;`.
    static func systemdValue(_ r: inout Seeded) -> String {
        r.chance(30)
            ? r.pick(SystemdRendererTests.hostile.filter { !$0.hasSuffix("\\") })
            : r.string("ab %$\"'\\\t;=#é\u{1}\u{7F}", 0...12)
    }

    static func unit(_ r: inout Seeded) -> SystemdUnit {
        let sections = (0..<r.int(1...3)).map { _ in
            let name = r.pick(["Unit", "Service", "Install", "Timer", "X-Extra"])
            return SystemdUnit.Section(name: name, entries: (0..<r.int(0...6)).map { _ in entry(&r) })
        }
        return SystemdUnit(name: "u.service", sections: sections)
    }

    static func entry(_ r: inout Seeded) -> SystemdUnit.Entry {
        let at = SourceLocation(file: "stack.yaml", line: 1, column: 1)
        switch r.int(0...5) {
        case 0, 1:
            let words = (0..<r.int(0...4)).map { _ in systemdValue(&r) }
            let key = r.pick(["ExecStart", "ExecStartPre", "ExecStop", "ExecReload"])
            return .init(key: key, value: .command(words), location: at)
        case 2:
            let pairs = (0..<r.int(0...3)).map { _ in (r.string("ABCXYZ_", 1...6), systemdValue(&r)) }
            return .init(key: "Environment", value: .assignments(pairs), location: at)
        case 3:
            // Syntax the typed values cannot express: a specifier, a variable, a lone `%`.
            let raw: [(String, String)] = [
                ("CPUQuota", "50%"), ("ExecStart", "/bin/echo $HOME"), ("ExecStop", "/bin/kill %n"),
                ("Environment", "\"TOKEN_FILE=%d/token\""), ("Description", "100% sure"),
            ]
            let (key, value) = r.pick(raw)
            return .init(key: key, value: .raw(value), location: nil)
        default:
            // Text as systemd keeps it: no surrounding whitespace (systemd drops it), no trailing `\`.
            var text = systemdValue(&r)
            while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\\" {
                text.unicodeScalars.removeLast()
            }
            while let first = text.unicodeScalars.first, first == " " || first == "\t" {
                text.unicodeScalars.removeFirst()
            }
            let key = r.pick(["Description", "User", "WorkingDirectory", "X-Note"])
            return .init(key: key, value: .text(text), location: at)
        }
    }

    /// Not "\u{FEFF}": Yams drops a byte-order mark even from a `\uFEFF` escape, so no reader on
    /// Yams can return it (the emitter writes it escaped, as YAML says).
    static let tricky = [
        "8000", "on", "off", "yes", "no", "Y", "true", "False", "null", "~", "", " ", "1.10", "1e3", "0x1F", "012",
        "-1", "+1", ".inf", "2001-12-14", "a: b", "a #b", "#x", "- x", "? x", "[a]", "{a}", "&a", "*a", "!tag", "|",
        ">", "'q'", "\"q\"", "%x", "@x", "`x", "key:", "a\nb", "---", "...", "x\n---\ny: 1", "tab\there", "trailing ",
        " leading", "é", "\u{2028}",
        "\u{85}", "\u{0}", "back\\slash", "<<", "$$HOME", "🚢",
    ]

    static func scalar(_ r: inout Seeded) -> DocNode {
        switch r.int(0...9) {
        case 0: .null
        case 1: .bool(r.chance(50))
        case 2: .int(r.pick([0, -1, 8000, Int.max, Int.min, r.int(-1_000_000...1_000_000)]))
        case 3...5: .string(r.pick(tricky))
        default: .string(r.string("ab:- #'\"\n\t{}[],&*!|>%@`?~.019eE+_\\/$é", 0...10))
        }
    }

    static func doc(_ r: inout Seeded, depth: Int) -> DocNode {
        guard depth < 4, r.chance(depth == 0 ? 85 : 45) else { return scalar(&r) }
        if r.chance(50) {
            return .list((0..<r.int(0...4)).map { _ in doc(&r, depth: depth + 1) })
        }
        var members: [(key: String, value: DocNode)] = []
        for _ in 0..<r.int(0...5) {
            let key = r.chance(50) ? r.pick(tricky + ["name", "spec", "x-y"]) : r.string("ab:- #'\"{}é_", 0...6)
            if !members.contains(where: { $0.key == key }) { members.append((key, doc(&r, depth: depth + 1))) }
        }
        return .map(members)
    }
}
