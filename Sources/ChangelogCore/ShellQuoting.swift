/// Words for commands the tool prints for the user to paste into a POSIX shell (`git push … origin
/// <branch>`, a signing hint): a branch or key named `a b; rm -rf ~` must reach the command as one
/// argument, never as shell syntax.
public enum ShellQuoting {
    /// `word` as the shell reads it back: bare when every byte is one the shell never interprets,
    /// else in single quotes, where nothing is special but the quote itself (`'\''` closes, escapes
    /// and reopens).
    public static func quote(_ word: String) -> String {
        if word.utf8.first.map({ $0 != UInt8(ascii: "=") }) ?? false, word.utf8.allSatisfy(isSafe) { return word }
        var quoted = "'"
        for character in word.unicodeScalars {
            if character == "'" { quoted += "'\\''" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "'"
    }

    /// A command line of words, each quoted on its own.
    public static func command(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    /// Letters, digits and `@%+=:,./_-`: none starts a comment, expands, globs or splits a word
    /// (`=` only at a word's start, where zsh expands it, hence the check in `quote`).
    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ":"),
            UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
