import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns ledger file bytes into text: UTF-8 (with or without Excel's BOM) or CP932.
///
/// Detection order: a UTF-8 BOM means UTF-8; bytes that are valid UTF-8 are UTF-8;
/// anything else is tried as CP932. CP932 goes through the C library's `iconv`
/// (glibc's `CP932` table, which includes the NEC and IBM extensions) because it reports
/// the exact byte where decoding stops, so the error can name a line and column;
/// Foundation's `.shiftJIS` decodes the same table on Linux but only says "failed".
enum LedgerTextDecoder {
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func decode(_ bytes: [UInt8], forced: LedgerEncoding?, path: String) throws(LedgerError)
        -> (text: String, encoding: LedgerEncoding) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw LedgerError(.encoding, file: path, message: "file is UTF-16 (Excel \"Unicode text\"), which is not "
                + "supported; save it as \"CSV UTF-8 (comma delimited)\" or plain \"CSV\"")
        }
        let hasBOM = bytes.starts(with: utf8BOM)
        let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
        switch forced {
        case .utf8?, .utf8BOM?:
            let text = try decodeUTF8(body, path: path, hint: "; if the file came from Excel's plain \"CSV\" "
                + "format, use --encoding cp932")
            try rejectNUL(text, path: path)
            return (text, hasBOM ? .utf8BOM : .utf8)
        case .cp932?:
            if hasBOM {
                throw LedgerError(.encoding, file: path, line: 1, column: 1,
                                  message: "file starts with a UTF-8 byte-order mark but --encoding cp932 was given; "
                                      + "use --encoding utf-8-bom or leave --encoding out")
            }
            let text = try decodeCP932(body, path: path, hint: "")
            try rejectNUL(text, path: path)
            return (text, .cp932)
        case nil:
            if hasBOM {
                let text = try decodeUTF8(body, path: path, hint: " (the file starts with a UTF-8 byte-order mark)")
                try rejectNUL(text, path: path)
                return (text, .utf8BOM)
            }
            if let text = String(validating: body, as: UTF8.self) {
                try rejectNUL(text, path: path)
                return (text, .utf8)
            }
            // Neither a BOM nor valid UTF-8: try CP932. When that fails too, report the
            // encoding that got further, as the file is most likely in that one with a
            // damaged byte sequence.
            let attempt = iconvToUTF8(body, from: "CP932")
            if case .decoded(let text) = attempt {
                try rejectNUL(text, path: path)
                return (text, .cp932)
            }
            if case .failed(let cp932Failure, _) = attempt, cp932Failure < firstInvalidUTF8Offset(body) ?? 0 {
                return (try decodeUTF8(body, path: path, hint: " (nor is the file CP932/Shift_JIS)"), .utf8)
            }
            let text = try decodeCP932(body, path: path, hint: " (nor is the file UTF-8); choose with --encoding")
            try rejectNUL(text, path: path)
            return (text, .cp932)
        }
    }

    // MARK: UTF-8

    static func decodeUTF8(_ bytes: [UInt8], path: String, hint: String) throws(LedgerError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let offset = firstInvalidUTF8Offset(bytes) ?? 0
        let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
        let (line, column) = endPosition(of: prefix)
        throw LedgerError(.encoding, file: path, line: line, column: column,
                          message: "invalid UTF-8 byte sequence \(hex(bytes, at: offset))\(hint)")
    }

    /// Offset of the first byte that does not start a well-formed UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    // MARK: CP932

    static func decodeCP932(_ bytes: [UInt8], path: String, hint: String) throws(LedgerError) -> String {
        switch iconvToUTF8(bytes, from: "CP932") {
        case .decoded(let text):
            return text
        case .failed(let offset, let incomplete):
            let prefix = decodeCP932Prefix(bytes[..<offset])
            let (line, column) = endPosition(of: prefix)
            let what = incomplete ? "incomplete CP932 (Shift_JIS) character \(hex(bytes, at: offset)) at the end of the file"
                : "invalid CP932 (Shift_JIS) byte sequence \(hex(bytes, at: offset))"
            throw LedgerError(.encoding, file: path, line: line, column: column, message: what + hint)
        case .unavailable:
            // No iconv converter (a libc without gconv modules): Foundation decodes the same
            // Windows-31J table but cannot say where it fails, so find the line ourselves.
            if let text = String(data: Data(bytes), encoding: .shiftJIS) { return text }
            let line = firstUndecodableCP932Line(bytes)
            throw LedgerError(.encoding, file: path, line: line, column: nil,
                              message: "invalid CP932 (Shift_JIS) byte sequence on this line" + hint)
        }
    }

    private static func decodeCP932Prefix(_ bytes: ArraySlice<UInt8>) -> String {
        if case .decoded(let text) = iconvToUTF8(Array(bytes), from: "CP932") { return text }
        return ""
    }

    /// Lines are safe to split on LF in CP932: trail bytes are never below 0x40.
    private static func firstUndecodableCP932Line(_ bytes: [UInt8]) -> Int {
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where String(data: Data(line), encoding: .shiftJIS) == nil {
            return number + 1
        }
        return 1
    }

    enum IconvResult {
        case decoded(String)
        case failed(offset: Int, incomplete: Bool)
        case unavailable
    }

    static func iconvToUTF8(_ bytes: [UInt8], from encoding: String) -> IconvResult {
        let converter = iconv_open("UTF-8", encoding)
        if converter == iconv_t(bitPattern: -1) { return .unavailable }
        defer { iconv_close(converter) }
        if bytes.isEmpty { return .decoded("") }
        var input = bytes.map { CChar(bitPattern: $0) }
        // CP932 never takes more than 3 UTF-8 bytes per input byte (half-width katakana).
        var output = [CChar](repeating: 0, count: bytes.count * 3 + 16)
        let total = input.count
        var failure: (offset: Int, incomplete: Bool)?
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 {
                    failure = (total - inLeft, errno == EINVAL)
                }
                produced = outBuffer.count - outLeft
            }
        }
        if let failure { return .failed(offset: failure.offset, incomplete: failure.incomplete) }
        let utf8 = output[..<produced].map { UInt8(bitPattern: $0) }
        return .decoded(String(decoding: utf8, as: UTF8.self))
    }

    // MARK: Helpers

    /// NUL characters mean UTF-16 without a mark or a binary file (an .xlsx renamed to .csv).
    static func rejectNUL(_ text: String, path: String) throws(LedgerError) {
        guard let index = text.unicodeScalars.firstIndex(of: "\0") else { return }
        let prefix = String(text.unicodeScalars[..<index])
        let (line, column) = endPosition(of: prefix)
        throw LedgerError(.encoding, file: path, line: line, column: column,
                          message: "NUL byte in the file: this is not a CSV text file (UTF-16 without a byte-order "
                              + "mark, or a spreadsheet such as .xlsx saved under a .csv name)")
    }

    /// The 1-based line and column just after `prefix`, counting lines as the CSV reader does.
    static func endPosition(of prefix: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var afterCR = false
        for scalar in prefix.unicodeScalars {
            switch scalar {
            case "\r":
                line += 1; column = 1; afterCR = true
            case "\n":
                if !afterCR { line += 1; column = 1 }
                afterCR = false
            default:
                column += 1; afterCR = false
            }
        }
        return (line, column)
    }

    static func hex(_ bytes: [UInt8], at offset: Int) -> String {
        let shown = bytes[offset..<min(bytes.count, offset + 2)]
        return shown.map { b in
            let digits = String(b, radix: 16, uppercase: true)
            return "0x" + (digits.count == 1 ? "0" + digits : digits)
        }.joined(separator: " ")
    }
}
