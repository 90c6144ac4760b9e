/// Escaping for each output syntax. Hostnames, vendor strings and banners come from the network and
/// are hostile: every reporter passes data through one of these before it touches markup or a terminal.
enum Escape {
    /// HTML text and double- or single-quoted attribute values. Control characters are dropped (they are
    /// parse errors in HTML and never meaningful in a report); bidirectional overrides are shown as
    /// `\u{202E}` so that a hostname cannot make itself read backwards.
    static func html(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isDroppedControl(scalar) { continue }
                if isBidiControl(scalar) { out += visible(scalar); continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML 1.0 text and attribute values. Characters XML 1.0 cannot carry at all (C0 controls other than
    /// tab, LF and CR, and U+FFFE/U+FFFF) are removed; in attributes, tab/LF/CR become character
    /// references so that attribute-value normalisation does not turn them into spaces.
    static func xml(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text safe to print on a terminal: control characters (C0, DEL, C1 — including ESC, which starts
    /// ANSI sequences) and bidirectional overrides, which can make a line read differently from what it
    /// holds, are shown as visible `\u{…}` escapes instead of being interpreted.
    static func terminal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isBidiControl(scalar) {
                out += visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON text placed inside an HTML `<script>` element: `<`, `>` and `&` become `\u003c`-style escapes,
    /// so no `</script>` or `<!--` can close or confuse the element, and U+2028/U+2029 are escaped
    /// because older JavaScript parsers treat them as line ends. The result is equivalent JSON.
    static func jsonForScriptElement(_ json: String) -> String {
        var out = ""
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
    /// A field starting with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe so that spreadsheet
    /// programs show it as text instead of running it as a formula (CSV injection).
    static func csv(_ text: String) -> String {
        var field = ""
        for scalar in text.unicodeScalars where !isDroppedControl(scalar) { field.unicodeScalars.append(scalar) }
        if let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            field = "'" + field
        }
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        var quoted = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }

    /// `\u{1B}`: a character that must not act, written so that a reader still sees it was there.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// C0 controls except tab, LF and CR; DEL; C1 controls.
    static func isDroppedControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v)
    }

    /// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
