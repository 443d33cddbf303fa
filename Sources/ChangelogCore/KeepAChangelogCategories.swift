/// Which commit types go to which keepachangelog.com category (`[keep-a-changelog]` in the
/// configuration: `Changed = ["perf", "refactor"]`).
///
/// A listed commit whose type no category names goes under Changed, so nothing the release lists
/// is lost; which types are listed at all is `[sections]`'s choice, as in every style.
public struct KeepAChangelogCategories: Sendable, Equatable {
    /// The categories in keepachangelog.com's order.
    public static let titles = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
    /// Where types no category names go.
    public static let fallback = 1

    private var categoryByType: [String: Int]

    /// feat: Added; fix: Fixed; perf, revert: Changed; deprecate: Deprecated; remove: Removed;
    /// security: Security.
    public static let standard = KeepAChangelogCategories(categoryByType: [
        "feat": 0, "perf": 1, "revert": 1, "deprecate": 2, "remove": 3, "fix": 4, "security": 5,
    ])

    /// The defaults with configured lists on top: a type named by a configured category moves there.
    /// - Returns: a failure naming the first title that is not a category.
    public func adding(_ configured: [SectionAliases]) -> Result<KeepAChangelogCategories, UnknownCategory> {
        var result = self
        for entry in configured {
            guard let index = Self.titles.firstIndex(where: { $0.lowercased() == entry.title.lowercased() }) else {
                return .failure(UnknownCategory(title: entry.title))
            }
            for type in entry.aliases { result.categoryByType[type.lowercased()] = index }
        }
        return .success(result)
    }

    /// The index in `titles` of the category for `type`.
    public func category(forType type: String) -> Int {
        categoryByType[type.lowercased()] ?? Self.fallback
    }

    /// A configured title that is not one of keepachangelog.com's categories.
    public struct UnknownCategory: Error, Equatable {
        public var title: String
    }
}
