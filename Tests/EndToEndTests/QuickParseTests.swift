import ArgumentParser
import Testing

@testable import ReportCLI

/// `QuickParse` reads the everyday command lines without ArgumentParser; whatever it accepts it
/// must read exactly as ArgumentParser does, and whatever ArgumentParser rejects it must hand over.
@Suite struct QuickParseTests {
    /// ArgumentParser's reading (with its validation), or nil when it rejects the line or only prints.
    static func viaArgumentParser(_ arguments: [String]) -> Invocation? {
        guard let command = try? ReportCommand.parseAsRoot(arguments) as? ReportCommand else { return nil }
        return command.invocation
    }

    /// Checks one command line; returns whether the quick parser took it.
    @discardableResult
    static func agree(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let slow = viaArgumentParser(arguments)
        switch QuickParse.parse(arguments) {
        case .run(let quick)?:
            #expect(slow == quick, "\(arguments)", sourceLocation: sourceLocation)
            return true
        case .version?:
            Issue.record("\(arguments) read as --version", sourceLocation: sourceLocation)
            return true
        case nil:
            return false
        }
    }

    @Test func theEverydayCommandLinesAreReadWithoutArgumentParserAndAsItReadsThem() {
        let lines: [[String]] = [
            ["--input", "a.json"],
            ["-i", "a.json", "-o", "out", "-q"],
            ["--input", "a.json", "--output", "public/usage", "--title", "Usage: Sales", "--quiet"],
            ["--input", "a.json", "b.json", "c.json", "--output", "batch"],
            ["--input", "-", "--output", "-"],
            ["--input", "a.json", "--input", "b.json", "--concurrency", "2"],
            ["--input", "a.json", "--max-rows", "5", "--summary-rows", "3", "--max-input-bytes", "1000"],
            ["--input", "a.json", "--previous", "last/insights.json", "--config", "c.json", "--templates", "t"],
            ["--input", "a.json", "--threshold", "maxFindings=5", "--threshold", "inactivePercentWatch=15"],
            ["--input", "a.json", "--email"],
            ["--input", "a.json", "--mail-to", "Ops <ops@example.com>", "--mail-to", "b@example.com", "--mail-subject", "Weekly"],
            ["--input", "a.json", "--mail-from", "Reports <reports@example.com>"],
            ["--input", "a.json", "--check", "activity.activePercent >= 40", "--check", "users.total < 1000"],
            ["--quiet", "--input", "a.json", "--output", "o", "--max-rows", "+7"],
            ["--input", "a.json", "more.json"],
        ]
        for line in lines {
            #expect(Self.agree(line), "\(line) was left to ArgumentParser")
        }
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        let lines: [[String]] = [
            [], ["--help"], ["-h"], ["help"], ["--version", "--input", "a.json"], ["--generate-completion-script", "bash"],
            ["--input"], ["--input", "a.json", "--output"], ["--input", "a.json", "--"],
            ["--input=a.json"], ["--input", "a.json", "--output", "a", "--output", "b"], ["--input", "a.json", "--max-rows", "0"],
            ["--input", "a.json", "--max-rows", "-3"], ["--input", "a.json", "--max-rows", "many"], ["--input", "", "--quiet"],
            ["--input", "a.json", "-", "--quiet"], ["--input", "-", "--previous", "-"], ["--input", "a.json", "--previous", ""],
            ["--input", "a.json", "--output", ""], ["--input", "a.json", "--title", "-x"], ["--input", "a.json", "-qi", "b"],
            ["--input", "a.json", "--threshold", "nonsense=1"], ["--input", "a.json", "--check", "no operator"],
            ["--input", "a.json", "--mail-to", "not an address <"], ["--input", "a.json", "--concurrency", "0"],
            ["--input", "a.json", "--url", "https://example.com"], ["--url", "https://example.com", "--project", "p"],
            ["--input", "a.json", "--api-key", "secret"], ["--input", "a.json", "--unknown"],
        ]
        for line in lines {
            #expect(QuickParse.parse(line) == nil, "\(line) was read by the quick parser")
        }
    }

    @Test func versionIsReadQuicklyAndMatchesArgumentParsersAnswer() {
        #expect(QuickParse.parse(["--version"]) == .version)
        do {
            _ = try ReportCommand.parseAsRoot(["--version"])
            Issue.record("ArgumentParser did not treat --version as a request")
        } catch {
            #expect(ReportCommand.fullMessage(for: error) == ReportCommand.version)
        }
    }

    @Test func randomCommandLinesAreEitherReadAsArgumentParserReadsThemOrLeftToIt() {
        let words = [
            "--input", "-i", "--output", "-o", "--title", "--max-rows", "--summary-rows", "--templates", "--max-input-bytes",
            "--quiet", "-q", "--previous", "--config", "--threshold", "--email", "--mail-from", "--mail-to", "--mail-subject",
            "--check", "--github-summary", "--concurrency", "--url", "--project", "--help", "--version", "--", "--output=x",
            "-x", "a.json", "b.json", "-", "", "5", "0", "-3", "64", "65", "maxFindings=5", "bogus=1",
            "activity.activePercent >= 40", "Ops <ops@example.com>", "bad <", "out dir", "Usage: Sales",
        ]
        var rng = SplitMix(state: 14)
        var accepted = 0
        for _ in 0..<600 {
            var line = ["--input", "a.json"]
            for _ in 0..<Int(rng.next() % 6) { line.append(words[Int(rng.next() % UInt64(words.count))]) }
            if rng.next() % 3 == 0 { line.removeFirst(2) }
            if rng.next() % 2 == 0 { line.shuffle(using: &rng) }
            if Self.agree(line) { accepted += 1 }
        }
        // The comparison meant something: a fair share of the lines was read quickly (83 of the
        // 600 with this seed).
        #expect(accepted >= 50)
    }
}

/// SplitMix64: the same random command lines on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
