import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A request as the test server received it.
struct RecordedRequest: Sendable {
    var method: String
    var uri: String
    /// Header names lowercased; values in the order received.
    var headers: [String: [String]]
    /// When it arrived (real time).
    var time: Date

    func header(_ name: String) -> String? { headers[name.lowercased()]?.first }
}

/// What the server does with a request: well-formed answers, and every fault the client must survive.
indirect enum Reply: Sendable {
    /// A complete answer with `Content-Length`.
    case answer(status: Int, headers: [(String, String)], body: [UInt8])
    /// A head announcing `Content-Length: announced`, then `body` (shorter), then the connection closes.
    case truncated(status: Int, announced: Int, body: [UInt8])
    /// A chunked answer whose first chunk is `body`, then the connection closes mid-body.
    case closedMidBody(status: Int, body: [UInt8])
    /// Waits, then answers.
    case delayed(seconds: Double, Reply)
    /// Closes the connection without a word.
    case hangUp
    /// The head at once (no `Content-Length`), then `body` one byte every `interval` seconds.
    case trickle(status: Int, body: [UInt8], interval: Double)
    /// Waits until `ready` says so (asked every 10 ms, at most 60 s), then answers.
    case whenReady(@Sendable () -> Bool, Reply)

    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Reply {
        .answer(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: Array(text.utf8))
    }

    static func json(_ status: Int, bytes: [UInt8], headers: [(String, String)] = []) -> Reply {
        .answer(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: bytes)
    }

    /// Lightdash's `ApiErrorPayload`.
    static func apiError(_ status: Int, _ name: String, _ message: String, headers: [(String, String)] = []) -> Reply {
        let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return json(
            status, #"{"status":"error","error":{"statusCode":\#(status),"name":"\#(name)","message":"\#(escaped)","data":{}}}"#,
            headers: headers)
    }
}

/// An HTTP/1.1 server on 127.0.0.1 (a free port), in-process, with SwiftNIO. Every request is
/// recorded; `route` decides each answer from the request and how many requests came before
/// for the same path (0 for the first).
final class TestServer: Sendable {
    typealias Route = @Sendable (RecordedRequest, Int) -> Reply

    private let channel: any Channel
    let port: Int
    private let state: NIOLockedValueBox<[RecordedRequest]>

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [RecordedRequest] { state.withLockedValue { $0 } }
    func requests(path: String) -> [RecordedRequest] { requests.filter { $0.uri == path } }

    private init(channel: any Channel, port: Int, state: NIOLockedValueBox<[RecordedRequest]>) {
        self.channel = channel
        self.port = port
        self.state = state
    }

    /// With `tls`, the server speaks HTTPS with that context (a self-signed certificate in the tests).
    static func start(tls: NIOSSLContext? = nil, _ route: @escaping Route) async throws -> TestServer {
        let state = NIOLockedValueBox<[RecordedRequest]>([])
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    try channel.pipeline.syncOperations.addHandler(Handler(route: route, state: state))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw TestServerError.noPort }
        return TestServer(channel: channel, port: port, state: state)
    }

    func stop() async {
        try? await channel.close()
    }

    enum TestServerError: Error { case noPort }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        // Used on its channel's event loop only.
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = ByteBuffer

        let route: Route
        let state: NIOLockedValueBox<[RecordedRequest]>
        var current: RecordedRequest?

        init(route: @escaping Route, state: NIOLockedValueBox<[RecordedRequest]>) {
            self.route = route
            self.state = state
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                var headers: [String: [String]] = [:]
                for (name, value) in head.headers { headers[name.lowercased(), default: []].append(value) }
                current = RecordedRequest(method: head.method.rawValue, uri: head.uri, headers: headers, time: Date())
            case .body:
                break
            case .end:
                guard let request = current else { return }
                current = nil
                let before = state.withLockedValue { list in
                    let n = list.filter { $0.uri == request.uri }.count
                    list.append(request)
                    return n
                }
                perform(route(request, before), context: context)
            }
        }

        func perform(_ reply: Reply, context: ChannelHandlerContext) {
            let channel = context.channel
            switch reply {
            case .delayed(let seconds, let inner):
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
                    let (handler, ctx) = loopBound.value
                    if channel.isActive { handler.perform(inner, context: ctx) }
                }
            case .hangUp:
                context.close(promise: nil)
            case .trickle(let status, let body, let interval):
                let head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: head)), promise: nil)
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                for (i, byte) in body.enumerated() {
                    context.eventLoop.scheduleTask(in: .nanoseconds(Int64(Double(i + 1) * interval * 1e9))) {
                        let (handler, ctx) = loopBound.value
                        guard channel.isActive else { return }
                        ctx.writeAndFlush(handler.wrapOutboundOut(ctx.channel.allocator.buffer(bytes: [byte])), promise: nil)
                    }
                }
            case .whenReady(let ready, let inner):
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let loop = context.eventLoop
                @Sendable func poll(_ left: Int) {
                    loop.scheduleTask(in: .milliseconds(10)) {
                        let (handler, ctx) = loopBound.value
                        guard channel.isActive else { return }
                        if ready() || left == 0 { handler.perform(inner, context: ctx) } else { poll(left - 1) }
                    }
                }
                poll(6000)
            case .answer(let status, let headers, let body):
                var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
                for (name, value) in headers { text += "\(name): \(value)\r\n" }
                text += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
                send(Array(text.utf8) + body, context: context)
            case .truncated(let status, let announced, let body):
                let text =
                    "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: application/json\r\nContent-Length: \(announced)\r\nConnection: close\r\n\r\n"
                send(Array(text.utf8) + body, context: context)
            case .closedMidBody(let status, let body):
                var text =
                    "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                text += String(body.count, radix: 16) + "\r\n"
                send(Array(text.utf8) + body + Array("\r\n".utf8), context: context)
            }
        }

        func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
            let buffer = context.channel.allocator.buffer(bytes: bytes)
            context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { [channel = context.channel] _ in
                channel.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }

        static func reason(_ status: Int) -> String {
            switch status {
            case 200: return "OK"
            case 302: return "Found"
            case 401: return "Unauthorized"
            case 403: return "Forbidden"
            case 404: return "Not Found"
            case 422: return "Unprocessable Entity"
            case 429: return "Too Many Requests"
            case 500: return "Internal Server Error"
            case 502: return "Bad Gateway"
            case 503: return "Service Unavailable"
            case 504: return "Gateway Timeout"
            default: return "Status"
            }
        }
    }
}
