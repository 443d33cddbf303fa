import Foundation
import Testing

@testable import ChangelogCore

struct TimestampCase: Sendable, CustomTestStringConvertible {
    var seconds: Int64
    var offset: Int
    var day: String
    var iso: String

    init(_ seconds: Int64, _ offset: Int, _ day: String, _ iso: String) {
        self.seconds = seconds
        self.offset = offset
        self.day = day
        self.iso = iso
    }

    var testDescription: String { "\(seconds) @ \(offset)min -> \(iso)" }
}

@Suite("Timestamp")
struct TimestampTests {
    // Epoch values checked with `date -u -d <ISO> +%s`.
    @Test(
        "Day and ISO 8601 in the writer's own offset",
        arguments: [
            TimestampCase(0, 0, "1970-01-01", "1970-01-01T00:00:00+00:00"),
            TimestampCase(1_795_249_800, 60, "2026-11-21", "2026-11-21T09:30:00+01:00"),
            TimestampCase(1_795_249_800, 0, "2026-11-21", "2026-11-21T08:30:00+00:00"),
            // the offset moves the day forward across midnight
            TimestampCase(1_795_303_800, 60, "2026-11-22", "2026-11-22T00:30:00+01:00"),
            TimestampCase(1_795_303_800, 0, "2026-11-21", "2026-11-21T23:30:00+00:00"),
            // ... and backward, across a year boundary
            TimestampCase(1_735_689_600, -300, "2024-12-31", "2024-12-31T19:00:00-05:00"),
            TimestampCase(1_735_689_600, 0, "2025-01-01", "2025-01-01T00:00:00+00:00"),
            TimestampCase(1_735_689_600, -1, "2024-12-31", "2024-12-31T23:59:00-00:01"),
            // leap days
            TimestampCase(1_709_208_000, 0, "2024-02-29", "2024-02-29T12:00:00+00:00"),
            TimestampCase(1_709_208_000 - 86_400, 0, "2024-02-28", "2024-02-28T12:00:00+00:00"),
            TimestampCase(1_709_208_000 + 86_400, 0, "2024-03-01", "2024-03-01T12:00:00+00:00"),
            TimestampCase(1_709_258_400, -300, "2024-02-29", "2024-02-29T21:00:00-05:00"),
            TimestampCase(1_709_258_400, 0, "2024-03-01", "2024-03-01T02:00:00+00:00"),
            TimestampCase(951_782_400, 0, "2000-02-29", "2000-02-29T00:00:00+00:00"),
            TimestampCase(-11_670_998_400, 0, "1600-02-29", "1600-02-29T00:00:00+00:00"),
            // 1900 is not a leap year
            TimestampCase(-2_203_891_200, 0, "1900-03-01", "1900-03-01T00:00:00+00:00"),
            TimestampCase(-2_203_891_201, 0, "1900-02-28", "1900-02-28T23:59:59+00:00"),
            // before 1970
            TimestampCase(-1, 0, "1969-12-31", "1969-12-31T23:59:59+00:00"),
            TimestampCase(-1, -60, "1969-12-31", "1969-12-31T22:59:59-01:00"),
            TimestampCase(-86_400, 0, "1969-12-31", "1969-12-31T00:00:00+00:00"),
            TimestampCase(-86_401, 0, "1969-12-30", "1969-12-30T23:59:59+00:00"),
            TimestampCase(-14_182_940, 0, "1969-07-20", "1969-07-20T20:17:40+00:00"),
            TimestampCase(-14_182_940, -240, "1969-07-20", "1969-07-20T16:17:40-04:00"),
            TimestampCase(-14_182_940, 240, "1969-07-21", "1969-07-21T00:17:40+04:00"),
            TimestampCase(0, -570, "1969-12-31", "1969-12-31T14:30:00-09:30"),
            // offsets with minutes, and the extremes
            TimestampCase(0, 330, "1970-01-01", "1970-01-01T05:30:00+05:30"),
            TimestampCase(1_795_249_800, 765, "2026-11-21", "2026-11-21T21:15:00+12:45"),
            TimestampCase(1_795_249_800, 840, "2026-11-21", "2026-11-21T22:30:00+14:00"),
            TimestampCase(1_795_249_800, -720, "2026-11-20", "2026-11-20T20:30:00-12:00"),
            TimestampCase(1_795_249_800, -30, "2026-11-21", "2026-11-21T08:00:00-00:30"),
            TimestampCase(253_402_300_799, 0, "9999-12-31", "9999-12-31T23:59:59+00:00"),
        ])
    func rendering(_ c: TimestampCase) {
        let timestamp = Timestamp(secondsSince1970: c.seconds, offsetMinutes: c.offset)
        #expect(timestamp.day == c.day)
        #expect(timestamp.iso8601 == c.iso)
        #expect(c.iso.hasPrefix(c.day + "T"))
    }

