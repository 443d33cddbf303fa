/// Where each `key = value` of a TOML document is written, by full dotted path.
///
/// TOMLKit reads values but keeps no source positions, and writing a document back through it would
/// reorder keys and drop comments. This lexer knows just enough TOML to attribute each key to its
/// table: headers (`[a.b]`, `[[bin]]`), dotted and quoted keys, inline tables, and the values that
/// may hide a `[` or a `=` (strings of all four kinds, multi-line arrays with comments). It assumes
/// a document TOMLKit has accepted; on anything unexpected it stops and returns what it has.
struct TOMLKeyLocator {
    struct Entry: Equatable {
        /// Table path followed by the key's own dotted path.
        var path: [String]
        /// Whether the key is in an array of tables (`[[bin]]`), which a single path cannot address.
        var inArrayTable: Bool
        /// The content between the quotes of a single-line basic or literal string; nil for other values.
        var stringContent: Range<Int>?
        /// The 1-based line of the key.
        var line: Int
    }

    private let b: [UInt8]
    private var i: Int
    private var entries: [Entry] = []
    /// Every table header and key path in the order written, a header before the keys under it.
    private var written: [[String]] = []
    /// Line breaks counted so far, up to `countedUpTo`: a key's line is found in time linear in
    /// the document, not in its offset.
    private var lineBreaks = 0
    private var countedUpTo = 0

    static func entries(in bytes: [UInt8]) -> [Entry] {
        var lexer = TOMLKeyLocator(b: bytes, i: VersionFile.contentStart(bytes))
        lexer.document()
        return lexer.entries
    }

    /// The paths of all table headers and keys, in the order the document writes them: how the
    /// file orders the keys of a table, which TOMLKit (toml++ sorts them) does not keep.
    static func writtenPaths(in bytes: [UInt8]) -> [[String]] {
        var lexer = TOMLKeyLocator(b: bytes, i: VersionFile.contentStart(bytes))
        lexer.document()
        return lexer.written
    }

    private init(b: [UInt8], i: Int) {
        self.b = b
        self.i = i
    }

    private mutating func document() {
        var table: [String] = []
        var inArrayTable = false
        while true {
            skipBlanksCommentsAndNewlines()
            guard i < b.count else { return }
            if b[i] == UInt8(ascii: "[") {
                let isArray = i + 1 < b.count && b[i + 1] == UInt8(ascii: "[")
                i += isArray ? 2 : 1
                guard let name = key(), consume("]"), !isArray || consume("]") else { return }
                written.append(name)
                table = name
                inArrayTable = isArray
            } else {
                guard keyValue(prefix: table, inArrayTable: inArrayTable) else { return }
            }
            skipBlanks()
            if i < b.count, b[i] == UInt8(ascii: "#") { skipToEndOfLine() }
        }
    }

    /// `key = value`, recording the key (and those of an inline-table value) under `prefix`.
    private mutating func keyValue(prefix: [String], inArrayTable: Bool) -> Bool {
        lineBreaks += b[countedUpTo..<i].count(where: { $0 == 0x0A })
        countedUpTo = i
        let line = lineBreaks + 1
        guard let name = key(), consume("=") else { return false }
        skipBlanks()
        guard i < b.count else { return false }
        let path = prefix + name
        written.append(path)
        switch b[i] {
        case UInt8(ascii: "{"):
            entries.append(Entry(path: path, inArrayTable: inArrayTable, stringContent: nil, line: line))
            i += 1
            while true {
                skipBlanksCommentsAndNewlines()
                guard i < b.count else { return false }
                if consume("}") { return true }
                guard keyValue(prefix: path, inArrayTable: inArrayTable) else { return false }
                skipBlanksCommentsAndNewlines()
                _ = consume(",")
            }
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let value = string() else { return false }
            entries.append(
                Entry(
                    path: path, inArrayTable: inArrayTable, stringContent: value.multiline ? nil : value.content,
                    line: line))
            return true
        case UInt8(ascii: "["):
            entries.append(Entry(path: path, inArrayTable: inArrayTable, stringContent: nil, line: line))
            return skipArray()
        default:
            entries.append(Entry(path: path, inArrayTable: inArrayTable, stringContent: nil, line: line))
            // Numbers, booleans, dates: up to a comment, a separator or the end of the line.
            while i < b.count, !"#,}\n\r".utf8.contains(b[i]) { i += 1 }
            return true
        }
    }

    /// A dotted key (`a`, `a.b`, `"quoted key".x`), with blanks around the dots.
    private mutating func key() -> [String]? {
        var parts: [String] = []
        repeat {
            skipBlanks()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                guard let quoted = string() else { return nil }
                parts.append(String(decoding: b[quoted.content], as: UTF8.self))
            } else {
                let start = i
                while i < b.count, isBareKeyByte(b[i]) { i += 1 }
                guard i > start else { return nil }
                parts.append(String(decoding: b[start..<i], as: UTF8.self))
            }
            skipBlanks()
        } while consume(".")
        return parts
    }

    /// Skips a string of any kind starting at `i`; returns the range of its content.
    private mutating func string() -> (content: Range<Int>, multiline: Bool)? {
        let quote = b[i]
        let escapes = quote == UInt8(ascii: "\"")
        let triple = i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote
        i += triple ? 3 : 1
        let start = i
        while i < b.count {
            if escapes, b[i] == UInt8(ascii: "\\") {
                i += 2
            } else if b[i] == quote, !triple || i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote {
                var end = i
                if triple {
                    // Up to two quotes may end the content right before the closing delimiter.
                    while end + 3 < b.count, b[end + 3] == quote, end - i < 2 { end += 1 }
                }
                i = end + (triple ? 3 : 1)
                return (start..<end, triple)
            } else if !triple, b[i] == 0x0A {
                return nil
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Skips an array value, which may span lines and hold comments, strings and inline tables.
    private mutating func skipArray() -> Bool {
        var depth = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                i += 1
                if depth == 0 { return true }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard string() != nil else { return false }
            case UInt8(ascii: "#"):
                skipToEndOfLine()
            default:
                i += 1
            }
        }
        return false
    }

    private mutating func consume(_ byte: Unicode.Scalar) -> Bool {
        skipBlanks()
        guard i < b.count, b[i] == UInt8(ascii: byte) else { return false }
        i += 1
        return true
    }

    private mutating func skipBlanks() {
        while i < b.count, Bytes.isBlank(b[i]) { i += 1 }
    }

    private mutating func skipToEndOfLine() {
        while i < b.count, b[i] != 0x0A { i += 1 }
    }

    private mutating func skipBlanksCommentsAndNewlines() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            case UInt8(ascii: "#"): skipToEndOfLine()
            default: return
            }
        }
    }

    private func isBareKeyByte(_ c: UInt8) -> Bool {
        c == Bytes.underscore || c == Bytes.dash || Bytes.isAlnum(c)
    }
}
