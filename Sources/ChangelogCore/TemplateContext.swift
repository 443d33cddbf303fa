import Mustache

/// What a template sees for one release: the release object of the `-T json` document, same keys,
/// plus the links and names the Markdown layout computes (docs/templates.md lists them all).
///
/// Dictionaries rather than structs: the renderer looks keys up in them directly, where a struct
/// would be reflected with `Mirror` on every lookup.
public enum TemplateContext {
    /// A JSON `null`: found, so the lookup does not continue into the enclosing objects (a
    /// reference without a link must not pick up its commit's `url`), and false in a section.
    struct Null: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    static func value(_ text: String?) -> Any { text.map { $0 as Any } ?? Null() }

    public static func release(_ release: Release, links: LinkContext, subtitle: String?) -> [String: Any] {
        let base = links.repositoryURL
        var compareURL: String?
        if let base, let previous = release.previousTag, let current = release.tag ?? release.head {
            compareURL = links.style.compare(base, from: previous, to: current)
        }
        return [
            "version": value(release.version?.description),
            "tag": value(release.tag),
            "previousTag": value(release.previousTag),
            "date": release.date,
            "sections": release.sections.map { section(section: $0, links: links) },
            "contributors": release.contributors.map { contributor in
                ["name": contributor.name, "email": contributor.email, "firstTime": contributor.isFirstTime] as [String: Any]
            },
            "name": release.version?.description ?? "Unreleased",
            "anchor": release.version?.description ?? "unreleased",
            "subtitle": value(subtitle.flatMap { $0.isEmpty ? nil : $0 }),
            "repository": value(base),
            "linkStyle": links.style.rawValue,
            "compareURL": value(compareURL),
        ]
    }

    static func section(section: Release.Section, links: LinkContext) -> [String: Any] {
        ["title": section.title, "breakingChanges": section.isBreaking, "commits": section.entries.map { commit($0, links: links) }]
    }

    static func commit(_ entry: Release.Entry, links: LinkContext) -> [String: Any] {
        let commit = entry.commit, conventional = entry.conventional
        return [
            "id": commit.id,
            "shortId": commit.shortID,
            "type": conventional.type,
            "scope": value(conventional.scope),
            "component": value(entry.component),
            "subject": collapsingSpaces(conventional.subject),
            "body": value(conventional.body),
            "breaking": conventional.isBreaking,
            "breakingNote": value(conventional.breakingNote),
            "footers": conventional.footers.map { ["token": $0.token, "value": $0.value] as [String: Any] },
            "references": conventional.references.map { reference in
                [
                    "action": reference.action, "issue": reference.issue,
                    "url": value(links.repositoryURL.flatMap { links.style.issue($0, reference) }),
                ] as [String: Any]
            },
            "author": ["name": commit.author.name, "email": commit.author.email] as [String: Any],
            "date": commit.date.iso8601,
            "alsoIn": entry.alsoIn.map(\.description),
            "url": value(links.repositoryURL.map { links.style.commit($0, commit.id) }),
            "indentedNote": value(
                conventional.isBreaking ? indented(conventional.breakingNote ?? collapsingSpaces(conventional.subject)) : nil),
        ]
    }

    /// What the built-in layout lists under a breaking change, each line indented by two spaces
    /// (blank lines left blank), so a multi-line note stays inside its list item.
    static func indented(_ note: String) -> String {
        note.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}
