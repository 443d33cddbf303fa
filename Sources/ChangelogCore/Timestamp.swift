/// A point in time as git records it: seconds since the epoch and the writer's offset from UTC.
///
/// Dates are rendered in the writer's own offset, so output never depends on this machine's time zone.
public struct Timestamp: Sendable, Equatable, Hashable, Comparable {
    public var secondsSince1970: Int64
    public var offsetMinutes: Int

    public init(secondsSince1970: Int64, offsetMinutes: Int) {
        self.secondsSince1970 = secondsSince1970
        self.offsetMinutes = offsetMinutes
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// `YYYY-MM-DD` in the writer's offset.
    public var day: String {
        let (y, m, d, _, _, _) = civil
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// ISO 8601 with the writer's offset, e.g. `2026-11-21T09:30:00+01:00`.
    public var iso8601: String {
        let (y, mo, d, h, mi, s) = civil
        let sign = offsetMinutes < 0 ? "-" : "+"
        let off = abs(offsetMinutes)
        // Every date git can write has a four-digit year and an offset under 100 hours: those are
        // written as 25 bytes at once, since a whole history's JSON formats one per commit.
        guard (0...9999).contains(y), off / 60 <= 99 else {
            return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
                + "\(sign)\(pad(off / 60, 2)):\(pad(off % 60, 2))"
        }
        return String(unsafeUninitializedCapacity: 25) { bytes in
            var at = 0
            func digits(_ value: Int, _ width: Int) {
                var rest = value
                for place in stride(from: width - 1, through: 0, by: -1) {
                    bytes[at + place] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                at += width
            }
            func byte(_ character: Unicode.Scalar) {
                bytes[at] = UInt8(ascii: character)
                at += 1
            }
            digits(y, 4)
            byte("-")
            digits(mo, 2)
            byte("-")
            digits(d, 2)
            byte("T")
            digits(h, 2)
            byte(":")
            digits(mi, 2)
            byte(":")
            digits(s, 2)
            byte(offsetMinutes < 0 ? "-" : "+")
            digits(off / 60, 2)
            byte(":")
            digits(off % 60, 2)
            return at
        }
    }

    /// Civil date and time in the writer's offset (Howard Hinnant's days-to-civil algorithm),
    /// computed by hand because Foundation's calendars would bring in the machine's time zone.
    private var civil: (Int, Int, Int, Int, Int, Int) {
        // git refuses dates outside years 0-9999, but an object can still hold one: clamp, never trap.
        let local = min(max(secondsSince1970, -62_167_219_200), 253_402_300_799) + Int64(offsetMinutes) * 60
        var days = local / 86_400
        var rest = local % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), Int(rest / 3_600), Int(rest % 3_600 / 60), Int(rest % 60))
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
