/// Pure, zero-copy packet decoders.
///
/// Every decoder is a small struct *view* over an `UnsafeRawBufferPointer` that the
/// caller owns (usually libpcap's buffer, valid until the next packet). Views do
/// not copy or allocate; they bounds-check every length field before reading and
/// return `nil` (or stop iterating) on damage, so crafted packets cannot make them
/// read out of bounds. Nothing here does I/O or knows about policy.
///
/// Strings are only built by the explicit `…String`/`text` accessors that callers
/// use when they decide to keep a fact.

extension UnsafeRawBufferPointer {
    /// Big-endian 16-bit load; the caller has checked `offset + 2 <= count`.
    @inlinable @inline(__always)
    public func be16(_ offset: Int) -> UInt16 { UInt16(self[offset]) << 8 | UInt16(self[offset + 1]) }

    /// Big-endian 32-bit load; the caller has checked `offset + 4 <= count`.
    @inlinable @inline(__always)
    public func be32(_ offset: Int) -> UInt32 {
        UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3])
    }

    /// Little-endian 16-bit load (radiotap, prism); the caller has checked bounds.
    @inlinable @inline(__always)
    public func le16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }

    @inlinable @inline(__always)
    public func le32(_ offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }

    /// A sub-view of `length` bytes at `offset`, or nil if it would leave the buffer.
    @inlinable @inline(__always)
    public func view(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: self[offset..<(offset + length)])
    }

    /// Everything from `offset` to the end, or nil past the end.
    @inlinable @inline(__always)
    public func tail(_ offset: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, offset <= count else { return nil }
        return UnsafeRawBufferPointer(rebasing: self[offset...])
    }
}

/// Turns bytes from the wire into a String that is safe to print and store:
/// valid UTF-8 is kept, invalid bytes and control characters become `\xNN`.
public enum WireText {
    public static func make(_ bytes: UnsafeRawBufferPointer) -> String {
        var out = ""
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { out += hexEscape(b) } else { out.unicodeScalars.append(Unicode.Scalar(b)) }
                i += 1
                continue
            }
            // Decode one multi-byte UTF-8 sequence by hand so that invalid bytes stay visible.
            let len: Int
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: len = 0   // continuation bytes, C0/C1 and F5–FF never start a sequence
            }
            if len > 0, i + len <= bytes.count {
                var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                var ok = true
                for k in 1..<len {
                    let c = bytes[i + k]
                    if c & 0xC0 != 0x80 { ok = false; break }
                    v = v << 6 | UInt32(c & 0x3F)
                }
                let minimum: UInt32 = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000
                if ok, v >= minimum, let scalar = Unicode.Scalar(v), !(0x80..<0xA0).contains(v) {
                    out.unicodeScalars.append(scalar)
                    i += len
                    continue
                }
            }
            out += hexEscape(b)
            i += 1
        }
        return out
    }

    static func hexEscape(_ b: UInt8) -> String {
        let d = Array("0123456789abcdef")
        return "\\x" + String(d[Int(b >> 4)]) + String(d[Int(b & 0xF)])
    }

    /// Hex dump without separators (client ids, DUIDs).
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let d: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(d[Int(b >> 4)]); out.append(d[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
