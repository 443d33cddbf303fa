/// A configuration file that cannot be used: a TOML syntax error, an unknown table or key, a value
/// of the wrong type or out of range. `description` is one line: `<file>: <message>`.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The file's display name, as given to `Configuration.parse`.
    public var file: String
    /// The dotted key at fault (`changelog.link-style`, `sections."Bug Fixes"`); nil for syntax errors.
    public var key: String?
    /// What is wrong and what was expected, without the file name.
    public var message: String

    /// Line breaks and control characters in `message` are escaped: it quotes text from the file
    /// (keys, values, regular expressions), and the error must stay one line.
    public init(file: String, key: String?, message: String) {
        self.file = file
        self.key = key
        self.message = Self.escapingLineBreaks(message)
    }

    public var description: String { "\(Self.escapingLineBreaks(file)): \(message)" }

    static func escapingLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: TOMLTableReader.isLineBreakingOrInvisible) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if TOMLTableReader.isLineBreakingOrInvisible(scalar) {
                escaped += scalar.escaped(asASCII: true)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
