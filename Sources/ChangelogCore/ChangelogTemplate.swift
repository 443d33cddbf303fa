import Mustache

/// A user's Mustache template for a release section (`[changelog] template`, `--template`):
/// parsed once, then rendered for each release, on any thread, over `TemplateContext`.
public struct ChangelogTemplate: Sendable {
    /// The name errors give the file.
    public let file: String
    let template: MustacheTemplate

    /// Sections are Markdown, not HTML: values are written as they are unless the template asks
    /// for HTML escaping itself. The pragma stands on a line of its own, which Mustache drops.
    static let pragma = "{{% CONTENT_TYPE: TEXT }}\n"

    public init(text: String, file: String) throws(TemplateError) {
        self.file = file
        do {
            template = try MustacheTemplate(string: Self.pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            // The pragma's line is not the user's: line numbers are of the file as written.
            throw TemplateError(
                file: file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                reason: Self.reason(error.error))
        } catch {
            throw TemplateError(file: file, line: 1, column: 1, reason: "\(error)")
        }
    }

    /// The section's text, ending with one blank line as the built-in layout's sections do, so
    /// they stack the same way in a file and on stdout; nothing for a template that writes nothing.
    public func render(_ release: Release, links: LinkContext, subtitle: String? = nil) -> String {
        var text = template.render(TemplateContext.release(release, links: links, subtitle: subtitle))
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" || last == " " || last == "\t" {
            text.unicodeScalars.removeLast()
        }
        return text.isEmpty ? "" : text + "\n\n"
    }

    static func reason(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "this closing tag does not match the section it closes"
        case .unfinishedName: "a tag is not closed, or its name is empty or malformed"
        case .expectedSectionEnd: "a section is never closed ({{/name}} missing)"
        case .invalidSetDelimiter: "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: "only blocks may stand inside a partial's inherit section"
        case .invalidConfigVariableSyntax: "malformed {{% pragma }}"
        case .unrecognisedConfigVariable: "unknown {{% pragma }}"
        // swift-mustache's reader throws its internal `Parser.Error.overflow` when the text ends
        // before a tag does (`{{ version`, `{{{version}}`); the type is not public, its name is.
        case nil where "\(error)" == "overflow": "the template ends inside a tag; close the tag with }} (}}} after {{{)"
        case nil: "the template cannot be parsed (\(error))"
        }
    }
}
