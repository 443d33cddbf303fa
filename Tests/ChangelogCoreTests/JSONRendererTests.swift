import Foundation
import Testing

@testable import ChangelogCore

private func c(_ short: String, _ message: String) -> ParsedCommit {
    CoreCommitFactory.commit(short, message)
}

private func release(
    _ commits: [ParsedCommit], version: String? = "1.4.0", tag: String? = "v1.4.0",
    previous: String? = "v1.3.0"
) -> Release {
    Release(
        version: version.map { SemanticVersion($0)! }, tag: tag, previousTag: previous, date: "2026-11-21",
        sections: ReleaseComposer().sections(for: commits))
}

/// Writes one string value on its own and returns the JSON text.
private func encoded(_ value: String) -> String {
    var writer = JSONWriter()
    writer.string(value)
    return writer.output
}

/// `{"k": value}` written by JSONWriter, read back by JSONSerialization.
private func roundTrip(_ value: String) throws -> String? {
    var writer = JSONWriter()
    writer.beginObject()
    writer.field("k", value)
    writer.endObject()
    let object = try JSONSerialization.jsonObject(with: Data(writer.output.utf8)) as? [String: Any]
    return object?["k"] as? String
}

private func parse(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The keys of every object in `text` whose first key is `first`, in the order written.
private func keyOrder(in text: String, objectStartingWith first: String) -> [[String]] {
    // The writer puts one key per line: `<indent>"key": value`.
    var objects: [[String]] = []
    var stack: [[String]] = []
    for line in text.split(separator: "\n") {
        let trimmed = line.drop(while: { $0 == " " })
        if trimmed.hasPrefix("\"") {
            let key = trimmed.dropFirst().prefix { $0 != "\"" }
            if !stack.isEmpty { stack[stack.count - 1].append(String(key)) }
        }
        if trimmed.hasSuffix("{") { stack.append([]) }
        if trimmed.hasPrefix("}") {
            let keys = stack.removeLast()
            if keys.first == first { objects.append(keys) }
        }
    }
    return objects
}

@Suite("JSONRenderer")
struct JSONRendererTests {
    // MARK: JSONWriter escaping

    @Test("Quotes, backslashes and control characters are escaped; everything else is kept verbatim")
    func escaping() {
        #expect(encoded("say \"hi\"") == #""say \"hi\"""#)
        #expect(encoded(#"C:\path\to"#) == #""C:\\path\\to""#)
        #expect(encoded("a\nb") == #""a\nb""#)
        #expect(encoded("a\tb") == #""a\tb""#)
        #expect(encoded("a\rb") == #""a\rb""#)
        #expect(encoded("a\r\nb") == #""a\r\nb""#)
        #expect(encoded("\u{1}") == #""\u0001""#)
        #expect(encoded("\u{0}x") == #""\u0000x""#)
        #expect(encoded("\u{8}\u{C}\u{1B}\u{1F}") == #""\u0008\u000c\u001b\u001f""#)
        #expect(encoded("é ünïcödé ✓ 中文 🎉 👩‍💻") == "\"é ünïcödé ✓ 中文 🎉 👩‍💻\"")
        #expect(encoded("\u{7F}\u{2028}/") == "\"\u{7F}\u{2028}/\"")
        #expect(encoded("") == #""""#)
        #expect(encoded("\\\"\n") == #""\\\"\n""#)
        var writer = JSONWriter()
        writer.string(nil)
        #expect(writer.output == "null")
    }

    @Test("Every control character and tricky string survives a round trip through JSONSerialization")
    func roundTrips() throws {
        for scalar in 0..<0x20 {
            let value = "a\(Character(Unicode.Scalar(UInt8(scalar))))b"
            #expect(try roundTrip(value) == value, "U+\(String(scalar, radix: 16))")
        }
        for value in ["\"", "\\", "\\\"", "é\n🎉\t\"q\"", "\r\n", "combining e\u{301}\n", "\u{1}\u{2}\u{3}", "}]{[,:"] {
            #expect(try roundTrip(value) == value)
        }
    }

    @Test("Keys are escaped like values")
    func escapedKeys() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("a\"b", "x")
        writer.endObject()
        #expect(writer.output == "{\n  \"a\\\"b\": \"x\"\n}\n")
        #expect(try parse(writer.output)["a\"b"] as? String == "x")
    }

    @Test("Scalars, nesting, empty containers and flush")
    func writerShapes() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("n", 42)
        writer.field("neg", -7)
        writer.field("yes", true)
        writer.field("no", false)
        writer.key("nothing")
        writer.null()
        writer.field("missing", nil as String?)
        writer.key("empty")
        writer.beginArray()
        writer.endArray()
        writer.key("list")
        writer.beginArray()
        writer.int(1)
        writer.string("two")
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        let text = writer.flush()
        #expect(
            text == """
                {
                  "n": 42,
                  "neg": -7,
                  "yes": true,
                  "no": false,
                  "nothing": null,
                  "missing": null,
                  "empty": [],
                  "list": [
                    1,
                    "two",
                    {}
                  ]
                }

                """)
        #expect(writer.output.isEmpty)
        let object = try parse(text)
        #expect(object["n"] as? Int == 42)
        #expect(object["yes"] as? Bool == true)
        #expect(object["nothing"] is NSNull)
        #expect(object["missing"] is NSNull)
        #expect((object["empty"] as? [Any])?.isEmpty == true)
        #expect((object["list"] as? [Any])?.count == 3)
    }

    // MARK: The document

    @Test("The document: docs/contract.md's release and COMMIT shape, keys in order")
    func golden() {
        let text = JSONRenderer.document([release([c("5e6f7a8b", "feat(parser): accept multi-line footers\n\nCloses #12")])])
        let id = CoreCommitFactory.id("5e6f7a8b")
        #expect(
            text == """
                {
                  "releases": [
                    {
                      "version": "1.4.0",
                      "tag": "v1.4.0",
                      "previousTag": "v1.3.0",
                      "date": "2026-11-21",
                      "sections": [
                        {
                          "title": "Features",
                          "commits": [
                            {
                              "id": "\(id)",
                              "shortId": "5e6f7a8b",
                              "type": "feat",
                              "scope": "parser",
                              "subject": "accept multi-line footers",
                              "body": null,
                              "breaking": false,
                              "breakingNote": null,
                              "footers": [
                                {
                                  "token": "Closes",
                                  "value": "12"
                                }
                              ],
                              "references": [
                                {
                                  "action": "Closes",
                                  "issue": "12"
                                }
                              ],
                              "author": {
                                "name": "Ada Lovelace",
                                "email": "ada@example.com"
                              },
                              "date": "2026-11-21T09:30:00+01:00"
                            }
                          ]
                        }
                      ]
                    }
                  ]
                }

                """)
    }

    @Test("Key order of every release and COMMIT object is docs/contract.md's")
    func keyOrderMatchesDesign() {
        let text = JSONRenderer.document([
            release([
                c("00000001", "feat(api)!: a\n\nBody text.\n\nBREAKING CHANGE: note\nReviewed-by: Z\nCloses #3"),
                c("00000002", "fix: b"),
            ]),
            release([], version: nil, tag: nil, previous: nil),
        ])
        let commitKeys = [
            "id", "shortId", "type", "scope", "subject", "body", "breaking", "breakingNote", "footers",
            "references", "author", "date",
        ]
        let commits = keyOrder(in: text, objectStartingWith: "id")
        #expect(commits.count == 3)
        #expect(commits.allSatisfy { $0 == commitKeys })
        let releases = keyOrder(in: text, objectStartingWith: "version")
        #expect(
            releases == [
                ["version", "tag", "previousTag", "date", "sections"],
                ["version", "tag", "previousTag", "date", "sections"],
            ])
        #expect(keyOrder(in: text, objectStartingWith: "title").allSatisfy { $0 == ["title", "commits"] })
        #expect(keyOrder(in: text, objectStartingWith: "token").allSatisfy { $0 == ["token", "value"] })
        #expect(keyOrder(in: text, objectStartingWith: "action") == [["action", "issue"], ["action", "issue"]])
        #expect(keyOrder(in: text, objectStartingWith: "name").count == 3)
    }

    @Test("The document parses with JSONSerialization, with nulls where docs/contract.md allows them")
    func parsesBack() throws {
        let text = JSONRenderer.document([
            release([c("00000001", "fix: plain")], version: nil, tag: nil, previous: nil),
            release([
                c(
                    "00000002",
                    "feat(api)!: tab\there \"quoted\" \\ back\n\nFirst body line.\n\u{1}second line\n\nBREAKING CHANGE: note with ü and 🎉\nReviewed-by: Zoë <z@example.com>\nCloses #3, o/r#4"
                )
            ]),
        ])
        let root = try parse(text)
        let releases = try #require(root["releases"] as? [[String: Any]])
        #expect(releases.count == 2)

        let unreleased = releases[0]
        #expect(unreleased["version"] is NSNull)
        #expect(unreleased["tag"] is NSNull)
        #expect(unreleased["previousTag"] is NSNull)
        #expect(unreleased["date"] as? String == "2026-11-21")
        let plain = try #require(((unreleased["sections"] as? [[String: Any]])?.first?["commits"] as? [[String: Any]])?.first)
        #expect(plain["scope"] is NSNull)
        #expect(plain["body"] is NSNull)
        #expect(plain["breakingNote"] is NSNull)
        #expect(plain["breaking"] as? Bool == false)
        #expect((plain["footers"] as? [Any])?.isEmpty == true)
        #expect((plain["references"] as? [Any])?.isEmpty == true)

        let sections = try #require(releases[1]["sections"] as? [[String: Any]])
        #expect(sections.map { $0["title"] as? String } == ["Breaking Changes", "Features"])
        let commit = try #require((sections[0]["commits"] as? [[String: Any]])?.first)
        #expect(commit["id"] as? String == CoreCommitFactory.id("00000002").hex)
        #expect(commit["shortId"] as? String == "00000002")
        #expect(commit["type"] as? String == "feat")
        #expect(commit["scope"] as? String == "api")
        #expect(commit["subject"] as? String == "tab\there \"quoted\" \\ back")
        #expect(commit["body"] as? String == "First body line.\n\u{1}second line")
        #expect(commit["breaking"] as? Bool == true)
        #expect(commit["breakingNote"] as? String == "note with ü and 🎉")
        let footers = try #require(commit["footers"] as? [[String: String]])
        #expect(footers.map { $0["token"] } == ["BREAKING CHANGE", "Reviewed-by", "Closes"])
        #expect(footers[1]["value"] == "Zoë <z@example.com>")
        let references = try #require(commit["references"] as? [[String: String]])
        #expect(references == [["action": "Closes", "issue": "3"], ["action": "Closes", "issue": "4"]])
        #expect(commit["author"] as? [String: String] == ["name": "Ada Lovelace", "email": "ada@example.com"])
        #expect(commit["date"] as? String == "2026-11-21T09:30:00+01:00")
        // Non-ASCII text is written as is, not as \u escapes.
        #expect(text.contains("note with ü and 🎉"))
        #expect(text.contains(#""subject": "tab\there \"quoted\" \\ back""#))
        #expect(text.contains(#"\u0001second line"#))
    }

    @Test("An empty document, and a release without sections")
    func emptyDocuments() throws {
        #expect(JSONRenderer.document([]) == "{\n  \"releases\": []\n}\n")
        let text = JSONRenderer.document([release([])])
        #expect(
            text == """
                {
                  "releases": [
                    {
                      "version": "1.4.0",
                      "tag": "v1.4.0",
                      "previousTag": "v1.3.0",
                      "date": "2026-11-21",
                      "sections": []
                    }
                  ]
                }

                """)
        #expect((try parse(text)["releases"] as? [Any])?.count == 1)
    }

    @Test("Streaming release by release gives the same text as the whole document")
    func streaming() throws {
        let releases = [
            release([c("00000001", "feat: a")], version: nil, tag: nil, previous: "v1.4.0"),
            release([c("00000002", "fix: b"), c("00000003", "perf: c")]),
            release([], version: "1.3.0", tag: "v1.3.0", previous: nil),
        ]
        var renderer = JSONRenderer()
        var chunks = [renderer.begin()]
        for release in releases { chunks.append(renderer.render(release)) }
        chunks.append(renderer.end())
        #expect(chunks.joined() == JSONRenderer.document(releases))
        #expect(chunks.allSatisfy { !$0.isEmpty })
        let parsed = try #require(try parse(chunks.joined())["releases"] as? [[String: Any]])
        #expect(parsed.map { $0["version"] as? String } == [nil, "1.4.0", "1.3.0"])
    }
}
