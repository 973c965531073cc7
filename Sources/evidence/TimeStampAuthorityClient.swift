import EvidenceCrypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends an RFC 3161 request to a time-stamp authority by HTTP POST (RFC 3161 section 3.4), with Foundation's
/// `URLSession` (libcurl on Linux, so `https://` works as well as `http://`). The only network access of the tool,
/// made only when the person passes `--tsa`.
struct TimeStampAuthorityClient {
    /// What went wrong talking to the authority, in a sentence.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// How long to wait for the authority before giving up.
    var timeout: TimeInterval = 30

    /// Posts `request` to `url` and returns the body of a `200` reply (not yet checked).
    func reply(to request: TimeStampRequest, from url: URL) throws -> [UInt8] {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw Failure(description: "\(url.absoluteString) is not an http:// or https:// address")
        }
        var post = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        post.httpMethod = "POST"
        post.setValue("application/timestamp-query", forHTTPHeaderField: "Content-Type")
        post.httpBody = Data(try request.derRepresentation())

        let exchange = Exchange()
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: post) { data, response, error in exchange.finish(data, response, error) }.resume()
        let (data, response, error) = exchange.wait()
        if let error {
            throw Failure(description: "\(url.absoluteString) could not be reached (\(error.localizedDescription))")
        }
        guard let response = response as? HTTPURLResponse else {
            throw Failure(description: "\(url.absoluteString) gave no HTTP answer")
        }
        guard response.statusCode == 200 else {
            throw Failure(description: "\(url.absoluteString) answered HTTP \(response.statusCode) "
                          + "(\(HTTPURLResponse.localizedString(forStatusCode: response.statusCode)))")
        }
        let body = data ?? Data()
        guard body.count <= TimeStampResponse.maximumByteCount else {
            throw Failure(description: "\(url.absoluteString) answered with \(body.count) bytes, too many for a time-stamp")
        }
        return [UInt8](body)
    }

    /// One request's outcome, handed from URLSession's queue to the waiting caller.
    private final class Exchange: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var outcome: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)

        func finish(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?) {
            lock.withLock { outcome = (data, response, error) }
            done.signal()
        }

        func wait() -> (Data?, URLResponse?, (any Error)?) {
            done.wait()
            return lock.withLock { outcome }
        }
    }
}
