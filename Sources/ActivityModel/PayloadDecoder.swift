import Foundation

/// A validated payload and the oddities found in it.
public struct LoadedActivity: Sendable, Equatable {
    public var activity: UserActivity
    public var diagnostics: [Diagnostic]

    public init(activity: UserActivity, diagnostics: [Diagnostic]) {
        self.activity = activity
        self.diagnostics = diagnostics
    }
}

/// Validate: bytes -> ``UserActivity`` + diagnostics, or a ``LoadError`` listing every problem.
public enum PayloadDecoder {
    /// Decodes the JSON of `GET /api/v1/analytics/user-activity/{projectUuid}` (the success
    /// envelope or the bare `UserActivity` object), tolerant of what real servers send.
    public static func decode(_ bytes: [UInt8]) throws(LoadError) -> LoadedActivity {
        // An UTF-8 byte order mark is not JSON, but editors on some systems add one: skip it.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let error = bytes.withUnsafeBufferPointer({ StrictJSON.check($0, from: start) }) {
            let location = "invalid JSON at line \(error.line), column \(error.column): \(error.message)"
            throw .invalid([Problem(path: error.path, message: location)], more: 0)
        }
        let collector = ProblemCollector()
        let decoder = JSONDecoder()
        decoder.userInfo[.problems] = collector
        let document: PayloadDocument
        do {
            let data = start == 0 ? Data(bytes) : Data(bytes[start...])
            document = try decoder.decode(PayloadDocument.self, from: data)
        } catch {
            // The strict check passed, so this is what Foundation refuses beyond JSON's grammar
            // (for example a lone surrogate escape such as "\uD800").
            throw .invalid([Problem(path: "", message: "the JSON could not be decoded: \(describe(error))")], more: 0)
        }
        let (problems, more) = collector.result
        if !problems.isEmpty { throw .invalid(problems, more: more) }
        switch document.content {
        case .serverError(let status, let name, let message)?:
            throw .server(statusCode: status, name: name, message: message)
        case .activity(let raw)?:
            return Normalizer.normalize(raw)
        case nil:
            throw .invalid([Problem(path: "", message: "not a Lightdash user-activity payload")], more: 0)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .dataCorrupted(let ctx), .keyNotFound(_, let ctx), .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
                return ctx.debugDescription
            @unknown default:
                return "unreadable data"
            }
        }
        return "unreadable data"
    }
}