    @Test("Every day of a leap year and a common year follows the calendar")
    func walkThroughYears() {
        let monthLengths2024 = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let monthLengths2023 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        // 2023-01-01T00:00:00Z
        var seconds: Int64 = 1_672_531_200
        for (year, lengths) in [(2023, monthLengths2023), (2024, monthLengths2024)] {
            for (month, length) in lengths.enumerated() {
                for day in 1...length {
                    let expected = "\(year)-\(pad(month + 1))-\(pad(day))"
                    // Noon UTC: the same day from -12:00 to +11:59.
                    let noon = seconds + 43_200
                    #expect(Timestamp(secondsSince1970: noon, offsetMinutes: -720).day == expected)
                    #expect(Timestamp(secondsSince1970: noon, offsetMinutes: 719).day == expected)
                    #expect(Timestamp(secondsSince1970: seconds, offsetMinutes: 0).iso8601 == expected + "T00:00:00+00:00")
                    seconds += 86_400
                }
            }
        }
        #expect(Timestamp(secondsSince1970: seconds, offsetMinutes: 0).day == "2025-01-01")
    }

    @Test("ISO 8601 agrees with Foundation's formatter for dates across four centuries and every offset git writes")
    func iso8601AgreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for step in 0..<2_000 {
            // From 1900-01-01 on, about 73 days and 7 seconds apart (so every second of a minute and
            // every day of a month comes up), to 2299; offsets from -14:00 to +14:00 in whole minutes.
            let seconds = -2_208_988_800 + Int64(step) * 6_311_407
            let offset = step * 37 % 1_681 - 840
            formatter.timeZone = try #require(TimeZone(secondsFromGMT: offset * 60))
            var expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            // Foundation writes UTC as `Z`; git's offset is always written out.
            if expected.hasSuffix("Z") { expected = String(expected.dropLast()) + "+00:00" }
            #expect(Timestamp(secondsSince1970: seconds, offsetMinutes: offset).iso8601 == expected, "\(seconds) \(offset)")
        }
    }

    @Test("Ordering is by instant; equality also compares the offset")
    func comparison() {
        let utc = Timestamp(secondsSince1970: 1_000, offsetMinutes: 0)
        let paris = Timestamp(secondsSince1970: 1_000, offsetMinutes: 60)
        let later = Timestamp(secondsSince1970: 1_001, offsetMinutes: -600)
        #expect(!(utc < paris) && !(paris < utc))
        #expect(utc != paris)
        #expect(utc < later && paris < later)
        #expect([later, paris, Timestamp(secondsSince1970: -5, offsetMinutes: 0)].min()?.secondsSince1970 == -5)
    }

    @Test("SourceCommit's short id is the first eight hex digits")
    func shortID() {
        let commit = CoreCommitFactory.source("1a2b3c4d", "feat: x")
        #expect(commit.shortID == "1a2b3c4d")
        #expect(commit.id.hex.count == 40)
    }
}
