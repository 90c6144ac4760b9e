import Packets
import Snapshot

/// One conversion from the Packets registry's suite properties to the snapshot's
/// `TLSCipherSuite`, shared by the prober and the passive observer so both spell suites alike.
extension TLSCipherSuite {
    /// The snapshot form of a registry entry; `code` is formatted `0xC02F`.
    public init(_ info: TLSCipherSuiteInfo) {
        self.init(code: info.codeString, name: info.name, keyExchange: info.keyExchange, authentication: info.authentication,
                  encryption: info.encryption, bits: info.bits, mode: info.mode, mac: info.mac, export: info.export)
    }

    /// The snapshot form of any code point: the registry's entry, or `UNKNOWN_0xNNNN` with
    /// `UNKNOWN` properties when the code is not in the registry.
    public init(code: UInt16) {
        if let info = TLSCipherSuiteRegistry.info(code) {
            self.init(info)
        } else {
            let hex = TLSCipherSuiteRegistry.hex4(code)
            self.init(code: hex, name: "UNKNOWN_" + hex, keyExchange: "UNKNOWN", authentication: "UNKNOWN",
                      encryption: "UNKNOWN", bits: 0, mode: "UNKNOWN", mac: "UNKNOWN", export: false)
        }
    }
}

/// The snapshot form of a registry entry (same as `TLSCipherSuite(info)`).
public func tlsSnapshotCipherSuite(_ info: TLSCipherSuiteInfo) -> TLSCipherSuite { TLSCipherSuite(info) }
