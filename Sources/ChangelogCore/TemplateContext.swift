import Mustache

/// What a template sees for one release: the release object of the `-T json` document, same keys,
/// plus the links and names the Markdown layout computes (docs/templates.md lists them all).
///
/// Objects that answer a key when the renderer asks for it: nothing is built for keys a template
/// never reads, and a lookup is a `switch`, where a dictionary of boxed values would be built for
/// every commit and a struct would be reflected with `Mirror` on every lookup.
///
/// swift-mustache casts every object it meets to several protocols (about ten casts a `{{name}}`),
/// and that is most of a render's time: the objects are one-word structs (a failed cast of a class
/// also walks its superclasses; a larger struct is boxed whenever it becomes `Any`), each over a
/// class that computes a value once however often the template asks.
enum TemplateContext {
    /// A JSON `null`: found, so the lookup does not continue into the enclosing objects (a
    /// reference without a link must not pick up its commit's `url`), and false in a section.
    struct Null: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    /// A string as the renderer takes it fastest: found to be renderable by its first cast, where
    /// a plain `String` goes through several failing casts and `String(describing:)`; a section
    /// it opens answers lookups at once, where a `String` would be reflected with `Mirror`.
    struct Text: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible {
        let value: String
        init(_ value: String) { self.value = value }
        var renderText: String { value }
        var isNull: Bool { false }
        var description: String { value }
        func child(named: String) -> Any? { nil }
        func transform(_ name: String) -> Any? { value.transform(name) }
    }

    static func value(_ text: String?) -> Any { text.map { Text($0) as Any } ?? Null() }
    static func value(_ text: String) -> Any { Text(text) }

    static func release(_ release: Release, links: LinkContext, subtitle: String?) -> ReleaseObject {
        ReleaseObject(ReleaseStorage(release: release, links: links, subtitle: subtitle.flatMap { $0.isEmpty ? nil : $0 }))
    }

    struct ReleaseObject: MustacheParent {
        let storage: ReleaseStorage
        init(_ storage: ReleaseStorage) { self.storage = storage }
        func child(named name: String) -> Any? { storage.child(named: name) }
    }

    final class ReleaseStorage {
        let release: Release
        let links: LinkContext
        let subtitle: String?
        private lazy var sections = release.sections.map { SectionObject(SectionStorage(section: $0, links: links)) }
        private lazy var contributors = release.contributors.map { ContributorObject(contributor: $0) }

        init(release: Release, links: LinkContext, subtitle: String?) {
            self.release = release
            self.links = links
            self.subtitle = subtitle
        }

        func child(named name: String) -> Any? {
            switch name {
            case "version": return value(release.version?.description)
            case "tag": return value(release.tag)
            case "previousTag": return value(release.previousTag)
            case "date": return value(release.date.day)
            case "sections": return sections
            case "contributors": return contributors
            // A section named by `--setversion` with no semantic version (clog's any string) is
            // found again by that name, as the built-in styles write it.
            case "name": return value(release.name ?? release.version?.description ?? "Unreleased")
            case "anchor": return value(release.name ?? release.version?.description ?? "unreleased")
            case "subtitle": return value(subtitle)
            case "repository": return value(links.repositoryURL)
            case "linkStyle": return value(links.style.rawValue)
            case "compareURL":
                guard let base = links.repositoryURL, let previous = release.previousTag, let current = release.tag ?? release.head else {
                    return Null()
                }
                return value(links.style.compare(base, from: previous, to: current))
            default: return nil
            }
        }
    }

    struct SectionObject: MustacheParent {
        let storage: SectionStorage
        init(_ storage: SectionStorage) { self.storage = storage }
        func child(named name: String) -> Any? { storage.child(named: name) }
    }

    final class SectionStorage {
        let section: Release.Section
        let commits: [CommitObject]

