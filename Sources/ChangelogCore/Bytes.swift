/// Byte-level helpers over UTF-8: the one set of ASCII classes every byte scanner in the module uses.
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
    /// What JSON and TOML skip between tokens.
    @inline(__always) static func isBlankOrLineBreak(_ b: UInt8) -> Bool { b == space || b == tab || b == lf || b == cr }
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
