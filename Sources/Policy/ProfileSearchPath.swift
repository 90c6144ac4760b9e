import Foundation

/// Where profile ids (`extends: jpma-standard`, `profile show recommended`) are looked up, in
/// order: `$NETAUDIT_PROFILES` (colon-separated), `profiles/` in the working directory,
/// `../share/netaudit/profiles` next to the executable, `/usr/local/share/netaudit/profiles`,
/// `/usr/share/netaudit/profiles`. The first directory holding `<id>.yaml` wins.
public struct ProfileSearchPath: Sendable, Equatable {
    public var directories: [URL]

    public init(directories: [URL]) { self.directories = directories }

    /// The standard search path for this process.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                executable: URL? = Bundle.main.executableURL) -> ProfileSearchPath {
        var directories: [URL] = []
        if let fromEnvironment = environment["NETAUDIT_PROFILES"] {
            for part in fromEnvironment.split(separator: ":") where !part.isEmpty {
                directories.append(URL(fileURLWithPath: String(part), relativeTo: currentDirectory).standardizedFileURL)
            }
        }
        directories.append(currentDirectory.appendingPathComponent("profiles").standardizedFileURL)
        if let executable {
            let binDirectory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            directories.append(binDirectory.appendingPathComponent("../share/netaudit/profiles").standardizedFileURL)
        }
        directories.append(URL(fileURLWithPath: "/usr/local/share/netaudit/profiles"))
        directories.append(URL(fileURLWithPath: "/usr/share/netaudit/profiles"))
        var seen = Set<String>()
        return ProfileSearchPath(directories: directories.filter { seen.insert($0.path).inserted })
    }

    /// The file for profile `id`, or nil when no directory has one.
    public func locate(id: String) -> URL? {
        guard ProfileReference.isID(id) else { return nil }
        for directory in directories {
            for ext in ["yaml", "yml"] {
                let candidate = directory.appendingPathComponent("\(id).\(ext)")
                if FileManager.default.isReadableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Every profile id found, each with the file that wins for it, sorted by id.
    public func availableProfiles() -> [(id: String, file: URL)] {
        var found: [String: URL] = [:]
        for directory in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let id = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
                if found[id] == nil, ProfileReference.isID(id) { found[id] = directory.appendingPathComponent(name) }
            }
        }
        return found.keys.sorted().compactMap { id in found[id].map { (id, $0) } }
    }
}

/// How `extends:` entries and command-line arguments name a profile.
public enum ProfileReference {
    /// True for a bare id (`jpma-standard`); false for anything path-like (`./base.yaml`, `a/b`).
    public static func isID(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("/") && !text.hasSuffix(".yaml") && !text.hasSuffix(".yml")
            && text.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) != nil
    }
}
