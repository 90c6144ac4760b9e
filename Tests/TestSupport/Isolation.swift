import Foundation

/// Programs on this machine, and a way to run a peer tool where it can send nothing: the
/// differential tests run tshark inside a new, empty network namespace (a capture reader may
/// resolve names; inside, there is no interface but a loopback that is down).
public enum Isolation {
    /// The executable `name` on PATH (or /usr/sbin, /sbin), or nil.
    public static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for dir in path + ["/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    public enum Unavailable: Error, CustomStringConvertible {
        case noUnshare, noNamespace
        public var description: String {
            switch self {
            case .noUnshare: "unshare (util-linux) not found"
            case .noNamespace: "cannot create a network namespace (needs root, or unprivileged user namespaces)"
            }
        }
    }

    /// The command prefix that runs a program in a new, empty network namespace, proven by looking:
    /// inside, the only interface must be `lo`.
    public static func networkNamespacePrefix() throws(Unavailable) -> [String] {
        guard let unshare = find("unshare") else { throw .noUnshare }
        for prefix in [[unshare, "--net"], [unshare, "--user", "--map-root-user", "--net"]] {
            guard let probe = try? Subprocess.run(prefix + ["cat", "/proc/net/dev"], timeout: 30), probe.status == .exited(0) else { continue }
            let interfaces = probe.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) }
            if interfaces == ["lo"] { return prefix }
        }
        throw .noNamespace
    }
}
