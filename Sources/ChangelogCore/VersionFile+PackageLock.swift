/// package-lock.json (lockfileVersion 1, 2 and 3): the top-level `"version"` and, from version 2 on,
/// `packages[""].version` (the root package's own entry) take the version a release writes into
/// package.json, so `npm ci` keeps working. Nothing else changes, byte for byte.
///
/// The file is read with a complete JSON parser (not a scanner, as for package.json: a lock file is
/// machine-written and its shape is checked), and the edited file is parsed again and must hold the
/// new version at the same places.
public enum PackageLock {
    private struct Located {
        var lockfileVersion: Int?
        var version: Range<Int>?
        /// `packages[""].version`.
        var rootVersion: Range<Int>?
    }

    /// `bytes` with both versions set to `version`, and the top-level version it had.
    public static func updating(
        _ bytes: [UInt8], path: String, to version: SemanticVersion
    ) throws(VersionFileError) -> (bytes: [UInt8], previous: String) {
        let located = try locate(bytes, path: path)
        var ranges = [located.version].compactMap { $0 }
        if let root = located.rootVersion { ranges.append(root) }
        let previous = String(decoding: bytes[ranges[0]], as: UTF8.self)
        let new = Array(version.description.utf8)
        var result = bytes
        for range in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            result.replaceSubrange(range, with: new)
        }
        // Read back: the same members, the new version in each, at the offsets the edit implies.
        let readBack: Located
        do {
            readBack = try locate(result, path: path)
        } catch {
            throw VersionFileError(path: path, message: "after writing \(version) the file no longer reads: \(error.message)")
        }
        let shift = { (range: Range<Int>) in
            range.lowerBound + ranges.filter { $0.lowerBound < range.lowerBound }.reduce(0) { $0 + new.count - $1.count }
        }
        for (before, after) in zip([located.version, located.rootVersion], [readBack.version, readBack.rootVersion]) {
            guard let before else { continue }
            guard let after, after.lowerBound == shift(before), result[after].elementsEqual(new) else {
                throw VersionFileError(
                    path: path, message: "after writing \(version) the versions read back differently; update it with npm instead")
            }
        }
        return (result, previous)
    }

    private static func locate(_ bytes: [UInt8], path: String) throws(VersionFileError) -> Located {
        var parser = Parser(b: bytes, i: VersionFile.contentStart(bytes), path: path)
        var located = Located()
        try parser.document(into: &located)
        let fix = "run npm install to rewrite it and commit it, then release"
        guard let format = located.lockfileVersion, (1...3).contains(format) else {
            throw VersionFileError(
                path: path,
                message: "no lockfileVersion 1, 2 or 3 at the top level; this tool edits only those package-lock.json formats")
        }
        guard located.version != nil else {
            throw VersionFileError(path: path, message: "no top-level \"version\" string; \(fix)")
        }
        if format >= 2 {
            guard located.rootVersion != nil else {
                throw VersionFileError(path: path, message: "no \"version\" string in packages[\"\"] (lockfileVersion \(format)); \(fix)")
            }
        }
        return located
    }

    /// A strict JSON parser that records the members a release edits.
    private struct Parser {
        let b: [UInt8]
        var i: Int
        let path: String
        var depth = 0

        func invalid(_ what: String) -> VersionFileError {
            VersionFileError(
                path: path,
                message: "not valid JSON: \(what) (line \(VersionFile.line(of: i, in: b))); fix the file first")
        }

        mutating func document(into located: inout Located) throws(VersionFileError) {
            skipBlanks()
            guard i < b.count, b[i] == UInt8(ascii: "{") else {
                throw invalid(i < b.count ? "the top level is not an object" : "the file is empty")
            }
            try value(at: [], into: &located)
            skipBlanks()
            guard i == b.count else { throw invalid("more content after the top-level object") }
        }

        /// One value; `at` is its member path while it leads to one the release cares about.
        mutating func value(at keys: [String]?, into located: inout Located) throws(VersionFileError) {
            skipBlanks()
            guard i < b.count else { throw invalid("the file ends inside a value") }
            switch b[i] {
            case UInt8(ascii: "{"):
                depth += 1
                guard depth < 1000 else { throw invalid("nested too deeply") }
                i += 1
                var seen: Set<String> = []
                skipBlanks()
                if i < b.count, b[i] == UInt8(ascii: "}") {
                    i += 1
                } else {
                    while true {
                        skipBlanks()
                        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw invalid("a member name is expected") }
                        // Only the objects on the way to the edited members need their names decoded.
                        let track = keys.map { $0.isEmpty || $0 == ["packages"] || $0 == ["packages", ""] } ?? false
                        let name = try string(decoding: track)
                        var tracked: [String]?
                        if track, let keys {
                            let key = String(decoding: name.decoded, as: UTF8.self)
                            guard seen.insert(key).inserted else { throw invalid("the member \"\(key)\" appears twice") }
                            tracked = keys + [key]
                        }
                        skipBlanks()
                        guard i < b.count, b[i] == UInt8(ascii: ":") else { throw invalid("a member name without ':'") }
                        i += 1
                        try member(tracked, into: &located)
                        skipBlanks()
                        guard i < b.count else { throw invalid("the file ends inside an object") }
                        if b[i] == UInt8(ascii: ",") {
                            i += 1
                            continue
                        }
                        guard b[i] == UInt8(ascii: "}") else { throw invalid("',' or '}' is expected") }
                        i += 1
                        break
                    }
                }
                depth -= 1
            case UInt8(ascii: "["):
                depth += 1
                guard depth < 1000 else { throw invalid("nested too deeply") }
                i += 1
                skipBlanks()
                if i < b.count, b[i] == UInt8(ascii: "]") {
                    i += 1
                } else {
                    while true {
                        try value(at: nil, into: &located)
                        skipBlanks()
                        guard i < b.count else { throw invalid("the file ends inside an array") }
                        if b[i] == UInt8(ascii: ",") {
                            i += 1
                            continue
                        }
                        guard b[i] == UInt8(ascii: "]") else { throw invalid("',' or ']' is expected") }
                        i += 1
                        break
                    }
                }
                depth -= 1
            case UInt8(ascii: "\""):
                _ = try string()
            default:
                try scalar()
            }
        }

        /// A member's value, recorded when it is one of those a release reads or edits.
        mutating func member(_ keys: [String]?, into located: inout Located) throws(VersionFileError) {
            skipBlanks()
            let start = i
            let isString = i < b.count && b[i] == UInt8(ascii: "\"")
            switch keys {
            case ["version"]?, ["packages", "", "version"]?:
                guard isString else { throw VersionFileError(path: path, message: "\(describe(keys!)) is not a string; \(Self.fix)") }
                let content = try string()
                guard content.escaped == false else {
                    throw VersionFileError(path: path, message: "\(describe(keys!)) is written with escapes; \(Self.fix)")
                }
                if keys! == ["version"] { located.version = content.range } else { located.rootVersion = content.range }
            case ["lockfileVersion"]?:
                try value(at: nil, into: &located)
                located.lockfileVersion = Int(String(decoding: b[start..<i], as: UTF8.self)) ?? -1
            default:
                try value(at: keys, into: &located)
            }
        }

        static let fix = "run npm install to rewrite it and commit it, then release"

        func describe(_ keys: [String]) -> String {
            keys == ["version"] ? "the top-level \"version\"" : "packages[\"\"].version"
        }

        /// A string starting at `i`: its content range, whether it has escapes, and its bytes decoded
        /// (only with `decoding`, apart from escapes).
        mutating func string(decoding: Bool = false) throws(VersionFileError)
            -> (range: Range<Int>, escaped: Bool, decoded: [UInt8])
        {
            i += 1
            let start = i
            var decoded: [UInt8] = []
            var escaped = false
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return (start..<(i - 1), escaped, decoded)
                }
                guard c >= 0x20 else { throw invalid("a control character in a string") }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    guard i + 1 < b.count else { break }
                    let e = b[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(e)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= b.count, let unit = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                            throw invalid("a bad \\u escape")
                        }
                        i += 4
                        // Surrogates only matter for comparing names; an unpaired one becomes U+FFFD.
                        decoded += Array(String(Unicode.Scalar(unit).map(Character.init) ?? "\u{FFFD}").utf8)
                    default:
                        throw invalid("a bad escape")
                    }
                } else {
                    if decoding { decoded.append(c) }
                    i += 1
                }
            }
            throw invalid("a string is not terminated")
        }

        /// A number, `true`, `false` or `null`.
        mutating func scalar() throws(VersionFileError) {
            for word in ["true", "false", "null"] where b[i...].starts(with: word.utf8) {
                i += word.utf8.count
                return
            }
            let start = i
            if b[i] == UInt8(ascii: "-") { i += 1 }
            let digits = { (b: [UInt8], i: inout Int) -> Int in
                let from = i
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
                return i - from
            }
            guard digits(b, &i) > 0 else {
                i = start
                throw invalid("a value is expected")
            }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(b, &i) > 0 else { throw invalid("a digit is expected") }
            }
            if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(b, &i) > 0 else { throw invalid("a digit is expected") }
            }
        }

        mutating func skipBlanks() {
            while i < b.count, Bytes.isBlankOrLineBreak(b[i]) { i += 1 }
        }
    }
}
