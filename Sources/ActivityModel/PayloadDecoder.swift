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
    /// envelope or the bare `UserActivity` object), tolerant of what real servers send and
    /// strict about JSON itself. One pass over the bytes, straight into typed values.
    public static func decode(_ bytes: [UInt8]) throws(LoadError) -> LoadedActivity {
        let outcome = bytes.withUnsafeBufferPointer { read($0, progress: nil) }
        return try finish(outcome)
    }

    /// ``decode(_:)`` over bytes in memory that may be a mapped file: `progress` is called now
    /// and then with the offset read so far (everything before it is not read again, except to
    /// count lines for an error message), so that a caller can give those pages back.
    public static func decode(
        _ buffer: UnsafeBufferPointer<UInt8>, progress: ((Int) -> Void)?
    ) throws(LoadError) -> LoadedActivity {
        try finish(read(buffer, progress: progress))
    }

    private static func read(
        _ buffer: UnsafeBufferPointer<UInt8>, progress: ((Int) -> Void)?
    ) -> Result<Result<PayloadDocument.Content, Problems>, JSONReader.SyntaxError> {
        // A UTF-8 byte order mark is not JSON, but editors on some systems add one: skip it.
        let start = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var reader = JSONReader(buffer, from: start)
        reader.progress = progress
        do throws(JSONReader.SyntaxError) {
            return .success(try PayloadDocument.read(&reader))
        } catch {
            return .failure(error)
        }
    }

    private static func finish(
        _ outcome: Result<Result<PayloadDocument.Content, Problems>, JSONReader.SyntaxError>
    ) throws(LoadError) -> LoadedActivity {
        switch outcome {
        case .failure(let error):
            let location = "invalid JSON at line \(error.line), column \(error.column): \(error.message)"
            throw .invalid([Problem(path: error.path, message: location)], more: 0)
        case .success(.failure(let problems)):
            throw .invalid(problems.list, more: problems.more)
        case .success(.success(.serverError(let status, let name, let message))):
            throw .server(statusCode: status, name: name, message: message)
        case .success(.success(.activity(let raw))):
            return Normalizer.normalize(raw)
        }
    }
}
