import Foundation
import NetAddress
import Yams

/// The outcome of reading one profile file: the typed profile (nil only when the YAML itself is
/// unusable) and every problem found on the way.
public struct ProfileParseResult: Sendable {
    public var profile: Profile?
    public var diagnostics: [LintDiagnostic]
}

/// Reads one profile file with Yams' node API, so every value keeps its line and column, and
/// checks it against the schema: unknown keys, wrong types, values outside their domain. It
/// never stops at the first problem. Cross-file checks (`extends:`, contradictions, expiry)
/// happen when the profile is resolved.
public enum ProfileParser {
    /// The keys each level of the schema accepts (also used by `docs/profile-schema.md` tests).
    public enum Keys {
        public static let root = ["metadata", "extends", "scope", "approvers", "rules", "exceptions"]
        public static let metadata = ["id", "title", "source", "language", "description", "notes"]
        public static let source = ["document", "title", "version", "date", "url"]
        public static let scope = ["ip_only_matching", "wireless_scope", "sites", "ssids", "citations"]
        public static let site = ["name", "subnets", "description"]
        public static let ssid = ["name", "bssids", "confidential"]
        public static let approvers = ["roles", "citations"]
        public static let rule = ["enabled", "severity", "allow_exceptions", "params", "citations", "note"]
        public static let citedParam = ["value", "citations"]
        public static let citation = ["document", "section", "quote", "english", "url", "org_decision"]
        public static let exception = ["id", "rules", "match", "approver", "approver_role", "reason", "approved", "expires", "approval_ref"]
        public static let match = ["mac", "ip", "asset_id", "endpoint", "bssid", "ssid"]
    }

    /// Languages a profile's prose may be written in.
    public static let languages = ["ja", "en"]

