/// setup.py: `version="…"` (a keyword argument of `setup(...)`) or `__version__ = "…"` /
/// `version = "…"` (an assignment), with a quoted string literal.
///
/// A small tokenizer skips comments and string literals, so `version=` inside a docstring, a
/// `long_description`, a comment or `install_requires=["pkg>=2.0"]` is never taken for the version;
/// `version == "…"` (a comparison), `obj.version = …` (an attribute) and `python_version=` (another
/// name) are not candidates either. Exactly one candidate is expected: two are reported, not guessed.
enum SetupPyLocator {
    private struct Candidate {
        var name: String
        var content: Range<Int>
        var line: Int
    }

    static func locate(in bytes: [UInt8], path: String) throws(VersionFileError) -> Range<Int> {
        let candidates = self.candidates(in: bytes)
        guard let only = candidates.first else {
            throw VersionFileError(
                path: path,
                message: "no version=\"...\" argument to setup(...) and no __version__ = \"...\" or version = \"...\" "
                    + "assignment; write the version there as a string literal, or list the file that holds it "
                    + "as 'path:<regex>'")
        }
        guard candidates.count == 1 else {
            let places = candidates.map { "\($0.name) on line \($0.line)" }.joined(separator: ", ")
            throw VersionFileError(
                path: path,
                message: "\(candidates.count) version strings where one is expected (\(places)); keep one, "
                    + "or list the file as '\(path):<regex>' with a pattern that matches only the right one")
        }
        return only.content
    }

    private static func candidates(in b: [UInt8]) -> [Candidate] {
        var found: [Candidate] = []
        var line = 1
        var i = VersionFile.contentStart(b)
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                line += 1
                i += 1
            case UInt8(ascii: "#"):
                while i < b.count, b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let start = i
                i = endOfString(b, at: i)
                line += b[start..<i].count(where: { $0 == 0x0A })
            case _ where isIdentifierStart(c) || Bytes.isDigit(c):
                let start = i
                while i < b.count, isIdentifierStart(b[i]) || Bytes.isDigit(b[i]) { i += 1 }
                let name = b[start..<i]
                let isName = name.elementsEqual("version".utf8) || name.elementsEqual("__version__".utf8)
                guard isName, start == 0 || b[start - 1] != UInt8(ascii: "."),
                    let content = assignedString(b, after: i)
                else { continue }
                found.append(Candidate(name: String(decoding: name, as: UTF8.self), content: content, line: line))
                i = content.upperBound + 1
            default:
                i += 1
            }
        }
        return found
    }

    /// The content of `"…"` or `'…'` in ` = "…"` right after a name, on the same line.
    private static func assignedString(_ b: [UInt8], after name: Int) -> Range<Int>? {
        var i = name
        func skipBlanks() { while i < b.count, Bytes.isBlank(b[i]) { i += 1 } }
        skipBlanks()
        guard i < b.count, b[i] == UInt8(ascii: "="), i + 1 < b.count, b[i + 1] != UInt8(ascii: "=") else { return nil }
        i += 1
        skipBlanks()
        guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { return nil }
        let quote = b[i]
        // A triple-quoted version is no one's style; leave it to the tokenizer.
        guard !(i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote) else { return nil }
        let start = i + 1
        i = start
        while i < b.count, b[i] != quote {
            if b[i] == 0x0A || b[i] == 0x0D { return nil }
            i += b[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        return i < b.count ? start..<i : nil
    }

    /// The index after the string literal that opens at `start` (single or triple quoted).
    private static func endOfString(_ b: [UInt8], at start: Int) -> Int {
        let quote = b[start]
        let triple = start + 2 < b.count && b[start + 1] == quote && b[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < b.count {
            if b[i] == UInt8(ascii: "\\") {
                i += 2
            } else if triple {
                if b[i] == quote, i + 2 < b.count, b[i + 1] == quote, b[i + 2] == quote { return i + 3 }
                i += 1
            } else if b[i] == quote {
                return i + 1
            } else if b[i] == 0x0A {
                // An unterminated single-quoted string ends at the line.
                return i
            } else {
                i += 1
            }
        }
        return b.count
    }

    private static func isIdentifierStart(_ c: UInt8) -> Bool {
        c == Bytes.underscore || Bytes.isLetter(c) || c >= 0x80
    }

}
