/// The people, words and mix of commit messages every shape of `SyntheticHistory` draws from.
/// The order of draws from the generator is part of the output: changing it changes every id.
enum SyntheticText {
    static let people = [
        ("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"),
        ("Zoë Ångström", "zoe@example.org"), ("李雷", "lilei@example.cn"), ("Linus", "linus@example.com"),
    ]
    static let scopes = ["parser", "api", "cli", "core", "ui", "export", "i18n", "docs", nil, nil, nil]
    static let words = ["cache", "token", "stream", "index", "window", "buffer", "queue", "report", "query", "label", "widget", "hook"]

    static func message(for kind: SyntheticHistory.Kind, number: Int, random: inout SplitMix64) -> [UInt8] {
        let scope = scopes[Int(random.next() % UInt64(scopes.count))]
        let subject =
            "\(["add", "fix", "speed up", "handle", "remove", "rename"][Int(random.next() % 6)]) the \(words[Int(random.next() % UInt64(words.count))]) \(number)"
        var header: String
        switch kind {
        case .feat: header = "feat"
        case .fix: header = "fix"
        case .perf: header = "perf"
        case .breaking: header = random.next() % 2 == 0 ? "feat" : "refactor"
        case .other: header = ["docs", "chore", "refactor", "test", "ci", "build", "style"][Int(random.next() % 7)]
        case .nonConventional, .merge: header = ""
        }
        if kind == .nonConventional {
            header = ["Update \(words[number % words.count])", "WIP", "misc fixes \(number)", "Bump version"][Int(random.next() % 4)]
        } else {
            if let scope { header += "(\(scope))" }
            if kind == .breaking && random.next() % 2 == 0 { header += "!" }
            header += ": " + subject
        }
        var text = Array(header.utf8)
        let roll = random.next() % 100
        if roll < 25 {
            text += Array(
                "\n\nThis change touches the \(words[number % words.count]) code path.\nIt keeps the old behaviour behind a flag.".utf8)
        }
        if roll < 8 {
            text += Array("\n\nA second paragraph: naïve café — 日本語のテキスト 🚀.".utf8)
        }
        if roll == 99 {
            text += Array("\n\nLatin-1 body: caf".utf8) + [0xE9] + Array(" (not UTF-8)".utf8)
        }
        var footers: [String] = []
        if kind == .breaking && !header.contains("!") || (kind == .breaking && roll % 2 == 0) {
            footers.append("BREAKING CHANGE: the \(words[number % words.count]) API changed")
        }
        if roll % 5 == 0 { footers.append("Closes #\(number % 997 + 1)") }
        if roll % 7 == 0 { footers.append("Reviewed-by: \(people[number % people.count].0)") }
        if !footers.isEmpty { text += Array(("\n\n" + footers.joined(separator: "\n")).utf8) }
        return text + [0x0A]
    }

    static func pickKind(random: inout SplitMix64) -> SyntheticHistory.Kind {
        let roll = random.next() % 100
        switch roll {
        case 0..<35: return .feat
        case 35..<65: return .fix
        case 65..<77: return .perf
        case 77..<80: return .breaking
        case 80..<90: return .other
        default: return .nonConventional
        }
    }
}
