/// `changelog status`: one line (or one JSON object) per package of a monorepo.
public struct StatusDocument: Sendable, Equatable {
    public struct Package: Sendable, Equatable {
        public var name: String
        public var current: SemanticVersion?
        public var currentTag: String?
        /// nil when nothing since `current` warrants a release.
        public var next: SemanticVersion?
        public var nextTag: String?
        /// `major`, `minor`, `patch`, `prerelease` or `none`; `dependency` when only the release of a
        /// package it depends on (`dependencies`) releases it.
        public var bump: String
        /// Commits of the package since `current`.
        public var pending: Int
        /// The commits that decide the bump.
        public var drivers: [ParsedCommit]
        /// For a `dependency` bump, the releases that cause it: `api 1.4.0`.
        public var dependencies: [String] = []

        public init(
            name: String, current: SemanticVersion?, currentTag: String?, next: SemanticVersion?, nextTag: String?,
            bump: String, pending: Int, drivers: [ParsedCommit]
        ) {
            self.name = name
            self.current = current
            self.currentTag = currentTag
            self.next = next
            self.nextTag = nextTag
            self.bump = bump
            self.pending = pending
            self.drivers = drivers
        }
    }

    public var packages: [Package]

    public init(packages: [Package]) {
        self.packages = packages
    }

    /// `{"packages": [{"name", "current", "currentTag", "next", "nextTag", "bump", "pending",
    /// "commits": [{"id", "type", "scope", "subject", "breaking"}]}]}`.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("packages")
        writer.beginArray()
        for package in packages {
            writer.beginObject()
            writer.field("name", package.name)
            writer.field("current", package.current?.description)
            writer.field("currentTag", package.currentTag)
            writer.field("next", package.next?.description)
            writer.field("nextTag", package.nextTag)
            writer.field("bump", package.bump)
            writer.field("pending", package.pending)
            NextVersionDocument.write(drivers: package.drivers, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.flush()
    }

    /// Aligned columns: package, current version, next version, pending commits, the bump and the
    /// first commit that drives it.
    public func text() -> String {
        let rows = packages.map { package -> [String] in
            let pending = package.pending == 1 ? "1 commit" : "\(package.pending) commits"
            let driver =
                package.drivers.first.map { " (\($0.commit.shortID) \($0.commit.subjectLine))" }
                ?? (package.dependencies.isEmpty ? "" : " (\(package.dependencies.joined(separator: ", ")))")
            return [
                package.name, package.current?.description ?? "-", package.next.map { "-> \($0)" } ?? "-> -", pending,
                package.bump + driver,
            ]
        }
        guard !rows.isEmpty else { return "" }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<4).map { row[$0].padding(to: widths[$0]) }.joined(separator: "  ") + "  " + row[4]
        }.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
