import Delivery
import Insights

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The everyday command lines, read without ArgumentParser: its parser finds the options by
/// reflection and dynamic casts, about 20 M instructions (most of a small report's time, see
/// docs/performance.md). This reads `report --input ... [options]` with the report's own options
/// and `report --version`, and returns nil for everything else: `--help`, completion scripts, the
/// server options, `--name=value`, a repeated single-value option, a value that starts with `-`,
/// and every mistake, which ArgumentParser then reads, explains or rejects as always. What it
/// accepts it reads exactly as ArgumentParser does (`QuickParseTests` compares the two).
enum QuickParse {
    enum Outcome: Equatable {
        case version
        case run(Invocation)
    }

    /// The options this parser knows. Each single-value option may be given once.
    private enum Name: Hashable {
        case input, output, title, maxRows, summaryRows, templates, maxInputBytes, quiet, previous, config, threshold
        case email, mailFrom, mailTo, mailSubject, check, githubSummary, concurrency
    }

    private static let names: [String: Name] = [
        "-i": .input, "--input": .input, "-o": .output, "--output": .output, "--title": .title, "--max-rows": .maxRows,
        "--summary-rows": .summaryRows, "--templates": .templates, "--max-input-bytes": .maxInputBytes, "-q": .quiet,
        "--quiet": .quiet, "--previous": .previous, "--config": .config, "--threshold": .threshold, "--email": .email,
        "--mail-from": .mailFrom, "--mail-to": .mailTo, "--mail-subject": .mailSubject, "--check": .check,
        "--github-summary": .githubSummary, "--concurrency": .concurrency,
    ]

    /// Options that may be repeated: their values add up.
    private static let repeatable: Set<Name> = [.input, .threshold, .mailTo, .check]

    /// ArgumentParser must read the command line.
    private struct Decline: Error {}

    /// The invocation `arguments` (without the program's name) ask for, or nil when ArgumentParser must read them.
    static func parse(_ arguments: [String], environment: (String) -> String? = variable) -> Outcome? {
        if arguments == ["--version"] { return .version }
        return try? invocation(arguments, environment: environment)
    }

    private static func invocation(_ arguments: [String], environment: (String) -> String?) throws(Decline) -> Outcome {
        var v = Invocation()
        var seen = Set<Name>()
        var email = false
        var mailFrom: String?
        var mailTo: [String] = []
        var mailSubject: String?
        var githubSummary = false
        var k = 0
        /// The next argument when it is a value (`-` is one; `-x`, `--x` and `--` are not).
        func value() -> String? {
            guard k < arguments.count else { return nil }
            let next = arguments[k]
            if next.utf8.first == 0x2D && next != "-" { return nil }
            k += 1
            return next
        }
        func text() throws(Decline) -> String {
            guard let s = value() else { throw Decline() }
            return s
        }
        func number() throws(Decline) -> Int {
            guard let n = Int(try text()) else { throw Decline() }
            return n
        }
        while k < arguments.count {
            guard let name = names[arguments[k]] else { throw Decline() }
            k += 1
            if !repeatable.contains(name) && !seen.insert(name).inserted { throw Decline() }
            switch name {
            case .input:
                v.input.append(try text())
                while let path = value() { v.input.append(path) }
            case .output: v.output = try text()
            case .title: v.title = try text()
            case .maxRows: v.maxRows = try number()
            case .summaryRows: v.summaryRows = try number()
            case .templates: v.templates = try text()
            case .maxInputBytes: v.maxInputBytes = try number()
            case .quiet: v.quiet = true
            case .previous: v.previous = try text()
            case .config: v.config = try text()
            case .threshold:
                guard let assignment = try? ThresholdAssignment(parsing: try text()) else { throw Decline() }
                v.thresholds.append(assignment)
            case .email: email = true
            case .mailFrom: mailFrom = try text()
            case .mailTo: mailTo.append(try text())
            case .mailSubject: mailSubject = try text()
            case .check:
                guard let check = try? Check(parsing: try text()) else { throw Decline() }
                v.checks.append(check)
            case .githubSummary: githubSummary = true
            case .concurrency: v.server.concurrency = try number()
            }
        }
        // Reports from a server (and their usage errors) are ArgumentParser's.
        guard !v.input.isEmpty else { throw Decline() }
        v.send = Invocation.sendSettings(v.server)
        v.email = DeliveryOptions.emailOptions(email: email, mailFrom: mailFrom, mailTo: mailTo, mailSubject: mailSubject)
        if let options = v.email {
            do {
                try options.validate()
            } catch {
                throw Decline()
            }
        }
        if githubSummary {
            guard let file = environment("GITHUB_STEP_SUMMARY"), !file.isEmpty else { throw Decline() }
            v.stepSummaryFile = file
        }
        guard ServerOptions.concurrencyRange.contains(v.server.concurrency),
            Invocation.usageProblem(
                input: v.input, output: v.output, maxRows: v.maxRows, summaryRows: v.summaryRows,
                maxInputBytes: v.maxInputBytes, previous: v.previous, serverUsed: false) == nil
        else { throw Decline() }
        return .run(v)
    }

    /// An environment variable.
    static func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
