import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, started with `posix_spawn` and reaped with `waitpid`.
///
/// Not Foundation's `Process`: `Process` learns of a child's exit through a socket the child
/// inherits, so one child anywhere in the test run that closes its inherited descriptors (dnsmasq
/// does, at start-up) leaves Foundation blocked in `waitpid` on it, and every later `Process` wait
/// in the whole test process hangs. Here each wait is a `waitpid` on the one PID this object started,
/// and a timeout kills that PID and nothing else.
///
/// Standard input is always /dev/null. Output goes to files (never pipes, which can fill up):
/// - ``run(_:environment:timeout:resetSignals:)`` runs to completion and returns the output;
/// - ``spawn(_:environment:stdout:stderr:resetSignals:)`` starts a process in the background, to
///   signal (by ``pid``), poll (``isRunning``) and wait for later.
public final class Subprocess {
    /// How a process ended.
    public enum Status: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32), signaled(Int32), timedOut

        /// The shell's number for it: the exit code, 128 + the signal, or -1 when it timed out.
        public var code: Int32 {
            switch self {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            case .timedOut: -1
            }
        }

        public var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signaled(let signal): "signal \(signal)"
            case .timedOut: "timed out"
            }
        }
    }

    /// Where standard output or error goes.
    public enum Output: Sendable {
        /// Created or truncated, with this mode when created.
        case file(String, mode: mode_t = 0o600)
        /// /dev/null.
        case discard
    }

    /// The output of ``run(_:environment:timeout:resetSignals:)``.
    public struct Result: Sendable {
        public var status: Status
        public var stdoutData: Data
        public var stderrData: Data
        public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var program: String
        public var errno: Int32
        public var description: String { "posix_spawn \(program): \(String(cString: strerror(errno)))" }
    }

    public let pid: pid_t
    /// Set once the process has been reaped.
    public private(set) var status: Status?

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `argv` (`argv[0]` is a path; no PATH search) in the background.
    ///
    /// - Parameters:
    ///   - environment: added to (or replacing entries of) this process's environment.
    ///   - resetSignals: start the child with nothing blocked and SIGINT, SIGTERM, SIGPIPE and SIGCHLD
    ///     at their default actions, whatever the calling thread has (a libdispatch worker blocks
    ///     most of them). Needed when the test signals the child.
    ///   - directory: the child's working directory (default: this process's).
    ///   - stdin: a file to read standard input from (default /dev/null).
    public static func spawn(_ argv: [String], environment: [String: String] = [:],
                             stdout: Output, stderr: Output, resetSignals: Bool = false,
                             directory: String? = nil, stdin: String? = nil, unset: Set<String> = []) throws -> Subprocess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let directory {
            // glibc ≥ 2.29; not exported by Glibc's module map here, hence dlsym.
            guard let sym = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { throw SpawnError(program: argv[0], errno: ENOSYS) }
            typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
            let rc = unsafeBitCast(sym, to: AddChdir.self)(&actions, directory)
            guard rc == 0 else { throw SpawnError(program: argv[0], errno: rc) }
        }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        for (fd, output) in [(Int32(1), stdout), (2, stderr)] {
            switch output {
            case .file(let path, let mode): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, mode)
            case .discard: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if resetSignals {
            var none = sigset_t(), defaults = sigset_t()
            sigemptyset(&none)
            sigemptyset(&defaults)
            for sig in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, sig) }
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        }

        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = []
        if !environment.isEmpty || !unset.isEmpty {
            let merged = ProcessInfo.processInfo.environment.filter { !unset.contains($0.key) }.merging(environment) { $1 }
            cEnv = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for p in cArgs + cEnv { free(p) } }
        var pid: pid_t = 0
        let rc = cEnv.isEmpty
            ? posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, environ)
            : posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw SpawnError(program: argv[0], errno: rc) }
        return Subprocess(pid: pid)
    }

    /// Runs `argv` to completion with its output captured (through temporary files, removed after).
    /// With a `timeout` (seconds), a process still running then is killed by PID and the status is
    /// `.timedOut`; without one, it is waited for however long it takes.
    /// `directory` is the child's working directory; `input` is written to a file the child reads as standard input.
    public static func run(_ argv: [String], environment: [String: String] = [:], timeout: Double? = nil,
                           resetSignals: Bool = false, directory: String? = nil, input: Data? = nil,
                           unset: Set<String> = []) throws -> Result {
        let base = NSTemporaryDirectory() + "netaudit-subprocess-\(getpid())-\(UUID().uuidString)"
        defer { unlink(base + ".out"); unlink(base + ".err"); unlink(base + ".in") }
        if let input { FileManager.default.createFile(atPath: base + ".in", contents: input) }
        let process = try spawn(argv, environment: environment, stdout: .file(base + ".out"), stderr: .file(base + ".err"),
                                resetSignals: resetSignals, directory: directory, stdin: input == nil ? nil : base + ".in", unset: unset)
        let status = timeout.map { process.wait(killingAfter: $0) } ?? process.wait()
        return Result(status: status, stdoutData: FileManager.default.contents(atPath: base + ".out") ?? Data(),
                      stderrData: FileManager.default.contents(atPath: base + ".err") ?? Data())
    }

    /// Reaps the process if it has exited (WNOHANG); true while it runs.
    public var isRunning: Bool {
        if status != nil { return false }
        var raw: Int32 = 0
        let r = waitpid(pid, &raw, WNOHANG)
        if r == pid { status = Self.decode(raw); return false }
        if r < 0 && errno != EINTR { status = .exited(-1); return false }   // not our child any more
        return true
    }

    /// Sends `signal` to this process (by PID); the result of kill(2).
    @discardableResult
    public func signal(_ signal: Int32) -> Int32 { kill(pid, signal) }

    /// Waits for the exit, however long it takes.
    @discardableResult
    public func wait() -> Status {
        if let status { return status }
        var raw: Int32 = 0
        while true {
            let r = waitpid(pid, &raw, 0)
            if r == pid { status = Self.decode(raw); break }
            if r < 0 && errno != EINTR { status = .exited(-1); break }
        }
        return status!
    }

    /// Waits up to `timeout` seconds; nil if it is still running then (it is left running).
    public func wait(timeout: Double) -> Status? {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
        return status
    }

    /// Waits up to `timeout` seconds, then kills the process with SIGKILL (by PID), reaps it and
    /// returns `.timedOut`.
    public func wait(killingAfter timeout: Double) -> Status {
        if let status = wait(timeout: timeout) { return status }
        kill(pid, SIGKILL)
        _ = wait()
        status = .timedOut
        return .timedOut
    }

    /// WIFEXITED / WEXITSTATUS / WTERMSIG by hand: the C macros are not imported.
    private static func decode(_ raw: Int32) -> Status {
        let signal = raw & 0x7F
        return signal == 0 ? .exited((raw >> 8) & 0xFF) : .signaled(signal)
    }
}
