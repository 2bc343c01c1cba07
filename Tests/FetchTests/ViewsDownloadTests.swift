import ActivitySource
import Foundation
import Testing

@testable import ReportCLI
@testable import ReportPipeline

/// `--views auto`: `POST .../download`, then the link it returns, with each kind of link the
/// server versions give (docs: lightdash-more-endpoints.md §1). The token goes only to the
/// configured server, never to the S3 stand-in, also across redirects.
@Suite("Downloading the views CSV")
struct ViewsDownloadTests {
    static let project = FakeLightdash.uuid(7)
    static let csv =
        "type,timestamp,uuid,name,user_uuid,user_first_name,user_last_name,space_name\n"
        + "dashboard,2026-02-11T09:14:02Z,d1,\"Revenue, EMEA\",u1,Ann,,Sales\n"
        + "chart,2026-02-11T09:14:02Z,c1,Orders,u1,Ann,,Sales\n" + "chart,2026-02-10T08:00:00Z,c1,Orders,,,,Sales\n"

    /// Where the download's link points.
    enum Link {
        /// `{SITE_URL}/api/v1/projects/{uuid}/csv/{id}` on the configured host (needs the token).
        case sameHost
        /// A pre-signed URL on another host (the S3 stand-in).
        case s3
        /// `/api/v1/file/{id}` on the configured host, answered by a 302 to the S3 stand-in.
        case redirectToS3
        /// The configured server under another host name (SITE_URL differs from --url): 404 there.
        case otherSiteURL
        /// A link that has expired: 404.
        case expired
    }

