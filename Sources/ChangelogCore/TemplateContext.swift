import Mustache

/// What a template sees for one release: the release object of the `-T json` document, same keys,
/// plus the links and names the Markdown layout computes (docs/templates.md lists them all).
///
/// Objects that answer a key when the renderer asks for it: nothing is built for keys a template
/// never reads, and a lookup is a `switch`, where a dictionary of boxed values would be built for
/// every commit and a struct would be reflected with `Mirror` on every lookup.
///
/// swift-mustache casts every object it meets to several protocols (about ten casts a `{{name}}`),
/// and that is most of a render's time: the objects are structs of at most two words (a failed cast
/// of a class also walks its superclasses; a struct of more than three is boxed whenever it becomes
/// `Any`), over a class per release and per section; a commit is its section's class and an index.
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
            case "name": return value(release.displayName)
            case "anchor": return value(release.anchorName)
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
        let links: LinkContext

        init(section: Release.Section, links: LinkContext) {
            self.section = section
            self.links = links
        }

        func child(named name: String) -> Any? {
            switch name {
            case "title": value(section.title)
            // Built when asked (once a section): the commits refer to this storage, which does
            // not keep them, so nothing holds a cycle.
            case "commits": (0..<section.entries.count).map { CommitObject(storage: self, index: $0) }
            case "breakingChanges": section.isBreaking
            default: nil
            }
        }
    }

    /// A commit of a section: its section's storage and its place there, two words that a
    /// conversion to `Any` keeps inline, so listing a commit allocates nothing and copies none of
    /// its strings. Its values are computed when asked: a lookup costs the renderer far more than
    /// building a link again would.
    struct CommitObject: MustacheParent {
        let storage: SectionStorage
        let index: Int

        // Each case reads the fields it needs in place: a local copy of the entry, its commit or
        // its message would retain and release every string in it at each lookup.
        func child(named name: String) -> Any? {
            let links = storage.links
            switch name {
            case "subject": return value(collapsingSpaces(storage.section.entries[index].conventional.subject))
            case "link": return value(MarkdownRenderer.commitLink(storage.section.entries[index].commit, links: links))
            case "component": return value(storage.section.entries[index].component)
            case "references":
                let references = storage.section.entries[index].conventional.references
                return references.isEmpty
                    ? [ReferenceObject]() : references.map { ReferenceObject(ReferenceStorage(reference: $0, links: links)) }
            // Its section's value, which a template asks for at every commit: answered here, the
            // lookup ends at the commit with the value it would find in the section (only a
            // section answers the key, and the commit's own is the nearest one below it).
            case "breakingChanges": return storage.section.isBreaking
            case "url": return value(links.repositoryURL.map { links.style.commit($0, storage.section.entries[index].commit.id.hex) })
            case "shortId": return value(storage.section.entries[index].commit.shortID)
            case "id": return value(storage.section.entries[index].commit.id.hex)
            case "type": return value(storage.section.entries[index].conventional.type)
            case "scope": return value(storage.section.entries[index].conventional.scope)
            case "body": return value(storage.section.entries[index].conventional.body)
            case "breaking": return storage.section.entries[index].conventional.isBreaking
            case "breakingNote": return value(storage.section.entries[index].conventional.breakingNote)
            case "footers":
                return storage.section.entries[index].conventional.footers.map { ["token": value($0.token), "value": value($0.value)] }
            case "author":
                let author = storage.section.entries[index].commit.author
                return ["name": value(author.name), "email": value(author.email)]
            case "date": return value(storage.section.entries[index].commit.date.iso8601)
            case "alsoIn": return storage.section.entries[index].alsoIn.map { value($0.description) }
            case "indentedNote":
                let conventional = storage.section.entries[index].conventional
                guard conventional.isBreaking else { return Null() }
                return value(indented(conventional.breakingNote ?? collapsingSpaces(conventional.subject)))
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
