/// Writes to standard output in large chunks, retrying on `EINTR`; a reader that hung up (`| head`) ends the
/// writing with ``Closed``, which the command treats as a normal end.
package struct StandardOutput: Sendable {
    /// The reader of standard output went away.
    package struct Closed: Error {}

    /// An output on descriptor 1.
    package init() {}

    /// Writes every byte, or throws ``Closed``.
    package func write(_ bytes: [UInt8]) throws {
        do {
            try FileSystem.writeAll(1, bytes, path: "standard output")
        } catch {
            throw Closed()
        }
    }
}
