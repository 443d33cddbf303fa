// The cleaned message as UTF-8 bytes split into lines: the one representation every part of
// the parser works on. Scanning bytes (rather than Characters) keeps the parser fast; every byte
// offset it produces falls on an ASCII byte or on a whole scalar, so slices always decode cleanly.

/// A message after `CommitMessageParser.clean`: LF line breaks, no trailing whitespace on any line,
/// comments dropped when asked, no leading or trailing blank lines. Line `i` is line `i + 1` of the
/// diagnostics.
struct MessageText {
    /// The cleaned text: `lines` joined with `\n`.
    let bytes: [UInt8]
    /// Byte ranges of the lines in `bytes`, without their `\n`. A blank line is an empty range
    /// (whitespace-only lines become empty when trailing whitespace is removed).
    let lines: [Range<Int>]

    init(_ message: String, stripComments: Bool) {
        let built = message.utf8.withContiguousStorageIfAvailable { Self.build(from: $0, stripComments: stripComments) }
            ?? Array(message.utf8).withUnsafeBufferPointer { Self.build(from: $0, stripComments: stripComments) }
        bytes = built.bytes
        lines = built.lines
    }

    /// An arbitrary byte buffer that is already clean (used to parse text taken from a header).
    init(cleanBytes: [UInt8]) {
        bytes = cleanBytes
        lines = [0..<cleanBytes.count]
    }

    var isEmpty: Bool { lines.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    func isBlank(_ line: Int) -> Bool { lines[line].isEmpty }

    /// 1-based column, in Characters, of `offset` within `line`.
    func column(_ offset: Int, inLine line: Int) -> Int {
        let start = lines[line].lowerBound
        guard offset > start else { return 1 }
        return String(decoding: bytes[start..<min(offset, lines[line].upperBound)], as: UTF8.self).count + 1
    }

    func hasPrefix(_ prefix: StaticString, line: Int) -> Bool {
        Bytes.hasPrefix(bytes, lines[line].lowerBound, lines[line].upperBound, prefix)
    }

    // MARK: Cleaning

    private static let scissors: StaticString = "# ------------------------ >8 ------------------------"

    private static func build(
        from src: UnsafeBufferPointer<UInt8>, stripComments: Bool
    ) -> (bytes: [UInt8], lines: [Range<Int>]) {
        let n = src.count
        var raw: [Range<Int>] = []
        var i = 0
        var first = true
        while true {
            var j = i
            while j < n, src[j] != Bytes.lf, src[j] != Bytes.cr { j += 1 }
            var s = i
            var e = j
            // A byte-order mark some Windows editors put first.
            if first, e - s >= 3, src[s] == 0xEF, src[s + 1] == 0xBB, src[s + 2] == 0xBF { s += 3 }
            while e > s {
                let k = Bytes.trailingSpaceLength(src, s, e)
                if k == 0 { break }
                e -= k
            }
            var keep = true
            if stripComments, e > s, src[s] == Bytes.hash {
                if Bytes.equals(src, s, e, Self.scissors) { break }
                keep = false
            }
            if keep {
                raw.append(s..<e)
                if e > s { first = false }
            }
            if j >= n { break }
            i = (src[j] == Bytes.cr && j + 1 < n && src[j + 1] == Bytes.lf) ? j + 2 : j + 1
        }
        guard let firstLine = raw.firstIndex(where: { !$0.isEmpty }),
              let lastLine = raw.lastIndex(where: { !$0.isEmpty })
        else { return ([], []) }
        var bytes: [UInt8] = []
        var lines: [Range<Int>] = []
        var total = lastLine - firstLine
        for r in raw[firstLine...lastLine] { total += r.count }
        bytes.reserveCapacity(total)
        lines.reserveCapacity(lastLine - firstLine + 1)
        for k in firstLine...lastLine {
            if k > firstLine { bytes.append(Bytes.lf) }
            let start = bytes.count
            let r = raw[k]
            if !r.isEmpty { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[r])) }
            lines.append(start..<bytes.count)
        }
        return (bytes, lines)
    }
}

/// Byte-level helpers over UTF-8.
enum Bytes {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":")
    static let bang = UInt8(ascii: "!")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let quote = UInt8(ascii: "\"")
    static let dash = UInt8(ascii: "-")
    static let underscore = UInt8(ascii: "_")
    static let slash = UInt8(ascii: "/")

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66) }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// Length of the whitespace scalar that ends `src[s..<e]`, or 0. ASCII blanks, plus the Unicode
    /// spaces an editor or a paste can leave behind (NBSP, NEL, U+1680, U+2000–U+200B, U+2028,
    /// U+2029, U+202F, U+205F, U+3000, U+FEFF), so a message of "only whitespace" really is empty.
    @inline(__always)
    static func trailingSpaceLength<C: RandomAccessCollection>(_ src: C, _ s: Int, _ e: Int) -> Int
    where C.Element == UInt8, C.Index == Int {
        let b = src[e - 1]
        if b == space || b == tab || b == 0x0B || b == 0x0C { return 1 }
        if b < 0x80 { return 0 }
        if e - s >= 2, src[e - 2] == 0xC2, b == 0xA0 || b == 0x85 { return 2 }
        if e - s >= 3 {
            let b0 = src[e - 3]
            let b1 = src[e - 2]
            switch (b0, b1) {
            case (0xE2, 0x80) where (0x80...0x8B).contains(b) || b == 0xA8 || b == 0xA9 || b == 0xAF: return 3
            case (0xE2, 0x81) where b == 0x9F: return 3
            case (0xE3, 0x80) where b == 0x80: return 3
            case (0xE1, 0x9A) where b == 0x80: return 3
            case (0xEF, 0xBB) where b == 0xBF: return 3
            default: break
            }
        }
        return 0
    }

    static func hasPrefix<C: RandomAccessCollection>(
        _ src: C, _ s: Int, _ e: Int, _ prefix: StaticString, ignoringCase: Bool = false
    ) -> Bool where C.Element == UInt8, C.Index == Int {
        let count = prefix.utf8CodeUnitCount
        guard e - s >= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count {
            let a = src[s + k]
            let b = p[k]
            if ignoringCase ? lower(a) != lower(b) : a != b { return false }
        }
        return true
    }

    static func equals<C: RandomAccessCollection>(_ src: C, _ s: Int, _ e: Int, _ text: StaticString, ignoringCase: Bool = false) -> Bool
    where C.Element == UInt8, C.Index == Int {
        e - s == text.utf8CodeUnitCount && hasPrefix(src, s, e, text, ignoringCase: ignoringCase)
    }
}
