import Foundation

/// A throwaway RFC 3161 authority for the tests: `Fixtures/TSA/make-tsa.sh` makes two CAs with a time-stamping
/// certificate each, and `Fixtures/TSA/tsa_server.py` answers on loopback with `openssl ts -reply`.
/// Started by `init`, stopped (process ended, folder removed) by `stop()`.
final class LocalTimeStampAuthority {
    static let scripts = TestSupport.packageRoot.appendingPathComponent("Tests/EvidenceKitTests/Fixtures/TSA")

    let folder: URL
    let port: Int
    private let serverPID: Int32

    init() throws {
        folder = try TestSupport.temporaryDirectory("tsa")
        let made = try TestSupport.run(URL(fileURLWithPath: "/bin/bash"),
                                       [Self.scripts.appendingPathComponent("make-tsa.sh").path, folder.path])
        guard made.status == 0 else { throw Failure(description: "make-tsa.sh: \(made.stderr)") }
        // Started in the background by a shell, which prints its process id; the server closes every descriptor
        // it inherits, or the test's pipes to other tools would not see end-of-file while it runs.
        let portFile = folder.appendingPathComponent("port")
        let started = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), [
            "-c", "python3 \"$0\" \"$1\" \"$2\" </dev/null >/dev/null 2>&1 & echo $!",
            Self.scripts.appendingPathComponent("tsa_server.py").path, folder.path, portFile.path,
        ])
        guard let pid = Int32(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "tsa_server.py did not start: \(started.stderr)")
        }
        serverPID = pid
        // The server writes the port it was given once it listens; wait up to 20 s for it.
        var port: Int?
        for _ in 0..<200 where port == nil {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard let port else {
            _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/kill"), ["-KILL", String(pid)])
            throw Failure(description: "tsa_server.py did not start")
        }
        self.port = port
    }

    /// The authority's address; `path` picks its behaviour (`/other`, `/error`, `/garbage`, see tsa_server.py).
    func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The CA the main authority chains to, and the one the other authority chains to.
    var caPath: String { folder.appendingPathComponent("ca.pem").path }
    var otherCAPath: String { folder.appendingPathComponent("other-ca.pem").path }

    func stop() {
        // SIGKILL: the server inherits the test process's signal mask, in which SIGTERM may be blocked.
        _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/kill"), ["-KILL", String(serverPID)])
        try? FileManager.default.removeItem(at: folder)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