    /// Parses `yaml`, attributing locations to `file`.
    public static func parse(yaml: String, file: String) -> ProfileParseResult {
        var reader = ProfileYAMLReader(file: file)
        let text = yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return ProfileParseResult(profile: nil, diagnostics: [syntaxDiagnostic(error, yaml: text, file: file)])
        }
        guard let root else {
            reader.error("profile is empty: expected a mapping with metadata and rules", at: LintLocation(file: file, line: 1, column: 1))
            return ProfileParseResult(profile: nil, diagnostics: reader.diagnostics)
        }
        guard let rootPairs = reader.pairs(root, "a profile") else {
            return ProfileParseResult(profile: nil, diagnostics: reader.diagnostics)
        }
        var profile = Profile(file: file)
        let top = reader.known(rootPairs, allowed: Keys.root, in: "the profile")
        if let pair = top["metadata"] { profile.metadata = parseMetadata(pair, &reader) } else {
            reader.error("missing 'metadata' (id, title, source, language)", at: reader.location(of: root))
        }
        if let pair = top["extends"] { profile.extends = parseExtends(pair, &reader) }
        if let pair = top["scope"] { profile.scope = parseScope(pair, &reader) }
        if let pair = top["approvers"] { profile.approvers = parseApprovers(pair, &reader) }
        if let pair = top["rules"] { profile.rules = parseRules(pair, &reader) }
        if let pair = top["exceptions"] { profile.exceptions = parseExceptions(pair, &reader) }
        return ProfileParseResult(profile: profile, diagnostics: reader.diagnostics)
    }

    // MARK: Syntax errors

    static func syntaxDiagnostic(_ error: Error, yaml: String, file: String) -> LintDiagnostic {
        func at(_ mark: Mark) -> LintLocation { LintLocation(file: file, line: max(1, mark.line), column: max(1, mark.column)) }
        guard let yamlError = error as? YamlError else {
            return LintDiagnostic(.error, at: LintLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return LintDiagnostic(.error, at: at(mark), "YAML syntax error: \(problem)\(while_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let second = secondOccurrence(of: key, after: context.mark, in: yaml)
            let location = second.map { LintLocation(file: file, line: $0.line, column: $0.column) } ?? at(context.mark)
            return LintDiagnostic(.error, at: location,
                                  "duplicate key '\(key)' (first defined at line \(context.mark.line))")
        case .reader(let problem, let offset, _, _):
            let (line, column) = offset.map { lineAndColumn(ofCharacterOffset: $0, in: yaml) } ?? (1, 1)
            return LintDiagnostic(.error, at: LintLocation(file: file, line: line, column: column), "cannot read YAML: \(problem)")
        default:
            return LintDiagnostic(.error, at: LintLocation(file: file, line: 1, column: 1), "cannot read YAML: \(yamlError)")
        }
    }

    /// Yams reports a duplicated key at its first occurrence; the mistake is usually the second,
    /// so look for the same key at the same indentation further down.
    private static func secondOccurrence(of key: String, after first: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let indent = first.column - 1
        for index in first.line..<lines.count {
            let line = Array(lines[index].unicodeScalars)
            guard line.count > indent, line[..<indent].allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = String(String.UnicodeScalarView(line[indent...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                let after = rest.dropFirst(candidate.count).drop { $0 == " " }
                if after.hasPrefix(":") { return (index + 1, first.column) }
            }
        }
        return nil
    }

    private static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
        }
        return (line, column)
    }

    // MARK: metadata, extends, approvers

    private static func parseMetadata(_ pair: ProfileYAMLReader.Pair, _ reader: inout ProfileYAMLReader) -> ProfileMetadata {
        var metadata = ProfileMetadata(location: pair.location)
        guard let pairs = reader.pairs(pair.value, "metadata") else { return metadata }
        let keys = reader.known(pairs, allowed: Keys.metadata, in: "metadata")
        if let id = keys["id"], let value = reader.text(id.value, "metadata.id") {
            if value.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) == nil {
                reader.error("metadata.id '\(value)' must be lower-case letters, digits, '.', '_' or '-'", at: id.value)
            }
            metadata.id = ProfileLocated(value, at: reader.location(of: id.value))
        } else if keys["id"] == nil {
            reader.error("metadata needs an 'id'", at: pair.location)
        }
        if let title = keys["title"] { metadata.title = reader.text(title.value, "metadata.title") } else {
            reader.error("metadata needs a 'title'", at: pair.location)
        }
        if let language = keys["language"] {
            metadata.language = reader.member(language.value, of: languages, "metadata.language")
        }
        if let description = keys["description"] { metadata.description = reader.text(description.value, "metadata.description") }
        if let notes = keys["notes"] { metadata.notes = reader.textList(notes.value, "metadata.notes")?.map(\.value) ?? [] }
        if let source = keys["source"], let sourcePairs = reader.pairs(source.value, "metadata.source") {
            let fields = reader.known(sourcePairs, allowed: Keys.source, in: "metadata.source")
            var document = ProfileSourceDocument()
            if let field = fields["document"] { document.document = reader.text(field.value, "metadata.source.document") }
            if let field = fields["title"] { document.title = reader.text(field.value, "metadata.source.title") }
            if let field = fields["version"] { document.version = reader.optionalText(field.value, "metadata.source.version") }
            if let field = fields["date"], !isNull(field.value) { document.date = reader.date(field.value, "metadata.source.date") }
            if let field = fields["url"], let url = reader.text(field.value, "metadata.source.url") {
                checkURL(url, node: field.value, &reader)
                document.url = url
            }
            metadata.source = document
        }
        return metadata
    }

    private static func parseExtends(_ pair: ProfileYAMLReader.Pair, _ reader: inout ProfileYAMLReader) -> [ProfileLocated<String>] {
        if case .sequence = pair.value {
            let items = reader.textList(pair.value, "extends") ?? []
            if items.isEmpty { reader.error("extends is an empty list", at: pair.value) }
            return items
        }
        guard let value = reader.text(pair.value, "extends (a profile id, a relative path, or a list of them)") else { return [] }
        return [ProfileLocated(value, at: reader.location(of: pair.value))]
    }

    private static func parseApprovers(_ pair: ProfileYAMLReader.Pair, _ reader: inout ProfileYAMLReader) -> ProfileApprovers? {
        guard let pairs = reader.pairs(pair.value, "approvers") else { return nil }
        let keys = reader.known(pairs, allowed: Keys.approvers, in: "approvers")
        guard let rolesPair = keys["roles"] else {
            reader.error("approvers needs 'roles' (the roles allowed to approve exceptions)", at: pair.location)
            return nil
        }
        guard let roles = reader.textList(rolesPair.value, "approvers.roles") else { return nil }
        if roles.isEmpty { reader.error("approvers.roles is empty", at: rolesPair.value) }
        let citations = keys["citations"].map { parseCitations($0.value, "approvers.citations", &reader) } ?? []
        return ProfileApprovers(roles: ProfileLocated(roles.map(\.value), at: reader.location(of: rolesPair.value)),
                                citations: citations, location: pair.location)
    }

    // MARK: scope

    private static func parseScope(_ pair: ProfileYAMLReader.Pair, _ reader: inout ProfileYAMLReader) -> ProfileScope {
        var scope = ProfileScope(location: pair.location)
        guard let pairs = reader.pairs(pair.value, "scope") else { return scope }
        let keys = reader.known(pairs, allowed: Keys.scope, in: "scope")
        if let field = keys["ip_only_matching"], let value = reader.bool(field.value, "scope.ip_only_matching") {
            scope.ipOnlyMatching = ProfileLocated(value, at: reader.location(of: field.value))
        }
        if let field = keys["wireless_scope"],
           let raw = reader.member(field.value, of: RuleCatalog.WirelessScope.allCases.map(\.rawValue), "scope.wireless_scope"),
           let value = RuleCatalog.WirelessScope(rawValue: raw) {
            scope.wirelessScope = ProfileLocated(value, at: reader.location(of: field.value))
        }
        if let field = keys["citations"] { scope.citations = parseCitations(field.value, "scope.citations", &reader) }
        if let field = keys["sites"], let items = reader.sequence(field.value, "scope.sites") {
            var seen: [String: LintLocation] = [:]
            for item in items {
                guard let site = parseSite(item, &reader) else { continue }
                if let first = seen[site.name.value] {
                    reader.error("duplicate site name '\(site.name.value)' (first at line \(first.line))", at: site.name.location)
                }
                seen[site.name.value] = site.name.location
                scope.sites.append(site)
            }
        }
        if let field = keys["ssids"], let items = reader.sequence(field.value, "scope.ssids") {
            var seen: [String: LintLocation] = [:]
            for item in items {
                guard let ssid = parseSSID(item, &reader) else { continue }
                if let first = seen[ssid.name.value] {
                    reader.error("duplicate SSID '\(ssid.name.value)' (first at line \(first.line))", at: ssid.name.location)
                }
                seen[ssid.name.value] = ssid.name.location
                scope.ssids.append(ssid)
            }
        }
        return scope
    }

    private static func parseSite(_ node: Node, _ reader: inout ProfileYAMLReader) -> ProfileSite? {
        guard let pairs = reader.pairs(node, "a site") else { return nil }
        let keys = reader.known(pairs, allowed: Keys.site, in: "a site")
        guard let namePair = keys["name"], let name = reader.text(namePair.value, "site name") else {
            if keys["name"] == nil { reader.error("a site needs a 'name'", at: node) }
            return nil
        }
        var subnets: [ProfileLocated<IPv4Network>] = []
        if let field = keys["subnets"], let items = reader.sequence(field.value, "subnets of site '\(name)'") {
            if items.isEmpty { reader.error("site '\(name)' has an empty subnets list", at: field.value) }
            for item in items {
                guard let text = reader.text(item, "a subnet") else { continue }
                guard text.contains("/"), let network = IPv4Network(text) else {
                    reader.error("'\(text)' is not an IPv4 subnet in CIDR form (e.g. 192.168.10.0/24)", at: item)
                    continue
                }
                let written = text.split(separator: "/")[0]
                if IPv4Address(written) != network.network {
                    reader.warning("subnet '\(text)' has host bits set; it is read as \(network)", at: item)
                }
                subnets.append(ProfileLocated(network, at: reader.location(of: item)))
            }
        } else if keys["subnets"] == nil {
            reader.error("site '\(name)' needs 'subnets' (a list of IPv4 CIDRs)", at: node)
        }
        let description = keys["description"].flatMap { reader.text($0.value, "site description") }
        return ProfileSite(name: ProfileLocated(name, at: reader.location(of: namePair.value)), subnets: subnets,
                           description: description, location: reader.location(of: node))
    }

    private static func parseSSID(_ node: Node, _ reader: inout ProfileYAMLReader) -> ProfileSSID? {
        guard let pairs = reader.pairs(node, "an SSID") else { return nil }
        let keys = reader.known(pairs, allowed: Keys.ssid, in: "an SSID")
        guard let namePair = keys["name"], let name = reader.text(namePair.value, "SSID name") else {
            if keys["name"] == nil { reader.error("an SSID entry needs a 'name'", at: node) }
            return nil
        }
        if name.utf8.count > 32 {
            reader.error("SSID '\(name)' is \(name.utf8.count) bytes long; IEEE 802.11 allows at most 32", at: namePair.value)
        }
        var bssids: [ProfileLocated<MACAddress>] = []
        if let field = keys["bssids"], let items = reader.sequence(field.value, "bssids of SSID '\(name)'") {
            for item in items {
                guard let text = reader.text(item, "a BSSID") else { continue }
                guard let mac = MACAddress(text) else {
                    reader.error("'\(text)' is not a MAC address (e.g. 00:11:22:33:44:55)", at: item)
                    continue
                }
                bssids.append(ProfileLocated(mac, at: reader.location(of: item)))
            }
        }
        let confidential = keys["confidential"].flatMap { reader.bool($0.value, "confidential") } ?? false
        return ProfileSSID(name: ProfileLocated(name, at: reader.location(of: namePair.value)), bssids: bssids,
                           confidential: confidential, location: reader.location(of: node))
    }

    // MARK: rules

    private static func parseRules(_ pair: ProfileYAMLReader.Pair, _ reader: inout ProfileYAMLReader) -> [ProfileRuleSetting] {
        guard let pairs = reader.pairs(pair.value, "rules") else { return [] }
        var settings: [ProfileRuleSetting] = []
        for rulePair in pairs {
            let id = ProfileLocated(rulePair.key, at: rulePair.location)
            let entry = RuleCatalog.entry(for: rulePair.key)
            if entry == nil {
                reader.error("unknown rule id '\(rulePair.key)'\(LintSuggestion.didYouMean(rulePair.key, among: RuleCatalog.ids))",
                             at: rulePair.location)
            }
            if let setting = parseRule(id: id, entry: entry, node: rulePair.value, &reader) { settings.append(setting) }
        }
        return settings
    }

    private static func parseRule(id: ProfileLocated<String>, entry: RuleCatalog.Entry?, node: Node,
                                  _ reader: inout ProfileYAMLReader) -> ProfileRuleSetting? {
        let context = "rule '\(id.value)'"
        guard let pairs = reader.pairs(node, context) else { return nil }
        let keys = reader.known(pairs, allowed: Keys.rule, in: context)
        var setting = ProfileRuleSetting(id: id)
        if let field = keys["enabled"], let value = reader.bool(field.value, "\(context) enabled") {
            setting.enabled = ProfileLocated(value, at: reader.location(of: field.value))
        }
        if let field = keys["severity"],
           let raw = reader.member(field.value, of: Severity.allCases.map(\.rawValue), "severity of \(context)"),
           let severity = Severity(rawValue: raw) {
            setting.severity = ProfileLocated(severity, at: reader.location(of: field.value))
        }
        if let field = keys["allow_exceptions"], let value = reader.bool(field.value, "\(context) allow_exceptions") {
            setting.allowExceptions = ProfileLocated(value, at: reader.location(of: field.value))
        }
        if let field = keys["note"] { setting.note = reader.text(field.value, "\(context) note") }
        if let field = keys["citations"] { setting.citations = parseCitations(field.value, "citations of \(context)", &reader) }
        if let field = keys["params"], let paramPairs = reader.pairs(field.value, "params of \(context)") {
            for paramPair in paramPairs {
                guard let entry else { continue }
                guard let parameter = entry.parameter(paramPair.key) else {
                    let names = entry.parameters.map(\.name)
                    let known = names.isEmpty ? "; this rule takes no parameters" : "; known: \(names.joined(separator: ", "))"
                    reader.error("unknown parameter '\(paramPair.key)' for \(context)\(LintSuggestion.didYouMean(paramPair.key, among: names))\(known)",
                                 at: paramPair.location)
                    continue
                }
                if let param = parseParam(paramPair, parameter: parameter, ruleID: id.value, &reader) {
                    setting.params.append(param)
                } else {
                    setting.rejectedParams.append(parameter.name)
                }
            }
        }
        return setting
    }

    /// `name: value` or `name: {value: …, citations: […]}`. No parameter type is a mapping, so a
    /// mapping here is always the cited form.
    private static func parseParam(_ pair: ProfileYAMLReader.Pair, parameter: RuleCatalog.Parameter, ruleID: String,
                                   _ reader: inout ProfileYAMLReader) -> ProfileParamSetting? {
        let what = "\(ruleID).\(parameter.name)"
        var valueNode = pair.value
        var citations: [ProfileLocated<Citation>] = []
        if case .mapping = pair.value, let pairs = reader.pairs(pair.value, what) {
            let keys = reader.known(pairs, allowed: Keys.citedParam, in: what)
            guard let value = keys["value"] else {
                reader.error("\(what) is written as a mapping, so it needs 'value' (and 'citations')", at: pair.location)
                return nil
            }
            valueNode = value.value
            if let field = keys["citations"] { citations = parseCitations(field.value, "citations of \(what)", &reader) }
        }
        guard let value = parseValue(valueNode, type: parameter.type, what: what, &reader) else { return nil }
        return ProfileParamSetting(name: ProfileLocated(parameter.name, at: pair.location),
                                   value: ProfileLocated(value, at: reader.location(of: valueNode)), citations: citations)
    }

    static func parseValue(_ node: Node, type: RuleCatalog.ParameterType, what: String,
                           _ reader: inout ProfileYAMLReader) -> ProfileValue? {
        switch type {
        case .bool:
            return reader.bool(node, what).map(ProfileValue.bool)
        case .int(let range):
            guard let value = reader.int(node, what) else { return nil }
            guard range.contains(value) else {
                reader.error("\(what) is \(value), outside its range \(range.lowerBound)…\(range.upperBound)", at: node)
                return nil
            }
            return .int(value)
        case .string, .path:
            return reader.text(node, what).map(ProfileValue.string)
        case .enumeration(let domain):
            return reader.member(node, of: domain, what).map(ProfileValue.string)
        case .enumList(let domain):
            return enumeratedList(node, domain: domain, what: what, &reader)
        case .cipherClassList:
            return enumeratedList(node, domain: RuleCatalog.CipherClass.allCases.map(\.rawValue), what: what, &reader)
        case .stringList(let kind):
            guard let items = reader.sequence(node, what) else { return nil }
            var values: [String] = []
            for item in items {
                guard let text = reader.text(item, "each item of \(what)") else { continue }
                if kind == .ipv4OrMAC, IPv4Address(text) == nil, MACAddress(text) == nil {
                    reader.error("'\(text)' in \(what) is neither an IPv4 address nor a MAC address", at: item)
                    continue
                }
                values.append(text)
            }
            return .strings(values)
        case .portList:
            guard let items = reader.sequence(node, what) else { return nil }
            var ports: [ProfilePortRange] = []
            for item in items {
                guard case .scalar(let scalar) = item, ProfileYAMLReader.tagName(item) != .null else {
                    reader.error("each item of \(what) must be a port such as 23, '23/tcp' or '6000-6063/udp', found \(ProfileYAMLReader.describe(item))", at: item)
                    continue
                }
                guard let range = ProfilePortRange(scalar.string) else {
                    reader.error("'\(scalar.string)' in \(what) is not a port (1…65535), range (N-M) or port/tcp|udp", at: item)
                    continue
                }
                ports.append(range)
            }
            return .ports(ports)
        }
    }

    private static func enumeratedList(_ node: Node, domain: [String], what: String,
                                       _ reader: inout ProfileYAMLReader) -> ProfileValue? {
        guard let items = reader.sequence(node, what) else { return nil }
        var values: [String] = []
        for item in items {
            guard let value = reader.member(item, of: domain, "an item of \(what)") else { continue }
            if values.contains(value) {
                reader.error("'\(value)' appears twice in \(what)", at: item)
                continue
            }
            values.append(value)
        }
        return .strings(values)
    }

    // MARK: citations

    /// A list of citations. Structural checks live here; whether a quote really occurs in its
    /// document is checked by the linter when it is given the source documents.
    static func parseCitations(_ node: Node, _ what: String, _ reader: inout ProfileYAMLReader) -> [ProfileLocated<Citation>] {
        guard let items = reader.sequence(node, what) else { return [] }
        var citations: [ProfileLocated<Citation>] = []
        for item in items {
            guard let pairs = reader.pairs(item, "a citation") else { continue }
            let keys = reader.known(pairs, allowed: Keys.citation, in: "a citation")
            var citation = Citation()
            citation.document = keys["document"].flatMap { reader.text($0.value, "citation document") }
            citation.section = keys["section"].flatMap { reader.text($0.value, "citation section") }
            citation.quote = keys["quote"].flatMap { reader.text($0.value, "citation quote") }
            citation.english = keys["english"].flatMap { reader.text($0.value, "citation english") }
            if let field = keys["url"], let url = reader.text(field.value, "citation url") {
                checkURL(url, node: field.value, &reader)
                citation.url = url
            }
            if let field = keys["org_decision"], let value = reader.bool(field.value, "org_decision") {
                citation.orgDecision = value
            }
            let location = reader.location(of: item)
            if citation.document == nil, !citation.orgDecision {
                reader.error("a citation needs a 'document' (with section, quote and english) or 'org_decision: true'", at: location)
            }
            if let document = citation.document {
                if citation.url == nil {
                    // A policy document: the clause must be findable and checkable word for word.
                    for (field, present) in [("section", citation.section != nil), ("quote", citation.quote != nil),
                                             ("english", citation.english != nil)] where !present {
                        reader.error("citation of '\(document)' needs '\(field)'", at: location)
                    }
                } else if citation.english == nil {
                    reader.error("citation of '\(document)' needs 'english' saying what the source recommends", at: location)
                }
            }
            if citation.orgDecision, citation.english == nil {
                reader.warning("org_decision citation should say in 'english' what was decided and why", at: location)
            }
            citations.append(ProfileLocated(citation, at: location))
        }
        return citations
    }

    // MARK: exceptions

    private static func parseExceptions(_ pair: ProfileYAMLReader.Pair, _ reader: inout ProfileYAMLReader) -> [ProfileException] {
        guard let items = reader.sequence(pair.value, "exceptions") else { return [] }
        var exceptions: [ProfileException] = []
        var seen: [String: LintLocation] = [:]
        for item in items {
            guard let exception = parseException(item, &reader) else { continue }
            if let first = seen[exception.id.value] {
                reader.error("duplicate exception id '\(exception.id.value)' (first at line \(first.line))", at: exception.id.location)
            }
            seen[exception.id.value] = exception.id.location
            exceptions.append(exception)
        }
        return exceptions
    }

    private static func parseException(_ node: Node, _ reader: inout ProfileYAMLReader) -> ProfileException? {
        guard let pairs = reader.pairs(node, "an exception") else { return nil }
        let keys = reader.known(pairs, allowed: Keys.exception, in: "an exception")
        let location = reader.location(of: node)
        guard let idPair = keys["id"], let id = reader.text(idPair.value, "exception id") else {
            if keys["id"] == nil { reader.error("an exception needs an 'id'", at: location) }
            return nil
        }
        let context = "exception '\(id)'"
        var exception = ProfileException(id: ProfileLocated(id, at: reader.location(of: idPair.value)), location: location)
        if let field = keys["rules"], let rules = reader.textList(field.value, "rules of \(context)") {
            for rule in rules where RuleCatalog.entry(for: rule.value) == nil {
                reader.error("unknown rule id '\(rule.value)' in \(context)\(LintSuggestion.didYouMean(rule.value, among: RuleCatalog.ids))",
                             at: rule.location)
            }
            exception.rules = rules.filter { RuleCatalog.entry(for: $0.value) != nil }
        }
        if let field = keys["match"] { exception.match = parseMatch(field.value, context: context, &reader) }
        exception.approver = keys["approver"].flatMap { reader.text($0.value, "approver of \(context)") }
        if let field = keys["approver_role"], let role = reader.text(field.value, "approver_role of \(context)") {
            exception.approverRole = ProfileLocated(role, at: reader.location(of: field.value))
        }
        exception.reason = keys["reason"].flatMap { reader.text($0.value, "reason of \(context)") }
        exception.approvalRef = keys["approval_ref"].flatMap { reader.text($0.value, "approval_ref of \(context)") }
        if let field = keys["approved"], let date = reader.date(field.value, "approved date of \(context)") {
            exception.approved = ProfileLocated(date, at: reader.location(of: field.value))
        }
        if let field = keys["expires"], let date = reader.date(field.value, "expiry of \(context)") {
            exception.expires = ProfileLocated(date, at: reader.location(of: field.value))
        }
        if keys["approver"] == nil {
            reader.error("\(context) has no approver: an exception must name who approved it", at: location)
        }
        if keys["expires"] == nil {
            reader.error("\(context) has no 'expires' date: every exception must end", at: location)
        }
        if let approved = exception.approved, let expires = exception.expires, expires.value < approved.value {
            reader.error("\(context) expires (\(expires.value)) before it was approved (\(approved.value))", at: expires.location)
        }
        if exception.match.isEmpty {
            if exception.rules.isEmpty, keys["rules"] == nil {
                reader.error("\(context) has neither 'match' nor 'rules': it would suppress every finding", at: location)
            } else if !exception.rules.isEmpty, keys["match"] == nil {
                reader.warning("\(context) has no 'match', so it suppresses every finding of \(exception.rules.map(\.value).joined(separator: ", ")); disable the rule instead if that is intended", at: location)
            }
        }
        return exception
    }

    private static func parseMatch(_ node: Node, context: String, _ reader: inout ProfileYAMLReader) -> ProfileExceptionMatch {
        var match = ProfileExceptionMatch()
        guard let pairs = reader.pairs(node, "match of \(context)") else { return match }
        let keys = reader.known(pairs, allowed: Keys.match, in: "match of \(context)")
        if let field = keys["mac"], let text = reader.text(field.value, "match.mac") {
            if let mac = MACAddress(text) { match.mac = ProfileLocated(mac, at: reader.location(of: field.value)) } else {
                reader.error("'\(text)' is not a MAC address (e.g. 00:11:22:33:44:55)", at: field.value)
            }
        }
        if let field = keys["bssid"], let text = reader.text(field.value, "match.bssid") {
            if let mac = MACAddress(text) { match.bssid = ProfileLocated(mac, at: reader.location(of: field.value)) } else {
                reader.error("'\(text)' is not a BSSID (e.g. 00:11:22:33:44:55)", at: field.value)
            }
        }
        if let field = keys["ip"], let text = reader.text(field.value, "match.ip") {
            if let network = IPv4Network(text) { match.ip = ProfileLocated(network, at: reader.location(of: field.value)) } else {
                reader.error("'\(text)' is not an IPv4 address or CIDR subnet", at: field.value)
            }
        }
        if let field = keys["endpoint"], let text = reader.text(field.value, "match.endpoint") {
            if let endpoint = ProfileEndpoint(text) { match.endpoint = ProfileLocated(endpoint, at: reader.location(of: field.value)) } else {
                reader.error("'\(text)' is not an endpoint of the form host:port", at: field.value)
            }
        }
        match.assetID = keys["asset_id"].flatMap { reader.text($0.value, "match.asset_id") }
        match.ssid = keys["ssid"].flatMap { reader.text($0.value, "match.ssid") }
        return match
    }

    // MARK: helpers

    private static func isNull(_ node: Node) -> Bool {
        if case .scalar = node, ProfileYAMLReader.tagName(node) == .null { return true }
        return false
    }

    private static func checkURL(_ url: String, node: Node, _ reader: inout ProfileYAMLReader) {
        if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
            reader.error("'\(url)' is not an http(s) URL", at: node)
        }
    }
}
