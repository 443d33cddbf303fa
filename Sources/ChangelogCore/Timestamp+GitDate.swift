extension Timestamp {
    /// Parses a date as git accepts it in `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE`: git's internal
    /// form (`@1795219200 +0100` or `1795219200 +0100`), ISO 8601 (`2026-11-20T12:00:00Z`,
    /// `2026-11-20 12:00:00 +01:00`) and RFC 2822 (`Fri, 20 Nov 2026 12:00:00 +0100`).
    /// A date without an offset is read in `defaultOffsetMinutes`, as git reads it in local time.
    public init?(gitDate text: String, defaultOffsetMinutes: Int = 0) {
        let trimmed = text.trimmingBlankLines().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !trimmed.isEmpty else { return nil }
        // git's internal form.
        var first = trimmed[0]
        let marked = first.hasPrefix("@")
        if marked { first.removeFirst() }
        // Like git, a bare number is taken as seconds only when it is large enough not to be a year or a day.
        if let seconds = Int64(first), trimmed.count <= 2, marked || seconds >= 100_000_000 {
            let offset = trimmed.count == 2 ? Self.offset(trimmed[1]) : defaultOffsetMinutes
            guard let offset else { return nil }
            self.init(secondsSince1970: seconds, offsetMinutes: offset)
            return
        }
        if let parsed = Self.iso8601(trimmed, defaultOffset: defaultOffsetMinutes)
            ?? Self.rfc2822(trimmed, defaultOffset: defaultOffsetMinutes)
            ?? Self.gitLog(trimmed, defaultOffset: defaultOffsetMinutes)
        {
            self = parsed
            return
        }
        return nil
    }

    private static func iso8601(_ words: [String], defaultOffset: Int) -> Timestamp? {
        var words = words
        if words.count == 1, let t = words[0].firstIndex(of: "T") {
            words = [String(words[0][..<t]), String(words[0][words[0].index(after: t)...])]
        }
        guard words.count == 2 || words.count == 3 else { return nil }
        let dateParts = words[0].split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard dateParts.count == 3, words[0].utf8.count == 10 else { return nil }
        var time = words[1]
        var offsetText: String? = words.count == 3 ? words[2] : nil
        if time.hasSuffix("Z") {
            time.removeLast()
            offsetText = "+0000"
        }
        if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            offsetText = String(time[sign...])
            time = String(time[..<sign])
        }
        if let dot = time.firstIndex(of: ".") { time = String(time[..<dot]) }
        guard let clock = clock(time) else { return nil }
        let offset = offsetText.map(Self.offset) ?? defaultOffset
        guard let offset else { return nil }
        return make(year: dateParts[0], month: dateParts[1], day: dateParts[2], clock: clock, offset: offset)
    }

    private static func rfc2822(_ words: [String], defaultOffset: Int) -> Timestamp? {
        var words = words
        if let first = words.first, first.hasSuffix(",") { words.removeFirst() }
        guard words.count == 4 || words.count == 5, let day = Int(words[0]), let year = Int(words[2]),
            let month = months.firstIndex(of: words[1].lowercased().prefix(3).description),
            let clock = clock(words[3])
        else { return nil }
        let offset = words.count == 5 ? Self.offset(words[4]) : defaultOffset
        guard let offset else { return nil }
        return make(year: year, month: month + 1, day: day, clock: clock, offset: offset)
    }

    /// git's own default format, as `git log` prints it: `Fri Nov 20 12:00:00 2026 +0100`.
    private static func gitLog(_ words: [String], defaultOffset: Int) -> Timestamp? {
        guard words.count == 5 || words.count == 6,
            let month = months.firstIndex(of: words[1].lowercased().prefix(3).description),
            let day = Int(words[2]), let clock = clock(words[3]), let year = Int(words[4])
        else { return nil }
        let offset = words.count == 6 ? Self.offset(words[5]) : defaultOffset
        guard let offset else { return nil }
        return make(year: year, month: month + 1, day: day, clock: clock, offset: offset)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func clock(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let (h, m, s) = (parts[0]!, parts[1]!, parts.count == 3 ? parts[2]! : 0)
        guard (0..<24).contains(h), (0..<60).contains(m), (0...60).contains(s) else { return nil }
        return (h, m, s)
    }

    /// `+0100`, `-05:30`, `+01`.
    private static func offset(_ text: String) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isASCII), digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
        let minutes = digits.count == 4 ? value / 100 * 60 + value % 100 : value * 60
        guard minutes <= 14 * 60 else { return nil }
        return sign == "-" ? -minutes : minutes
    }

    private static func make(year: Int, month: Int, day: Int, clock: (Int, Int, Int), offset: Int) -> Timestamp? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Howard Hinnant's days-from-civil, the inverse of `civil`.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let local = days * 86_400 + Int64(clock.0 * 3_600 + clock.1 * 60 + clock.2)
        return Timestamp(secondsSince1970: local - Int64(offset) * 60, offsetMinutes: offset)
    }
}
