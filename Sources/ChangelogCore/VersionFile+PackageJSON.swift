/// package.json: the `"version"` member of the top-level object.
///
/// A byte scanner tracks nesting and string escapes, so `"version"` members of `dependencies`,
/// `engines` or `publishConfig` objects, and `"version"` inside string values, are never touched.
/// It checks only as much of JSON as it needs (balanced brackets, terminated strings), which is
/// enough to refuse a file that is cut short or not an object.
enum PackageJSONLocator {
    private struct Member {
        var value: Range<Int>?
        var line: Int
    }

    static func locate(in bytes: [UInt8], path: String) throws(VersionFileError) -> Range<Int> {
        let members = try members(named: "version", in: bytes, path: path)
        guard let member = members.first else {
            throw VersionFileError(
                path: path,
                message: "no top-level \"version\" member; add \"version\": \"1.2.3\" to the top-level object, "
                    + "or list the file as '\(path):<regex>'")
        }
        guard members.count == 1 else {
            let lines = members.map { String($0.line) }.joined(separator: ", ")
            throw VersionFileError(
                path: path,
                message: "\(members.count) top-level \"version\" members (lines \(lines)) where one is expected; keep one")
        }
        guard let value = member.value else {
            throw VersionFileError(
                path: path,
                message: "the top-level \"version\" member (line \(member.line)) is not a string; write \"version\": \"1.2.3\"")
        }
        return value
    }

    /// The top-level object's string value named `name` (package.json's `name`), the first when
    /// several are; nil when there is none or the file is not valid enough to find one.
    static func topLevelString(_ name: String, in bytes: [UInt8]) -> String? {
        guard let value = (try? members(named: name, in: bytes, path: ""))?.first?.value else { return nil }
        return String(decoding: bytes[value], as: UTF8.self)
    }

    /// The top-level object's members named `name`, in file order.
    private static func members(named name: String, in b: [UInt8], path: String) throws(VersionFileError) -> [Member] {
        func invalid(_ what: String, at offset: Int) -> VersionFileError {
            VersionFileError(
                path: path,
                message: "not valid JSON: \(what) (line \(VersionFile.line(of: offset, in: b))); fix the file first")
        }

        var i = VersionFile.contentStart(b)
        while i < b.count, Bytes.isBlankOrLineBreak(b[i]) { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "{") else {
            throw invalid(i < b.count ? "the top level is not an object" : "the file is empty", at: i)
        }

        var members: [Member] = []
        var depth = 0
        // In the top-level object, the next string is a member name (after `{` or `,`).
        var expectName = false
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                let start = i + 1
                guard let end = endOfString(b, from: start) else { throw invalid("a string is not terminated", at: i) }
                i = end + 1
                guard depth == 1, expectName else { continue }
                expectName = false
                while i < b.count, Bytes.isBlankOrLineBreak(b[i]) { i += 1 }
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw invalid("a member name without ':'", at: i) }
                guard b[start..<end].elementsEqual(name.utf8) else { continue }
                i += 1
                while i < b.count, Bytes.isBlankOrLineBreak(b[i]) { i += 1 }
                let line = VersionFile.line(of: start, in: b)
                if i < b.count, b[i] == UInt8(ascii: "\"") {
                    guard let valueEnd = endOfString(b, from: i + 1) else {
                        throw invalid("a string is not terminated", at: i)
                    }
                    members.append(Member(value: (i + 1)..<valueEnd, line: line))
                    i = valueEnd + 1
                } else {
                    members.append(Member(value: nil, line: line))
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectName = depth == 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
                if depth == 0 {
                    while i < b.count, Bytes.isBlankOrLineBreak(b[i]) { i += 1 }
                    guard i == b.count else { throw invalid("more content after the top-level object", at: i) }
                    return members
                }
            case UInt8(ascii: ","):
                expectName = depth == 1
                i += 1
            default:
                i += 1
            }
        }
        throw invalid("the top-level object is not closed", at: b.count)
    }

    /// The index of the closing quote of the string whose content starts at `start` (also used by
    /// `PackageJSONDependencies`, which walks the same bytes).
    static func endOfString(_ b: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i
            case 0x0A: return nil
            default: i += 1
            }
        }
        return nil
    }
}
