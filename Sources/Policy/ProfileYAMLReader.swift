import Foundation
import Yams

/// Walks a composed YAML node tree with the type checks the profile schema needs, turning every
/// mismatch into a located diagnostic instead of throwing, so one pass reports every problem.
struct ProfileYAMLReader {
    let file: String
    private(set) var diagnostics: [LintDiagnostic] = []

    init(file: String) { self.file = file }

    /// One `key: value` pair of a mapping, with the key's position.
    struct Pair {
        let key: String
        let keyNode: Node
        let value: Node
        let location: LintLocation
    }

    // MARK: Diagnostics

    func location(of node: Node) -> LintLocation {
        LintLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ message: String, at location: LintLocation) {
        diagnostics.append(LintDiagnostic(.error, at: location, message))
    }
    mutating func error(_ message: String, at node: Node) { error(message, at: location(of: node)) }
    mutating func warning(_ message: String, at location: LintLocation) {
        diagnostics.append(LintDiagnostic(.warning, at: location, message))
    }
    mutating func warning(_ message: String, at node: Node) { warning(message, at: location(of: node)) }

    /// The node's resolved tag (`tag:yaml.org,2002:int` …); quoted scalars are always strings.
    static func tagName(_ node: Node) -> Tag.Name { Tag.Name(rawValue: node.tag.rawValue) }

    /// How a node looks, for "expected X, found Y" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch ProfileYAMLReader.tagName(node) {
            case .null: return "an empty value"
            case .bool: return "a boolean (\(scalar.string))"
            case .int: return "an integer (\(scalar.string))"
            case .float: return "a number (\(scalar.string))"
            default: return "a string ('\(scalar.string.prefix(40))')"
            }
        }
    }

    // MARK: Structure

    /// The pairs of a mapping, or nil (with an error) when `node` is something else.
    mutating func pairs(_ node: Node, _ what: String) -> [Pair]? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping, found \(Self.describe(node))", at: node)
            return nil
        }
        var result: [Pair] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("\(what): keys must be plain names, found \(Self.describe(keyNode))", at: keyNode)
                continue
            }
            result.append(Pair(key: scalar.string, keyNode: keyNode, value: value, location: location(of: keyNode)))
        }
        return result
    }

    /// Reports every key not in `allowed` (with a did-you-mean) and returns the known pairs by key.
    mutating func known(_ pairs: [Pair], allowed: [String], in context: String) -> [String: Pair] {
        var result: [String: Pair] = [:]
        for pair in pairs {
            if allowed.contains(pair.key) {
                result[pair.key] = pair
            } else {
                error("unknown key '\(pair.key)' in \(context)\(LintSuggestion.didYouMean(pair.key, among: allowed))", at: pair.location)
            }
        }
        return result
    }

    /// The items of a list, or nil (with an error) when `node` is something else.
    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list, found \(Self.describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// A non-empty scalar as text. Numbers and booleans are accepted as written (free text such
    /// as `version: 1.0`); only mappings, lists and empty values are wrong.
    mutating func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, ProfileYAMLReader.tagName(node) != .null else {
            error("\(what) must be text, found \(Self.describe(node))", at: node)
            return nil
        }
        guard !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            error("\(what) must not be empty", at: node)
            return nil
        }
        return scalar.string
    }

    /// Like `text` but nil without an error for an explicit empty value (`key:` or `key: null`).
    mutating func optionalText(_ node: Node, _ what: String) -> String? {
        if case .scalar = node, ProfileYAMLReader.tagName(node) == .null { return nil }
        return text(node, what)
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar = node, ProfileYAMLReader.tagName(node) == .bool, let value = node.bool else {
            error("\(what) must be true or false, found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    mutating func int(_ node: Node, _ what: String) -> Int? {
        guard case .scalar = node, ProfileYAMLReader.tagName(node) == .int else {
            error("\(what) must be an integer, found \(Self.describe(node))", at: node)
            return nil
        }
        guard let value = node.int else {
            error("\(what) \(Self.describe(node)) is too large", at: node)
            return nil
        }
        return value
    }

    /// A `YYYY-MM-DD` date (YAML may tag it as a timestamp; the text is parsed strictly here).
    mutating func date(_ node: Node, _ what: String) -> ProfileDate? {
        guard case .scalar(let scalar) = node, ProfileYAMLReader.tagName(node) != .null else {
            error("\(what) must be a date (YYYY-MM-DD), found \(Self.describe(node))", at: node)
            return nil
        }
        guard let date = ProfileDate(scalar.string) else {
            error("\(what) '\(scalar.string)' is not a valid date (YYYY-MM-DD)", at: node)
            return nil
        }
        return date
    }

    /// One member of a closed vocabulary.
    mutating func member(_ node: Node, of domain: [String], _ what: String) -> String? {
        // YAML reads a plain `null` as "no value", but `null` is also a cipher class; in a closed
        // vocabulary the written word is what the author meant.
        let written: String?
        if case .scalar(let scalar) = node, Self.tagName(node) == .null, domain.contains(scalar.string) {
            written = scalar.string
        } else {
            written = text(node, what)
        }
        guard let value = written else { return nil }
        guard domain.contains(value) else {
            error("unknown value '\(value)' for \(what)\(LintSuggestion.didYouMean(value, among: domain)) (expected one of: \(domain.joined(separator: ", ")))", at: node)
            return nil
        }
        return value
    }

    /// A list of text items, each with its position.
    mutating func textList(_ node: Node, _ what: String) -> [ProfileLocated<String>]? {
        guard let items = sequence(node, what) else { return nil }
        var result: [ProfileLocated<String>] = []
        for item in items {
            if let value = text(item, "each item of \(what)") { result.append(ProfileLocated(value, at: location(of: item))) }
        }
        return result
    }
}
