/// Finds the syntax errors that toml++ (inside TOMLKit) cannot report.
///
/// toml++ 3.x asserts, aborting the whole process, where a table header's name starts with a
/// character that can start no key (`[!]`, `[{x}]`, `[` at the end of a line), where an array
/// element starts with `}` (`[1, }`) and where a date's `T` is followed by no digit
/// (`1979-05-27T!`) or where a date, a space and a digit end the value (`1979-05-27 5`: toml++
/// takes it for a date-time whose time ends after one digit); builds with NDEBUG would read them
/// as undefined behaviour. Elsewhere it reports
/// such characters as syntax errors. So every text goes through this scan before toml++ sees it
/// (the fuzz target Fuzz/Sources/FuzzConfiguration found all three).
///
/// The scan knows just enough TOML to tell a header from a value: comments, the four kinds of
/// strings, and the nesting of arrays and inline tables after `=`. A `[` that starts a line outside
/// all of these is a header (in valid TOML, always); toml++ stops at the first error, so a header
/// behind an earlier error never reaches it, and misreading such a text is harmless either way.
enum TOMLSyntaxCheck {
    /// The 1-based line and column (in Unicode scalars) of the first character that makes toml++
    /// abort, and what was expected there and found instead.
    static func abortingError(in text: String) -> (line: Int, column: Int, problem: String)? {
        let bytes = Array(text.utf8)
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var lineStart = index
        var atLineStart = true
        var inValue = false
        // The arrays and inline tables open in the value, innermost last.
        var open: [UInt8] = []
        // After `=`, or `[` or `,` in an array, until something other than blanks (or, in an array,
        // line breaks and comments): where toml++ parses a value.
        var expectsValue = false

        func at(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

        /// Skips a string opened by `quote` at `index`; stops at the line break of an unterminated
        /// single-line string, as toml++ does.
        func skipString(_ quote: UInt8) {
            let escapes = quote == UInt8(ascii: "\"")
            if at(index + 1) == quote, at(index + 2) == quote {
                index += 3
                while index < bytes.count {
                    if escapes, bytes[index] == UInt8(ascii: "\\"), at(index + 1) != 0x0A {
                        index += 2
                        continue
                    }
                    if bytes[index] == 0x0A {
                        line += 1
                        lineStart = index + 1
                    }
                    if bytes[index] == quote, at(index + 1) == quote, at(index + 2) == quote {
                        index += 3
                        // Up to two more quotes belong to the content (`""""x""""` is legal).
                        for _ in 0..<2 where at(index) == quote { index += 1 }
                        return
                    }
                    index += 1
                }
                return
            }
            index += 1
            while index < bytes.count, bytes[index] != 0x0A {
                if escapes, bytes[index] == UInt8(ascii: "\\"), at(index + 1) != 0x0A {
                    index += 2
                    continue
                }
                if bytes[index] == quote {
                    index += 1
                    return
                }
                index += 1
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                line += 1
                lineStart = index + 1
                atLineStart = true
                if open.isEmpty {
                    inValue = false
                    expectsValue = false
                }
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0D:
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                atLineStart = false
                expectsValue = false
                skipString(byte)
            case UInt8(ascii: "="):
                atLineStart = false
                expectsValue = true
                inValue = true
                index += 1
            case UInt8(ascii: ","):
                atLineStart = false
                expectsValue = open.last == UInt8(ascii: "[")
                index += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                expectsValue = false
                if inValue || !open.isEmpty {
                    open.append(byte)
                    expectsValue = byte == UInt8(ascii: "[")
                } else if byte == UInt8(ascii: "["), atLineStart {
                    var next = index + 1
                    if at(next) == UInt8(ascii: "[") { next += 1 }
                    while let blank = at(next), blank == UInt8(ascii: " ") || blank == UInt8(ascii: "\t") { next += 1 }
                    if let first = at(next), !Self.startsKeyOrEndsHeader(first) {
                        let column = String(decoding: bytes[lineStart..<next], as: UTF8.self).unicodeScalars.count + 1
                        return (line, column, "expected a table name, found \(Self.describe(bytes, at: next))")
                    }
                }
                atLineStart = false
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if expectsValue, open.last == UInt8(ascii: "["), byte == UInt8(ascii: "}") {
                    let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                    return (line, column, "expected a value or ']', found '}'")
                }
                expectsValue = false
                _ = open.popLast()
                atLineStart = false
                index += 1
            default:
                if expectsValue, let time = Self.timeAfterDate(bytes, index), !(at(time).map(Bytes.isDigit) ?? true) {
                    let column = String(decoding: bytes[lineStart..<time], as: UTF8.self).unicodeScalars.count + 1
                    return (
                        line, column, "expected a time after '\(UnicodeScalar(bytes[time - 1]))', found \(Self.describe(bytes, at: time))"
                    )
                }
                if expectsValue, let time = Self.timeAfterDateAndSpace(bytes, index),
                    !(at(time + 1).map(Bytes.isDigit) ?? false && at(time + 2) == UInt8(ascii: ":"))
                {
                    let column = String(decoding: bytes[lineStart..<time], as: UTF8.self).unicodeScalars.count + 1
                    return (line, column, "expected a time (HH:MM:SS) after the date and the space")
                }
                atLineStart = false
                expectsValue = false
                index += 1
            }
        }
        return nil
    }

    /// Where the time of a date-time starting at `start` (`YYYY-MM-DDT`, or `t`) must begin.
    private static func timeAfterDate(_ bytes: [UInt8], _ start: Int) -> Int? {
        let shape = Array("0000-00-00T".utf8)
        guard start + shape.count <= bytes.count else { return nil }
        for (offset, expected) in shape.enumerated() {
            let byte = bytes[start + offset]
            switch expected {
            case UInt8(ascii: "0"): guard Bytes.isDigit(byte) else { return nil }
            case UInt8(ascii: "T"): guard byte | 0x20 == UInt8(ascii: "t") else { return nil }
            default: guard byte == expected else { return nil }
            }
        }
        return start + shape.count
    }

    /// Where the time of `D???-??-?? H…` begins, when toml++ takes such a value for a date-time
    /// with a space before its time: ten characters shaped like a date (a digit first, dashes at
    /// the fifth and eighth; toml++ looks no closer, and counts characters, not bytes), a space,
    /// then a digit. Valid TOML has a whole `HH:MM:SS` there.
    private static func timeAfterDateAndSpace(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start < bytes.count, Bytes.isDigit(bytes[start]) else { return nil }
        let scalars = Array(String(decoding: bytes[start...].prefix(48), as: UTF8.self).unicodeScalars.prefix(12))
        guard scalars.count == 12, scalars[4] == "-", scalars[7] == "-",
            scalars[..<10].allSatisfy({ !$0.isASCII || !Bytes.isBlankOrLineBreak(UInt8($0.value)) }),
            scalars[10] == " ", scalars[11].isASCII, Bytes.isDigit(UInt8(scalars[11].value))
        else { return nil }
        // Back to bytes (the text is a Swift string: valid UTF-8, each scalar its own width).
        return start + scalars[..<11].reduce(0) { $0 + UTF8.width($1) }
    }

    /// A bare-key character, a quote, or the `]` toml++ reports as an empty name.
    private static func startsKeyOrEndsHeader(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }

    /// The character at `offset`, quoted, or a name for a line break.
    private static func describe(_ bytes: [UInt8], at offset: Int) -> String {
        switch bytes[offset] {
        case 0x0A, 0x0D: return "the end of the line"
        default:
            let scalar = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
            return "'\(scalar.escaped(asASCII: TOMLTableReader.isLineBreakingOrInvisible(scalar)))'"
        }
    }
}
