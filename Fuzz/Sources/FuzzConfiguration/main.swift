import ChangelogCore
import FuzzSupport

// Any bytes as a configuration file; the first byte picks `.changelog.toml` or `.clog.toml`.
// `Configuration.parse` must return or throw its one-line `ConfigurationError` naming the file:
// never crash, hang or throw anything else (its typed `throws` checks the last at compile time).

runFuzzer { data, size in
    let input = bytes(data, size)
    guard let options = input.first else { return 0 }
    let text = String(decoding: input.dropFirst(), as: UTF8.self)
    let (file, flavor): (String, Configuration.Flavor) = options & 1 == 0 ? (".changelog.toml", .changelog) : (".clog.toml", .clog)
    do throws(ConfigurationError) {
        let configuration = try Configuration.parse(text, file: file, flavor: flavor)
        // A configuration that parsed parses the same way again.
        require((try? Configuration.parse(text, file: file, flavor: flavor)) == configuration, "parsing is not deterministic")
    } catch {
        require(error.file == file, "the error names '\(error.file)', not '\(file)'")
        require(!error.message.isEmpty, "an empty error message")
        let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        require(!error.description.unicodeScalars.contains(where: breaks.contains), "the error is not one line: \(error.description)")
    }
    return 0
}
