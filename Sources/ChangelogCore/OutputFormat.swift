/// What a changelog is written as: Markdown for people, JSON for tools.
public enum OutputFormat: String, Sendable, CaseIterable {
    case markdown, json
}
