/// The followed TLS flows, keyed client → server, with a reference count per client port in
/// front: most TCP segments of a capture belong to flows nobody follows, and two array reads
/// answer that without hashing a 40-byte key twice (the hash lookups cost the inventory pass
/// about a third of its time on the benchmark capture).
struct PassiveFlowTable: Sequence {
    typealias Key = PassiveTLSObserver.FlowKey
    typealias Flow = PassiveTLSObserver.Flow

    private var table: [Key: Flow] = [:]
    /// Flows per client port (the key's source port); allocated once, 256 KiB.
    private var clientPorts = [UInt32](repeating: 0, count: 65_536)

    var isEmpty: Bool { table.isEmpty }
    var count: Int { table.count }

    /// False when no followed flow can have either port as its client port.
    func mayFollow(_ a: UInt16, _ b: UInt16) -> Bool {
        clientPorts.withUnsafeBufferPointer { $0[Int(a)] != 0 || $0[Int(b)] != 0 }
    }

    subscript(key: Key) -> Flow? {
        get { table[key] }
        set {
            if let newValue {
                if table.updateValue(newValue, forKey: key) == nil { clientPorts[Int(key.sourcePort)] += 1 }
            } else if table.removeValue(forKey: key) != nil {
                clientPorts[Int(key.sourcePort)] -= 1
            }
        }
    }

    mutating func removeAll() {
        table.removeAll()
        for i in clientPorts.indices { clientPorts[i] = 0 }
    }

    func makeIterator() -> Dictionary<Key, Flow>.Iterator { table.makeIterator() }
}
