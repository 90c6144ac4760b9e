/// An open-addressing hash table from a (MAC, VLAN) key to a device's position.
///
/// The inventory looks a device up for every frame. Swift's `Dictionary` hashes with
/// SipHash, which showed up at ~6% of the hot loop; keys here are trusted-shape 64-bit
/// integers, so a multiplicative (Fibonacci) hash with linear probing is enough.
struct DeviceIndex {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0
    /// Never a real key: MAC (48 bits) | VLAN (12 bits) << 48 leaves the top nibble zero.
    private static let empty: UInt64 = .max

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: DeviceIndex.empty, count: size)
        values = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return Int(values[i]) }
            if k == DeviceIndex.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, _ value: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != DeviceIndex.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == DeviceIndex.empty { count += 1 }
        keys[i] = key
        values[i] = Int32(value)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: DeviceIndex.empty, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != DeviceIndex.empty { insert(k, Int(v)) }
    }
}
