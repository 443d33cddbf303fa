/// `next --format json`: docs/contract.md's object, the versions and the commits that drive the bump.
public struct NextVersionDocument: Sendable, Equatable {
    /// The latest release; nil before the first one.
    public var current: SemanticVersion?
    public var currentTag: String?
    /// nil when nothing warrants a release.
    public var next: SemanticVersion?
    public var nextTag: String?
    /// `major`, `minor`, `patch`, `prerelease` or `none`.
    public var bump: String
    /// The commits that decide the bump; those that do not parse as Conventional Commits are left out.
    public var drivers: [ParsedCommit]

    public init(
        current: SemanticVersion?, currentTag: String?, next: SemanticVersion?, nextTag: String?,
        bump: String, drivers: [ParsedCommit]
    ) {
        self.current = current
        self.currentTag = currentTag
        self.next = next
        self.nextTag = nextTag
        self.bump = bump
        self.drivers = drivers
    }

    public func rendered() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("current", current?.description)
        writer.field("currentTag", currentTag)
        writer.field("next", next?.description)
        writer.field("nextTag", nextTag)
        writer.field("bump", bump)
        Self.write(drivers: drivers, to: &writer)
        writer.endObject()
        return writer.flush()
    }

    /// `"commits": [...]`, the commits that drive a bump, as `next` and `status` list them.
    static func write(drivers: [ParsedCommit], to writer: inout JSONWriter) {
        writer.key("commits")
        writer.beginArray()
        for driver in drivers {
            guard let entry = driver.entry else { continue }
            writer.beginObject()
            writer.field("id", driver.commit.id.hex)
            writer.field("type", entry.type)
            writer.field("scope", entry.scope)
            writer.field("subject", entry.subject)
            writer.field("breaking", entry.isBreaking)
            writer.endObject()
        }
        writer.endArray()
    }
}