    /// The Lightdash stand-in: the fake's payload routes plus the download and the file routes.
    static func lightdash(_ link: Link, s3: @escaping @Sendable () -> String, post: Reply? = nil) throws -> TestServer.Route {
        let fake = FakeLightdash(projects: [.init(uuid: project, name: "Sales", payload: try FetchPaths.sample("sample-small.json"))])
        return { request, before in
            let authorized = request.header("authorization") == "ApiKey \(Tokens.personal)"
            let host = request.header("host") ?? ""
            if request.uri == "/api/v1/analytics/user-activity/\(project)/download" {
                guard request.method == "POST" else { return .apiError(404, "NotFoundError", "Route not found") }
                guard authorized else { return .apiError(401, "AuthorizationError", "Failed to authorize user") }
                if let post { return post }
                let port = host.split(separator: ":").last.map(String.init) ?? ""
                let url: String
                switch link {
                case .sameHost: url = "http://\(host)/api/v1/projects/\(project)/csv/abc123"
                case .s3: url = s3() + "/bucket/csv-lightdash_raw_usage_analytics_csv.csv?X-Amz-Expires=259200&X-Amz-Signature=feed"
                case .redirectToS3: url = "http://\(host)/api/v1/file/AbCdEfGhIjKlMnOpQrStU"
                case .otherSiteURL: url = "http://localhost:\(port)/api/v1/file/AbCdEfGhIjKlMnOpQrStU"
                case .expired: url = "http://\(host)/api/v1/file/expired"
                }
                return .json(200, #"{"status":"ok","results":"\#(url)"}"#)
            }
            if request.uri == "/api/v1/projects/\(project)/csv/abc123" {
                return authorized
                    ? .answer(status: 200, headers: [("Content-Type", "text/csv")], body: Array(csv.utf8))
                    : .apiError(401, "AuthorizationError", "Failed to authorize user")
            }
            if request.uri == "/api/v1/file/AbCdEfGhIjKlMnOpQrStU" {
                switch link {
                case .redirectToS3:
                    return .answer(status: 302, headers: [("Location", s3() + "/bucket/f.csv?X-Amz-Expires=300")], body: [])
                default:
                    // Bound to its creator: the configured host with the token gets the file, anyone else a 404.
                    guard authorized, host.hasPrefix("127.0.0.1") else { return .apiError(404, "NotFoundError", "File not found") }
                    return .answer(status: 200, headers: [("Content-Type", "text/csv; charset=utf-8")], body: Array(csv.utf8))
                }
            }
            if request.uri == "/api/v1/file/expired" { return .apiError(404, "NotFoundError", "This download link has expired") }
            return fake.answer(request, before)
        }
    }

    /// S3: a pre-signed URL that also carries Authorization is refused, as AWS does.
    static let s3Route: TestServer.Route = { request, _ in
        if request.header("authorization") != nil {
            return .answer(
                status: 400, headers: [],
                body: Array("<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>".utf8))
        }
        return .answer(status: 200, headers: [("Content-Type", "text/csv")], body: Array(csv.utf8))
    }

    /// Runs `--project P --views auto` against a Lightdash stand-in answering with `link`.
    static func run(_ link: Link, post: Reply? = nil) async throws -> (FetchOutcome, TestServer, TestServer) {
        let s3 = try await TestServer.start(s3Route)
        let s3Base = "http://localhost:\(s3.port)"
        let server = try await TestServer.start(try lightdash(link, s3: { s3Base }, post: post))
        let run = try await runFetch(["--project", project], server: server, configure: { $0.views = "auto" })
        return (run, server, s3)
    }

    static func views(_ run: FetchOutcome) throws -> [String: Any] {
        let data = try Data(contentsOf: run.output.appendingPathComponent("insights.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["views"] as? [String: Any] ?? [:]
    }

    static func expectTheThreeViews(_ run: FetchOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(run.status == .ok, "\(run.stderr)", sourceLocation: sourceLocation)
        let v = try views(run)
        #expect(v["views"] as? Int == 3, sourceLocation: sourceLocation)
        #expect(v["anonymousViews"] as? Int == 1, sourceLocation: sourceLocation)
        #expect(v["viewers"] as? Int == 1, sourceLocation: sourceLocation)
        expectNoToken(in: run.output)
    }

    @Test func aLinkOnTheConfiguredHostIsFetchedWithTheToken() async throws {
        let (run, server, s3) = try await Self.run(.sameHost)
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        try Self.expectTheThreeViews(run)
        let post = try #require(server.requests(path: "/api/v1/analytics/user-activity/\(Self.project)/download").first)
        #expect(post.method == "POST")
        #expect(post.header("authorization") == "ApiKey \(Tokens.personal)")
        #expect(
            server.requests(path: "/api/v1/projects/\(Self.project)/csv/abc123").first?.header("authorization")
                == "ApiKey \(Tokens.personal)")
        #expect(s3.requests.isEmpty)
    }

    @Test func aPreSignedLinkOnAnotherHostGetsNoAuthorization() async throws {
        let (run, server, s3) = try await Self.run(.s3)
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        try Self.expectTheThreeViews(run)
        #expect(s3.requests.count == 1)
        #expect(s3.requests.allSatisfy { $0.header("authorization") == nil && $0.header("proxy-authorization") == nil })
        // The pre-signed query is a credential too: messages name the link without it.
        #expect(!run.stderr.contains("X-Amz-Signature"))
    }

    @Test func aRedirectToAnotherHostDropsTheToken() async throws {
        let (run, server, s3) = try await Self.run(.redirectToS3)
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        try Self.expectTheThreeViews(run)
        #expect(server.requests(path: "/api/v1/file/AbCdEfGhIjKlMnOpQrStU").first?.header("authorization") == "ApiKey \(Tokens.personal)")
        #expect(s3.requests.count == 1)
        #expect(s3.requests.first?.header("authorization") == nil)
    }

    @Test func aLinkNamingAnotherSiteURLIsTriedWithoutTheTokenThenOnTheConfiguredHost() async throws {
        let (run, server, s3) = try await Self.run(.otherSiteURL)
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        try Self.expectTheThreeViews(run)
        let hits = server.requests(path: "/api/v1/file/AbCdEfGhIjKlMnOpQrStU")
        #expect(hits.count == 2)
        #expect(hits.first?.header("host")?.hasPrefix("localhost") == true)
        #expect(hits.first?.header("authorization") == nil)
        #expect(hits.last?.header("host") == "127.0.0.1:\(server.port)")
        #expect(hits.last?.header("authorization") == "ApiKey \(Tokens.personal)")
    }

    @Test func anExpiredLinkFailsTheProjectWithExit69AndSaysToAskAgain() async throws {
        let (run, server, s3) = try await Self.run(.expired)
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        #expect(run.status == .unavailable)
        #expect(run.stderr.contains("This download link has expired"))
        #expect(run.stderr.contains("request a new one"))
        #expect(!FileManager.default.fileExists(atPath: run.output.appendingPathComponent("report.html").path))
    }

    @Test func anEmptyProjectsNotFoundGivesAViewsPartWithNoViews() async throws {
        let (run, server, s3) = try await Self.run(.sameHost, post: .apiError(404, "NotFoundError", "No user activity data found"))
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        #expect(run.status == .ok, "\(run.stderr)")
        let v = try Self.views(run)
        #expect(v["views"] as? Int == 0)
        #expect((v["window"] as? [String: Any])?["covers"] as? String == "no views in the export")
    }

    @Test func anOlderServersFiveHundredFailsWithAHint() async throws {
        let (run, server, s3) = try await Self.run(
            .sameHost, post: .apiError(500, "UnexpectedServerError", "Cannot read properties of undefined"))
        defer {
            Task {
                await server.stop()
                await s3.stop()
            }
        }
        #expect(run.status == .unavailable)
        #expect(run.stderr.contains("older servers answer 500 when the project has no views"))
    }

    @Test func theOneHostRuleComparesSchemeHostAndPort() throws {
        let base = ServerEndpoint(scheme: "https", host: "lightdash.example.com", port: nil, prefix: "")
        #expect(base.isSameOrigin("https://lightdash.example.com/api/v1/file/x"))
        #expect(base.isSameOrigin("https://LIGHTDASH.example.com:443/api/v1/file/x"))
        #expect(!base.isSameOrigin("http://lightdash.example.com/api/v1/file/x"))
        #expect(!base.isSameOrigin("https://lightdash.example.com:8443/api/v1/file/x"))
        #expect(!base.isSameOrigin("https://lightdash.example.com.evil.test/api/v1/file/x"))
        #expect(!base.isSameOrigin("https://bucket.s3.amazonaws.com/x.csv?X-Amz-Expires=1"))
        #expect(!base.isSameOrigin("https://user@lightdash.example.com/api/v1/file/x"))
    }
}
