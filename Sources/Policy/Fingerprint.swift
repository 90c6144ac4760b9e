import Digest

/// A finding's stable identity: the same rule about the same subject gives the same fingerprint
/// on every run, on every machine, whatever order devices were observed in.
///
/// Baselines (`--baseline`) and the report's `fingerprint` field depend on it, so it is built from
/// the rule id and the parts of the subject that identify it (a MAC and VLAN, an asset id), never
/// from Swift's `hashValue`, which is seeded per process. A collision-resistant hash (SHA-256 from the
/// `Digest` module) means a fingerprint can be quoted in an approval record without worrying that
/// another finding shares it.
public enum Fingerprint {
    /// Bumped if the way identities are hashed ever changes, so old baselines are recognisably stale.
    public static let version = "v1"

    /// The fingerprint of `ruleID` about the subject identified by `identity`: 32 lower-case hex digits
    /// (the first 128 bits of SHA-256). Each part is length-prefixed, so `["a:b", "c"]` and
    /// `["a", "b:c"]` never collide.
    public static func make(ruleID: String, identity: [String]) -> String {
        var bytes: [UInt8] = []
        for part in [version, ruleID] + identity {
            let utf8 = Array(part.utf8)
            bytes += Array(String(utf8.count).utf8)
            bytes.append(0x3A)  // ':'
            bytes += utf8
            bytes.append(0x0A)
        }
        return hex(SHA256.hash(bytes).prefix(16))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String { SHA256.hex(bytes) }
}

