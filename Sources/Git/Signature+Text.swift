extension Signature {
    /// The identity as git writes it in commit and tag headers: `Name <email> 1795219200 +0100`.
    public var headerText: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let minutes = abs(offsetMinutes)
        let hours = minutes / 60, rest = minutes % 60
        return "\(name) <\(email)> \(time) \(sign)\(hours < 10 ? "0" : "")\(hours)\(rest < 10 ? "0" : "")\(rest)"
    }
}
