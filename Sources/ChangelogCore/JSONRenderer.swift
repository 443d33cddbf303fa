/// Renders releases as docs/contract.md's `{"releases": [...]}` document, one release at a time.
public struct JSONRenderer {
    private var count = 0

    public init() {}

    public mutating func begin() -> String {
        Self.opening
    }

    public mutating func render(_ release: Release) -> String {
        defer { count += 1 }
        return Self.fragment(release, first: count == 0)
    }

    public mutating func end() -> String {
        Self.closing(empty: count == 0)
    }

    /// The document up to the releases array's opening bracket.
    public static let opening = "{\n  \"releases\": ["

    /// The document after the last release.
    public static func closing(empty: Bool) -> String {
        empty ? "]\n}\n" : "\n  ]\n}\n"
    }

    /// One release as an element of the releases array, with the comma that precedes every element
    /// but the first. Fragments do not depend on each other, so they can be rendered in parallel.
    public static func fragment(_ release: Release, first: Bool) -> String {
        var writer = JSONWriter(continuingInside: [true, !first])
        writer.beginObject()
        writer.field("version", release.version?.description)
        writer.field("tag", release.tag)
        writer.field("previousTag", release.previousTag)
        writer.field("date", release.date.day)
        writer.key("sections")
        writer.beginArray()
        for section in release.sections {
            writer.beginObject()
            writer.field("title", section.title)
            writer.key("commits")
            writer.beginArray()
            for entry in section.entries { Self.write(entry, to: &writer) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("contributors")
        writer.beginArray()
        for contributor in release.contributors {
            writer.beginObject()
            writer.field("name", contributor.name)
            writer.field("email", contributor.email)
            writer.field("firstTime", contributor.isFirstTime)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.flush()
    }

    /// A whole document at once, for small outputs and tests.
    public static func document(_ releases: [Release]) -> String {
        var renderer = JSONRenderer()
        var out = renderer.begin()
        for release in releases { out += renderer.render(release) }
        return out + renderer.end()
    }

    static func write(_ entry: Release.Entry, to writer: inout JSONWriter) {
        let commit = entry.commit, conventional = entry.conventional
        writer.beginObject()
        writer.field("id", commit.id.hex)
        writer.field("shortId", commit.shortID)
        // Only where a note corrected the message, so existing documents stay byte for byte.
        if commit.isAmended { writer.field("amended", true) }
        // A commit listed under `other` has no type: null says so rather than an empty string.
        writer.field("type", entry.isConventional ? conventional.type : nil)
        writer.field("scope", conventional.scope)
        writer.field("subject", conventional.subject)
        writer.field("body", conventional.body)
        writer.field("breaking", conventional.isBreaking)
        writer.field("breakingNote", conventional.breakingNote)
        writer.key("footers")
        writer.beginArray()
        for footer in conventional.footers {
            writer.beginObject()
            writer.field("token", footer.token)
            writer.field("value", footer.value)
            writer.endObject()
        }
        writer.endArray()
        writer.key("references")
        writer.beginArray()
        for reference in conventional.references {
            writer.beginObject()
            writer.field("action", reference.action)
            writer.field("issue", reference.issue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("author")
        writer.beginObject()
        writer.field("name", commit.author.name)
        writer.field("email", commit.author.email)
        writer.endObject()
        writer.field("date", commit.date.iso8601)
        if !entry.alsoIn.isEmpty {
            writer.key("alsoIn")
            writer.beginArray()
            for version in entry.alsoIn { writer.string(version.description) }
            writer.endArray()
        }
        writer.endObject()
    }
}
