import Glibc

/// Gives up root once sockets and capture handles are open, so that the decoders
/// (which parse hostile input) never run with privileges.
public enum PrivilegeDrop {
    /// Switches to `user`'s uid/gid and drops supplementary groups; verifies it cannot regain root.
    public static func drop(to user: String) throws {
        guard let pw = getpwnam(user) else { throw CaptureError(.input, "no such user '\(user)'") }
        let uid = pw.pointee.pw_uid
        let gid = pw.pointee.pw_gid
        guard setgroups(0, nil) == 0 || geteuid() != 0 else {
            throw CaptureError(.runtime, "setgroups: \(String(cString: strerror(errno)))")
        }
        guard setgid(gid) == 0 else { throw CaptureError(.runtime, "setgid(\(gid)): \(String(cString: strerror(errno)))") }
        guard setuid(uid) == 0 else { throw CaptureError(.runtime, "setuid(\(uid)): \(String(cString: strerror(errno)))") }
        if uid != 0 && (setuid(0) == 0 || geteuid() == 0) {
            throw CaptureError(.runtime, "privilege drop to '\(user)' did not stick")
        }
    }
}
