/// Builds test frames byte by byte, so each decoder test states exactly what is on the wire.
struct FrameBuilder {
    var bytes: [UInt8] = []
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { bytes += [UInt8(v >> 8), UInt8(v & 0xFF)] }
    mutating func u32(_ v: UInt32) { bytes += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    mutating func raw(_ v: [UInt8]) { bytes += v }
    mutating func text(_ s: String) { bytes += Array(s.utf8) }
    mutating func mac(_ s: String) { bytes += s.split(separator: ":").map { UInt8($0, radix: 16)! } }
    mutating func ipv4(_ s: String) { bytes += s.split(separator: ".").map { UInt8($0)! } }

    static func ethernet(dst: String = "ff:ff:ff:ff:ff:ff", src: String, type: UInt16, vlans: [UInt16] = [], payload: [UInt8]) -> [UInt8] {
        var b = FrameBuilder()
        b.mac(dst); b.mac(src)
        for (i, v) in vlans.enumerated() { b.u16(i == 0 && vlans.count > 1 ? 0x88A8 : 0x8100); b.u16(v) }
        b.u16(type)
        b.raw(payload)
        return b.bytes
    }

    static func ipv4(src: String, dst: String, proto: UInt8, payload: [UInt8]) -> [UInt8] {
        var b = FrameBuilder()
        b.u8(0x45); b.u8(0); b.u16(UInt16(20 + payload.count)); b.u16(1); b.u16(0); b.u8(64); b.u8(proto); b.u16(0)
        b.ipv4(src); b.ipv4(dst)
        b.raw(payload)
        return b.bytes
    }

    static func udp(src: UInt16, dst: UInt16, payload: [UInt8]) -> [UInt8] {
        var b = FrameBuilder()
        b.u16(src); b.u16(dst); b.u16(UInt16(8 + payload.count)); b.u16(0)
        b.raw(payload)
        return b.bytes
    }
}

func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes(body)
}
