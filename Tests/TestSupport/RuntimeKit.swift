import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The runtime kit's scripts (`../shared/runtime`: up.sh, down.sh) for tests that bring a compose
/// file up under the real engine.
public enum RuntimeKit {
    /// `$SHIPSHAPE_SHARED/runtime`, else `../shared/runtime` beside the repository (as the judges
    /// and `scripts/e2e` find theirs).
    public static var folder: String {
        guard let shared = ProcessInfo.processInfo.environment["SHIPSHAPE_SHARED"] else {
            return Repository.path("../shared/runtime")
        }
        return (shared as NSString).appendingPathComponent("runtime")
    }

    /// Runs `script` with `arguments`, its output appended to `log`; returns its exit code. The
    /// engine's daemons (conmon) would inherit this process's pipes and hold them open: the
    /// script runs from Python, which closes every other descriptor, writing to the file. It
    /// also unblocks every signal: the test runner's worker threads block them, a spawned
    /// process inherits that mask, and down.sh stops the health-check driver with SIGTERM (a
    /// driver started with it blocked outlived every run, checking containers in a loop).
    public static func run(_ script: String, _ arguments: [String], log: String) throws -> Int32 {
        let call = "import signal, subprocess, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); "
            + "log = open(sys.argv[1], 'a'); "
            + "sys.exit(subprocess.call(['bash'] + sys.argv[2:], stdin=subprocess.DEVNULL, stdout=log, stderr=log))"
        return try Processes.run("python3", ["-c", call, log, "\(folder)/\(script)"] + arguments).exitCode
    }

    /// Runs `body` holding the lock `scripts/e2e` takes (host ports and the engine are the
    /// machine's: one stack at a time). A test that runs `scripts/e2e` itself must not hold it.
    public static func exclusive<T>(_ body: () throws -> T) throws -> T {
        let fd = open("/tmp/shipshape-e2e.lock", O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw CocoaError(.fileLocking) }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    struct RenderFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Renders `yaml`'s `environment` into a temporary folder, brings its compose file up with
    /// up.sh (bounded), runs `body` with up.sh's exit code and log, and brings it down — holding
    /// the engine lock throughout. Throws (failing the test) when the stack does not render.
    public static func up(_ yaml: String, environment: String = "development",
                          _ body: (_ exitCode: Int32, _ log: String) throws -> Void) throws {
        try exclusive {
            let work = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: work) }
            try yaml.write(to: work.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
            let out = work.appendingPathComponent("out").path
            let render = try Shipshape.run(["render", work.path, "--env", environment, "--out", out])
            guard render.exitCode == 0 else { throw RenderFailed(description: render.stderr) }
            let file = "\(out)/\(environment)/compose/docker-compose.yml"
            let log = work.appendingPathComponent("runtime.log").path
            defer { _ = try? run("down.sh", [file], log: log) }
            let code = try run("up.sh", [file, "--timeout", "240"], log: log)
            try body(code, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
    }
}
