/// A value read from a profile together with where it was written, so later checks (merge
/// conflicts, contradictions, `profile show` origins) can point at the exact line.
public struct ProfileLocated<Value: Sendable>: Sendable {
    public var value: Value
    public var location: LintLocation

    public init(_ value: Value, at location: LintLocation) {
        self.value = value; self.location = location
    }
}

extension ProfileLocated: Equatable where Value: Equatable {}
extension ProfileLocated: Hashable where Value: Hashable {}
