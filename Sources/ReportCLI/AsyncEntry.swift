import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ReportCommand {
    /// The async entry point, spelled out: in `main.swift`, `ReportCommand.main()` would pick the
    /// synchronous one, which cannot run an async command. The everyday command lines skip
    /// ArgumentParser (``QuickParse``); everything else goes through it.
    public static func runAsMain() async {
        switch QuickParse.parse(Array(CommandLine.arguments.dropFirst())) {
        case .version?:
            StandardOutput.writeLines([version])
            terminate(0)
        case .run(let invocation)?:
            terminate(await invocation.run().rawValue)
        case nil:
            break
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Ends the process with `status` (`exit(3)`, named apart from ArgumentParser's `exit(withError:)`).
private func terminate(_ status: Int32) -> Never { exit(status) }
