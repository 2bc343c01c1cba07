import Foundation
import TestSupport
import Testing

@Suite("The process runner and the recorder")
struct ProcessTests {
    static let sh = URL(fileURLWithPath: "/bin/sh")

    @Test("a child gets stdin and the environment overlay without the removed keys; its output and status come back")
    func runsAChild() throws {
        let r = try runProcess(
            Self.sh, ["-c", #"cat; printf '%s %s' "$ONE" "${HOME-removed}" >&2; exit 3"#], stdin: Array("from stdin".utf8),
            environment: ["ONE": "overlaid"], removing: ["HOME"])
        #expect(r.status == 3)
        #expect(r.stdout == "from stdin")
        #expect(r.stderr == "overlaid removed")
    }

    @Test("a child that outlives the timeout is stopped and the test records an issue")
    func timeoutStopsTheChild() throws {
        var result: ProcessResult?
        try withKnownIssue {
            result = try runProcess(Self.sh, ["-c", "exec sleep 600"], timeout: 0.2)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("did not finish within") }
        }
        #expect(result.map { $0.status != 0 } == true)
    }

    @Test("the default timeout is a safety net of minutes, not a bound on speed")
    func defaultTimeoutIsGenerous() {
        #expect(processTimeout >= 300)
    }

    @Test("the recorder keeps every value appended from many threads")
    func recorderKeepsConcurrentAppends() {
        let recorder = Recorder<Int>()
        DispatchQueue.concurrentPerform(iterations: 1000) { recorder.append($0) }
        #expect(recorder.values.sorted() == Array(0..<1000))
    }
}
