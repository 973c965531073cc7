/// A file could not be opened, read, written, flushed or renamed: the one error every file operation throws.
///
/// It names the path and what was being done, and says the system's reason once, for example
/// `/cases/a/objects/ab/ab12…: could not flush to disk (No space left on device)`.
public struct IOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder concerned.
    public var path: String
    /// What was being done, as a verb phrase: `open for reading`, `write`, `rename x into place`.
    public var operation: String
    /// The system's explanation (`strerror`), or our own words when no system call failed.
    public var reason: String
    /// The system error number, when a system call failed.
    public var errno: Int32?

    /// An error for `operation` on `path`.
    public init(path: String, operation: String, reason: String, errno: Int32? = nil) {
        self.path = path
        self.operation = operation
        self.reason = reason
        self.errno = errno
    }

    /// `<path>: could not <operation> (<reason>)`.
    public var description: String { "\(path): could not \(operation) (\(reason))" }
}