        init(section: Release.Section, links: LinkContext) {
            self.section = section
            commits = section.entries.map { CommitObject(CommitStorage(entry: $0, links: links, inBreakingSection: section.isBreaking)) }
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": value(section.title)
            case "commits": commits
            case "breakingChanges": section.isBreaking
            default: nil
            }
        }
    }

    struct CommitObject: MustacheParent {
        let storage: CommitStorage
        init(_ storage: CommitStorage) { self.storage = storage }
        func child(named name: String) -> Any? { storage.child(named: name) }
    }

    final class CommitStorage {
        let entry: Release.Entry
        let links: LinkContext
        /// Its section's `breakingChanges`, which a template asks for at every commit: answered
        /// here, the lookup ends at the commit, with the value it would find in the section (only
        /// a section answers the key, and the commit's own is the nearest one below it).
        let inBreakingSection: Bool
        // Asked for several times a commit by the usual `{{#url}}…{{url}}…{{/url}}{{^url}}…`.
        private lazy var url: Any = value(links.repositoryURL.map { links.style.commit($0, entry.commit.id.hex) })
        private lazy var shortId: Any = value(entry.commit.shortID)
        private lazy var component: Any = value(entry.component)

        init(entry: Release.Entry, links: LinkContext, inBreakingSection: Bool) {
            self.entry = entry
            self.links = links
            self.inBreakingSection = inBreakingSection
        }

        // Each case reads the fields it needs: a local copy of the commit or its message would
        // retain and release every string in it at each lookup.
        func child(named name: String) -> Any? {
            switch name {
            case "subject": return value(collapsingSpaces(entry.conventional.subject))
            case "link": return value(MarkdownRenderer.commitLink(entry.commit, links: links))
            case "component": return component
            case "references":
                return entry.conventional.references.isEmpty
                    ? [ReferenceObject]()
                    : entry.conventional.references.map { ReferenceObject(ReferenceStorage(reference: $0, links: links)) }
            case "breakingChanges": return inBreakingSection
            case "url": return url
            case "shortId": return shortId
            case "id": return value(entry.commit.id.hex)
            case "type": return value(entry.conventional.type)
            case "scope": return value(entry.conventional.scope)
            case "body": return value(entry.conventional.body)
            case "breaking": return entry.conventional.isBreaking
            case "breakingNote": return value(entry.conventional.breakingNote)
            case "footers": return entry.conventional.footers.map { ["token": value($0.token), "value": value($0.value)] }
            case "author": return ["name": value(entry.commit.author.name), "email": value(entry.commit.author.email)]
            case "date": return value(entry.commit.date.iso8601)
            case "alsoIn": return entry.alsoIn.map { value($0.description) }
            case "indentedNote":
                guard entry.conventional.isBreaking else { return Null() }
                return value(indented(entry.conventional.breakingNote ?? collapsingSpaces(entry.conventional.subject)))
            default: return nil
            }
        }
    }

    struct ReferenceObject: MustacheParent {
        let storage: ReferenceStorage
        init(_ storage: ReferenceStorage) { self.storage = storage }
        func child(named name: String) -> Any? { storage.child(named: name) }
    }

    final class ReferenceStorage {
        let reference: Reference
        let links: LinkContext
        private lazy var url: Any = value(links.repositoryURL.flatMap { links.style.issue($0, reference) })

        init(reference: Reference, links: LinkContext) {
            self.reference = reference
            self.links = links
        }

        func child(named name: String) -> Any? {
            switch name {
            case "issue": value(reference.issue)
            case "url": url
            case "link": value(MarkdownRenderer.referenceLink(reference, links: links))
            case "action": value(reference.action)
            default: nil
            }
        }
    }

    struct ContributorObject: MustacheParent {
        let contributor: Contributor

        func child(named name: String) -> Any? {
            switch name {
            case "name": value(contributor.name)
            case "email": value(contributor.email)
            case "firstTime": contributor.isFirstTime
            default: nil
            }
        }
    }

    /// What the built-in layout lists under a breaking change, each line indented by two spaces
    /// (blank lines left blank), so a multi-line note stays inside its list item.
    static func indented(_ note: String) -> String {
        note.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}
